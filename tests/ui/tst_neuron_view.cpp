// NeuronView: a small network drawn as units and weights; hovering an edge
// names the weight as the state dict does with its value; for 2-D inputs each
// unit shows its probe-grid output. The Network dock's Neurons toggle is on
// only for networks up to 16 units wide, and says why otherwise.
#include "ui/neuron_view.h"

#include "lesson_test_support.h"
#include "ui/color_map.h"
#include "ui/network_diagram.h"

#include <QCheckBox>
#include <QStackedWidget>
#include <QtTest>

using namespace linearlab;
using ui::NeuronView;

class TestNeuronView : public QObject {
    Q_OBJECT

private slots:
    void hoveringAnEdgeShowsTheWeight();
    void unitsShowTheirOutputOverThePlane();
    void toggleIsOffForWideLayers();
    void toggleSwitchesTheDiagram();
};

namespace {

nn::LayerSpec linear(nn::Index in, nn::Index out) {
    nn::LayerSpec s;
    s.type = "Linear";
    s.in_features = in;
    s.out_features = out;
    return s;
}

/// Linear(2, 4) → Tanh → Linear(4, 2) on the XOR data.
train::Design smallDesign() {
    train::Design d = train::seedExampleDesign();
    d.inputFeatures = 2;
    d.data.synthetic.dataset = "xor";
    d.data.synthetic.samples = 64;
    nn::LayerSpec tanh;
    tanh.type = "Tanh";
    d.layers = {linear(2, 4), tanh, linear(4, 2)};
    d.loss = "CrossEntropyLoss";
    return d;
}

}  // namespace

void TestNeuronView::hoveringAnEdgeShowsTheWeight() {
    const train::Design d = smallDesign();
    train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic),
                                  testing::quietOptions());
    const auto snapshot = testing::snapshotOf(trainer);
    NeuronView view;
    view.setDesign(d);
    view.setSnapshot(snapshot);
    view.resize(view.sizeHint());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.unavailableReason().isEmpty());

    const auto& w2 = snapshot->parameters[2];  // "2.weight", (2, 4)
    QCOMPARE(QString::fromStdString(snapshot->context->parameterNames[2]),
             QStringLiteral("2.weight"));
    const QString expected =
        QStringLiteral("2.weight[1, 3] = %1").arg(static_cast<double>(w2(1, 3)), 0, 'g', 4);
    const QPointF at = view.edgePoint(2, 1, 3);
    QCOMPARE(view.edgeTextAt(at), expected);
    QTest::mouseMove(&view, at.toPoint());
    QTRY_COMPARE(view.hoverText(), expected);
    // The first layer's edge from input 1 to unit 0.
    QCOMPARE(view.edgeTextAt(view.edgePoint(0, 0, 1)),
             QStringLiteral("0.weight[0, 1] = %1")
                 .arg(static_cast<double>(snapshot->parameters[0](0, 1)), 0, 'g', 4));
    QCOMPARE(view.edgeTextAt(QPointF(2, 2)), QString());
}

void TestNeuronView::unitsShowTheirOutputOverThePlane() {
    const train::Design d = smallDesign();
    train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic),
                                  testing::quietOptions());
    const auto snapshot = testing::snapshotOf(trainer);
    NeuronView view;
    view.setDesign(d);
    view.setSnapshot(snapshot);
    const auto& ctx = *snapshot->context;
    const int res = static_cast<int>(ctx.probeGridResolution);
    QVERIFY(res > 0);
    // Column 1 is Linear(2, 4) → Tanh: node 1's output, unit 2.
    const QImage image = view.unitImage(1, 2);
    QCOMPARE(image.size(), QSize(res, res));
    const nn::Matrix<float>& out = snapshot->probeOutputs[1];
    const auto grid = out.block(ctx.probeSamples, 2, res * res, 1);
    const float absMax = grid.cwiseAbs().maxCoeff();
    // Pixel (x 5, y 3) is grid row 3 (from yMax down), column 5.
    QCOMPARE(image.pixel(5, 3), ui::ColorMap::diverging().colorFor(grid(3 * res + 5, 0), absMax));
    QCOMPARE(view.unitImage(0, 0).size(), QSize(res, res));  // the input x[:, 0]
}

void TestNeuronView::toggleIsOffForWideLayers() {
    ui::NetworkDiagram diagram;
    diagram.setDesign(train::seedExampleDesign());  // Linear(20, 40)
    QVERIFY(!diagram.neuronToggle()->isEnabled());
    QVERIFY2(diagram.neuronToggle()->toolTip().contains(QStringLiteral(
                 "the input has 20 features; the neuron view draws layers up to 16")),
             qPrintable(diagram.neuronToggle()->toolTip()));
    train::Design d = smallDesign();
    d.layers[2] = linear(4, 17);
    diagram.setDesign(d);
    QVERIFY(diagram.neuronToggle()->toolTip().contains(QStringLiteral("node 2 has 17 units")));
}

void TestNeuronView::toggleSwitchesTheDiagram() {
    ui::NetworkDiagram diagram;
    diagram.setDesign(smallDesign());
    QVERIFY(diagram.neuronToggle()->isEnabled());
    auto* stack = diagram.findChild<QStackedWidget*>();
    QVERIFY(stack);
    QCOMPARE(stack->currentIndex(), 0);
    diagram.neuronToggle()->setChecked(true);
    QVERIFY(stack->currentWidget()->isAncestorOf(diagram.neuronView()));
    // A design too wide for it turns it off again.
    diagram.setDesign(train::seedExampleDesign());
    QVERIFY(!diagram.neuronToggle()->isChecked());
    QCOMPARE(stack->currentIndex(), 0);
}

QTEST_MAIN(TestNeuronView)
#include "tst_neuron_view.moc"
