#include "core/io/file_util.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <stdexcept>

namespace linearlab::io {

QByteArray readWholeFile(const QString& path, qint64 maxBytes) {
    const std::string name = path.toStdString();
    QFile file(path);
    if (!QFileInfo(path).exists())
        throw std::runtime_error(name + ": no such file");
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(name + ": cannot open: " + file.errorString().toStdString());
    const qint64 size = file.size();
    if (size > maxBytes)
        throw std::runtime_error(name + ": the file is " + std::to_string(size) +
                                 " bytes, more than the " + std::to_string(maxBytes) +
                                 "-byte limit");
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes)
        throw std::runtime_error(name + ": the file grew past the " + std::to_string(maxBytes) +
                                 "-byte limit while reading");
    if (file.error() != QFileDevice::NoError)
        throw std::runtime_error(name + ": read failed: " + file.errorString().toStdString());
    return bytes;
}

void writeFileAtomically(const QString& path, const QByteArray& bytes) {
    const std::string name = path.toStdString();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error(name + ": cannot write: " + file.errorString().toStdString());
    if (file.write(bytes) != bytes.size()) {
        const std::string why = file.errorString().toStdString();
        file.cancelWriting();
        throw std::runtime_error(name + ": write failed: " + why);
    }
    if (!file.commit())
        throw std::runtime_error(name + ": could not save: " + file.errorString().toStdString());
}

}  // namespace linearlab::io
