#pragma once
// Every parameter of the network as heatmaps, one group per node, updated from
// training snapshots. Child widgets are rebuilt only when the run context
// changes (a new run, or a lazy layer materializing); other snapshots only
// remap the images.
#include "core/train/snapshot.h"

#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace linearlab::ui {

class HeatmapWidget;
class StaleBanner;

class WeightsPanel : public QWidget {
    Q_OBJECT

public:
    enum class Mode { Weight, Gradient, Change };

    explicit WeightsPanel(QWidget* parent = nullptr);

    /// Shows the snapshot's parameters; ignored when its runId is below the minimum.
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot);
    /// Snapshots of older runs are dropped from now on (so a Reset never shows the
    /// previous run's weights).
    void setMinimumRunId(uint64_t runId);
    /// Marks what is shown as another design's (empty: current). See StaleBanner.
    void setStale(const QString& reason);
    QString staleReason() const;
    uint64_t minimumRunId() const { return m_minimumRunId; }

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// Linear weights as (in, out), the `y = xW + b` view.
    void setTransposed(bool transposed);
    bool isTransposed() const { return m_transposed; }

    /// The snapshot on screen (null before the first accepted one).
    std::shared_ptr<const train::Snapshot<float>> snapshot() const { return m_snapshot; }
    /// Every heatmap currently built, placeholders included, in node order.
    std::vector<HeatmapWidget*> heatmaps() const;
    /// Saves what the panel shows, all groups, as a PNG.
    bool savePng(const QString& path);

    /// Bilinear slices drawn per node at most; the rest are summarised in a label.
    static constexpr int kMaxSlices = 64;
    /// A heatmap is never squeezed below its preferred height or this, whichever is
    /// less: with several layers the view scrolls instead.
    static constexpr int kReadableHeight = 160;

private:
    struct ParameterView {
        int weight = -1;  // parameter index of the weight (or any other parameter)
        int bias = -1;    // parameter index of the bias, -1 for none
        bool bilinear = false;
        HeatmapWidget* heatmap = nullptr;    // Linear: weight + bias strip
        std::vector<HeatmapWidget*> slices;  // Bilinear: one per output feature
        HeatmapWidget* biasStrip = nullptr;  // Bilinear: the bias on its own
    };

    void rebuild();
    /// One group box for node `node`: its parameters' heatmaps, or the lazy placeholder.
    void addNodeGroup(int node, const std::vector<int>& params);
    void addBilinearSlices(ParameterView& view, QWidget* group, QVBoxLayout* groupLayout,
                           QLabel* hoverLabel);
    void refresh();
    const nn::Matrix<float>* source(int parameter, nn::Matrix<float>& scratch) const;

    uint64_t m_minimumRunId = 0;
    Mode m_mode = Mode::Weight;
    bool m_transposed = false;
    std::shared_ptr<const train::Snapshot<float>> m_snapshot;
    std::shared_ptr<const train::RunContext<float>> m_context;
    std::vector<ParameterView> m_views;

    QComboBox* m_modeBox = nullptr;
    QCheckBox* m_transposeBox = nullptr;
    QLabel* m_emptyLabel = nullptr;
    StaleBanner* m_staleBanner = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    QVBoxLayout* m_contentLayout = nullptr;
};

}  // namespace linearlab::ui
