#include "ui/collapse_lesson.h"

#include "ui/collapse_text.h"
#include "ui/heatmap_widget.h"

#include "core/nn/linear_geometry.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <limits>

namespace linearlab::ui {

namespace {

/// Multiplying more than this many values on each tick would slow the
/// window; the lesson then shows the shapes alone.
constexpr double kMaxProductFlops = 16e6;

QString sub(nn::Index i) {
    QString s;
    for (const QChar c : QString::number(i))
        s += QChar(0x2080 + c.digitValue());
    return s;
}

QString shape(nn::Index rows, nn::Index cols) {
    return QStringLiteral("(%1, %2)").arg(rows).arg(cols);
}

}  // namespace

CollapseLesson::CollapseLesson(QWidget* parent) : LessonView(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Run")));
    m_run = new QComboBox;
    m_run->setObjectName(QStringLiteral("collapseRun"));
    m_run->setAccessibleName(tr("Run of linear nodes"));
    top->addWidget(m_run, 1);
    layout->addLayout(top);
    m_formula = new QLabel;
    m_formula->setObjectName(QStringLiteral("collapseFormula"));
    m_formula->setWordWrap(true);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono = m_formula->font();
    mono.setStyleHint(QFont::Monospace);
    mono.setFamily(QStringLiteral("monospace"));
    m_formula->setFont(mono);
    layout->addWidget(m_formula);
    m_row = new QWidget;
    new QHBoxLayout(m_row);
    layout->addWidget(m_row, 1);
    m_weight = new HeatmapWidget;
    m_weight->setObjectName(QStringLiteral("collapseWeight"));
    rebuildFactors({});
    connect(m_run, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    refresh();
}

void CollapseLesson::rebuildFactors(const std::vector<QString>& captions) {
    if (captions == m_captions && m_row->layout()->count() > 0)
        return;
    m_captions = captions;
    auto* row = static_cast<QHBoxLayout*>(m_row->layout());
    m_weight->setParent(nullptr);  // kept: every other item goes
    while (QLayoutItem* item = row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_factors.clear();
    auto column = [&](HeatmapWidget* map, const QString& caption, int stretch) {
        auto* box = new QWidget;
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        auto* label = new QLabel(caption);
        label->setAlignment(Qt::AlignCenter);
        v->addWidget(label);
        v->addWidget(map, 1);
        row->addWidget(box, stretch);
    };
    auto sign = [&](const QString& text) {
        auto* label = new QLabel(text);
        QFont f = label->font();
        f.setPointSizeF(f.pointSizeF() * 1.6);
        label->setFont(f);
        row->addWidget(label);
    };
    for (size_t i = 0; i + 1 < captions.size(); ++i) {
        auto* map = new HeatmapWidget;
        map->setColorBarVisible(false);
        map->setObjectName(QStringLiteral("collapseFactor%1").arg(i));
        m_factors.push_back(map);
        if (i > 0)
            sign(QStringLiteral("@"));
        column(map, captions[i], 1);
    }
    if (!m_factors.empty())
        sign(QStringLiteral("="));
    column(m_weight, captions.empty() ? QString() : captions.back(), 2);
}

void CollapseLesson::setDesign(const train::Design& design) {
    m_design = design;
    m_snapshot.reset();
    m_runs = nn::findLinearRuns(design.inputFeatures, design.layers);
    const QSignalBlocker block(m_run);
    m_run->clear();
    for (const nn::LinearRun& run : m_runs)
        m_run->addItem(runLabel(run));
    m_run->setEnabled(m_runs.size() > 1);
    refresh();
}

void CollapseLesson::setSelectedNode(int node) {
    for (size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].contains(node))
            m_run->setCurrentIndex(static_cast<int>(i));
}

void CollapseLesson::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    m_snapshot = std::move(snapshot);
    refresh();
}

int CollapseLesson::currentRun() const {
    return m_runs.empty() ? -1 : m_run->currentIndex();
}

QString CollapseLesson::formulaText() const {
    return m_formula->text();
}

void CollapseLesson::refresh() {
    m_product.reset();
    const int index = currentRun();
    if (index < 0) {
        m_formula->setText(
            m_design.layers.empty()
                ? tr("No layers yet.")
                : tr("%1.\nTwo Linear layers with nothing between them (or only Identity or "
                     "Dropout) are one Linear: W = W₂W₁, b = W₂b₁ + "
                     "b\u2082.")
                      .arg(nothingToCollapseText(m_design.layers)));
        rebuildFactors({});
        m_weight->setPlaceholder(tr("nothing to collapse"));
        return;
    }
    const nn::LinearRun& run = m_runs[static_cast<size_t>(index)];
    // The run's Linears and their widths, from the design.
    const std::vector<nn::NodeShape> shapes =
        nn::inferShapes({1, m_design.inputFeatures}, m_design.layers);
    struct Factor {
        nn::Index node, in, out;
        bool bias;
    };
    std::vector<Factor> factors;
    QStringList passThrough;
    nn::Index width = run.in_features;
    double flops = 0;
    for (nn::Index k = run.first; k <= run.last; ++k) {
        const nn::LayerSpec& spec = m_design.layers[static_cast<size_t>(k)];
        const nn::Index out = shapes[static_cast<size_t>(k)].output.back();
        if (nn::isLinearNode(spec)) {
            factors.push_back({k, width, out, spec.bias});
            flops += double(out) * double(width) * double(run.in_features);
        } else {
            passThrough << tr("node %1 (%2)").arg(k).arg(QString::fromStdString(spec.type));
        }
        width = out;
    }
    QString product, shapes_, bias;
    std::vector<QString> captions;
    for (auto f = factors.rbegin(); f != factors.rend(); ++f)
        captions.push_back(QStringLiteral("W%1 %2").arg(sub(f->node), shape(f->out, f->in)));
    captions.push_back(tr("W %1%2")
                           .arg(shape(run.out_features, run.in_features))
                           .arg(run.bias ? tr(", b beside it") : QString()));
    rebuildFactors(captions);
    for (auto f = factors.rbegin(); f != factors.rend(); ++f) {
        product += (product.isEmpty() ? QString() : QStringLiteral(" ")) + "W" + sub(f->node);
        shapes_ += (shapes_.isEmpty() ? QString() : QStringLiteral(" @ ")) + shape(f->out, f->in);
    }
    for (const Factor& f : factors) {
        if (!bias.isEmpty())
            bias =
                "W" + sub(f.node) +
                (bias.contains(QLatin1Char('+')) ? "(" + bias + ")" : QStringLiteral(" ") + bias);
        if (f.bias)
            bias = bias.isEmpty() ? "b" + sub(f.node) : bias + " + b" + sub(f.node);
    }
    QStringList lines;
    lines << tr("%1: no nonlinearity between them, so x W\u1d40 + b with").arg(runLabel(run));
    lines << tr("W = %1 : %2 \u2192 %3")
                 .arg(product, shapes_, shape(run.out_features, run.in_features));
    lines << (run.bias ? tr("b = %1 : (%2,)").arg(bias).arg(run.out_features)
                       : tr("no bias: every Linear of the run has bias=False"));
    if (!passThrough.isEmpty())
        lines << tr("%1 passes x through%2", nullptr, static_cast<int>(passThrough.size()))
                     .arg(passThrough.join(QStringLiteral(", ")))
                     .arg(passThrough.join(QString()).contains(QStringLiteral("Dropout"))
                              ? tr(" (Dropout as in eval mode)")
                              : QString());

    // The numbers, from the snapshot's weights.
    const train::RunContext<float>* ctx = m_snapshot ? m_snapshot->context.get() : nullptr;
    std::vector<nn::LinearFactor<float>> values;
    if (ctx && flops <= kMaxProductFlops) {
        for (const Factor& f : factors) {
            nn::LinearFactor<float> v;
            for (size_t k = 0; k < ctx->parameterNames.size() && k < m_snapshot->parameters.size();
                 ++k) {
                if (ctx->parameterNodes[k] != f.node)
                    continue;
                const std::string& name = ctx->parameterNames[k];
                if (name == std::to_string(f.node) + ".weight")
                    v.weight = &m_snapshot->parameters[k];
                else if (name == std::to_string(f.node) + ".bias")
                    v.bias = &m_snapshot->parameters[k];
            }
            if (!v.weight || v.weight->cols() != f.in || v.weight->rows() != f.out)
                break;
            values.push_back(v);
        }
    }
    if (values.size() == factors.size() && !factors.empty()) {
        m_product = nn::composeAffine(run.in_features, values, run.bias);
        const nn::LinearGeometry g = nn::linearGeometry(m_product->weight.cast<double>(),
                                                        std::numeric_limits<float>::epsilon());
        lines << tr("rank %1 (at most %2, the narrowest width of the run)")
                     .arg(g.rank)
                     .arg(run.rankBound);
        for (size_t i = 0; i < m_factors.size(); ++i) {
            const size_t f = factors.size() - 1 - i;
            m_factors[i]->setMatrix(*values[f].weight,
                                    QStringLiteral("%1.weight").arg(factors[f].node));
        }
        m_weight->setMatrix(m_product->weight, QStringLiteral("W"));
        if (run.bias)
            m_weight->setBias(m_product->bias, QStringLiteral("b"));
        else
            m_weight->clearBias();
    } else {
        lines << tr("rank at most %1, the narrowest width of the run").arg(run.rankBound);
        for (HeatmapWidget* map : m_factors)
            map->setPlaceholder(QString(QChar(0x2026)));
        m_weight->setPlaceholder(ctx ? tr("too large to multiply on every step: linearlab-cli "
                                          "collapse computes it")
                                     : tr("waiting for the first snapshot\u2026"));
    }
    lines << tr("linearlab-cli collapse writes the design with this one Linear.");
    m_formula->setText(lines.join(QLatin1Char('\n')));
}

}  // namespace linearlab::ui
