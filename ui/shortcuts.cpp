#include "ui/shortcuts.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>

namespace linearlab::ui {

QList<QKeySequence> uniqueKeySequences(const QList<QKeySequence>& sequences) {
    QList<QKeySequence> unique;
    for (const QKeySequence& s : sequences)
        if (!s.isEmpty() && !unique.contains(s))
            unique.push_back(s);
    return unique;
}

QList<QKeySequence> keyBindings(QKeySequence::StandardKey key, const QList<QKeySequence>& also) {
    return uniqueKeySequences(QKeySequence::keyBindings(key) + also);
}

namespace {

/// Whether a number field can hold the character of `key` (a letter or Space).
bool numberTypes(const QAbstractSpinBox* box, int key) {
    if (key == Qt::Key_Space)
        return false;
    if (key == Qt::Key_E)
        return true;  // 1e-3, for a field that reads exponents
    if (const auto* integers = qobject_cast<const QSpinBox*>(box))
        return key - Qt::Key_A < integers->displayIntegerBase() - 10;  // hexadecimal "ff"
    return false;
}

}  // namespace

ShortcutPassthrough::ShortcutPassthrough(QWidget* window) : QObject(window), m_window(window) {
    qApp->installEventFilter(this);
}

ShortcutPassthrough::~ShortcutPassthrough() {
    if (QCoreApplication* app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

ShortcutPassthrough::Claim ShortcutPassthrough::claim(const QWidget* field, const QKeyEvent& key) {
    const int k = key.key();
    const bool plain = key.modifiers() == Qt::NoModifier;
    if (const auto* box = qobject_cast<const QAbstractSpinBox*>(field)) {
        if (plain && (k == Qt::Key_Space || (k >= Qt::Key_A && k <= Qt::Key_Z)))
            return numberTypes(box, k) ? Claim::Field : Claim::Shortcuts;
        // The line edit claims Undo and Redo even with nothing of its own to undo,
        // which, once an edit is committed, left the design's undo out of reach.
        const bool undo = key.matches(QKeySequence::Undo);
        if (undo || key.matches(QKeySequence::Redo)) {
            const auto* edit = box->findChild<QLineEdit*>(QString(), Qt::FindDirectChildrenOnly);
            const bool own = edit && (undo ? edit->isUndoAvailable() : edit->isRedoAvailable());
            return own ? Claim::AsQtDoes : Claim::Shortcuts;
        }
        return Claim::AsQtDoes;
    }
    if ((qobject_cast<const QCheckBox*>(field) || qobject_cast<const QRadioButton*>(field)) &&
        plain && k == Qt::Key_Space)
        return Claim::Field;
    return Claim::AsQtDoes;
}

bool ShortcutPassthrough::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::ShortcutOverride || !watched->isWidgetType())
        return false;
    const auto* widget = static_cast<QWidget*>(watched);
    if (!inWindow(widget))
        return false;
    switch (claim(widget, *static_cast<QKeyEvent*>(event))) {
        case Claim::Field:
            event->accept();
            return true;
        case Claim::Shortcuts:
            // Unaccepted and kept from the field: Qt then tries the shortcuts, and a
            // key none of them takes reaches the field as a normal key press.
            event->ignore();
            return true;
        case Claim::AsQtDoes:
            break;
    }
    return false;
}

bool ShortcutPassthrough::inWindow(const QWidget* widget) const {
    // Through floating docks too: they are windows of their own, still the window's.
    for (; widget; widget = widget->parentWidget())
        if (widget == m_window)
            return true;
    return false;
}

}  // namespace linearlab::ui
