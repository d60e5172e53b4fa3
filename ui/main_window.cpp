#include "ui/main_window.h"

#include "core/io/code_export.h"
#include "core/io/dataset_file.h"
#include "core/io/design_file.h"
#include "core/io/file_util.h"
#include "core/io/network_state.h"
#include "core/io/project_file.h"
#include "core/io/recovery_file.h"
#include "core/io/weights_file.h"
#include "core/train/trainer.h"
#include "ui/autosave_controller.h"
#include "ui/csv_import_dialog.h"
#include "ui/design_command.h"
#include "ui/loss_chart_widget.h"
#include "ui/network_diagram.h"
#include "ui/node_info.h"
#include "ui/output_view_widget.h"
#include "ui/settings_panel.h"
#include "ui/summary_panel.h"
#include "ui/weights_inspector.h"
#include "ui/weights_panel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include <cmath>

// At global scope, as Q_INIT_RESOURCE requires; referencing the initializer
// keeps the static library's resources from being dropped by the linker.
static void initResources() {
    Q_INIT_RESOURCE(linearlab);
}

namespace linearlab::ui {

namespace {

constexpr int kMaxRecentFiles = 8;
const char* const kProjectFilter = "LinearLab projects (*.linearlab)";
const char* const kDesignFilter = "LinearLab designs (*.linearlab.json)";

bool isProjectPath(const QString& path) {
    return path.endsWith(QLatin1String(".linearlab"), Qt::CaseInsensitive);
}

/// A design or a project (anything but a weights file).
bool isDesignPath(const QString& path) {
    if (path.endsWith(QLatin1String(".linearlab.json"), Qt::CaseInsensitive) || isProjectPath(path))
        return true;
    if (!io::isWeightsFile(path))
        return true;
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return false;
    // A plain .json is a design when it says so, else a weights file.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject root = QJsonDocument::fromJson(file.read(1 << 20)).object();
    const QString format = root.value(QStringLiteral("format")).toString();
    return format == QLatin1String("linearlab") || format == QLatin1String("linearlab-project");
}

/// The design without the settings a running trainer takes live.
QJsonObject withoutLiveSettings(const train::Design& design) {
    train::Design d = design;
    d.optimizer.lr.reset();
    d.batch.size = 1;
    return io::designToJson(d);
}

QString number(double v) {
    if (std::isnan(v))
        return QStringLiteral("-");
    return QString::number(v, 'g', 5);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    initResources();
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    m_undo = new QUndoStack(this);
    m_controller = new TrainingController(this);
    m_autosave = new AutosaveController(this);
    m_autosave->setSnapshotProvider([this] { return currentProject(); });
    createDocks();
    createActions();
    createMenus();

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
    connect(m_undo, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    // Autosave runs exactly while the title shows [*]; a save or a discard ends it.
    connect(m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { m_autosave->setDirty(!clean); });
    connect(m_autosave, &AutosaveController::autosaveFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(message), 10000);
    });

    resize(1500, 940);
    m_defaultState = saveState();
    restoreLayout();
    newDesign(train::seedExampleDesign());
}

MainWindow::~MainWindow() {
    m_controller->shutdown();
    // QUndoStack announces cleanChanged while it is destroyed with the other children,
    // after this object has stopped being a MainWindow; no slot of ours may run then.
    m_undo->disconnect(this);
}

// --- Construction -------------------------------------------------------

void MainWindow::createDocks() {
    m_diagram = new NetworkDiagram;
    m_settings = new SettingsPanel;
    m_weights = new WeightsPanel;
    m_loss = new LossChartWidget;
    m_output = new OutputViewWidget;
    m_summary = new SummaryPanel;
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

    connect(m_diagram, &NetworkDiagram::designEdited, this, &MainWindow::editDesign);
    connect(m_settings, &SettingsPanel::designEdited, this, &MainWindow::editDesign);
    connect(m_settings, &SettingsPanel::resetWeightsRequested, this,
            [this] { m_controller->reset(); });
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
    connect(m_resetAction, &QAction::triggered, m_controller, &TrainingController::reset);

    m_undoAction = m_undo->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_undo->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(tr("&New"), this, [this] {
        if (maybeSave())
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
            if (maybeSave())
                openFile(path);
        });
    }
    file->addSeparator();
    QAction* saveAction = file->addAction(tr("&Save"), this, &MainWindow::save);
    saveAction->setShortcut(QKeySequence::Save);
    QAction* saveAsAction = file->addAction(tr("Save &As..."), this, &MainWindow::saveAs);
    saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    QAction* exportWeightsAction =
        file->addAction(tr("&Export Weights..."), this, &MainWindow::exportWeights);
    exportWeightsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportCodeAction = file->addAction(tr("Export PyTorch &Code..."), this, &MainWindow::exportCode);
    m_exportCodeAction->setStatusTip(
        tr("A .py with build_model(), load_weights() and a training script for this design"));
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

    QMenu* trainMenu = menuBar()->addMenu(tr("&Train"));
    trainMenu->setToolTipsVisible(true);
    trainMenu->addAction(m_trainAction);
    trainMenu->addAction(m_stepAction);
    trainMenu->addAction(m_resetAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : m_docks)
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("Reset &Layout"), this, &MainWindow::resetLayout);

    QToolBar* bar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolBar"));
    bar->addAction(openAction);
    bar->addAction(saveAction);
    bar->addSeparator();
    bar->addAction(m_undoAction);
    bar->addAction(m_redoAction);
    bar->addSeparator();
    bar->addAction(m_trainAction);
    bar->addAction(m_stepAction);
    bar->addAction(m_resetAction);
    bar->addSeparator();
    bar->addAction(exportWeightsAction);
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

QStringList MainWindow::examplePaths() {
    QStringList paths;
    const QDir dir(QStringLiteral(":/examples"));
    for (const QString& name :
         dir.entryList({QStringLiteral("*.linearlab.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

// --- The design ---------------------------------------------------------

void MainWindow::editDesign(const train::Design& after, const QString& text,
                            const QString& mergeKey) {
    m_undo->push(new DesignCommand(
        text, m_design, after, [this](const train::Design& d) { applyDesign(d); }, mergeKey));
}

void MainWindow::newDesign(const train::Design& design, const QString& path) {
    m_undo->clear();
    m_path = path;
    m_design = design;
    m_diagram->selectNode(-1);
    m_diagram->setDesign(design);
    m_settings->setDesign(design);
    updateSummary();
    rebuildTrainer();
    m_undo->setClean();
    updateTitle();
}

void MainWindow::applyDesign(const train::Design& design) {
    const train::Design before = m_design;
    m_design = design;
    m_diagram->setDesign(design);
    m_settings->setDesign(design);
    updateSummary();
    if (m_controller->hasTrainer() && withoutLiveSettings(before) == withoutLiveSettings(design)) {
        // Only lr and/or batch size changed: the running trainer takes them between
        // batches, and training goes on.
        if (design.optimizer.lr != before.optimizer.lr && design.optimizer.lr)
            m_controller->setLearningRate(*design.optimizer.lr);
        if (design.batch.size != before.batch.size)
            m_controller->setBatchSize(design.batch.size);
    } else {
        rebuildTrainer();
    }
    updateTitle();
}

std::shared_ptr<const data::Dataset<float>> MainWindow::datasetFor(const train::Design& design) {
    QJsonObject data = io::designToJson(design).value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("features"), static_cast<double>(design.inputFeatures));
    const QString key = QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
    if (key != m_datasetKey || !m_dataset) {
        auto loaded = std::make_shared<data::Dataset<float>>(io::loadDataset(design.data));
        m_dataset = std::move(loaded);
        m_datasetKey = key;
    }
    return m_dataset;
}

void MainWindow::rebuildTrainer() {
    m_trainBlocker = firstNodeError(m_diagram->nodeInfos());
    std::unique_ptr<train::Trainer<float>> trainer;
    if (m_trainBlocker.isEmpty()) {
        try {
            trainer = std::make_unique<train::Trainer<float>>(m_design, *datasetFor(m_design));
        } catch (const nn::NodeError& e) {
            m_trainBlocker = tr("node %1: %2").arg(e.node()).arg(QString::fromUtf8(e.what()));
        } catch (const std::exception& e) {
            m_trainBlocker = QString::fromUtf8(e.what());
        }
    }
    m_controller->setTrainer(std::move(trainer));
    if (!m_trainBlocker.isEmpty())
        statusBar()->showMessage(tr("Cannot train: %1").arg(m_trainBlocker));
    else
        statusBar()->clearMessage();
    updateTrainActions();
}

void MainWindow::updateSummary() {
    const auto& infos = m_diagram->nodeInfos();
    std::vector<SummaryRow> rows;
    int64_t total = 0;
    for (const NodeInfo& info : infos) {
        SummaryRow row;
        row.layer = info.repr;
        row.outputShape = info.error.isEmpty() ? info.shape : tr("error");
        row.params = info.parameters;
        total += info.parameters;
        rows.push_back(row);
    }
    const QString totals = tr("Total params: %1\nTrainable params: %1\nNon-trainable params: 0\n"
                              "Params size (MB): %2")
                               .arg(SummaryPanel::formatCount(total))
                               .arg(static_cast<double>(total) * 4.0 / 1e6, 0, 'f', 2);
    m_summary->setRows(rows, totals);
}

void MainWindow::updateTrainActions() {
    const bool canTrain = m_controller->hasTrainer();
    const bool running = m_controller->isRunning();
    m_trainAction->setText(running ? tr("Pause") : tr("Train"));
    for (QAction* a : {m_trainAction, m_stepAction, m_resetAction})
        a->setEnabled(canTrain);
    // Code for a design with a shape problem would not run; say why instead.
    const bool buildable = firstNodeError(m_diagram->nodeInfos()).isEmpty();
    m_exportCodeAction->setEnabled(buildable);
    m_exportCodeAction->setToolTip(buildable ? QString() : m_trainBlocker);
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
}

void MainWindow::updateTitle() {
    const QString name = m_path.isEmpty() || m_path.startsWith(QLatin1Char(':'))
                             ? tr("untitled")
                             : QFileInfo(m_path).fileName();
    setWindowTitle(tr("%1[*] - LinearLab").arg(name));
    setWindowModified(!m_undo->isClean());
}

// --- Training -------------------------------------------------------------

void MainWindow::showSnapshot(const SnapshotPtr& snapshot) {
    // Every tick reaches every view: a heatmap maps its values through the LUT
    // only when it is painted (about 0.4 ms for 512 x 512), so no view needs
    // skipping to keep the GUI thread free.
    m_weights->setSnapshot(snapshot);
    m_loss->setSnapshot(snapshot);
    m_output->setSnapshot(snapshot);
    m_statusLabel->setText(statusText());
    m_runLabel->setText(tr("run %1").arg(snapshot->runId));
    if (!snapshot->failure.empty())
        statusBar()->showMessage(QString::fromStdString(snapshot->failure));
}

QString MainWindow::statusText() const {
    const SnapshotPtr s = m_controller->latestSnapshot();
    if (!s)
        return {};
    return tr("epoch %1  step %2  loss %3  %4 steps/s")
        .arg(s->epoch)
        .arg(s->step)
        .arg(number(s->trainLoss))
        .arg(QString::number(s->stepsPerSecond, 'f', 0));
}

// --- Files ----------------------------------------------------------------

bool MainWindow::openFile(const QString& path, QString* error, bool quiet) {
    QString message;
    if (isDesignPath(path)) {
        try {
            openProject(io::readDesignOrProject(path), path);
            if (!path.startsWith(QLatin1Char(':')))
                addRecentFile(path);
            return true;
        } catch (const std::exception& e) {
            message = QString::fromUtf8(e.what());
        }
    } else {
        bool fileRead = false;
        if (loadWeights(path, &message, &fileRead)) {
            addRecentFile(path);
            statusBar()->showMessage(tr("Loaded weights from %1").arg(QFileInfo(path).fileName()),
                                     5000);
            return true;
        }
        if (fileRead && !quiet) {
            // A valid file written for another network: the load_state_dict error
            // alone leaves the user guessing what the file holds, so offer to show it.
            QMessageBox box(QMessageBox::Warning,
                            tr("Cannot load %1").arg(QFileInfo(path).fileName()),
                            tr("The weights do not fit the current design:\n%1").arg(message),
                            QMessageBox::Close, this);
            QPushButton* inspect = box.addButton(tr("Inspect File"), QMessageBox::AcceptRole);
            box.setDefaultButton(inspect);
            box.exec();
            if (box.clickedButton() == inspect)
                inspectWeightsFile(path);
            if (error)
                *error = message;
            return false;
        }
    }
    if (error)
        *error = message;
    if (!quiet)
        QMessageBox::critical(this, tr("Cannot open %1").arg(QFileInfo(path).fileName()), message);
    return false;
}

void MainWindow::openProject(const io::Project& project, const QString& path) {
    newDesign(project.design, path);
    if (!project.weights || !m_controller->hasTrainer())
        return;
    // The file's weights were checked against its design when it was read, so
    // they fit; the seeded trainer newDesign built is replaced by one holding them.
    QString error;
    if (!installWeights(*project.weights, &error, &project))
        statusBar()->showMessage(tr("The saved weights were not loaded: %1").arg(error));
}

io::Project MainWindow::currentProject() {
    io::Project project;
    project.design = m_design;
    m_controller->pollNow();
    const SnapshotPtr s = m_controller->latestSnapshot();
    if (!s || !s->context)
        return project;
    project.weights = stateDictOf(*s);
    project.step = s->step;
    project.epoch = s->epoch;
    project.trainLoss = s->trainHistory.points();
    project.validationLoss = s->validationHistory.points();
    return project;
}

io::StateDict MainWindow::stateDictOf(const train::Snapshot<float>& s) {
    // The snapshot is an immutable copy: saving never touches live tensors.
    io::StateDict dict;
    const auto& ctx = *s.context;
    for (size_t i = 0; i < ctx.parameterNames.size() && i < s.parameters.size(); ++i) {
        io::NamedTensor t;
        t.name = ctx.parameterNames[i];
        t.shape = ctx.parameterShapes[i];
        const auto& m = s.parameters[i];
        t.values.assign(m.data(), m.data() + m.size());
        dict.push_back(std::move(t));
    }
    return dict;
}

bool MainWindow::openRecovery(QString* error) {
    try {
        const io::Project project = io::readRecovery();
        openProject(project, {});
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    // Recovered work is unsaved work: the title shows it, Close asks, autosave goes on.
    m_undo->resetClean();
    return true;
}

void MainWindow::offerRecovery() {
    if (!m_autosave->recoveryAvailableAtStartup() || !io::hasRecovery())
        return;
    const QDateTime when = QFileInfo(io::recoveryPath()).lastModified();
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved work?"),
        tr("LinearLab did not close normally. Recover the work autosaved at %1?")
            .arg(QLocale().toString(when, QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    if (answer == QMessageBox::Yes) {
        QString error;
        if (openRecovery(&error))
            return;
        QMessageBox::warning(this, tr("Cannot recover"),
                             tr("The autosaved work cannot be read: %1").arg(error));
    }
    io::discardRecovery();
}

WeightsInspector* MainWindow::inspectWeightsFile(const QString& path) {
    auto* inspector = new WeightsInspector(this);
    inspector->setAttribute(Qt::WA_DeleteOnClose);
    inspector->openFile(path);  // a bad file shows its error in the window
    inspector->show();
    return inspector;
}

void MainWindow::inspectWeights() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Inspect Weights File"), QFileInfo(m_path).absolutePath(),
        tr("Weights (*.safetensors *.pt *.pth *.npz *.npy *.json *.csv);;All files (*)"));
    if (!path.isEmpty())
        inspectWeightsFile(path);
}

bool MainWindow::loadWeights(const QString& path, QString* error, bool* fileRead) {
    *fileRead = false;
    if (!m_trainBlocker.isEmpty()) {
        *error = tr("The design cannot be built: %1").arg(m_trainBlocker);
        return false;
    }
    io::StateDict dict;
    try {
        dict = io::readWeights(path);
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    *fileRead = true;
    return installWeights(dict, error);
}

bool MainWindow::installWeights(const io::StateDict& dict, QString* error,
                                const io::Project* progress) {
    try {
        // A new trainer takes the weights; the running one is only replaced once
        // they loaded, so a failure leaves everything as it was.
        auto trainer = std::make_unique<train::Trainer<float>>(m_design, *datasetFor(m_design));
        io::loadStateDict(trainer->network(), dict);
        trainer->parametersReplaced();
        if (progress)
            trainer->restoreProgress(progress->step, progress->epoch, progress->trainLoss,
                                     progress->validationLoss);
        m_controller->setTrainer(std::move(trainer));
        updateTrainActions();
        return true;
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
}

bool MainWindow::saveTo(const QString& path, QString* error, bool quiet) {
    try {
        // A project keeps the weights and the loss curve; a design file only the design.
        if (isProjectPath(path))
            io::writeProject(path, currentProject());
        else
            io::writeDesignFile(path, m_design);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        if (!quiet)
            QMessageBox::critical(this, tr("Cannot save"), QString::fromUtf8(e.what()));
        return false;
    }
    m_path = path;
    m_undo->setClean();
    addRecentFile(path);
    updateTitle();
    return true;
}

bool MainWindow::save() {
    if (m_path.isEmpty() || m_path.startsWith(QLatin1Char(':')))
        return saveAs();
    return saveTo(m_path);
}

bool MainWindow::saveAs() {
    const QString projects = tr(kProjectFilter);
    QString selected = projects;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save As"), m_path.startsWith(QLatin1Char(':')) ? QString() : m_path,
        projects + QStringLiteral(";;") + tr(kDesignFilter), &selected);
    if (path.isEmpty())
        return false;
    if (!isProjectPath(path) && !path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path += selected == projects ? QStringLiteral(".linearlab") : QStringLiteral(".linearlab.json");
    return saveTo(path);
}

void MainWindow::open() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open"), QFileInfo(m_path).absolutePath(),
        tr("Projects, designs and weights (*.linearlab *.linearlab.json *.json *.safetensors *.pt "
           "*.pth *.npz *.npy *.csv);;%1;;%2;;All files (*)")
            .arg(tr(kProjectFilter), tr(kDesignFilter)));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::exportWeightsTo(const QString& path, QString* error, bool quiet) {
    m_controller->pollNow();
    const SnapshotPtr s = m_controller->latestSnapshot();
    QString message;
    if (!s || !s->context) {
        message =
            tr("There are no weights yet: %1")
                .arg(m_trainBlocker.isEmpty() ? tr("the network is being built") : m_trainBlocker);
    } else {
        try {
            io::writeWeights(path, stateDictOf(*s));
            statusBar()->showMessage(tr("Exported weights to %1").arg(path), 5000);
            return true;
        } catch (const std::exception& e) {
            message = QString::fromUtf8(e.what());
        }
    }
    if (error)
        *error = message;
    if (!quiet)
        QMessageBox::critical(this, tr("Cannot export weights"), message);
    return false;
}

void MainWindow::exportWeights() {
    const QStringList filters{tr("safetensors (*.safetensors)"),
                              tr("PyTorch state dict (*.pt)"),
                              tr("NumPy archive (*.npz)"),
                              tr("NumPy array, one tensor (*.npy)"),
                              tr("JSON (*.json)"),
                              tr("CSV (*.csv)")};
    QString selected = filters.first();
    QString path = QFileDialog::getSaveFileName(this, tr("Export Weights"), QString(),
                                                filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return;
    if (!io::isWeightsFile(path)) {
        // The extension of the chosen filter: "(*.pt)" -> ".pt".
        const QString ext = selected.section(QStringLiteral("(*"), 1).chopped(1);
        path += ext;
    }
    exportWeightsTo(path);
}

bool MainWindow::exportCodeTo(const QString& path, QString* error, bool quiet) {
    try {
        io::writeFileAtomically(path, io::exportPyTorchCode(m_design));
        statusBar()->showMessage(tr("Exported PyTorch code to %1").arg(path), 5000);
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        if (!quiet)
            QMessageBox::critical(this, tr("Cannot export code"), QString::fromUtf8(e.what()));
        return false;
    }
}

void MainWindow::exportCode() {
    QString suggested;
    if (!m_path.isEmpty() && !m_path.startsWith(QLatin1Char(':')))
        suggested = QFileInfo(m_path).absolutePath() + QLatin1Char('/') +
                    QFileInfo(m_path).fileName().section(QLatin1Char('.'), 0, 0) +
                    QStringLiteral(".py");
    QString path = QFileDialog::getSaveFileName(this, tr("Export PyTorch Code"), suggested,
                                                tr("Python (*.py)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".py"), Qt::CaseInsensitive))
        path += QStringLiteral(".py");
    exportCodeTo(path);
}

void MainWindow::exportPng(QWidget* widget, const QString& what) {
    QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(what), QString(),
                                                tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        path += QStringLiteral(".png");
    bool ok = false;
    if (auto* chart = qobject_cast<LossChartWidget*>(widget))
        ok = chart->savePng(path);
    else if (auto* weights = qobject_cast<WeightsPanel*>(widget))
        ok = weights->savePng(path);
    else if (auto* output = qobject_cast<OutputViewWidget*>(widget))
        ok = output->savePng(path);
    if (!ok)
        QMessageBox::critical(this, tr("Cannot export"), tr("Could not write %1").arg(path));
}

void MainWindow::importCsv() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import CSV"), QString(),
                                                      tr("CSV files (*.csv *.tsv *.txt)"));
    if (path.isEmpty())
        return;
    CsvImportDialog dialog(path, this);
    if (!dialog.isValid()) {
        QMessageBox::critical(this, tr("Cannot import"), dialog.errorString());
        return;
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    train::Design after = m_design;
    after.data.file = path.toStdString();
    after.data.target = dialog.targetColumn().toStdString();
    after.data.classification = dialog.classification();
    after.data.standardize = dialog.standardize();
    try {
        // Read it all now so a bad cell is reported before the design changes.
        const auto dataset = io::loadDatasetFile(path, after.data);
        after.inputFeatures = dataset.features();
    } catch (const std::exception& e) {
        QMessageBox::critical(this, tr("Cannot import"), QString::fromUtf8(e.what()));
        return;
    }
    editDesign(after, tr("Import %1").arg(QFileInfo(path).fileName()));
}

bool MainWindow::maybeSave() {
    if (m_undo->isClean())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("The design has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList files = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), files);
}

void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : files)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (maybeSave())
                                openFile(path);
                        })
            ->setToolTip(path);
    if (files.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
}

// --- Window events ----------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
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

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls()) {
        if (!url.isLocalFile())
            continue;
        event->acceptProposedAction();
        const QString path = url.toLocalFile();
        // After the drop has finished: opening may ask questions in a modal dialog.
        QTimer::singleShot(0, this, [this, path] {
            // A design replaces the current one (ask first); weights load into it.
            if (isDesignPath(path) && !maybeSave())
                return;
            openFile(path);
        });
        return;
    }
}

}  // namespace linearlab::ui
