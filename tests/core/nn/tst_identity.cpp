// torch.nn.Identity: any shape passes through unchanged, and so does the gradient.
#include "core/nn/identity.h"
#include "nn_test_support.h"

#include <QtTest>

using namespace linearlab::nn;
using namespace nntest;

class TestIdentity : public QObject {
    Q_OBJECT

private slots:
    void forwardKeepsShapeAndValues_data();
    void forwardKeepsShapeAndValues();
    void backwardPassesGradient();
    void hasNoParameters();
    void repr();
};

void TestIdentity::forwardKeepsShapeAndValues_data() {
    QTest::addColumn<Shape>("shape");
    QTest::newRow("1-D") << Shape{5};
    QTest::newRow("2-D") << Shape{3, 4};
    QTest::newRow("4-D") << Shape{2, 3, 1, 4};
    QTest::newRow("zero rows") << Shape{0, 4};
}

void TestIdentity::forwardKeepsShapeAndValues() {
    QFETCH(Shape, shape);
    Identity<float> id;
    Tensor<float> x = Tensor<float>::zeros(shape);
    for (Index i = 0; i < x.values.size(); ++i)
        x.values.data()[i] = 0.25f * static_cast<float>(i) - 1.5f;
    QCOMPARE(id.outputShape(shape), shape);
    const Tensor<float> y = id(x);
    QCOMPARE(y.shape, shape);
    NN_VERIFY_EXACT(y.values, x.values);
}

void TestIdentity::backwardPassesGradient() {
    Identity<double> id;
    const Matrix<double> x = testMatrix(3, 2, 1), gy = testMatrix(3, 2, 2);
    Matrix<double> y, gx;
    id.forward(x, y);
    id.backward(x, y, gy, &gx);
    NN_VERIFY_EXACT(gx, gy);
    id.backward(x, y, gy, nullptr);  // no gradient wanted: nothing to do, no crash
}

void TestIdentity::hasNoParameters() {
    Identity<float> id;
    QVERIFY(id.namedParameters().empty());
    QCOMPARE(id.parameterCount(), Index(0));
    QCOMPARE(id.typeName(), std::string("Identity"));
}

void TestIdentity::repr() {
    QString expected;
    for (const QJsonValue& r : loadFixture("repr.json")["modules"].toArray())
        if (r["module"].toString() == "Identity")
            expected = r["repr"].toString();
    QCOMPARE(expected, QStringLiteral("Identity()"));
    QCOMPARE(QString::fromStdString(Identity<float>().repr()), expected);
}

QTEST_APPLESS_MAIN(TestIdentity)
#include "tst_identity.moc"
