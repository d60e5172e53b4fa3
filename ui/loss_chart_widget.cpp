#include "ui/loss_chart_widget.h"

#include "ui/keyboard_navigation.h"
#include "ui/theme.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
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
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setMargins(QMargins(4, 4, 4, 4));

    m_train = new QLineSeries;
    m_train->setName(tr("train loss"));
    m_validation = new QLineSeries;
    m_validation->setName(tr("validation loss"));
    m_validation->setPointsVisible(true);  // one point per epoch: show where they are
    m_accuracy = new QLineSeries;
    m_accuracy->setName(tr("validation accuracy"));
    m_accuracy->setPointsVisible(true);
    m_chart->addSeries(m_train);
    m_chart->addSeries(m_validation);
    m_chart->addSeries(m_accuracy);
    m_accuracy->setVisible(false);

    m_stepAxis = new QValueAxis;
    m_stepAxis->setTitleText(tr("step"));
    m_stepAxis->setLabelFormat(QStringLiteral("%d"));
    // At least 4 steps wide, so that the default 5 ticks fall on whole steps
    // ("0 1 2 3 4", not "0 0 0 0 1") before and just after the first step.
    m_stepAxis->setRange(0, 4);
    m_chart->addAxis(m_stepAxis, Qt::AlignBottom);
    for (QLineSeries* s : {m_train, m_validation, m_accuracy})
        s->attachAxis(m_stepAxis);

    m_accuracyAxis = new QValueAxis;
    m_accuracyAxis->setTitleText(tr("accuracy"));
    m_accuracyAxis->setRange(0, 1);
    m_chart->addAxis(m_accuracyAxis, Qt::AlignRight);
    m_accuracy->attachAxis(m_accuracyAxis);
    m_accuracyAxis->setVisible(false);

    installLossAxis();

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Loss chart"));
    m_view->setAccessibleName(tr("Loss chart"));
    showFocusFrame(m_view);
    m_logBox = new QCheckBox(tr("Log scale"), this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->addStretch(1);
    bar->addWidget(m_logBox);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(createLrChart());

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
    m_lrStepAxis->setLabelFormat(QStringLiteral("%d"));
    m_lrStepAxis->setRange(0, 4);
    chart->addAxis(m_lrStepAxis, Qt::AlignBottom);
    m_lrAxis = new QValueAxis;
    m_lrAxis->setTitleText(tr("lr"));
    m_lrAxis->setLabelFormat(QStringLiteral("%.2g"));
    m_lrAxis->setTickCount(3);
    chart->addAxis(m_lrAxis, Qt::AlignLeft);
    m_lr->attachAxis(m_lrStepAxis);
    m_lr->attachAxis(m_lrAxis);
    Theme::styleChart(chart, palette());
    m_lrView = new QChartView(chart, this);
    m_lrView->setRenderHint(QPainter::Antialiasing);
    m_lrView->setAccessibleName(tr("Learning rate chart"));
    showFocusFrame(m_lrView);
    m_lrView->setFixedHeight(fontMetrics().height() * 9);  // its axis labels, at any font size
    m_lrView->hide();
    return m_lrView;
}

void LossChartWidget::updateLrChart(const train::Snapshot<float>& s, double stepMin,
                                    double stepMax) {
    Range x, lr;
    m_lr->replace(pointsOf(s.lrHistory, false, x, lr));
    // A constant lr says nothing a curve could add; a schedule or a hand-made change does.
    const bool shown = s.scheduler.has_value() || (lr.valid() && lr.hi > lr.lo);
    m_lrView->setVisible(shown);
    if (!shown)
        return;
    // Aligned with the loss chart's steps, so an epoch's lr sits under its losses.
    m_lrStepAxis->setRange(stepMin, stepMax);
    if (!lr.valid())
        m_lrAxis->setRange(0, std::max(s.learningRate, 1e-12) * 1.1);
    else
        m_lrAxis->setRange(0, std::max(lr.hi, 1e-12) * 1.1);
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

    const double stepMin = x.valid() ? std::min(x.lo, 0.0) : 0.0;
    const double stepMax = x.valid() ? std::max(x.hi, x.lo + 4) : 4.0;
    m_stepAxis->setRange(stepMin, stepMax);
    updateLrChart(s, stepMin, stepMax);
    if (!loss.valid()) {
        m_lossAxis->setRange(m_logScale ? 0.01 : 0.0, 1.0);
    } else if (m_logScale) {
        // Whole decades, so the log axis's ticks land on round numbers.
        const double lo = std::pow(10.0, std::floor(std::log10(loss.lo)));
        double hi = std::pow(10.0, std::ceil(std::log10(loss.hi)));
        if (hi <= lo)
            hi = lo * 10;
        m_lossAxis->setRange(lo, hi);
    } else {
        const double pad = std::max((loss.hi - loss.lo) * 0.05, 1e-12);
        m_lossAxis->setRange(std::min(0.0, loss.lo), loss.hi + pad);
    }
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
