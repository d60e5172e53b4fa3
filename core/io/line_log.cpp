#include "core/io/line_log.h"

#include <unistd.h>

#include <stdexcept>

namespace linearlab::io {

LineLog::LineLog(const QString& path) : m_file(path) {}

void LineLog::append(const std::string& line) {
    try {
        // ReplacementFile::write makes a single write(2) unless the OS takes
        // less, which for a line on a local disk means the disk is full.
        m_file.write(line.data(), line.size());
    } catch (const std::runtime_error&) {
        // Best effort: the error being reported matters more than a failed truncate.
        if (::ftruncate(m_file.descriptor(), m_size) == 0)
            (void)::lseek(m_file.descriptor(), m_size, SEEK_SET);
        throw;
    }
    m_size += static_cast<off_t>(line.size());
    if (!m_file.installed()) {
        m_file.sync();
        m_file.install();
    }
}

void LineLog::finish() {
    m_file.sync();
    m_file.install();
    m_file.close();
}

}  // namespace linearlab::io
