// pythonFloat / pythonBool: numbers in repr strings exactly as Python prints them.
#include "core/nn/python_format.h"
#include "nn_test_support.h"

#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <limits>

using namespace linearlab::nn;
using namespace nntest;

class TestPythonFormat : public QObject {
    Q_OBJECT

private slots:
    void pythonFloatMatchesRepr_data();
    void pythonFloatMatchesRepr();
    void pythonFloatEdgeCases_data();
    void pythonFloatEdgeCases();
    void pythonBool();
};

void TestPythonFormat::pythonFloatMatchesRepr_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("repr");
    const QJsonArray cases = loadFixture("repr.json")["python_float"].toArray();
    QVERIFY(cases.size() >= 20);
    for (const QJsonValue& c : cases) {
        // float.hex() (or nan / inf), read back bit for bit.
        const double value = std::strtod(c["value"].toString().toLatin1().constData(), nullptr);
        QTest::newRow(qPrintable(c["repr"].toString())) << value << c["repr"].toString();
    }
}

void TestPythonFormat::pythonFloatMatchesRepr() {
    QFETCH(double, value);
    QFETCH(QString, repr);
    QCOMPARE(QString::fromStdString(pythonFloat(value)), repr);
}

void TestPythonFormat::pythonFloatEdgeCases_data() {
    // Values whose JSON round trip could blur them, written here as literals.
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("repr");
    QTest::newRow("-0.0") << -0.0 << "-0.0";
    QTest::newRow("denormal min") << 5e-324 << "5e-324";
    QTest::newRow("1e16 switches to scientific") << 1e16 << "1e+16";
    QTest::newRow("9999999999999998.0 stays positional")
        << 9999999999999998.0 << "9999999999999998.0";
    QTest::newRow("0.0001 stays positional") << 0.0001 << "0.0001";
    QTest::newRow("0.00009 is scientific") << 0.00009 << "9e-05";
    QTest::newRow("negative scientific") << -1.5e-10 << "-1.5e-10";
    QTest::newRow("sqrt(5)") << std::sqrt(5.0) << "2.23606797749979";
    QTest::newRow("1e22") << 1e22 << "1e+22";
    QTest::newRow("123e100") << 1.23e102 << "1.23e+102";
}

void TestPythonFormat::pythonFloatEdgeCases() {
    QFETCH(double, value);
    QFETCH(QString, repr);
    QCOMPARE(QString::fromStdString(pythonFloat(value)), repr);
}

void TestPythonFormat::pythonBool() {
    QCOMPARE(linearlab::nn::pythonBool(true), std::string("True"));
    QCOMPARE(linearlab::nn::pythonBool(false), std::string("False"));
}

QTEST_APPLESS_MAIN(TestPythonFormat)
#include "tst_python_format.moc"
