#pragma once
// The collapse lesson: stacked linear layers are one Linear. For the run of
// Linear / Identity / Dropout nodes holding the selected node (else the
// first), the product W = W_k ... W_1 and b = W_k(... W_2 b_1 + b_2 ...) + b_k
// with their shapes, from the snapshot's weights, its rank, and the two as
// heatmaps. A design with no run says why (nothingToCollapseText).
#include "core/nn/collapse.h"
#include "ui/lesson_view.h"

#include <optional>

class QComboBox;
class QLabel;

namespace linearlab::ui {

class HeatmapWidget;

class CollapseLesson : public LessonView {
    Q_OBJECT

public:
    explicit CollapseLesson(QWidget* parent = nullptr);

    QString lessonName() const override { return QStringLiteral("collapse"); }
    QString lessonTitle() const override { return tr("Collapse"); }

    void setDesign(const train::Design& design) override;
    void setSelectedNode(int node) override;
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) override;

    /// The runs of the design, and the one shown (-1: none).
    const std::vector<nn::LinearRun>& runs() const { return m_runs; }
    int currentRun() const;
    /// What the lesson says: the formula with shapes, or why nothing collapses.
    QString formulaText() const;
    /// The product shown, once a snapshot gave the weights.
    const std::optional<nn::AffineMap<float>>& product() const { return m_product; }

    /// The heatmaps of the run's weights, in product order (last node first).
    const std::vector<HeatmapWidget*>& factorViews() const { return m_factors; }

private:
    void refresh();
    void rebuildFactors(const std::vector<QString>& captions);

    train::Design m_design;
    std::vector<nn::LinearRun> m_runs;
    std::shared_ptr<const train::Snapshot<float>> m_snapshot;
    std::optional<nn::AffineMap<float>> m_product;

    QComboBox* m_run = nullptr;
    QLabel* m_formula = nullptr;
    QWidget* m_row = nullptr;  ///< W_k · ... · W_1 = W, side by side
    std::vector<HeatmapWidget*> m_factors;
    std::vector<QString> m_captions;
    HeatmapWidget* m_weight = nullptr;
};

}  // namespace linearlab::ui
