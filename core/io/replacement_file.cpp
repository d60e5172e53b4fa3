#include "core/io/replacement_file.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace linearlab::io {

namespace {

// One write() is capped below 2 GiB: Linux transfers at most 0x7ffff000 bytes per call.
constexpr std::size_t kMaxChunk = std::size_t(1) << 30;
// The temporary name adds a dot and a suffix; keep it under NAME_MAX (255).
constexpr int kMaxStemBytes = 200;

QByteArray randomSuffix() {
    static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray s(8, '\0');
    for (char& c : s)
        c = kAlphabet[QRandomGenerator::global()->bounded(int(sizeof kAlphabet - 1))];
    return s;
}

/// Unnamed files are given their name through /proc/self/fd (linkat with
/// AT_EMPTY_PATH would need CAP_DAC_READ_SEARCH), so they are used only where
/// /proc is mounted.
bool canNameUnnamedFiles() {
    static const bool available = ::access("/proc/self/fd", X_OK) == 0;
    return available;
}

}  // namespace

std::string osReason(int error) {
    return std::generic_category().message(error);
}

ReplacementFile::ReplacementFile(const QString& path) : m_path(path) {
    if (path.isEmpty())
        fail(ENOENT);
    QString target = path;
    const QFileInfo info(path);
    if (info.isSymLink()) {
        const QString resolved = info.canonicalFilePath();
        if (!resolved.isEmpty())
            target = resolved;
    }
    const QFileInfo targetInfo(target);
    m_target = QFile::encodeName(target);
    m_directory = QFile::encodeName(targetInfo.absolutePath());
    m_stem = QFile::encodeName(targetInfo.fileName()).left(kMaxStemBytes);

    struct stat old {};
    const bool replacing = ::stat(m_target.constData(), &old) == 0 && S_ISREG(old.st_mode);
    // 0666: the kernel applies the umask, as it would to any new file.
#ifdef O_TMPFILE
    // An unnamed file first, where the system has them: a crash before
    // install() then leaves nothing behind at all.
    if (canNameUnnamedFiles())
        m_fd = ::open(m_directory.constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
#endif
    if (m_fd < 0) {
        for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
            const QByteArray name = temporaryName();
            m_fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (m_fd >= 0)
                m_temporary = name;
            else if (errno != EEXIST && errno != EINTR)
                fail(errno);
        }
        if (m_fd < 0)
            fail(EEXIST);
    }
    // The new version keeps the old one's permissions; failing to copy them is
    // not worth losing the data over, so it is not an error.
    if (replacing)
        (void)::fchmod(m_fd, old.st_mode & 0777);
}

ReplacementFile::~ReplacementFile() {
    if (m_fd >= 0)
        ::close(m_fd);  // an unnamed file disappears with its last descriptor
    if (!m_installed && !m_temporary.isEmpty())
        ::unlink(m_temporary.constData());
}

void ReplacementFile::write(const char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(m_fd, data + done, std::min(size - done, kMaxChunk));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail(errno);
        }
        if (n == 0)
            fail(EIO);  // write(2) makes no progress only on a device that cannot take more
        done += static_cast<std::size_t>(n);
    }
}

void ReplacementFile::sync() {
    while (::fsync(m_fd) != 0)
        if (errno != EINTR)
            fail(errno);
}

void ReplacementFile::close() {
    if (m_fd < 0)
        return;
    if (m_temporary.isEmpty())
        nameTemporary();
    const int fd = m_fd;
    m_fd = -1;
    // After EINTR Linux has closed the descriptor already; retrying could close another one.
    if (::close(fd) != 0 && errno != EINTR)
        fail(errno);
}

void ReplacementFile::install() {
    if (m_installed)
        return;
    if (m_temporary.isEmpty())
        nameTemporary();
    if (::rename(m_temporary.constData(), m_target.constData()) != 0)
        fail(errno);
    m_installed = true;
    // The rename itself reaches the disk when the directory is synced. The file
    // is in place either way, so a directory that cannot be synced is no error.
    const int dirFd = ::open(m_directory.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        (void)::fsync(dirFd);
        ::close(dirFd);
    }
}

QByteArray ReplacementFile::temporaryName() const {
    return m_directory + "/." + m_stem + "." + randomSuffix();
}

void ReplacementFile::nameTemporary() {
    // rename(2) needs a name to move, so the unnamed file gets one beside the
    // target, just before it replaces it.
    const QByteArray self = "/proc/self/fd/" + QByteArray::number(m_fd);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QByteArray name = temporaryName();
        if (::linkat(AT_FDCWD, self.constData(), AT_FDCWD, name.constData(), AT_SYMLINK_FOLLOW) ==
            0) {
            m_temporary = name;
            return;
        }
        if (errno != EEXIST && errno != EINTR)
            fail(errno);
    }
    fail(EEXIST);
}

void ReplacementFile::fail(int error) const {
    throw std::runtime_error(m_path.toStdString() + ": cannot write: " + osReason(error));
}

}  // namespace linearlab::io
