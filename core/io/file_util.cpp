#include "core/io/file_util.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <stdexcept>

namespace linearlab::io {

std::string readWholeFile(const QString& path, qint64 maxBytes) {
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
    // Read exactly the size checked above, then make sure nothing was appended meanwhile.
    std::string bytes(static_cast<size_t>(size), '\0');
    qint64 got = 0;
    while (got < size) {
        const qint64 n = file.read(bytes.data() + got, size - got);
        if (n <= 0)
            throw std::runtime_error(name + ": read error: " + file.errorString().toStdString());
        got += n;
    }
    char extra;
    if (file.read(&extra, 1) != 0)
        throw std::runtime_error(name + ": the file changed while it was being read");
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

namespace linearlab::io {

void writeFileAtomically(const QString& path, const std::string& bytes) {
    writeFileAtomically(
        path, QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

}  // namespace linearlab::io
