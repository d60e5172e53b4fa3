#include "ui/gui_benchmark.h"

#include "core/io/dataset_file.h"
#include "core/train/trainer.h"
#include "ui/help_menu.h"
#include "ui/main_window.h"
#include "ui/speed_control.h"
#include "ui/training_controller.h"
#include "ui/training_toolbar.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

namespace linearlab::ui {

namespace {

// Long enough for the first snapshot, the first paint of every view and the
// CPU's clock to settle before anything is counted.
constexpr int kWarmUpMs = 1000;

void wait(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double rounded(double v, int digits) {
    const double scale = std::pow(10.0, digits);
    return std::round(v * scale) / scale;
}

/// The CLI's loop: trainStep back to back, no snapshots, no thread.
double headlessStepsPerSecond(const train::Design& design, const data::Dataset<float>& dataset,
                              double seconds, QString* error) {
    train::Trainer<float> trainer(design, dataset);
    using Clock = std::chrono::steady_clock;
    const auto warmUpEnd = Clock::now() + std::chrono::milliseconds(kWarmUpMs / 4);
    while (Clock::now() < warmUpEnd)
        if (!trainer.trainStep()) {
            *error = QString::fromStdString(trainer.failure());
            return 0;
        }
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    long long steps = 0;
    auto now = start;
    while (now < end) {
        if (!trainer.trainStep()) {
            *error = QString::fromStdString(trainer.failure());
            break;
        }
        ++steps;
        now = Clock::now();
    }
    return static_cast<double>(steps) / std::chrono::duration<double>(now - start).count();
}

}  // namespace

double GuiBenchmarkResult::ratio() const {
    const double headless = headlessStepsPerSecond();
    return headless > 0 ? guiStepsPerSecond / headless : 0;
}

QString GuiBenchmarkResult::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("design"), design);
    o.insert(QStringLiteral("platform"), platform);
    o.insert(QStringLiteral("seconds"), seconds);
    o.insert(QStringLiteral("docks_visible"), docksVisible);
    o.insert(QStringLiteral("docks_total"), docksTotal);
    o.insert(QStringLiteral("gui_steps_per_s"), rounded(guiStepsPerSecond, 1));
    o.insert(QStringLiteral("headless_steps_per_s"), rounded(headlessStepsPerSecond(), 1));
    o.insert(QStringLiteral("headless_before_steps_per_s"), rounded(headlessBefore, 1));
    o.insert(QStringLiteral("headless_after_steps_per_s"), rounded(headlessAfter, 1));
    o.insert(QStringLiteral("gui_over_headless"), rounded(ratio(), 3));
    o.insert(QStringLiteral("view_updates_per_s"), rounded(viewUpdatesPerSecond, 1));
    o.insert(QStringLiteral("event_loop_ticks"), lateTicks);
    o.insert(QStringLiteral("event_loop_late_p99_ms"), rounded(latenessP99Ms, 2));
    o.insert(QStringLiteral("event_loop_late_max_ms"), rounded(latenessMaxMs, 2));
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

GuiBenchmarkResult runGuiBenchmark(train::Design design, const QString& name, double seconds) {
    GuiBenchmarkResult r;
    r.design = name;
    r.platform = QGuiApplication::platformName();
    r.seconds = seconds;
    // A limit would end the run early and leave the rest of the time idle.
    design.train = {};
    const data::Dataset<float> dataset = io::loadDataset(design.data);

    r.headlessBefore = headlessStepsPerSecond(design, dataset, seconds, &r.error);

    {
        MainWindow window;
        window.setSaveLayoutOnClose(false);
        window.resize(1500, 940);
        window.resetLayout();  // every dock on screen, whatever the user's saved layout hid
        // Full speed, and the views that train, not the Welcome panel above them.
        window.trainingToolBar()->speedControl()->setPreset(SpeedControl::Preset::Fast);
        window.help()->hideWelcome();
        window.newDesign(design);
        window.show();
        // A dock tabbed behind another (Learn, behind Weights) floats beside the
        // window, so that every view paints every tick.
        QApplication::processEvents();  // the tabs laid out: only the front one is exposed
        for (QDockWidget* dock : window.findChildren<QDockWidget*>())
            if (!window.tabifiedDockWidgets(dock).isEmpty() && dock->visibleRegion().isEmpty())
                dock->setFloating(true);
        if (!window.trainBlocker().isEmpty()) {
            r.error = window.trainBlocker();
            return r;
        }
        // Each snapshot the views are given, with the time it reached them.
        QElapsedTimer clock;
        clock.start();
        bool counting = false;
        long long updates = 0;
        nn::Index firstStep = -1, lastStep = -1;
        qint64 firstNs = 0, lastNs = 0;
        QObject::connect(window.controller(), &TrainingController::snapshotReady, &window,
                         [&](const SnapshotPtr& s) {
                             if (!counting)
                                 return;
                             const qint64 now = clock.nsecsElapsed();
                             if (firstStep < 0) {
                                 firstStep = s->step;
                                 firstNs = now;
                             }
                             lastStep = s->step;
                             lastNs = now;
                             ++updates;
                         });
        window.controller()->start();
        wait(kWarmUpMs);
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            if (dock == window.help()->welcomeDock())
                continue;  // not a view of training
            ++r.docksTotal;
            if (dock->isVisible() && !dock->visibleRegion().isEmpty())
                ++r.docksVisible;
        }
        // How late the GUI thread runs a 5 ms timer meanwhile: the window's
        // responsiveness while it paints every snapshot.
        std::vector<double> lateness;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5);
        qint64 lastTick = clock.nsecsElapsed();
        QObject::connect(&probe, &QTimer::timeout, &window, [&] {
            const qint64 now = clock.nsecsElapsed();
            lateness.push_back(std::max(0.0, static_cast<double>(now - lastTick) / 1e6 - 5.0));
            lastTick = now;
        });
        counting = true;
        probe.start();
        lastTick = clock.nsecsElapsed();
        wait(static_cast<int>(seconds * 1000));
        probe.stop();
        counting = false;
        if (!lateness.empty()) {
            std::sort(lateness.begin(), lateness.end());
            r.lateTicks = static_cast<int>(lateness.size());
            r.latenessP99Ms = lateness[static_cast<size_t>(0.99 * double(lateness.size() - 1))];
            r.latenessMaxMs = lateness.back();
        }
        window.controller()->pause();
        // Steps between the first and the last snapshot shown, over the time
        // between their arrival: both ends lag the loop by up to one 33 ms tick.
        const double elapsed = (lastNs - firstNs) / 1e9;
        if (elapsed > 0) {
            r.guiStepsPerSecond = static_cast<double>(lastStep - firstStep) / elapsed;
            r.viewUpdatesPerSecond = static_cast<double>(updates - 1) / elapsed;
        }
        const SnapshotPtr last = window.controller()->latestSnapshot();
        if (last && !last->failure.empty())
            r.error = QString::fromStdString(last->failure);
        // A measurement, not work: no question about the trained weights, only
        // the training thread joined before the window goes.
        window.controller()->shutdown();
        window.hide();
    }

    r.headlessAfter = headlessStepsPerSecond(design, dataset, seconds, &r.error);
    return r;
}

}  // namespace linearlab::ui
