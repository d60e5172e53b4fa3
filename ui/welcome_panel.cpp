#include "ui/welcome_panel.h"

#include "core/nn/collapse.h"
#include "core/nn/layer_table.h"
#include "ui/node_info.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

namespace linearlab::ui {

namespace {

const QString kShowKey = QStringLiteral("help/showWelcome");

QLabel* richLabel() {
    auto* label = new QLabel;
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

}  // namespace

std::optional<LinearShapes> firstLinearShapes(const train::Design& design) {
    const std::vector<NodeInfo> infos = describeNodes(design);
    for (size_t i = 0; i < design.layers.size() && i < infos.size(); ++i) {
        const nn::LayerSpec& spec = design.layers[i];
        const nn::LayerType* type = nn::findLayerType(spec.type);
        if (!type || !nn::isLinearNode(spec))  // one (out_features, in_features) weight
            continue;
        // Its input is the network's or the previous node's output, as inferred.
        const nn::Index in = i == 0 ? design.inputFeatures : infos[i - 1].width;
        if (!infos[i].error.isEmpty() || in <= 0 || infos[i].width <= 0)
            return std::nullopt;
        LinearShapes s;
        s.node = static_cast<int>(i);
        s.constructor = QString::fromStdString(type->pythonConstructor(spec));
        s.batch = design.batch.size;
        s.inFeatures = in;
        s.outFeatures = infos[i].width;
        s.bias = spec.bias;
        return s;
    }
    return std::nullopt;
}

WelcomePanel::WelcomePanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("welcomePanel"));
    setAccessibleName(tr("Welcome"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    auto* what = new QVBoxLayout;
    m_heading = richLabel();
    m_shapes = richLabel();
    what->addWidget(m_heading);
    what->addWidget(m_shapes);
    what->addStretch(1);
    layout->addLayout(what, 3);
    m_howTo = richLabel();
    layout->addWidget(m_howTo, 2);

    auto* buttons = new QVBoxLayout;
    m_tour = new QPushButton(tr("Take the &Tour"));
    m_tour->setToolTip(tr("Four steps: train, hover a weight, add a layer, export"));
    m_close = new QPushButton(tr("Close"));
    m_startup = new QCheckBox(tr("Show at startup"));
    m_startup->setChecked(showAtStartup());
    buttons->addWidget(m_tour);
    buttons->addWidget(m_close);
    buttons->addWidget(m_startup);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_tour, &QPushButton::clicked, this, &WelcomePanel::tourRequested);
    connect(m_close, &QPushButton::clicked, this, &WelcomePanel::closeRequested);
    connect(m_startup, &QCheckBox::toggled, this, &WelcomePanel::setShowAtStartup);
    updateHowTo();
}

void WelcomePanel::setDesign(const train::Design& design) {
    const std::optional<LinearShapes> s = firstLinearShapes(design);
    m_shapes->setVisible(s.has_value());
    if (!s) {
        m_heading->setText(
            tr("<b>Welcome to LinearLab.</b> This design has no Linear layer for this panel to "
               "describe; File &gt; New opens the seed example, one Linear layer."));
        fitHeightToText();
        return;
    }
    const QString formula = s->bias ? tr("y = xAᵀ + b") : tr("y = xAᵀ");
    const QString where =
        s->node == 0 ? tr("This design starts with") : tr("Node %1 of this design is").arg(s->node);
    m_heading->setText(tr("<b>Welcome to LinearLab.</b> %1 <code>%2</code>, which computes "
                          "<b>%3</b> for each batch of %4 samples:")
                           .arg(where, s->constructor.toHtmlEscaped(), formula)
                           .arg(s->batch));
    // One column per tensor: its name, its shape as rows×columns, what the numbers are.
    const QString x = QString::number(s->batch);
    const QString in = QString::number(s->inFeatures);
    const QString out = QString::number(s->outFeatures);
    struct Column {
        QString name, shape, meaning;
    };
    std::vector<Column> columns{
        {tr("x, the input"), tr("%1×%2").arg(x, in), tr("%1 samples × in_features %2").arg(x, in)},
        {tr("A, the weight"), tr("%1×%2").arg(out, in),
         tr("out_features %1 × in_features %2").arg(out, in)},
    };
    if (s->bias)
        columns.push_back({tr("b, the bias"), out, tr("out_features %1").arg(out)});
    columns.push_back({tr("y, the output"), tr("%1×%2").arg(x, out),
                       tr("%1 samples × out_features %2").arg(x, out)});
    QString names, shapes, meanings;
    const QString cell = QStringLiteral("<td style=\"padding-right:18px\">%1</td>");
    for (const Column& c : columns) {
        names += cell.arg(c.name);
        shapes += cell.arg(QStringLiteral("<b>%1</b>").arg(c.shape));
        meanings += cell.arg(QStringLiteral("<small>%1</small>").arg(c.meaning));
    }
    m_shapes->setText(QStringLiteral("<table><tr>%1</tr><tr>%2</tr><tr>%3</tr></table>")
                          .arg(names, shapes, meanings));
    fitHeightToText();
}

QSize WelcomePanel::sizeHint() const {
    const QSize hint = QWidget::sizeHint();
    return {hint.width(), std::max(hint.height(), minimumHeight())};
}

void WelcomePanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitHeightToText();
}

void WelcomePanel::fitHeightToText() {
    // The height depends on the width only, so this settles after one relayout.
    const int need = layout()->totalHeightForWidth(width());
    if (need > 0 && need != minimumHeight())
        setMinimumHeight(need);
}

void WelcomePanel::setKeys(const QString& train, const QString& step) {
    m_trainKey = train;
    m_stepKey = step;
    updateHowTo();
}

void WelcomePanel::updateHowTo() {
    const auto key = [](const QString& k) {
        return k.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(k.toHtmlEscaped());
    };
    m_howTo->setText(tr("Press <b>Train</b>%1 and watch the loss fall and the weights change."
                        "<br><b>Step</b>%2 trains one batch, then pauses.<br>Hover a weight in "
                        "the Weights heatmap to read A[j, i].<br>The <b>Learn</b> dock explains "
                        "y = xAᵀ + b with these numbers.")
                         .arg(key(m_trainKey), key(m_stepKey)));
    fitHeightToText();
}

bool WelcomePanel::showAtStartup() {
    return QSettings().value(kShowKey, true).toBool();
}

void WelcomePanel::setShowAtStartup(bool show) {
    QSettings().setValue(kShowKey, show);
}

}  // namespace linearlab::ui
