// MainWindow's files: opening and saving designs and projects, loading and
// exporting weights, PyTorch code and pictures, the recent-files menu, drag and
// drop, and the autosaved work offered back after a crash. The rest of the
// window (docks, actions, the design and training) is in main_window.cpp.
#include "ui/main_window.h"

#include "core/io/code_export.h"
#include "core/io/dataset_export.h"
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
#include "ui/document_controller.h"
#include "ui/loss_chart_widget.h"
#include "ui/output_view_widget.h"
#include "ui/weights_inspector.h"
#include "ui/weights_panel.h"

#include <QDateTime>
#include <QDir>
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
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

namespace linearlab::ui {

namespace {

const char* const kProjectFilter =
    QT_TRANSLATE_NOOP("linearlab::ui::MainWindow", "LinearLab projects (*.linearlab)");
const char* const kDesignFilter =
    QT_TRANSLATE_NOOP("linearlab::ui::MainWindow", "LinearLab designs (*.linearlab.json)");

/// A design or a project (anything but a weights file).
bool isDesignPath(const QString& path) {
    if (path.endsWith(QLatin1String(".linearlab.json"), Qt::CaseInsensitive) ||
        io::isProjectFile(path))
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
            m_document->addRecentFile(path);
            return true;
        } catch (const std::exception& e) {
            message = QString::fromUtf8(e.what());
        }
    } else {
        bool fileRead = false;
        if (loadWeights(path, &message, &fileRead)) {
            m_document->addRecentFile(path);
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
    return m_document->fail(tr("Cannot open %1").arg(QFileInfo(path).fileName()), message, error,
                            quiet);
}

void MainWindow::openProject(const io::Project& project, const QString& path) {
    newDesign(project.design, path);
    if (!project.weights)
        return;
    // The file's weights were checked against its design when it was read, so
    // they fit; the seeded trainer newDesign built gives way to one holding
    // them, its step, epoch and curves. Lazy layers without weights stay lazy.
    io::TrainedState saved;
    saved.design = project.design;
    saved.weights = *project.weights;
    saved.progress = project.progress;
    saved.seeded = false;
    saved.materialized = io::holdsEveryLazyLayer(project.design, *project.weights);
    rebuildTrainer(saved);
    m_document->opened(path);
}

io::Project MainWindow::currentProject() {
    io::Project project;
    project.design = m_design;
    // Only the current design's own model: while the design cannot be built the
    // views still show the last network's, which does not fit it.
    if (!m_controller->hasTrainer())
        return project;
    m_controller->pollNow();
    const SnapshotPtr s = m_controller->latestSnapshot();
    if (!s || !s->context)
        return project;
    // In the run's dtype, exactly (the views' snapshot of a float64 run is float32).
    project.weights = m_controller->latestWeights();
    project.progress = train::progressOf(*s);
    return project;
}

bool MainWindow::openRecovery(QString* error) {
    try {
        QString documentPath;
        const io::Project project = io::readRecovery(&documentPath);
        openProject(project, documentPath);
        m_document->recovered(documentPath);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
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
        this, tr("Inspect Weights File"), QFileInfo(filePath()).absolutePath(),
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

bool MainWindow::installWeights(const io::StateDict& dict, QString* error) {
    try {
        // A new trainer takes the weights; the running one is only replaced once
        // they loaded, so a failure leaves everything as it was. Weights of the
        // other dtype convert as load_state_dict's copy_ does.
        m_controller->setTrainer(nn::withDtype(m_design.dtype, [&](auto zero) -> AnyTrainer {
            using T = decltype(zero);
            auto trainer = std::make_unique<train::Trainer<T>>(m_design, *datasetFor<T>(m_design));
            io::loadStateDict(trainer->network(), dict);
            trainer->parametersReplaced();
            return trainer;
        }));
        m_document->setUnsavedTraining(true);
        updateTrainActions();
        return true;
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
}

bool MainWindow::saveTo(const QString& path, QString* error, bool quiet) {
    bool withoutWeights = false;
    try {
        // A project keeps the weights and the run; a design file only the design.
        if (io::isProjectFile(path)) {
            const io::Project project = currentProject();
            withoutWeights = !project.weights && !m_trainBlocker.isEmpty();
            io::writeProject(path, project);
        } else {
            io::writeDesignFile(path, m_design);
        }
    } catch (const std::exception& e) {
        return m_document->fail(tr("Cannot save"), QString::fromUtf8(e.what()), error, quiet);
    }
    m_document->saved(path);
    if (withoutWeights)
        statusBar()->showMessage(tr("Saved %1 without weights: the design cannot be built (%2)")
                                     .arg(QFileInfo(path).fileName(), m_trainBlocker));
    else
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

bool MainWindow::save() {
    if (m_document->isUntitled())
        return saveAs();
    return saveTo(filePath());
}

bool MainWindow::saveAs() {
    const QString projects = tr(kProjectFilter);
    QString selected = projects;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save As"), m_document->isUntitled() ? QString() : filePath(),
        projects + QStringLiteral(";;") + tr(kDesignFilter), &selected);
    if (path.isEmpty())
        return false;
    if (!io::isProjectFile(path) && !path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path +=
            selected == projects ? QStringLiteral(".linearlab") : QStringLiteral(".linearlab.json");
    return saveTo(path);
}

void MainWindow::open() {
    if (!confirmDiscard(tr("Opening a file")))
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open"), QFileInfo(filePath()).absolutePath(),
        tr("Projects, designs and weights (*.linearlab *.linearlab.json *.json *.safetensors *.pt "
           "*.pth *.npz *.npy *.csv);;%1;;%2;;All files (*)")
            .arg(tr(kProjectFilter), tr(kDesignFilter)));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::exportWeightsTo(const QString& path, QString* error, bool quiet) {
    const QString title = tr("Cannot export weights");
    if (!m_controller->hasTrainer())
        return m_document->fail(title, tr("The design cannot be built: %1").arg(m_trainBlocker),
                                error, quiet);
    m_controller->pollNow();
    const SnapshotPtr s = m_controller->latestSnapshot();
    if (!s || !s->context)
        return m_document->fail(title, tr("There are no weights yet"), error, quiet);
    try {
        io::writeWeights(path, m_controller->latestWeights());
    } catch (const std::exception& e) {
        return m_document->fail(title, QString::fromUtf8(e.what()), error, quiet);
    }
    statusBar()->showMessage(tr("Exported weights to %1").arg(path), 5000);
    return true;
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
    const QString title = tr("Cannot export code");
    if (!m_trainBlocker.isEmpty())
        return m_document->fail(title, tr("The design cannot be built: %1").arg(m_trainBlocker),
                                error, quiet);
    try {
        io::writeFileAtomically(path, io::exportPyTorchCode(m_design));
        exportDatasetOf(m_design, io::codeExportDataPath(path));
    } catch (const std::exception& e) {
        return m_document->fail(title, QString::fromUtf8(e.what()), error, quiet);
    }
    statusBar()->showMessage(tr("Exported PyTorch code to %1").arg(path), 5000);
    return true;
}

void MainWindow::exportDatasetOf(const train::Design& design, const QString& path) {
    nn::withDtype(design.dtype, [&](auto zero) {
        io::exportDataset(*datasetFor<decltype(zero)>(design), design.data, path);
    });
}

bool MainWindow::exportDatasetTo(const QString& path, QString* error, bool quiet) {
    try {
        exportDatasetOf(m_design, path);
    } catch (const std::exception& e) {
        return m_document->fail(tr("Cannot export the dataset"), QString::fromUtf8(e.what()), error,
                                quiet);
    }
    statusBar()->showMessage(tr("Exported the dataset to %1").arg(path), 5000);
    return true;
}

void MainWindow::exportDataset() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export Dataset"), QString(),
                                                tr("NumPy archive (*.npz)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive))
        path += QStringLiteral(".npz");
    exportDatasetTo(path);
}

void MainWindow::exportCode() {
    QString suggested;
    if (!m_document->isUntitled())
        suggested = QFileInfo(filePath()).absolutePath() + QLatin1Char('/') +
                    QFileInfo(filePath()).fileName().section(QLatin1Char('.'), 0, 0) +
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
        m_document->fail(tr("Cannot export"), tr("Could not write %1").arg(path));
}

void MainWindow::importCsv() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import CSV"), QString(),
                                                      tr("CSV files (*.csv *.tsv *.txt)"));
    if (path.isEmpty())
        return;
    CsvImportDialog dialog(path, this);
    if (!dialog.isValid()) {
        m_document->fail(tr("Cannot import"), dialog.errorString());
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
        m_document->fail(tr("Cannot import"), QString::fromUtf8(e.what()));
        return;
    }
    editDesign(after, tr("Import %1").arg(QFileInfo(path).fileName()));
}

bool MainWindow::confirmDiscard(const QString& action) {
    m_controller->pollNow();  // a step taken since the last tick is unsaved work too
    return m_document->confirmDiscard(action, unsavedWorkText(), [this] { return save(); });
}

QString MainWindow::unsavedWorkText() const {
    QStringList parts;
    if (!m_undo->isClean())
        parts << tr("The design has changed.");
    if (m_document->hasUnsavedTraining()) {
        const SnapshotPtr s = m_controller->latestSnapshot();
        parts << (s ? tr("The trained weights (step %1) are not saved.").arg(s->step)
                    : tr("The trained weights are not saved."));
    }
    return parts.join(QLatin1Char(' '));
}

void MainWindow::resetWeights() {
    if (!m_controller->hasTrainer())
        return;
    m_controller->pollNow();
    if (m_document->hasUnsavedTraining() && !confirmDiscard(tr("Reset")))
        return;
    // Seeded weights where trained (or loaded) ones were: the document changed.
    const SnapshotPtr s = m_controller->latestSnapshot();
    const bool changes = !s || s->step > 0 || m_document->hasUnsavedTraining();
    m_controller->reset();
    if (changes)
        m_document->setUnsavedTraining(true);
}

void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = m_document->recentFiles();
    for (const QString& path : files)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (confirmDiscard(tr("Opening a file")))
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
            if (isDesignPath(path) && !confirmDiscard(tr("Opening a file")))
                return;
            openFile(path);
        });
        return;
    }
}

QStringList MainWindow::examplePaths() {
    QStringList paths;
    const QDir dir(QStringLiteral(":/examples"));
    for (const QString& name :
         dir.entryList({QStringLiteral("*.linearlab.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

}  // namespace linearlab::ui
