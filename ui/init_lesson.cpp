#include "ui/init_lesson.h"

#include "ui/init_histogram.h"
#include "ui/lesson_parameter.h"

#include "core/nn/dtype.h"
#include "core/nn/init_distribution.h"

#include <QCoreApplication>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace linearlab::ui {

namespace {

using Kind = nn::InitDistribution::Kind;

QString shapeText(const nn::Shape& shape) {
    QStringList dims;
    for (nn::Index d : shape)
        dims << QString::number(d);
    return QStringLiteral("(%1%2)").arg(dims.join(QStringLiteral(", ")),
                                        shape.size() == 1 ? QStringLiteral(",") : QString());
}

QString number(double v) {
    return QString::fromStdString(nn::initNumber(v));
}

/// "U(−0.2236, 0.2236)", "N(0, 0.05²)", ...
QString distributionText(const nn::InitDistribution& d) {
    switch (d.kind) {
        case Kind::Uniform:
            return QStringLiteral("U(%1, %2)").arg(number(d.low), number(d.high));
        case Kind::Normal:
            return QStringLiteral("N(%1, %2²)").arg(number(d.mean), number(d.std));
        case Kind::TruncatedNormal:
            return QCoreApplication::translate("linearlab::ui::InitLesson",
                                               "N(%1, %2²) cut to [%3, %4]")
                .arg(number(d.mean), number(d.std), number(d.low), number(d.high));
        case Kind::Constant:
            return QCoreApplication::translate("linearlab::ui::InitLesson", "the constant %1")
                .arg(number(d.value));
        case Kind::Eye:
            return QCoreApplication::translate("linearlab::ui::InitLesson", "the identity");
        case Kind::Orthogonal:
            return QCoreApplication::translate("linearlab::ui::InitLesson",
                                               "an orthogonal matrix times %1")
                .arg(number(d.value));
    }
    return {};
}

}  // namespace

InitLesson::InitLesson(QWidget* parent) : LessonView(parent) {
    auto* layout = new QVBoxLayout(this);
    m_header = new QLabel;
    m_weight = new QLabel;
    m_bias = new QLabel;
    m_seed = new QLabel;
    for (QLabel* l : {m_header, m_weight, m_bias, m_seed}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_seed->setTextFormat(Qt::RichText);
    m_histogram = new InitHistogram;
    layout->addWidget(m_header);
    layout->addWidget(m_weight);
    layout->addWidget(m_histogram, 1);
    layout->addWidget(m_bias);
    layout->addWidget(m_seed);
    refresh();
}

void InitLesson::setDesign(const train::Design& design) {
    m_design = design;
    m_hasDesign = true;
    refresh();
}

void InitLesson::setSelectedNode(int node) {
    m_node = node;
    refresh();
}

void InitLesson::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    // Only the context matters: the initial weights stay fixed for a run.
    if (!snapshot || snapshot->context == m_context)
        return;
    m_context = snapshot->context;
    refresh();
}

QString InitLesson::formulaText() const {
    return m_weight->text();
}

QString InitLesson::seedText() const {
    return m_seed->text();
}

QString InitLesson::torchPrint(const std::vector<float>& values) {
    // torch's _Formatter: integers print as "1.", otherwise 4 decimals, or
    // scientific notation when the nonzero magnitudes span more than 1000x, reach
    // 1e8 or fall below 1e-4; every entry
    // right-aligned to the widest.
    bool integers = true;
    double largest = 0, smallest = INFINITY;
    for (float v : values) {
        integers = integers && std::isfinite(v) && std::nearbyint(v) == v;
        const double a = std::abs(static_cast<double>(v));
        if (std::isfinite(a) && a > 0) {
            largest = std::max(largest, a);
            smallest = std::min(smallest, a);
        }
    }
    const bool sci =
        !integers && largest > 0 && (largest / smallest > 1000 || largest > 1e8 || smallest < 1e-4);
    QStringList texts;
    int width = 0;
    for (float v : values) {
        const double d = static_cast<double>(v);
        QString t = integers ? QString::number(d, 'f', 0) + QLatin1Char('.')
                    : sci    ? QString::number(d, 'e', 4)
                             : QString::number(d, 'f', 4);
        width = std::max(width, static_cast<int>(t.size()));
        texts << t;
    }
    for (QString& t : texts)
        t = t.rightJustified(width);
    return QStringLiteral("tensor([%1])").arg(texts.join(QStringLiteral(", ")));
}

void InitLesson::refresh() {
    m_weightName.clear();
    m_bound = m_std = 0;
    const int w = m_context ? lessonWeightIndex(*m_context, m_node) : -1;
    if (!m_hasDesign || w < 0) {
        m_header->setText(
            tr("Select a layer with a weight, and its initial values are explained "
               "here once the run has them."));
        m_weight->clear();
        m_bias->clear();
        m_seed->clear();
        m_histogram->setValues({}, {});
        return;
    }
    const train::RunContext<float>& c = *m_context;
    const auto node = c.parameterNodes[static_cast<size_t>(w)];
    if (node >= static_cast<nn::Index>(m_design.layers.size()))
        return;  // a context of another design: the next snapshot brings the new one
    const nn::LayerSpec& spec = m_design.layers[static_cast<size_t>(node)];
    const nn::InitSpec& scheme = spec.init ? *spec.init : m_design.weightInit;
    const nn::Shape& shape = c.parameterShapes[static_cast<size_t>(w)];
    m_weightName = QString::fromStdString(c.parameterNames[static_cast<size_t>(w)]);

    m_header->setText(tr("Node %1: %2. Its reset_parameters() draws the weight and bias when "
                         "the layer is built.")
                          .arg(node)
                          .arg(QString::fromStdString(c.nodeReprs[static_cast<size_t>(node)])));
    nn::InitDistribution d, bd;
    try {
        d = nn::parameterInit(spec, "weight", shape, scheme);
        bd = nn::parameterInit(spec, "bias", shape, scheme);  // a scheme sets weights only
    } catch (const std::invalid_argument&) {
        return;  // the design changed under this run's context: the next snapshot fits
    }
    m_bound = d.kind == Kind::Uniform ? d.high : 0;
    m_std = d.kind == Kind::Normal || d.kind == Kind::TruncatedNormal ? d.std : 0;
    const nn::Matrix<float>& values = c.initialParameters[static_cast<size_t>(w)];
    m_weight->setText(tr("%1 %2 ~ %3\n%4\n%5\nBars: its %6 initial values; line: what %3 "
                         "expects in each bin.")
                          .arg(m_weightName, shapeText(shape), distributionText(d),
                               QString::fromStdString(d.call), QString::fromStdString(d.formula))
                          .arg(values.size()));
    m_histogram->setValues(values, d);

    const int b = lessonBiasIndex(c, w);
    if (b >= 0) {
        m_bias->setText(tr("%1 %2 ~ %3: %4, %5")
                            .arg(QString::fromStdString(c.parameterNames[static_cast<size_t>(b)]),
                                 shapeText(c.parameterShapes[static_cast<size_t>(b)]),
                                 distributionText(bd), QString::fromStdString(bd.call),
                                 QString::fromStdString(bd.formula)));
    } else {
        m_bias->setText(tr("No bias (bias=False)."));
    }

    // The first values of the weight's first row, as torch prints them.
    std::vector<float> first;
    const nn::Index count = std::min<nn::Index>(4, values.cols());
    for (nn::Index i = 0; i < count; ++i)
        first.push_back(values(0, i));
    QString index = QStringLiteral("[0, :%1]").arg(count);
    if (shape.size() == 3)  // Bilinear: the (out, in1*in2) matrix holds weight[0, 0, :] first
        index = QStringLiteral("[0, 0, :%1]").arg(std::min<nn::Index>(count, shape[2]));
    if (shape.size() == 3)
        first.resize(static_cast<size_t>(std::min<nn::Index>(count, shape[2])));
    QString printed = torchPrint(first);
    if (m_design.dtype == nn::DType::Float64)
        printed.insert(printed.size() - 1, QStringLiteral(", dtype=torch.float64"));
    m_seed->setText(
        tr("The seed makes these exact numbers: in PyTorch, <pre>torch.manual_seed(%1)\n"
           "model = ...  # the layers in this order, as File &gt; Export PyTorch Code writes "
           "them\nmodel.state_dict()['%2']%3\n%4</pre>draws the same values, bit for bit.")
            .arg(m_design.seed)
            .arg(m_weightName, index, printed.toHtmlEscaped()));
}

}  // namespace linearlab::ui
