#pragma once
// What the network currently predicts, drawn for the kind of problem: decision
// regions or a prediction surface over a 2-D input grid, the fitted curve of a
// 1-D regression, or predicted-vs-target plus the output matrix otherwise. Grid
// images are mapped once per snapshot; paintEvent only draws them scaled without
// smoothing, then the data points on top.
#include "core/train/snapshot.h"

#include <QHash>
#include <QImage>
#include <QWidget>

#include <utility>
#include <vector>

#include <cstdint>
#include <memory>

namespace linearlab::ui {

class HeatmapWidget;
class StaleBanner;

class OutputViewWidget : public QWidget {
    Q_OBJECT

public:
    explicit OutputViewWidget(QWidget* parent = nullptr);

    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot);
    /// Snapshots of older runs are dropped from now on.
    void setMinimumRunId(uint64_t runId);
    /// Marks what is shown as another design's (empty: current). See StaleBanner.
    void setStale(const QString& reason);
    QString staleReason() const;

    /// The view in use (Predictions before the first snapshot).
    train::OutputKind kind() const;
    /// DecisionRegions and Surface: the grid image, one pixel per grid point, row 0
    /// at the top (y = yMax), column 0 at x = xMin. Null for the other kinds.
    QImage image() const { return m_image; }
    /// Predictions: the heatmap of the output matrix (N, out_features).
    HeatmapWidget* outputHeatmap() const { return m_outputs; }
    /// True when the Predictions view shows that heatmap beside its scatter: only
    /// at kSplitWidth or wider, where each half is big enough to read; a narrower
    /// view gives the scatter the whole width.
    bool showsOutputMatrix() const;
    static constexpr int kSplitWidth = 360;

    /// Colour of class k's data points, and the lighter colour of its region.
    static QRgb classColor(int k);
    static QRgb regionColor(int k);

    /// The boxes of the axes' extent numbers and titles as drawn (none overlap).
    std::vector<QRectF> axisTextRects() const;
    /// The title line as drawn: what is shown, then " — step N". When the view is
    /// too narrow for all of it, the description is elided and the step kept.
    QString shownTitle() const;

    bool savePng(const QString& path);
    QSize sizeHint() const override { return {480, 400}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    /// What the view shows, without the step ("Decision regions").
    QString description() const;
    const QImage& dotImage(QRgb fill) const;
    struct Frame {
        QRectF rect;                            // where the plot is drawn
        double x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // the data extent it shows
        bool xTitleBelow = false;               // a line of its own under the extent numbers
        bool yTitleOutside = false;             // a line of its own left of them
        QPointF map(double x, double y) const;
    };
    Frame frame() const;
    /// The plot in `area` for the snapshot's kind (frame() picks the area).
    Frame frameIn(QRectF area) const;
    /// The axis titles of the snapshot's kind: x, then y.
    std::pair<QString, QString> axisTitles() const;
    /// The six texts drawAxes() draws (x extent, x title, y extent, y title), where.
    struct AxisText {
        QString text;
        QRectF rect;  ///< the text's box; a y title's box stands upright
    };
    std::vector<AxisText> axisTexts(const Frame& f) const;
    void remap();
    void placeOutputs();
    void placeStaleBanner();
    void drawAxes(QPainter& p, const Frame& f) const;

    uint64_t m_minimumRunId = 0;
    std::shared_ptr<const train::Snapshot<float>> m_snapshot;
    QImage m_image;
    /// One rendered data point per fill colour (see dotImage).
    mutable QHash<QRgb, QImage> m_dots;
    float m_surfaceScale = 0;
    HeatmapWidget* m_outputs = nullptr;
    StaleBanner* m_staleBanner = nullptr;
};

}  // namespace linearlab::ui
