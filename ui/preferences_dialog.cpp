#include "ui/preferences_dialog.h"

#include "core/nn/blas.h"
#include "ui/theme.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace linearlab::ui {

namespace {

const char* const kMemoryLimitKey = "limits/memoryBytes";
const char* const kThreadsKey = "training/threads";

}  // namespace

std::optional<nn::Bytes> storedMemoryLimit() {
    const QSettings settings;
    // A decimal string: QVariant's number types would not round-trip every size.
    const QString text = settings.value(QLatin1String(kMemoryLimitKey)).toString();
    bool ok = false;
    const qulonglong bytes = text.toULongLong(&ok);
    if (!ok || bytes == 0)
        return std::nullopt;
    return static_cast<nn::Bytes>(bytes);
}

void storeMemoryLimit(std::optional<nn::Bytes> limit) {
    QSettings settings;
    if (limit)
        settings.setValue(QLatin1String(kMemoryLimitKey), QString::number(*limit));
    else
        settings.remove(QLatin1String(kMemoryLimitKey));
}

void applyStoredMemoryLimit() {
    if (const auto limit = storedMemoryLimit())
        nn::setMemoryLimit(*limit);
    else
        nn::resetMemoryLimit();
}

int storedTrainingThreads() {
    const QSettings settings;
    bool ok = false;
    const int threads = settings.value(QLatin1String(kThreadsKey)).toInt(&ok);
    return ok && threads >= 1 ? threads : nn::defaultThreads(1);
}

void storeTrainingThreads(int threads) {
    QSettings settings;
    settings.setValue(QLatin1String(kThreadsKey), threads);
}

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_limit = new QLineEdit(this);
    m_limit->setPlaceholderText(tr("e.g. 4G, 512M, 1.5GiB"));
    form->addRow(tr("Memory limit"), m_limit);
    m_default =
        new QCheckBox(tr("Default: half the physical memory (%1)")
                          .arg(QString::fromStdString(nn::formatBytes(nn::defaultMemoryLimit()))),
                      this);
    form->addRow(QString(), m_default);
    layout->addLayout(form);
    auto* about = new QLabel(tr("A design or dataset that would need more (parameters and their "
                                "training copies, batches, data) is refused before anything is "
                                "allocated, and the node or setting says why. Units are powers "
                                "of 1024."),
                             this);
    about->setWordWrap(true);
    layout->addWidget(about);
    auto* threadsForm = new QFormLayout;
    m_threads = new QSpinBox(this);
    m_threads->setRange(1, std::max(1, nn::defaultThreads()));
    threadsForm->addRow(tr("Training threads"), m_threads);
    layout->addLayout(threadsForm);
    auto* threadsAbout = new QLabel(
        nn::haveBlas()
            ? tr("Large matrix products (from about 128×128×128 multiply-adds) use these "
                 "threads; smaller ones use one. The default, every core but one (%1), "
                 "leaves the window a core to stay responsive on.")
                  .arg(nn::defaultThreads(1))
            : tr("This build has no OpenBLAS: every product uses one thread."),
        this);
    threadsAbout->setWordWrap(true);
    layout->addWidget(threadsAbout);
    m_threads->setEnabled(nn::haveBlas());
    setTrainingThreads(storedTrainingThreads());
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    Theme::makeErrorLabel(m_error);
    m_error->hide();
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_limit, &QLineEdit::textChanged, this, &PreferencesDialog::validate);
    connect(m_default, &QCheckBox::toggled, this, [this](bool on) {
        m_limit->setEnabled(!on);
        if (on) {
            m_shownLimit = nn::defaultMemoryLimit();
            m_shownText = QString::fromStdString(nn::formatBytes(m_shownLimit));
            m_limit->setText(m_shownText);
        }
        validate();
    });
    setMemoryLimit(nn::memoryLimitIsSet() ? std::optional<nn::Bytes>(nn::memoryLimit())
                                          : std::nullopt);
}

void PreferencesDialog::setMemoryLimit(std::optional<nn::Bytes> limit) {
    m_shownLimit = limit ? *limit : nn::defaultMemoryLimit();
    m_shownText = QString::fromStdString(nn::formatBytes(m_shownLimit));
    m_default->setChecked(!limit);
    m_limit->setEnabled(bool(limit));
    m_limit->setText(m_shownText);
    validate();
}

std::optional<nn::Bytes> PreferencesDialog::memoryLimit() const {
    if (m_default->isChecked())
        return std::nullopt;
    // The text shown is rounded ("1.4 GiB"); left as it was, it means the limit it shows.
    if (m_limit->text() == m_shownText)
        return m_shownLimit;
    return nn::parseByteSize(m_limit->text().toStdString());
}

void PreferencesDialog::setTrainingThreads(int threads) {
    m_threads->setValue(threads);
}

int PreferencesDialog::trainingThreads() const {
    return m_threads->value();
}

QString PreferencesDialog::errorText() const {
    return m_error->text();
}

void PreferencesDialog::validate() {
    const bool ok = m_default->isChecked() || nn::parseByteSize(m_limit->text().toStdString());
    m_error->setText(ok ? QString()
                        : tr("Expected a size such as 4G, 512M, 1.5GiB or a number of bytes"));
    m_error->setVisible(!ok);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

}  // namespace linearlab::ui
