#pragma once
// "One step explained": for the selected layer, the gradients the last step
// computed (∂L/∂A = gradYᵀ x, ∂L/∂b = Σₙ gradY[n], with their shapes) and what
// the optimizer did with them, A_after − A_before, as heatmaps. The gradients
// are the snapshot's (the engine's own); A_before is the previous snapshot the
// lesson received of the same run, so when one step passed between the two the
// difference is exactly one update.
#include "ui/lesson_view.h"

class QLabel;

namespace linearlab::ui {

class HeatmapWidget;

class StepLesson : public LessonView {
    Q_OBJECT

public:
    explicit StepLesson(QWidget* parent = nullptr);

    QString lessonName() const override { return QStringLiteral("step"); }
    QString lessonTitle() const override { return tr("One step"); }
    void setDesign(const train::Design& design) override;
    void setSelectedNode(int node) override;
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) override;

    /// What the lesson shows, for tests: the weight's gradient and its update
    /// heatmaps, how many steps the update spans (0: no earlier snapshot), and
    /// the sentences around them.
    const HeatmapWidget* gradientView() const { return m_gradient; }
    const HeatmapWidget* updateView() const { return m_update; }
    /// The weight's gradient and update as shown (empty before a step).
    const nn::Matrix<float>& gradient() const { return m_gradientValues; }
    const nn::Matrix<float>& update() const { return m_updateValues; }
    nn::Index stepsSpanned() const { return m_steps; }
    QString formulaText() const;
    QString updateText() const;

private:
    void refresh();

    train::Design m_design;
    int m_node = -1;
    std::shared_ptr<const train::Snapshot<float>> m_after;
    // A_before: a copy of the previous snapshot's parameters, not the snapshot,
    // whose buffer the trainer's small pool needs back.
    std::vector<nn::Matrix<float>> m_beforeParameters;
    nn::Index m_beforeStep = -1;  ///< -1: no A_before
    nn::Matrix<float> m_gradientValues;
    nn::Matrix<float> m_updateValues;
    nn::Index m_steps = 0;
    QLabel* m_header = nullptr;
    QLabel* m_formula = nullptr;
    QLabel* m_updateLabel = nullptr;
    HeatmapWidget* m_gradient = nullptr;
    HeatmapWidget* m_update = nullptr;
};

}  // namespace linearlab::ui
