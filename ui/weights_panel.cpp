#include "ui/weights_panel.h"

#include "ui/flow_layout.h"
#include "ui/heatmap_widget.h"
#include "ui/keyboard_navigation.h"
#include "ui/stale_banner.h"

#include "core/nn/layer_table.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace linearlab::ui {

using nn::Index;

namespace {

const char* const kLazyPlaceholder =
    QT_TRANSLATE_NOOP("linearlab::ui::WeightsPanel",
                      "not initialised \u2014 in_features is inferred from the first batch");

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// A tensor's shape as NumPy and the weight files' readers print it: (40, 20), (40,).
QString shapeText(const nn::Shape& shape) {
    return QString::fromStdString(nn::shapeTuple(shape));
}

/// A line of text in a group: its own height, so the group's spare room goes to
/// the heatmaps and not to the lines between them.
QLabel* fixedHeight(QLabel* label) {
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    return label;
}

/// The least height `h` keeps once it knows its matrix: its preferred height, or
/// kReadableHeight when that is less, and never less than its own minimum.
void keepReadable(HeatmapWidget* h) {
    h->setMinimumHeight(std::max(h->minimumSizeHint().height(),
                                 std::min(h->sizeHint().height(), WeightsPanel::kReadableHeight)));
}

float maxAbs(const nn::Matrix<float>& m) {
    if (m.size() == 0)
        return 0;
    // PropagateNumbers skips NaN, so a NaN weight never becomes the shared scale.
    const float best = m.array().abs().maxCoeff<Eigen::PropagateNumbers>();
    return best > 0 ? best : 0;
}

}  // namespace

WeightsPanel::WeightsPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    setAccessibleName(tr("Weights"));

    auto* bar = new FlowLayout;  // wraps in a narrow dock instead of widening the window
    bar->addWidget(new QLabel(tr("Show:"), this));
    m_modeBox = new QComboBox(this);
    m_modeBox->addItem(tr("Weight"));
    m_modeBox->addItem(tr("Gradient"));
    m_modeBox->addItem(tr("Change since initialisation"));
    m_modeBox->setAccessibleName(tr("Show"));
    bar->addWidget(m_modeBox);
    m_transposeBox = new QCheckBox(tr("Transposed (y = xW + b)"), this);
    m_transposeBox->setToolTip(
        tr("Show Linear weights as (in_features, out_features) instead of PyTorch's layout"));
    bar->addWidget(m_transposeBox);
    layout->addLayout(bar);
    m_staleBanner = new StaleBanner(this);
    layout->addWidget(m_staleBanner);

    m_emptyLabel = new QLabel(tr("No network yet"), this);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_emptyLabel);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setVisible(false);
    // Tab goes straight to the heatmaps, which scroll their cursor into view.
    m_scroll->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_scroll, 1);

    connect(m_modeBox, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) { setMode(static_cast<Mode>(index)); });
    connect(m_transposeBox, &QCheckBox::toggled, this, &WeightsPanel::setTransposed);
}

void WeightsPanel::setStale(const QString& reason) {
    m_staleBanner->setReason(reason);
}

QString WeightsPanel::staleReason() const {
    return m_staleBanner->reason();
}

void WeightsPanel::setMinimumRunId(uint64_t runId) {
    m_minimumRunId = runId;
}

void WeightsPanel::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    if (!snapshot || !snapshot->context || snapshot->runId < m_minimumRunId)
        return;
    m_snapshot = std::move(snapshot);
    if (m_snapshot->context != m_context) {
        m_context = m_snapshot->context;
        rebuild();
    }
    refresh();
}

void WeightsPanel::setMode(Mode mode) {
    if (mode == m_mode)
        return;
    m_mode = mode;
    const QSignalBlocker block(m_modeBox);
    m_modeBox->setCurrentIndex(static_cast<int>(mode));
    refresh();
}

void WeightsPanel::setTransposed(bool transposed) {
    m_transposed = transposed;
    const QSignalBlocker block(m_transposeBox);
    m_transposeBox->setChecked(transposed);
    for (const ParameterView& v : m_views)
        if (v.heatmap)
            v.heatmap->setTransposed(transposed);
}

std::vector<HeatmapWidget*> WeightsPanel::heatmaps() const {
    std::vector<HeatmapWidget*> all;
    if (m_content)
        for (HeatmapWidget* h : m_content->findChildren<HeatmapWidget*>())
            all.push_back(h);
    return all;
}

void WeightsPanel::rebuild() {
    m_views.clear();
    m_content = new QWidget;
    m_contentLayout = new QVBoxLayout(m_content);
    const train::RunContext<float>& ctx = *m_context;
    for (int node = 0; node < static_cast<int>(ctx.nodeReprs.size()); ++node) {
        std::vector<int> params;
        for (int i = 0; i < static_cast<int>(ctx.parameterNodes.size()); ++i)
            if (ctx.parameterNodes[i] == node)
                params.push_back(i);
        // A lazy layer before its first forward: a placeholder where its weight will be.
        const nn::LayerType* type = nn::findLayerType(ctx.nodeTypes[node]);
        if (!params.empty() || (type && type->isLazy))
            addNodeGroup(node, params);
        // Identity and activations have nothing to show.
    }
    m_contentLayout->addStretch(1);
    m_scroll->setWidget(m_content);  // deletes the previous content and its heatmaps
    // Tab from the bar's controls into the heatmaps, in the order shown.
    const std::vector<HeatmapWidget*> shown = heatmaps();
    chainTabOrder(m_transposeBox, std::vector<QWidget*>(shown.begin(), shown.end()));
    m_scroll->setVisible(true);
    m_emptyLabel->setVisible(false);
}

void WeightsPanel::addNodeGroup(int node, const std::vector<int>& params) {
    const train::RunContext<float>& ctx = *m_context;
    const nn::LayerType* type = nn::findLayerType(ctx.nodeTypes[node]);
    auto* group = new QGroupBox(
        QStringLiteral("%1: %2").arg(node).arg(QString::fromStdString(ctx.nodeReprs[node])),
        m_content);
    auto* groupLayout = new QVBoxLayout(group);
    m_contentLayout->addWidget(group);
    const QString repr = QString::fromStdString(ctx.nodeReprs[node]);
    if (params.empty()) {
        auto* placeholder = new HeatmapWidget(group);
        placeholder->setPlaceholder(tr(kLazyPlaceholder));
        placeholder->setAccessibleName(tr("Weight of node %1, %2").arg(node).arg(repr));
        groupLayout->addWidget(placeholder);
        return;
    }

    // Pair each weight with its node's bias; anything else gets a heatmap of its own.
    int bias = -1;
    for (int i : params)
        if (endsWith(ctx.parameterNames[i], ".bias"))
            bias = i;
    QStringList shapes;
    for (int i : params)
        shapes << QStringLiteral("%1 %2")
                      .arg(QString::fromStdString(ctx.parameterNames[i]))
                      .arg(shapeText(ctx.parameterShapes[i]));
    groupLayout->addWidget(fixedHeight(new QLabel(shapes.join(QStringLiteral("   ")), group)));
    auto* hoverLabel = fixedHeight(new QLabel(group));
    hoverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hoverLabel->setMinimumHeight(hoverLabel->fontMetrics().height());

    for (int i : params) {
        if (i == bias && params.size() > 1)
            continue;
        ParameterView view;
        view.weight = i;
        if (ctx.parameterShapes[i].size() == 3) {
            view.bias = bias;
            addBilinearSlices(view, group, groupLayout, hoverLabel);
        } else {
            if (endsWith(ctx.parameterNames[i], ".weight"))
                view.bias = bias;
            view.heatmap = new HeatmapWidget(group);
            view.heatmap->setTransposed(m_transposed && ctx.parameterShapes[i].size() == 2);
            // A linear layer's weight is (out_features, in_features); PReLU's one slope a channel.
            if (type && type->takesInitScheme)
                view.heatmap->setAxisTitles(tr("output j"), tr("input i"));
            else
                view.heatmap->setAxisTitles({}, tr("channel c"));
            view.heatmap->setMinimumCellSize(HeatmapWidget::kHoverableCell);
            view.heatmap->setAccessibleName(
                endsWith(ctx.parameterNames[i], ".weight")
                    ? tr("Weight of node %1, %2").arg(node).arg(repr)
                    : tr("%1 of node %2, %3")
                          .arg(QString::fromStdString(ctx.parameterNames[i]))
                          .arg(node)
                          .arg(repr));
            connect(view.heatmap, &HeatmapWidget::hoverTextChanged, hoverLabel, &QLabel::setText);
            groupLayout->addWidget(view.heatmap, 1);
        }
        m_views.push_back(std::move(view));
    }
    groupLayout->addWidget(hoverLabel);
}

void WeightsPanel::addBilinearSlices(ParameterView& view, QWidget* group, QVBoxLayout* groupLayout,
                                     QLabel* hoverLabel) {
    // Bilinear (out, in1, in2): small multiples, one (in1, in2) slice per output.
    const nn::Shape& shape = m_context->parameterShapes[view.weight];
    view.bilinear = true;
    const Index node = m_context->parameterNodes[view.weight];
    const QString repr = QString::fromStdString(m_context->nodeReprs[static_cast<size_t>(node)]);
    const int shown = static_cast<int>(std::min<Index>(shape[0], kMaxSlices));
    const int columns = std::max(1, static_cast<int>(std::ceil(std::sqrt(shown))));
    auto* row = new QHBoxLayout;
    auto* grid = new QGridLayout;
    grid->setSpacing(2);
    for (int k = 0; k < shown; ++k) {
        auto* slice = new HeatmapWidget(group);
        slice->setColorBarVisible(false);
        slice->setPreferredCellSize(4);
        slice->setToolTip(tr("output feature %1").arg(k));
        slice->setAccessibleName(tr("Weight slice %1 of node %2, %3").arg(k).arg(node).arg(repr));
        connect(slice, &HeatmapWidget::hoverTextChanged, hoverLabel, &QLabel::setText);
        grid->addWidget(slice, k / columns, k % columns);
        view.slices.push_back(slice);
    }
    row->addLayout(grid, 1);
    if (view.bias >= 0) {
        // The strip carries the colour bar shared by every slice.
        view.biasStrip = new HeatmapWidget(group);
        view.biasStrip->setPreferredCellSize(8);
        view.biasStrip->setAxisTitles(tr("output k"), {});
        view.biasStrip->setMinimumCellSize(HeatmapWidget::kHoverableCell);
        view.biasStrip->setAccessibleName(tr("Bias of node %1, %2").arg(node).arg(repr));
        connect(view.biasStrip, &HeatmapWidget::hoverTextChanged, hoverLabel, &QLabel::setText);
        row->addWidget(view.biasStrip);
    }
    groupLayout->addLayout(row, 1);
    QString note = tr("slice k = output k: rows input1 i, columns input2 j");
    if (shape[0] > shown)
        note += tr("; showing %1 of %2 output features").arg(shown).arg(shape[0]);
    groupLayout->addWidget(fixedHeight(new QLabel(note, group)));
}

const nn::Matrix<float>* WeightsPanel::source(int parameter, nn::Matrix<float>& scratch) const {
    const train::Snapshot<float>& s = *m_snapshot;
    if (parameter < 0 || parameter >= static_cast<int>(s.parameters.size()))
        return nullptr;
    const nn::Matrix<float>& value = s.parameters[parameter];
    switch (m_mode) {
        case Mode::Weight:
            return &value;
        case Mode::Gradient:
            if (parameter < static_cast<int>(s.gradients.size()) &&
                s.gradients[parameter].rows() == value.rows() &&
                s.gradients[parameter].cols() == value.cols())
                return &s.gradients[parameter];
            scratch.setZero(value.rows(), value.cols());
            return &scratch;
        case Mode::Change: {
            const auto& initial = m_context->initialParameters;
            if (parameter < static_cast<int>(initial.size()) &&
                initial[parameter].rows() == value.rows() &&
                initial[parameter].cols() == value.cols())
                scratch = value - initial[parameter];
            else
                scratch.setZero(value.rows(), value.cols());
            return &scratch;
        }
    }
    return &value;
}

void WeightsPanel::refresh() {
    if (!m_snapshot || !m_context)
        return;
    const auto& names = m_context->parameterNames;
    auto nameOf = [&](int i) {
        const QString base = QString::fromStdString(names[i]);
        switch (m_mode) {
            case Mode::Gradient:
                return base + QStringLiteral(".grad");
            case Mode::Change:
                return QStringLiteral("\u0394") + base;
            case Mode::Weight:
                break;
        }
        return base;
    };

    nn::Matrix<float> weightScratch, biasScratch;
    for (ParameterView& v : m_views) {
        const nn::Matrix<float>* w = source(v.weight, weightScratch);
        if (!w)
            continue;
        const nn::Matrix<float>* b = v.bias >= 0 ? source(v.bias, biasScratch) : nullptr;
        if (!v.bilinear) {
            if (b)
                v.heatmap->setBias(*b, nameOf(v.bias));
            v.heatmap->setMatrix(*w, nameOf(v.weight));
            keepReadable(v.heatmap);
            continue;
        }
        const nn::Shape& shape = m_context->parameterShapes[v.weight];
        const Index in1 = shape[1], in2 = shape[2];
        if (w->cols() != in1 * in2)
            continue;
        // One scale for every slice and the bias, so their colours compare.
        const float scale = std::max(maxAbs(*w), b ? maxAbs(*b) : 0.0f);
        for (int k = 0; k < static_cast<int>(v.slices.size()) && k < w->rows(); ++k) {
            const Eigen::Map<const nn::Matrix<float>> slice(w->data() + k * w->cols(), in1, in2);
            v.slices[k]->setAbsMax(scale);
            v.slices[k]->setMatrix(slice, nameOf(v.weight), k);
            keepReadable(v.slices[k]);
        }
        if (v.biasStrip) {
            v.biasStrip->setAbsMax(scale);
            if (b)
                v.biasStrip->setVector(*b, nameOf(v.bias));
        }
    }
}

bool WeightsPanel::savePng(const QString& path) {
    if (!m_content)
        return grab().save(path, "PNG");
    return m_content->grab().save(path, "PNG");
}

}  // namespace linearlab::ui
