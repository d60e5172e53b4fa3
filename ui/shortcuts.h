#pragma once
// How the window's shortcuts meet the keyboard. An action with a standard key
// gets the platform's own bindings plus the ones users expect whatever the
// desktop (Redo on both Ctrl+Shift+Z and Ctrl+Y); which of those the platform
// already has differs by desktop, and Qt refuses a sequence bound twice, even
// to the same action, as an ambiguous shortcut that then does nothing, so each
// sequence is bound once.
//
// And the window's single-key shortcuts (Space, S, R) against the focused
// field: a spin box's line edit claims every printable key, so with a number
// field focused, as it nearly always is after an edit, those keys did nothing
// although a number never holds them. A field keeps exactly the keys it uses.
#include <QKeySequence>
#include <QList>
#include <QObject>

class QKeyEvent;
class QWidget;

namespace linearlab::ui {

/// `sequences` in their order, each once; empty sequences are dropped.
QList<QKeySequence> uniqueKeySequences(const QList<QKeySequence>& sequences);

/// The platform's bindings for `key` (its first is the one menus show), then
/// each of `also` the platform does not have.
QList<QKeySequence> keyBindings(QKeySequence::StandardKey key, const QList<QKeySequence>& also);

/// The keys of the actions made outside the window's menus, one place for each
/// (README's Keyboard section lists them all).
namespace keys {
/// The diagram's Add Layer: its menu of layer types, from anywhere in the window.
inline QKeySequence addLayer() {
    return QKeySequence(Qt::CTRL | Qt::Key_L);
}
/// The keyboard focus to the next or previous dock (DockFocus).
inline QKeySequence nextPane() {
    return QKeySequence(Qt::Key_F6);
}
inline QKeySequence previousPane() {
    return QKeySequence(Qt::SHIFT | Qt::Key_F6);
}
}  // namespace keys

/// Decides, for every ShortcutOverride (the question Qt asks the focused widget
/// before it tries the shortcuts), whether a field inside `window` keeps the key:
/// - a number field (any QAbstractSpinBox) keeps digits, signs, the decimal
///   point, 'e' (an exponent) and, above base ten, its letter digits; Space and
///   the other letters go to the shortcuts. Undo and Redo go to the window's
///   once the field has none of its own typing left to undo or redo.
/// - a check box or radio button keeps Space, which toggles it.
/// - every other widget (combo boxes, text fields) decides as Qt has it.
/// A key that no shortcut takes still reaches the field as before. The filter is
/// installed on the application so that fields created later (the node editor
/// rebuilds its own when the node's type changes) are covered too.
class ShortcutPassthrough : public QObject {
    Q_OBJECT

public:
    /// Owned by `window` and filtering for it until either is destroyed.
    explicit ShortcutPassthrough(QWidget* window);
    ~ShortcutPassthrough() override;

    enum class Claim {
        Field,      ///< the field keeps the key
        Shortcuts,  ///< the window's shortcuts have it first
        AsQtDoes,   ///< the field's own ShortcutOverride handling decides
    };
    /// Who gets `key` (a ShortcutOverride) when `field` has the focus.
    static Claim claim(const QWidget* field, const QKeyEvent& key);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool inWindow(const QWidget* widget) const;

    QWidget* m_window;
};

}  // namespace linearlab::ui
