#include "ui/heatmap_widget.h"

#include "ui/color_map.h"
#include "ui/heatmap_cursor.h"

#include "core/nn/python_format.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace linearlab::ui {

using nn::Index;

namespace {

constexpr int kMargin = 4;
constexpr int kGap = 4;  // between the matrix and the bias strip
constexpr int kBarWidth = 10;
constexpr int kHighlightPen = 2;

QString formatScale(double v) {
    return QString::number(v, 'g', 3);
}

float maxAbs(const nn::Matrix<float>& m) {
    if (m.size() == 0)
        return 0;
    // PropagateNumbers skips NaN, so a NaN weight never becomes the scale.
    const float best = m.array().abs().maxCoeff<Eigen::PropagateNumbers>();
    return best > 0 ? best : 0;
}

/// One pixel per element of `m` (or of its transpose), through the LUT, written
/// a scanline at a time into `image`, whose buffer is reused when the size holds.
void mapToImage(const nn::Matrix<float>& m, bool transpose, float absMax, QImage& image) {
    const int rows = static_cast<int>(transpose ? m.cols() : m.rows());
    const int cols = static_cast<int>(transpose ? m.rows() : m.cols());
    if (rows == 0 || cols == 0) {
        image = QImage();
        return;
    }
    if (image.size() != QSize(cols, rows) || image.format() != QImage::Format_RGB32)
        image = QImage(cols, rows, QImage::Format_RGB32);
    const ColorMap& map = ColorMap::diverging();
    // Row-major storage: a displayed row is a stored row, or a stored column when
    // transposed (stride m.cols()).
    const qsizetype stride = transpose ? m.cols() : 1;
    for (int r = 0; r < rows; ++r) {
        const float* first = transpose ? m.data() + r : m.data() + qsizetype(r) * m.cols();
        map.mapValues(first, cols, stride, absMax, reinterpret_cast<QRgb*>(image.scanLine(r)));
    }
}

}  // namespace

HeatmapWidget::HeatmapWidget(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_cursor = new HeatmapCursor(this);
}

void HeatmapWidget::setMatrix(const nn::Matrix<float>& values, const QString& name,
                              int leadingIndex) {
    const bool reshaped = values.rows() != m_values.rows() || values.cols() != m_values.cols();
    m_values = values;
    m_name = name;
    m_leading = leadingIndex;
    m_vector = false;
    m_placeholder.clear();
    remap();
    if (reshaped)
        updateGeometry();
    m_cursor->refresh();
}

void HeatmapWidget::setVector(const nn::Matrix<float>& values, const QString& name) {
    setMatrix(values.transpose(), name);
    m_vector = true;
    m_cursor->refresh();
}

void HeatmapWidget::setBias(const nn::Matrix<float>& bias, const QString& name) {
    const bool reshaped = bias.size() != m_bias.size();
    m_bias = bias;
    m_biasName = name;
    remap();
    if (reshaped)
        updateGeometry();
}

void HeatmapWidget::clearBias() {
    m_bias.resize(0, 0);
    m_biasName.clear();
    remap();
    updateGeometry();
}

void HeatmapWidget::setParameter(int weightIndex, int biasIndex) {
    m_weightIndex = weightIndex;
    m_biasIndex = biasIndex;
}

void HeatmapWidget::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    if (!snapshot || !snapshot->context || m_weightIndex < 0)
        return;
    const auto& params = snapshot->parameters;
    const auto& names = snapshot->context->parameterNames;
    if (m_weightIndex >= static_cast<int>(params.size()) ||
        m_weightIndex >= static_cast<int>(names.size()))
        return;
    if (m_biasIndex >= 0 && m_biasIndex < static_cast<int>(params.size()) &&
        m_biasIndex < static_cast<int>(names.size())) {
        m_bias = params[m_biasIndex];
        m_biasName = QString::fromStdString(names[m_biasIndex]);
    }
    setMatrix(params[m_weightIndex], QString::fromStdString(names[m_weightIndex]));
}

void HeatmapWidget::setAbsMax(float absMax) {
    m_fixedScale = absMax;
    remap();
}

void HeatmapWidget::setTransposed(bool transposed) {
    if (transposed == m_transposed)
        return;
    m_transposed = transposed;
    remap();
    updateGeometry();
    m_cursor->refresh();
}

void HeatmapWidget::setPlaceholder(const QString& text) {
    m_placeholder = text;
    m_values.resize(0, 0);
    m_bias.resize(0, 0);
    m_image = QImage();
    m_biasImage = QImage();
    m_dirty = false;
    setHoverText({});
    updateGeometry();
    update();
    m_cursor->refresh();
}

void HeatmapWidget::setColorBarVisible(bool visible) {
    m_showBar = visible;
    updateGeometry();
    update();
}

void HeatmapWidget::setPreferredCellSize(int pixels) {
    m_preferredCell = std::max(1, pixels);
    updateGeometry();
}

int HeatmapWidget::displayRows() const {
    return static_cast<int>(m_transposed ? m_values.cols() : m_values.rows());
}

int HeatmapWidget::displayCols() const {
    return static_cast<int>(m_transposed ? m_values.rows() : m_values.cols());
}

void HeatmapWidget::remap() {
    // Mapped when next painted or read: a weight and its bias set one after the
    // other map once, and a heatmap nobody sees (a hidden dock) maps not at all.
    m_dirty = true;
    update();
}

void HeatmapWidget::ensureMapped() const {
    if (!m_dirty)
        return;
    m_dirty = false;
    m_scale = m_fixedScale > 0 ? m_fixedScale : std::max(maxAbs(m_values), maxAbs(m_bias));
    mapToImage(m_values, m_transposed, m_scale, m_image);
    // The strip follows the output dimension: a column beside (out, in), a row below (in, out).
    mapToImage(m_bias, !m_transposed, m_scale, m_biasImage);
}

QString HeatmapWidget::formatted(float value) {
    return QString::fromStdString(nn::TensorPrintFormat::element(value));
}

float HeatmapWidget::absMax() const {
    ensureMapped();
    return m_scale;
}

QImage HeatmapWidget::image() const {
    ensureMapped();
    return m_image;
}

QImage HeatmapWidget::biasImage() const {
    ensureMapped();
    return m_biasImage;
}

float HeatmapWidget::valueAt(int row, int col) const {
    return m_transposed ? m_values(col, row) : m_values(row, col);
}

QString HeatmapWidget::textAt(int row, int col) const {
    if (row < 0 || col < 0 || row >= displayRows() || col >= displayCols())
        return {};
    if (m_vector)
        return QStringLiteral("%1[%2] = %3").arg(m_name).arg(row).arg(formatted(valueAt(row, 0)));
    const QString lead = m_leading >= 0 ? QString::number(m_leading) + ", " : QString();
    return QStringLiteral("%1%2[%3%4, %5] = %6")
        .arg(m_name, m_transposed ? QStringLiteral(".T") : QString(), lead)
        .arg(row)
        .arg(col)
        .arg(formatted(valueAt(row, col)));
}

QString HeatmapWidget::biasTextAt(int index) const {
    if (index < 0 || index >= m_bias.size())
        return {};
    return QStringLiteral("%1[%2] = %3").arg(m_biasName).arg(index).arg(formatted(m_bias(index)));
}

void HeatmapWidget::setCellSize(int pixels) {
    setMinimumCellSize(pixels);
    m_exactCell = pixels > 0;
}

void HeatmapWidget::setMinimumCellSize(int pixels) {
    m_exactCell = false;
    m_minimumCell = std::max(0, pixels);
    updateGeometry();
    update();
}

void HeatmapWidget::setAxisTitles(const QString& rows, const QString& cols) {
    m_rowTitle = rows;
    m_colTitle = cols;
    updateGeometry();
    update();
}

QString HeatmapWidget::rowTitle() const {
    return m_transposed ? m_colTitle : m_rowTitle;
}

QString HeatmapWidget::columnTitle() const {
    return m_transposed ? m_rowTitle : m_colTitle;
}

void HeatmapWidget::setHighlight(const QRect& cells) {
    if (cells == m_highlight)
        return;
    m_highlight = cells;
    update();
}

void HeatmapWidget::setBiasHighlight(int index) {
    if (index == m_biasHighlight)
        return;
    m_biasHighlight = index;
    update();
}

int HeatmapWidget::titleBand() const {
    return hasTitles() ? fontMetrics().height() + 2 : 0;
}

HeatmapWidget::Layout HeatmapWidget::computeLayout() const {
    Layout l;
    const int rows = displayRows(), cols = displayCols();
    if (rows == 0 || cols == 0)
        return l;
    const int band = titleBand();
    QRect area = rect().adjusted(kMargin + band, kMargin + band, -kMargin, -kMargin);
    if (m_showBar) {
        const int labelWidth = fontMetrics().horizontalAdvance(QStringLiteral("-0.000e-00"));
        const int barSpace = kGap * 2 + kBarWidth + labelWidth;
        l.bar = QRect(area.right() - barSpace + kGap * 2, area.top(), kBarWidth, area.height());
        area.setRight(area.right() - barSpace);
    }
    const bool bias = m_bias.size() > 0;
    // The strip is one cell thick; reserve it plus the gap along its side.
    const double extraW = biasLane().width(), extraH = biasLane().height();
    const double gapW = extraW > 0 ? kGap : 0, gapH = extraH > 0 ? kGap : 0;
    double cell =
        std::min((area.width() - gapW) / (cols + extraW), (area.height() - gapH) / (rows + extraH));
    cell = std::max(cell, 0.01);
    // A thin matrix keeps hoverable cells (the widget's minimum size makes room);
    // an exact size keeps several heatmaps' cells the same, whatever their titles.
    if (m_minimumCell > 0 && std::max(rows, cols) * m_minimumCell <= kMaxMinimumExtent)
        cell = m_exactCell ? m_minimumCell : std::max(cell, static_cast<double>(m_minimumCell));
    if (cell >= 2)
        cell = std::floor(cell);  // whole pixels per element keep the grid crisp
    l.cell = cell;
    l.matrix = QRectF(area.left(), area.top(), cell * cols, cell * rows);
    if (bias) {
        if (m_transposed)
            l.bias = QRectF(l.matrix.left(), l.matrix.bottom() + kGap, cell * cols, cell);
        else
            l.bias = QRectF(l.matrix.right() + kGap, l.matrix.top(), cell, cell * rows);
    }
    if (m_showBar) {
        // The bar sits right after the heatmap, not at the far edge of a wide widget.
        const int right = static_cast<int>(std::ceil(std::max(l.matrix.right(), l.bias.right())));
        l.bar.moveLeft(std::min(l.bar.left(), right + kGap * 2));
    }
    if (m_showBar)
        l.bar.setHeight(std::max(
            static_cast<int>(std::max(l.matrix.bottom(), l.bias.bottom())) - l.bar.top(), 40));
    return l;
}

QRect HeatmapWidget::cellRect(int row, int col) const {
    const Layout l = computeLayout();
    if (row < 0 || col < 0 || row >= displayRows() || col >= displayCols())
        return {};
    return QRectF(l.matrix.left() + col * l.cell, l.matrix.top() + row * l.cell, l.cell, l.cell)
        .toAlignedRect();
}

QRect HeatmapWidget::biasCellRect(int index) const {
    const Layout l = computeLayout();
    if (index < 0 || index >= m_bias.size() || l.bias.isEmpty())
        return {};
    const QPointF at = m_transposed ? QPointF(l.bias.left() + index * l.cell, l.bias.top())
                                    : QPointF(l.bias.left(), l.bias.top() + index * l.cell);
    return QRectF(at, QSizeF(l.cell, l.cell)).toAlignedRect();
}

QSize HeatmapWidget::biasLane() const {
    if (!hasBias())
        return {0, 0};
    return m_transposed ? QSize(0, 1) : QSize(1, 0);
}

int HeatmapWidget::biasIndexAt(int row, int col) const {
    if (!hasBias())
        return -1;
    if (m_transposed)
        return row == displayRows() ? col : -1;
    return col == displayCols() ? row : -1;
}

QSize HeatmapWidget::sizeHint() const {
    if (isPlaceholder())
        return {320, 60};
    const int rows = displayRows() + biasLane().height();
    const int cols = displayCols() + biasLane().width();
    const int bar = m_showBar ? kBarWidth + kGap * 2 +
                                    fontMetrics().horizontalAdvance(QStringLiteral("-0.000e-00"))
                              : 0;
    const int band = titleBand();
    const QSize least = minimumSizeHint();
    const int w = std::clamp(cols * m_preferredCell, 40, 640) + bar + 2 * kMargin + kGap + band;
    const int h = std::clamp(rows * m_preferredCell, 40, 480) + 2 * kMargin + kGap + band;
    return {std::max(w, least.width()), std::max(h, least.height())};
}

QSize HeatmapWidget::minimumSizeHint() const {
    const int rows = displayRows(), cols = displayCols();
    if (isPlaceholder() || rows == 0 || cols == 0)
        return {40, 40};
    const int bar = m_showBar ? kBarWidth + kGap * 2 +
                                    fontMetrics().horizontalAdvance(QStringLiteral("-0.000e-00"))
                              : 0;
    const int band = titleBand();
    // Room for the titles' text along the matrix, so a 2x2 slice shows them whole.
    const QFontMetrics fm = fontMetrics();
    const int across =
        hasTitles() ? fm.horizontalAdvance(columnTitle() + QStringLiteral(" \u2192")) : 0;
    const int down = hasTitles() ? fm.horizontalAdvance(rowTitle() + QStringLiteral(" \u2192")) : 0;
    // The column title runs in its band above the colour bar, so it needs no room of its own.
    int w = std::max(40, across + 2 * kMargin + band);
    int h = std::max(40, down + 2 * kMargin + band);
    if (m_minimumCell <= 0 || std::max(rows, cols) * m_minimumCell > kMaxMinimumExtent)
        return {w, h};
    // Every cell at the minimum size, with the bias strip, the gaps, the titles and the bar.
    const int extraW = (hasBias() && !m_transposed) ? m_minimumCell + kGap : 0;
    const int extraH = (hasBias() && m_transposed) ? m_minimumCell + kGap : 0;
    w = std::max(w, cols * m_minimumCell + extraW + bar + 2 * kMargin + band);
    h = std::max(h, rows * m_minimumCell + extraH + 2 * kMargin + band);
    return {w, h};
}

void HeatmapWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (isPlaceholder()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                   Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        m_cursor->paint(p);
        return;
    }
    ensureMapped();
    if (m_image.isNull())
        return;
    const Layout l = computeLayout();
    // Nearest-neighbour scaling: every element stays a sharp block.
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(l.matrix, m_image);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(l.matrix);
    if (!m_biasImage.isNull()) {
        p.drawImage(l.bias, m_biasImage);
        p.drawRect(l.bias);
    }
    if (hasTitles()) {
        p.setPen(palette().color(QPalette::WindowText));
        const int band = titleBand();
        const QRectF top(l.matrix.left(), l.matrix.top() - band, std::max(l.matrix.width(), 1.0),
                         band);
        if (!columnTitle().isEmpty())
            p.drawText(top, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
                       columnTitle() + QStringLiteral(" \u2192"));
        // The row title runs down the left edge, turned a quarter clockwise, as the rows run.
        p.save();
        p.translate(l.matrix.left() - band, l.matrix.top());
        if (!rowTitle().isEmpty()) {
            p.rotate(90);
            p.drawText(QRectF(0, -band, std::max(l.matrix.height(), 1.0), band),
                       Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
                       rowTitle() + QStringLiteral(" \u2192"));
        }
        p.restore();
    }
    QPen mark(palette().color(QPalette::WindowText), kHighlightPen);
    mark.setJoinStyle(Qt::MiterJoin);
    if (!m_highlight.isNull() && l.cell > 0) {
        const QRect cells = m_highlight.intersected(QRect(0, 0, displayCols(), displayRows()));
        if (!cells.isEmpty()) {
            p.setPen(mark);
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(l.matrix.left() + cells.left() * l.cell,
                              l.matrix.top() + cells.top() * l.cell, cells.width() * l.cell,
                              cells.height() * l.cell));
        }
    }
    if (m_biasHighlight >= 0 && m_biasHighlight < m_bias.size() && !l.bias.isEmpty()) {
        p.setPen(mark);
        p.setBrush(Qt::NoBrush);
        const double at = m_biasHighlight * l.cell;
        p.drawRect(m_transposed ? QRectF(l.bias.left() + at, l.bias.top(), l.cell, l.cell)
                                : QRectF(l.bias.left(), l.bias.top() + at, l.cell, l.cell));
    }
    if (m_showBar && l.bar.height() > 0) {
        p.drawImage(l.bar, ColorMap::diverging().colorBar(l.bar.height()));
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(l.bar);
        p.setPen(palette().color(QPalette::WindowText));
        const QFontMetrics fm = fontMetrics();
        const int x = l.bar.right() + kGap;
        // The sign in words as well as in hue: "+s" at the top, "-s" at the bottom.
        p.drawText(x, l.bar.top() + fm.ascent(),
                   (m_scale > 0 ? QStringLiteral("+") : QString()) + formatScale(m_scale));
        if (l.bar.height() >= 3 * fm.height())  // on a short bar the middle label would overlap
            p.drawText(x, l.bar.center().y() + fm.ascent() / 2, QStringLiteral("0"));
        p.drawText(x, l.bar.bottom(), formatScale(-static_cast<double>(m_scale)));
    }
    m_cursor->paint(p);
}

QPoint HeatmapWidget::cellAt(const QPointF& pos, const Layout& l) const {
    if (l.cell <= 0 || !l.matrix.contains(pos))
        return {-1, -1};
    const int col = static_cast<int>((pos.x() - l.matrix.left()) / l.cell);
    const int row = static_cast<int>((pos.y() - l.matrix.top()) / l.cell);
    if (row >= displayRows() || col >= displayCols())
        return {-1, -1};
    return {col, row};
}

void HeatmapWidget::mousePressEvent(QMouseEvent* event) {
    const QPoint cell = cellAt(event->position(), computeLayout());
    if (cell.x() >= 0)
        emit cellClicked(cell.y(), cell.x());
    QWidget::mousePressEvent(event);
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent* event) {
    const Layout l = computeLayout();
    const QPointF pos = event->position();
    QString text;
    const QPoint cell = cellAt(pos, l);
    if (cell.x() >= 0) {
        text = textAt(cell.y(), cell.x());
        text += QStringLiteral("   .item() = %1")
                    .arg(QString::fromStdString(nn::pythonFloat(valueAt(cell.y(), cell.x()))));
    } else if (l.cell > 0 && !l.bias.isEmpty() && l.bias.contains(pos)) {
        const double along = m_transposed ? pos.x() - l.bias.left() : pos.y() - l.bias.top();
        const int index = static_cast<int>(along / l.cell);
        text = biasTextAt(index);
        if (!text.isEmpty())
            text += QStringLiteral("   .item() = %1")
                        .arg(QString::fromStdString(nn::pythonFloat(m_bias(index))));
    }
    if (cell != m_hoverCell) {
        m_hoverCell = cell;
        emit cellHovered(cell.y(), cell.x());
    }
    setHoverText(text);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
    QWidget::mouseMoveEvent(event);
}

void HeatmapWidget::leaveEvent(QEvent* event) {
    setHoverText({});
    if (m_hoverCell.x() >= 0) {
        m_hoverCell = {-1, -1};
        emit cellHovered(-1, -1);
    }
    QWidget::leaveEvent(event);
}

void HeatmapWidget::setHoverText(const QString& text) {
    if (text == m_hoverText)
        return;
    m_hoverText = text;
    emit hoverTextChanged(text);
}

bool HeatmapWidget::savePng(const QString& path) {
    return grab().save(path, "PNG");
}

}  // namespace linearlab::ui
