#pragma once
// Edit > Preferences: the memory limit every design and dataset is checked
// against (core/nn/memory_budget.h) and the threads training may use, stored in
// QSettings and applied at start-up and whenever they are changed.
#include "core/nn/memory_budget.h"

#include <QDialog>
#include <QString>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace linearlab::ui {

/// The stored limit ("limits/memoryBytes"); nullopt for the default.
std::optional<nn::Bytes> storedMemoryLimit();
/// Stores `limit` (nullopt removes it: the default applies).
void storeMemoryLimit(std::optional<nn::Bytes> limit);
/// Sets the process's memory limit from the stored preference.
void applyStoredMemoryLimit();

/// The threads training's large products may use ("training/threads"); by
/// default every core but one, so that the window keeps a core to paint on.
int storedTrainingThreads();
void storeTrainingThreads(int threads);

class PreferencesDialog : public QDialog {
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    /// Shows `limit` (nullopt: the default).
    void setMemoryLimit(std::optional<nn::Bytes> limit);
    /// The limit as entered: nullopt for the default; only valid while OK is enabled.
    std::optional<nn::Bytes> memoryLimit() const;
    void setTrainingThreads(int threads);
    int trainingThreads() const;
    QSpinBox* threadsBox() const { return m_threads; }

    QLineEdit* memoryLimitEdit() const { return m_limit; }
    QCheckBox* defaultBox() const { return m_default; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    /// Why OK is disabled, or empty.
    QString errorText() const;

private:
    void validate();

    QLineEdit* m_limit = nullptr;
    QCheckBox* m_default = nullptr;
    QSpinBox* m_threads = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    // What setMemoryLimit showed, exactly and as text.
    nn::Bytes m_shownLimit = 0;
    QString m_shownText;
};

}  // namespace linearlab::ui
