#pragma once
// Autosave: while the open design has unsaved changes, a timer writes a
// snapshot of it to the recovery file (io/recovery_file.h) every interval, so a
// crash loses at most one interval of work. The window supplies the snapshot
// through a callback and says when the work is dirty; a clean save or a
// deliberate discard (setDirty(false)) removes the recovery file.
//
// At startup, before anything is marked dirty, recoveryAvailableAtStartup()
// says whether the previous session left work behind; io::readRecovery()
// returns it and io::discardRecovery() declines it.
#include "core/io/project_file.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace linearlab::ui {

class AutosaveController : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 60 * 1000;

    explicit AutosaveController(QObject* parent = nullptr);

    /// Called on the GUI thread at each autosave; returns the project as it stands.
    void setSnapshotProvider(std::function<io::Project()> provider);
    /// True while there are unsaved changes: the timer runs. false stops it and
    /// removes the recovery file (the work was saved or deliberately discarded).
    void setDirty(bool dirty);
    bool isDirty() const { return m_dirty; }
    /// The file the work belongs to (empty while untitled), written into the
    /// recovery file so recovered work saves back where it came from.
    void setDocumentPath(const QString& path) { m_documentPath = path; }
    void setInterval(int milliseconds);
    int interval() const { return m_timer.interval(); }
    /// The recovery file's path (io::recoveryPath()).
    QString recoveryFile() const;
    /// Whether a recovery file existed when this controller was created.
    bool recoveryAvailableAtStartup() const { return m_recoveryAtStartup; }

public slots:
    /// Writes the recovery file now if dirty (also on each timer tick).
    void autosaveNow();

signals:
    void autosaved(const QString& path);
    void autosaveFailed(const QString& message);

private:
    std::function<io::Project()> m_provider;
    QTimer m_timer;
    QString m_documentPath;
    bool m_dirty = false;
    bool m_recoveryAtStartup = false;
};

}  // namespace linearlab::ui
