// MainWindow: what a user sees in the diagram, the Train action and the live
// views while editing, undoing, training, pausing, resetting and closing.
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

/// Calls `record` for every event of `type` an object it filters receives, and
/// swallows the event.
class EventRecorder : public QObject {
public:
    EventRecorder(QEvent::Type type, std::function<void(QObject*, QEvent*)> record)
        : m_type(type), m_record(std::move(record)) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != m_type)
            return false;
        m_record(watched, event);
        return true;
    }

private:
    QEvent::Type m_type;
    std::function<void(QObject*, QEvent*)> m_record;
};

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void examplesLoad();
    void addingLayerUpdatesNextShape();
    void shapeErrorOnNodeDisablesTrain();
    void undoRestoresDesign();
    void pauseStopsStepCount();
    void chartGainsPointsWhileTraining();
    void lazyPlaceholderBecomesHeatmapAfterStep();
    void optimizerKeywordsAreEditable();
    void settingsEditsKeepTheRun();
    void aNodeEditKeepsTheOtherNodesAndUndoRestores();
    void continuingAfterTheLimitTrainsAsLongAgain();
    void stressControlsAndCloseMidTraining();
    void eventLoopStaysResponsive();
    void everyShortcutReachesOneAction();
    void undoAndRedoByKeyboard();
    void trainStepAndResetFromANumberField();
    void undoAndRedoFromANumberField();
    void checkBoxKeepsSpace();
    void nodeEditorFieldsMadeLaterLetStepThrough();
    void deleteKeyRemovesANodeAsOneUndoStep();
};

void TestMainWindow::initTestCase() {
    // Keep the user's recent files and window layout out of the tests.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
    AmbiguousShortcutWatch::install();
}

void TestMainWindow::cleanupTestCase() {
    AmbiguousShortcutWatch::uninstall();
}

void TestMainWindow::cleanup() {
    // A key bound twice does nothing when pressed; no test may meet one.
    const QStringList ambiguous = AmbiguousShortcutWatch::take();
    QVERIFY2(ambiguous.isEmpty(), qPrintable(ambiguous.join(QLatin1Char('\n'))));
}

void TestMainWindow::examplesLoad() {
    MainWindow w;
    const QStringList paths = MainWindow::examplePaths();
    QCOMPARE(paths.size(), 4);
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

void TestMainWindow::addingLayerUpdatesNextShape() {
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

void TestMainWindow::shapeErrorOnNodeDisablesTrain() {
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

void TestMainWindow::undoRestoresDesign() {
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

void TestMainWindow::pauseStopsStepCount() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    w.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) > 5, 10000);
    QCOMPARE(w.trainAction()->text(), QStringLiteral("Pause"));
    w.trainAction()->trigger();  // Pause
    QCOMPARE(w.trainAction()->text(), QStringLiteral("Train"));
    // The snapshot that acknowledges the pause has the loop's last step.
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(w), 5000);
    QCOMPARE(w.controller()->latestSnapshot()->state, train::TrainState::Paused);
    const nn::Index paused = shownStep(w);
    QVERIFY(paused > 5);
    // No step since: a later command's acknowledgement shows the same one.
    QVERIFY(syncWithLoop(w));
    QCOMPARE(shownStep(w), paused);
    QVERIFY(w.statusText().contains(QStringLiteral("step %1 ").arg(paused)));
    QCOMPARE(w.trainAction()->text(), QStringLiteral("Train"));

    // Step: exactly one more batch.
    w.stepAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(w), 5000);
    QCOMPARE(shownStep(w), paused + 1);
    QVERIFY(syncWithLoop(w));
    QCOMPARE(shownStep(w), paused + 1);
}

void TestMainWindow::chartGainsPointsWhileTraining() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QCOMPARE(w.lossChart()->pointCount(), 0);
    w.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(w.lossChart()->pointCount() > 0, 10000);
    const int first = w.lossChart()->pointCount();
    QTRY_VERIFY_WITH_TIMEOUT(w.lossChart()->pointCount() > first + 5, 10000);
    w.controller()->pause();
}

void TestMainWindow::lazyPlaceholderBecomesHeatmapAfterStep() {
    MainWindow w;
    QString error;
    QVERIFY2(w.openFile(QStringLiteral(":/examples/lazy_linear.linearlab.json"), &error, true),
             qPrintable(error));
    w.show();
    const QString lazyRepr =
        QStringLiteral("(0): LazyLinear(in_features=0, out_features=16, bias=True)");
    QCOMPARE(w.diagram()->block(0)->reprText(), lazyRepr);
    QCOMPARE(w.diagram()->block(0)->shapeText(), QStringLiteral("output [32, 16]"));
    auto placeholders = [&] {
        const auto maps = w.weightsPanel()->heatmaps();
        return std::count_if(maps.begin(), maps.end(),
                             [](ui::HeatmapWidget* h) { return h->isPlaceholder(); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(w.weightsPanel()->snapshot() != nullptr, 5000);
    QVERIFY(placeholders() > 0);

    w.stepAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) == 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(placeholders(), 0, 5000);
    const auto maps = w.weightsPanel()->heatmaps();
    QVERIFY(!maps.empty());
    QVERIFY(!maps.front()->image().isNull());
    // The first layer took in_features from the batch: 16 x 2 weights.
    QCOMPARE(maps.front()->image().size(), QSize(2, 16));
}

void TestMainWindow::optimizerKeywordsAreEditable() {
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

void TestMainWindow::settingsEditsKeepTheRun() {
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

void TestMainWindow::aNodeEditKeepsTheOtherNodesAndUndoRestores() {
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

void TestMainWindow::continuingAfterTheLimitTrainsAsLongAgain() {
    // The seed example: 50 epochs of 7 batches (819 samples, batches of 128).
    MainWindow w;
    w.newDesign(train::seedExampleDesign());
    w.show();
    w.trainAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) == 350 && !w.controller()->isRunning(), 30000);
    QCOMPARE(w.controller()->latestSnapshot()->epoch, nn::Index(50));
    // Train again: exactly 50 epochs more.
    w.trainAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) >= 700 && !w.controller()->isRunning(), 30000);
    QCOMPARE(shownStep(w), nn::Index(700));
    QCOMPARE(w.controller()->latestSnapshot()->epoch, nn::Index(100));
}

void TestMainWindow::stressControlsAndCloseMidTraining() {
    // Reset and Close ask about unsaved training; this user always discards.
    AlwaysAnswer discard(QMessageBox::Discard);
    auto w = std::make_unique<MainWindow>();
    w->newDesign(endless());
    w->show();
    ui::TrainingController* controller = w->controller();
    // Every snapshot that reaches the views must belong to a run started after
    // the last Reset the user pressed.
    uint64_t threshold = 0;
    int stale = 0;
    int forwarded = 0;
    connect(controller, &ui::TrainingController::snapshotReady, this, [&](const SnapshotPtr& s) {
        ++forwarded;
        if (s->runId < threshold)
            ++stale;
    });
    auto pressReset = [&] {
        // Reset asks first (the question's event loop still shows the old run),
        // so what was on screen when it reset is read after it returns.
        w->resetAction()->trigger();
        const SnapshotPtr shown = w->weightsPanel()->snapshot();
        if (shown)
            threshold = std::max(threshold, shown->runId + 1);
    };
    QRandomGenerator rng(7);
    const int iterations = 400;
    for (int i = 0; i < iterations; ++i) {
        switch (rng.bounded(4)) {
            case 0:
                w->trainAction()->trigger();
                break;
            case 1:
                w->stepAction()->trigger();
                break;
            case 2:
                pressReset();
                break;
            default:
                controller->pause();
                break;
        }
        QCoreApplication::processEvents();
        // Part of the stress, not a wait for a command: now and then the event
        // loop runs for a poll tick or so (33 ms) in the middle of the clicks,
        // so snapshots reach the views while commands keep coming.
        if (i % 40 == 0)
            QTest::qWait(40);
    }
    pressReset();
    // Once the snapshot that acknowledges the last Reset is on screen, nothing
    // the loop published before it can still arrive (latest-wins keeps order).
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(*w), 5000);
    QVERIFY(w->weightsPanel()->snapshot());
    QVERIFY(w->weightsPanel()->snapshot()->runId >= threshold);
    QCOMPARE(stale, 0);
    QVERIFY(forwarded > 0);
    QCOMPARE(w->weightsPanel()->snapshot()->step, nn::Index{0});
    QVERIFY(w->weightsPanel()->minimumRunId() >= threshold);

    // Close while training: the thread is stopped and joined, nothing hangs.
    w->controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(*w) > 3, 10000);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(w->close());
    QVERIFY(!controller->hasTrainer());
    w.reset();
    QVERIFY2(timer.elapsed() < 5000, "closing took too long");
}

void TestMainWindow::eventLoopStaysResponsive() {
    // A large layer trains flat out while a 5 ms timer measures how late the GUI
    // thread's event loop runs it.
#if defined(__SANITIZE_ADDRESS__)
    const nn::Index width = 256;  // AddressSanitizer slows the worker ~3x; the GUI too
#elif defined(__SANITIZE_THREAD__)
    // ThreadSanitizer slows the GUI thread's painting too: at 512, p99 reaches 34-46 ms.
    const nn::Index width = 256;
#else
    const nn::Index width = 512;
#endif
    train::Design d;
    d.inputFeatures = width;
    d.layers = {layer("Linear", width, width)};
    d.data.synthetic.dataset = "teacher";
    d.data.synthetic.samples = 2048;
    d.data.synthetic.in_features = width;
    d.data.synthetic.out_features = width;
    d.batch = {256, true, false};
    d.optimizer.type = "SGD";
    d.optimizer.lr = 0.1;
    MainWindow w;
    w.newDesign(d);
    w.show();
    QVERIFY2(w.trainBlocker().isEmpty(), qPrintable(w.trainBlocker()));
    w.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) > 0, 10000);

    std::vector<double> lateness;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    connect(&probe, &QTimer::timeout, this, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateness.push_back(std::max(0.0, (now - last) / 1e6 - 5.0));
        last = now;
    });
    const nn::Index startStep = shownStep(w);
    probe.start();
    QTest::qWait(2000);  // the measurement: two seconds of training under the probe
    probe.stop();
    const nn::Index steps = shownStep(w) - startStep;
    w.controller()->pause();

    QVERIFY(lateness.size() > 50);
    std::sort(lateness.begin(), lateness.end());
    const double p99 =
        lateness[static_cast<size_t>(0.99 * static_cast<double>(lateness.size() - 1))];
    qInfo(
        "event loop lateness over %zu ticks: p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
        "%lld steps of Linear(%lld, %lld) batch 256 meanwhile",
        lateness.size(), lateness[lateness.size() / 2], p99, lateness.back(),
        static_cast<long long>(steps), static_cast<long long>(width),
        static_cast<long long>(width));
    QVERIFY(steps > 0);
    QVERIFY2(p99 < 50.0, qPrintable(QStringLiteral("p99 %1 ms").arg(p99)));
}

void TestMainWindow::everyShortcutReachesOneAction() {
    MainWindow w;
    w.newDesign(train::seedExampleDesign());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.diagram()->canvas()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), w.diagram()->canvas());

    // Each press is recorded and swallowed at the action, so nothing opens a
    // dialog or quits; a disabled action's keys do nothing, so all are enabled
    // while they are pressed.
    struct Hit {
        QObject* action;
        bool ambiguous;
    };
    std::vector<Hit> hits;
    EventRecorder recorder(QEvent::Shortcut, [&](QObject* receiver, QEvent* event) {
        hits.push_back({receiver, static_cast<QShortcutEvent*>(event)->isAmbiguous()});
    });
    const QList<QAction*> actions = w.findChildren<QAction*>();
    std::vector<std::pair<QAction*, bool>> wasEnabled;
    for (QAction* a : actions) {
        wasEnabled.emplace_back(a, a->isEnabled());
        a->setEnabled(true);
        a->installEventFilter(&recorder);
    }
    int pressed = 0;
    for (QAction* a : actions) {
        const QList<QKeySequence> keys = a->shortcuts();
        QCOMPARE(QSet<QKeySequence>(keys.begin(), keys.end()).size(), keys.size());
        for (const QKeySequence& key : keys) {
            hits.clear();
            QTest::keySequence(QApplication::focusWidget(), key);
            const QString what = a->text() + QLatin1String(": ") + key.toString();
            QVERIFY2(hits.size() == 1, qPrintable(what));
            QVERIFY2(hits[0].action == a, qPrintable(what));
            QVERIFY2(!hits[0].ambiguous, qPrintable(what));
            ++pressed;
        }
    }
    for (auto [a, enabled] : wasEnabled)
        a->setEnabled(enabled);
    QVERIFY(pressed >= 12);

    // Redo is there on both of the keys users know, whichever the platform has.
    QVERIFY(w.redoAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    QVERIFY(w.redoAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Y)));
    QVERIFY(w.undoAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Z)));
}

void TestMainWindow::undoAndRedoByKeyboard() {
    MainWindow w;
    const train::Design original = train::seedExampleDesign();
    w.newDesign(original);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.diagram()->canvas()->setFocus();
    w.diagram()->selectNode(0);
    w.diagram()->addLayer(QStringLiteral("ReLU"));
    const train::Design edited = w.design();
    QCOMPARE(edited.layers.size(), size_t{2});

    auto press = [&](QKeyCombination key) {
        QWidget* focus = QApplication::focusWidget();
        QVERIFY(focus);
        QTest::keySequence(focus, QKeySequence(key));
    };
    press(Qt::CTRL | Qt::Key_Z);
    QCOMPARE(w.design(), original);
    press(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    QCOMPARE(w.design(), edited);
    press(Qt::CTRL | Qt::Key_Z);
    QCOMPARE(w.design(), original);
    press(Qt::CTRL | Qt::Key_Y);
    QCOMPARE(w.design(), edited);
    w.undoStack()->setClean();
}

void TestMainWindow::trainStepAndResetFromANumberField() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QDoubleSpinBox* lr = w.settingsPanel()->learningRateBox();
    QTest::mouseClick(lr, Qt::LeftButton, {}, lr->rect().center());
    QCOMPARE(QApplication::focusWidget(), lr);
    // Digits and the point still type: a new rate, committed by Enter.
    QTest::keyClick(lr, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(lr, QStringLiteral("0.05"));
    QCOMPARE(lr->text(), QStringLiteral("0.05"));
    QTest::keyClick(lr, Qt::Key_Enter);
    QCOMPARE(w.design().optimizer.lr, std::optional<double>(0.05));
    const QString shown = lr->text();

    QTest::keyClick(lr, Qt::Key_Space);
    QVERIFY(w.controller()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) > 0, 10000);
    QTest::keyClick(lr, Qt::Key_Space);
    QVERIFY(!w.controller()->isRunning());
    QVERIFY(syncWithLoop(w));
    const nn::Index paused = shownStep(w);

    QTest::keyClick(lr, Qt::Key_S);
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(w), 5000);
    QCOMPARE(shownStep(w), paused + 1);
    QVERIFY(syncWithLoop(w));
    QCOMPARE(shownStep(w), paused + 1);

    // None of those keys reached the field, and it kept the focus.
    QCOMPARE(lr->text(), shown);
    QCOMPARE(QApplication::focusWidget(), lr);

    // R asks first: the trained steps are not saved. Discard, as the user means it.
    // (The question takes the focus while it is open.)
    const auto answer = answerNextMessageBox(QMessageBox::Discard);
    QTest::keyClick(lr, Qt::Key_R);
    QVERIFY(answer->asked);
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(w), 5000);
    QCOMPARE(shownStep(w), nn::Index{0});
    QCOMPARE(lr->text(), shown);
    QCOMPARE(w.design().optimizer.lr, std::optional<double>(0.05));
}

void TestMainWindow::undoAndRedoFromANumberField() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const train::Design original = w.design();
    QDoubleSpinBox* lr = w.settingsPanel()->learningRateBox();
    QTest::mouseClick(lr, Qt::LeftButton, {}, lr->rect().center());
    QCOMPARE(QApplication::focusWidget(), lr);
    QTest::keyClick(lr, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(lr, QStringLiteral("0.2"));
    QTest::keyClick(lr, Qt::Key_Enter);
    const train::Design edited = w.design();
    QCOMPARE(edited.optimizer.lr, std::optional<double>(0.2));

    // The field has nothing of its own left to undo: the keys undo the design.
    QTest::keySequence(lr, QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(w.design(), original);
    QCOMPARE(lr->value(), *original.optimizer.lr);
    QTest::keySequence(lr, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    QCOMPARE(w.design(), edited);
    QTest::keySequence(lr, QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(w.design(), original);
    QTest::keySequence(lr, QKeySequence(Qt::CTRL | Qt::Key_Y));
    QCOMPARE(w.design(), edited);
    QCOMPARE(lr->value(), 0.2);
    w.undoStack()->setClean();
}

void TestMainWindow::checkBoxKeepsSpace() {
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

void TestMainWindow::nodeEditorFieldsMadeLaterLetStepThrough() {
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

void TestMainWindow::deleteKeyRemovesANodeAsOneUndoStep() {
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

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
