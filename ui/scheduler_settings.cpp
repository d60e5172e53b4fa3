#include "ui/scheduler_settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <climits>

namespace linearlab::ui {

namespace {

using K = train::SchedulerKeyword;
using Kind = train::SchedulerValueKind;

/// How the group edits a float keyword: the spin box's range, decimals and step.
struct NumberRange {
    double min, max;
    int decimals;
    double step;
};

NumberRange rangeOf(K k) {
    switch (k) {
        case K::start_factor:
        case K::end_factor:
        case K::pct_start:
        case K::base_momentum:
        case K::max_momentum:
            return {0, 1, 4, 0.05};
        case K::factor:
            return {0, 0.9999, 4, 0.05};
        case K::eps:
            return {0, 1, 10, 1e-8};
        case K::eta_min:
        case K::min_lr:
        case K::max_lr:
            return {0, 100, 8, 0.001};
        case K::div_factor:
        case K::final_div_factor:
            return {1e-3, 1e9, 3, 1};
        case K::threshold:
            return {0, 1000, 6, 1e-4};
        default:  // gamma: ExponentialLR may grow the lr too
            return {0, 10, 4, 0.01};
    }
}

/// OneCycleLR's counts are None (omitted) at 0.
bool noneAtZero(K k) {
    return k == K::total_steps || k == K::epochs || k == K::steps_per_epoch;
}

/// "30, 80" -> {30, 80}; nullopt for anything else.
std::optional<std::vector<long long>> parseMilestones(const QString& text) {
    std::vector<long long> list;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const long long v = part.trimmed().toLongLong(&ok);
        if (!ok || v < 0)
            return std::nullopt;
        list.push_back(v);
    }
    return list;
}

QString milestonesText(const std::vector<long long>& list) {
    QStringList parts;
    for (long long v : list)
        parts << QString::number(v);
    return parts.join(QStringLiteral(", "));
}

}  // namespace

SchedulerSettings::SchedulerSettings(QWidget* parent) : QGroupBox(tr("Scheduler"), parent) {
    auto* form = new QFormLayout(this);
    m_type = new QComboBox;
    m_type->addItem(tr("none"));
    for (const std::string& name : train::schedulerTypeNames())
        m_type->addItem(QString::fromStdString(name));
    m_type->setToolTip(
        tr("torch.optim.lr_scheduler: stepped after each epoch, OneCycleLR after "
           "each batch, ReduceLROnPlateau on the validation loss"));
    form->addRow(tr("lr_scheduler"), m_type);
    for (K k : train::schedulerKeywords())
        addRow(k);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updating)
            return;
        // A fresh set of keywords: what one scheduler takes, another rejects.
        const train::SchedulerOptions after =
            index <= 0 ? train::SchedulerOptions{}
                       : train::startingScheduler(m_type->currentText().toStdString());
        emit schedulerEdited(after, tr("Set lr_scheduler to %1").arg(m_type->currentText()),
                             QString());
    });
    setScheduler({});
}

void SchedulerSettings::addRow(K k) {
    auto* form = static_cast<QFormLayout*>(layout());
    const QString name = QString::fromLatin1(train::keywordName(k));
    QWidget* field = nullptr;
    switch (train::keywordKind(k)) {
        case Kind::Integer: {
            auto* box = new QSpinBox;
            box->setRange(k == K::step_size || k == K::T_max ? 1 : 0, INT_MAX);
            box->setKeyboardTracking(false);
            if (noneAtZero(k))
                box->setSpecialValueText(QStringLiteral("None"));
            connect(box, &QSpinBox::valueChanged, this, [this, k](int v) {
                edit(k, noneAtZero(k) && v == 0
                            ? std::nullopt
                            : std::optional<train::SchedulerValue>(static_cast<long long>(v)));
            });
            field = box;
            break;
        }
        case Kind::Number: {
            const NumberRange r = rangeOf(k);
            auto* box = new QDoubleSpinBox;
            box->setRange(r.min, r.max);
            box->setDecimals(r.decimals);
            box->setSingleStep(r.step);
            box->setKeyboardTracking(false);
            connect(box, &QDoubleSpinBox::valueChanged, this, [this, k](double v) { edit(k, v); });
            field = box;
            break;
        }
        case Kind::Flag: {
            auto* box = new QCheckBox;
            connect(box, &QCheckBox::toggled, this, [this, k](bool on) { edit(k, on); });
            field = box;
            break;
        }
        case Kind::Choice: {
            auto* box = new QComboBox;
            for (const std::string& c : train::keywordChoices(k))
                box->addItem(QString::fromStdString(c));
            connect(box, &QComboBox::currentTextChanged, this,
                    [this, k](const QString& c) { edit(k, c.toStdString()); });
            field = box;
            break;
        }
        case Kind::IntegerList: {
            auto* line = new QLineEdit;
            line->setPlaceholderText(QStringLiteral("30, 80"));
            connect(line, &QLineEdit::editingFinished, this, [this, k, line] {
                if (const auto list = parseMilestones(line->text()))
                    edit(k, *list);
                else
                    showValues();  // not a list of epochs: back to what the design says
            });
            field = line;
            break;
        }
    }
    field->setObjectName(QStringLiteral("scheduler.") + name);
    form->addRow(name, field);
    m_rows.push_back({k, field});
}

void SchedulerSettings::edit(K k, std::optional<train::SchedulerValue> value) {
    if (m_updating)
        return;
    train::SchedulerOptions after = m_options;
    if (value)
        after.keywords[k] = *value;
    else
        after.keywords.erase(k);
    const QString name = QString::fromLatin1(train::keywordName(k));
    emit schedulerEdited(after, tr("Set %1").arg(name), QStringLiteral("scheduler.") + name);
}

QWidget* SchedulerSettings::field(K k) const {
    for (const Row& row : m_rows)
        if (row.keyword == k)
            return row.field;
    return nullptr;
}

bool SchedulerSettings::isRowShown(K k) const {
    const train::SchedulerInfo* info = train::findScheduler(m_options.type);
    return info && info->takes(k);
}

void SchedulerSettings::setScheduler(const train::SchedulerOptions& options) {
    m_updating = true;
    m_options = options;
    m_type->setCurrentIndex(
        options.enabled() ? m_type->findText(QString::fromStdString(options.type)) : 0);
    showValues();
    auto* form = static_cast<QFormLayout*>(layout());
    for (const Row& row : m_rows)
        form->setRowVisible(row.field, isRowShown(row.keyword));
    m_updating = false;
}

void SchedulerSettings::showValues() {
    const bool updating = m_updating;
    m_updating = true;
    for (const Row& row : m_rows) {
        const auto value = train::keywordValueOrDefault(m_options, row.keyword);
        if (auto* box = qobject_cast<QSpinBox*>(row.field))
            box->setValue(value ? static_cast<int>(std::get<long long>(*value)) : box->minimum());
        else if (!value)
            continue;  // a keyword the type does not take keeps what its hidden row showed
        else if (auto* number = qobject_cast<QDoubleSpinBox*>(row.field))
            number->setValue(std::get<double>(*value));
        else if (auto* flag = qobject_cast<QCheckBox*>(row.field))
            flag->setChecked(std::get<bool>(*value));
        else if (auto* choice = qobject_cast<QComboBox*>(row.field))
            choice->setCurrentText(QString::fromStdString(std::get<std::string>(*value)));
        else if (auto* line = qobject_cast<QLineEdit*>(row.field))
            line->setText(milestonesText(std::get<std::vector<long long>>(*value)));
    }
    m_updating = updating;
}

}  // namespace linearlab::ui
