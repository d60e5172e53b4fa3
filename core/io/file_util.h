#pragma once
// Whole-file reads with a size bound, and atomic writes: the two ways every
// LinearLab file is touched.
#include <QByteArray>
#include <QString>

#include <string>

namespace linearlab::io {

/// The file's bytes; std::runtime_error "<file>: <problem>" when it cannot be
/// read or is larger than maxBytes (checked before reading, so a huge file costs
/// nothing), or when it changes while being read.
std::string readWholeFile(const QString& path, qint64 maxBytes);

/// Writes through QSaveFile (a temporary file, then rename), so a failure or a
/// crash mid-write leaves any previous file intact. std::runtime_error on failure.
void writeFileAtomically(const QString& path, const QByteArray& bytes);
void writeFileAtomically(const QString& path, const std::string& bytes);

}  // namespace linearlab::io
