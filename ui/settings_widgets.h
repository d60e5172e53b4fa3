#pragma once
// The widgets the settings panel builds its rows from: spin boxes that commit on
// Enter or focus loss (not per keystroke, so one edit is one undo step), choice
// boxes, a red error line per group, and the text form of a list of numbers
// (a loss's weight or pos_weight).
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace linearlab::ui {

/// How the panel edits a number: the spin box's range, decimals and step, and the
/// merge key that folds a run of edits into one undo step.
struct NumberControl {
    double min, max;
    int decimals;
    double step;
    const char* mergeKey;
};

/// "1, 0.5" -> {1, 0.5}; empty text is None; nullopt in `ok` for text that is not numbers.
std::optional<std::vector<double>> numberList(const QString& text, bool& ok);
/// {1, 0.5} -> "1.0, 0.5", each number as Python prints it.
QString numberListText(const std::vector<double>& values);

QSpinBox* intBox(int min, int max);
QDoubleSpinBox* realBox(double min, double max, int decimals, double step);
QDoubleSpinBox* realBox(const NumberControl& c);
/// Shows or hides `field`'s row in the form layout it sits in.
void setRowVisible(QWidget* field, bool visible);
/// A problem with a group's settings, in red under them; hidden while there is none.
QLabel* errorLabel(const QString& name);
QComboBox* choiceBox(const std::vector<std::string>& names);

}  // namespace linearlab::ui
