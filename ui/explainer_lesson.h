#pragma once
// The product explainer: for one Linear-family node, its batch x (N, in), Aᵀ
// (in, out) (or PyTorch's stored A (out, in)), b (out,) and y (N, out) as
// aligned heatmaps, the shapes in PyTorch's words, and for the hovered or
// clicked y[n, j] the sum written out with the engine's own numbers. A
// Bilinear shows x1, the slice A[k] of the hovered output k, x2 and
// y_k = x1ᵀ A_k x2 + b_k. Everything comes from the snapshot's probe: x and y
// are what the training thread computed, nothing is evaluated here.
#include "ui/explainer_sum.h"
#include "ui/lesson_view.h"

#include <QPoint>

#include <array>

class QCheckBox;
class QGridLayout;
class QLabel;
class QScrollArea;

namespace linearlab::ui {

class HeatmapWidget;

class ExplainerLesson : public LessonView {
    Q_OBJECT

public:
    explicit ExplainerLesson(QWidget* parent = nullptr);

    QString lessonName() const override { return QStringLiteral("explainer"); }
    QString lessonTitle() const override { return QStringLiteral("y = xA\u1d40 + b"); }

    void setDesign(const train::Design& design) override;
    void setSelectedNode(int node) override;
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) override;

    /// Shows PyTorch's stored A (out, in) instead of Aᵀ (in, out).
    void setStoredLayout(bool stored);
    /// Writes the sum as the seed tutorial does: output = input * W + b, W = Aᵀ.
    void setTutorialNotation(bool tutorial);
    /// Explains y[n, j] (the hovered or clicked cell); kept across snapshots.
    void setCell(int n, int j);
    QPoint cell() const { return {m_cellJ, m_cellN}; }

    /// The node explained, or -1 (then message() says why).
    int explainedNode() const { return m_node; }
    QString message() const;
    QString formulaText() const;
    QString shapeText() const;
    QString batchText() const;
    QString sumText() const;
    /// The caption above the weight's map ("Aᵀ = 0.weight.T (20, 40), b = 0.bias (40,) below").
    QString weightCaption() const;
    HeatmapWidget* inputMap() const { return m_x; }
    HeatmapWidget* weightMap() const { return m_weight; }
    HeatmapWidget* outputMap() const { return m_y; }
    /// Bilinear's second input; hidden for a Linear.
    HeatmapWidget* secondInputMap() const { return m_x2; }
    HeatmapWidget* biasMap() const { return m_biasVector; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Operands;
    void refresh();
    int chooseNode() const;
    /// Fills `o` from the snapshot; or says why there is nothing to show yet.
    QString gather(Operands& o) const;
    void showOperands(const Operands& o);
    void showCell();
    void fitCells();
    void showMessage(const QString& text);
    void showSum(const QString& text);

    train::Design m_design;
    bool m_hasDesign = false;
    int m_selected = -1;
    std::shared_ptr<const train::Snapshot<float>> m_snapshot;

    int m_node = -1;
    bool m_bilinear = false;
    bool m_stored = false;
    bool m_tutorial = false;
    int m_cellN = 0, m_cellJ = 0;
    // What is shown: copies of the probe's rows and the node's parameters.
    nn::Matrix<float> m_xValues, m_x2Values, m_yValues, m_weightValues, m_biasValues;
    QString m_weightName, m_biasName;
    QString m_shapeText, m_batchText, m_formulaText, m_sumText;
    /// What the grid was last laid out for: node, kind, layout, bias and shapes.
    std::array<nn::Index, 8> m_placement{};

    QLabel* m_title = nullptr;
    QLabel* m_messageLabel = nullptr;
    QLabel* m_formula = nullptr;
    QLabel* m_shapes = nullptr;
    QLabel* m_batch = nullptr;
    QCheckBox* m_storedBox = nullptr;
    QCheckBox* m_tutorialBox = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_maps = nullptr;
    QGridLayout* m_grid = nullptr;
    QLabel* m_xCaption = nullptr;
    QLabel* m_x2Caption = nullptr;
    QLabel* m_weightCaption = nullptr;
    QLabel* m_yCaption = nullptr;
    QLabel* m_biasCaption = nullptr;
    HeatmapWidget* m_x = nullptr;
    HeatmapWidget* m_x2 = nullptr;
    HeatmapWidget* m_weight = nullptr;
    HeatmapWidget* m_biasVector = nullptr;  ///< Bilinear's b, beside y
    HeatmapWidget* m_y = nullptr;
    QLabel* m_sum = nullptr;
};

}  // namespace linearlab::ui
