#include "ui/help_menu.h"

#include "ui/about_dialog.h"
#include "ui/main_window.h"
#include "ui/shortcuts_dialog.h"
#include "ui/tour.h"
#include "ui/welcome_panel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>

namespace linearlab::ui {

HelpMenu::HelpMenu(MainWindow* window) : QObject(window), m_window(window) {
    m_welcome = new WelcomePanel;
    m_welcomeDock = new QDockWidget(tr("Welcome"), window);
    m_welcomeDock->setObjectName(QStringLiteral("welcomeDock"));
    // In a short window (1024x700, a large font) the docks below need their
    // room: the panel keeps the height its text needs and scrolls, cut nowhere.
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Tab stops at the panel's buttons, which the area scrolls into view.
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setAccessibleName(tr("Welcome"));
    scroll->setWidget(m_welcome);
    m_welcomeDock->setWidget(scroll);
    // Above every view, the whole window wide: it moves the docks down a little
    // and covers none of them.
    window->addDockWidget(Qt::TopDockWidgetArea, m_welcomeDock);
    m_welcomeDock->setVisible(WelcomePanel::showAtStartup());
    m_welcome->setKeys(window->trainAction()->shortcut().toString(QKeySequence::NativeText),
                       window->stepAction()->shortcut().toString(QKeySequence::NativeText));
    m_welcome->setDesign(window->design());
    connect(window, &MainWindow::designChanged, m_welcome, &WelcomePanel::setDesign);
    connect(m_welcome, &WelcomePanel::closeRequested, this, &HelpMenu::hideWelcome);

    m_tour = new Tour(window);
    connect(m_welcome, &WelcomePanel::tourRequested, this, &HelpMenu::startTour);

    QMenu* help = window->menuBar()->addMenu(tr("&Help"));
    m_welcomeAction = help->addAction(tr("&Welcome"), this, &HelpMenu::showWelcome);
    m_welcomeAction->setShortcut(QKeySequence::HelpContents);
    m_tourAction = help->addAction(tr("Take the &Tour"), this, &HelpMenu::startTour);
    m_shortcutsAction =
        help->addAction(tr("&Keyboard Shortcuts..."), this, &HelpMenu::showShortcuts);
    help->addSeparator();
    m_aboutAction = help->addAction(tr("&About LinearLab"), this, &HelpMenu::showAbout);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

QStringList HelpMenu::pageNames() {
    return {QStringLiteral("welcome"), QStringLiteral("tour")};
}

bool HelpMenu::showPage(const QString& name) {
    if (name == QLatin1String("welcome"))
        showWelcome();
    else if (name == QLatin1String("tour"))
        startTour();
    else
        return false;
    return true;
}

void HelpMenu::showWelcome() {
    m_welcomeDock->show();
    m_welcomeDock->raise();
}

void HelpMenu::hideWelcome() {
    m_welcomeDock->hide();
}

void HelpMenu::startTour() {
    m_tour->start();
}

void HelpMenu::showShortcuts() {
    auto* dialog = new ShortcutsDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void HelpMenu::showAbout() {
    auto* dialog = new AboutDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

}  // namespace linearlab::ui
