#pragma once
// A log written line by line that survives a kill and cannot clobber the old
// log on a full disk. The first line goes to a temporary file beside the log;
// only once it is written in full does that file replace the old log, and
// every later line is one write(2) of the whole line to the same descriptor.
// So a failure before the first line leaves the old file as it was, and a
// SIGKILL at any moment after it leaves every line logged so far, none cut.
#include "core/io/replacement_file.h"

#include <QString>

#include <sys/types.h>
#include <string>

namespace linearlab::io {

class LineLog {
public:
    /// Creates the temporary file, so a path that cannot be written fails before
    /// any work is done. Throws std::runtime_error "<file>: cannot write: <reason>".
    explicit LineLog(const QString& path);

    /// Appends `line`, which ends in '\n'. Throws std::runtime_error as above; a
    /// line that did not fit is cut off again, so the log keeps only whole lines.
    void append(const std::string& line);
    /// Closes the log, checked; a log with no lines still replaces the old file.
    void finish();

    const QString& path() const { return m_file.path(); }

private:
    ReplacementFile m_file;
    off_t m_size = 0;  // bytes of whole lines written
};

}  // namespace linearlab::io
