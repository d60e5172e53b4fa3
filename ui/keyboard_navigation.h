#pragma once
// Moving the focus without a mouse, beyond what Tab does inside one dock:
// F6 and Shift+F6 go to the next and previous dock of the window, column by
// column as the docks are placed (left to right, top to bottom within a
// column), so the order follows the user's own arrangement; a tabbed dock is
// raised on the way.
// The dock's first Tab stop takes the focus. And the helpers that keep the
// focus visible and Tab in the order things are shown.
#include <QObject>

#include <vector>

class QAction;
class QDockWidget;
class QMainWindow;
class QWidget;

namespace linearlab::ui {

/// The first widget inside `container` that Tab would stop at (shown, enabled,
/// taking Tab focus), in its focus chain's order; null when there is none.
QWidget* firstTabStop(QWidget* container);

/// Puts `stops` in Tab order right after `after`, in their order. Widgets made
/// after the window was built join the end of its focus chain, so a view that
/// rebuilds its fields (the node editor, the Weights view) puts them back in place.
void chainTabOrder(QWidget* after, const std::vector<QWidget*>& stops);

/// The nearest widget before `widget` in the focus chain that takes the focus, or null.
QWidget* previousTabStop(QWidget* widget);

/// Draws the palette's highlight as a frame over `widget` while it has the
/// focus, for a view that paints none of its own (the charts).
void showFocusFrame(QWidget* widget);

class DockFocus : public QObject {
    Q_OBJECT

public:
    /// Adds the Next Pane and Previous Pane actions to `window`, over `docks`.
    DockFocus(QMainWindow* window, std::vector<QDockWidget*> docks);

    QAction* nextAction() const { return m_next; }
    QAction* previousAction() const { return m_previous; }
    /// The docks the user has on screen (tabbed ones too), in the order F6 visits them.
    std::vector<QDockWidget*> order() const;
    /// Focuses the dock `delta` places after the one holding the focus.
    void cycle(int delta);

private:
    QMainWindow* m_window;
    std::vector<QDockWidget*> m_docks;
    QAction* m_next = nullptr;
    QAction* m_previous = nullptr;
};

}  // namespace linearlab::ui
