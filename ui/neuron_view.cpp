#include "ui/neuron_view.h"

#include "ui/color_map.h"

#include "core/nn/layer_table.h"
#include "core/nn/network.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace linearlab::ui {

namespace {

constexpr double kRadius = 20;
constexpr double kColumnGap = 150;
constexpr double kRowGap = 50;
constexpr double kLeft = 30;
constexpr double kTop = 40;
constexpr double kEdgePoint = 0.25;  // where edgePoint sits along an edge

/// A layer that starts a column: the linear family (a weight mixing its inputs).
bool startsColumn(const nn::LayerSpec& spec) {
    const nn::LayerType* t = nn::findLayerType(spec.type);
    return t && t->hasParameters && !t->isActivation;
}

double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b) {
    const QPointF d = b - a;
    const double len2 = QPointF::dotProduct(d, d);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / len2, 0.0, 1.0) : 0;
    const QPointF q = a + t * d - p;
    return std::sqrt(QPointF::dotProduct(q, q));
}

/// One unit's values over the probe grid (res x res, row-major from the top left).
QImage gridImage(const nn::Matrix<float>& outputs, nn::Index firstRow, nn::Index res,
                 nn::Index column) {
    if (res <= 0 || outputs.rows() < firstRow + res * res || column >= outputs.cols())
        return {};
    const auto values = outputs.block(firstRow, column, res * res, 1);
    const float absMax = values.cwiseAbs().maxCoeff();
    QImage image(static_cast<int>(res), static_cast<int>(res), QImage::Format_RGB32);
    const ColorMap& map = ColorMap::diverging();
    for (nn::Index r = 0; r < res; ++r)
        for (nn::Index c = 0; c < res; ++c)
            image.setPixel(static_cast<int>(c), static_cast<int>(r),
                           map.colorFor(values(r * res + c, 0), absMax));
    return image;
}

}  // namespace

NeuronView::NeuronView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAccessibleName(tr("Network as neurons"));
}

void NeuronView::setDesign(const train::Design& design) {
    m_design = design;
    rebuild();
}

void NeuronView::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    m_snapshot = std::move(snapshot);
    rebuildEdges();
}

void NeuronView::rebuild() {
    m_columns.clear();
    m_unavailable.clear();
    const auto shapes = nn::inferShapes({1, m_design.inputFeatures}, m_design.layers);
    Column input;
    input.units = m_design.inputFeatures;
    input.label = tr("input");
    m_columns.push_back(input);
    for (size_t i = 0; i < m_design.layers.size(); ++i) {
        const nn::LayerSpec& spec = m_design.layers[i];
        if (shapes[i].output.empty()) {
            m_unavailable = tr("node %1 has no known shape").arg(i);
            break;
        }
        const nn::Index width = shapes[i].output.back();
        const QString type = QString::fromStdString(spec.type);
        if (startsColumn(spec)) {
            Column c;
            c.layer = static_cast<int>(i);
            c.label = QStringLiteral("%1: %2").arg(i).arg(type);
            m_columns.push_back(c);
        } else {
            m_columns.back().label += QStringLiteral(" → ") + type;
        }
        m_columns.back().lastNode = static_cast<int>(i);
        m_columns.back().units = width;
    }
    for (const Column& c : m_columns)
        if (m_unavailable.isEmpty() && c.units > kMaxUnits)
            m_unavailable = c.layer < 0 ? tr("the input has %1 features; the neuron view draws "
                                             "layers up to %2 units wide")
                                              .arg(c.units)
                                              .arg(kMaxUnits)
                                        : tr("node %1 has %2 units; the neuron view draws "
                                             "layers up to %3 units wide")
                                              .arg(c.layer)
                                              .arg(c.units)
                                              .arg(kMaxUnits);
    if (!m_unavailable.isEmpty())
        m_columns.clear();
    rebuildEdges();
    updateGeometry();
}

void NeuronView::rebuildEdges() {
    m_edges.clear();
    m_absMax = 0;
    for (Column& c : m_columns)
        c.images.clear();
    const train::RunContext<float>* ctx =
        m_snapshot && m_snapshot->context ? m_snapshot->context.get() : nullptr;
    if (!ctx || m_columns.empty()) {
        update();
        return;
    }
    // The weights: one edge per (out, in) of each column's layer.
    for (size_t col = 1; col < m_columns.size(); ++col) {
        const Column& c = m_columns[col];
        const std::string name = std::to_string(c.layer) + ".weight";
        const auto it = std::find(ctx->parameterNames.begin(), ctx->parameterNames.end(), name);
        if (it == ctx->parameterNames.end())
            continue;
        const auto p = static_cast<size_t>(it - ctx->parameterNames.begin());
        if (p >= m_snapshot->parameters.size())
            continue;
        const nn::Matrix<float>& w = m_snapshot->parameters[p];
        const nn::Shape& shape = ctx->parameterShapes[p];
        const QString qname = QString::fromStdString(name);
        const nn::Index ins = m_columns[col - 1].units;
        for (nn::Index j = 0; j < w.rows() && j < c.units; ++j) {
            if (shape.size() == 3) {
                // Bilinear: an edge from each x1 unit i carries the slice A[k, i, :].
                for (nn::Index i = 0; i < shape[1] && i < ins; ++i) {
                    const float norm = w.row(j).segment(i * shape[2], shape[2]).norm();
                    m_edges.push_back({static_cast<int>(col), static_cast<int>(j),
                                       static_cast<int>(i), norm,
                                       QStringLiteral("‖%1[%2, %3, :]‖ = %4")
                                           .arg(qname)
                                           .arg(j)
                                           .arg(i)
                                           .arg(static_cast<double>(norm), 0, 'g', 4)});
                }
                continue;
            }
            for (nn::Index i = 0; i < w.cols() && i < ins; ++i)
                m_edges.push_back({static_cast<int>(col), static_cast<int>(j), static_cast<int>(i),
                                   w(j, i),
                                   QStringLiteral("%1[%2, %3] = %4")
                                       .arg(qname)
                                       .arg(j)
                                       .arg(i)
                                       .arg(static_cast<double>(w(j, i)), 0, 'g', 4)});
        }
    }
    for (const Edge& e : m_edges)
        m_absMax = std::max(m_absMax, std::abs(e.value));
    // Each unit over the input plane, from the probe grid after the samples.
    const nn::Index res = ctx->probeGridResolution;
    if (m_design.inputFeatures == 2 && res > 0) {
        for (Column& c : m_columns) {
            const bool isInput = c.lastNode < 0;
            if (!isInput && static_cast<size_t>(c.lastNode) >= m_snapshot->probeOutputs.size())
                continue;
            const nn::Matrix<float>& out =
                isInput ? ctx->probeInputs
                        : m_snapshot->probeOutputs[static_cast<size_t>(c.lastNode)];
            for (nn::Index u = 0; u < c.units; ++u)
                c.images.push_back(gridImage(out, ctx->probeSamples, res, u));
        }
    }
    update();
}

QPointF NeuronView::unitCenter(int column, int unit) const {
    nn::Index tallest = 1;
    for (const Column& c : m_columns)
        tallest = std::max(tallest, c.units);
    const nn::Index units = m_columns[static_cast<size_t>(column)].units;
    const double offset = (static_cast<double>(tallest - units)) * kRowGap / 2;
    return {kLeft + kRadius + column * kColumnGap, kTop + kRadius + offset + unit * kRowGap};
}

QPointF NeuronView::edgePoint(int node, int out, int in) const {
    for (size_t c = 1; c < m_columns.size(); ++c)
        if (m_columns[c].layer == node) {
            const QPointF a = unitCenter(static_cast<int>(c) - 1, in) + QPointF(kRadius, 0);
            const QPointF b = unitCenter(static_cast<int>(c), out) - QPointF(kRadius, 0);
            return a + kEdgePoint * (b - a);
        }
    return {-1, -1};
}

QString NeuronView::edgeTextAt(const QPointF& point) const {
    const Edge* best = nullptr;
    double bestDistance = 4;
    for (const Edge& e : m_edges) {
        const QPointF a = unitCenter(e.column - 1, e.in) + QPointF(kRadius, 0);
        const QPointF b = unitCenter(e.column, e.out) - QPointF(kRadius, 0);
        const double d = distanceToSegment(point, a, b);
        if (d < bestDistance) {
            bestDistance = d;
            best = &e;
        }
    }
    return best ? best->text : QString();
}

QImage NeuronView::unitImage(int column, int unit) const {
    if (column < 0 || column >= static_cast<int>(m_columns.size()))
        return {};
    const auto& images = m_columns[static_cast<size_t>(column)].images;
    return unit >= 0 && unit < static_cast<int>(images.size()) ? images[static_cast<size_t>(unit)]
                                                               : QImage();
}

QSize NeuronView::sizeHint() const {
    if (m_columns.empty())
        return {300, 80};
    nn::Index tallest = 1;
    for (const Column& c : m_columns)
        tallest = std::max(tallest, c.units);
    return {static_cast<int>(2 * kLeft + 2 * kRadius + (m_columns.size() - 1) * kColumnGap + 60),
            static_cast<int>(kTop + tallest * kRowGap + 20)};
}

void NeuronView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().text().color());
    if (m_columns.empty()) {
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   m_unavailable.isEmpty() ? tr("No network")
                                           : tr("No neuron view: %1.").arg(m_unavailable));
        return;
    }
    p.setRenderHint(QPainter::Antialiasing);
    const ColorMap& map = ColorMap::diverging();
    for (const Edge& e : m_edges) {
        const QPointF a = unitCenter(e.column - 1, e.in) + QPointF(kRadius, 0);
        const QPointF b = unitCenter(e.column, e.out) - QPointF(kRadius, 0);
        const double strength = m_absMax > 0 ? std::abs(e.value) / m_absMax : 0;
        QColor colour = QColor::fromRgb(map.colorFor(e.value, m_absMax));
        p.setPen(QPen(colour, 0.5 + 4.5 * strength));
        p.drawLine(a, b);
    }
    for (size_t c = 0; c < m_columns.size(); ++c) {
        const Column& col = m_columns[c];
        const QPointF top = unitCenter(static_cast<int>(c), 0);
        p.setPen(palette().text().color());
        p.drawText(QRectF(top.x() - kColumnGap / 2, 4, kColumnGap, kTop - 12),
                   Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap, col.label);
        for (nn::Index u = 0; u < col.units; ++u) {
            const QPointF centre = unitCenter(static_cast<int>(c), static_cast<int>(u));
            const QRectF box(centre.x() - kRadius, centre.y() - kRadius, 2 * kRadius, 2 * kRadius);
            QPainterPath circle;
            circle.addEllipse(box);
            const size_t ui = static_cast<size_t>(u);
            if (ui < col.images.size() && !col.images[ui].isNull()) {
                p.save();
                p.setClipPath(circle);
                p.drawImage(box, col.images[ui]);
                p.restore();
            } else {
                p.fillPath(circle, palette().window());
            }
            p.setPen(QPen(palette().text().color(), 1));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(box);
        }
    }
}

void NeuronView::mouseMoveEvent(QMouseEvent* event) {
    setHoverText(edgeTextAt(event->position()));
    if (!m_hoverText.isEmpty())
        QToolTip::showText(event->globalPosition().toPoint(), m_hoverText, this);
    else
        QToolTip::hideText();
}

void NeuronView::leaveEvent(QEvent*) {
    setHoverText({});
}

void NeuronView::setHoverText(const QString& text) {
    if (text == m_hoverText)
        return;
    m_hoverText = text;
    emit hoverTextChanged(text);
}

}  // namespace linearlab::ui
