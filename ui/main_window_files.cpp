// MainWindow's files: opening and saving designs and projects, loading and
// exporting weights, PyTorch code and pictures, the recent-files menu, drag and
// drop, and the autosaved work offered back after a crash. The rest of the
// window (docks, actions, the design and training) is in main_window.cpp.
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
#include "ui/loss_chart_widget.h"
#include "ui/output_view_widget.h"
#include "ui/weights_inspector.h"
#include "ui/weights_panel.h"

#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

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

}  // namespace

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
    project.progress = train::progressOf(*s);
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
        io::loadStateDict(trainer->network(), dict, io::LazyKeys::MayBeAbsent);
        trainer->parametersReplaced();
        if (progress)
            trainer->restoreProgress(progress->progress);
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
        path +=
            selected == projects ? QStringLiteral(".linearlab") : QStringLiteral(".linearlab.json");
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
