#include "ui/explainer_lesson.h"

#include "ui/heatmap_widget.h"

#include "core/nn/layer_table.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace linearlab::ui {

using nn::Index;

namespace {

/// Pixels a cell takes at most and at least (a hoverable cell).
constexpr int kLargestCell = 16;
constexpr int kSmallestCell = 4;

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The layer table's linear family: the layers whose weight is an A of y = xAᵀ + b.
bool explainable(const std::string& type) {
    const nn::LayerType* t = nn::findLayerType(type);
    return t && t->hasParameters && t->takesInitScheme;
}

/// "Linear, NonDynamicallyQuantizableLinear, LazyLinear or Bilinear", from the table.
QString explainableNames() {
    QStringList names;
    for (const nn::LayerType& t : nn::layerTable())
        if (t.hasParameters && t.takesInitScheme)
            names << QString::fromStdString(t.name);
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return QCoreApplication::translate("linearlab::ui::ExplainerLesson", "%1 or %2")
        .arg(names.join(QStringLiteral(", ")), last);
}

float maxAbs(const nn::Matrix<float>& m) {
    // PropagateNumbers skips NaN, so a NaN weight never becomes the scale.
    return m.size() == 0 ? 0.0f : m.array().abs().maxCoeff<Eigen::PropagateNumbers>();
}

QString tuple(const nn::Shape& shape) {
    return QString::fromStdString(nn::shapeTuple(shape));
}

QLabel* caption(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    return label;
}

}  // namespace

/// What one snapshot gives the explained node: pointers into the snapshot.
struct ExplainerLesson::Operands {
    const nn::Matrix<float>* weight = nullptr;
    const nn::Matrix<float>* bias = nullptr;
    nn::Shape weightShape;
    const nn::Matrix<float>* x = nullptr;
    const nn::Matrix<float>* x2 = nullptr;
    const nn::Matrix<float>* y = nullptr;
    Index rows = 0;  ///< N: the probe's training samples
    QString weightName, biasName;
    QString xSource;  ///< where x comes from, in words
};

ExplainerLesson::ExplainerLesson(QWidget* parent) : LessonView(parent) {
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);
    m_messageLabel = new QLabel(this);
    m_messageLabel->setWordWrap(true);
    layout->addWidget(m_messageLabel);
    m_formula = new QLabel(this);
    m_shapes = new QLabel(this);
    m_batch = new QLabel(this);
    m_batch->setWordWrap(true);
    for (QLabel* l : {m_formula, m_shapes})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_formula);
    layout->addWidget(m_shapes);
    layout->addWidget(m_batch);

    // One above the other: side by side they made the Learn dock wider than a
    // 1280-pixel screen leaves it at large font sizes.
    auto* toggles = new QVBoxLayout;
    m_storedBox = new QCheckBox(tr("A as PyTorch stores it (out_features, in_features)"), this);
    m_tutorialBox = new QCheckBox(tr("As the tutorial writes it (output = input * W + b)"), this);
    toggles->addWidget(m_storedBox);
    toggles->addWidget(m_tutorialBox);
    layout->addLayout(toggles);

    m_sum = new QLabel(this);
    m_sum->setWordWrap(true);
    m_sum->setTextFormat(Qt::PlainText);
    m_sum->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sum->setMinimumHeight(2 * m_sum->fontMetrics().height());
    layout->addWidget(m_sum);

    m_maps = new QWidget;
    m_grid = new QGridLayout(m_maps);
    m_grid->setHorizontalSpacing(12);
    m_grid->setVerticalSpacing(2);
    m_grid->setColumnStretch(5, 1);
    m_grid->setRowStretch(4, 1);
    m_xCaption = caption(m_maps);
    m_x2Caption = caption(m_maps);
    m_weightCaption = caption(m_maps);
    m_yCaption = caption(m_maps);
    m_biasCaption = caption(m_maps);
    m_x = new HeatmapWidget(m_maps);
    m_x2 = new HeatmapWidget(m_maps);
    m_weight = new HeatmapWidget(m_maps);
    m_biasVector = new HeatmapWidget(m_maps);
    m_y = new HeatmapWidget(m_maps);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(m_maps);
    m_scroll->installEventFilter(this);
    layout->addWidget(m_scroll, 1);

    connect(m_storedBox, &QCheckBox::toggled, this, &ExplainerLesson::setStoredLayout);
    connect(m_tutorialBox, &QCheckBox::toggled, this, &ExplainerLesson::setTutorialNotation);
    // Hovering y[n, j] explains it; the last one stays when the mouse leaves, and a click picks it.
    connect(m_y, &HeatmapWidget::cellHovered, this, [this](int row, int col) {
        if (row >= 0)
            setCell(row, col);
    });
    connect(m_y, &HeatmapWidget::cellClicked, this, &ExplainerLesson::setCell);
    showMessage(tr("No network yet."));
}

void ExplainerLesson::setDesign(const train::Design& design) {
    m_design = design;
    m_hasDesign = true;
    refresh();
}

void ExplainerLesson::setSelectedNode(int node) {
    m_selected = node;
    refresh();
}

void ExplainerLesson::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    if (!snapshot || !snapshot->context)
        return;
    m_snapshot = std::move(snapshot);
    refresh();
}

void ExplainerLesson::setStoredLayout(bool stored) {
    m_stored = stored;
    const QSignalBlocker block(m_storedBox);
    m_storedBox->setChecked(stored);
    refresh();
}

void ExplainerLesson::setTutorialNotation(bool tutorial) {
    m_tutorial = tutorial;
    const QSignalBlocker block(m_tutorialBox);
    m_tutorialBox->setChecked(tutorial);
    refresh();
}

void ExplainerLesson::setCell(int n, int j) {
    if (n < 0 || j < 0)
        return;
    m_cellN = n;
    m_cellJ = j;
    if (m_node >= 0)
        showCell();
}

QString ExplainerLesson::message() const {
    return m_messageLabel->isHidden() ? QString() : m_messageLabel->text();
}

QString ExplainerLesson::formulaText() const {
    return m_formula->text();
}

QString ExplainerLesson::shapeText() const {
    return m_shapes->text();
}

QString ExplainerLesson::batchText() const {
    return m_batch->text();
}

QString ExplainerLesson::weightCaption() const {
    return m_weightCaption->text();
}

QString ExplainerLesson::sumText() const {
    return m_sumText;
}

int ExplainerLesson::chooseNode() const {
    const auto& types = m_snapshot->context->nodeTypes;
    const int count = static_cast<int>(types.size());
    if (m_selected >= 0)
        return m_selected < count && explainable(types[m_selected]) ? m_selected : -1;
    for (int i = 0; i < count; ++i)
        if (explainable(types[i]))
            return i;
    return -1;
}

QString ExplainerLesson::gather(Operands& o) const {
    const train::Snapshot<float>& s = *m_snapshot;
    const train::RunContext<float>& ctx = *s.context;
    for (int i = 0; i < static_cast<int>(ctx.parameterNodes.size()); ++i) {
        if (ctx.parameterNodes[i] != m_node || i >= static_cast<int>(s.parameters.size()))
            continue;
        if (endsWith(ctx.parameterNames[i], ".weight")) {
            o.weight = &s.parameters[i];
            o.weightShape = ctx.parameterShapes[i];
            o.weightName = QString::fromStdString(ctx.parameterNames[i]);
        } else if (endsWith(ctx.parameterNames[i], ".bias")) {
            o.bias = &s.parameters[i];
            o.biasName = QString::fromStdString(ctx.parameterNames[i]);
        }
    }
    const auto node = static_cast<size_t>(m_node);
    if (!o.weight || s.probeOutputs.size() <= node || s.probeOutputs[node].size() == 0)
        return tr("%1's in_features is inferred from the first batch: take a step to see its A "
                  "and b.")
            .arg(QString::fromStdString(ctx.nodeTypes[node]));
    auto nodeInput = [&](Index k) -> const nn::Matrix<float>* {
        return k < 0 ? &ctx.probeInputs : &s.probeOutputs[static_cast<size_t>(k)];
    };
    o.x = nodeInput(m_node - 1);
    o.xSource = m_node == 0 ? tr("the network input")
                            : tr("node %1's output (%2)")
                                  .arg(m_node - 1)
                                  .arg(QString::fromStdString(ctx.nodeTypes[node - 1]));
    o.x2 = o.x;
    if (m_bilinear && m_hasDesign && node < m_design.layers.size()) {
        const nn::SecondInput& in2 = m_design.layers[node].input2;
        if (in2.kind == nn::SecondInput::Kind::Input)
            o.x2 = nodeInput(-1);
        else if (in2.kind == nn::SecondInput::Kind::Node && in2.node >= 0 && in2.node < m_node)
            o.x2 = nodeInput(in2.node);
    }
    o.y = &s.probeOutputs[node];
    o.rows = std::min({ctx.probeSamples, o.x->rows(), o.x2->rows(), o.y->rows()});
    // The design and the snapshot agree on the shapes (an edit waits for the rebuilt run).
    const Index out = o.weightShape.empty() ? 0 : o.weightShape[0];
    const Index in1 = o.weightShape.size() > 1 ? o.weightShape[1] : 0;
    const bool fits =
        o.y->cols() == out && o.x->cols() == in1 &&
        (!m_bilinear || (o.weightShape.size() == 3 && o.x2->cols() == o.weightShape[2]));
    if (!fits || o.rows <= 0)
        return tr(
            "The design changed: its numbers follow with the rebuilt network's first "
            "snapshot.");
    return {};
}

void ExplainerLesson::refresh() {
    m_node = -1;
    if (!m_snapshot) {
        m_title->setText(lessonTitle());
        showMessage(tr("The explainer shows the engine's numbers once the network is built."));
        return;
    }
    const train::RunContext<float>& ctx = *m_snapshot->context;
    const int node = chooseNode();
    if (node < 0) {
        m_title->setText(lessonTitle());
        const QString names = explainableNames();
        if (m_selected >= 0 && m_selected < static_cast<int>(ctx.nodeTypes.size()))
            showMessage(tr("Node %1 is %2. Select a %3 node to see its y = xA\u1d40 + b.")
                            .arg(m_selected)
                            .arg(QString::fromStdString(ctx.nodeTypes[m_selected]), names));
        else
            showMessage(tr("Select a %1 node to see its y = xA\u1d40 + b.").arg(names));
        return;
    }
    m_title->setText(
        QStringLiteral("%1: %2").arg(node).arg(QString::fromStdString(ctx.nodeReprs[node])));
    m_node = node;
    // A Bilinear's weight is (out, in1, in2): its rank says which product this is.
    m_bilinear = false;
    for (size_t i = 0; i < ctx.parameterNodes.size(); ++i)
        if (ctx.parameterNodes[i] == node && endsWith(ctx.parameterNames[i], ".weight"))
            m_bilinear = ctx.parameterShapes[i].size() == 3;
    Operands o;
    const QString missing = gather(o);
    if (!missing.isEmpty()) {
        m_node = -1;
        showMessage(missing);
        return;
    }
    showOperands(o);
    showCell();
}

void ExplainerLesson::showMessage(const QString& text) {
    m_messageLabel->setText(text);
    m_messageLabel->setVisible(true);
    for (QWidget* w : std::initializer_list<QWidget*>{m_formula, m_shapes, m_batch, m_storedBox,
                                                      m_tutorialBox, m_sum, m_scroll})
        w->setVisible(false);
}

void ExplainerLesson::showOperands(const Operands& o) {
    m_messageLabel->setVisible(false);
    for (QWidget* w : std::initializer_list<QWidget*>{m_formula, m_shapes, m_batch, m_storedBox,
                                                      m_tutorialBox, m_sum, m_scroll})
        w->setVisible(true);
    m_storedBox->setEnabled(!m_bilinear);
    m_tutorialBox->setEnabled(!m_bilinear);
    const Index n = o.rows;
    m_xValues = o.x->topRows(n);
    m_x2Values = o.x2->topRows(n);
    m_yValues = o.y->topRows(n);
    m_weightValues = *o.weight;
    if (o.bias)
        m_biasValues = *o.bias;
    else
        m_biasValues.resize(0, 0);
    m_weightName = o.weightName;
    m_biasName = o.biasName;

    const Index out = o.weightShape[0], in = o.weightShape[1];
    const bool bias = o.bias != nullptr;
    const nn::Shape xShape{n, in}, yShape{n, out}, bShape{out};
    const bool tutorial = m_tutorial && !m_bilinear;
    m_shapeText = productShapes(o.weightShape, n, bias,
                                tutorial ? SumNotation::Tutorial : SumNotation::PyTorch);
    if (m_bilinear)
        m_formulaText =
            tr("y_k = x1\u1d40 A_k x2 + b_k   (A = %1, slice k per output)").arg(m_weightName);
    else if (tutorial)
        m_formulaText = tr("output = input * W + b,   W = A\u1d40 = %1.T").arg(m_weightName);
    else
        m_formulaText = bias
                            ? tr("y = xA\u1d40 + b,   A = %1, b = %2").arg(m_weightName, m_biasName)
                            : tr("y = xA\u1d40,   A = %1").arg(m_weightName);
    const Index batch = m_hasDesign ? m_design.batch.size : 0;
    m_batchText = tr("N = %1: x is %2 for the first %1 training samples").arg(n).arg(o.xSource);
    if (batch > n)
        m_batchText += tr("; a batch of %1 (batch.size) goes through the same A and b, one row "
                          "per sample")
                           .arg(batch);
    m_batchText += tr(". An input (*, %1) flattens its leading dims into N.").arg(in);
    m_formula->setText(m_formulaText);
    m_shapes->setText(m_shapeText);
    m_batch->setText(m_batchText);

    // Names as a PyTorch user indexes them, and axes that say what they are.
    const QString x = m_bilinear ? QStringLiteral("x1")
                      : tutorial ? QStringLiteral("input")
                                 : QStringLiteral("x");
    const QString y = tutorial ? QStringLiteral("output") : QStringLiteral("y");
    m_x->setMatrix(m_xValues, x);
    m_x->setAxisTitles(tr("sample n"), m_bilinear ? tr("input1 i") : tr("input i"));
    m_y->setMatrix(m_yValues, y);
    m_y->setAxisTitles(tr("sample n"), m_bilinear ? tr("output k") : tr("output j"));
    m_xCaption->setText(QStringLiteral("%1 %2").arg(x, tuple(xShape)));
    m_yCaption->setText(QStringLiteral("%1 %2").arg(y, tuple(yShape)));
    m_x2->setVisible(m_bilinear);
    m_x2Caption->setVisible(m_bilinear);
    m_biasVector->setVisible(m_bilinear && bias);
    m_biasCaption->setVisible(m_bilinear && bias);
    // The grid is rebuilt only when what it holds changes, not on every snapshot.
    const std::array<Index, 8> placement{
        m_node, m_bilinear, m_stored, bias,
        n,      in,         out,      o.weightShape.size() > 2 ? o.weightShape[2] : 0};
    const bool replace = placement != m_placement;
    m_placement = placement;
    if (replace)
        for (QWidget* w : std::initializer_list<QWidget*>{m_x, m_xCaption, m_x2, m_x2Caption,
                                                          m_weight, m_weightCaption, m_y,
                                                          m_yCaption, m_biasVector, m_biasCaption})
            m_grid->removeWidget(w);
    const auto left = Qt::AlignLeft | Qt::AlignTop;
    const auto below = Qt::AlignLeft | Qt::AlignBottom;
    if (m_bilinear) {
        const Index in2 = o.weightShape[2];
        m_x2->setMatrix(m_x2Values, QStringLiteral("x2"));
        m_x2->setAxisTitles(tr("sample n"), tr("input2 j"));
        m_x2Caption->setText(QStringLiteral("x2 %1").arg(tuple({n, in2})));
        m_weight->clearBias();
        m_weight->setTransposed(false);
        m_weight->setAxisTitles(tr("input1 i"), tr("input2 j"));
        // Every slice A[k] and b on one scale, so their colours compare as k changes;
        // the slice's colour bar gives it for both.
        const float scale = std::max(maxAbs(m_weightValues), maxAbs(m_biasValues));
        m_weight->setAbsMax(scale);
        m_biasVector->setAbsMax(scale);
        m_biasVector->setColorBarVisible(false);
        if (bias) {
            m_biasVector->setVector(m_biasValues, m_biasName);
            m_biasVector->setAxisTitles(tr("output k"), {});
            m_biasCaption->setText(QStringLiteral("b = %1 %2").arg(m_biasName, tuple(bShape)));
        }
        if (replace) {
            m_grid->addWidget(m_xCaption, 0, 0, below);
            m_grid->addWidget(m_x, 1, 0, left);
            m_grid->addWidget(m_weightCaption, 0, 1, below);
            m_grid->addWidget(m_weight, 1, 1, left);
            m_grid->addWidget(m_x2Caption, 0, 2, below);
            m_grid->addWidget(m_x2, 1, 2, left);
            // One row: y_k = x1ᵀ A_k x2 + b_k read left to right, y beside it.
            m_grid->addWidget(m_yCaption, 0, 3, below);
            m_grid->addWidget(m_y, 1, 3, left);
            m_grid->addWidget(m_biasCaption, 0, 4, below);
            m_grid->addWidget(m_biasVector, 1, 4, left);
        }
    } else {
        // Aᵀ sits above y so its column j is y's column j; x sits left of y, row for row.
        m_weight->setAbsMax(0);  // the weight's own scale, its bias strip on it
        if (bias)
            m_weight->setBias(m_biasValues, m_biasName);
        else
            m_weight->clearBias();
        m_weight->setMatrix(m_weightValues, m_weightName);
        m_weight->setTransposed(!m_stored);
        m_weight->setAxisTitles(tr("output j"), tr("input i"));
        const QString b =
            bias ? QStringLiteral(", b = %1 %2 %3")
                       .arg(m_biasName, tuple(bShape), m_stored ? tr("beside") : tr("below"))
                 : QString();
        // The caption names what is drawn: the stored A, or Aᵀ (the tutorial's W).
        m_weightCaption->setText(
            m_stored ? QStringLiteral("A = %1 %2%3%4")
                           .arg(m_weightName, tuple({out, in}), b,
                                tutorial ? QStringLiteral(" (W = A\u1d40)") : QString())
            : tutorial
                ? QStringLiteral("W = A\u1d40 = %1.T %2%3").arg(m_weightName, tuple({in, out}), b)
                : QStringLiteral("A\u1d40 = %1.T %2%3").arg(m_weightName, tuple({in, out}), b));
        if (replace) {
            m_grid->addWidget(m_weightCaption, 0, 1, below);
            m_grid->addWidget(m_weight, 1, 1, left);
            m_grid->addWidget(m_xCaption, 2, 0, below);
            m_grid->addWidget(m_x, 3, 0, left);
            m_grid->addWidget(m_yCaption, 2, 1, below);
            m_grid->addWidget(m_y, 3, 1, left);
        }
    }
    if (replace)
        fitCells();
}

void ExplainerLesson::showCell() {
    const Index rows = m_yValues.rows(), out = m_yValues.cols();
    if (rows == 0 || out == 0)
        return;
    const int n = static_cast<int>(std::min<Index>(m_cellN, rows - 1));
    const int j = static_cast<int>(std::min<Index>(m_cellJ, out - 1));
    const bool bias = m_biasValues.size() > 0;
    const std::optional<float> b = bias ? std::optional<float>(m_biasValues(j)) : std::nullopt;
    m_y->setHighlight(QRect(j, n, 1, 1));
    if (m_bilinear) {
        const Index in1 = m_xValues.cols(), in2 = m_x2Values.cols();
        const Eigen::Map<const nn::Matrix<float>> slice(m_weightValues.data() + j * in1 * in2, in1,
                                                        in2);
        m_weight->setMatrix(slice, m_weightName, j);
        m_weightCaption->setText(
            QStringLiteral("A[%1] = %2[%1] %3").arg(j).arg(m_weightName, tuple({in1, in2})));
        m_x->setHighlight(QRect(0, n, static_cast<int>(in1), 1));
        m_x2->setHighlight(QRect(0, n, static_cast<int>(in2), 1));
        m_weight->setHighlight(QRect());
        m_biasVector->setHighlight(bias ? QRect(0, j, 1, 1) : QRect());
        showSum(bilinearSumText(n, j, m_xValues.row(n).data(), in1, m_x2Values.row(n).data(), in2,
                                slice.data(), b, m_yValues(n, j)));
        fitCells();
        return;
    }
    const Index in = m_xValues.cols();
    m_x->setHighlight(QRect(0, n, static_cast<int>(in), 1));
    // Row j of A is column j of Aᵀ.
    m_weight->setHighlight(m_stored ? QRect(0, j, static_cast<int>(in), 1)
                                    : QRect(j, 0, 1, static_cast<int>(in)));
    m_weight->setBiasHighlight(bias ? j : -1);
    const SumNotation notation = m_tutorial ? SumNotation::Tutorial : SumNotation::PyTorch;
    QString text = linearSumText(n, j, m_xValues.row(n).data(), m_weightValues.row(j).data(), in, b,
                                 m_yValues(n, j), notation);
    if (m_tutorial)
        text += tr("   (W[i, %1] = A[%1, i])").arg(j);
    showSum(text);
}

void ExplainerLesson::showSum(const QString& text) {
    m_sumText = text;
    // A wrapped sum breaks between terms, never inside one: Qt's line breaker would
    // split "(-0.4185)" after a middle dot, so a word joiner holds each term's
    // characters together (its spaces, as in "(12 smaller terms: …)", may still break).
    static const QRegularExpression separators(QStringLiteral(" [+=] "));
    QString shown;
    shown.reserve(text.size() * 2);
    qsizetype from = 0;
    auto piece = [&](qsizetype to) {
        for (qsizetype c = from; c < to; ++c) {
            if (c > from && text[c] != QLatin1Char(' ') && text[c - 1] != QLatin1Char(' '))
                shown += QChar(0x2060);
            shown += text[c];
        }
    };
    for (auto it = separators.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        piece(m.capturedStart());
        shown += m.captured();
        from = m.capturedEnd();
    }
    piece(text.size());
    m_sum->setText(shown);
}

void ExplainerLesson::fitCells() {
    if (m_node < 0)
        return;
    // One cell size for every map, so x's rows meet y's and Aᵀ's columns meet y's: the
    // largest that fits the view (Linear: x beside Aᵀ over y; Bilinear: x1, A[k], x2, y and
    // b in a row), each map's titles and colour bar measured at that size.
    const Index largest = std::max(
        {m_xValues.cols(), m_yValues.cols(), m_yValues.rows(), m_x2Values.cols(), Index(1)});
    const int limit = std::max(1, HeatmapWidget::kMaxMinimumExtent / static_cast<int>(largest));
    const int spacing = m_grid->horizontalSpacing();
    const int caption = m_xCaption->sizeHint().height() + m_grid->verticalSpacing();
    // The view without scroll bars: what the maps may take before one appears.
    const QMargins margins = m_grid->contentsMargins();
    const QSize room = m_scroll->maximumViewportSize() -
                       QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
    // The maps' extent at `cell`: across and down.
    auto extent = [&](int cell) {
        for (HeatmapWidget* h : {m_x, m_x2, m_weight, m_biasVector, m_y})
            h->setCellSize(cell);
        const QSize x = m_x->minimumSizeHint(), w = m_weight->minimumSizeHint(),
                    y = m_y->minimumSizeHint();
        if (m_bilinear) {
            const QSize x2 = m_x2->minimumSizeHint(), b = m_biasVector->minimumSizeHint();
            return QSize(
                x.width() + w.width() + x2.width() + y.width() + b.width() + 4 * spacing,
                std::max({x.height(), w.height(), x2.height(), y.height(), b.height()}) + caption);
        }
        return QSize(x.width() + std::max(w.width(), y.width()) + spacing,
                     w.height() + std::max(x.height(), y.height()) + 2 * caption);
    };
    // The largest cell that fits both ways; when the titles and colour bars alone are
    // wider than the view, the largest that fits down (the view then scrolls across).
    const int smallest = std::min(kSmallestCell, limit);
    int cell = 0, down = 0;
    for (int c = std::min(kLargestCell, limit); c >= smallest && cell == 0; --c) {
        const QSize e = extent(c);
        if (e.height() <= room.height() && e.width() <= room.width()) {
            cell = c;
            continue;
        }
        // Too wide whatever the cell: a horizontal scroll bar takes its height from the view.
        if (down == 0 &&
            e.height() + m_scroll->horizontalScrollBar()->sizeHint().height() <= room.height())
            down = c;
    }
    if (cell == 0)
        cell = down > 0 ? down : smallest;
    for (HeatmapWidget* h : {m_x, m_x2, m_weight, m_biasVector, m_y}) {
        h->setCellSize(cell);
        h->setFixedSize(h->minimumSizeHint());
    }
}

bool ExplainerLesson::eventFilter(QObject* watched, QEvent* event) {
    // The view changes size with the dock and with the text above it (a sum of
    // two lines or three): the cells follow.
    if (watched == m_scroll && event->type() == QEvent::Resize)
        fitCells();
    return LessonView::eventFilter(watched, event);
}

}  // namespace linearlab::ui
