#pragma once
// A new version of a file, written beside it under a temporary name and renamed
// over it only when complete. Every write is checked as the OS answers it (a
// buffered writer can report success and leave a truncated file on a full
// disk), and every failure throws one line naming the file and the OS's reason:
// "/mnt/x/w.safetensors: cannot write: No space left on device".
#include <QByteArray>
#include <QString>

#include <cstddef>
#include <string>

namespace linearlab::io {

/// The OS's words for an errno value ("No space left on device").
std::string osReason(int error);

class ReplacementFile {
public:
    /// Creates the temporary file in `path`'s directory (the directory of the
    /// file a symlink names, so the link survives): unnamed (O_TMPFILE) where
    /// the system allows, so a crash leaves nothing behind, else a hidden
    /// ".<name>.<random>". A new file gets 0666 less the umask, a replacement
    /// keeps the old file's permission bits. Throws std::runtime_error when the
    /// file cannot be created.
    explicit ReplacementFile(const QString& path);
    /// Closes the descriptor and, unless install() succeeded, removes the temporary file.
    ~ReplacementFile();
    ReplacementFile(const ReplacementFile&) = delete;
    ReplacementFile& operator=(const ReplacementFile&) = delete;

    /// Writes all `size` bytes, retrying short writes; throws on the first failure,
    /// when part of the data may be in the file.
    void write(const char* data, std::size_t size);
    /// fsync: the data is on the disk before a rename makes it the file.
    void sync();
    /// Closes the descriptor, checked: some file systems report a failed write only here.
    void close();
    /// Renames the temporary file over the target (once; later calls do
    /// nothing). A descriptor still open keeps writing to what is now the target.
    void install();

    /// Throws std::runtime_error "<file>: cannot write: <the OS's reason for error>".
    [[noreturn]] void fail(int error) const;

    bool installed() const { return m_installed; }
    int descriptor() const { return m_fd; }
    const QString& path() const { return m_path; }

private:
    QByteArray temporaryName() const;
    /// Links an unnamed temporary file into the directory; needs the open descriptor.
    void nameTemporary();

    QString m_path;          // as the caller named it, for messages
    QByteArray m_target;     // the file to replace, symlinks resolved, in the OS's encoding
    QByteArray m_directory;  // m_target's directory, where the temporary file lives
    QByteArray m_stem;       // m_target's file name, cut to leave room for a suffix
    QByteArray m_temporary;  // the temporary file's name; empty while it is unnamed
    int m_fd = -1;
    bool m_installed = false;
};

}  // namespace linearlab::io
