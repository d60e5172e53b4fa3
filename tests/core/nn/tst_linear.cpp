// torch.nn.Linear: hand-worked forward/backward, float64 finite differences,
// PyTorch golden numbers, seeded default init, PyTorch's error wording.
#include "core/nn/linear.h"
#include "nn_test_support.h"

#include <QtTest>

#include <stdexcept>

using namespace linearlab::nn;
using namespace nntest;

class TestLinear : public QObject {
    Q_OBJECT

private slots:
    void forwardHandWorked();
    void backwardHandWorked();
    void gradientCheck_data();
    void gradientCheck();
    void golden_data();
    void golden();
    void seededInit_data();
    void seededInit();
    void resetParametersRedraws();
    void errors_data();
    void errors();
    void negativeFeatures_data();
    void negativeFeatures();
    void zeroRows();
    void zeroInFeatures();
    void biasFalse();
    void gradientsAccumulate();
    void nonDynamicallyQuantizableLinear();
    void repr_data();
    void repr();
    void trainingConverges();
};

namespace {

// Linear(2, 2) with weight [[1, 2], [3, 4]] and bias [0.5, -1].
template <typename T>
Linear<T> handLinear(Generator& gen) {
    Linear<T> l(LinearOptions(2, 2), gen);
    l.weight().value << 1, 2, 3, 4;
    l.bias().value << 0.5, -1;
    return l;
}

QJsonArray linearCases() {
    return loadFixture("layers.json")["linear"].toArray();
}

QJsonObject caseNamed(const QJsonArray& cases, const QString& name) {
    for (const QJsonValue& c : cases)
        if (c["name"].toString() == name)
            return c.toObject();
    return {};
}

QString errorMessage(const QString& which) {
    for (const QJsonValue& e : loadFixture("errors.json")["errors"].toArray())
        if (e["case"].toString() == which)
            return e["message"].toString();
    return QStringLiteral("<missing fixture case %1>").arg(which);
}

}  // namespace

void TestLinear::forwardHandWorked() {
    Generator gen(0);
    auto l = handLinear<float>(gen);
    Matrix<float> x(3, 2), y;
    x << 1, 1, 2, -1, 0, 0;
    l.forward(x, y);
    // y = x W^T + b: [1+2+0.5, 3+4-1], [2-2+0.5, 6-4-1], [0.5, -1]
    Matrix<float> expected(3, 2);
    expected << 3.5f, 6, 0.5f, 1, 0.5f, -1;
    NN_VERIFY_EXACT(y, expected);

    // A 3-D tensor keeps its leading dims: (2, 1, 2) -> (2, 1, 2).
    Tensor<float> t({2, 1, 2}, x.topRows(2));
    const Tensor<float> out = l(t);
    QCOMPARE(out.shape, (Shape{2, 1, 2}));
    NN_VERIFY_EXACT(out.values, expected.topRows(2));
}

void TestLinear::backwardHandWorked() {
    Generator gen(0);
    auto l = handLinear<double>(gen);
    Matrix<double> x(3, 2), y, gy(3, 2), gx;
    x << 1, 1, 2, -1, 0, 0;
    gy << 1, 0, 0, 1, 1, 1;
    l.forward(x, y);
    l.zeroGrad();
    l.backward(x, y, gy, &gx);
    Matrix<double> egx(3, 2), egw(2, 2), egb(1, 2);
    egx << 1, 2, 3, 4, 4, 6;  // gY W
    egw << 1, 1, 2, -1;       // gY^T x
    egb << 2, 2;              // column sums of gY
    NN_VERIFY_EXACT(gx, egx);
    NN_VERIFY_EXACT(l.weight().grad, egw);
    NN_VERIFY_EXACT(l.bias().grad, egb);
}

void TestLinear::gradientCheck_data() {
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<int>("rows");
    QTest::newRow("5->4, 3 rows") << 5 << 4 << true << 3;
    QTest::newRow("1 row") << 7 << 2 << true << 1;
    QTest::newRow("no bias") << 3 << 6 << false << 4;
    QTest::newRow("square") << 4 << 4 << true << 8;
}

void TestLinear::gradientCheck() {
    QFETCH(int, in);
    QFETCH(int, out);
    QFETCH(bool, bias);
    QFETCH(int, rows);
    Generator gen(42);
    Linear<double> l(LinearOptions(in, out).bias(bias), gen);
    Matrix<double> x = testMatrix(rows, in, 1);
    const Matrix<double> g = testMatrix(rows, out, 2);
    Matrix<double> y, gx;
    auto loss = [&] {
        Matrix<double> yy;
        l.forward(x, yy);
        return (yy.array() * g.array()).sum();
    };
    l.forward(x, y);
    l.zeroGrad();
    l.backward(x, y, g, &gx);
    const Matrix<double> gw = l.weight().grad;
    QVERIFY(gx.norm() > 0 && gw.norm() > 0);
    QVERIFY2(gradientRelativeError(x, gx, loss) < 1e-7, "input");
    QVERIFY2(gradientRelativeError(l.weight().value, gw, loss) < 1e-7, "weight");
    if (bias) {
        const Matrix<double> gb = l.bias().grad;
        QVERIFY(gb.norm() > 0);
        QVERIFY2(gradientRelativeError(l.bias().value, gb, loss) < 1e-7, "bias");
    }
    // The check itself must notice a wrong gradient.
    Matrix<double> wrong = gx;
    wrong(0, 0) += 0.1;
    QVERIFY(gradientRelativeError(x, wrong, loss) > 1e-3);
}

void TestLinear::golden_data() {
    QTest::addColumn<QString>("name");
    for (const QJsonValue& c : linearCases())
        QTest::newRow(qPrintable(c["name"].toString())) << c["name"].toString();
    QVERIFY(linearCases().size() >= 8);
}

void TestLinear::golden() {
    QFETCH(QString, name);
    const QJsonObject c = caseNamed(linearCases(), name);
    QVERIFY(!c.isEmpty());
    const bool bias = c["bias"].toBool();
    Generator gen(0);
    Linear<float> l(LinearOptions(c["in_features"].toInt(), c["out_features"].toInt()).bias(bias),
                    gen);
    l.weight().value = parameterFromJson<float>(c["weight"]);
    if (bias)
        l.bias().value = parameterFromJson<float>(c["bias_value"]);

    const Tensor<float> x = tensorFromJson<float>(c["input"]);
    const Tensor<float> expected = tensorFromJson<float>(c["output"]);
    const Tensor<float> y = l(x);
    QCOMPARE(y.shape, expected.shape);
    NN_VERIFY_CLOSE(y.values, expected.values, 1e-6);

    const Tensor<float> gy = tensorFromJson<float>(c["grad_output"]);
    Matrix<float> gx;
    l.zeroGrad();
    l.backward(x.values, y.values, gy.values, &gx);
    NN_VERIFY_CLOSE(gx, tensorFromJson<float>(c["grad_input"]).values, 1e-6);
    NN_VERIFY_CLOSE(l.weight().grad, parameterFromJson<float>(c["grad_weight"]), 1e-6);
    if (bias)
        NN_VERIFY_CLOSE(l.bias().grad, parameterFromJson<float>(c["grad_bias"]), 1e-6);
}

void TestLinear::seededInit_data() {
    addSeededStackRows("float32");
}

void TestLinear::seededInit() {
    QFETCH(int, stack);
    const QJsonObject s = seededStack(stack);
    // The stack's first layer is Linear(20, 40), built right after torch.manual_seed(seed).
    const QJsonObject layer = s["layers"].toArray()[0].toObject();
    QCOMPARE(layer["repr"].toString(),
             QStringLiteral("Linear(in_features=20, out_features=40, bias=True)"));
    Generator gen(static_cast<uint64_t>(s["seed"].toInteger()));
    Linear<float> l(LinearOptions(20, 40), gen);
    const QJsonArray params = layer["parameters"].toArray();
    QCOMPARE(params.size(), 2);
    QCOMPARE(l.weight().shape, shapeFromJson(params[0]["shape"]));
    QCOMPARE(l.bias().shape, shapeFromJson(params[1]["shape"]));
    NN_VERIFY_EXACT(l.weight().value, parameterFromJson<float>(params[0]));
    NN_VERIFY_EXACT(l.bias().value, parameterFromJson<float>(params[1]));
    // U(-1/sqrt(20), 1/sqrt(20)) for both.
    const float bound = static_cast<float>(1 / std::sqrt(20.0));
    QVERIFY(l.weight().value.cwiseAbs().maxCoeff() <= bound);
    QVERIFY(l.weight().value.cwiseAbs().maxCoeff() > 0.9f * bound);
}

void TestLinear::resetParametersRedraws() {
    Generator a(5), b(5);
    Linear<float> l(LinearOptions(3, 4), a);
    const Matrix<float> w0 = l.weight().value, b0 = l.bias().value;
    l.resetParameters(a);  // continues the stream: different values
    QVERIFY(l.weight().value != w0);
    l.resetParameters(b);  // a fresh stream of the same seed: the constructor's values
    NN_VERIFY_EXACT(l.weight().value, w0);
    NN_VERIFY_EXACT(l.bias().value, b0);
}

void TestLinear::errors_data() {
    QTest::addColumn<QString>("which");
    QTest::addColumn<Shape>("input");
    QTest::newRow("2-D") << "linear_2d_in_features" << Shape{4, 5};
    QTest::newRow("1-D") << "linear_1d_in_features" << Shape{5};
    QTest::newRow("3-D") << "linear_3d_in_features" << Shape{3, 4, 5};
    QTest::newRow("0-D") << "linear_0d" << Shape{};
}

void TestLinear::errors() {
    QFETCH(QString, which);
    QFETCH(Shape, input);
    Generator gen(0);
    Linear<float> l(LinearOptions(10, 8), gen);
    Tensor<float> x;
    x.shape = input;
    x.values = Matrix<float>::Zero(input.empty() ? 1 : numel(input) / input.back(),
                                   input.empty() ? 1 : input.back());
    QString message;
    try {
        l(x);
    } catch (const std::invalid_argument& e) {
        message = QString::fromStdString(e.what());
    }
    QCOMPARE(message, errorMessage(which));
}

void TestLinear::negativeFeatures_data() {
    QTest::addColumn<QString>("which");
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::newRow("in_features -1") << "linear_negative_in" << -1 << 3;
    QTest::newRow("out_features -1") << "linear_negative_out" << 3 << -1;
}

void TestLinear::negativeFeatures() {
    QFETCH(QString, which);
    QFETCH(int, in);
    QFETCH(int, out);
    Generator gen(0);
    QString message;
    try {
        Linear<float> l(LinearOptions(in, out), gen);
    } catch (const std::invalid_argument& e) {
        message = QString::fromStdString(e.what());
    }
    // PyTorch names the whole weight shape: "... negative dimension -1: [3, -1]".
    QCOMPARE(message, errorMessage(which));
}

void TestLinear::zeroRows() {
    Generator gen(0);
    Linear<float> l(LinearOptions(5, 4), gen);
    const Tensor<float> y = l(Tensor<float>::zeros({0, 5}));
    QCOMPARE(y.shape, (Shape{0, 4}));
    QCOMPARE(y.values.rows(), Index(0));
    QCOMPARE(y.values.cols(), Index(4));
    Matrix<float> gx;
    l.zeroGrad();
    l.backward(Matrix<float>(0, 5), y.values, Matrix<float>(0, 4), &gx);
    QCOMPARE(gx.rows(), Index(0));
    QCOMPARE(gx.cols(), Index(5));
    QCOMPARE(l.weight().grad, Matrix<float>::Zero(4, 5).eval());
    QCOMPARE(l.bias().grad, Matrix<float>::Zero(1, 4).eval());
    // A 3-D batch with a zero leading dim keeps its shape too.
    QCOMPARE(l(Tensor<float>::zeros({2, 0, 5})).shape, (Shape{2, 0, 4}));
}

void TestLinear::zeroInFeatures() {
    Generator gen(0), fresh(0);
    Linear<float> l(LinearOptions(0, 3), gen);
    QCOMPARE(l.weight().shape, (Shape{3, 0}));
    QCOMPARE(l.weight().numel(), Index(0));
    QCOMPARE(l.bias().shape, (Shape{3}));
    // bound = 0, so the bias is zero; PyTorch still draws its three values.
    QCOMPARE(l.bias().value, Matrix<float>::Zero(1, 3).eval());
    for (int i = 0; i < 3; ++i)
        fresh.random();
    QCOMPARE(gen.random(), fresh.random());

    l.bias().value << 1, 2, -3;
    const Tensor<float> y = l(Tensor<float>::zeros({4, 0}));
    QCOMPARE(y.shape, (Shape{4, 3}));
    for (Index r = 0; r < 4; ++r)
        NN_VERIFY_EXACT(y.values.row(r), l.bias().value);
    Matrix<float> gx, gy = Matrix<float>::Ones(4, 3);
    l.zeroGrad();
    l.backward(Matrix<float>(4, 0), y.values, gy, &gx);
    QCOMPARE(gx.rows(), Index(4));
    QCOMPARE(gx.cols(), Index(0));
    Matrix<float> expected(1, 3);
    expected << 4, 4, 4;
    NN_VERIFY_EXACT(l.bias().grad, expected);
}

void TestLinear::biasFalse() {
    Generator gen(0);
    Linear<float> l(LinearOptions(2, 2).bias(false), gen);
    const auto params = l.namedParameters();
    QCOMPARE(params.size(), size_t(1));
    QCOMPARE(params[0].name, std::string("weight"));
    QCOMPARE(l.parameterCount(), Index(4));
    l.weight().value << 1, 2, 3, 4;
    Matrix<float> x(1, 2), y;
    x << 1, -1;
    l.forward(x, y);
    Matrix<float> expected(1, 2);
    expected << -1, -1;
    NN_VERIFY_EXACT(y, expected);

    Linear<float> withBias(LinearOptions(2, 2), gen);
    const auto both = withBias.namedParameters();
    QCOMPARE(both.size(), size_t(2));
    QCOMPARE(both[1].name, std::string("bias"));
    QCOMPARE(withBias.parameterCount(), Index(6));
}

void TestLinear::gradientsAccumulate() {
    Generator gen(3);
    Linear<double> l(LinearOptions(3, 2), gen);
    const Matrix<double> x = testMatrix(4, 3, 7), gy = testMatrix(4, 2, 8);
    Matrix<double> y;
    l.forward(x, y);
    l.zeroGrad();
    l.backward(x, y, gy, nullptr);
    const Matrix<double> once = l.weight().grad, onceBias = l.bias().grad;
    QVERIFY(once.norm() > 0);
    l.backward(x, y, gy, nullptr);
    NN_VERIFY_CLOSE(l.weight().grad, (2 * once).eval(), 1e-15);
    NN_VERIFY_CLOSE(l.bias().grad, (2 * onceBias).eval(), 1e-15);
    l.zeroGrad();
    QCOMPARE(l.weight().grad.norm(), 0.0);
    QCOMPARE(l.bias().grad.norm(), 0.0);
}

void TestLinear::nonDynamicallyQuantizableLinear() {
    Generator a(0), b(0);
    NonDynamicallyQuantizableLinear<float> q(LinearOptions(3, 4), a);
    Linear<float> l(LinearOptions(3, 4), b);
    QCOMPARE(q.typeName(), std::string("NonDynamicallyQuantizableLinear"));
    NN_VERIFY_EXACT(q.weight().value, l.weight().value);
    NN_VERIFY_EXACT(q.bias().value, l.bias().value);
    const Matrix<float> x = testMatrix(2, 3, 1).cast<float>();
    Matrix<float> yq, yl;
    q.forward(x, yq);
    l.forward(x, yl);
    NN_VERIFY_EXACT(yq, yl);
}

void TestLinear::repr_data() {
    QTest::addColumn<QString>("module");
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<bool>("quantizable");
    QTest::newRow("Linear(20,40)") << "Linear(20,40)" << 20 << 40 << true << false;
    QTest::newRow("bias False") << "Linear(5,2,bias=False)" << 5 << 2 << false << false;
    QTest::newRow("Linear(0,3)") << "Linear(0,3)" << 0 << 3 << true << false;
    QTest::newRow("NonDynamicallyQuantizableLinear")
        << "NonDynamicallyQuantizableLinear(3,4)" << 3 << 4 << true << true;
}

void TestLinear::repr() {
    QFETCH(QString, module);
    QFETCH(int, in);
    QFETCH(int, out);
    QFETCH(bool, bias);
    QFETCH(bool, quantizable);
    QString expected;
    for (const QJsonValue& r : loadFixture("repr.json")["modules"].toArray())
        if (r["module"].toString() == module)
            expected = r["repr"].toString();
    QVERIFY(!expected.isEmpty());
    Generator gen(0);
    const LinearOptions options = LinearOptions(in, out).bias(bias);
    const std::string repr = quantizable
                                 ? NonDynamicallyQuantizableLinear<float>(options, gen).repr()
                                 : Linear<float>(options, gen).repr();
    QCOMPARE(QString::fromStdString(repr), expected);
}

void TestLinear::trainingConverges() {
    // Plain gradient descent on MSE recovers a linear teacher.
    Generator gen(1);
    Linear<double> l(LinearOptions(3, 2), gen);
    Matrix<double> teacher(2, 3);
    teacher << 0.5, -1, 2, 1.5, 0, -0.5;
    const Matrix<double> x = testMatrix(32, 3, 11);
    Matrix<double> target = x * teacher.transpose();
    target.rowwise() += RowVector<double>::LinSpaced(2, 0.3, -0.7);
    Matrix<double> y;
    double first = 0, last = 0;
    for (int step = 0; step < 2000; ++step) {
        l.forward(x, y);
        const Matrix<double> diff = y - target;
        last = diff.squaredNorm() / static_cast<double>(diff.size());
        if (step == 0)
            first = last;
        l.zeroGrad();
        l.backward(x, y, (2 * diff / static_cast<double>(diff.size())).eval(), nullptr);
        for (auto& p : l.namedParameters())
            p.parameter->value -= 0.5 * p.parameter->grad;
    }
    QVERIFY(first > 0.1);
    QVERIFY2(last < 1e-10, qPrintable(QString::number(last)));
    NN_VERIFY_CLOSE(l.weight().value, teacher, 1e-4);
}

QTEST_APPLESS_MAIN(TestLinear)
#include "tst_linear.moc"
