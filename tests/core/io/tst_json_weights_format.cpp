#include "core/io/json_weights_format.h"
#include "io_test_util.h"

#include <QtTest>

using namespace linearlab::io;
using namespace linearlab::io::test;

class TestJsonWeightsFormat : public QObject {
    Q_OBJECT

private slots:
    void roundTrip() {
        const StateDict sd = textFormatSample();
        const StateDict back = decodeJsonWeights(encodeJsonWeights(sd));
        // Text loses only the NaN payload and sign, which the format cannot spell.
        QCOMPARE(QString::fromStdString(compare(back, sd, false)), QString());
        QVERIFY(sameBits(back[6].values.float32()[3], -0.0f));
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

    void acceptsPythonJson() {
        // What json.dumps({k: {"shape": list(v.shape), "values": v.tolist()}}) writes.
        const StateDict sd = decodeJsonWeights(
            R"({"a": {"shape": [2, 1], "values": [[0.10000000149011612], [NaN]]},)"
            R"( "b": {"shape": [2, 0], "values": [[], []]}, "c": {"dtype": "float32", )"
            R"("values": -Infinity, "shape": []}})");
        QCOMPARE(sd.size(), size_t{3});
        QCOMPARE(sd[0].values.float32()[0], 0.1f);
        QVERIFY(std::isnan(sd[0].values.float32()[1]));
        QCOMPARE(sd[1].shape, (linearlab::nn::Shape{2, 0}));
        QCOMPARE(sd[2].values.float32()[0], -std::numeric_limits<float>::infinity());
    }

    void readsStringEscapes() {
        const StateDict sd = decodeJsonWeights(
            "{\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\": {\"shape\": [], \"values\": "
            "1}}");
        QCOMPARE(sd.size(), size_t{1});
        QCOMPARE(sd[0].name, std::string("a\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80"));
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
        QTest::newRow("shape not a list") << R"({"a": {"shape": 2, "values": [1, 2]}})"
                                          << "offset 16: expected '['";
        QTest::newRow("shape unclosed") << R"({"a": {"shape": [2, "values": [1, 2]}})"
                                        << "offset 20: shape entries must be non-negative";
        QTest::newRow("shape missing bracket") << R"({"a": {"shape": [2 "values": [1, 2]}})"
                                               << "offset 19: expected ']'";
        QTest::newRow("negative dimension") << R"({"a": {"shape": [-2], "values": []}})"
                                            << "offset 17: shape entries must be non-negative";
        QTest::newRow("fractional dimension") << R"({"a": {"shape": [2.0], "values": [1, 2]}})"
                                              << "offset 18: expected ']'";
        QTest::newRow("string dimension") << R"({"a": {"shape": ["2"], "values": [1, 2]}})"
                                          << "offset 17: shape entries must be non-negative";
        QTest::newRow("overflowing dimension")
            << R"({"a": {"shape": [99999999999999999999], "values": []}})"
            << "offset 35: dimension too large";
        QTest::newRow("too many dimensions")
            << "{\"a\": {\"shape\": [" + QString("1, ").repeated(32) + "1], \"values\": [1]}}"
            << "offset 112: shape has more than 32 dimensions";
        QTest::newRow("lone high surrogate") << "{\"\\ud83d\": {\"shape\": [], \"values\": 1}}"
                                             << "unpaired surrogate";
        QTest::newRow("lone low surrogate") << "{\"\\ude00\": {\"shape\": [], \"values\": 1}}"
                                            << "unpaired surrogate";
        QTest::newRow("bad escape") << "{\"\\x41\": {\"shape\": [], \"values\": 1}}"
                                    << "offset 4: bad escape";
        QTest::newRow("bad hex") << "{\"\\u12g4\": {\"shape\": [], \"values\": 1}}"
                                 << "bad \\u escape";
        QTest::newRow("truncated hex") << "{\"\\u12"
                                       << "truncated \\u escape";
        QTest::newRow("raw control") << "{\"a\tb\": {\"shape\": [], \"values\": 1}}"
                                     << "offset 4: control character in string";
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
};

QTEST_GUILESS_MAIN(TestJsonWeightsFormat)
#include "tst_json_weights_format.moc"
