#include "core/io/text_weights_format.h"
#include "core/io/weights_file.h"
#include "io_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab::io;
using namespace linearlab::io::test;

class TestTextWeightsFormat : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data() {
        QTest::addColumn<QString>("format");
        QTest::newRow("json") << "json";
        QTest::newRow("csv") << "csv";
    }
    void roundTrip() {
        QFETCH(QString, format);
        StateDict sd = sampleStateDict();
        sd.push_back(makeTensor("odd, \"quoted\"\nname", {2}));
        sd.push_back(makeTensor("tiny", {3}, 1e-38f));
        sd.back().values[1] = 3.4028235e38f;
        sd.back().values[2] = 0.1f;
        const StateDict back = format == "json" ? decodeJsonWeights(encodeJsonWeights(sd))
                                                : decodeCsvWeights(encodeCsvWeights(sd));
        // Text loses only the NaN payload and sign, which the formats cannot spell.
        QCOMPARE(QString::fromStdString(compare(back, sd, false)), QString());
        QVERIFY(sameBits(back[6].values[3], -0.0f));
    }

    void jsonNestsAsTolist() {
        NamedTensor t = makeTensor("w", {2, 2}, 1.0f);
        t.values = {1.0f, 0.1f, -2.5f, 3e-8f};
        const std::string text =
            encodeJsonWeights({t, makeTensor("e", {0, 3}), makeTensor("s", {}, 2.0f)});
        QCOMPARE(QString::fromStdString(text),
                 QStringLiteral("{\n  \"w\": {\"shape\": [2, 2], \"values\": [[1, 0.1], [-2.5, "
                                "3e-08]]},\n  \"e\": {\"shape\": [0, 3], \"values\": []},\n  "
                                "\"s\": {\"shape\": [], \"values\": 2}\n}\n"));
    }

    void csvLayout() {
        NamedTensor t = makeTensor("w", {2, 2}, 1.0f);
        t.values = {1.0f, 0.1f, -2.5f, std::numeric_limits<float>::infinity()};
        QCOMPARE(QString::fromStdString(
                     encodeCsvWeights({t, makeTensor("e", {0, 3}), makeTensor("s", {}, 2.0f)})),
                 QStringLiteral("name,shape,values\nw,2x2,1,0.1,-2.5,inf\ne,0x3\ns,scalar,2\n"));
    }

    void acceptsPythonJson() {
        // What json.dumps({k: {"shape": list(v.shape), "values": v.tolist()}}) writes.
        const StateDict sd = decodeJsonWeights(
            R"({"a": {"shape": [2, 1], "values": [[0.10000000149011612], [NaN]]},)"
            R"( "b": {"shape": [2, 0], "values": [[], []]}, "c": {"dtype": "float32", )"
            R"("values": -Infinity, "shape": []}})");
        QCOMPARE(sd.size(), size_t{3});
        QCOMPARE(sd[0].values[0], 0.1f);
        QVERIFY(std::isnan(sd[0].values[1]));
        QCOMPARE(sd[1].shape, (linearlab::nn::Shape{2, 0}));
        QCOMPARE(sd[2].values[0], -std::numeric_limits<float>::infinity());
    }

    void rejectsMalformedJson_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("ragged") << R"({"a": {"shape": [2, 2], "values": [[1, 2], [3]]}})"
                                << "ragged";
        QTest::newRow("wrong shape") << R"({"a": {"shape": [3], "values": [1, 2]}})"
                                     << "do not have shape [3]";
        QTest::newRow("too deep") << R"({"a": {"shape": [2], "values": [[1], [2]]}})"
                                  << "do not have shape [2]";
        QTest::newRow("mixed depth") << R"({"a": {"shape": [2], "values": [1, [2]]}})"
                                     << "mix numbers and lists";
        QTest::newRow("not a number") << R"({"a": {"shape": [1], "values": ["x"]}})"
                                      << "expected a number";
        QTest::newRow("duplicate") << R"({"a": {"shape": [], "values": 1}, "a": {"shape": [], )"
                                      R"("values": 1}})"
                                   << "appears twice";
        QTest::newRow("unknown key") << R"({"a": {"shape": [], "values": 1, "eval": 1}})"
                                     << "unexpected key 'eval'";
        QTest::newRow("nesting bomb")
            << "{\"a\": {\"shape\": [1], \"values\": " + QString(100000, '[') << "nest deeper";
        QTest::newRow("truncated") << R"({"a": {"shape": [1], "values": [1)"
                                   << "expected ']'";
        QTest::newRow("trailing") << R"({} {})"
                                  << "after the top-level object";
        QTest::newRow("overflowing shape")
            << R"({"a": {"shape": [4294967296, 4294967296, 4294967296], "values": []}})"
            << "too many elements";
    }
    void rejectsMalformedJson() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            decodeJsonWeights(text.toStdString());
            QFAIL("accepted malformed JSON");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void rejectsMalformedCsv_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no header") << "w,2,1,2\n"
                                   << "header row";
        QTest::newRow("empty") << ""
                               << "CSV is empty";
        QTest::newRow("count") << "name,shape,values\nw,2x2,1,2,3\n"
                               << "needs 4 values, row has 3";
        QTest::newRow("bad shape") << "name,shape,values\nw,2*2,1\n"
                                   << "not dims joined by 'x'";
        QTest::newRow("bad number") << "name,shape,values\nw,1,abc\n"
                                    << "'abc' is not a number";
        QTest::newRow("unterminated quote") << "name,shape,values\n\"w,1,2\n"
                                            << "unterminated quoted field";
        QTest::newRow("duplicate") << "name,shape,values\nw,1,1\nw,1,2\n"
                                   << "appears twice";
        QTest::newRow("comma bomb")
            << "name,shape,values\nw,1" + QString(100000, ',') << "is not a number";
    }
    void rejectsMalformedCsv() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            decodeCsvWeights(text.toStdString());
            QFAIL("accepted malformed CSV");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void dispatcherChoosesByExtension() {
        QTemporaryDir dir;
        const StateDict sd = sampleStateDict();
        for (const char* name : {"w.json", "w.CSV", "w.safetensors", "w.pt", "w.pth", "w.npz"}) {
            writeWeights(dir.filePath(name), sd);
            QCOMPARE(QString::fromStdString(compare(readWeights(dir.filePath(name)), sd, false)),
                     QString());
        }
        QFile json(dir.filePath("w.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(json.readAll().startsWith("{\n  \"0.weight\": {\"shape\": [2, 3]"));
        try {
            writeWeights(dir.filePath("w.txt"), sd);
            QFAIL("wrote an unknown extension");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).startsWith("w.txt: unknown weights file extension"),
                     e.what());
        }
        try {
            readWeights(dir.filePath("missing.json"));
            QFAIL("read a missing file");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).endsWith("missing.json: no such file"), e.what());
        }
        ReadLimits small;
        small.maxFileBytes = 10;
        try {
            readWeights(dir.filePath("w.json"), small);
            QFAIL("read a file over the size limit");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("more than the 10-byte limit"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTextWeightsFormat)
#include "tst_text_weights_format.moc"
