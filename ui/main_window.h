#pragma once
// The application window: the design being edited (with its undo stack), the
// training controller, and the docks that show both. Every design edit comes in
// as designEdited(after, ...) from the diagram or the settings, becomes one
// DesignCommand on the undo stack, and is applied by applyDesign(): lr and
// batch size go live to the running trainer; anything else rebuilds it and
// carries the trained model over (io::adoptTrainedState), so an edit keeps
// what it can and Undo puts back what it replaced. The file side (path,
// unsaved work, recent files, errors) is the DocumentController's.
#include "core/data/dataset_memory.h"
#include "core/io/project_file.h"
#include "core/io/state_dict.h"
#include "core/io/trained_state.h"
#include "core/nn/memory_budget.h"
#include "core/train/design.h"
#include "ui/training_controller.h"

#include <QMainWindow>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QUndoStack;

namespace linearlab::data {
template <typename T>
struct Dataset;
}

namespace linearlab::ui {

class AutosaveController;
class HelpMenu;
class TrainingToolBar;
class DocumentController;
class LearnPanel;
class LossChartWidget;
class NetworkDiagram;
class OutputViewWidget;
class SettingsPanel;
class SummaryPanel;
class WeightsInspector;
class WeightsPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a project (*.linearlab), a design (*.linearlab.json) or a weights file
    /// (loaded into the current design). On failure shows the error unless `quiet`,
    /// changes nothing and returns false; `error` receives the message. Does not
    /// ask about unsaved work: the menu actions do (confirmDiscard) first.
    bool openFile(const QString& path, QString* error = nullptr, bool quiet = false);
    /// Shows every tensor of a weights file in a WeightsInspector window of its own,
    /// whatever design it was written for; a file that cannot be read shows its
    /// error there. The window deletes itself when closed.
    WeightsInspector* inspectWeightsFile(const QString& path);
    /// Replaces the design as "New" does: a fresh undo history, no file.
    void newDesign(const train::Design& design, const QString& path = {});
    /// Writes a project (*.linearlab: design, weights, progress) or, for any other
    /// name, the design alone; false (and the error shown unless quiet) on failure,
    /// the previous file left intact. While the design cannot be built a project
    /// holds the design alone, and the status bar says so.
    bool saveTo(const QString& path, QString* error = nullptr, bool quiet = false);
    /// The project as it stands: the design plus, while its network exists, the
    /// latest snapshot's weights and progress.
    io::Project currentProject();
    /// Writes the design as PyTorch code (io::exportPyTorchCode) and, beside it,
    /// the data it trains on (io::codeExportDataPath).
    bool exportCodeTo(const QString& path, QString* error = nullptr, bool quiet = false);
    /// Writes the design's dataset as its training/validation split (.npz,
    /// io::exportDataset).
    bool exportDatasetTo(const QString& path, QString* error = nullptr, bool quiet = false);
    /// Opens the autosaved work as the current, unsaved, project.
    bool openRecovery(QString* error = nullptr);
    /// At startup: when the previous run left autosaved work, asks whether to
    /// recover it; declining removes the recovery file.
    void offerRecovery();
    AutosaveController* autosave() const { return m_autosave; }
    /// Writes the current weights in the format the extension names; refused
    /// while the design cannot be built (the weights would be another design's).
    bool exportWeightsTo(const QString& path, QString* error = nullptr, bool quiet = false);

    /// An edit as the panels make it: one undo step.
    void editDesign(const train::Design& after, const QString& text, const QString& mergeKey = {});
    const train::Design& design() const { return m_design; }
    QString filePath() const;
    DocumentController* document() const { return m_document; }
    /// The window's question before discarding the document: Save / Discard /
    /// Cancel when there is unsaved work. True when `action` may go on.
    bool confirmDiscard(const QString& action);
    /// Train > Reset: back to the seeded weights, after asking when the trained
    /// ones are not saved.
    void resetWeights();

    TrainingController* controller() const { return m_controller; }
    QUndoStack* undoStack() const { return m_undo; }
    NetworkDiagram* diagram() const { return m_diagram; }
    SettingsPanel* settingsPanel() const { return m_settings; }
    WeightsPanel* weightsPanel() const { return m_weights; }
    LossChartWidget* lossChart() const { return m_loss; }
    OutputViewWidget* outputView() const { return m_output; }
    SummaryPanel* summaryPanel() const { return m_summary; }

    QAction* trainAction() const { return m_trainAction; }
    QAction* stepAction() const { return m_stepAction; }
    QAction* resetAction() const { return m_resetAction; }
    QAction* undoAction() const { return m_undoAction; }
    QAction* redoAction() const { return m_redoAction; }
    QAction* exportCodeAction() const { return m_exportCodeAction; }
    QAction* exportWeightsAction() const { return m_exportWeightsAction; }
    /// Why training cannot start (PyTorch's message), or empty.
    QString trainBlocker() const { return m_trainBlocker; }
    /// The status bar's training text: "epoch 3  step 120  loss 0.0123  850 steps/s"
    /// while training; paused, without the rate.
    QString statusText() const;

    /// Edit > Preferences' memory limit (nullopt: the default, half the physical
    /// memory): stored, applied to the process, and the design checked again,
    /// its trainer parked when it no longer fits or built when it now does.
    void setMemoryLimit(std::optional<nn::Bytes> limit);
    QAction* preferencesAction() const { return m_preferencesAction; }

    /// Back to the default arrangement of the docks (View > Reset Layout).
    void resetLayout();
    /// Whether closing saves the window layout to QSettings (off for screenshots).
    void setSaveLayoutOnClose(bool save) { m_saveLayout = save; }
    LearnPanel* learnPanel() const { return m_learn; }
    /// Raises the Learn dock at the lesson called `name`; false if there is none.
    bool showLesson(const QString& name);

    /// The Help menu, the Welcome panel and the tour.
    HelpMenu* help() const { return m_help; }
    TrainingToolBar* trainingToolBar() const { return m_toolBar; }

    /// The bundled examples, as resource paths.
    static QStringList examplePaths();

signals:
    /// The design on screen changed: an edit, an undo or redo, a new or opened document.
    void designChanged(const linearlab::train::Design& design);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    void restoreLayout();
    std::optional<io::TrainedState> applyDesign(const train::Design& design,
                                                const std::optional<io::TrainedState>& restore);
    /// A trainer for m_design that carries over `restore` when given, else the
    /// trained state it replaces (the running trainer's, or the one kept while
    /// the design could not be built). Returns the state replaced.
    std::optional<io::TrainedState> rebuildTrainer(
        const std::optional<io::TrainedState>& restore = std::nullopt);
    void updateSummary();
    void showPreferences();
    /// True when training `design` fits the memory limit as far as it can be
    /// told before building: the parameters, batches and the synthetic data, or
    /// the data file already loaded.
    bool fitsMemoryLimit(const train::Design& design) const;
    void updateTrainActions();
    void updateTitle();
    void showSnapshot(const SnapshotPtr& snapshot);
    bool save();
    bool saveAs();
    void open();
    void exportWeights();
    void exportCode();
    void exportDataset();
    void openProject(const io::Project& project, const QString& path);
    /// Replaces the trainer by one holding `dict` (a new run from these
    /// weights); on failure nothing changes.
    bool installWeights(const io::StateDict& dict, QString* error);
    void exportPng(QWidget* widget, const QString& what);
    void importCsv();
    void fillRecentMenu();
    /// What discarding the document now would lose, for the Save/Discard question.
    QString unsavedWorkText() const;
    /// `fileRead` says whether the file itself was valid (the design may still not fit it).
    bool loadWeights(const QString& path, QString* error, bool* fileRead);
    void inspectWeights();
    /// The design's data in its dtype, made or read once per data settings.
    template <typename T>
    std::shared_ptr<const data::Dataset<T>> datasetFor(const train::Design& design);
    /// Writes the dataset `design` trains on (the cached one, in its dtype) as
    /// io::exportDataset does.
    void exportDatasetOf(const train::Design& design, const QString& path);
    /// The shape of the data last made or read, if any.
    std::optional<data::DatasetShape> datasetShape() const;

    train::Design m_design;
    QUndoStack* m_undo = nullptr;
    DocumentController* m_document = nullptr;
    /// The last trained state while the design cannot be built, carried over
    /// once it can again.
    std::optional<io::TrainedState> m_parked;
    /// The run and step last shown: a new step of the same run is unsaved training.
    uint64_t m_seenRunId = 0;
    nn::Index m_seenStep = 0;
    TrainingController* m_controller = nullptr;
    AutosaveController* m_autosave = nullptr;
    QString m_trainBlocker;
    QString m_datasetKey;
    std::shared_ptr<const data::Dataset<float>> m_dataset;
    std::shared_ptr<const data::Dataset<double>> m_dataset64;  // a float64 design's
    QByteArray m_defaultState;
    bool m_saveLayout = true;

    NetworkDiagram* m_diagram = nullptr;
    SettingsPanel* m_settings = nullptr;
    WeightsPanel* m_weights = nullptr;
    LossChartWidget* m_loss = nullptr;
    OutputViewWidget* m_output = nullptr;
    SummaryPanel* m_summary = nullptr;
    LearnPanel* m_learn = nullptr;
    QDockWidget* m_learnDock = nullptr;
    std::vector<QDockWidget*> m_docks;

    QAction* m_trainAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_resetAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_exportCodeAction = nullptr;
    QAction* m_exportWeightsAction = nullptr;
    QAction* m_preferencesAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_runLabel = nullptr;
    TrainingToolBar* m_toolBar = nullptr;
    HelpMenu* m_help = nullptr;
};

}  // namespace linearlab::ui
