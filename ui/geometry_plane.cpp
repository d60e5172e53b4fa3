#include "ui/geometry_plane.h"

#include "ui/color_map.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace linearlab::ui {

namespace {

/// Lines of constant x₁ (the grid's rows) in blue, of constant x₀ (its columns) in
/// vermillion: two of the class colours, apart under every colour-vision deficiency.
QColor gridLine(int family) {
    QColor c(ColorMap::classColor(family == 0 ? 4 : 5));
    c.setAlpha(170);
    return c;
}

QRectF boundsOf(const std::vector<QPointF>& a, const std::vector<QPointF>& b) {
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (const auto* v : {&a, &b})
        for (const QPointF& q : *v) {
            if (!std::isfinite(q.x()) || !std::isfinite(q.y()))
                continue;
            x0 = std::min(x0, q.x());
            x1 = std::max(x1, q.x());
            y0 = std::min(y0, q.y());
            y1 = std::max(y1, q.y());
        }
    if (!std::isfinite(x0))
        return {-1, -1, 2, 2};
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

}  // namespace

GeometryPlane::GeometryPlane(QWidget* parent) : QWidget(parent) {
    setMinimumSize(320, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void GeometryPlane::setGridResolution(int resolution) {
    m_resolution = resolution;
    update();
}

void GeometryPlane::setPanels(Panel input, Panel output) {
    m_input = std::move(input);
    m_output = std::move(output);
    update();
}

void GeometryPlane::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const double half = width() / 2.0;
    paintPanel(p, QRectF(0, 0, half, height()), m_input);
    paintPanel(p, QRectF(half, 0, width() - half, height()), m_output);
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(QPointF(half, 8), QPointF(half, height() - 8));
}

void GeometryPlane::paintPanel(QPainter& p, const QRectF& area, const Panel& panel) const {
    const QFontMetrics fm(font());
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(area.adjusted(8, 4, -8, 0), Qt::AlignTop | Qt::AlignHCenter, panel.title);
    const QRectF plot = area.adjusted(14, fm.height() + 10, -14, -14);
    if (plot.width() < 10 || plot.height() < 10)
        return;
    QRectF extent = panel.extent.width() > 0 || panel.extent.height() > 0
                        ? panel.extent
                        : boundsOf(panel.grid, panel.points);
    // One scale for both axes, so a rotation looks like one and a line stays
    // a line of the same slope; a flat extent (a 1-D output) gets some height.
    const double span = std::max({extent.width(), extent.height(), 1e-6});
    extent = QRectF(extent.center() - QPointF(span, span) * 0.55, QSizeF(span, span) * 1.1);
    const double scale = std::min(plot.width(), plot.height()) / span / 1.1;
    const QPointF centre = plot.center();
    const QPointF mid = extent.center();
    auto map = [&](const QPointF& q) {
        return QPointF(centre.x() + (q.x() - mid.x()) * scale,
                       centre.y() - (q.y() - mid.y()) * scale);
    };
    p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
    p.setBrush(Qt::NoBrush);
    // The axes through the origin, where they are in view.
    if (extent.left() < 0 && extent.right() > 0)
        p.drawLine(map({0, extent.top()}), map({0, extent.bottom()}));
    if (extent.top() < 0 && extent.bottom() > 0)
        p.drawLine(map({extent.left(), 0}), map({extent.right(), 0}));

    const int n = m_resolution;
    if (n > 1 && static_cast<int>(panel.grid.size()) == n * n) {
        for (int family = 0; family < 2; ++family) {
            p.setPen(QPen(gridLine(family), 1.1));
            for (int a = 0; a < n; ++a) {
                QPainterPath path;
                for (int b = 0; b < n; ++b) {
                    const int index = family == 0 ? a * n + b : b * n + a;
                    const QPointF q = map(panel.grid[static_cast<size_t>(index)]);
                    if (b == 0)
                        path.moveTo(q);
                    else
                        path.lineTo(q);
                }
                p.drawPath(path);
            }
        }
    }
    p.setPen(QPen(palette().color(QPalette::Text), 0.8));
    for (size_t i = 0; i < panel.points.size(); ++i) {
        p.setBrush(i < panel.colors.size() ? panel.colors[i] : QColor(Qt::gray));
        p.drawEllipse(map(panel.points[i]), 4.0, 4.0);
    }
}

}  // namespace linearlab::ui
