#pragma once
// How the window's shortcuts meet the keyboard. An action with a standard key
// gets the platform's own bindings plus the ones users expect whatever the
// desktop (Redo on both Ctrl+Shift+Z and Ctrl+Y); which of those the platform
// already has differs by desktop, and Qt refuses a sequence bound twice, even
// to the same action, as an ambiguous shortcut that then does nothing, so each
// sequence is bound once.
#include <QKeySequence>
#include <QList>

namespace linearlab::ui {

/// `sequences` in their order, each once; empty sequences are dropped.
QList<QKeySequence> uniqueKeySequences(const QList<QKeySequence>& sequences);

/// The platform's bindings for `key` (its first is the one menus show), then
/// each of `also` the platform does not have.
QList<QKeySequence> keyBindings(QKeySequence::StandardKey key, const QList<QKeySequence>& also);

}  // namespace linearlab::ui
