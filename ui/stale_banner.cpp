#include "ui/stale_banner.h"

namespace linearlab::ui {

StaleBanner::StaleBanner(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("staleBanner"));
    setWordWrap(true);
    setMargin(4);
    // Amber on dark text reads as a warning in light and dark palettes alike.
    setStyleSheet(QStringLiteral("QLabel#staleBanner { background: #ffd54f; color: #000; }"));
    setToolTip(tr("The last network that could be built; fix the design to train again"));
    hide();
}

void StaleBanner::setReason(const QString& reason) {
    m_reason = reason;
    setText(reason.isEmpty() ? QString() : tr("Not the current design: %1").arg(reason));
    setVisible(!reason.isEmpty());
}

}  // namespace linearlab::ui
