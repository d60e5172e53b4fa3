#pragma once
// LinearLab's version, from the project's CMake version: what `linearlab
// --version` prints (QCoreApplication::applicationVersion is set from it) and
// what Help > About shows.
#include <QString>

namespace linearlab::ui {

/// "0.1.0"
QString linearlabVersion();

}  // namespace linearlab::ui
