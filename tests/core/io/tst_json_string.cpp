// The one JSON string escaper: the exact text json.dumps (and serde_json)
// write for each kind of byte, and that every byte string, however hostile,
// comes back unchanged through a JSON parser.
#include "core/io/json_string.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <string>

using linearlab::io::detail::jsonString;

Q_DECLARE_METATYPE(std::string)

namespace {

// What a JSON parser reads back from jsonString(s), or "<invalid>".
std::string readBack(const std::string& literal) {
    QJsonParseError error;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromStdString("[" + literal + "]"), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || !doc.array()[0].isString())
        return "<invalid>";
    return doc.array()[0].toString().toStdString();
}

}  // namespace

class TestJsonString : public QObject {
    Q_OBJECT

private slots:
    void escapesAsJsonDumps_data() {
        QTest::addColumn<std::string>("in");
        QTest::addColumn<std::string>("out");
        // Expected texts are json.dumps(s, ensure_ascii=False).
        QTest::newRow("plain") << std::string("0.weight") << std::string("\"0.weight\"");
        QTest::newRow("empty") << std::string() << std::string("\"\"");
        QTest::newRow("quote") << std::string("say \"hi\"") << std::string("\"say \\\"hi\\\"\"");
        QTest::newRow("backslash") << std::string("a\\b") << std::string("\"a\\\\b\"");
        QTest::newRow("short escapes")
            << std::string("\b\f\n\r\t") << std::string("\"\\b\\f\\n\\r\\t\"");
        QTest::newRow("nul") << std::string("a\0b", 3) << std::string("\"a\\u0000b\"");
        QTest::newRow("other controls")
            << std::string("\x01\x1b\x1f") << std::string("\"\\u0001\\u001b\\u001f\"");
        QTest::newRow("del and slash kept") << std::string("\x7f/") << std::string("\"\x7f/\"");
        QTest::newRow("utf-8 kept")
            << std::string("\xc3\xa9\xe2\x82\xac") << std::string("\"\xc3\xa9\xe2\x82\xac\"");
        QTest::newRow("escape-like text") << std::string("\\u0041") << std::string("\"\\\\u0041\"");
    }
    void escapesAsJsonDumps() {
        QFETCH(std::string, in);
        QFETCH(std::string, out);
        QCOMPARE(jsonString(in), out);
    }

    void everyAsciiByteReadsBack() {
        std::string all;
        for (int c = 0; c < 0x80; ++c)
            all += static_cast<char>(c);
        QCOMPARE(readBack(jsonString(all)), all);
        for (int c = 0; c < 0x80; ++c) {
            const std::string one(1, static_cast<char>(c));
            QCOMPARE(readBack(jsonString(one)), one);
        }
    }

    void hostileNamesStayOneLiteral() {
        // A name built to close the string and inject a key must stay one string.
        const std::string injection = "a\": {\"dtype\": \"F64\"}, \"b";
        QCOMPARE(readBack(jsonString(injection)), injection);
        const std::string trailingBackslash = "name\\";
        QCOMPARE(jsonString(trailingBackslash), std::string("\"name\\\\\""));
        QCOMPARE(readBack(jsonString(trailingBackslash)), trailingBackslash);
        // No raw control byte survives, so the literal is always one line.
        const std::string controls("\n\r\x0b\x00", 4);
        const std::string literal = jsonString(controls);
        for (char c : literal)
            QVERIFY(static_cast<unsigned char>(c) >= 0x20);
        QCOMPARE(readBack(literal), controls);
    }
};

QTEST_APPLESS_MAIN(TestJsonString)
#include "tst_json_string.moc"
