#pragma once
// Train and validation loss (and validation accuracy when classifying) over
// optimizer steps, with Qt Charts; below it, while a scheduler runs (or the lr
// was changed by hand), the lr each step used. Each snapshot replaces every series' points
// in one call: the histories are already decimated to a bounded size, and
// replace() is much cheaper than clear() + append() (Qt Charts docs).
#include "core/train/snapshot.h"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <cstdint>
#include <memory>

class QAbstractAxis;
class QChart;
class QChartView;
class QCheckBox;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace linearlab::ui {

class ChartLegend;

class LossChartWidget : public QWidget {
    Q_OBJECT

public:
    explicit LossChartWidget(QWidget* parent = nullptr);

    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot);
    /// Snapshots of older runs are dropped from now on.
    void setMinimumRunId(uint64_t runId);

    /// Loss on a logarithmic axis; points <= 0 cannot be drawn there and are skipped.
    void setLogScale(bool logScale);
    bool isLogScale() const { return m_logScale; }

    /// Points on the train loss series.
    int pointCount() const;
    int validationPointCount() const;
    int accuracyPointCount() const;
    /// Points on the lr curve, and whether it shows.
    int lrPointCount() const;
    bool isLrChartShown() const;
    /// The loss axis's current range.
    double lossAxisMin() const;
    double lossAxisMax() const;

    /// Saves the chart as shown as a PNG.
    bool savePng(const QString& path);
    /// The loss chart, for checks of what it draws.
    const QChart* lossChart() const { return m_chart; }
    /// The lr chart below it.
    const QChart* lrChart() const;
    /// The legend above the loss chart.
    ChartLegend* legend() const { return m_legend; }

protected:
    /// A new palette (View > Theme) restyles both charts at once.
    void changeEvent(QEvent* event) override;
    /// The ticks follow the room the charts have.
    void resizeEvent(QResizeEvent* event) override;

private:
    void installLossAxis();
    QWidget* createLrChart();
    void updateLrChart(const train::Snapshot<float>& s);
    void updateSeries();
    /// Round ticks for the data's ranges, as many as the axes' lengths have room for.
    void updateAxes();

    uint64_t m_minimumRunId = 0;
    bool m_logScale = false;
    std::shared_ptr<const train::Snapshot<float>> m_snapshot;

    // The data's extent, set by updateSeries() and fitted with ticks by updateAxes().
    double m_stepLo = 0, m_stepHi = 4;
    double m_lossLo = 0, m_lossHi = 1;
    double m_lrHi = 1;

    ChartLegend* m_legend = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QCheckBox* m_logBox = nullptr;
    QLineSeries* m_train = nullptr;
    QLineSeries* m_validation = nullptr;
    QLineSeries* m_accuracy = nullptr;
    QValueAxis* m_stepAxis = nullptr;
    QAbstractAxis* m_lossAxis = nullptr;  // one of the two below
    QValueAxis* m_linearAxis = nullptr;
    QLogValueAxis* m_logAxis = nullptr;
    QValueAxis* m_accuracyAxis = nullptr;

    QChartView* m_lrView = nullptr;
    QLineSeries* m_lr = nullptr;
    QValueAxis* m_lrStepAxis = nullptr;
    QValueAxis* m_lrAxis = nullptr;
};

}  // namespace linearlab::ui
