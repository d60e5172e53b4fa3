#include "ui/main_window.h"

#include "core/io/dataset_file.h"
#include "core/io/design_file.h"
#include "core/train/trainer.h"
#include "core/train/training_memory.h"
#include "ui/autosave_controller.h"
#include "ui/design_command.h"
#include "ui/document_controller.h"
#include "ui/help_menu.h"
#include "ui/keyboard_navigation.h"
#include "ui/language.h"
#include "ui/learn_panel.h"
#include "ui/loss_chart_widget.h"
#include "ui/network_diagram.h"
#include "ui/node_info.h"
#include "ui/output_view_widget.h"
#include "ui/preferences_dialog.h"
#include "ui/settings_panel.h"
#include "ui/shortcuts.h"
#include "ui/summary_panel.h"
#include "ui/theme.h"
#include "ui/training_toolbar.h"
#include "ui/weights_panel.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

#include <type_traits>

// At global scope, as Q_INIT_RESOURCE requires; referencing the initializer
// keeps the static library's resources from being dropped by the linker.
static void initResources() {
    Q_INIT_RESOURCE(linearlab);
}

namespace linearlab::ui {

namespace {

/// The design without the settings a running trainer takes live.
QJsonObject withoutLiveSettings(const train::Design& design) {
    train::Design d = design;
    d.optimizer.lr.reset();
    d.batch.size = 1;
    return io::designToJson(d);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    initResources();
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    m_undo = new QUndoStack(this);
    m_document = new DocumentController(m_undo, this);
    m_controller = new TrainingController(this);
    m_controller->setThreads(storedTrainingThreads());
    m_autosave = new AutosaveController(this);
    m_autosave->setSnapshotProvider([this] { return currentProject(); });
    createDocks();
    createActions();
    createMenus();
    new DockFocus(this, m_docks);  // F6, Shift+F6

    m_stateLabel = new QLabel(this);
    m_statusLabel = new QLabel(this);
    m_runLabel = new QLabel(this);
    m_statusLabel->setMinimumWidth(380);
    statusBar()->addPermanentWidget(m_stateLabel);
    statusBar()->addPermanentWidget(m_statusLabel);
    statusBar()->addPermanentWidget(m_runLabel);

    connect(m_controller, &TrainingController::snapshotReady, this, &MainWindow::showSnapshot);
    connect(m_controller, &TrainingController::minimumRunIdChanged, this, [this](uint64_t id) {
        m_weights->setMinimumRunId(id);
        m_loss->setMinimumRunId(id);
        m_output->setMinimumRunId(id);
    });
    connect(m_controller, &TrainingController::runningChanged, this,
            &MainWindow::updateTrainActions);
    connect(m_controller, &TrainingController::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Training stopped: %1").arg(message));
    });
    // Autosave runs exactly while the title shows [*]; a save or a discard ends it.
    connect(m_document, &DocumentController::modifiedChanged, this, [this](bool modified) {
        updateTitle();
        m_autosave->setDirty(modified);
    });
    connect(m_document, &DocumentController::pathChanged, this, [this](const QString& path) {
        m_autosave->setDocumentPath(m_document->isUntitled() ? QString() : path);
        updateTitle();
    });
    connect(m_autosave, &AutosaveController::autosaveFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(message), 10000);
    });

    resize(1500, 940);
    m_defaultState = saveState();
    restoreLayout();
    m_help = new HelpMenu(this);
    newDesign(train::seedExampleDesign());
}

MainWindow::~MainWindow() {
    m_controller->shutdown();
    // QUndoStack announces cleanChanged while it is destroyed with the other children,
    // after this object has stopped being a MainWindow; no slot of ours may run then.
    m_undo->disconnect(m_document);
    m_document->disconnect(this);
}

// --- Construction -------------------------------------------------------

void MainWindow::createDocks() {
    m_diagram = new NetworkDiagram;
    m_settings = new SettingsPanel;
    m_weights = new WeightsPanel;
    m_loss = new LossChartWidget;
    m_output = new OutputViewWidget;
    m_summary = new SummaryPanel;
    m_learn = new LearnPanel;
    auto dock = [this](QWidget* widget, const QString& title, const QString& name) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        m_docks.push_back(d);
        return d;
    };
    QDockWidget* network = dock(m_diagram, tr("Network"), QStringLiteral("networkDock"));
    QDockWidget* settings = dock(m_settings, tr("Settings"), QStringLiteral("settingsDock"));
    QDockWidget* weights = dock(m_weights, tr("Weights"), QStringLiteral("weightsDock"));
    QDockWidget* loss = dock(m_loss, tr("Loss"), QStringLiteral("lossDock"));
    QDockWidget* output = dock(m_output, tr("Output"), QStringLiteral("outputDock"));
    QDockWidget* summary = dock(m_summary, tr("Summary"), QStringLiteral("summaryDock"));
    m_learnDock = dock(m_learn, tr("Learn"), QStringLiteral("learnDock"));

    // Edit on the left, watch in the middle, tune on the right.
    addDockWidget(Qt::LeftDockWidgetArea, network);
    splitDockWidget(network, weights, Qt::Horizontal);
    splitDockWidget(weights, settings, Qt::Horizontal);
    splitDockWidget(network, summary, Qt::Vertical);
    splitDockWidget(weights, loss, Qt::Vertical);
    splitDockWidget(loss, output, Qt::Horizontal);
    resizeDocks({network, weights, settings}, {360, 760, 380}, Qt::Horizontal);
    resizeDocks({loss, output}, {380, 380}, Qt::Horizontal);
    resizeDocks({network, summary}, {640, 240}, Qt::Vertical);
    resizeDocks({weights, loss}, {480, 400}, Qt::Vertical);
    // The lessons share the weights' place: a tab beside them, one click away.
    tabifyDockWidget(weights, m_learnDock);
    weights->raise();

    connect(m_diagram, &NetworkDiagram::designEdited, this, &MainWindow::editDesign);
    connect(m_diagram, &NetworkDiagram::selectedNodeChanged, m_learn, &LearnPanel::setSelectedNode);
    connect(m_settings, &SettingsPanel::designEdited, this, &MainWindow::editDesign);
    connect(m_settings, &SettingsPanel::resetWeightsRequested, this, &MainWindow::resetWeights);
    connect(m_settings, &SettingsPanel::speedChanged, m_controller,
            &TrainingController::setMaxStepsPerSecond);
    connect(m_settings, &SettingsPanel::importCsvRequested, this, &MainWindow::importCsv);
}

void MainWindow::createActions() {
    m_trainAction = new QAction(tr("Train"), this);
    m_trainAction->setShortcut(Qt::Key_Space);
    connect(m_trainAction, &QAction::triggered, m_controller, &TrainingController::toggle);
    m_stepAction = new QAction(tr("Step"), this);
    m_stepAction->setShortcut(Qt::Key_S);
    m_stepAction->setToolTip(tr("One batch, then pause (S)"));
    connect(m_stepAction, &QAction::triggered, m_controller, &TrainingController::step);
    m_resetAction = new QAction(tr("Reset"), this);
    m_resetAction->setShortcut(Qt::Key_R);
    m_resetAction->setToolTip(tr("Back to the seeded initial weights (R)"));
    connect(m_resetAction, &QAction::triggered, this, &MainWindow::resetWeights);
    // Space, S and R work while a number field has the focus (it never types them).
    new ShortcutPassthrough(this);

    // The platform's bindings plus the ones users expect on every desktop; GNOME's
    // Redo already is Ctrl+Shift+Z and Windows' Ctrl+Y, so each is bound once.
    m_undoAction = m_undo->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcuts(
        keyBindings(QKeySequence::Undo, {QKeySequence(Qt::CTRL | Qt::Key_Z)}));
    m_redoAction = m_undo->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcuts(keyBindings(
        QKeySequence::Redo,
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)}));
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(tr("&New"), this, [this] {
        if (confirmDiscard(tr("New")))
            newDesign(train::seedExampleDesign());
    });
    newAction->setShortcut(QKeySequence::New);
    QAction* openAction = file->addAction(tr("&Open..."), this, &MainWindow::open);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addAction(tr("&Inspect Weights File..."), this, &MainWindow::inspectWeights);
    QMenu* examples = file->addMenu(tr("&Examples"));
    for (const QString& path : examplePaths()) {
        const QString name = QFileInfo(path).fileName().section(QLatin1Char('.'), 0, 0);
        examples->addAction(name, this, [this, path] {
            if (confirmDiscard(tr("Opening an example")))
                openFile(path);
        });
    }
    file->addSeparator();
    QAction* saveAction = file->addAction(tr("&Save"), this, &MainWindow::save);
    saveAction->setShortcut(QKeySequence::Save);
    QAction* saveAsAction = file->addAction(tr("Save &As..."), this, &MainWindow::saveAs);
    saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    m_exportWeightsAction =
        file->addAction(tr("&Export Weights..."), this, &MainWindow::exportWeights);
    m_exportWeightsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportCodeAction =
        file->addAction(tr("Export PyTorch &Code..."), this, &MainWindow::exportCode);
    m_exportCodeAction->setStatusTip(
        tr("A .py with build_model(), load_weights() and a training script for this design"));
    file->addAction(tr("Export &Dataset..."), this, &MainWindow::exportDataset)
        ->setStatusTip(tr("The design's data as an .npz, split as training splits it"));
    file->setToolTipsVisible(true);
    file->addAction(tr("Export &Chart as PNG..."), this,
                    [this] { exportPng(m_loss, tr("loss chart")); });
    file->addAction(tr("Export &Heatmaps as PNG..."), this,
                    [this] { exportPng(m_weights, tr("heatmaps")); });
    file->addAction(tr("Export &Output View as PNG..."), this,
                    [this] { exportPng(m_output, tr("output view")); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    m_preferencesAction =
        edit->addAction(tr("&Preferences..."), this, &MainWindow::showPreferences);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    m_preferencesAction->setStatusTip(
        tr("The memory limit designs and datasets are checked against"));

    QMenu* trainMenu = menuBar()->addMenu(tr("&Train"));
    trainMenu->setToolTipsVisible(true);
    trainMenu->addAction(m_trainAction);
    trainMenu->addAction(m_stepAction);
    trainMenu->addAction(m_resetAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : m_docks)
        view->addAction(d->toggleViewAction());
    Theme::addMenuTo(view);
    Language::addMenuTo(view);
    view->addAction(tr("Reset &Layout"), this, &MainWindow::resetLayout);

    m_toolBar =
        new TrainingToolBar({openAction, saveAction, m_undoAction, m_redoAction, m_trainAction,
                             m_stepAction, m_resetAction, m_exportWeightsAction},
                            m_controller, m_settings->speedSlider(), this);
    addToolBar(m_toolBar);
}

void MainWindow::restoreLayout() {
    QSettings settings;
    if (settings.contains(QStringLiteral("window/geometry")))
        restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (settings.contains(QStringLiteral("window/state")))
        restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::resetLayout() {
    restoreState(m_defaultState);
    for (QDockWidget* d : m_docks)
        d->show();
}

// --- The design ---------------------------------------------------------

void MainWindow::editDesign(const train::Design& after, const QString& text,
                            const QString& mergeKey) {
    m_undo->push(new DesignCommand(
        text, m_design, after,
        [this](const train::Design& d, const std::optional<io::TrainedState>& restore) {
            return applyDesign(d, restore);
        },
        mergeKey));
}

void MainWindow::newDesign(const train::Design& design, const QString& path) {
    m_undo->clear();
    // A new document: nothing of the old one's model carries over.
    m_controller->shutdown();
    m_parked.reset();
    m_design = design;
    m_diagram->selectNode(-1);
    m_diagram->setDesign(design);
    m_settings->setDesign(design);
    m_learn->setDesign(design);
    updateSummary();
    rebuildTrainer();
    emit designChanged(m_design);
    m_document->opened(path);
}

QString MainWindow::filePath() const {
    return m_document->path();
}

std::optional<io::TrainedState> MainWindow::applyDesign(
    const train::Design& design, const std::optional<io::TrainedState>& restore) {
    const train::Design before = m_design;
    m_design = design;
    m_diagram->setDesign(design);
    m_settings->setDesign(design);
    m_learn->setDesign(design);
    updateSummary();
    std::optional<io::TrainedState> replaced;
    // A batch size too big for the memory limit must not reach the running
    // trainer: it rebuilds instead, which refuses it and keeps the model.
    if (!restore && m_controller->hasTrainer() &&
        withoutLiveSettings(before) == withoutLiveSettings(design) && fitsMemoryLimit(design)) {
        // Only lr and/or batch size changed: the running trainer takes them between
        // batches, and training goes on.
        if (design.optimizer.lr != before.optimizer.lr && design.optimizer.lr)
            m_controller->setLearningRate(*design.optimizer.lr);
        if (design.batch.size != before.batch.size)
            m_controller->setBatchSize(design.batch.size);
    } else {
        replaced = rebuildTrainer(restore);
    }
    updateTitle();
    emit designChanged(m_design);
    return replaced;
}

bool MainWindow::fitsMemoryLimit(const train::Design& design) const {
    try {
        train::checkDesignMemory(design, windowMemoryOptions());
        if (const auto shape = datasetShape(); shape && !design.data.file.empty())
            train::checkTrainingMemory(design, shape, false, windowMemoryOptions());
    } catch (const std::invalid_argument&) {
        return false;
    }
    return true;
}

void MainWindow::setMemoryLimit(std::optional<nn::Bytes> limit) {
    storeMemoryLimit(limit);
    if (limit)
        nn::setMemoryLimit(*limit);
    else
        nn::resetMemoryLimit();
    // The nodes say what the new limit allows; the trainer stays while the
    // design still fits, else it is parked (or built, now that it fits).
    m_diagram->setDesign(m_design);
    updateSummary();
    if (!m_controller->hasTrainer() || !fitsMemoryLimit(m_design))
        rebuildTrainer();
}

void MainWindow::showPreferences() {
    PreferencesDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    setMemoryLimit(dialog.memoryLimit());
    storeTrainingThreads(dialog.trainingThreads());
    m_controller->setThreads(dialog.trainingThreads());
}

template <typename T>
std::shared_ptr<const data::Dataset<T>> MainWindow::datasetFor(const train::Design& design) {
    QJsonObject data = io::designToJson(design).value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("features"), static_cast<double>(design.inputFeatures));
    const QString key = QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
    // One dataset at a time, in the dtype asked for: a float64 design's data is
    // made (or read) as float64, not widened from float32.
    auto& cached = [&]() -> std::shared_ptr<const data::Dataset<T>>& {
        if constexpr (std::is_same_v<T, double>)
            return m_dataset64;
        else
            return m_dataset;
    }();
    if (key != m_datasetKey || !cached) {
        auto loaded = std::make_shared<data::Dataset<T>>(io::loadDataset<T>(design.data));
        m_dataset.reset();
        m_dataset64.reset();
        cached = std::move(loaded);
        m_datasetKey = key;
    }
    return cached;
}

template std::shared_ptr<const data::Dataset<float>> MainWindow::datasetFor<float>(
    const train::Design&);
template std::shared_ptr<const data::Dataset<double>> MainWindow::datasetFor<double>(
    const train::Design&);

std::optional<data::DatasetShape> MainWindow::datasetShape() const {
    if (m_dataset)
        return data::shapeOf(*m_dataset);
    if (m_dataset64)
        return data::shapeOf(*m_dataset64);
    return std::nullopt;
}

std::optional<io::TrainedState> MainWindow::rebuildTrainer(
    const std::optional<io::TrainedState>& restore) {
    const bool wasRunning = m_controller->isRunning();
    std::optional<io::TrainedState> replaced = std::move(m_parked);
    m_parked.reset();
    if (AnyTrainer old = m_controller->takeTrainer())
        replaced = old.visit([](auto& t) { return io::captureTrainedState(t); });
    const std::optional<io::TrainedState>& carried = restore ? restore : replaced;

    m_trainBlocker = firstNodeError(m_diagram->nodeInfos());
    QString blockedField;
    AnyTrainer trainer;
    if (m_trainBlocker.isEmpty()) {
        try {
            // What training takes, counted in the window's terms before the data
            // is made, and again once it is read (a file's size is known then).
            // In the design's dtype: Trainer<float> or Trainer<double>.
            train::checkDesignMemory(m_design, windowMemoryOptions());
            trainer = nn::withDtype(m_design.dtype, [&](auto zero) -> AnyTrainer {
                using T = decltype(zero);
                const auto dataset = datasetFor<T>(m_design);
                train::checkTrainingMemory(m_design, data::shapeOf(*dataset), false,
                                           windowMemoryOptions());
                return std::make_unique<train::Trainer<T>>(m_design, *dataset);
            });
        } catch (const nn::NodeError& e) {
            m_trainBlocker = tr("node %1: %2").arg(e.node()).arg(QString::fromUtf8(e.what()));
        } catch (const nn::MemoryLimitError& e) {
            m_trainBlocker = QString::fromUtf8(e.what());
            blockedField = QString::fromStdString(e.field());
        } catch (const std::exception& e) {
            m_trainBlocker = QString::fromUtf8(e.what());
        }
    }
    // A data or batch setting too big for the limit is said where it is set.
    m_settings->setFieldError(blockedField, m_trainBlocker);
    if (trainer && carried) {
        try {
            trainer.visit([&](auto& t) { io::adoptTrainedState(t, *carried); });
        } catch (const std::exception& e) {
            // A state that contradicts its own design: keep the fresh trainer.
            statusBar()->showMessage(
                tr("The trained weights were not kept: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    if (!trainer)
        m_parked = carried;  // until the design can be built again
    m_controller->setTrainer(std::move(trainer));
    if (wasRunning && m_controller->hasTrainer())
        m_controller->start();
    if (!m_trainBlocker.isEmpty())
        statusBar()->showMessage(tr("Cannot train: %1").arg(m_trainBlocker));
    else
        statusBar()->clearMessage();
    // The views keep the last network's pictures while none can be built; say so.
    m_weights->setStale(m_trainBlocker);
    m_output->setStale(m_trainBlocker);
    updateTrainActions();
    return replaced;
}

void MainWindow::updateSummary() {
    const auto& infos = m_diagram->nodeInfos();
    std::vector<SummaryRow> rows;
    for (const NodeInfo& info : infos) {
        SummaryRow row;
        row.layer = info.repr;
        row.outputShape = info.error.isEmpty() ? info.shape : tr("error");
        row.params = info.parameters;
        rows.push_back(row);
    }
    m_summary->setRows(rows, static_cast<int>(nn::dtypeSize(m_design.dtype)));
}

void MainWindow::updateTrainActions() {
    const bool canTrain = m_controller->hasTrainer();
    const bool running = m_controller->isRunning();
    m_trainAction->setText(TrainingToolBar::trainText(running));
    for (QAction* a : {m_trainAction, m_stepAction, m_resetAction})
        a->setEnabled(canTrain);
    // Code for a design with a shape problem would not run, and the weights on
    // screen are then another design's: say why instead of exporting them.
    for (QAction* a : {m_exportCodeAction, m_exportWeightsAction}) {
        a->setEnabled(canTrain);
        a->setToolTip(canTrain ? QString()
                               : tr("The design cannot be built: %1").arg(m_trainBlocker));
    }
    if (canTrain) {
        m_trainAction->setToolTip(running ? tr("Pause training (Space)")
                                          : tr("Train until paused (Space)"));
        m_stepAction->setToolTip(tr("One batch, then pause (S)"));
        m_resetAction->setToolTip(tr("Back to the seeded initial weights (R)"));
    } else {
        for (QAction* a : {m_trainAction, m_stepAction, m_resetAction})
            a->setToolTip(m_trainBlocker);
    }
    m_stateLabel->setText(!canTrain ? tr("cannot train")
                                    : (running ? tr("training") : tr("paused")));
    m_statusLabel->setText(statusText());  // no steps/s while paused
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1[*] - LinearLab").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

// --- Training -------------------------------------------------------------

bool MainWindow::showLesson(const QString& name) {
    if (!m_learn->showLesson(name))
        return false;
    m_learnDock->show();
    m_learnDock->raise();
    return true;
}

void MainWindow::showSnapshot(const SnapshotPtr& snapshot) {
    // A step of the run on screen changed the model: unsaved work. A new run
    // (a rebuild that carried the model over, or a load) is not a step.
    if (snapshot->runId == m_seenRunId && snapshot->step != m_seenStep)
        m_document->setUnsavedTraining(true);
    m_seenRunId = snapshot->runId;
    m_seenStep = snapshot->step;
    // Every tick reaches every view: a heatmap maps its values through the LUT
    // only when it is painted (about 0.4 ms for 512 x 512), so no view needs
    // skipping to keep the GUI thread free.
    m_weights->setSnapshot(snapshot);
    m_loss->setSnapshot(snapshot);
    m_output->setSnapshot(snapshot);
    m_learn->setSnapshot(snapshot);
    m_diagram->setSnapshot(snapshot);
    m_statusLabel->setText(statusText());
    m_runLabel->setText(tr("run %1").arg(snapshot->runId));
    if (!snapshot->failure.empty())
        statusBar()->showMessage(QString::fromStdString(snapshot->failure));
}

// --- Window events ----------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmDiscard(tr("Quitting"))) {
        event->ignore();
        return;
    }
    if (m_saveLayout) {
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState());
    }
    // Saved or deliberately discarded: nothing is left to recover next time.
    m_autosave->setDirty(false);
    // Join the training thread before the widgets it feeds go away.
    m_controller->shutdown();
    event->accept();
}

}  // namespace linearlab::ui
