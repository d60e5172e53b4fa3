#pragma once
// Two views of the plane side by side: the input plane, and where a node puts
// it. Each holds a grid (res x res points, row-major, the rows drawn as one
// family of lines and the columns as another, so a bend or a fold can be
// followed) and data points in their class or target colours. Painting only:
// the points come from the lesson, which takes them from the snapshot.
#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <vector>

namespace linearlab::ui {

class GeometryPlane : public QWidget {
    Q_OBJECT

public:
    struct Panel {
        QString title;
        std::vector<QPointF> grid;  ///< gridResolution² points, row-major
        std::vector<QPointF> points;
        std::vector<QColor> colors;  ///< one per point
        /// The extent to fit (so a morph does not rescale every frame); empty:
        /// the points' own.
        QRectF extent;
    };

    explicit GeometryPlane(QWidget* parent = nullptr);

    void setGridResolution(int resolution);
    void setPanels(Panel input, Panel output);
    const Panel& inputPanel() const { return m_input; }
    const Panel& outputPanel() const { return m_output; }

    QSize sizeHint() const override { return {560, 300}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintPanel(class QPainter& p, const QRectF& area, const Panel& panel) const;

    int m_resolution = 0;
    Panel m_input;
    Panel m_output;
};

}  // namespace linearlab::ui
