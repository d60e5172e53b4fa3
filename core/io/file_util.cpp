#include "core/io/file_util.h"

#include "core/io/replacement_file.h"

#include <QFile>
#include <QFileInfo>

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

void writeFileAtomically(const QString& path, const char* data, std::size_t size) {
    // Written in full, synced and closed, each step checked, before the rename
    // makes it the file; any failure leaves the old file and removes the new one.
    ReplacementFile file(path);
    file.write(data, size);
    file.sync();
    file.close();
    file.install();
}

void writeFileAtomically(const QString& path, const QByteArray& bytes) {
    writeFileAtomically(path, bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

void writeFileAtomically(const QString& path, const std::string& bytes) {
    writeFileAtomically(path, bytes.data(), bytes.size());
}

}  // namespace linearlab::io
