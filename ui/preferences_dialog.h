#pragma once
// Edit > Preferences: the memory limit every design and dataset is checked
// against (core/nn/memory_budget.h), stored in QSettings and applied at start-up
// and whenever it is changed.
#include "core/nn/memory_budget.h"

#include <QDialog>
#include <QString>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace linearlab::ui {

/// The stored limit ("limits/memoryBytes"); nullopt for the default.
std::optional<nn::Bytes> storedMemoryLimit();
/// Stores `limit` (nullopt removes it: the default applies).
void storeMemoryLimit(std::optional<nn::Bytes> limit);
/// Sets the process's memory limit from the stored preference.
void applyStoredMemoryLimit();

class PreferencesDialog : public QDialog {
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    /// Shows `limit` (nullopt: the default).
    void setMemoryLimit(std::optional<nn::Bytes> limit);
    /// The limit as entered: nullopt for the default; only valid while OK is enabled.
    std::optional<nn::Bytes> memoryLimit() const;

    QLineEdit* memoryLimitEdit() const { return m_limit; }
    QCheckBox* defaultBox() const { return m_default; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    /// Why OK is disabled, or empty.
    QString errorText() const;

private:
    void validate();

    QLineEdit* m_limit = nullptr;
    QCheckBox* m_default = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    // What setMemoryLimit showed, exactly and as text.
    nn::Bytes m_shownLimit = 0;
    QString m_shownText;
};

}  // namespace linearlab::ui
