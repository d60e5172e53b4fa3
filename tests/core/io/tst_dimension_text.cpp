// readDimension, the digits of a shape entry that JSON and CSV weights share:
// real dimensions, and the hostile ones (overflowing, negative, signed, spaced,
// non-digit, empty) refused with the position left where the readers report it.
#include "core/io/dimension_text.h"

#include <QtTest>

#include <string>

using namespace linearlab::io::detail;

Q_DECLARE_METATYPE(DimensionError)

class TestDimensionText : public QObject {
    Q_OBJECT

private slots:
    void reads_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("start");
        QTest::addColumn<DimensionError>("error");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<int>("end");
        const auto ok = DimensionError::None;
        const auto notDigit = DimensionError::NotADigit;
        const auto tooMany = DimensionError::TooManyDigits;
        QTest::newRow("zero") << "0" << 0 << ok << qint64{0} << 1;
        QTest::newRow("json entry") << "[40, 20]" << 1 << ok << qint64{40} << 3;
        QTest::newRow("second json entry") << "[40, 20]" << 5 << ok << qint64{20} << 7;
        QTest::newRow("csv dims") << "128x40" << 0 << ok << qint64{128} << 3;
        QTest::newRow("after the x") << "128x40" << 4 << ok << qint64{40} << 6;
        QTest::newRow("leading zeros") << "007" << 0 << ok << qint64{7} << 3;
        QTest::newRow("stops at exponent") << "1e3" << 0 << ok << qint64{1} << 1;
        QTest::newRow("stops at decimal point") << "2.0" << 0 << ok << qint64{2} << 1;
        QTest::newRow("18 digits")
            << "999999999999999999" << 0 << ok << qint64{999999999999999999} << 18;
        QTest::newRow("19 digits") << "1000000000000000000" << 0 << tooMany << qint64{0} << 18;
        // int64's maximum has 19 digits, and is still refused.
        QTest::newRow("int64 max") << "9223372036854775807" << 0 << tooMany << qint64{0} << 18;
        QTest::newRow("overflowing")
            << "[99999999999999999999999]" << 1 << tooMany << qint64{0} << 19;
        QTest::newRow("negative") << "-1" << 0 << notDigit << qint64{0} << 0;
        QTest::newRow("plus sign") << "+1" << 0 << notDigit << qint64{0} << 0;
        QTest::newRow("leading space") << " 1" << 0 << notDigit << qint64{0} << 0;
        QTest::newRow("letter") << "x2" << 0 << notDigit << qint64{0} << 0;
        QTest::newRow("bracket") << "[2]" << 0 << notDigit << qint64{0} << 0;
        QTest::newRow("string") << "[\"2\"]" << 1 << notDigit << qint64{0} << 1;
        QTest::newRow("empty") << "" << 0 << notDigit << qint64{0} << 0;
        QTest::newRow("at the end") << "12" << 2 << notDigit << qint64{0} << 2;
    }
    void reads() {
        QFETCH(QString, text);
        QFETCH(int, start);
        QFETCH(DimensionError, error);
        QFETCH(qint64, value);
        QFETCH(int, end);
        const std::string s = text.toStdString();
        std::size_t pos = static_cast<std::size_t>(start);
        std::int64_t got = -1;
        QCOMPARE(readDimension(s, pos, got), error);
        QCOMPARE(pos, static_cast<std::size_t>(end));
        if (error == DimensionError::None)
            QCOMPARE(got, value);
    }

    void neverReadsPastTheView() {
        // The view ends inside a longer buffer: digits beyond it are not read.
        const std::string buffer = "12345";
        std::size_t pos = 0;
        std::int64_t v = 0;
        QCOMPARE(readDimension(std::string_view(buffer.data(), 2), pos, v), DimensionError::None);
        QCOMPARE(v, std::int64_t{12});
        QCOMPARE(pos, std::size_t{2});
        pos = 7;  // past the end
        QCOMPARE(readDimension(buffer, pos, v), DimensionError::NotADigit);
        QCOMPARE(pos, std::size_t{7});
    }
};

QTEST_APPLESS_MAIN(TestDimensionText)
#include "tst_dimension_text.moc"
