#pragma once
// The geometry lesson: for a design with 2-D inputs, the input plane (a grid
// and training samples) and where the network puts it at a chosen node, in
// two chosen dims of that node's output. Everything drawn is the snapshot's
// probe (RunContext::probeInputs through each node, computed on the training
// thread). For a Linear reading the plane itself, its weight A = U Σ Vᵀ is
// told as turn, scale, turn, then shift by b, with a slider that morphs the
// identity into x Aᵀ + b and, when an activation follows, on into its bend.
#include "core/nn/linear_geometry.h"
#include "ui/lesson_view.h"

#include <optional>

class QComboBox;
class QLabel;
class QSlider;
class QStackedWidget;

namespace linearlab::ui {

class GeometryPlane;

class GeometryLesson : public LessonView {
    Q_OBJECT

public:
    explicit GeometryLesson(QWidget* parent = nullptr);

    QString lessonName() const override { return QStringLiteral("geometry"); }
    QString lessonTitle() const override { return tr("Geometry"); }

    void setDesign(const train::Design& design) override;
    void setSelectedNode(int node) override;
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) override;

    /// The node whose output is drawn, or -1.
    int node() const;
    /// Slider position: 0..1 the Linear, 1..2 the activation after it.
    double morph() const;
    void setMorph(double t);
    /// What the lesson says: why it cannot draw, or the decomposition.
    QString messageText() const;
    QString decompositionText() const;
    /// The decomposition drawn, when the node is a Linear reading the plane.
    const std::optional<nn::LinearGeometry>& geometry() const { return m_geometry; }
    const GeometryPlane* plane() const { return m_plane; }

private:
    void rebuildNodes();
    void refresh();
    void showMessage(const QString& text);

    train::Design m_design;
    std::shared_ptr<const train::Snapshot<float>> m_snapshot;
    int m_selected = -1;
    std::optional<nn::LinearGeometry> m_geometry;

    QStackedWidget* m_pages = nullptr;
    QLabel* m_message = nullptr;
    QComboBox* m_node = nullptr;
    QComboBox* m_dimX = nullptr;
    QComboBox* m_dimY = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_stage = nullptr;
    QLabel* m_decomposition = nullptr;
    GeometryPlane* m_plane = nullptr;
};

}  // namespace linearlab::ui
