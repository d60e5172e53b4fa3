#pragma once
// Data, batching, loss, optimizer, initialisation and speed. Every control edits
// a copy of the design and hands it out as designEdited(after, ...), so each
// change is one undo step; the window decides what needs a rebuilt trainer and
// what (lr, batch size) goes live to the running one.
#include "core/train/design.h"

#include <QString>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace linearlab::ui {

class SettingsPanel : public QWidget {
    Q_OBJECT

public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    void setDesign(const train::Design& design);

    /// The speed slider's limit in steps per second; 0 for no limit.
    double maxStepsPerSecond() const;

    QComboBox* datasetBox() const { return m_dataset; }
    QDoubleSpinBox* learningRateBox() const { return m_lr; }
    QSpinBox* batchSizeBox() const { return m_batch; }
    QSlider* speedSlider() const { return m_speed; }

signals:
    void designEdited(const linearlab::train::Design& after, const QString& text,
                      const QString& mergeKey);
    void resetWeightsRequested();
    void speedChanged(double maxStepsPerSecond);
    /// "Import CSV..." pressed; the window shows the dialog.
    void importCsvRequested();

private:
    void change(const QString& text, const QString& key,
                const std::function<void(train::Design&)>& edit);
    void updateVisibility();

    train::Design m_design;
    bool m_updating = false;

    QComboBox* m_dataset = nullptr;
    QLabel* m_file = nullptr;
    QPushButton* m_clearFile = nullptr;
    QSpinBox* m_samples = nullptr;
    QSpinBox* m_dataSeed = nullptr;
    QDoubleSpinBox* m_noise = nullptr;
    QSpinBox* m_classes = nullptr;
    QSpinBox* m_inputFeatures = nullptr;
    QSpinBox* m_teacherOut = nullptr;
    QDoubleSpinBox* m_split = nullptr;

    QSpinBox* m_batch = nullptr;
    QCheckBox* m_shuffle = nullptr;
    QCheckBox* m_dropLast = nullptr;
    QSpinBox* m_epochs = nullptr;

    QComboBox* m_loss = nullptr;
    QComboBox* m_optimizer = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QDoubleSpinBox* m_momentum = nullptr;
    QDoubleSpinBox* m_beta1 = nullptr;
    QDoubleSpinBox* m_beta2 = nullptr;
    QDoubleSpinBox* m_weightDecay = nullptr;
    QDoubleSpinBox* m_dampening = nullptr;
    QCheckBox* m_nesterov = nullptr;
    QDoubleSpinBox* m_eps = nullptr;
    QCheckBox* m_amsgrad = nullptr;
    QDoubleSpinBox* m_alpha = nullptr;
    QCheckBox* m_centered = nullptr;
    QDoubleSpinBox* m_huberDelta = nullptr;

    QComboBox* m_init = nullptr;
    QSpinBox* m_seed = nullptr;
    QSlider* m_speed = nullptr;
    QLabel* m_speedLabel = nullptr;
    QWidget* m_form = nullptr;
};

}  // namespace linearlab::ui
