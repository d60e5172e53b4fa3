#pragma once
// The network as units and edges (TensorFlow Playground's picture, with
// PyTorch's names): a column of circles for the input and for each layer's
// output (the activations that follow a layer act inside its units), an edge
// per weight coloured by the diverging colour map and thickened by |weight|.
// Hovering an edge says "2.weight[3, 1] = 0.4103". For 2-D inputs each unit
// shows its output over the input plane, from the snapshot's probe grid.
// Only for networks whose every column is at most kMaxUnits wide.
#include "core/train/design.h"
#include "core/train/snapshot.h"

#include <QImage>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

namespace linearlab::ui {

class NeuronView : public QWidget {
    Q_OBJECT

public:
    static constexpr nn::Index kMaxUnits = 16;

    explicit NeuronView(QWidget* parent = nullptr);

    void setDesign(const train::Design& design);
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot);

    /// Empty when the design can be drawn as neurons, else why not
    /// ("node 0 has 40 units; the neuron view draws up to 16").
    QString unavailableReason() const { return m_unavailable; }

    /// A point on the edge from unit `in` of node `node`'s input to its unit
    /// `out` (a quarter of the way along), for tests and hover.
    QPointF edgePoint(int node, int out, int in) const;
    /// The hover text for a point ("0.weight[3, 1] = 0.4103"), or empty.
    QString edgeTextAt(const QPointF& point) const;
    QString hoverText() const { return m_hoverText; }
    /// The probe-grid image of unit `unit` of column `column` (0: the input), or null.
    QImage unitImage(int column, int unit) const;

    QSize sizeHint() const override;

signals:
    void hoverTextChanged(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    /// A column of units: the input (node -1) or a layer with its activations.
    struct Column {
        int layer = -1;     ///< the node with the weight (-1: the input)
        int lastNode = -1;  ///< the node whose output the units show
        nn::Index units = 0;
        QString label;  ///< "Linear(2, 8) → Tanh"
        std::vector<QImage> images;
    };
    struct Edge {
        int column = 0;  ///< the column the edge enters
        int out = 0, in = 0;
        float value = 0;
        QString text;
    };
    void rebuild();
    void rebuildEdges();
    QPointF unitCenter(int column, int unit) const;
    void setHoverText(const QString& text);

    train::Design m_design;
    std::shared_ptr<const train::Snapshot<float>> m_snapshot;
    std::vector<Column> m_columns;
    std::vector<Edge> m_edges;
    float m_absMax = 0;
    QString m_unavailable;
    QString m_hoverText;
};

}  // namespace linearlab::ui
