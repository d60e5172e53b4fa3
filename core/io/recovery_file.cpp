#include "core/io/recovery_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <mutex>
#include <stdexcept>

namespace linearlab::io {

namespace {

// The override is read by the autosave timer and set by tests, so guard it.
std::mutex& pathMutex() {
    static std::mutex m;
    return m;
}

QString& overridePath() {
    static QString path;
    return path;
}

}  // namespace

QString recoveryPath() {
    {
        std::lock_guard<std::mutex> lock(pathMutex());
        if (!overridePath().isEmpty())
            return overridePath();
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           "/recovery.linearlab";
}

void setRecoveryPath(const QString& path) {
    std::lock_guard<std::mutex> lock(pathMutex());
    overridePath() = path;
}

void writeRecovery(const Project& project) {
    const QString path = recoveryPath();
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        throw std::runtime_error(dir.toStdString() + ": cannot create the directory");
    writeProject(path, project);
}

bool hasRecovery() {
    return QFileInfo::exists(recoveryPath());
}

Project readRecovery() {
    return readProject(recoveryPath());
}

void discardRecovery() {
    const QString path = recoveryPath();
    if (QFileInfo::exists(path) && !QFile::remove(path))
        throw std::runtime_error(path.toStdString() + ": cannot remove the recovery file");
}

}  // namespace linearlab::io
