#include "ui/loss_chart_widget.h"

#include "ui/chart_legend.h"
#include "ui/keyboard_navigation.h"
#include "ui/nice_ticks.h"
#include "ui/theme.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QEvent>
#include <QFontMetricsF>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace linearlab::ui {

namespace {

struct Range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool valid() const { return lo <= hi; }
};

/// The history's finite points (positive ones only on a log axis), widening `x` and `y`.
QList<QPointF> pointsOf(const train::LossHistory& history, bool positiveOnly, Range& x, Range& y) {
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(history.size()));
    for (const train::LossPoint& p : history.points()) {
        if (!std::isfinite(p.loss) || !std::isfinite(p.step) || (positiveOnly && p.loss <= 0))
            continue;
        points.append(QPointF(p.step, p.loss));
        x.add(p.step);
        y.add(p.loss);
    }
    return points;
}

}  // namespace

LossChartWidget::LossChartWidget(QWidget* parent) : QWidget(parent) {
    m_chart = new QChart;
    m_chart->legend()->hide();  // ChartLegend wraps where this one would elide
    m_chart->setMargins(QMargins(4, 4, 4, 4));

    m_train = new QLineSeries;
    m_train->setName(tr("train loss"));
    m_validation = new QLineSeries;
    m_validation->setName(tr("validation loss"));
    m_validation->setPointsVisible(true);  // one point per epoch: show where they are
    m_accuracy = new QLineSeries;
    m_accuracy->setName(tr("validation accuracy"));
    m_accuracy->setPointsVisible(true);
    m_legend = new ChartLegend(this);
    m_chart->addSeries(m_train);
    m_chart->addSeries(m_validation);
    m_chart->addSeries(m_accuracy);
    m_accuracy->setVisible(false);
    for (QLineSeries* s : {m_train, m_validation, m_accuracy})
        m_legend->addSeries(s);

    m_stepAxis = new QValueAxis;
    m_stepAxis->setTitleText(tr("step"));
    m_chart->addAxis(m_stepAxis, Qt::AlignBottom);
    for (QLineSeries* s : {m_train, m_validation, m_accuracy})
        s->attachAxis(m_stepAxis);

    m_accuracyAxis = new QValueAxis;
    m_accuracyAxis->setTitleText(tr("accuracy"));
    m_chart->addAxis(m_accuracyAxis, Qt::AlignRight);
    m_accuracy->attachAxis(m_accuracyAxis);
    m_accuracyAxis->setVisible(false);

    installLossAxis();

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Loss chart"));
    m_view->setAccessibleName(tr("Loss chart"));
    showFocusFrame(m_view);
    // Room for a plot, its tick labels and its axis titles: below this Qt Charts
    // elides the ticks to "...", so the docks around give way instead.
    m_view->setMinimumHeight(fontMetrics().height() * 10);
    m_logBox = new QCheckBox(tr("Log scale"), this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_legend->addControl(m_logBox);
    layout->addWidget(m_legend);
    // The lr chart is the smaller: a third of the height, at least a readable strip.
    layout->addWidget(m_view, 3);
    layout->addWidget(createLrChart(), 1);
    updateAxes();

    connect(m_logBox, &QCheckBox::toggled, this, &LossChartWidget::setLogScale);
}

QWidget* LossChartWidget::createLrChart() {
    auto* chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 0, 4, 4));
    m_lr = new QLineSeries;
    m_lr->setName(tr("lr"));
    chart->addSeries(m_lr);
    m_lrStepAxis = new QValueAxis;
    chart->addAxis(m_lrStepAxis, Qt::AlignBottom);
    m_lrAxis = new QValueAxis;
    m_lrAxis->setTitleText(tr("lr"));
    chart->addAxis(m_lrAxis, Qt::AlignLeft);
    m_lr->attachAxis(m_lrStepAxis);
    m_lr->attachAxis(m_lrAxis);
    Theme::styleChart(chart, palette());
    m_lrView = new QChartView(chart, this);
    m_lrView->setRenderHint(QPainter::Antialiasing);
    m_lrView->setAccessibleName(tr("Learning rate chart"));
    showFocusFrame(m_lrView);
    m_lrView->setMinimumHeight(fontMetrics().height() * 5);  // its axis labels, at any font size
    m_lrView->hide();
    return m_lrView;
}

void LossChartWidget::updateLrChart(const train::Snapshot<float>& s) {
    Range x, lr;
    m_lr->replace(pointsOf(s.lrHistory, false, x, lr));
    // A constant lr says nothing a curve could add; a schedule or a hand-made change does.
    // (The history averages merged points, so one lr can differ in its last bits.)
    const bool shown = s.scheduler.has_value() || (lr.valid() && lr.hi - lr.lo > 1e-6 * lr.hi);
    m_lrView->setVisible(shown);
    if (!shown)
        return;
    // The step axis is the loss chart's (updateAxes), so an epoch's lr sits under its losses.
    m_lrHi = std::max(lr.valid() ? lr.hi : s.learningRate, 1e-12);
}

void LossChartWidget::installLossAxis() {
    // Both axes live as long as the widget and are swapped in and out, so a toggle
    // only re-attaches the series and never recreates the axes' settings.
    if (!m_linearAxis) {
        m_linearAxis = new QValueAxis(this);
        m_linearAxis->setLabelFormat(QStringLiteral("%.3g"));
        m_linearAxis->setTitleText(tr("loss"));
        m_logAxis = new QLogValueAxis(this);
        m_logAxis->setBase(10);
        m_logAxis->setLabelFormat(QStringLiteral("%.3g"));
        m_logAxis->setMinorTickCount(-1);
        m_logAxis->setTitleText(tr("loss"));
    }
    if (m_lossAxis) {
        m_train->detachAxis(m_lossAxis);
        m_validation->detachAxis(m_lossAxis);
        m_chart->removeAxis(m_lossAxis);
        m_lossAxis->setParent(this);  // removeAxis hands ownership back
    }
    m_lossAxis = m_logScale ? static_cast<QAbstractAxis*>(m_logAxis) : m_linearAxis;
    m_chart->addAxis(m_lossAxis, Qt::AlignLeft);
    m_train->attachAxis(m_lossAxis);
    m_validation->attachAxis(m_lossAxis);
    Theme::styleChart(m_chart, palette());  // the axis swapped in takes the palette too
}

void LossChartWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        Theme::styleChart(m_chart, palette());
        Theme::styleChart(m_lrView->chart(), palette());
    }
    QWidget::changeEvent(event);
}

void LossChartWidget::setMinimumRunId(uint64_t runId) {
    m_minimumRunId = runId;
}

void LossChartWidget::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    if (!snapshot || snapshot->runId < m_minimumRunId)
        return;
    m_snapshot = std::move(snapshot);
    updateSeries();
}

void LossChartWidget::setLogScale(bool logScale) {
    if (logScale == m_logScale)
        return;
    m_logScale = logScale;
    {
        const QSignalBlocker block(m_logBox);
        m_logBox->setChecked(logScale);
    }
    installLossAxis();
    updateSeries();
}

void LossChartWidget::updateSeries() {
    if (!m_snapshot) {
        m_train->clear();
        m_validation->clear();
        m_accuracy->clear();
        m_lr->clear();
        m_lrView->hide();
        m_stepLo = 0, m_stepHi = 4, m_lossLo = 0, m_lossHi = 1;
        updateAxes();
        return;
    }
    const train::Snapshot<float>& s = *m_snapshot;
    Range x, loss, accuracyX, accuracy;
    m_train->replace(pointsOf(s.trainHistory, m_logScale, x, loss));
    m_validation->replace(pointsOf(s.validationHistory, m_logScale, x, loss));

    const bool classifying = s.context && s.context->classification;
    m_accuracy->replace(classifying ? pointsOf(s.accuracyHistory, false, accuracyX, accuracy)
                                    : QList<QPointF>());
    m_accuracy->setVisible(classifying);
    m_accuracyAxis->setVisible(classifying);
    if (accuracyX.valid())
        x.add(accuracyX.hi);

    // A lone point (the first step) has no line to draw: a marker shows it.
    m_train->setPointsVisible(m_train->count() == 1);
    m_stepLo = x.valid() ? std::min(x.lo, 0.0) : 0.0;
    m_stepHi = x.valid() ? std::max(x.hi, x.lo + 4) : 4.0;
    m_lossLo = loss.valid() ? std::min(0.0, loss.lo) : 0.0;
    // 5% headroom, so the largest loss (and its marker) is not on the frame.
    m_lossHi = loss.valid() ? loss.hi + std::max((loss.hi - m_lossLo) * 0.05, 1e-12) : 1.0;
    updateLrChart(s);
    if (!loss.valid() && m_logScale) {
        m_lossAxis->setRange(0.01, 1.0);
    } else if (m_logScale) {
        // Whole decades, so the log axis's ticks land on round numbers.
        const double lo = std::pow(10.0, std::floor(std::log10(loss.lo)));
        double hi = std::pow(10.0, std::ceil(std::log10(loss.hi)));
        if (hi <= lo)
            hi = lo * 10;
        m_lossAxis->setRange(lo, hi);
    }
    updateAxes();
}

void LossChartWidget::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updateAxes();
}

namespace {

/// How many tick intervals fit along `pixels` when each label needs `labelExtent`.
int intervalsFor(double pixels, double labelExtent) {
    return std::clamp(static_cast<int>(pixels / std::max(labelExtent, 1.0)), 1, 10);
}

/// The plot area `view` will have: its size less what the chart's axes took last time.
QSizeF plotSize(const QChartView* view, const QChart* chart) {
    const QRectF plot = chart->plotArea();
    const QSizeF taken = plot.isEmpty() ? QSizeF(90, 70) : chart->size() - plot.size();
    return QSizeF(std::max(view->width() - taken.width(), 20.0),
                  std::max(view->height() - taken.height(), 20.0));
}

}  // namespace

void LossChartWidget::updateAxes() {
    // Horizontal labels need their own width and a gap; vertical ones two lines each.
    const QFontMetricsF stepFont(m_stepAxis->labelsFont());
    const QString widest =
        QString::number(std::max(std::abs(m_stepLo), std::abs(m_stepHi)), 'f', 0);
    const double stepLabel = stepFont.horizontalAdvance(widest) + stepFont.averageCharWidth() * 3;
    const QSizeF plot = plotSize(m_view, m_chart);
    const NiceTicks steps =
        niceTicks(m_stepLo, m_stepHi, intervalsFor(plot.width(), stepLabel), true);
    applyTicks(m_stepAxis, steps);
    applyTicks(m_lrStepAxis, steps);

    const double line = QFontMetricsF(m_linearAxis->labelsFont()).height() * 2;
    if (!m_logScale)
        applyTicks(m_linearAxis, niceTicks(m_lossLo, m_lossHi, intervalsFor(plot.height(), line)));
    applyTicks(m_accuracyAxis, niceTicks(0, 1, intervalsFor(plot.height(), line)));
    const QSizeF lrPlot = plotSize(m_lrView, m_lrView->chart());
    applyTicks(m_lrAxis, niceTicks(0, m_lrHi, std::min(intervalsFor(lrPlot.height(), line), 4)));
}

const QChart* LossChartWidget::lrChart() const {
    return m_lrView->chart();
}

int LossChartWidget::pointCount() const {
    return static_cast<int>(m_train->count());
}

int LossChartWidget::validationPointCount() const {
    return static_cast<int>(m_validation->count());
}

int LossChartWidget::accuracyPointCount() const {
    return static_cast<int>(m_accuracy->count());
}

int LossChartWidget::lrPointCount() const {
    return static_cast<int>(m_lr->count());
}

bool LossChartWidget::isLrChartShown() const {
    return !m_lrView->isHidden();
}

double LossChartWidget::lossAxisMin() const {
    return m_lossAxis->property("min").toDouble();
}

double LossChartWidget::lossAxisMax() const {
    return m_lossAxis->property("max").toDouble();
}

bool LossChartWidget::savePng(const QString& path) {
    return grab().save(path, "PNG");
}

}  // namespace linearlab::ui
