#pragma once
// The settings panel's "Scheduler" group: a combo of torch.optim.lr_scheduler's
// classes ("none" first) and a row per keyword the chosen one takes, from the
// scheduler table, filled with its defaults. Each edit is handed out as the
// design's new scheduler options.
#include "core/train/scheduler_table.h"

#include <QGroupBox>
#include <QString>

#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace linearlab::ui {

class SchedulerSettings : public QGroupBox {
    Q_OBJECT

public:
    explicit SchedulerSettings(QWidget* parent = nullptr);

    /// Shows `options` (rows of the keywords its type takes, the others hidden).
    void setScheduler(const train::SchedulerOptions& options);

    QComboBox* typeBox() const { return m_type; }
    /// The control of `keyword`'s row (a QSpinBox, QDoubleSpinBox, QCheckBox,
    /// QComboBox or, for milestones, QLineEdit).
    QWidget* field(train::SchedulerKeyword keyword) const;
    /// Whether `keyword`'s row shows.
    bool isRowShown(train::SchedulerKeyword keyword) const;

signals:
    /// `after` is the design's scheduler with one edit applied; `mergeKey` folds a
    /// run of edits of one field into one undo step (empty: never merged).
    void schedulerEdited(const linearlab::train::SchedulerOptions& after, const QString& text,
                         const QString& mergeKey);

private:
    struct Row {
        train::SchedulerKeyword keyword;
        QWidget* field = nullptr;
    };

    void addRow(train::SchedulerKeyword keyword);
    /// The design's scheduler with `keyword` set to `value` (nullopt: omitted, as None).
    void edit(train::SchedulerKeyword keyword, std::optional<train::SchedulerValue> value);
    void showValues();

    train::SchedulerOptions m_options;
    bool m_updating = false;
    QComboBox* m_type = nullptr;
    std::vector<Row> m_rows;
};

}  // namespace linearlab::ui
