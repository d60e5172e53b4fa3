#pragma once
// Data, batching, loss, optimizer, initialisation and speed. Every control edits
// a copy of the design and hands it out as designEdited(after, ...), so each
// change is one undo step; the window decides what needs a rebuilt trainer and
// what (lr, batch size) goes live to the running one.
#include "core/nn/loss_table.h"
#include "core/nn/optimizer_table.h"
#include "core/train/design.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace linearlab::ui {

class SchedulerSettings;

class SettingsPanel : public QWidget {
    Q_OBJECT

public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    void setDesign(const train::Design& design);

    /// Shows `message` under the group of the design field `field` ("data.samples"
    /// in Data, "batch.size" in DataLoader); any other field, or none, clears both.
    void setFieldError(const QString& field, const QString& message);
    /// The problem shown under Data / DataLoader, or empty.
    QString dataError() const;
    QString batchError() const;

    /// The speed slider's limit in steps per second; 0 for no limit.
    double maxStepsPerSecond() const;

    QComboBox* datasetBox() const { return m_dataset; }
    QComboBox* dtypeBox() const { return m_dtype; }
    QDoubleSpinBox* learningRateBox() const { return m_lr; }
    QSpinBox* batchSizeBox() const { return m_batch; }
    QSlider* speedSlider() const { return m_speed; }
    SchedulerSettings* schedulerSettings() const { return m_scheduler; }

signals:
    void designEdited(const linearlab::train::Design& after, const QString& text,
                      const QString& mergeKey);
    void resetWeightsRequested();
    void speedChanged(double maxStepsPerSecond);
    /// "Import CSV..." pressed; the window shows the dialog.
    void importCsvRequested();

private:
    /// The controls of one optimizer keyword: its spin box (betas: one per
    /// component) or its check box.
    struct OptimizerRow {
        nn::OptimizerKeyword keyword;
        std::vector<QDoubleSpinBox*> numbers;
        QCheckBox* flag = nullptr;
    };
    /// One loss keyword's field: a QComboBox, QSpinBox, QDoubleSpinBox or QLineEdit
    /// by the keyword's kind.
    struct LossRow {
        nn::LossKeyword keyword;
        QWidget* field = nullptr;
    };

    QWidget* buildDataGroup();
    QWidget* buildDataLoaderGroup();
    QWidget* buildLossAndOptimizerGroup();
    QWidget* buildInitGroup();
    QWidget* buildSpeedGroup();

    /// Each edit of the control becomes change(text, key, setter applied to the value);
    /// bindChoice's text has a %1 for the chosen name, and its edits never merge.
    void bindInt(QSpinBox* box, const QString& text, const QString& key,
                 std::function<void(train::Design&, int)> set);
    void bindDouble(QDoubleSpinBox* box, const QString& text, const QString& key,
                    std::function<void(train::Design&, double)> set);
    void bindBool(QCheckBox* box, const QString& text, const QString& key,
                  std::function<void(train::Design&, bool)> set);
    void bindChoice(QComboBox* box, const QString& text,
                    std::function<void(train::Design&, const std::string&)> set);

    void change(const QString& text, const QString& key,
                const std::function<void(train::Design&)>& edit);
    void showLossValues();
    void showOptimizerValues();
    void updateVisibility();

    train::Design m_design;
    bool m_updating = false;

    QComboBox* m_dataset = nullptr;
    QLabel* m_file = nullptr;
    QPushButton* m_importCsv = nullptr;
    QPushButton* m_clearFile = nullptr;
    QSpinBox* m_samples = nullptr;
    QSpinBox* m_dataSeed = nullptr;
    QDoubleSpinBox* m_noise = nullptr;
    QSpinBox* m_classes = nullptr;
    QSpinBox* m_inputFeatures = nullptr;
    QSpinBox* m_teacherOut = nullptr;
    QDoubleSpinBox* m_split = nullptr;

    QLabel* m_dataError = nullptr;
    QSpinBox* m_batch = nullptr;
    QLabel* m_batchError = nullptr;
    QCheckBox* m_shuffle = nullptr;
    QCheckBox* m_dropLast = nullptr;
    QSpinBox* m_epochs = nullptr;

    QComboBox* m_loss = nullptr;
    std::vector<LossRow> m_lossRows;
    QComboBox* m_optimizer = nullptr;
    std::vector<OptimizerRow> m_optimizerRows;
    QDoubleSpinBox* m_lr = nullptr;  ///< lr's row, which the window reads
    SchedulerSettings* m_scheduler = nullptr;

    QComboBox* m_init = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_dtype = nullptr;
    QPushButton* m_resetWeights = nullptr;
    QSlider* m_speed = nullptr;
    QLabel* m_speedLabel = nullptr;
    QWidget* m_form = nullptr;
};

}  // namespace linearlab::ui
