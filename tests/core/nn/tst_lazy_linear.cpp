// torch.nn.LazyLinear: repr and parameters before/after materializing, PyTorch's
// values after a seeded materialization, and that a lazy layer draws from the
// generator only when it materializes, after every eager layer.
#include "core/nn/bilinear.h"
#include "core/nn/lazy_linear.h"
#include "core/nn/linear.h"
#include "nn_test_support.h"

#include <QtTest>

#include <memory>
#include <stdexcept>

using namespace linearlab::nn;
using namespace nntest;

class TestLazyLinear : public QObject {
    Q_OBJECT

private slots:
    void reprBeforeAndAfter();
    void forwardHandWorked();
    void gradientCheck();
    void golden_data();
    void golden();
    void materializesAfterEagerLayers_data();
    void materializesAfterEagerLayers();
    void materializeOnlyOnce();
    void materializeUninitialisedDrawsNothing();
    void forwardBeforeMaterializeThrows();
    void outputShapeBeforeMaterialize();
    void negativeOutFeaturesThrows();
};

namespace {

QString reprFixture(const QString& module) {
    for (const QJsonValue& r : loadFixture("repr.json")["modules"].toArray())
        if (r["module"].toString() == module)
            return r["repr"].toString();
    return QStringLiteral("<missing fixture %1>").arg(module);
}

QString repr(const Module<float>& m) {
    return QString::fromStdString(m.repr());
}

}  // namespace

void TestLazyLinear::reprBeforeAndAfter() {
    Generator gen(0);
    LazyLinear<float> lazy(4);
    QCOMPARE(repr(lazy), reprFixture("LazyLinear(4) before"));
    QCOMPARE(lazy.typeName(), std::string("LazyLinear"));
    QVERIFY(!lazy.isMaterialized());
    QVERIFY(lazy.namedParameters().empty());
    QCOMPARE(lazy.parameterCount(), Index(0));

    const Tensor<float> y = lazy(Tensor<float>::zeros({2, 6}), gen);
    QCOMPARE(y.shape, (Shape{2, 4}));
    QVERIFY(lazy.isMaterialized());
    QCOMPARE(repr(lazy), reprFixture("LazyLinear(4) after (6)"));
    QCOMPARE(lazy.typeName(), std::string("Linear"));
    QCOMPARE(lazy.inFeatures(), Index(6));
    QCOMPARE(lazy.namedParameters().size(), size_t(2));
    QCOMPARE(lazy.weight().shape, (Shape{4, 6}));
    QCOMPARE(lazy.parameterCount(), Index(28));

    LazyLinear<float> noBias(4, false);
    QCOMPARE(repr(noBias), reprFixture("LazyLinear(4,bias=False) before"));
}

void TestLazyLinear::forwardHandWorked() {
    Generator gen(0);
    LazyLinear<float> lazy(2);
    lazy.materialize(2, gen);
    lazy.weight().value << 1, 2, 3, 4;
    lazy.bias().value << 0.5f, -1;
    Matrix<float> x(2, 2), y;
    x << 1, 1, 2, -1;
    lazy.forward(x, y);
    Matrix<float> expected(2, 2);
    expected << 3.5f, 6, 0.5f, 1;
    NN_VERIFY_EXACT(y, expected);
}

void TestLazyLinear::gradientCheck() {
    Generator gen(8);
    LazyLinear<double> lazy(3);
    Matrix<double> x = testMatrix(4, 5, 1);
    const Matrix<double> g = testMatrix(4, 3, 2);
    const Tensor<double> y = lazy(Tensor<double>({4, 5}, x), gen);
    auto loss = [&] {
        Matrix<double> yy;
        lazy.forward(x, yy);
        return (yy.array() * g.array()).sum();
    };
    Matrix<double> gx;
    lazy.zeroGrad();
    lazy.backward(x, y.values, g, &gx);
    const Matrix<double> gw = lazy.weight().grad, gb = lazy.bias().grad;
    QVERIFY(gx.norm() > 0 && gw.norm() > 0 && gb.norm() > 0);
    QVERIFY2(gradientRelativeError(x, gx, loss) < 1e-7, "input");
    QVERIFY2(gradientRelativeError(lazy.weight().value, gw, loss) < 1e-7, "weight");
    QVERIFY2(gradientRelativeError(lazy.bias().value, gb, loss) < 1e-7, "bias");
}

void TestLazyLinear::golden_data() {
    QTest::addColumn<int>("index");
    const QJsonArray cases = loadFixture("layers.json")["lazy_linear"].toArray();
    QVERIFY(cases.size() >= 2);
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(cases[i]["name"].toString())) << i;
}

void TestLazyLinear::golden() {
    QFETCH(int, index);
    const QJsonObject c = loadFixture("layers.json")["lazy_linear"].toArray()[index].toObject();
    const bool bias = c["bias"].toBool();
    Generator gen(static_cast<uint64_t>(c["seed"].toInteger()));
    LazyLinear<float> lazy(c["out_features"].toInt(), bias);
    QCOMPARE(repr(lazy), c["repr_before"].toString());

    // The first forward materializes from the input's last dim and draws PyTorch's values.
    const Tensor<float> x = tensorFromJson<float>(c["input"]);
    const Tensor<float> y = lazy(x, gen);
    QCOMPARE(repr(lazy), c["repr_after"].toString());
    QCOMPARE(lazy.inFeatures(), Index(c["in_features"].toInt()));
    NN_VERIFY_EXACT(lazy.weight().value, parameterFromJson<float>(c["weight"]));
    if (bias)
        NN_VERIFY_EXACT(lazy.bias().value, parameterFromJson<float>(c["bias_value"]));

    const Tensor<float> expected = tensorFromJson<float>(c["output"]);
    QCOMPARE(y.shape, expected.shape);
    NN_VERIFY_CLOSE(y.values, expected.values, 1e-6);
    Matrix<float> gx;
    lazy.zeroGrad();
    lazy.backward(x.values, y.values, tensorFromJson<float>(c["grad_output"]).values, &gx);
    NN_VERIFY_CLOSE(gx, tensorFromJson<float>(c["grad_input"]).values, 1e-6);
    NN_VERIFY_CLOSE(lazy.weight().grad, parameterFromJson<float>(c["grad_weight"]), 1e-6);
    if (bias)
        NN_VERIFY_CLOSE(lazy.bias().grad, parameterFromJson<float>(c["grad_bias"]), 1e-6);
}

void TestLazyLinear::materializesAfterEagerLayers_data() {
    QTest::addColumn<int>("stack");
    const QJsonArray stacks = loadFixture("init_seeded.json")["stacks"].toArray();
    for (int i = 0; i < stacks.size(); ++i)
        if (stacks[i]["dtype"].toString() == "float32")
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(stacks[i]["seed"].toInt())))
                << i;
}

void TestLazyLinear::materializesAfterEagerLayers() {
    QFETCH(int, stack);
    const QJsonObject s = loadFixture("init_seeded.json")["stacks"].toArray()[stack].toObject();
    const QJsonArray layers = s["layers"].toArray();
    const uint64_t seed = static_cast<uint64_t>(s["seed"].toInteger());
    // Linear(20,40), Bilinear(6,5,4), LazyLinear(5), Linear(5,3,bias=False),
    // Bilinear(3,7,2), LazyLinear(4,bias=False), Linear(0,3); then the lazy ones
    // materialize in order, fed widths 4 and 2.
    Generator gen(seed);
    Linear<float> l0(LinearOptions(20, 40), gen);
    Bilinear<float> b1(BilinearOptions(6, 5, 4), gen);
    LazyLinear<float> z2(5);
    Linear<float> l3(LinearOptions(5, 3).bias(false), gen);
    Bilinear<float> b4(BilinearOptions(3, 7, 2), gen);
    LazyLinear<float> z5(4, false);
    Linear<float> l6(LinearOptions(0, 3), gen);
    z2(Tensor<float>::zeros({1, 4}), gen);
    z5(Tensor<float>::zeros({1, 2}), gen);

    const QJsonArray p2 = layers[2]["parameters"].toArray();
    const QJsonArray p5 = layers[5]["parameters"].toArray();
    QCOMPARE(repr(z2), layers[2]["repr"].toString());
    QCOMPARE(repr(z5), layers[5]["repr"].toString());
    NN_VERIFY_EXACT(z2.weight().value, parameterFromJson<float>(p2[0]));
    NN_VERIFY_EXACT(z2.bias().value, parameterFromJson<float>(p2[1]));
    NN_VERIFY_EXACT(z5.weight().value, parameterFromJson<float>(p5[0]));
    QCOMPARE(p5.size(), 1);

    // Materializing in place, between the eager layers, gives other numbers: the
    // order is what makes the values PyTorch's.
    Generator eager(seed);
    Linear<float> e0(LinearOptions(20, 40), eager);
    Bilinear<float> e1(BilinearOptions(6, 5, 4), eager);
    LazyLinear<float> early(5);
    early.materialize(4, eager);
    QVERIFY(!exactMismatch(early.weight().value, parameterFromJson<float>(p2[0])).isEmpty());
}

void TestLazyLinear::materializeOnlyOnce() {
    Generator gen(1), fresh(1);
    LazyLinear<float> lazy(3);
    lazy.materialize(4, gen);
    const Matrix<float> w = lazy.weight().value;
    // 12 weights + 3 biases drawn, nothing more.
    for (int i = 0; i < 15; ++i)
        fresh.random();
    lazy.materialize(7, gen);
    lazy(Tensor<float>::zeros({2, 4}), gen);
    QCOMPARE(gen.random(), fresh.random());
    QCOMPARE(lazy.inFeatures(), Index(4));
    NN_VERIFY_EXACT(lazy.weight().value, w);
    // Once materialized, a wrong width is Linear's error.
    QString message;
    try {
        lazy(Tensor<float>::zeros({2, 7}), gen);
    } catch (const std::invalid_argument& e) {
        message = e.what();
    }
    QCOMPARE(message, QStringLiteral("mat1 and mat2 shapes cannot be multiplied (2x7 and 4x3)"));
}

void TestLazyLinear::materializeUninitialisedDrawsNothing() {
    Generator gen(2), fresh(2);
    LazyLinear<float> lazy(3);
    lazy.materializeUninitialised(5);
    QVERIFY(lazy.isMaterialized());
    QCOMPARE(lazy.weight().shape, (Shape{3, 5}));
    QCOMPARE(lazy.weight().value, Matrix<float>::Zero(3, 5).eval());
    QCOMPARE(lazy.bias().value, Matrix<float>::Zero(1, 3).eval());
    QCOMPARE(gen.random(), fresh.random());
    // resetParameters now draws as Linear does.
    lazy.resetParameters(gen);
    QVERIFY(lazy.weight().value.cwiseAbs().maxCoeff() > 0);
}

void TestLazyLinear::forwardBeforeMaterializeThrows() {
    LazyLinear<float> lazy(3);
    Matrix<float> x = Matrix<float>::Zero(2, 4), y;
    QVERIFY_THROWS_EXCEPTION(std::logic_error, lazy.forward(x, y));
    QVERIFY(!lazy.isMaterialized());
    Generator gen(0), fresh(0);
    lazy.resetParameters(gen);  // nothing to draw yet
    QCOMPARE(gen.random(), fresh.random());
}

void TestLazyLinear::outputShapeBeforeMaterialize() {
    LazyLinear<float> lazy(3);
    QCOMPARE(lazy.outputShape({2, 9}), (Shape{2, 3}));
    QCOMPARE(lazy.outputShape({4, 2, 1}), (Shape{4, 2, 3}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lazy.outputShape({}));
}

void TestLazyLinear::negativeOutFeaturesThrows() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LazyLinear<float>(-1));
    LazyLinear<float> lazy(2);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lazy.materializeUninitialised(-3));
    QVERIFY(!lazy.isMaterialized());
}

QTEST_APPLESS_MAIN(TestLazyLinear)
#include "tst_lazy_linear.moc"
