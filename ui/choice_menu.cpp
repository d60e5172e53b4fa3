#include "ui/choice_menu.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>

namespace linearlab::ui {

QMenu* addChoiceMenu(QMenu* parent, const QString& title, const std::vector<MenuChoice>& choices) {
    QMenu* menu = parent->addMenu(title);
    auto* group = new QActionGroup(menu);
    group->setExclusive(true);
    for (const MenuChoice& choice : choices) {
        QAction* action = menu->addAction(choice.text);
        action->setObjectName(choice.objectName);
        action->setCheckable(true);
        action->setChecked(choice.checked);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, choice.chosen);
    }
    return menu;
}

}  // namespace linearlab::ui
