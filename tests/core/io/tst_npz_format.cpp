#include "core/data/little_endian.h"
#include "core/data/npy.h"
#include "core/io/npz_format.h"
#include "core/io/weights_file.h"
#include "core/io/zip_archive.h"
#include "io_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab::io;
using namespace linearlab::io::test;

class TestNpzFormat : public QObject {
    Q_OBJECT

private slots:
    void oneTotalBoundsEveryMember() {
        // Two u8 arrays of 200 elements: 656 zip bytes, within a 1000-byte read
        // limit member by member, but 1600 bytes once both are float32.
        ZipArchiveWriter zip;
        for (const char* name : {"a.npy", "b.npy"})
            zip.add(name, linearlab::data::writeNpy(linearlab::data::NpyArray::fromDoubles(
                              "|u1", {200}, std::vector<double>(200, 7.0))));
        ReadLimits limits;
        limits.maxUncompressedBytes = 1000;
        try {
            decodeNpz(zip.finish(), limits);
            QFAIL("the sum over members was not bounded");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).startsWith("member 'b.npy': array 'b' has 200 elements: "
                                                  "the file would decode to 1.6 KiB as float32"),
                     e.what());
        }
    }

    void npzRoundTrip() {
        const StateDict sd = sampleStateDict();
        QCOMPARE(QString::fromStdString(compare(decodeNpz(encodeNpz(sd)), sd)), QString());
        QCOMPARE(decodeNpz(encodeNpz({})).size(), size_t{0});
    }

    void npyRoundTrip_data() {
        QTest::addColumn<int>("index");
        const StateDict sd = sampleStateDict();
        for (int i = 0; i < static_cast<int>(sd.size()); ++i)
            QTest::addRow("%s", sd[i].name.c_str()) << i;
    }
    void npyRoundTrip() {
        QFETCH(int, index);
        const NamedTensor t = sampleStateDict()[index];
        const std::string bytes = encodeNpy(t);
        // numpy aligns the data to 64 bytes and ends the header with '\n'.
        const auto headerLength = linearlab::data::loadLE<std::uint16_t>(bytes.data() + 8);
        QCOMPARE((10 + headerLength) % 64, 0);
        QCOMPARE(bytes[9 + headerLength], '\n');
        QCOMPARE(QString::fromStdString(compare({decodeNpy(bytes, t.name)}, {t})), QString());
    }

    void npyHeaderIsNumpys() {
        const std::string bytes = encodeNpy(makeTensor("w", {2, 3}));
        const std::string header =
            bytes.substr(10, linearlab::data::loadLE<std::uint16_t>(bytes.data() + 8));
        QVERIFY2(
            header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 0) == 0,
            header.c_str());
        QVERIFY(encodeNpy(makeTensor("b", {4})).find("'shape': (4,), }") != std::string::npos);
        QVERIFY(encodeNpy(makeTensor("s", {})).find("'shape': (), }") != std::string::npos);
    }

    void readsNumpySavez_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("savez (stored)") << "numpy_savez.npz";
        QTest::newRow("savez_compressed (deflated)") << "numpy_savez_compressed.npz";
    }
    void readsNumpySavez() {
        QFETCH(QString, file);
        const StateDict got = decodeNpz(readFixture(file));
        QCOMPARE(QString::fromStdString(compare(got, expectedFixture("expected.json"), false)),
                 QString());
    }

    void readsNumpySave() {
        const StateDict want = expectedFixture("expected.json");
        const NamedTensor w = decodeNpy(readFixture("numpy_weight.npy"), "1.weight");
        QCOMPARE(QString::fromStdString(compare({w}, {want[2]}, false)), QString());
        // core/data's reader refuses Fortran order (np.save of a transposed
        // array) with a message that says how to fix it.
        try {
            decodeNpy(readFixture("numpy_fortran_f64.npy"), "f");
            QFAIL("read a Fortran-order array as if it were C order");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("fortran_order True is not supported"), e.what());
        }
        const NamedTensor i = decodeNpy(readFixture("numpy_int64.npy"), "i");
        QCOMPARE(i.dtype, std::string("int64"));
        QCOMPARE(i.values.float64(), (std::vector<double>{1, -2, 3, 4}));  // int64: held exactly
    }

    void readsThroughDispatcher() {
        const StateDict sd = readWeights(fixture("numpy_weight.npy"));
        QCOMPARE(sd.size(), size_t{1});
        QCOMPARE(sd[0].name, std::string("numpy_weight"));
        QCOMPARE(sd[0].shape, (linearlab::nn::Shape{2, 2, 3}));
        QTemporaryDir dir;
        const StateDict all = sampleStateDict();
        writeWeights(dir.filePath("m.npz"), all);
        QCOMPARE(QString::fromStdString(compare(readWeights(dir.filePath("m.npz")), all)),
                 QString());
        try {
            writeWeights(dir.filePath("m.npy"), all);
            QFAIL("wrote several tensors to one .npy");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).startsWith("m.npy: .npy holds exactly one tensor"),
                     e.what());
        }
        QVERIFY(!QFile::exists(dir.filePath("m.npy")));
    }

    void rejectsHostileNpy_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        auto npy = [](std::string header, const std::string& data) {
            header += '\n';
            std::string out("\x93NUMPY\x01\x00", 8);
            linearlab::data::appendLE<std::uint16_t>(out,
                                                     static_cast<std::uint16_t>(header.size()));
            out += header + data;
            return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
        };
        QTest::newRow("bad magic") << QByteArray("PK\x03\x04xxxxxxxx") << "bad magic";
        QTest::newRow("big endian")
            << npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", "abcd")
            << "unsupported dtype '>f4'";
        QTest::newRow("object dtype")
            << npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "abcdefgh")
            << "unsupported dtype '|O'";
        QTest::newRow("short data")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", "abcd")
            << "data is truncated";
        QTest::newRow("overflowing shape")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, "
                   "4294967296), }",
                   "")
            << "more elements than can be addressed";
        QTest::newRow("code in header")
            << npy("{'descr': '<f4', 'fortran_order': __import__('os'), 'shape': (1,), }", "abcd")
            << "fortran_order must be True or False";
        QTest::newRow("extra key")
            << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", "abcd")
            << "unexpected key 'x'";
        QTest::newRow("header past end")
            << QByteArray("\x93NUMPY\x01\x00\xff\x00{", 11) << "file ends inside the header";
        QTest::newRow("version 9") << QByteArray("\x93NUMPY\x09\x00\x00\x00", 10) << "version 9";
    }
    void rejectsHostileNpy() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        try {
            decodeNpy(bytes.toStdString(), "a");
            QFAIL("accepted hostile input");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    // numpy.load names both 'a.npy' and 'a' the array 'a'; a file holding both is ambiguous.
    void rejectsAnArrayNamedTwice() {
        ZipArchiveWriter zip;
        zip.add("w.npy", encodeNpy(makeTensor("w", {1})));
        zip.add("a.npy", encodeNpy(makeTensor("a", {1})));
        zip.add("a", encodeNpy(makeTensor("a", {2})));
        try {
            decodeNpz(zip.finish());
            QFAIL("accepted an array named twice");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), QString("npz holds 'a' twice"));
        }
    }

    void zipLimitsAreCheckedBeforeReading() {
        ZipArchiveWriter many;
        for (int i = 0; i < 20; ++i)
            many.add("a" + std::to_string(i) + ".npy", encodeNpy(makeTensor("a", {1})));
        ReadLimits limits;
        limits.maxZipMembers = 10;
        try {
            decodeNpz(many.finish(), limits);
            QFAIL("accepted too many members");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("20 members, more than 10"), e.what());
        }
        limits = ReadLimits{};
        limits.maxUncompressedBytes = 1000;
        try {
            decodeNpz(encodeNpz({makeTensor("big", {1000})}), limits);
            QFAIL("accepted a member over budget");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("over the remaining budget"), e.what());
        }
        try {
            decodeNpz("PK\x05\x06 this is not a zip");
            QFAIL("accepted garbage");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("not a valid zip"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestNpzFormat)
#include "tst_npz_format.moc"
