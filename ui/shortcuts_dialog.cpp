#include "ui/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QStringList>
#include <QTableWidget>
#include <QVBoxLayout>

namespace linearlab::ui {

namespace {

QString keysOf(const QAction* action) {
    QStringList keys;
    for (const QKeySequence& k : action->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

QString withoutMnemonic(QString text) {
    text.remove(QStringLiteral("..."));
    // "&&" is a literal ampersand; a single one marks the mnemonic.
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text.trimmed();
}

void collect(const QMenu* menu, const QString& title, QList<ShortcutRow>& rows,
             QSet<const QAction*>& seen) {
    for (QAction* a : menu->actions()) {
        if (a->menu()) {
            collect(a->menu(), title, rows, seen);
            continue;
        }
        if (a->shortcuts().isEmpty() || seen.contains(a))
            continue;
        seen.insert(a);
        // The icon text names the action itself, not its state (Undo's text
        // names the edit it would undo).
        rows.push_back({title, withoutMnemonic(a->iconText()), keysOf(a), a});
    }
}

}  // namespace

QList<ShortcutRow> shortcutRows(QMainWindow* window) {
    QList<ShortcutRow> rows;
    QSet<const QAction*> seen;
    for (QAction* top : window->menuBar()->actions())
        if (top->menu())
            collect(top->menu(), withoutMnemonic(top->text()), rows, seen);
    for (QAction* a : window->findChildren<QAction*>()) {
        if (a->shortcuts().isEmpty() || seen.contains(a))
            continue;
        seen.insert(a);
        rows.push_back(
            {ShortcutsDialog::tr("Window"), withoutMnemonic(a->iconText()), keysOf(a), a});
    }
    return rows;
}

ShortcutsDialog::ShortcutsDialog(QMainWindow* window) : QDialog(window) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto* layout = new QVBoxLayout(this);
    const QList<ShortcutRow> rows = shortcutRows(window);
    m_table = new QTableWidget(static_cast<int>(rows.size()), 3, this);
    m_table->setHorizontalHeaderLabels({tr("Menu"), tr("Action"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int r = 0; r < rows.size(); ++r) {
        const ShortcutRow& row = rows[r];
        m_table->setItem(r, 0, new QTableWidgetItem(row.menu));
        m_table->setItem(r, 1, new QTableWidgetItem(row.action));
        m_table->setItem(r, 2, new QTableWidgetItem(row.keys));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table);
    auto* note = new QLabel(
        tr("Single-key shortcuts work while a number field has the focus; a check box keeps "
           "Space, which toggles it. In the network diagram, Up/Down and Home/End select a node "
           "and Delete removes it."));
    note->setWordWrap(true);
    layout->addWidget(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 520);
}

}  // namespace linearlab::ui
