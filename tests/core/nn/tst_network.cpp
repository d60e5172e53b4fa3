// The design graph: shapes inferred per node in PyTorch's words, gradients
// through Bilinear skips checked by finite differences, nn.Sequential names,
// and load_state_dict's rules and messages.
#include "core/io/network_state.h"
#include "core/nn/lazy_linear.h"
#include "core/nn/network.h"

#include <QtTest>

using namespace linearlab;
using nn::Index;
using nn::LayerSpec;

namespace {

LayerSpec linear(Index in, Index out, bool bias = true) {
    LayerSpec s{"Linear"};
    s.in_features = in;
    s.out_features = out;
    s.bias = bias;
    return s;
}

LayerSpec bilinear(Index in1, Index in2, Index out, nn::SecondInput src) {
    LayerSpec s{"Bilinear"};
    s.in1_features = in1;
    s.in2_features = in2;
    s.out_features = out;
    s.input2 = src;
    return s;
}

LayerSpec lazy(Index out) {
    LayerSpec s{"LazyLinear"};
    s.out_features = out;
    return s;
}

LayerSpec act(const char* type) {
    return LayerSpec{type};
}

/// Linear(3,5) - Tanh - Linear(5,4) - Bilinear(4, 3) reading the input -
/// Softplus - Bilinear(2, 5) reading node 1: every kind of wiring.
std::vector<LayerSpec> skipDesign() {
    return {linear(3, 5),    act("Tanh"),
            linear(5, 4),    bilinear(4, 3, 2, nn::SecondInput::input()),
            act("Softplus"), bilinear(2, 5, 3, nn::SecondInput::fromNode(1)),
            act("GELU")};
}

}  // namespace

class TestNetwork : public QObject {
    Q_OBJECT

private slots:
    void shapesDownTheList() {
        const auto shapes = nn::inferShapes(
            {128, 20},
            {linear(20, 40), act("ReLU"), lazy(8), bilinear(8, 20, 3, nn::SecondInput::input())});
        QCOMPARE(shapes.size(), size_t(4));
        QCOMPARE(shapes[0].output, (nn::Shape{128, 40}));
        QCOMPARE(shapes[1].output, (nn::Shape{128, 40}));
        QCOMPARE(shapes[2].output, (nn::Shape{128, 8}));
        QCOMPARE(shapes[3].output, (nn::Shape{128, 3}));
        for (const auto& s : shapes)
            QVERIFY(s.error.empty());
    }

    void problemReportedOnItsNode_data() {
        QTest::addColumn<int>("node");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("which");
        QTest::newRow("linear") << 2
                                << "mat1 and mat2 shapes cannot be multiplied (128x40 and 30x8)"
                                << 0;
        QTest::newRow("bilinear input1")
            << 1 << "bilinear(): input1 size does not match weight size: got 40 but expected 8"
            << 1;
        QTest::newRow("bilinear input2")
            << 1 << "bilinear(): input2 size does not match weight size: got 20 but expected 7"
            << 2;
        QTest::newRow("later node")
            << 1 << "input2: node 3 is not an earlier node (this is node 1)" << 3;
        QTest::newRow("negative") << 0
                                  << "Trying to create tensor with negative dimension -4: [-4, 20]"
                                  << 4;
    }

    void problemReportedOnItsNode() {
        QFETCH(int, node);
        QFETCH(QString, message);
        QFETCH(int, which);
        std::vector<LayerSpec> layers;
        switch (which) {
            case 0:
                layers = {linear(20, 40), act("ReLU"), linear(30, 8), act("Tanh")};
                break;
            case 1:
                layers = {linear(20, 40), bilinear(8, 20, 3, nn::SecondInput::input())};
                break;
            case 2:
                layers = {linear(20, 40), bilinear(40, 7, 3, nn::SecondInput::input())};
                break;
            case 3:
                layers = {linear(20, 40), bilinear(40, 7, 3, nn::SecondInput::fromNode(3))};
                break;
            case 4:
                layers = {linear(20, -4)};
                break;
        }
        const auto shapes = nn::inferShapes({128, 20}, layers);
        QCOMPARE(QString::fromStdString(shapes[node].error), message);
        for (int i = 0; i < node; ++i)
            QVERIFY(shapes[i].error.empty() && !shapes[i].output.empty());
        for (size_t i = node + 1; i < shapes.size(); ++i)
            QVERIFY(shapes[i].output.empty());  // nothing to say downstream
        nn::Generator gen(0);
        try {
            nn::Network<float> net(20, layers, {}, gen);
            QFAIL("expected a NodeError");
        } catch (const nn::NodeError& e) {
            QCOMPARE(e.node(), Index(node));
        }
    }

    void sequentialNamesAndRepr() {
        nn::Generator gen(0);
        nn::Network<float> net(
            20, {linear(20, 40), act("ReLU"), lazy(8), act("Sigmoid"), linear(8, 2, false)}, {},
            gen);
        QVERIFY(!net.isMaterialized());
        QVERIFY(QString::fromStdString(net.repr())
                    .contains("(2): LazyLinear(in_features=0, out_features=8, bias=True)"));
        net.materialize(gen);
        std::vector<std::string> names;
        for (auto& p : net.namedParameters())
            names.push_back(p.name);
        QCOMPARE(names, (std::vector<std::string>{"0.weight", "0.bias", "2.weight", "2.bias",
                                                  "4.weight"}));
        QCOMPARE(
            QString::fromStdString(net.repr()),
            QString(
                "Sequential(\n  (0): Linear(in_features=20, out_features=40, bias=True)\n"
                "  (1): ReLU()\n  (2): Linear(in_features=40, out_features=8, bias=True)\n"
                "  (3): Sigmoid()\n  (4): Linear(in_features=8, out_features=2, bias=False)\n)"));
        QCOMPARE(net.parameterCount(), Index(840 + 328 + 16));
    }

    void gradientsThroughSkipsByFiniteDifferences() {
        nn::Generator gen(3);
        nn::Network<double> net(3, skipDesign(), {}, gen);
        nn::Matrix<double> x(4, 3);
        nn::Generator data(9);
        for (Index i = 0; i < x.size(); ++i)
            x.data()[i] = data.normalDouble();
        nn::Matrix<double> g(4, 3);
        for (Index i = 0; i < g.size(); ++i)
            g.data()[i] = data.normalDouble();
        // L = sum(output * g): dL/doutput = g.
        auto loss = [&](const nn::Matrix<double>& in) {
            return (net.forward(in).array() * g.array()).sum();
        };

        net.zeroGrad();
        net.forward(x);
        const nn::Matrix<double> gradInput = net.backward(g, /*inputGrad=*/true);

        const double eps = 1e-6;
        auto check = [&](double* value, double analytic, const std::string& what) {
            const double saved = *value;
            *value = saved + eps;
            const double up = loss(x);
            *value = saved - eps;
            const double down = loss(x);
            *value = saved;
            const double numeric = (up - down) / (2 * eps);
            const double err = std::abs(numeric - analytic) / std::max(1.0, std::abs(numeric));
            QVERIFY2(err < 1e-7,
                     qPrintable(QString::fromStdString(what) +
                                QString(": numeric %1 analytic %2").arg(numeric).arg(analytic)));
        };
        for (Index i = 0; i < x.size(); ++i)
            check(&x.data()[i], gradInput.data()[i], "input[" + std::to_string(i) + "]");
        for (auto& p : net.namedParameters()) {
            const nn::Matrix<double> grad = p.parameter->grad;
            for (Index i = 0; i < p.parameter->numel(); ++i)
                check(&p.parameter->data()[i], grad.data()[i],
                      p.name + "[" + std::to_string(i) + "]");
        }
    }

    void workspacesPerBatchSize() {
        // Alternating batch sizes give the same answers as fresh forwards.
        nn::Generator gen(1);
        nn::Network<double> net(3, skipDesign(), {}, gen);
        nn::Matrix<double> a = nn::Matrix<double>::Random(8, 3),
                           b = nn::Matrix<double>::Random(5, 3);
        const nn::Matrix<double> ya = net.forward(a);
        const nn::Matrix<double> yb = net.forward(b);
        QCOMPARE(net.forward(a), ya);
        QCOMPARE(net.forward(b), yb);
        const nn::Matrix<double> firstFive = a.topRows(5);
        QVERIFY(net.forward(firstFive).isApprox(ya.topRows(5), 1e-12));  // rows are independent
    }

    void stateDictRoundTrip() {
        nn::Generator gen(0);
        nn::Network<float> a(
            20,
            {linear(20, 40), act("ReLU"), lazy(8), bilinear(8, 20, 3, nn::SecondInput::input())},
            {}, gen);
        a.materialize(gen);
        const io::StateDict dict = io::stateDictOf(a);
        QCOMPARE(dict.size(), size_t(6));
        QCOMPARE(dict[4].name, std::string("3.weight"));
        QCOMPARE(dict[4].shape, (nn::Shape{3, 8, 20}));

        nn::Generator other(5);
        nn::Network<float> b(20, a.layers(), {}, other);  // lazy layer still unmaterialized
        QVERIFY(!b.isMaterialized());
        io::loadStateDict(b, dict);  // materializes it from the loaded weight, drawing nothing
        QVERIFY(b.isMaterialized());
        const io::StateDict back = io::stateDictOf(b);
        for (size_t i = 0; i < dict.size(); ++i)
            QVERIFY(back[i].values == dict[i].values);
    }

    void loadStateDictMessages() {
        nn::Generator gen(0);
        nn::Network<float> net(20, {linear(20, 40), act("ReLU"), linear(40, 8)}, {}, gen);
        io::StateDict dict = io::stateDictOf(net);
        const io::StateDict original = dict;
        dict.erase(dict.begin() + 1);                          // no 0.bias
        dict.push_back({"5.weight", "float32", {2}, {1, 2}});  // unexpected
        dict[0].shape = {40, 30};
        dict[0].values = std::vector<float>(1200, 0.5f);
        try {
            io::loadStateDict(net, dict);
            QFAIL("expected an error");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(
                QString(e.what()),
                QString(
                    "Error(s) in loading state_dict for Sequential:\n"
                    "\tMissing key(s) in state_dict: \"0.bias\". \n"
                    "\tUnexpected key(s) in state_dict: \"5.weight\". \n"
                    "\tsize mismatch for 0.weight: copying a param with shape torch.Size([40, 30]) "
                    "from checkpoint, the shape in current model is torch.Size([40, 20])."));
        }
        // Nothing was copied: the model is as it was.
        const io::StateDict after = io::stateDictOf(net);
        for (size_t i = 0; i < original.size(); ++i)
            QVERIFY(after[i].values == original[i].values);
    }

    void hostileKeysCannotAddLines() {
        nn::Generator gen(0);
        nn::Network<float> net(2, {linear(2, 1)}, {}, gen);
        io::StateDict dict = io::stateDictOf(net);
        dict.push_back({"x\n\ty\x1b", "float32", {1}, {1}});
        try {
            io::loadStateDict(net, dict);
            QFAIL("expected an error");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), QString("Error(s) in loading state_dict for Sequential:\n"
                                                "\tUnexpected key(s) in state_dict: "
                                                "\"x\\x0a\\x09y\\x1b\". "));
        }
    }
};

QTEST_APPLESS_MAIN(TestNetwork)
#include "tst_network.moc"
