#pragma once
// Whole-file reads with a size bound, and atomic writes: the two ways every
// LinearLab file is touched.
#include <QByteArray>
#include <QString>

#include <cstddef>
#include <string>

namespace linearlab::io {

/// The file's bytes; std::runtime_error "<file>: <problem>" when it cannot be
/// read or is larger than maxBytes (checked before reading, so a huge file costs
/// nothing), or when it changes while being read.
std::string readWholeFile(const QString& path, qint64 maxBytes);

/// Writes a temporary file beside `path`, checking every write, the fsync and the
/// close, then renames it over `path`: a failure or a crash mid-write leaves any
/// previous file byte for byte as it was and no temporary file behind. Throws
/// std::runtime_error "<file>: cannot write: <the OS's reason>" on failure.
void writeFileAtomically(const QString& path, const char* data, std::size_t size);
void writeFileAtomically(const QString& path, const QByteArray& bytes);
void writeFileAtomically(const QString& path, const std::string& bytes);

}  // namespace linearlab::io
