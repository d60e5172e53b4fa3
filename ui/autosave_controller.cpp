#include "ui/autosave_controller.h"

#include "core/io/recovery_file.h"

namespace linearlab::ui {

AutosaveController::AutosaveController(QObject* parent)
    : QObject(parent), m_recoveryAtStartup(io::hasRecovery()) {
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &AutosaveController::autosaveNow);
}

void AutosaveController::setSnapshotProvider(std::function<io::Project()> provider) {
    m_provider = std::move(provider);
}

void AutosaveController::setDirty(bool dirty) {
    if (dirty == m_dirty)
        return;
    m_dirty = dirty;
    if (dirty) {
        m_timer.start();
        return;
    }
    m_timer.stop();
    try {
        io::discardRecovery();
    } catch (const std::exception& e) {
        emit autosaveFailed(QString::fromStdString(e.what()));
    }
}

void AutosaveController::setInterval(int milliseconds) {
    m_timer.setInterval(milliseconds);
}

QString AutosaveController::recoveryFile() const {
    return io::recoveryPath();
}

void AutosaveController::autosaveNow() {
    if (!m_dirty || !m_provider)
        return;
    // No exception leaves a slot: a failed autosave is reported and retried at the next tick.
    try {
        io::writeRecovery(m_provider(), m_documentPath);
        emit autosaved(recoveryFile());
    } catch (const std::exception& e) {
        emit autosaveFailed(QString::fromStdString(e.what()));
    }
}

}  // namespace linearlab::ui
