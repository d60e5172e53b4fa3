// Collapsing runs of Linear, Identity and Dropout (eval) nodes into one Linear:
// the runs found in a design, the refusal when there is none, and the folded
// weights and outputs against torch's (W = W₂W₁, b = W₂b₁ + b₂ in float32).
#include "core/io/design_file.h"
#include "core/nn/collapse.h"
#include "core/nn/generator.h"
#include "nn_test_support.h"

#include <QtTest>

using namespace linearlab;

namespace {

nn::LayerSpec layer(const std::string& type, nn::Index in = 0, nn::Index out = 0,
                    bool bias = true) {
    nn::LayerSpec s;
    s.type = type;
    s.in_features = in;
    s.out_features = out;
    s.bias = bias;
    return s;
}

train::Design designOf(const QJsonObject& c) {
    QJsonObject root{{"format", "linearlab"},
                     {"version", 1},
                     {"input", QJsonObject{{"features", c["features"]}}},
                     {"layers", c["layers"]}};
    return io::designFromJson(root);
}

/// The fixture's network with its state dict loaded, in eval mode.
std::unique_ptr<nn::Network<float>> networkOf(const train::Design& d, const QJsonObject& c) {
    nn::Generator gen(0);
    auto network =
        std::make_unique<nn::Network<float>>(d.inputFeatures, d.layers, d.weightInit, gen);
    const QJsonObject state = c["state_dict"].toObject();
    for (auto& p : network->namedParameters())
        p.parameter->value =
            nntest::parameterFromJson<float>(state[QString::fromStdString(p.name)]);
    return network;
}

}  // namespace

class TestCollapse : public QObject {
    Q_OBJECT

private slots:
    void findsRuns();
    void runLabelsAndRankBounds();
    void nonlinearitiesAndBilinearEndRuns();
    void refusalSaysWhy();
    void collapsedLayersRenumberInput2();
    void matchesTorch_data();
    void matchesTorch();
};

void TestCollapse::findsRuns() {
    const std::vector<nn::LayerSpec> layers{layer("Linear", 2, 4),        layer("Identity"),
                                            layer("Linear", 4, 1, false), layer("ReLU"),
                                            layer("Linear", 1, 3),        layer("Tanh")};
    const auto runs = nn::findLinearRuns(2, layers);
    QCOMPARE(runs.size(), size_t(1));
    QCOMPARE(runs[0].first, nn::Index(0));
    QCOMPARE(runs[0].last, nn::Index(2));
    QCOMPARE(runs[0].in_features, nn::Index(2));
    QCOMPARE(runs[0].out_features, nn::Index(1));
    QVERIFY(runs[0].bias);
    QCOMPARE(nn::collapsedNodeIndex(6, runs), (std::vector<nn::Index>{-1, -1, 0, 1, 2, 3}));
    const auto collapsed = nn::collapsedLayers(layers, runs);
    QCOMPARE(collapsed.size(), size_t(4));
    QCOMPARE(collapsed[0].type, std::string("Linear"));
    QCOMPARE(collapsed[0].in_features, nn::Index(2));
    QCOMPARE(collapsed[0].out_features, nn::Index(1));
    QVERIFY(collapsed[0].bias);
    QCOMPARE(collapsed[1].type, std::string("ReLU"));
}

void TestCollapse::runLabelsAndRankBounds() {
    // A LazyLinear takes the width shape inference gives it; the narrowest
    // width inside bounds the rank.
    nn::LayerSpec lazy = layer("LazyLinear", 0, 8);
    const std::vector<nn::LayerSpec> layers{layer("Linear", 2, 1), lazy, layer("Dropout"),
                                            layer("NonDynamicallyQuantizableLinear", 8, 3)};
    const auto runs = nn::findLinearRuns(2, layers);
    QCOMPARE(runs.size(), size_t(1));
    QCOMPARE(runs[0].label(), std::string("nodes 0\u20133 = Linear(2, 3)"));
    QCOMPARE(runs[0].rankBound, nn::Index(1));
    // One Linear and an Identity are a run too; two Identities alone are not.
    QCOMPARE(nn::findLinearRuns(2, {layer("Identity"), layer("Linear", 2, 2)}).size(), size_t(1));
    QVERIFY(nn::findLinearRuns(2, {layer("Identity"), layer("Identity")}).empty());
}

void TestCollapse::nonlinearitiesAndBilinearEndRuns() {
    QVERIFY(nn::findLinearRuns(2, {layer("Linear", 2, 3), layer("ReLU"), layer("Linear", 3, 1)})
                .empty());
    nn::LayerSpec bilinear = layer("Bilinear", 0, 2);
    bilinear.in1_features = 3;
    bilinear.in2_features = 3;
    QVERIFY(
        nn::findLinearRuns(2, {layer("Linear", 2, 3), bilinear, layer("Linear", 2, 1)}).empty());
    // A node a later Bilinear reads ends its run, so its output survives.
    nn::LayerSpec reader = bilinear;
    reader.in1_features = 1;
    reader.in2_features = 3;
    reader.input2 = nn::SecondInput::fromNode(0);
    const auto runs = nn::findLinearRuns(2, {layer("Linear", 2, 3), layer("Linear", 3, 1), reader});
    QVERIFY(runs.empty());
    // A shape problem: nothing from the bad node on is in a run.
    QVERIFY(nn::findLinearRuns(2, {layer("Linear", 5, 3), layer("Linear", 3, 1)}).empty());
}

void TestCollapse::refusalSaysWhy() {
    QCOMPARE(nn::nothingToCollapse({layer("Linear", 2, 3), layer("ReLU"), layer("Linear", 3, 1)}),
             std::string("nothing to collapse: every Linear is followed by a nonlinearity "
                         "(node 1: ReLU)"));
    QCOMPARE(nn::nothingToCollapse({layer("ReLU")}),
             std::string("nothing to collapse: the design has no Linear layer"));
    QCOMPARE(nn::nothingToCollapse({layer("Linear", 2, 3), layer("Tanh")}),
             std::string("nothing to collapse: node 0 (Linear) has no Linear or Identity next "
                         "to it"));
}

void TestCollapse::collapsedLayersRenumberInput2() {
    nn::LayerSpec reader = layer("Bilinear", 0, 2);
    reader.in1_features = 4;
    reader.in2_features = 4;
    reader.input2 = nn::SecondInput::fromNode(3);
    const std::vector<nn::LayerSpec> layers{layer("Linear", 2, 3), layer("Linear", 3, 4),
                                            layer("ReLU"), layer("Linear", 4, 4), reader};
    const auto runs = nn::findLinearRuns(2, layers);
    QCOMPARE(runs.size(), size_t(1));
    const auto collapsed = nn::collapsedLayers(layers, runs);
    QCOMPARE(collapsed.size(), size_t(4));
    QCOMPARE(collapsed[3].input2.node, nn::Index(2));
    QVERIFY(nn::inferShapes({1, 2}, collapsed).back().error.empty());
}

void TestCollapse::matchesTorch_data() {
    QTest::addColumn<QJsonObject>("c");
    const QJsonArray cases = nntest::loadFixture("collapse.json")["cases"].toArray();
    QCOMPARE(cases.size(), 3);
    for (const QJsonValue& c : cases)
        QTest::newRow(qPrintable(c["name"].toString())) << c.toObject();
}

void TestCollapse::matchesTorch() {
    QFETCH(QJsonObject, c);
    const train::Design design = designOf(c);
    auto network = networkOf(design, c);
    const QJsonArray expectedRuns = c["runs"].toArray();
    const auto runs = nn::findLinearRuns(design.inputFeatures, design.layers);
    QCOMPARE(static_cast<qsizetype>(runs.size()), expectedRuns.size());
    for (size_t r = 0; r < runs.size(); ++r) {
        const QJsonObject e = expectedRuns[static_cast<qsizetype>(r)].toObject();
        QCOMPARE(runs[r].first, static_cast<nn::Index>(e["first"].toInt()));
        QCOMPARE(runs[r].last, static_cast<nn::Index>(e["last"].toInt()));
        QCOMPARE(runs[r].bias, e.contains("bias"));
        const nn::AffineMap<float> map = nn::collapseRun(*network, runs[r]);
        const QString w =
            nntest::closeMismatch(map.weight, nntest::parameterFromJson<float>(e["weight"]), 1e-6);
        QVERIFY2(w.isEmpty(), qPrintable("weight: " + w));
        if (e.contains("bias")) {
            const QString b =
                nntest::closeMismatch(map.bias, nntest::parameterFromJson<float>(e["bias"]), 1e-6);
            QVERIFY2(b.isEmpty(), qPrintable("bias: " + b));
        } else {
            QCOMPARE(map.bias.size(), nn::Index(0));
        }
    }
    const nn::Tensor<float> x = nntest::tensorFromJson<float>(c["x"]);
    const nn::Matrix<float> y = network->forward(x.values);
    const nn::Tensor<float> expectedY = nntest::tensorFromJson<float>(c["y"]);
    QVERIFY2(nntest::closeMismatch(y, expectedY.values, 1e-6).isEmpty(), "original output");

    nn::Generator gen(1);
    nn::Network<float> collapsed(design.inputFeatures, nn::collapsedLayers(design.layers, runs),
                                 design.weightInit, gen);
    collapsed.materialize(gen);
    nn::copyCollapsedParameters(*network, runs, collapsed);
    const nn::Matrix<float> y2 = collapsed.forward(x.values);
    const nn::Tensor<float> expectedY2 = nntest::tensorFromJson<float>(c["y_collapsed"]);
    QVERIFY2(nntest::closeMismatch(y2, expectedY2.values, 1e-6).isEmpty(), "collapsed output");
    // The collapsed network computes the original function, to float rounding.
    QVERIFY2(nntest::closeMismatch(y2, y, 1e-5).isEmpty(), "collapsed vs original");
}

QTEST_APPLESS_MAIN(TestCollapse)
#include "tst_collapse.moc"
