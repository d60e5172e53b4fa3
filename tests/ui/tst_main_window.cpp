// MainWindow while it trains: Step, Pause and the limit, the live chart and
// heatmaps, closing mid-run, and an event loop that stays responsive.
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

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void pauseStopsStepCount();
    void chartGainsPointsWhileTraining();
    void lazyPlaceholderBecomesHeatmapAfterStep();
    void continuingAfterTheLimitTrainsAsLongAgain();
    void stressControlsAndCloseMidTraining();
    void eventLoopStaysResponsive();
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

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
