// The element-wise activations, data-driven over type: hand-worked values and
// derivatives, float64 finite differences, PyTorch golden numbers (values near
// 0 and beyond Softplus's threshold included) and repr strings.
#include "core/nn/layer_table.h"
#include "core/nn/relu.h"
#include "core/nn/softplus.h"
#include "nn_test_support.h"

#include <QtTest>

#include <memory>

using namespace linearlab::nn;
using namespace nntest;

class TestActivations : public QObject {
    Q_OBJECT

private slots:
    void handWorked_data();
    void handWorked();
    void gradientCheck_data();
    void gradientCheck();
    void golden_data();
    void golden();
    void repr_data();
    void repr();
    void softplusAboveThresholdIsIdentity();
    void keepsShape();
};

namespace {

/// A fixture case's layer: "type" is PyTorch's class name, "args" its keyword arguments.
LayerSpec specOf(const QString& type, const QJsonObject& args) {
    LayerSpec spec;
    spec.type = type.toStdString();
    for (auto it = args.begin(); it != args.end(); ++it)
        spec.options[it.key().toStdString()] = it.value().toDouble();
    return spec;
}

/// The module, built the way a design builds it: through the layer table.
template <typename T>
std::unique_ptr<Module<T>> makeActivation(const QString& type, const QJsonObject& args) {
    const LayerType* t = findLayerType(type.toStdString());
    if (!t || !t->isActivation)
        return nullptr;
    Generator gen(0);
    return makeModule<T>(specOf(type, args), gen);
}

QJsonArray cases() {
    return loadFixture("activations.json")["cases"].toArray();
}

QJsonObject args(double slope) {
    return QJsonObject{{"negative_slope", slope}};
}
QJsonObject softplusArgs(double beta, double threshold) {
    return QJsonObject{{"beta", beta}, {"threshold", threshold}};
}

void addCaseRows() {
    QTest::addColumn<int>("index");
    const QJsonArray all = cases();
    QCOMPARE(all.size(), 11);
    for (int i = 0; i < all.size(); ++i)
        QTest::newRow(qPrintable(all[i]["name"].toString())) << i;
}

}  // namespace

void TestActivations::handWorked_data() {
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("dydx");
    const double ln3 = std::log(3.0), ln2 = std::log(2.0);
    QTest::newRow("ReLU(-1)") << "ReLU" << QJsonObject{} << -1.0 << 0.0 << 0.0;
    QTest::newRow("ReLU(0): grad 0") << "ReLU" << QJsonObject{} << 0.0 << 0.0 << 0.0;
    QTest::newRow("ReLU(2)") << "ReLU" << QJsonObject{} << 2.0 << 2.0 << 1.0;
    QTest::newRow("LeakyReLU(0.2)(-2)") << "LeakyReLU" << args(0.2) << -2.0 << -0.4 << 0.2;
    QTest::newRow("LeakyReLU(0.2)(3)") << "LeakyReLU" << args(0.2) << 3.0 << 3.0 << 1.0;
    QTest::newRow("LeakyReLU(-0.5)") << "LeakyReLU" << QJsonObject{} << -0.5 << -0.005 << 0.01;
    QTest::newRow("Tanh(0)") << "Tanh" << QJsonObject{} << 0.0 << 0.0 << 1.0;
    QTest::newRow("Tanh(ln3/2)") << "Tanh" << QJsonObject{} << ln3 / 2 << 0.5 << 0.75;
    QTest::newRow("Sigmoid(0)") << "Sigmoid" << QJsonObject{} << 0.0 << 0.5 << 0.25;
    QTest::newRow("Sigmoid(ln3)") << "Sigmoid" << QJsonObject{} << ln3 << 0.75 << 0.1875;
    QTest::newRow("GELU(0)") << "GELU" << QJsonObject{} << 0.0 << 0.0 << 0.5;
    // Phi(1) and Phi(1) + phi(1)
    QTest::newRow("GELU(1)") << "GELU" << QJsonObject{} << 1.0 << 0.8413447460685429
                             << 0.8413447460685429 + 0.24197072451914337;
    QTest::newRow("SiLU(0)") << "SiLU" << QJsonObject{} << 0.0 << 0.0 << 0.5;
    QTest::newRow("SiLU(ln3)") << "SiLU" << QJsonObject{} << ln3 << 0.75 * ln3
                               << 0.75 * (1 + 0.25 * ln3);
    QTest::newRow("Softplus(0)") << "Softplus" << softplusArgs(1, 20) << 0.0 << ln2 << 0.5;
    QTest::newRow("Softplus(25) above threshold")
        << "Softplus" << softplusArgs(1, 20) << 25.0 << 25.0 << 1.0;
    QTest::newRow("Softplus(2,5)(0)") << "Softplus" << softplusArgs(2, 5) << 0.0 << ln2 / 2 << 0.5;
    QTest::newRow("Softplus(2,5)(ln3/2)")
        << "Softplus" << softplusArgs(2, 5) << ln3 / 2 << ln2 << 0.75;
    QTest::newRow("Softplus(2,5)(3) above threshold")
        << "Softplus" << softplusArgs(2, 5) << 3.0 << 3.0 << 1.0;
    // ELU: alpha (e^x - 1) for x <= 0, so x = 0 takes alpha e^0 as its derivative.
    const double e1 = std::exp(-1.0), e2 = std::exp(-2.0);
    const QJsonObject alpha1{{"alpha", 1.0}}, alphaHalf{{"alpha", 0.5}};
    QTest::newRow("ELU(-1)") << "ELU" << alpha1 << -1.0 << e1 - 1 << e1;
    QTest::newRow("ELU(0): grad alpha") << "ELU" << alphaHalf << 0.0 << 0.0 << 0.5;
    QTest::newRow("ELU(0.5)(-2)") << "ELU" << alphaHalf << -2.0 << 0.5 * (e2 - 1) << 0.5 * e2;
    QTest::newRow("ELU(2)") << "ELU" << QJsonObject{} << 2.0 << 2.0 << 1.0;
}

void TestActivations::handWorked() {
    QFETCH(QString, type);
    QFETCH(QJsonObject, args);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, dydx);
    auto m = makeActivation<double>(type, args);
    QVERIFY(m);
    Matrix<double> in(1, 1), out, grad;
    in << x;
    m->forward(in, out);
    QVERIFY2(std::abs(out(0, 0) - y) <= 1e-15 * std::max(1.0, std::abs(y)),
             qPrintable(QString::number(out(0, 0), 'g', 17)));
    m->backward(in, out, Matrix<double>::Ones(1, 1), &grad);
    QVERIFY2(std::abs(grad(0, 0) - dydx) <= 1e-15 * std::max(1.0, std::abs(dydx)),
             qPrintable(QString::number(grad(0, 0), 'g', 17)));
}

void TestActivations::gradientCheck_data() {
    addCaseRows();
}

void TestActivations::gradientCheck() {
    QFETCH(int, index);
    const QJsonObject c = cases()[index].toObject();
    auto m = makeActivation<double>(c["type"].toString(), c["args"].toObject());
    QVERIFY(m);
    // Values in [-4, 4], none within 0.2 of the kink at 0; Softplus(2, 5)'s switch at 2.5 avoided.
    Matrix<double> x = 4 * testMatrix(5, 7, 3);
    for (Index i = 0; i < x.size(); ++i)
        if (std::abs(x.data()[i] - 2.5) < 0.05)
            x.data()[i] += 0.1;
    const Matrix<double> g = testMatrix(5, 7, 4);
    auto loss = [&] {
        Matrix<double> yy;
        m->forward(x, yy);
        return (yy.array() * g.array()).sum();
    };
    Matrix<double> y, gx;
    m->forward(x, y);
    m->backward(x, y, g, &gx);
    QVERIFY(gx.norm() > 0);
    const double err = gradientRelativeError(x, gx, loss);
    QVERIFY2(err < 1e-7, qPrintable(QString::number(err)));
}

void TestActivations::golden_data() {
    addCaseRows();
}

void TestActivations::golden() {
    QFETCH(int, index);
    const QJsonObject c = cases()[index].toObject();
    auto m = makeActivation<float>(c["type"].toString(), c["args"].toObject());
    QVERIFY(m);
    const Tensor<float> x = tensorFromJson<float>(c["input"]);
    const Tensor<float> expected = tensorFromJson<float>(c["output"]);
    const Tensor<float> y = (*m)(x);
    QCOMPARE(y.shape, expected.shape);
    // Element-wise functions are judged element by element: |a - e| <= 1e-6 max(1, |e|).
    for (Index i = 0; i < y.values.size(); ++i) {
        const Matrix<float> a = y.values.reshaped<Eigen::RowMajor>().segment(i, 1);
        NN_VERIFY_CLOSE(a, expected.values.reshaped<Eigen::RowMajor>().segment(i, 1).eval(), 1e-6);
    }
    Matrix<float> gx;
    m->backward(x.values, y.values, tensorFromJson<float>(c["grad_output"]).values, &gx);
    const Matrix<float> egx = tensorFromJson<float>(c["grad_input"]).values;
    for (Index i = 0; i < gx.size(); ++i)
        QVERIFY2(std::abs(gx.data()[i] - egx.data()[i]) <=
                     1e-6f * std::max(1.0f, std::abs(egx.data()[i])),
                 qPrintable(QStringLiteral("grad element %1: %2, expected %3")
                                .arg(i)
                                .arg(gx.data()[i], 0, 'g', 9)
                                .arg(egx.data()[i], 0, 'g', 9)));
}

void TestActivations::repr_data() {
    addCaseRows();
}

void TestActivations::repr() {
    QFETCH(int, index);
    const QJsonObject c = cases()[index].toObject();
    auto m = makeActivation<float>(c["type"].toString(), c["args"].toObject());
    QVERIFY(m);
    QCOMPARE(QString::fromStdString(m->repr()), c["repr"].toString());
    // The table states the same repr without building the module.
    const LayerSpec spec = specOf(c["type"].toString(), c["args"].toObject());
    QCOMPARE(QString::fromStdString(layerType(spec.type).repr(spec)), c["repr"].toString());
    QCOMPARE(QString::fromStdString(m->typeName()), c["type"].toString());
    QVERIFY(m->namedParameters().empty());
}

void TestActivations::softplusAboveThresholdIsIdentity() {
    // Above beta * x > threshold PyTorch returns x itself, not log1p(exp(beta x)) / beta.
    Softplus<float> sp(2, 5);
    Matrix<float> x(1, 3), y;
    x << 2.6f, 10, 1e6f;
    sp.forward(x, y);
    NN_VERIFY_EXACT(y, x);
    QVERIFY(std::isfinite(y(0, 2)));
}

void TestActivations::keepsShape() {
    ReLU<float> relu;
    const Tensor<float> y = relu(Tensor<float>::zeros({2, 3, 4}));
    QCOMPARE(y.shape, (Shape{2, 3, 4}));
    QCOMPARE(relu.outputShape({0, 7}), (Shape{0, 7}));
}

QTEST_APPLESS_MAIN(TestActivations)
#include "tst_activations.moc"
