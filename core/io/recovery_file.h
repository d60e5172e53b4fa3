#pragma once
// The autosave file: a project written in the background while there are
// unsaved changes, offered back at the next start when the app did not close
// cleanly. It lives in QStandardPaths::AppDataLocation as "recovery.linearlab",
// and is an ordinary project file, written atomically like any other, so a
// crash during an autosave still leaves the previous autosave readable. Its one
// extra top-level field, "document_path", is the file the work belongs to.
#include "core/io/project_file.h"

#include <QString>

namespace linearlab::io {

/// Where the recovery file lives: the override when set, else
/// <AppDataLocation>/recovery.linearlab.
QString recoveryPath();
/// Points the recovery file elsewhere (tests, or a portable install); an empty
/// path restores the default.
void setRecoveryPath(const QString& path);

/// Writes the project atomically, creating the directory if needed, with the
/// path of the file the work belongs to (empty for untitled work), so a
/// recovered project saves back where it came from.
/// Throws std::runtime_error when it cannot be written.
void writeRecovery(const Project& project, const QString& documentPath = {});
/// True when a recovery file exists (it may still fail to read).
bool hasRecovery();
/// The recovered project, and in `documentPath` the path it was written with;
/// throws as readProject does.
Project readRecovery(QString* documentPath = nullptr);
/// Removes the recovery file, after a clean save or when the user declines it.
void discardRecovery();

}  // namespace linearlab::io
