// .npy bytes: numpy's files read, the writer reproduces numpy's bytes exactly,
// round trips, hostile headers rejected with a message naming the problem, and
// datasetFromArrays' shape rules.
#include "core/data/npy.h"
#include "data_test_support.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace linearlab::data;
using linearlab::nn::Matrix;
using namespace datatest;

Q_DECLARE_METATYPE(std::string)

namespace {

// A .npy file with an arbitrary header dict, padded as numpy pads (or not, when
// `pad` is false), for building malformed inputs.
std::string makeNpy(const std::string& dict, const std::string& data, int major = 1,
                    bool pad = true) {
    std::string header = dict;
    const size_t lenBytes = major == 1 ? 2 : 4;
    if (pad) {
        const size_t hlen = header.size() + 1;
        header.append(64 - ((8 + lenBytes + hlen) % 64), ' ');
        header += '\n';
    }
    std::string out("\x93NUMPY", 6);
    out += static_cast<char>(major);
    out += '\0';
    for (size_t i = 0; i < lenBytes; ++i)
        out += static_cast<char>((header.size() >> (8 * i)) & 0xFF);
    return out + header + data;
}

std::string dict(const std::string& descr, const std::string& fortran, const std::string& shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
}

}  // namespace

class TestNpy : public QObject {
    Q_OBJECT

private slots:
    void readsNumpyFiles();
    void readsVersions2And3();
    void writerMatchesNumpyBytes_data();
    void writerMatchesNumpyBytes();
    void dataStartsOn64ByteBoundary();
    void roundTrip_data();
    void roundTrip();
    void matrixRoundTrip();
    void malformed_data();
    void malformed();
    void fortranOrderFixtureRejected();
    void datasetFromArraysClassification();
    void datasetFromArraysRegression();
    void datasetFromArraysErrors_data();
    void datasetFromArraysErrors();
};

void TestNpy::readsNumpyFiles() {
    const NpyArray f4 = fixtureArray("f4_2x3.npy");
    QCOMPARE(f4.dtype, std::string("<f4"));
    QCOMPARE(f4.shape, (std::vector<Index>{2, 3}));
    for (Index i = 0; i < 6; ++i)
        QCOMPARE(f4.valueAt(i), static_cast<double>(i) * 0.5 - 1.0);

    const NpyArray f8 = fixtureArray("f8_5.npy");
    QCOMPARE(f8.shape, (std::vector<Index>{5}));
    QCOMPARE(f8.valueAt(0), 0.1);
    QCOMPARE(f8.valueAt(2), 1e300);
    QVERIFY(std::signbit(f8.valueAt(3)));

    const NpyArray i8 = fixtureArray("i8_2x2x2.npy");
    QCOMPARE(i8.shape, (std::vector<Index>{2, 2, 2}));
    QVERIFY(i8.isInteger());
    for (Index i = 0; i < 8; ++i)
        QCOMPARE(i8.intAt(i), static_cast<int64_t>(i - 3));

    const NpyArray i4 = fixtureArray("i4_4.npy");
    QCOMPARE(i4.intAt(1), int64_t{-1});
    QCOMPARE(i4.intAt(3), int64_t{2147483647});

    const NpyArray u1 = fixtureArray("u1_3.npy");
    QCOMPARE(u1.dtype, std::string("|u1"));
    QCOMPARE(u1.intAt(2), int64_t{255});

    const NpyArray scalar = fixtureArray("f4_scalar.npy");
    QVERIFY(scalar.shape.empty());
    QCOMPARE(scalar.numel(), Index{1});
    QCOMPARE(scalar.valueAt(0), 1.5);

    const NpyArray empty = fixtureArray("f4_0x3.npy");
    QCOMPARE(empty.shape, (std::vector<Index>{0, 3}));
    QCOMPARE(empty.numel(), Index{0});
    QVERIFY(empty.data.empty());
}

void TestNpy::readsVersions2And3() {
    const NpyArray v2 = fixtureArray("f8_v2.npy");
    QCOMPARE(v2.shape, (std::vector<Index>{1, 2}));
    QCOMPARE(v2.valueAt(1), 2.0);
    const NpyArray v3 = fixtureArray("f4_v3.npy");
    QCOMPARE(v3.shape, (std::vector<Index>{3}));
    QCOMPARE(v3.valueAt(2), 6.0);
}

void TestNpy::writerMatchesNumpyBytes_data() {
    QTest::addColumn<QString>("file");
    for (const char* f : {"f4_2x3.npy", "f8_5.npy", "i8_2x2x2.npy", "i4_4.npy", "u1_3.npy",
                          "f4_scalar.npy", "f4_0x3.npy", "f4_long_axis.npy"})
        QTest::newRow(f) << QString(f);
    for (int rank = 1; rank <= 12; ++rank) {
        const QString f = QStringLiteral("f4_rank%1.npy").arg(rank);
        QTest::newRow(qPrintable(f)) << f;
    }
}

void TestNpy::writerMatchesNumpyBytes() {
    QFETCH(QString, file);
    const std::string numpyBytes = fixtureBytes(file);
    QVERIFY(!numpyBytes.empty());
    const std::string ours = writeNpy(parseNpy(numpyBytes));
    QCOMPARE(QByteArray::fromStdString(ours), QByteArray::fromStdString(numpyBytes));
}

void TestNpy::dataStartsOn64ByteBoundary() {
    for (int rank = 0; rank <= 12; ++rank) {
        const std::vector<Index> shape(static_cast<size_t>(rank), 1);
        const std::string bytes = writeNpy(NpyArray::fromDoubles("<f8", shape, {42.0}));
        QCOMPARE((bytes.size() - 8) % 64, size_t{0});
        QCOMPARE(bytes[bytes.size() - 9], '\n');
    }
}

void TestNpy::roundTrip_data() {
    QTest::addColumn<QString>("dtype");
    QTest::newRow("<f4") << "<f4";
    QTest::newRow("<f8") << "<f8";
    QTest::newRow("<i8") << "<i8";
}

void TestNpy::roundTrip() {
    QFETCH(QString, dtype);
    const std::vector<double> values{1.0, -2.0, 3.0, 0.0, 5.0, -6.0};
    const NpyArray a = NpyArray::fromDoubles(dtype.toStdString(), {3, 2}, values);
    const NpyArray b = parseNpy(writeNpy(a));
    QCOMPARE(b.dtype, a.dtype);
    QCOMPARE(b.shape, a.shape);
    QCOMPARE(b.data, a.data);
    for (Index i = 0; i < 6; ++i)
        QCOMPARE(b.valueAt(i), values[static_cast<size_t>(i)]);
}

void TestNpy::matrixRoundTrip() {
    Matrix<float> m(2, 3);
    m << 0.1f, -0.2f, 0.3f, 1e-30f, 3e30f, -0.0f;
    const NpyArray a = parseNpy(writeNpy(npyFromMatrix(m)));
    QCOMPARE(a.shape, (std::vector<Index>{2, 3}));
    for (Index i = 0; i < 6; ++i)
        QCOMPARE(static_cast<float>(a.valueAt(i)), m.data()[i]);
    Matrix<double> column(3, 1);
    column << 1, 2, 3;
    QCOMPARE(npyFromMatrix(column, "<f8", true).shape, (std::vector<Index>{3}));
}

void TestNpy::malformed_data() {
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<std::string>("message");
    const std::string six(24, '\0');  // (2, 3) float32
    const std::string good = makeNpy(dict("<f4", "False", "(2, 3)"), six);
    QVERIFY(parseNpy(good).numel() == 6);

    std::string badMagic = good;
    badMagic[1] = 'X';
    QTest::newRow("bad magic") << badMagic << std::string("bad magic");
    QTest::newRow("empty") << std::string() << std::string("bad magic");
    std::string version = good;
    version[6] = 4;
    QTest::newRow("version 4.0") << version << std::string("unsupported .npy format version 4.0");
    QTest::newRow("header over 10000 bytes")
        << makeNpy(dict("<f4", "False", "(2, 3)") + std::string(10050, ' '), six, 2)
        << std::string("header is 10164 bytes, more than numpy's limit of 10000");
    QTest::newRow("header length past the end")
        << good.substr(0, 40) << std::string("file ends inside the header");
    QTest::newRow("fortran_order True") << makeNpy(dict("<f4", "True", "(2, 3)"), six)
                                        << std::string("fortran_order True is not supported");
    QTest::newRow("big-endian dtype")
        << makeNpy(dict(">f8", "False", "(3,)"), six) << std::string("unsupported dtype '>f8'");
    QTest::newRow("complex dtype")
        << makeNpy(dict("<c16", "False", "(3,)"), six) << std::string("unsupported dtype '<c16'");
    QTest::newRow("object dtype") << makeNpy(dict("|O", "False", "(3,)"), six)
                                  << std::string("unsupported dtype '|O'");
    QTest::newRow("shape (2**62, 4) elements overflow")
        << makeNpy(dict("<f4", "False", "(4611686018427387904, 4)"), six)
        << std::string("shape (4611686018427387904, 4) has more elements than can be addressed");
    QTest::newRow("shape (2**60, 4) bytes overflow")
        << makeNpy(dict("<f4", "False", "(1152921504606846976, 4)"), six)
        << std::string("needs more bytes than can be addressed");
    QTest::newRow("dimension beyond int64")
        << makeNpy(dict("<f4", "False", "(99999999999999999999,)"), six)
        << std::string("a dimension of shape is too large");
    QTest::newRow("negative dimension") << makeNpy(dict("<f4", "False", "(-1, 3)"), six)
                                        << std::string("expected a non-negative integer in shape");
    QTest::newRow("shape not a tuple")
        << makeNpy(dict("<f4", "False", "(6)"), six) << std::string("shape must be a tuple");
    QTest::newRow("truncated data") << good.substr(0, good.size() - 1)
                                    << std::string(
                                           "data is truncated: shape (2, 3) of <f4 needs "
                                           "24 bytes, the file has 23");
    QTest::newRow("trailing bytes")
        << good + "xy" << std::string("2 trailing bytes after the data");
    QTest::newRow("unknown key")
        << makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}", six)
        << std::string("unexpected key 'x'");
    QTest::newRow("missing shape") << makeNpy("{'descr': '<f4', 'fortran_order': False}", six)
                                   << std::string("header has no 'shape'");
    QTest::newRow("duplicate key")
        << makeNpy("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (3,)}", six)
        << std::string("key 'descr' appears twice");
    QTest::newRow("python expression")
        << makeNpy(
               "{'descr': __import__('os').system('true'), 'fortran_order': False, "
               "'shape': (3,)}",
               six)
        << std::string("expected a quoted string");
    QTest::newRow("fortran_order not a bool") << makeNpy(dict("<f4", "0", "(2, 3)"), six)
                                              << std::string("fortran_order must be True or False");
    QTest::newRow("no newline") << makeNpy(dict("<f4", "False", "(2, 3)") + "   ", six, 1, false)
                                << std::string("header does not end with a newline");
    QTest::newRow("text after dict") << makeNpy(dict("<f4", "False", "(2, 3)") + " junk", six)
                                     << std::string("unexpected text after the header dict");
    QTest::newRow("not a dict") << makeNpy("['descr']", six) << std::string("expected '{'");
}

void TestNpy::malformed() {
    QFETCH(std::string, bytes);
    QFETCH(std::string, message);
    const std::string got = messageOf<std::invalid_argument>([&] { parseNpy(bytes, "bad.npy"); });
    DATA_VERIFY_CONTAINS(got, message);
    DATA_VERIFY_CONTAINS(got, "bad.npy: ");
}

void TestNpy::fortranOrderFixtureRejected() {
    const std::string got = messageOf<std::invalid_argument>(
        [&] { parseNpy(fixtureBytes("f4_fortran.npy"), "f4_fortran.npy"); });
    DATA_VERIFY_CONTAINS(got, "f4_fortran.npy: fortran_order True is not supported");
}

void TestNpy::datasetFromArraysClassification() {
    const NpyArray x = NpyArray::fromDoubles("<f4", {4, 2}, {0, 1, 2, 3, 4, 5, 6, 7});
    const NpyArray y = NpyArray::fromInt64({4}, {2, 0, 1, 2});
    const Dataset<float> d = datasetFromArrays<float>(x, y);
    QVERIFY(d.classification);
    QCOMPARE(d.numClasses, Index{3});
    QCOMPARE(d.classNames, (std::vector<std::string>{"0", "1", "2"}));
    QCOMPARE(d.x.rows(), Index{4});
    QCOMPARE(d.x.cols(), Index{2});
    QCOMPARE(d.x(3, 1), 7.0f);
    QCOMPARE(d.y.cols(), Index{1});
    QCOMPARE(d.y(0, 0), 2.0f);
}

void TestNpy::datasetFromArraysRegression() {
    const NpyArray x1 = NpyArray::fromDoubles("<f8", {3}, {1, 2, 3});
    const NpyArray y1 = NpyArray::fromDoubles("<f4", {3}, {0.5, 1.5, 2.5});
    const Dataset<double> d1 = datasetFromArrays<double>(x1, y1);
    QVERIFY(!d1.classification);
    QCOMPARE(d1.x.cols(), Index{1});
    QCOMPARE(d1.y.cols(), Index{1});
    QCOMPARE(d1.y(2, 0), 2.5);

    const NpyArray y2 = NpyArray::fromDoubles("<f8", {3, 2}, {1, 2, 3, 4, 5, 6});
    const Dataset<double> d2 = datasetFromArrays<double>(x1, y2);
    QCOMPARE(d2.y.cols(), Index{2});
    QCOMPARE(d2.y(1, 0), 3.0);
}

void TestNpy::datasetFromArraysErrors_data() {
    QTest::addColumn<std::string>("which");
    QTest::addColumn<std::string>("message");
    QTest::newRow("sample mismatch")
        << std::string("mismatch") << std::string("x has 3 samples but y has 2");
    QTest::newRow("nan in x") << std::string("nan x") << std::string("x[1, 0] is nan");
    QTest::newRow("inf in y") << std::string("inf y") << std::string("y[2] is inf");
    QTest::newRow("3-D x") << std::string("3d") << std::string("x must have shape (N, features)");
    QTest::newRow("negative class")
        << std::string("negative") << std::string("y[1] = -1 is not a class index");
    QTest::newRow("huge class") << std::string("huge")
                                << std::string("y[0] = 4611686018427387904 is not a class index");
    QTest::newRow("2-D integer y")
        << std::string("int2d") << std::string("integer y holds class indices");
}

void TestNpy::datasetFromArraysErrors() {
    QFETCH(std::string, which);
    QFETCH(std::string, message);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    NpyArray x = NpyArray::fromDoubles("<f4", {3, 1}, {1, 2, 3});
    NpyArray y = NpyArray::fromDoubles("<f4", {3}, {1, 2, 3});
    if (which == "mismatch")
        y = NpyArray::fromDoubles("<f4", {2}, {1, 2});
    else if (which == "nan x")
        x = NpyArray::fromDoubles("<f8", {3, 1}, {1, nan, 3});
    else if (which == "inf y")
        y = NpyArray::fromDoubles("<f8", {3}, {1, 2, inf});
    else if (which == "3d")
        x = NpyArray::fromDoubles("<f4", {3, 1, 1}, {1, 2, 3});
    else if (which == "negative")
        y = NpyArray::fromInt64({3}, {0, -1, 1});
    else if (which == "huge")
        y = NpyArray::fromInt64({3}, {int64_t{1} << 62, 0, 1});
    else if (which == "int2d")
        y = NpyArray::fromInt64({3, 2}, {0, 1, 0, 1, 0, 1});
    const std::string got =
        messageOf<std::invalid_argument>([&] { datasetFromArrays<float>(x, y); });
    DATA_VERIFY_CONTAINS(got, message);
}

QTEST_APPLESS_MAIN(TestNpy)
#include "tst_npy.moc"
