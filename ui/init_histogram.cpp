#include "ui/init_histogram.h"

#include "ui/color_map.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace linearlab::ui {

namespace {

using Kind = nn::InitDistribution::Kind;

double normalCdf(double x, double mean, double std) {
    return 0.5 * (1 + std::erf((x - mean) / (std * std::sqrt(2.0))));
}

/// The probability the distribution gives [a, b).
double mass(const nn::InitDistribution& d, double a, double b) {
    switch (d.kind) {
        case Kind::Uniform: {
            const double width = d.high - d.low;
            if (width <= 0)
                return 0;
            return std::max(0.0, std::min(b, d.high) - std::max(a, d.low)) / width;
        }
        case Kind::Normal:
            return d.std > 0 ? normalCdf(b, d.mean, d.std) - normalCdf(a, d.mean, d.std) : 0;
        case Kind::TruncatedNormal: {
            if (d.std <= 0)
                return 0;
            const double total = normalCdf(d.high, d.mean, d.std) - normalCdf(d.low, d.mean, d.std);
            const double lo = std::max(a, d.low), hi = std::min(b, d.high);
            return total > 0 && hi > lo
                       ? (normalCdf(hi, d.mean, d.std) - normalCdf(lo, d.mean, d.std)) / total
                       : 0;
        }
        default:
            return 0;
    }
}

}  // namespace

InitHistogram::InitHistogram(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Histogram of the initial weights"));
    setMinimumHeight(120);
}

void InitHistogram::setValues(const nn::Matrix<float>& values, const nn::InitDistribution& d) {
    // The range the distribution draws from, or the values' own for a point mass.
    switch (d.kind) {
        case Kind::Uniform:
        case Kind::TruncatedNormal:
            m_low = d.low;
            m_high = d.high;
            break;
        case Kind::Normal:
            m_low = d.mean - 3.5 * d.std;
            m_high = d.mean + 3.5 * d.std;
            break;
        default:
            m_low = values.size() ? values.minCoeff() : 0;
            m_high = values.size() ? values.maxCoeff() : 0;
            break;
    }
    if (!(m_high > m_low)) {
        const double pad = std::max(0.5, std::abs(m_low) * 0.5);
        m_low -= pad;
        m_high += pad;
    }
    m_counts.assign(kBins, 0);
    const double width = (m_high - m_low) / kBins;
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        const double bin = std::floor((values.data()[i] - m_low) / width);
        const int k = std::isnan(bin) ? 0 : static_cast<int>(std::clamp(bin, 0.0, kBins - 1.0));
        ++m_counts[static_cast<size_t>(k)];
    }
    m_expected.clear();
    if (d.kind == Kind::Uniform || d.kind == Kind::Normal || d.kind == Kind::TruncatedNormal)
        for (int k = 0; k < kBins; ++k)
            m_expected.push_back(static_cast<double>(values.size()) *
                                 mass(d, m_low + k * width, m_low + (k + 1) * width));
    update();
}

void InitHistogram::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot = QRectF(rect()).adjusted(8, 8, -8, -22);
    p.fillRect(rect(), palette().base());
    if (m_counts.empty())
        return;
    double top = *std::max_element(m_counts.begin(), m_counts.end());
    for (double e : m_expected)
        top = std::max(top, e);
    top = std::max(top * 1.1, 1.0);
    const double barWidth = plot.width() / kBins;
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(ColorMap::classColor(1)));
    for (int k = 0; k < kBins; ++k) {
        const double h = plot.height() * m_counts[static_cast<size_t>(k)] / top;
        p.drawRect(QRectF(plot.left() + k * barWidth + 1, plot.bottom() - h, barWidth - 2, h));
    }
    if (!m_expected.empty()) {
        QPainterPath line;
        for (int k = 0; k < kBins; ++k) {
            const double y =
                plot.bottom() - plot.height() * m_expected[static_cast<size_t>(k)] / top;
            const double x0 = plot.left() + k * barWidth, x1 = x0 + barWidth;
            if (k == 0)
                line.moveTo(x0, y);
            else
                line.lineTo(x0, y);
            line.lineTo(x1, y);
        }
        p.setPen(QPen(QColor(ColorMap::classColor(5)), 2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(line);
    }
    p.setPen(palette().text().color());
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    const QString lo = QString::number(m_low, 'g', 4), hi = QString::number(m_high, 'g', 4);
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), 18),
               Qt::AlignLeft | Qt::AlignTop, lo);
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), 18),
               Qt::AlignRight | Qt::AlignTop, hi);
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), 18),
               Qt::AlignHCenter | Qt::AlignTop, QString::number((m_low + m_high) / 2, 'g', 4));
}

}  // namespace linearlab::ui
