#pragma once
// A submenu of exclusive, checkable choices, as View > Theme and View > Language
// are: one checked action per choice, and a function run when one is chosen.
#include <QString>

#include <functional>
#include <vector>

class QMenu;

namespace linearlab::ui {

struct MenuChoice {
    QString objectName;  // for tests and for QMainWindow's saved state
    QString text;
    bool checked = false;
    std::function<void()> chosen;
};

/// Appends the submenu `title` to `parent`, its actions one exclusive group.
QMenu* addChoiceMenu(QMenu* parent, const QString& title, const std::vector<MenuChoice>& choices);

}  // namespace linearlab::ui
