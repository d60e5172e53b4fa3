#include "ui/node_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace linearlab::ui {

namespace {
QSpinBox* featureBox(QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(1, 1 << 20);
    // Arrow clicks edit at once; typed numbers only when finished, so a half-typed
    // "5" of "512" never rebuilds the network.
    box->setKeyboardTracking(false);
    return box;
}
QDoubleSpinBox* numberBox(QWidget* parent, double min, double max, int decimals) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setKeyboardTracking(false);
    return box;
}
}  // namespace

NodeEditor::NodeEditor(QWidget* parent) : QWidget(parent) {
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(this);
    m_title->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_form->addRow(m_title);
    m_in = featureBox(this);
    m_out = featureBox(this);
    m_in1 = featureBox(this);
    m_in2 = featureBox(this);
    m_bias = new QCheckBox(this);
    m_input2 = new QComboBox(this);
    m_slope = numberBox(this, -1e3, 1e3, 4);
    m_beta = numberBox(this, 1e-4, 1e3, 4);
    m_threshold = numberBox(this, 0, 1e4, 2);
    m_init = new QComboBox(this);
    m_init->addItem(tr("(design's init)"));
    for (const auto& s : nn::initSchemes())
        m_init->addItem(QString::fromStdString(s));
    m_form->addRow(QStringLiteral("in_features"), m_in);
    m_form->addRow(QStringLiteral("in1_features"), m_in1);
    m_form->addRow(QStringLiteral("in2_features"), m_in2);
    m_form->addRow(QStringLiteral("out_features"), m_out);
    m_form->addRow(QStringLiteral("bias"), m_bias);
    m_form->addRow(QStringLiteral("input2"), m_input2);
    m_form->addRow(QStringLiteral("negative_slope"), m_slope);
    m_form->addRow(QStringLiteral("beta"), m_beta);
    m_form->addRow(QStringLiteral("threshold"), m_threshold);
    m_form->addRow(tr("init"), m_init);

    connect(m_in, &QSpinBox::valueChanged, this, [this](int v) {
        m_spec.in_features = v;
        emitEdit(QStringLiteral("in_features"));
    });
    connect(m_out, &QSpinBox::valueChanged, this, [this](int v) {
        m_spec.out_features = v;
        emitEdit(QStringLiteral("out_features"));
    });
    connect(m_in1, &QSpinBox::valueChanged, this, [this](int v) {
        m_spec.in1_features = v;
        emitEdit(QStringLiteral("in1_features"));
    });
    connect(m_in2, &QSpinBox::valueChanged, this, [this](int v) {
        m_spec.in2_features = v;
        emitEdit(QStringLiteral("in2_features"));
    });
    connect(m_bias, &QCheckBox::toggled, this, [this](bool on) {
        m_spec.bias = on;
        emitEdit(QStringLiteral("bias"));
    });
    connect(m_input2, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i == 0)
            m_spec.input2 = nn::SecondInput::previous();
        else if (i == 1)
            m_spec.input2 = nn::SecondInput::input();
        else
            m_spec.input2 = nn::SecondInput::fromNode(i - 2);
        emitEdit(QStringLiteral("input2"));
    });
    connect(m_slope, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_spec.negative_slope = v;
        emitEdit(QStringLiteral("negative_slope"));
    });
    connect(m_beta, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_spec.beta = v;
        emitEdit(QStringLiteral("beta"));
    });
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_spec.threshold = v;
        emitEdit(QStringLiteral("threshold"));
    });
    connect(m_init, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i <= 0) {
            m_spec.init.reset();
        } else {
            nn::InitSpec init;
            init.scheme = m_init->itemText(i).toStdString();
            m_spec.init = init;
        }
        emitEdit(QStringLiteral("init"));
    });
    setNode(-1, {}, 0);
}

void NodeEditor::emitEdit(const QString& field) {
    if (!m_updating && m_index >= 0)
        emit edited(m_index, m_spec, field);
}

void NodeEditor::setNode(int index, const nn::LayerSpec& spec, int nodeCount) {
    m_updating = true;
    m_index = index;
    m_spec = spec;
    const std::string& t = spec.type;
    const bool linear = t == "Linear" || t == "NonDynamicallyQuantizableLinear";
    const bool lazy = t == "LazyLinear";
    const bool bilinear = t == "Bilinear";
    m_title->setText(index < 0 ? tr("Select a node to edit its arguments.")
                               : tr("(%1): %2").arg(index).arg(QString::fromStdString(t)));
    m_form->setRowVisible(m_in, linear);
    m_form->setRowVisible(m_in1, bilinear);
    m_form->setRowVisible(m_in2, bilinear);
    m_form->setRowVisible(m_out, linear || lazy || bilinear);
    m_form->setRowVisible(m_bias, linear || lazy || bilinear);
    m_form->setRowVisible(m_input2, bilinear);
    m_form->setRowVisible(m_slope, t == "LeakyReLU");
    m_form->setRowVisible(m_beta, t == "Softplus");
    m_form->setRowVisible(m_threshold, t == "Softplus");
    m_form->setRowVisible(m_init, linear || lazy || bilinear);
    m_in->setValue(static_cast<int>(std::max<nn::Index>(1, spec.in_features)));
    m_out->setValue(static_cast<int>(std::max<nn::Index>(1, spec.out_features)));
    m_in1->setValue(static_cast<int>(std::max<nn::Index>(1, spec.in1_features)));
    m_in2->setValue(static_cast<int>(std::max<nn::Index>(1, spec.in2_features)));
    m_bias->setChecked(spec.bias);
    m_input2->clear();
    m_input2->addItem(QStringLiteral("previous"));
    m_input2->addItem(QStringLiteral("input"));
    for (int i = 0; i < std::min(index, nodeCount); ++i)
        m_input2->addItem(tr("node %1").arg(i));
    switch (spec.input2.kind) {
        case nn::SecondInput::Kind::Previous:
            m_input2->setCurrentIndex(0);
            break;
        case nn::SecondInput::Kind::Input:
            m_input2->setCurrentIndex(1);
            break;
        case nn::SecondInput::Kind::Node:
            m_input2->setCurrentIndex(static_cast<int>(spec.input2.node) + 2);
            break;
    }
    m_slope->setValue(spec.negative_slope);
    m_beta->setValue(spec.beta);
    m_threshold->setValue(spec.threshold);
    m_init->setCurrentIndex(
        spec.init ? std::max(0, m_init->findText(QString::fromStdString(spec.init->scheme))) : 0);
    m_updating = false;
}

}  // namespace linearlab::ui
