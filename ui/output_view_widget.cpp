#include "ui/output_view_widget.h"

#include "ui/color_map.h"
#include "ui/heatmap_widget.h"
#include "ui/keyboard_navigation.h"
#include "ui/stale_banner.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace linearlab::ui {

using nn::Index;

namespace {

constexpr int kMargin = 8;
constexpr int kAxisSpace = 36;  // room for the extent labels left of and below the plot
constexpr double kDotRadius = 2.8;
constexpr double kDotHalf = 4.0;  // half the dot image's side: the radius, the outline, a margin

QPen dotOutline() {
    return QPen(QColor(30, 30, 30, 170), 0.8);
}

QString number(double v) {
    return QString::number(v, 'g', 3);
}

/// Class of one output row: argmax, or for a single logit column, logit > 0 -> class 1
/// (BCEWithLogitsLoss's decision).
int classOf(const nn::Matrix<float>& out, Index row) {
    if (out.cols() == 1)
        return out(row, 0) > 0 ? 1 : 0;
    Index best = 0;
    out.row(row).maxCoeff(&best);
    return static_cast<int>(best);
}

}  // namespace

QRgb OutputViewWidget::classColor(int k) {
    return ColorMap::classColor(k);
}

QRgb OutputViewWidget::regionColor(int k) {
    // The class colour washed 65% towards white, so the points stay readable on top.
    const QRgb c = classColor(k);
    auto wash = [](int v) { return v + (255 - v) * 65 / 100; };
    return qRgb(wash(qRed(c)), wash(qGreen(c)), wash(qBlue(c)));
}

OutputViewWidget::OutputViewWidget(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Output view"));
    // A Tab and F6 stop of its own: the output heatmap, the one control inside,
    // is not there for every kind or in a narrow view.
    setFocusPolicy(Qt::StrongFocus);
    showFocusFrame(this);
    m_outputs = new HeatmapWidget(this);
    m_outputs->setAccessibleName(tr("Outputs"));
    m_outputs->setAxisTitles(tr("sample n"), tr("output j"));
    m_outputs->setVisible(false);
    m_staleBanner = new StaleBanner(this);
    setMinimumSize(200, 160);
}

void OutputViewWidget::setStale(const QString& reason) {
    m_staleBanner->setReason(reason);
    placeStaleBanner();
    placeOutputs();
    update();
}

QString OutputViewWidget::staleReason() const {
    return m_staleBanner->reason();
}

void OutputViewWidget::placeStaleBanner() {
    // Across the top; frame() puts the plot below it.
    m_staleBanner->setFixedWidth(width());
    m_staleBanner->move(0, 0);
    m_staleBanner->adjustSize();
    m_staleBanner->raise();
}

void OutputViewWidget::setMinimumRunId(uint64_t runId) {
    m_minimumRunId = runId;
}

train::OutputKind OutputViewWidget::kind() const {
    return m_snapshot ? m_snapshot->context->outputKind : train::OutputKind::Predictions;
}

void OutputViewWidget::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    if (!snapshot || !snapshot->context || snapshot->runId < m_minimumRunId)
        return;
    m_snapshot = std::move(snapshot);
    remap();
    placeOutputs();
    update();
}

void OutputViewWidget::remap() {
    const train::RunContext<float>& ctx = *m_snapshot->context;
    const nn::Matrix<float>& out = m_snapshot->viewOutputs;
    m_image = QImage();
    switch (ctx.outputKind) {
        case train::OutputKind::DecisionRegions:
        case train::OutputKind::Surface: {
            const int res = static_cast<int>(ctx.gridResolution);
            if (res < 2 || out.rows() != static_cast<Index>(res) * res || out.cols() < 1)
                return;
            m_image = QImage(res, res, QImage::Format_RGB32);
            if (ctx.outputKind == train::OutputKind::DecisionRegions) {
                for (int r = 0; r < res; ++r) {
                    auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(r));
                    for (int c = 0; c < res; ++c)
                        line[c] = regionColor(classOf(out, static_cast<Index>(r) * res + c));
                }
            } else {
                // One symmetric scale for the surface and the targets drawn on it.
                float scale = 0;
                for (Index i = 0; i < out.rows(); ++i)
                    if (std::fabs(out(i, 0)) > scale)
                        scale = std::fabs(out(i, 0));
                for (Index i = 0; i < ctx.dataY.rows(); ++i)
                    if (std::fabs(ctx.dataY(i, 0)) > scale)
                        scale = std::fabs(ctx.dataY(i, 0));
                m_surfaceScale = scale;
                const ColorMap& map = ColorMap::diverging();
                for (int r = 0; r < res; ++r) {
                    auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(r));
                    for (int c = 0; c < res; ++c)
                        line[c] = map.colorFor(out(static_cast<Index>(r) * res + c, 0), scale);
                }
            }
            break;
        }
        case train::OutputKind::Predictions:
            m_outputs->setMatrix(out, QStringLiteral("output"));
            break;
        case train::OutputKind::Curve:
            break;
    }
}

void OutputViewWidget::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    placeStaleBanner();
    placeOutputs();
}

bool OutputViewWidget::showsOutputMatrix() const {
    return m_snapshot && m_snapshot->context->outputKind == train::OutputKind::Predictions &&
           width() >= kSplitWidth;
}

void OutputViewWidget::placeOutputs() {
    // Predictions: the scatter takes the left half, the output heatmap the right.
    m_outputs->setVisible(showsOutputMatrix());
    const int top = m_staleBanner->isHidden() ? 0 : m_staleBanner->height();
    const QRect r = rect().adjusted(kMargin, top + kMargin, -kMargin, -kMargin);
    m_outputs->setGeometry(r.left() + r.width() / 2 + kMargin, r.top() + 20,
                           r.width() - r.width() / 2 - kMargin, r.height() - 20);
}

QPointF OutputViewWidget::Frame::map(double x, double y) const {
    return {rect.left() + (x - x0) / (x1 - x0) * rect.width(),
            rect.bottom() - (y - y0) / (y1 - y0) * rect.height()};
}

OutputViewWidget::Frame OutputViewWidget::frame() const {
    // The plot starts below the stale banner when it shows, so it hides nothing.
    const int top = m_staleBanner->isHidden() ? 0 : m_staleBanner->height();
    QRectF area = QRectF(rect()).adjusted(kMargin + kAxisSpace, top + kMargin + 20, -kMargin,
                                          -kMargin - kAxisSpace / 2);
    if (!m_snapshot)
        return {};
    Frame f = frameIn(area);
    // In a narrow or short view a title would run into the extent numbers beside it
    // ("-1.65target1.51"): then it takes a line of its own, outside the numbers.
    const std::vector<AxisText> texts = axisTexts(f);
    auto meets = [&](int title, int a, int b) {
        const QRectF t = texts[title].rect.adjusted(-4, -2, 4, 2);
        return t.intersects(texts[a].rect) || t.intersects(texts[b].rect);
    };
    const bool xBelow = meets(2, 0, 1), yOutside = meets(5, 3, 4);
    if (xBelow || yOutside) {
        const int line = fontMetrics().height();
        area.adjust(yOutside ? line : 0, 0, 0, xBelow ? -line : 0);
        f = frameIn(area);
        f.xTitleBelow = xBelow;
        f.yTitleOutside = yOutside;
    }
    return f;
}

std::pair<QString, QString> OutputViewWidget::axisTitles() const {
    switch (m_snapshot ? m_snapshot->context->outputKind : train::OutputKind::Predictions) {
        case train::OutputKind::DecisionRegions:
        case train::OutputKind::Surface:
            return {QStringLiteral("x[:, 0]"), QStringLiteral("x[:, 1]")};
        case train::OutputKind::Curve:
            return {QStringLiteral("x"), QStringLiteral("y")};
        case train::OutputKind::Predictions:
            break;
    }
    return {tr("target"), tr("prediction")};
}

std::vector<OutputViewWidget::AxisText> OutputViewWidget::axisTexts(const Frame& f) const {
    const QFontMetricsF fm(font());
    const QRectF& r = f.rect;
    const auto [xTitle, yTitle] = axisTitles();
    const double line = fm.height();
    auto box = [&](const QString& text, double left, double top) {
        return AxisText{text, QRectF(left, top, fm.horizontalAdvance(text), line)};
    };
    const QString x0 = number(f.x0), x1 = number(f.x1), y0 = number(f.y0), y1 = number(f.y1);
    const double below = r.bottom() + 2;
    const double yNumbers = std::max(fm.horizontalAdvance(y0), fm.horizontalAdvance(y1));
    const double titleWidth = fm.horizontalAdvance(yTitle);
    // The y title reads upwards, its glyphs' tops to the left of x.
    const double yTitleX = r.left() - 6 - (f.yTitleOutside ? yNumbers + 2 : 0) - fm.ascent();
    return {
        box(x0, r.left(), below),
        box(x1, r.right() - fm.horizontalAdvance(x1), below),
        box(xTitle, r.center().x() - fm.horizontalAdvance(xTitle) / 2,
            below + (f.xTitleBelow ? line : 0)),
        box(y1, r.left() - 4 - fm.horizontalAdvance(y1), r.top()),
        box(y0, r.left() - 4 - fm.horizontalAdvance(y0), r.bottom() - fm.ascent()),
        AxisText{yTitle, QRectF(yTitleX, r.center().y() - titleWidth / 2, line, titleWidth)},
    };
}

std::vector<QRectF> OutputViewWidget::axisTextRects() const {
    std::vector<QRectF> rects;
    if (m_snapshot)
        for (const AxisText& t : axisTexts(frame()))
            rects.push_back(t.rect);
    return rects;
}

OutputViewWidget::Frame OutputViewWidget::frameIn(QRectF area) const {
    Frame f;
    const train::RunContext<float>& ctx = *m_snapshot->context;
    const nn::Matrix<float>& out = m_snapshot->viewOutputs;
    switch (ctx.outputKind) {
        case train::OutputKind::DecisionRegions:
        case train::OutputKind::Surface: {
            // The image's pixel centres are the grid points, so it reaches half a cell
            // beyond the grid's extent on every side.
            const double res = std::max<double>(static_cast<double>(ctx.gridResolution), 2);
            const double hx = (ctx.xMax - ctx.xMin) / (2 * (res - 1));
            const double hy = (ctx.yMax - ctx.yMin) / (2 * (res - 1));
            f.x0 = ctx.xMin - hx;
            f.x1 = ctx.xMax + hx;
            f.y0 = ctx.yMin - hy;
            f.y1 = ctx.yMax + hy;
            const double side = std::min(area.width(), area.height());
            area.setSize(QSizeF(side, side));
            break;
        }
        case train::OutputKind::Curve: {
            f.x0 = ctx.xMin;
            f.x1 = ctx.xMax;
            double lo = std::numeric_limits<double>::infinity(), hi = -lo;
            auto widen = [&](const nn::Matrix<float>& m) {
                for (Index i = 0; i < m.rows() && m.cols() > 0; ++i)
                    if (std::isfinite(m(i, 0))) {
                        lo = std::min(lo, static_cast<double>(m(i, 0)));
                        hi = std::max(hi, static_cast<double>(m(i, 0)));
                    }
            };
            widen(ctx.dataY);
            widen(out);
            if (!(lo <= hi))
                lo = 0, hi = 1;
            const double pad = std::max((hi - lo) * 0.08, 1e-6);
            f.y0 = lo - pad;
            f.y1 = hi + pad;
            break;
        }
        case train::OutputKind::Predictions: {
            double lo = std::numeric_limits<double>::infinity(), hi = -lo;
            for (Index i = 0; i < out.rows() && out.cols() > 0 && ctx.viewTargets.cols() > 0 &&
                              i < ctx.viewTargets.rows();
                 ++i)
                for (double v :
                     {static_cast<double>(out(i, 0)), static_cast<double>(ctx.viewTargets(i, 0))})
                    if (std::isfinite(v)) {
                        lo = std::min(lo, v);
                        hi = std::max(hi, v);
                    }
            if (!(lo <= hi))
                lo = 0, hi = 1;
            const double pad = std::max((hi - lo) * 0.05, 1e-6);
            f.x0 = f.y0 = lo - pad;
            f.x1 = f.y1 = hi + pad;
            if (showsOutputMatrix())
                area.setRight(area.left() + (area.width() - kAxisSpace) / 2);
            const double side = std::min(area.width(), area.height());
            area.setSize(QSizeF(side, side));
            break;
        }
    }
    f.rect = area;
    return f;
}

void OutputViewWidget::drawAxes(QPainter& p, const Frame& f) const {
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(f.rect);
    p.setPen(palette().color(QPalette::WindowText));
    const QFontMetricsF fm(font());
    const std::vector<AxisText> texts = axisTexts(f);
    for (size_t i = 0; i + 1 < texts.size(); ++i)
        p.drawText(texts[i].rect.topLeft() + QPointF(0, fm.ascent()), texts[i].text);
    const AxisText& y = texts.back();
    p.save();
    p.translate(y.rect.left() + fm.ascent(), y.rect.bottom());
    p.rotate(-90);
    p.drawText(QPointF(0, 0), y.text);
    p.restore();
}

void OutputViewWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!m_snapshot) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No predictions yet"));
        return;
    }
    const train::Snapshot<float>& s = *m_snapshot;
    const train::RunContext<float>& ctx = *s.context;
    const Frame f = frame();
    if (f.rect.width() < 4 || f.rect.height() < 4)
        return;
    p.setRenderHint(QPainter::Antialiasing, true);

    // Data points: a filled dot with a thin dark outline, readable on any region colour.
    auto dot = [&](const QPointF& at, QRgb fill) {
        p.drawImage(at - QPointF(kDotHalf, kDotHalf), dotImage(fill));
    };

    switch (ctx.outputKind) {
        case train::OutputKind::DecisionRegions:
        case train::OutputKind::Surface: {
            const bool regions = ctx.outputKind == train::OutputKind::DecisionRegions;
            if (!m_image.isNull()) {
                p.setRenderHint(QPainter::SmoothPixmapTransform, false);
                p.drawImage(f.rect, m_image);
            }
            const ColorMap& map = ColorMap::diverging();
            for (Index i = 0; i < ctx.dataX.rows() && ctx.dataX.cols() >= 2 && i < ctx.dataY.rows();
                 ++i) {
                const QRgb fill = regions ? classColor(static_cast<int>(ctx.dataY(i, 0)))
                                          : map.colorFor(ctx.dataY(i, 0), m_surfaceScale);
                dot(f.map(ctx.dataX(i, 0), ctx.dataX(i, 1)), fill);
            }
            drawAxes(p, f);
            break;
        }
        case train::OutputKind::Curve: {
            for (Index i = 0; i < ctx.dataX.rows() && i < ctx.dataY.rows(); ++i)
                dot(f.map(ctx.dataX(i, 0), ctx.dataY(i, 0)), classColor(1));
            QPolygonF curve;
            for (Index i = 0; i < ctx.viewInputs.rows() && i < s.viewOutputs.rows(); ++i)
                if (std::isfinite(s.viewOutputs(i, 0)))
                    curve << f.map(ctx.viewInputs(i, 0), s.viewOutputs(i, 0));
            p.setPen(QPen(QColor(classColor(5)), 2.0));
            p.setBrush(Qt::NoBrush);
            p.save();
            p.setClipRect(f.rect);
            p.drawPolyline(curve);
            p.restore();
            drawAxes(p, f);
            break;
        }
        case train::OutputKind::Predictions: {
            p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
            p.drawLine(f.map(f.x0, f.y0), f.map(f.x1, f.y1));  // perfect predictions
            for (Index i = 0; i < s.viewOutputs.rows() && i < ctx.viewTargets.rows() &&
                              s.viewOutputs.cols() > 0 && ctx.viewTargets.cols() > 0;
                 ++i)
                dot(f.map(ctx.viewTargets(i, 0), s.viewOutputs(i, 0)), classColor(4));
            drawAxes(p, f);
            break;
        }
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRectF(kMargin, 2, width() - 2 * kMargin, 18), Qt::AlignLeft | Qt::AlignVCenter,
               shownTitle());
}

QString OutputViewWidget::description() const {
    const train::Snapshot<float>& s = *m_snapshot;
    switch (s.context->outputKind) {
        case train::OutputKind::DecisionRegions:
            return tr("Decision regions");
        case train::OutputKind::Surface:
            return tr("Prediction surface (scale \u00b1%1)").arg(number(m_surfaceScale));
        case train::OutputKind::Curve:
            return tr("Fitted curve");
        case train::OutputKind::Predictions:
            break;
    }
    if (!showsOutputMatrix())
        return tr("Predicted vs target (output[:, 0])");
    return tr("Predicted vs target (output[:, 0]), and the outputs %1")
        .arg(QStringLiteral("(%1, %2)").arg(s.viewOutputs.rows()).arg(s.viewOutputs.cols()));
}

QString OutputViewWidget::shownTitle() const {
    if (!m_snapshot || !m_snapshot->context)
        return {};
    // The step is what changes while training, so it is the part always shown.
    const QString step = QStringLiteral(" \u2014 ") + tr("step %1").arg(m_snapshot->step);
    const QFontMetrics fm = fontMetrics();
    const int room = width() - 2 * kMargin - fm.horizontalAdvance(step);
    return fm.elidedText(description(), Qt::ElideRight, std::max(room, 0)) + step;
}

const QImage& OutputViewWidget::dotImage(QRgb fill) const {
    // Stroking an antialiased ellipse per point per frame cost the GUI thread more
    // than everything else it paints (900 spiral points at 30 Hz), so each colour's
    // dot is drawn once and then only copied.
    auto it = m_dots.constFind(fill);
    const qreal dpr = devicePixelRatioF();
    if (it != m_dots.constEnd() && it->devicePixelRatio() == dpr)
        return *it;
    const int side = static_cast<int>(std::ceil(2 * kDotHalf * dpr));
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(dotOutline());
    p.setBrush(QColor(fill));
    p.drawEllipse(QPointF(kDotHalf, kDotHalf), kDotRadius, kDotRadius);
    p.end();
    if (m_dots.size() > 512)  // a surface's colours are bounded by the LUT; stay bounded anyway
        m_dots.clear();
    return *m_dots.insert(fill, image);
}

bool OutputViewWidget::savePng(const QString& path) {
    return grab().save(path, "PNG");
}

}  // namespace linearlab::ui
