#pragma once
// The Help menu and what it opens: the Welcome panel (a dock above the views,
// shown at startup until the user unticks "Show at startup"), the tour,
// the Keyboard Shortcuts list, About LinearLab and About Qt. F1 opens the
// Welcome panel, from which the tour is one click.
#include <QObject>
#include <QStringList>

class QAction;
class QDockWidget;

namespace linearlab::ui {

class MainWindow;
class Tour;
class WelcomePanel;

class HelpMenu : public QObject {
    Q_OBJECT

public:
    /// Adds the menu to `window`'s menu bar and the Welcome dock to its top
    /// area, shown when WelcomePanel::showAtStartup() says so.
    explicit HelpMenu(MainWindow* window);

    /// --show's names for the help pages: "welcome", "tour".
    static QStringList pageNames();
    /// Shows the page called `name` (pageNames()); false if there is none.
    bool showPage(const QString& name);

    void showWelcome();
    void hideWelcome();
    void startTour();
    void showShortcuts();
    void showAbout();

    WelcomePanel* welcome() const { return m_welcome; }
    QDockWidget* welcomeDock() const { return m_welcomeDock; }
    Tour* tour() const { return m_tour; }
    QAction* welcomeAction() const { return m_welcomeAction; }
    QAction* tourAction() const { return m_tourAction; }
    QAction* shortcutsAction() const { return m_shortcutsAction; }
    QAction* aboutAction() const { return m_aboutAction; }

private:
    MainWindow* m_window;
    WelcomePanel* m_welcome = nullptr;
    QDockWidget* m_welcomeDock = nullptr;
    Tour* m_tour = nullptr;
    QAction* m_welcomeAction = nullptr;
    QAction* m_tourAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QAction* m_aboutAction = nullptr;
};

}  // namespace linearlab::ui
