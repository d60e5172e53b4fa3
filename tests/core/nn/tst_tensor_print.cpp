// TensorPrintFormat: each element spelled as print(tensor) spells it, the
// notation chosen over the whole tensor as torch._tensor_str's _Formatter does.
#include "core/nn/tensor_print.h"
#include "nn_test_support.h"

#include <QtTest>

#include <cstdlib>
#include <vector>

using namespace linearlab::nn;
using namespace nntest;

class TestTensorPrint : public QObject {
    Q_OBJECT

private slots:
    void matchesTorch_data() {
        QTest::addColumn<QJsonObject>("tensor");
        const QJsonArray cases = loadFixture("tensor_print.json")["cases"].toArray();
        QVERIFY(cases.size() >= 10);
        for (const QJsonValue& c : cases)
            QTest::newRow(qPrintable(c["str"].toString())) << c.toObject();
    }

    void matchesTorch() {
        QFETCH(QJsonObject, tensor);
        std::vector<float> values;
        // float.hex() (or nan / inf), read back bit for bit.
        for (const QJsonValue& v : tensor["values"].toArray())
            values.push_back(
                static_cast<float>(std::strtod(v.toString().toLatin1().constData(), nullptr)));
        const TensorPrintFormat format(values.data(), values.size());
        const QJsonArray printed = tensor["printed"].toArray();
        QCOMPARE(printed.size(), static_cast<qsizetype>(values.size()));
        for (int i = 0; i < printed.size(); ++i)
            QCOMPARE(QString::fromStdString(format.format(values[i])), printed[i].toString());
    }

    void anElementOnItsOwn() {
        // print(w[3, 7]) of a weight printed in scientific notation as a whole.
        QCOMPARE(QString::fromStdString(TensorPrintFormat::element(0.0518f)),
                 QStringLiteral("0.0518"));
        QCOMPARE(QString::fromStdString(TensorPrintFormat::element(-1.6741e-03f)),
                 QStringLiteral("-0.0017"));
        QCOMPARE(QString::fromStdString(TensorPrintFormat::element(3.2e-5f)),
                 QStringLiteral("3.2000e-05"));
        QCOMPARE(QString::fromStdString(TensorPrintFormat::element(2.0f)), QStringLiteral("2."));
    }

    void defaultIsFixedWithFourDigits() {
        const TensorPrintFormat format;
        QCOMPARE(QString::fromStdString(format.format(-0.33704)), QStringLiteral("-0.3370"));
        QCOMPARE(QString::fromStdString(format.format(0)), QStringLiteral("0.0000"));
    }
};

QTEST_MAIN(TestTensorPrint)
#include "tst_tensor_print.moc"
