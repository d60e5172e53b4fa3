#include "ui/stale_banner.h"

#include "ui/theme.h"

namespace linearlab::ui {

StaleBanner::StaleBanner(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("staleBanner"));
    setWordWrap(true);
    setMargin(4);
    // Amber reads as a warning: full amber under dark text on a light window, a
    // deep amber under the light text of a dark one, so neither theme glares.
    Theme::followPalette(this, [](const QPalette& palette) {
        const QColor amber(0xff, 0xd5, 0x4f);
        const bool dark = Theme::isDark(palette);
        const QColor background =
            dark ? Theme::mix(palette.color(QPalette::Window), amber, 0.4) : amber;
        const QColor text = dark ? palette.color(QPalette::WindowText) : QColor(Qt::black);
        return QStringLiteral("QLabel#staleBanner { background: %1; color: %2; }")
            .arg(background.name(), text.name());
    });
    setToolTip(tr("The last network that could be built; fix the design to train again"));
    hide();
}

void StaleBanner::setReason(const QString& reason) {
    m_reason = reason;
    setText(reason.isEmpty() ? QString() : tr("Not the current design: %1").arg(reason));
    setVisible(!reason.isEmpty());
}

}  // namespace linearlab::ui
