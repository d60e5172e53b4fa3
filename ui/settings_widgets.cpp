#include "ui/settings_widgets.h"

#include "core/nn/python_format.h"
#include "ui/theme.h"

#include <QFormLayout>
#include <QStringList>

namespace linearlab::ui {

std::optional<std::vector<double>> numberList(const QString& text, bool& ok) {
    ok = true;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    std::vector<double> values;
    for (const QString& part : trimmed.split(QLatin1Char(','))) {
        const double v = part.trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
        values.push_back(v);
    }
    return values;
}

QString numberListText(const std::vector<double>& values) {
    QStringList parts;
    for (double v : values)
        parts << QString::fromStdString(nn::pythonFloat(v));
    return parts.join(QStringLiteral(", "));
}

QSpinBox* intBox(int min, int max) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setKeyboardTracking(false);
    return box;
}

QDoubleSpinBox* realBox(double min, double max, int decimals, double step) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setKeyboardTracking(false);
    return box;
}

QDoubleSpinBox* realBox(const NumberControl& c) {
    return realBox(c.min, c.max, c.decimals, c.step);
}

void setRowVisible(QWidget* field, bool visible) {
    if (auto* form = qobject_cast<QFormLayout*>(field->parentWidget()->layout()))
        form->setRowVisible(field, visible);
}

QLabel* errorLabel(const QString& name) {
    auto* label = new QLabel;
    label->setObjectName(name);
    label->setWordWrap(true);
    Theme::makeErrorLabel(label);
    label->hide();
    return label;
}

QComboBox* choiceBox(const std::vector<std::string>& names) {
    auto* box = new QComboBox;
    for (const auto& name : names)
        box->addItem(QString::fromStdString(name));
    return box;
}

}  // namespace linearlab::ui
