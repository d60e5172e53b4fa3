#include "core/io/recovery_file.h"

#include "core/io/design_file.h"
#include "core/io/file_util.h"
#include "core/io/json_number_spelling.h"

#include <QJsonDocument>

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

namespace {
const char* const kDocumentPath = "document_path";
}  // namespace

void writeRecovery(const Project& project, const QString& documentPath) {
    const QString path = recoveryPath();
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        throw std::runtime_error(dir.toStdString() + ": cannot create the directory");
    QJsonObject root = projectToJson(project);
    root[kDocumentPath] = documentPath;
    writeFileAtomically(path, withFractions(QJsonDocument(root).toJson(QJsonDocument::Compact),
                                            projectFractions(project)));
}

bool hasRecovery() {
    return QFileInfo::exists(recoveryPath());
}

Project readRecovery(QString* documentPath) {
    const QString path = recoveryPath();
    const std::string name = path.toStdString();
    const ReadLimits limits;
    const std::string bytes = readWholeFile(path, limits.maxFileBytes);
    try {
        const QByteArray text = QByteArray::fromStdString(bytes);
        QJsonObject root = parseJsonObject(text);
        const std::set<std::string> fractional = fractionalNumbers(text);
        const QJsonValue document = root.take(kDocumentPath);
        if (!document.isUndefined() && !document.isString())
            throw DesignError(std::string(kDocumentPath) + ": expected a path");
        Project project = projectFromJson(root, limits, &fractional);
        if (documentPath)
            *documentPath = document.toString();
        return project;
    } catch (const DesignError& e) {
        throw DesignError(name + ": " + e.what());
    }
}

void discardRecovery() {
    const QString path = recoveryPath();
    if (QFileInfo::exists(path) && !QFile::remove(path))
        throw std::runtime_error(path.toStdString() + ": cannot remove the recovery file");
}

}  // namespace linearlab::io
