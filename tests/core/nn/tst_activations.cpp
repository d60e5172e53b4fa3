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
    void celuRefusesAlphaZero();
    void hardtanhNeedsMaxAboveMin();
    void keepsShape();
};

namespace {

/// A fixture case's layer: "type" is PyTorch's class name, "args" its keyword
/// arguments, `intArgs` the numbers among them that Python passed as ints.
LayerSpec specOf(const QString& type, const QJsonObject& args, const QJsonArray& intArgs = {}) {
    LayerSpec spec;
    spec.type = type.toStdString();
    for (auto it = args.begin(); it != args.end(); ++it) {
        const std::string name = it.key().toStdString();
        if (it.value().isString()) {
            spec.choices[name] = it.value().toString().toStdString();
        } else {
            spec.setNumber(name, PythonNumber(it.value().toDouble(), intArgs.contains(it.key())));
        }
    }
    return spec;
}

LayerSpec specOf(const QJsonObject& c) {
    return specOf(c["type"].toString(), c["args"].toObject(), c["int_args"].toArray());
}

/// The module, built the way a design builds it: through the layer table.
template <typename T>
std::unique_ptr<Module<T>> makeActivation(const LayerSpec& spec) {
    const LayerType* t = findLayerType(spec.type);
    if (!t || !t->isActivation)
        return nullptr;
    Generator gen(0);
    return makeModule<T>(spec, gen);
}

template <typename T>
std::unique_ptr<Module<T>> makeActivation(const QString& type, const QJsonObject& args) {
    return makeActivation<T>(specOf(type, args, {}));
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
    QCOMPARE(all.size(), 29);
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
    // SELU: scale alpha (e^x - 1) below 0, scale x above; alpha scale = 1.7580993408473766.
    const double seluScale = 1.0507009873554804934193349852946;
    const double seluNeg = 1.6732632423543772848170429916717 * seluScale;
    QTest::newRow("SELU(-1)") << "SELU" << QJsonObject{} << -1.0 << seluNeg * (e1 - 1)
                              << seluNeg * e1;
    QTest::newRow("SELU(2)") << "SELU" << QJsonObject{} << 2.0 << 2 * seluScale << seluScale;
    // CELU(alpha): alpha (e^(x/alpha) - 1) below 0, so CELU(2)(-2) = 2 (e^-1 - 1), slope e^-1.
    QTest::newRow("CELU(2)(-2)") << "CELU" << QJsonObject{{"alpha", 2.0}} << -2.0 << 2 * (e1 - 1)
                                 << e1;
    QTest::newRow("CELU(0.5)") << "CELU" << alphaHalf << 0.5 << 0.5 << 1.0;
    // ReLU6 and Hardtanh: flat (slope 0) at and beyond their bounds, as hardtanh_backward.
    QTest::newRow("ReLU6(6): grad 0") << "ReLU6" << QJsonObject{} << 6.0 << 6.0 << 0.0;
    QTest::newRow("ReLU6(7)") << "ReLU6" << QJsonObject{} << 7.0 << 6.0 << 0.0;
    QTest::newRow("ReLU6(3)") << "ReLU6" << QJsonObject{} << 3.0 << 3.0 << 1.0;
    const QJsonObject bounds{{"min_val", -2.0}, {"max_val", 3.0}};
    QTest::newRow("Hardtanh(-2,3)(-2): grad 0") << "Hardtanh" << bounds << -2.0 << -2.0 << 0.0;
    QTest::newRow("Hardtanh(-2,3)(-5)") << "Hardtanh" << bounds << -5.0 << -2.0 << 0.0;
    QTest::newRow("Hardtanh()(0.5)") << "Hardtanh" << QJsonObject{} << 0.5 << 0.5 << 1.0;
    // Hardsigmoid: (x + 3) / 6 between -3 and 3, its slope the float32 sixth.
    QTest::newRow("Hardsigmoid(0)")
        << "Hardsigmoid" << QJsonObject{} << 0.0 << 0.5 << double(1.0f / 6.0f);
    QTest::newRow("Hardsigmoid(-3): grad 0")
        << "Hardsigmoid" << QJsonObject{} << -3.0 << 0.0 << 0.0;
    QTest::newRow("Hardsigmoid(4)") << "Hardsigmoid" << QJsonObject{} << 4.0 << 1.0 << 0.0;
    // Hardswish: x (x + 3) / 6; slope x/3 + 1/2 from -3 up to 3, 1 from 3 on.
    QTest::newRow("Hardswish(1.5)") << "Hardswish" << QJsonObject{} << 1.5 << 1.125 << 1.0;
    QTest::newRow("Hardswish(-3)") << "Hardswish" << QJsonObject{} << -3.0 << 0.0 << -0.5;
    QTest::newRow("Hardswish(3): vectorised grad 1")
        << "Hardswish" << QJsonObject{} << 3.0 << 3.0 << 1.0;
    QTest::newRow("Hardswish(-4)") << "Hardswish" << QJsonObject{} << -4.0 << 0.0 << 0.0;
    // Mish(0) = 0 tanh(ln 2) = 0, slope tanh(ln 2) = 3/5.
    QTest::newRow("Mish(0)") << "Mish" << QJsonObject{} << 0.0 << 0.0 << 0.6;
    // Softsign: x / (1 + |x|), slope 1 / (1 + |x|)^2.
    QTest::newRow("Softsign(-3)") << "Softsign" << QJsonObject{} << -3.0 << -0.75 << 0.0625;
    QTest::newRow("Softsign(1)") << "Softsign" << QJsonObject{} << 1.0 << 0.5 << 0.25;
    // Tanhshrink: x - tanh x, slope tanh^2 x; tanh(ln3/2) = 1/2.
    QTest::newRow("Tanhshrink(ln3/2)")
        << "Tanhshrink" << QJsonObject{} << ln3 / 2 << ln3 / 2 - 0.5 << 0.25;
    // LogSigmoid: log sigmoid(x), slope 1 - sigmoid(x); sigmoid(ln3) = 3/4.
    QTest::newRow("LogSigmoid(ln3)")
        << "LogSigmoid" << QJsonObject{} << ln3 << std::log(0.75) << 0.25;
    QTest::newRow("LogSigmoid(-ln3)")
        << "LogSigmoid" << QJsonObject{} << -ln3 << std::log(0.25) << 0.75;
    QTest::newRow("LogSigmoid(0)") << "LogSigmoid" << QJsonObject{} << 0.0 << -ln2 << 0.5;
    // GELU tanh: 0 at 0 with slope 1/2.
    QTest::newRow("GELU(tanh)(0)")
        << "GELU" << QJsonObject{{"approximate", "tanh"}} << 0.0 << 0.0 << 0.5;
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
    auto m = makeActivation<double>(specOf(c));
    QVERIFY(m);
    // Values in [-4, 4], none within 0.2 of the kink at 0, and none near the other
    // kinks: Softplus(2, 5)'s switch at 2.5, Hardtanh's bounds, Hard*'s +-3.
    Matrix<double> x = 4 * testMatrix(5, 7, 3);
    for (Index i = 0; i < x.size(); ++i)
        for (double kink : {-3.0, -2.5, -2.0, -1.0, 1.0, 2.5, 3.0})
            if (std::abs(x.data()[i] - kink) < 0.05)
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

namespace {

/// Element by element, |a - e| <= tolerance max(1, |e|); returns how many are
/// bit-equal, and the first element off in `failure`.
template <typename T>
int compareElements(const Matrix<T>& actual, const Matrix<T>& expected, double tolerance,
                    const char* what, QString& failure) {
    int exact = 0;
    for (Index i = 0; i < actual.size(); ++i) {
        const double a = actual.data()[i], e = expected.data()[i];
        exact += a == e;
        if (failure.isEmpty() && !(std::abs(a - e) <= tolerance * std::max(1.0, std::abs(e))))
            failure = QStringLiteral("%1 element %2: %3, expected %4")
                          .arg(what)
                          .arg(i)
                          .arg(a, 0, 'g', 17)
                          .arg(e, 0, 'g', 17);
    }
    return exact;
}

/// The fixture's forward and backward in precision T, read from the fields with `suffix`.
template <typename T>
void checkGolden(const QJsonObject& c, const char* suffix, double tolerance) {
    auto m = makeActivation<T>(specOf(c));
    QVERIFY(m);
    const Tensor<T> x = tensorFromJson<T>(c["input"]);
    const Tensor<T> expected = tensorFromJson<T>(c[QStringLiteral("output") + suffix]);
    const Tensor<T> y = (*m)(x);
    QCOMPARE(y.shape, expected.shape);
    Matrix<T> gx;
    m->backward(x.values, y.values, tensorFromJson<T>(c["grad_output"]).values, &gx);
    const Matrix<T> egx = tensorFromJson<T>(c[QStringLiteral("grad_input") + suffix]).values;
    QString failure;
    const int exactY = compareElements<T>(y.values, expected.values, tolerance, "output", failure);
    const int exactG = compareElements<T>(gx, egx, tolerance, "grad", failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    // Where PyTorch's vectorised exp, tanh, log1p and erf (SLEEF, within 1 ulp)
    // round differently from the C library, a value may differ in its last bit.
    qInfo("%s %s: %d/%lld outputs and %d/%lld gradients bit-equal to PyTorch's",
          qPrintable(c["name"].toString()), sizeof(T) == 4 ? "float32" : "float64", exactY,
          static_cast<long long>(y.values.size()), exactG, static_cast<long long>(gx.size()));
}

}  // namespace

void TestActivations::golden() {
    QFETCH(int, index);
    const QJsonObject c = cases()[index].toObject();
    checkGolden<float>(c, "", 1e-6);
    checkGolden<double>(c, "_f64", 1e-14);
}

void TestActivations::repr_data() {
    addCaseRows();
}

void TestActivations::repr() {
    QFETCH(int, index);
    const QJsonObject c = cases()[index].toObject();
    const LayerSpec spec = specOf(c);
    auto m = makeActivation<float>(spec);
    QVERIFY(m);
    QCOMPARE(QString::fromStdString(m->repr()), c["repr"].toString());
    // The table states the same repr without building the module.
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

void TestActivations::celuRefusesAlphaZero() {
    // Shape inference reports it on the node before anything runs, in torch's words.
    const QJsonObject expected = loadFixture("activations.json")["errors"].toArray()[0].toObject();
    QCOMPARE(expected["name"].toString(), QStringLiteral("celu_alpha0"));
    LayerSpec celu = specOf("CELU", QJsonObject{{"alpha", 0.0}}, {});
    try {
        layerType("CELU").outputShape(celu, {2, 3}, {});
        QFAIL("no error");
    } catch (const std::invalid_argument& e) {
        QCOMPARE(QString(e.what()), expected["message"].toString());
    }
    celu.setNumber("alpha", 0.5);
    QCOMPARE(layerType("CELU").outputShape(celu, {2, 3}, {}), (Shape{2, 3}));
}

void TestActivations::hardtanhNeedsMaxAboveMin() {
    // nn.Hardtanh(1.0, -1.0) fails its assertion; the node says why.
    const LayerSpec bad = specOf("Hardtanh", QJsonObject{{"min_val", 1.0}, {"max_val", 1.0}}, {});
    try {
        layerType("Hardtanh").outputShape(bad, {2, 3}, {});
        QFAIL("no error");
    } catch (const std::invalid_argument& e) {
        QCOMPARE(QString(e.what()), QStringLiteral("AssertionError: Hardtanh needs max_val > "
                                                   "min_val, got min_val=1.0, max_val=1.0"));
    }
}

void TestActivations::keepsShape() {
    ReLU<float> relu;
    const Tensor<float> y = relu(Tensor<float>::zeros({2, 3, 4}));
    QCOMPARE(y.shape, (Shape{2, 3, 4}));
    QCOMPARE(relu.outputShape({0, 7}), (Shape{0, 7}));
}

QTEST_APPLESS_MAIN(TestActivations)
#include "tst_activations.moc"
