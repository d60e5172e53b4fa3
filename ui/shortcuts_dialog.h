#pragma once
// Help > Keyboard Shortcuts: every action of the window that has a shortcut,
// read from the actions themselves (so the list is what the keys do, never a
// copy that could drift), in the menus' order, with all of each action's keys.
#include <QDialog>
#include <QList>
#include <QString>

class QAction;
class QMainWindow;
class QTableWidget;

namespace linearlab::ui {

struct ShortcutRow {
    QString menu;    ///< "Train"; "Window" for an action in no menu
    QString action;  ///< the action's name without its mnemonic: "Export Weights"
    QString keys;    ///< its shortcuts as the menus show them: "Ctrl+Shift+Z, Ctrl+Y"
    QAction* source = nullptr;
};

/// One row per action of `window` that has a shortcut: the menu bar's menus
/// (and their submenus) in order, then any other action the window holds.
QList<ShortcutRow> shortcutRows(QMainWindow* window);

class ShortcutsDialog : public QDialog {
    Q_OBJECT

public:
    explicit ShortcutsDialog(QMainWindow* window);
    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table = nullptr;
};

}  // namespace linearlab::ui
