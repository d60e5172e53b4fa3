#include "core/data/little_endian.h"
#include "core/io/safetensors_format.h"
#include "core/io/weights_file.h"
#include "io_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab::io;
using namespace linearlab::io::test;

namespace {

std::string withHeader(const std::string& header, const std::string& data) {
    std::string out;
    linearlab::data::appendLE<std::uint64_t>(out, header.size());
    return out + header + data;
}

}  // namespace

class TestSafetensorsFormat : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data() {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("count");
        const int n = static_cast<int>(sampleStateDict().size());
        for (int i = 0; i < n; ++i)
            QTest::addRow("%s", sampleStateDict()[i].name.c_str()) << i << 1;
        QTest::addRow("all") << 0 << n;
        QTest::addRow("none") << 0 << 0;
    }
    void roundTrip() {
        QFETCH(int, first);
        QFETCH(int, count);
        const StateDict all = sampleStateDict();
        const StateDict sd(all.begin() + first, all.begin() + first + count);
        const StateDict back = decodeSafetensors(encodeSafetensors(sd));
        QCOMPARE(QString::fromStdString(compare(sd, back)), QString());
        for (const NamedTensor& t : back)
            QCOMPARE(QString::fromStdString(t.dtype), QStringLiteral("float32"));
    }

    void headerIsThePublishedLayout() {
        StateDict sd{makeTensor("w", {2, 2})};
        const std::string bytes = encodeSafetensors(sd);
        const auto n = linearlab::data::loadLE<std::uint64_t>(bytes.data());
        QCOMPARE(n % 8, std::uint64_t{0});
        const std::string header = bytes.substr(8, n);
        QCOMPARE(QString::fromStdString(header.substr(0, header.find_last_not_of(' ') + 1)),
                 QStringLiteral("{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\","
                                "\"shape\":[2,2],\"data_offsets\":[0,16]}}"));
        QCOMPARE(bytes.size(), size_t{8 + n + 16});
        float first;
        std::memcpy(&first, bytes.data() + 8 + n, 4);
        QCOMPARE(first, sd[0].values.float32()[0]);
    }

    void readsReferenceFile() {
        const StateDict got = decodeSafetensors(readFixture("reference.safetensors"));
        const StateDict want = expectedFixture("reference_safetensors_expected.json");
        QVERIFY(!want.empty());
        QCOMPARE(QString::fromStdString(compare(got, want, false)), QString());
        QCOMPARE(QString::fromStdString(got[0].dtype), QStringLiteral("float64"));
        QCOMPARE(QString::fromStdString(got[1].dtype), QStringLiteral("int64"));
    }

    // Zero-size tensors share their offsets, so only their place in the header
    // orders them; the header is spaced and escaped as other writers may do it.
    void zeroSizeTensorsKeepHeaderOrder() {
        const std::string header =
            "{ \"__metadata__\" : {\"format\": \"pt\", \"note\": \"{[,]}\"},\n"
            "  \"z\\u0062\" : {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [0, 0]},\n"
            "  \"m\\\"q\": {\"shape\": [1], \"dtype\": \"F32\", \"data_offsets\": [0, 4]},\n"
            "  \"a\":{\"dtype\":\"F32\",\"shape\":[ 0 , 3 ],\"data_offsets\":[0,0]}\t}  ";
        const float one = 1.5f;
        const StateDict got = decodeSafetensors(
            withHeader(header, std::string(reinterpret_cast<const char*>(&one), 4)));
        QCOMPARE(got.size(), size_t(3));
        QCOMPARE(QString::fromStdString(got[0].name), QString("zb"));
        QCOMPARE(QString::fromStdString(got[1].name), QString("a"));
        QCOMPARE(got[1].shape, (linearlab::nn::Shape{0, 3}));
        QCOMPARE(QString::fromStdString(got[2].name), QString("m\"q"));
        QCOMPARE(got[2].values.float32(), std::vector<float>{1.5f});
    }

    // The writer's __metadata__ entry does not count as a tensor.
    void tensorLimitCountsOnlyTensors() {
        const StateDict sd{makeTensor("a", {2}), makeTensor("b", {1})};
        ReadLimits limits;
        limits.maxTensors = 2;
        QCOMPARE(
            QString::fromStdString(compare(decodeSafetensors(encodeSafetensors(sd), limits), sd)),
            QString());
        limits.maxTensors = 1;
        try {
            decodeSafetensors(encodeSafetensors(sd), limits);
            QFAIL("read more tensors than the limit");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), QString("header lists 2 tensors, more than 1"));
        }
    }

    void rejectsHostileInput_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        auto add = [](const char* tag, const std::string& b, const char* msg) {
            QTest::newRow(tag) << QByteArray(b.data(), static_cast<qsizetype>(b.size()))
                               << QString(msg);
        };
        const std::string f4(4, '\0');
        add("empty", "", "too small");
        std::string huge;
        linearlab::data::appendLE<std::uint64_t>(huge, 9999999999ull);
        add("huge header", huge + "{}", "header length 9999999999 exceeds 100 MB");
        std::string past;
        linearlab::data::appendLE<std::uint64_t>(past, 64);
        add("header past end", past + "{}", "runs past the end");
        add("not json", withHeader("{nope", ""), "not valid JSON");
        add("json array", withHeader("[1]     ", ""), "not a JSON object");
        add("unknown dtype",
            withHeader(R"({"a":{"dtype":"C64","shape":[1],"data_offsets":[0,4]}})", f4),
            "unsupported dtype 'C64'");
        add("shape mismatch",
            withHeader(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}})", f4),
            "needs 8 bytes");
        add("out of bounds",
            withHeader(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", f4),
            "past the 4-byte data buffer");
        add("gap", withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", f4 + f4),
            "expected 0");
        add("overlap",
            withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                       R"("b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})",
                       f4),
            "must be contiguous");
        add("trailing bytes",
            withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", f4 + "x"),
            "trailing bytes");
        add("overflowing shape",
            withHeader(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,4],)"
                       R"("data_offsets":[0,4]}})",
                       f4),
            "too many elements");
        add("negative offset",
            withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}})", f4),
            "non-negative integer");
        add("offsets reversed",
            withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}})", f4),
            "end before they begin");
        add("name twice",
            withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                       R"("a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                       f4 + f4),
            "header lists 'a' twice");
        add("metadata twice", withHeader(R"({"__metadata__":{},"__metadata__":{}})", ""),
            "header lists '__metadata__' twice");
        add("metadata not strings", withHeader(R"({"__metadata__":{"format":1}})", ""),
            "not a string");
        add("missing fields", withHeader(R"({"a":{"dtype":"F32"}})", ""), "needs a string dtype");
    }
    void rejectsHostileInput() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        try {
            decodeSafetensors(bytes.toStdString());
            QFAIL("accepted hostile input");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void fileErrorsNameTheFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("model.safetensors");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        std::string huge;
        linearlab::data::appendLE<std::uint64_t>(huge, 9999999999ull);
        f.write(huge.data(), 8);
        f.close();
        try {
            readWeights(path);
            QFAIL("accepted hostile file");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()),
                     QStringLiteral("model.safetensors: header length 9999999999 exceeds 100 MB"));
        }
    }

    void writeWeightsRoundTripsAndLeavesOldFileOnFailure() {
        QTemporaryDir dir;
        const QString path = dir.filePath("model.safetensors");
        const StateDict sd = sampleStateDict();
        writeWeights(path, sd);
        QCOMPARE(QString::fromStdString(compare(readWeights(path), sd)), QString());
        StateDict bad = sd;
        bad[0].values.float32().pop_back();  // inconsistent: must not replace the good file
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeWeights(path, bad));
        QCOMPARE(QString::fromStdString(compare(readWeights(path), sd)), QString());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSafetensorsFormat)
#include "tst_safetensors_format.moc"
