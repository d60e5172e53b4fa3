// PReLU: its slopes are a parameter ("weight", shape (num_parameters,)) that
// starts at `init`; forward, input gradient and slope gradient bit for bit as
// torch 1.13 computes them in float32 and float64 (the slope gradient summed in
// torch.sum's order), torch's channel check, a float64 finite-difference check,
// and a backward that allocates nothing once its buffers exist.
#include "allocation_counter.h"
#include "core/nn/layer_table.h"
#include "core/nn/network.h"
#include "core/nn/prelu.h"
#include "nn_test_support.h"

#include <QtTest>

using namespace linearlab::nn;
using namespace nntest;

class TestPReLU : public QObject {
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void startsAtInitAndDrawsNothing();
    void channelCheckInTorchsWords();
    void gradientCheck();
    void aNetworkNamesAndTrainsTheSlopes();
    void backwardDoesNotAllocate();
};

namespace {

QJsonObject fixture() {
    return loadFixture("prelu.json");
}

LayerSpec preluSpec(Index numParameters, double init) {
    LayerSpec spec = layerType("PReLU").defaultSpec(1);
    spec.num_parameters = numParameters;
    spec.setNumber("init", init);
    return spec;
}

template <typename T>
std::unique_ptr<Module<T>> makePReLU(const LayerSpec& spec) {
    Generator gen(0);
    return makeModule<T>(spec, gen);
}

template <typename T>
void checkCase(const QJsonObject& c, const QString& suffix) {
    auto m = makePReLU<T>(preluSpec(c["num_parameters"].toInt(), c["init"].toDouble()));
    auto& weight = *m->namedParameters().front().parameter;
    weight.value = parameterFromJson<T>(c["weight" + suffix]);
    const Tensor<T> x = tensorFromJson<T>(c["input"]);
    const Tensor<T> y = (*m)(x);
    QCOMPARE(y.shape, tensorFromJson<T>(c["output" + suffix]).shape);
    NN_VERIFY_EXACT(y.values, tensorFromJson<T>(c["output" + suffix]).values);
    Matrix<T> gx;
    m->backward(x.values, y.values, tensorFromJson<T>(c["grad_output"]).values, &gx);
    NN_VERIFY_EXACT(gx, tensorFromJson<T>(c["grad_input" + suffix]).values);
    NN_VERIFY_EXACT(weight.grad, parameterFromJson<T>(c["grad_weight" + suffix]));
}

}  // namespace

void TestPReLU::golden_data() {
    QTest::addColumn<int>("index");
    const QJsonArray cases = fixture()["cases"].toArray();
    QCOMPARE(cases.size(), 8);
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(cases[i]["name"].toString())) << i;
}

void TestPReLU::golden() {
    QFETCH(int, index);
    const QJsonObject c = fixture()["cases"].toArray()[index].toObject();
    checkCase<float>(c, "");
    checkCase<double>(c, "_f64");
}

void TestPReLU::startsAtInitAndDrawsNothing() {
    const QJsonObject c = fixture()["cases"].toArray()[2].toObject();  // init=0.1
    const LayerSpec spec = preluSpec(1, 0.1);
    Generator gen(5);
    auto m = makeModule<float>(spec, gen);
    NN_VERIFY_EXACT(m->namedParameters().front().parameter->value,
                    parameterFromJson<float>(c["initial_weight"]));
    QCOMPARE(gen.random(), Generator(5).random());  // nn.PReLU draws nothing
    QCOMPARE(m->namedParameters().front().name, std::string("weight"));
    QCOMPARE(m->namedParameters().front().parameter->shape, (Shape{1}));
    for (const QJsonValue r : fixture()["reprs"].toArray()) {
        const QJsonObject args = r["args"].toObject();
        const LayerSpec s =
            preluSpec(args.value("num_parameters").toInt(1), args.value("init").toDouble(0.25));
        QCOMPARE(QString::fromStdString(layerType("PReLU").repr(s)), r["repr"].toString());
        QCOMPARE(QString::fromStdString(makePReLU<double>(s)->repr()), r["repr"].toString());
    }
    QCOMPARE(layerType("PReLU").pythonConstructor(preluSpec(3, 0.1)),
             std::string("nn.PReLU(num_parameters=3, init=0.1)"));
    QCOMPARE(layerType("PReLU").parameterCount(preluSpec(3, 0.1), 3), Index(3));
}

void TestPReLU::channelCheckInTorchsWords() {
    for (const QJsonValue e : fixture()["errors"].toArray()) {
        const LayerSpec spec = preluSpec(e["num_parameters"].toInt(), 0.25);
        try {
            layerType("PReLU").outputShape(spec, shapeFromJson(e["input_shape"]), {});
            QFAIL("no error");
        } catch (const std::invalid_argument& error) {
            QCOMPARE(QString(error.what()), e["message"].toString());
        }
    }
    // Shape inference reports it on the node, before anything is built.
    const auto shapes = inferShapes({2, 4}, {preluSpec(3, 0.25)});
    QVERIFY(shapes[0].error.find("channel size = 4.") != std::string::npos);
    QCOMPARE(layerType("PReLU").outputShape(preluSpec(4, 0.25), {2, 4}, {}), (Shape{2, 4}));
}

void TestPReLU::gradientCheck() {
    for (Index p : {Index(1), Index(7)}) {
        auto m = makePReLU<double>(preluSpec(p, 0.25));
        auto& w = *m->namedParameters().front().parameter;
        w.value = 0.3 * testMatrix(1, p, 8);
        Matrix<double> x = 3 * testMatrix(5, 7, 9);
        const Matrix<double> g = testMatrix(5, 7, 10);
        auto loss = [&] {
            Matrix<double> yy;
            m->forward(x, yy);
            return (yy.array() * g.array()).sum();
        };
        Matrix<double> y, gx;
        m->forward(x, y);
        m->zeroGrad();
        m->backward(x, y, g, &gx);
        const Matrix<double> gw = w.grad;
        QVERIFY(gradientRelativeError(x, gx, loss) < 1e-7);
        QVERIFY(gradientRelativeError(w.value, gw, loss) < 1e-7);
    }
}

void TestPReLU::aNetworkNamesAndTrainsTheSlopes() {
    LayerSpec linear = layerType("Linear").defaultSpec(3);
    linear.out_features = 4;
    InitSpec xavier;
    xavier.scheme = "xavier_uniform_";  // on the Linear weights only, not on the slopes
    Generator gen(0);
    Network<float> net(3, {linear, preluSpec(4, 0.25), layerType("Linear").defaultSpec(4)}, xavier,
                       gen);
    const auto params = net.namedParameters();
    QCOMPARE(params.size(), size_t(5));
    QCOMPARE(params[2].name, std::string("1.weight"));
    QCOMPARE(params[2].parameter->value, Matrix<float>::Constant(1, 4, 0.25f));
    QCOMPARE(net.parameterCount(), Index(3 * 4 + 4 + 4 + 4 * 4 + 4));
    QCOMPARE(net.repr(), std::string("Sequential(\n"
                                     "  (0): Linear(in_features=3, out_features=4, bias=True)\n"
                                     "  (1): PReLU(num_parameters=4)\n"
                                     "  (2): Linear(in_features=4, out_features=4, bias=True)\n"
                                     ")"));
    const Matrix<float> x = testMatrix(6, 3, 1).cast<float>();
    net.zeroGrad();
    const Matrix<float>& y = net.forward(x);
    net.backward(y);  // d(sum y^2 / 2)/dy = y
    QVERIFY(params[2].parameter->grad.norm() > 0);
}

void TestPReLU::backwardDoesNotAllocate() {
    auto m = makePReLU<float>(preluSpec(8, 0.25));
    // A full batch and a short last one, as an epoch without drop_last has.
    const Matrix<float> x = testMatrix(16, 8, 2).cast<float>();
    const Matrix<float> g = testMatrix(16, 8, 3).cast<float>();
    const Matrix<float> xs = testMatrix(10, 8, 4).cast<float>();
    const Matrix<float> gs = testMatrix(10, 8, 5).cast<float>();
    Matrix<float> y, gx, ys, gxs;
    m->forward(x, y);
    m->backward(x, y, g, &gx);  // the first step sizes the buffers
    m->forward(xs, ys);
    m->backward(xs, ys, gs, &gxs);
    linearlab::test::AllocationCounter counter;
    for (int i = 0; i < 3; ++i) {
        m->forward(x, y);
        m->backward(x, y, g, &gx);
        m->forward(xs, ys);
        m->backward(xs, ys, gs, &gxs);
    }
    QCOMPARE(counter.stop(), 0L);
}

QTEST_APPLESS_MAIN(TestPReLU)
#include "tst_prelu.moc"
