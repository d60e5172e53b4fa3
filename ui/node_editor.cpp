#include "ui/node_editor.h"

#include "core/nn/layer_table.h"
#include "ui/keyboard_navigation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>

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
    setAccessibleName(tr("Arguments of the selected node"));
    m_form->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(this);
    m_title->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_form->addRow(m_title);
    m_init = new QComboBox(this);
    m_init->addItem(tr("(design's init)"));
    for (const auto& s : nn::initSchemes())
        m_init->addItem(QString::fromStdString(s));
    m_form->addRow(tr("init"), m_init);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_form->addRow(m_note);
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

QWidget* NodeEditor::makeField(const nn::LayerKeyword& k) {
    const QString name = QString::fromStdString(k.name);
    switch (k.kind) {
        case nn::KeywordKind::Features: {
            auto* box = featureBox(this);
            connect(box, &QSpinBox::valueChanged, this, [this, name, field = k.features](int v) {
                m_spec.*field = v;
                emitEdit(name);
            });
            return box;
        }
        case nn::KeywordKind::Flag: {
            auto* box = new QCheckBox(this);
            connect(box, &QCheckBox::toggled, this, [this, name, field = k.flag](bool on) {
                m_spec.*field = on;
                emitEdit(name);
            });
            return box;
        }
        case nn::KeywordKind::Real: {
            auto* box = numberBox(this, k.minimum, k.maximum, 4);
            connect(box, &QDoubleSpinBox::valueChanged, this, [this, name](double v) {
                m_spec.options[name.toStdString()] = v;
                emitEdit(name);
            });
            return box;
        }
        case nn::KeywordKind::SecondInput: {
            auto* box = new QComboBox(this);
            connect(box, &QComboBox::currentIndexChanged, this, [this, name](int i) {
                if (i == 0)
                    m_spec.input2 = nn::SecondInput::previous();
                else if (i == 1)
                    m_spec.input2 = nn::SecondInput::input();
                else
                    m_spec.input2 = nn::SecondInput::fromNode(i - 2);
                emitEdit(name);
            });
            return box;
        }
        case nn::KeywordKind::Choice: {
            auto* box = new QComboBox(this);
            for (const auto& c : k.choices)
                box->addItem(QString::fromStdString(c));
            connect(box, &QComboBox::currentTextChanged, this, [this, name](const QString& c) {
                m_spec.choices[name.toStdString()] = c.toStdString();
                emitEdit(name);
            });
            return box;
        }
    }
    return nullptr;
}

QString NodeEditor::noteOn(const std::string& type) {
    if (type == "Dropout")
        return tr(
            "Identity in eval mode. While training, LinearLab draws its own mask from the "
            "run's generator and scales kept values by 1/(1-p) as PyTorch does, but "
            "PyTorch's Bernoulli mask is not reproduced bit for bit: only p=0 repeats a "
            "PyTorch run exactly.");
    return {};
}

void NodeEditor::showKeywordsOf(const std::string& type) {
    // Rebuilt only when the type changes, so editing a field keeps its focus.
    if (type == m_shownType)
        return;
    m_shownType = type;
    for (const auto& [name, field] : m_fields)
        m_form->removeRow(field);
    m_fields.clear();
    m_firstField = nullptr;
    const nn::LayerType* t = nn::findLayerType(type);
    if (!t)
        return;
    int row = 1;  // below the title, in the constructor's keyword order
    std::vector<QWidget*> fields;
    const QString note = noteOn(type);
    for (const auto& k : t->keywords) {
        QWidget* field = makeField(k);
        field->setToolTip(note);
        m_form->insertRow(row++, QString::fromStdString(k.name), field);
        m_fields[k.name] = field;
        fields.push_back(field);
    }
    // New fields join the end of the window's focus chain: Tab in the rows'
    // order instead, where the editor is, and init (made first) after them.
    fields.push_back(m_init);
    chainTabOrder(previousTabStop(m_init), fields);
    m_firstField = fields.front();
}

void NodeEditor::showValues(const nn::LayerSpec& spec, int index, int nodeCount) {
    const nn::LayerType* t = nn::findLayerType(spec.type);
    if (!t)
        return;
    for (const auto& k : t->keywords) {
        QWidget* field = m_fields.at(k.name);
        switch (k.kind) {
            case nn::KeywordKind::Features:
                static_cast<QSpinBox*>(field)->setValue(
                    static_cast<int>(std::max<nn::Index>(1, spec.*k.features)));
                break;
            case nn::KeywordKind::Flag:
                static_cast<QCheckBox*>(field)->setChecked(spec.*k.flag);
                break;
            case nn::KeywordKind::Real:
                static_cast<QDoubleSpinBox*>(field)->setValue(spec.option(k.name));
                break;
            case nn::KeywordKind::SecondInput: {
                auto* box = static_cast<QComboBox*>(field);
                box->clear();
                box->addItem(QStringLiteral("previous"));
                box->addItem(QStringLiteral("input"));
                for (int i = 0; i < std::min(index, nodeCount); ++i)
                    box->addItem(tr("node %1").arg(i));
                switch (spec.input2.kind) {
                    case nn::SecondInput::Kind::Previous:
                        box->setCurrentIndex(0);
                        break;
                    case nn::SecondInput::Kind::Input:
                        box->setCurrentIndex(1);
                        break;
                    case nn::SecondInput::Kind::Node:
                        box->setCurrentIndex(static_cast<int>(spec.input2.node) + 2);
                        break;
                }
                break;
            }
            case nn::KeywordKind::Choice: {
                auto* box = static_cast<QComboBox*>(field);
                box->setCurrentIndex(box->findText(QString::fromStdString(spec.choice(k.name))));
                break;
            }
        }
    }
}

void NodeEditor::setNode(int index, const nn::LayerSpec& spec, int nodeCount) {
    m_updating = true;
    m_index = index;
    m_spec = spec;
    m_title->setText(index < 0 ? tr("Select a node to edit its arguments.")
                               : tr("(%1): %2").arg(index).arg(QString::fromStdString(spec.type)));
    showKeywordsOf(index < 0 ? std::string() : spec.type);
    showValues(spec, index, nodeCount);
    m_form->setRowVisible(m_init, index >= 0 && spec.takesInitScheme());
    m_note->setText(index < 0 ? QString() : noteOn(spec.type));
    m_form->setRowVisible(m_note, !m_note->text().isEmpty());
    m_init->setCurrentIndex(
        spec.init ? std::max(0, m_init->findText(QString::fromStdString(spec.init->scheme))) : 0);
    m_updating = false;
}

QSpinBox* NodeEditor::featuresBox(const std::string& keyword) const {
    const auto it = m_fields.find(keyword);
    return it == m_fields.end() ? nullptr : qobject_cast<QSpinBox*>(it->second);
}

}  // namespace linearlab::ui
