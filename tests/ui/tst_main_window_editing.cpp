// MainWindow while a user edits: the diagram, the node editor and the settings
// panel, the Train action a shape error disables, and undo of each edit.
#include "core/data/synthetic_datasets.h"
#include "core/io/design_file.h"
#include "core/train/design.h"
#include "core/train/trainer.h"
#include "main_window_test_support.h"
#include "ui/diagram_canvas.h"
#include "ui/heatmap_widget.h"
#include "ui/loss_chart_widget.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/node_block.h"
#include "ui/node_editor.h"
#include "ui/settings_panel.h"
#include "ui/training_controller.h"
#include "ui/weights_panel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QLabel>
#include <QRandomGenerator>
#include <QSet>
#include <QShortcutEvent>
#include <QSpinBox>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <functional>

using namespace linearlab;
using linearlab::ui::MainWindow;
using linearlab::ui::SnapshotPtr;
using namespace linearlab::test;

namespace {

/// Linear(20, 16), ReLU, Linear(16, 8), ReLU, Linear(8, 40) on the seed example's data.
train::Design deep() {
    train::Design d = endless();
    d.layers = {layer("Linear", 20, 16), layer("ReLU"), layer("Linear", 16, 8), layer("ReLU"),
                layer("Linear", 8, 40)};
    return d;
}

/// The parameter called `name` in the snapshot on screen.
nn::Matrix<float> shownParameter(MainWindow& w, const std::string& name) {
    const SnapshotPtr s = w.controller()->latestSnapshot();
    const auto& names = s->context->parameterNames;
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
        return {};
    return s->parameters[static_cast<size_t>(it - names.begin())];
}

}  // namespace

class TestMainWindowEditing : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void examplesLoad();
    void addingLayerUpdatesNextShape();
    void shapeErrorOnNodeDisablesTrain();
    void undoRestoresDesign();
    void optimizerKeywordsAreEditable();
    void settingsEditsKeepTheRun();
    void aNodeEditKeepsTheOtherNodesAndUndoRestores();
    void checkBoxKeepsSpace();
    void nodeEditorFieldsMadeLaterLetStepThrough();
    void deleteKeyRemovesANodeAsOneUndoStep();
};

void TestMainWindowEditing::initTestCase() {
    // Keep the user's recent files and window layout out of the tests.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_main_window_editing"));
    AmbiguousShortcutWatch::install();
}

void TestMainWindowEditing::cleanupTestCase() {
    AmbiguousShortcutWatch::uninstall();
}

void TestMainWindowEditing::cleanup() {
    // A key bound twice does nothing when pressed; no test may meet one.
    const QStringList ambiguous = AmbiguousShortcutWatch::take();
    QVERIFY2(ambiguous.isEmpty(), qPrintable(ambiguous.join(QLatin1Char('\n'))));
}

void TestMainWindowEditing::examplesLoad() {
    MainWindow w;
    const QStringList paths = MainWindow::examplePaths();
    QCOMPARE(paths.size(), 5);
    for (const QString& path : paths) {
        const train::Design d = io::readDesignFile(path);
        QVERIFY2(!d.layers.empty(), qPrintable(path));
        QString error;
        QVERIFY2(w.openFile(path, &error, true), qPrintable(path + ": " + error));
        QVERIFY2(w.trainBlocker().isEmpty(), qPrintable(path + ": " + w.trainBlocker()));
        QVERIFY(w.trainAction()->isEnabled());
    }
    // The bundled seed example is exactly the engine's seed design.
    QCOMPARE(io::readDesignFile(QStringLiteral(":/examples/seed.linearlab.json")),
             train::seedExampleDesign());
}

void TestMainWindowEditing::addingLayerUpdatesNextShape() {
    MainWindow w;
    train::Design d = train::seedExampleDesign();
    d.layers.push_back(layer("Identity"));
    w.newDesign(d);
    ui::NetworkDiagram* diagram = w.diagram();
    QCOMPARE(diagram->block(1)->shapeText(), QStringLiteral("output [128, 40]"));

    diagram->selectNode(0);
    diagram->addLayer(QStringLiteral("Linear"));
    QCOMPARE(w.design().layers.size(), size_t{3});
    QCOMPARE(diagram->block(1)->reprText(),
             QStringLiteral("(1): Linear(in_features=40, out_features=40, bias=True)"));
    QCOMPARE(diagram->selectedNode(), 1);

    // Edit the new layer's out_features in the node editor: the Identity after it follows.
    diagram->editor()->outFeaturesBox()->setValue(10);
    QCOMPARE(diagram->block(1)->reprText(),
             QStringLiteral("(1): Linear(in_features=40, out_features=10, bias=True)"));
    QCOMPARE(diagram->block(2)->shapeText(), QStringLiteral("output [128, 10]"));
    QCOMPARE(diagram->block(1)->parametersText(), QStringLiteral("410 params"));
    // The teacher has 40 targets: the window says why it cannot train now.
    QVERIFY(!w.trainAction()->isEnabled());
    QVERIFY2(w.trainAction()->toolTip().contains(
                 QStringLiteral("the network gives 10 outputs but the data has 40 targets")),
             qPrintable(w.trainAction()->toolTip()));
}

void TestMainWindowEditing::shapeErrorOnNodeDisablesTrain() {
    MainWindow w;
    train::Design d = train::seedExampleDesign();
    d.layers.push_back(layer("ReLU"));
    d.layers.push_back(layer("Linear", 30, 40));
    w.newDesign(d);
    const QString expected =
        QStringLiteral("mat1 and mat2 shapes cannot be multiplied (128x40 and 30x40)");
    QCOMPARE(w.diagram()->block(0)->errorText(), QString());
    QCOMPARE(w.diagram()->block(1)->errorText(), QString());
    QCOMPARE(w.diagram()->block(2)->errorText(), expected);
    QVERIFY(w.diagram()
                ->block(2)
                ->findChild<QLabel*>(QStringLiteral("errorLabel"))
                ->isVisibleTo(w.diagram()->block(2)));
    QVERIFY(!w.trainAction()->isEnabled());
    QVERIFY2(w.trainAction()->toolTip().contains(expected), qPrintable(w.trainAction()->toolTip()));
    QVERIFY(w.trainAction()->toolTip().contains(QStringLiteral("node 2")));

    // Fixing in_features clears the error and enables Train.
    w.diagram()->selectNode(2);
    w.diagram()->editor()->inFeaturesBox()->setValue(40);
    QCOMPARE(w.diagram()->block(2)->errorText(), QString());
    QCOMPARE(w.diagram()->block(2)->shapeText(), QStringLiteral("output [128, 40]"));
    QVERIFY(w.trainAction()->isEnabled());
}

void TestMainWindowEditing::undoRestoresDesign() {
    MainWindow w;
    const train::Design original = train::seedExampleDesign();
    w.newDesign(original);
    QVERIFY(w.undoStack()->isClean());
    w.diagram()->selectNode(0);
    w.diagram()->addLayer(QStringLiteral("Tanh"));
    w.diagram()->addLayer(QStringLiteral("Bilinear"));
    const train::Design edited = w.design();
    QCOMPARE(w.design().layers.size(), size_t{3});
    QVERIFY(w.diagram()->block(2) != nullptr);
    QVERIFY(w.isWindowModified());

    w.undoAction()->trigger();
    w.undoAction()->trigger();
    QCOMPARE(w.design(), original);
    QCOMPARE(w.diagram()->block(1), nullptr);
    QVERIFY(!w.isWindowModified());
    w.redoAction()->trigger();
    w.redoAction()->trigger();
    QCOMPARE(w.design(), edited);
    QCOMPARE(w.diagram()->block(2)->reprText(),
             QStringLiteral("(2): Bilinear(in1_features=40, in2_features=40, out_features=40, "
                            "bias=True)"));

    // Moving a node is one undo step too.
    w.diagram()->moveNode(2, 0);
    QCOMPARE(w.design().layers[0].type, std::string("Bilinear"));
    w.undoStack()->undo();
    QCOMPARE(w.design(), edited);
    w.undoStack()->setClean();
}

void TestMainWindowEditing::optimizerKeywordsAreEditable() {
    MainWindow w;
    w.newDesign(train::seedExampleDesign());
    w.show();
    // SGD shows its own keywords and not Adam's.
    QVERIFY(settingsField(w, QStringLiteral("nesterov")));
    QVERIFY(settingsField(w, QStringLiteral("dampening")));
    QVERIFY(!settingsField(w, QStringLiteral("amsgrad")));
    QVERIFY(!settingsField(w, QStringLiteral("centered")));

    auto* optimizer = qobject_cast<QComboBox*>(settingsField(w, QStringLiteral("optimizer")));
    QVERIFY(optimizer);
    optimizer->setCurrentText(QStringLiteral("RMSprop"));
    QCOMPARE(w.design().optimizer.type, std::string("RMSprop"));
    auto* centered = qobject_cast<QCheckBox*>(settingsField(w, QStringLiteral("centered")));
    QVERIFY(centered);
    QVERIFY(settingsField(w, QStringLiteral("alpha")));
    QVERIFY(!settingsField(w, QStringLiteral("nesterov")));
    centered->setChecked(true);
    QCOMPARE(w.design().optimizer.centered, std::optional<bool>(true));
    QVERIFY(w.trainBlocker().isEmpty());
    w.undoAction()->trigger();
    QVERIFY(!w.design().optimizer.centered.value_or(false));

    // Adagrad brings lr_decay and initial_accumulator_value; maximize is a check box.
    optimizer->setCurrentText(QStringLiteral("Adagrad"));
    QCOMPARE(w.design().optimizer.type, std::string("Adagrad"));
    QVERIFY(!settingsField(w, QStringLiteral("alpha")));
    auto* lrDecay = qobject_cast<QDoubleSpinBox*>(settingsField(w, QStringLiteral("lr_decay")));
    QVERIFY(lrDecay);
    QCOMPARE(lrDecay->value(), 0.0);
    lrDecay->setValue(0.25);
    QCOMPARE(w.design().optimizer.lr_decay, std::optional<double>(0.25));
    auto* accumulator = qobject_cast<QDoubleSpinBox*>(
        settingsField(w, QStringLiteral("initial_accumulator_value")));
    QVERIFY(accumulator);
    accumulator->setValue(0.5);
    QCOMPARE(w.design().optimizer.initial_accumulator_value, std::optional<double>(0.5));
    auto* maximize = qobject_cast<QCheckBox*>(settingsField(w, QStringLiteral("maximize")));
    QVERIFY(maximize);
    QVERIFY(!maximize->isChecked());
    maximize->setChecked(true);
    QCOMPARE(w.design().optimizer.maximize, std::optional<bool>(true));
    QVERIFY(w.trainBlocker().isEmpty());

    // NAdam has momentum_decay with torch's default, and no maximize in 1.13.
    optimizer->setCurrentText(QStringLiteral("NAdam"));
    QVERIFY(!settingsField(w, QStringLiteral("maximize")));
    QVERIFY(!settingsField(w, QStringLiteral("lr_decay")));
    auto* momentumDecay =
        qobject_cast<QDoubleSpinBox*>(settingsField(w, QStringLiteral("momentum_decay")));
    QVERIFY(momentumDecay);
    QCOMPARE(momentumDecay->value(), 4e-3);
    QVERIFY(!w.design().optimizer.maximize);
    QVERIFY(w.trainBlocker().isEmpty());
    optimizer->setCurrentText(QStringLiteral("RAdam"));
    QVERIFY(!settingsField(w, QStringLiteral("momentum_decay")));
    QVERIFY(settingsField(w, QStringLiteral("betas[1]")));
    QVERIFY(w.trainBlocker().isEmpty());

    // HuberLoss brings its delta.
    QVERIFY(!settingsField(w, QStringLiteral("delta")));
    qobject_cast<QComboBox*>(settingsField(w, QStringLiteral("loss")))
        ->setCurrentText(QStringLiteral("HuberLoss"));
    auto* delta = qobject_cast<QDoubleSpinBox*>(settingsField(w, QStringLiteral("delta")));
    QVERIFY(delta);
    delta->setValue(0.5);
    QCOMPARE(w.design().lossOptions.delta, std::optional<double>(0.5));
}

void TestMainWindowEditing::settingsEditsKeepTheRun() {
    MainWindow w;
    w.newDesign(deep());
    w.show();
    QVERIFY(stepTimes(w, 20));
    const SnapshotPtr before = w.controller()->latestSnapshot();

    // A new learning rate goes to the running trainer: same run, same weights.
    train::Design d = w.design();
    d.optimizer.lr = 0.1;
    w.editDesign(d, QStringLiteral("lr"));
    QVERIFY(syncWithLoop(w));
    SnapshotPtr now = w.controller()->latestSnapshot();
    QCOMPARE(now->runId, before->runId);
    QCOMPARE(now->step, nn::Index(20));
    QCOMPARE(now->parameters, before->parameters);

    // Another optimizer, loss settings or data: a rebuilt trainer that keeps
    // the trained weights, the step and the curves.
    d.optimizer.type = "Adam";
    d.optimizer.lr = 0.001;
    w.editDesign(d, QStringLiteral("optimizer"));
    d.data.synthetic.noise = 0.3;
    w.editDesign(d, QStringLiteral("noise"));
    d.batch.shuffle = false;
    w.editDesign(d, QStringLiteral("shuffle"));
    QVERIFY(syncWithLoop(w));
    now = w.controller()->latestSnapshot();
    QVERIFY(now->runId > before->runId);
    QCOMPARE(now->step, nn::Index(20));
    QCOMPARE(now->parameters, before->parameters);
    QCOMPARE(now->trainHistory.size(), before->trainHistory.size());
    QCOMPARE(now->trainLoss, before->trainLoss);
    // And training goes on from there.
    QVERIFY(stepTimes(w, 1));
    QCOMPARE(shownStep(w), nn::Index(21));
}

void TestMainWindowEditing::aNodeEditKeepsTheOtherNodesAndUndoRestores() {
    MainWindow w;
    w.newDesign(deep());
    w.show();
    QVERIFY(stepTimes(w, 15));
    const SnapshotPtr trained = w.controller()->latestSnapshot();

    // Node 2's out_features 8 -> 12 (and node 4's in_features with it): nodes 2
    // and 4 start again from the new design's seeded init, node 0 keeps its training.
    train::Design wider = w.design();
    wider.layers[2].out_features = 12;
    wider.layers[4].in_features = 12;
    w.editDesign(wider, QStringLiteral("node 2"));
    QVERIFY(syncWithLoop(w));
    QCOMPARE(shownParameter(w, "0.weight"), trained->parameters[0]);
    QCOMPARE(shownParameter(w, "0.bias"), trained->parameters[1]);
    QCOMPARE(shownStep(w), nn::Index(15));
    train::Trainer<float> seeded(wider, data::makeSyntheticDataset<float>(wider.data.synthetic));
    QCOMPARE(shownParameter(w, "2.weight"), seeded.network().namedParameters()[2].parameter->value);
    QCOMPARE(shownParameter(w, "2.weight").rows(), nn::Index(12));

    // Trained further, then undone: node 2 (and everything else) is back as it
    // was before the edit, bit for bit, at step 15.
    QVERIFY(stepTimes(w, 5));
    w.undoAction()->trigger();
    QVERIFY(syncWithLoop(w));
    const SnapshotPtr undone = w.controller()->latestSnapshot();
    QCOMPARE(undone->step, nn::Index(15));
    QCOMPARE(undone->parameters.size(), trained->parameters.size());
    for (size_t i = 0; i < trained->parameters.size(); ++i)
        QVERIFY(std::memcmp(undone->parameters[i].data(), trained->parameters[i].data(),
                            sizeof(float) * static_cast<size_t>(trained->parameters[i].size())) ==
                0);
    QCOMPARE(undone->trainLoss, trained->trainLoss);

    // Redo: the edited network as it was when Undo was pressed, step 20.
    w.redoAction()->trigger();
    QVERIFY(syncWithLoop(w));
    QCOMPARE(shownStep(w), nn::Index(20));
    QCOMPARE(shownParameter(w, "2.weight").rows(), nn::Index(12));
}

void TestMainWindowEditing::checkBoxKeepsSpace() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    auto* shuffle = qobject_cast<QCheckBox*>(settingsField(w, QStringLiteral("shuffle")));
    QVERIFY(shuffle);
    shuffle->setFocus(Qt::TabFocusReason);
    QCOMPARE(QApplication::focusWidget(), shuffle);
    const bool before = w.design().batch.shuffle;
    QTest::keyClick(shuffle, Qt::Key_Space);
    QCOMPARE(w.design().batch.shuffle, !before);
    QVERIFY(!w.controller()->isRunning());
    w.undoStack()->setClean();
}

void TestMainWindowEditing::nodeEditorFieldsMadeLaterLetStepThrough() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    // A node of another type: the editor makes its fields anew, after the window.
    w.diagram()->selectNode(0);
    w.diagram()->addLayer(QStringLiteral("Bilinear"));
    QVERIFY2(w.trainBlocker().isEmpty(), qPrintable(w.trainBlocker()));
    QSpinBox* in2 = w.diagram()->editor()->featuresBox("in2_features");
    QVERIFY(in2);
    QTRY_VERIFY(in2->isVisible());  // a field added to a shown form shows from the event loop
    QTest::mouseClick(in2, Qt::LeftButton, {}, in2->rect().center());
    QCOMPARE(QApplication::focusWidget(), in2);
    QVERIFY(syncWithLoop(w));
    const nn::Index before = shownStep(w);
    QTest::keyClick(in2, Qt::Key_S);
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(w), 5000);
    QCOMPARE(shownStep(w), before + 1);
    w.undoStack()->setClean();
}

void TestMainWindowEditing::deleteKeyRemovesANodeAsOneUndoStep() {
    MainWindow w;
    train::Design d = train::seedExampleDesign();
    d.layers.push_back(layer("ReLU"));
    d.layers.push_back(layer("Identity"));
    w.newDesign(d);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    ui::NodeBlock* relu = w.diagram()->block(1);
    QTest::mouseClick(relu, Qt::LeftButton, {}, relu->rect().center());
    QCOMPARE(QApplication::focusWidget(), w.diagram()->canvas());
    QCOMPARE(w.diagram()->selectedNode(), 1);

    const int steps = w.undoStack()->count();
    QTest::keyClick(w.diagram()->canvas(), Qt::Key_Delete);
    QCOMPARE(w.undoStack()->count(), steps + 1);
    QCOMPARE(w.design().layers.size(), size_t{2});
    QCOMPARE(w.design().layers[1].type, std::string("Identity"));
    // The node that moved up into its place is selected, and the keys stay here.
    QCOMPARE(w.diagram()->selectedNode(), 1);
    QCOMPARE(w.diagram()->editor()->nodeIndex(), 1);
    QCOMPARE(QApplication::focusWidget(), w.diagram()->canvas());

    QTest::keySequence(w.diagram()->canvas(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(w.design(), d);
    QTest::keySequence(w.diagram()->canvas(), QKeySequence(Qt::CTRL | Qt::Key_Y));
    QCOMPARE(w.design().layers.size(), size_t{2});
    w.undoStack()->setClean();
}

QTEST_MAIN(TestMainWindowEditing)
#include "tst_main_window_editing.moc"
