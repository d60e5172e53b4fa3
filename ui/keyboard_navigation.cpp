#include "ui/keyboard_navigation.h"

#include "ui/shortcuts.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QPainter>

#include <algorithm>

namespace linearlab::ui {

namespace {

/// A frame over its parent while the parent has the focus; mouse events pass
/// through it to the parent.
class FocusFrame : public QWidget {
public:
    explicit FocusFrame(QWidget* target) : QWidget(target) {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setFocusPolicy(Qt::NoFocus);
        hide();
        target->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched != parent())
            return false;
        switch (event->type()) {
            case QEvent::FocusIn:
                setGeometry(parentWidget()->rect());
                show();
                raise();
                break;
            case QEvent::FocusOut:
                hide();
                break;
            case QEvent::Resize:
                setGeometry(parentWidget()->rect());
                break;
            default:
                break;
        }
        return false;
    }
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    }
};

}  // namespace

void showFocusFrame(QWidget* widget) {
    new FocusFrame(widget);
}

QWidget* firstTabStop(QWidget* container) {
    if (!container)
        return nullptr;
    QWidget* w = container;
    do {
        if (w == container || container->isAncestorOf(w))
            if ((w->focusPolicy() & Qt::TabFocus) && w->isVisibleTo(container) && w->isEnabled() &&
                !w->focusProxy())
                return w;
        w = w->nextInFocusChain();
    } while (w && w != container);
    return nullptr;
}

void chainTabOrder(QWidget* after, const std::vector<QWidget*>& stops) {
    for (QWidget* stop : stops) {
        if (!stop || stop->focusPolicy() == Qt::NoFocus)
            continue;
        if (after)
            QWidget::setTabOrder(after, stop);
        after = stop;
    }
}

QWidget* previousTabStop(QWidget* widget) {
    for (QWidget* w = widget ? widget->previousInFocusChain() : nullptr; w && w != widget;
         w = w->previousInFocusChain())
        if (w->focusPolicy() != Qt::NoFocus && !w->focusProxy())
            return w;
    return nullptr;
}

DockFocus::DockFocus(QMainWindow* window, std::vector<QDockWidget*> docks)
    : QObject(window), m_window(window), m_docks(std::move(docks)) {
    m_next = new QAction(tr("Next Pane"), window);
    m_next->setShortcut(keys::nextPane());
    m_next->setStatusTip(tr("Move the keyboard focus to the next dock"));
    m_previous = new QAction(tr("Previous Pane"), window);
    m_previous->setShortcut(keys::previousPane());
    m_previous->setStatusTip(tr("Move the keyboard focus to the previous dock"));
    window->addAction(m_next);
    window->addAction(m_previous);
    connect(m_next, &QAction::triggered, this, [this] { cycle(1); });
    connect(m_previous, &QAction::triggered, this, [this] { cycle(-1); });
}

std::vector<QDockWidget*> DockFocus::order() const {
    std::vector<QDockWidget*> shown;
    for (QDockWidget* d : m_docks)
        if (d->toggleViewAction()->isChecked())
            shown.push_back(d);
    // Reading order of the docks' places, column by column. A tab behind
    // another keeps no place of its own: it takes the shown tab's, so the tabs
    // of one group stay together in the order they were made.
    // (Qt keeps such a tab visible, moved out of the window.)
    auto at = [this](QDockWidget* d) { return d->mapTo(m_window, QPoint(0, 0)); };
    auto inWindow = [&](QDockWidget* d) {
        return m_window->rect().intersects(QRect(at(d), d->size()));
    };
    auto place = [&](QDockWidget* d) {
        if (d->isFloating())
            return std::make_pair(1 << 20, 0);
        QPoint p = at(d);
        if (!inWindow(d))
            for (QDockWidget* tab : m_window->tabifiedDockWidgets(d))
                if (inWindow(tab))
                    p = at(tab);
        return std::make_pair(p.x(), p.y());
    };
    std::stable_sort(shown.begin(), shown.end(),
                     [&](QDockWidget* a, QDockWidget* b) { return place(a) < place(b); });
    return shown;
}

void DockFocus::cycle(int delta) {
    const std::vector<QDockWidget*> docks = order();
    if (docks.empty())
        return;
    const int count = static_cast<int>(docks.size());
    int current = -1;
    if (QWidget* focus = QApplication::focusWidget())
        for (int i = 0; i < count; ++i)
            if (docks[static_cast<size_t>(i)]->isAncestorOf(focus))
                current = i;
    int next = current < 0 ? (delta > 0 ? 0 : count - 1) : (current + delta + count) % count;
    for (int tried = 0; tried < count; ++tried, next = (next + delta + count) % count) {
        QDockWidget* dock = docks[static_cast<size_t>(next)];
        dock->show();
        dock->raise();
        if (QWidget* stop = firstTabStop(dock->widget())) {
            stop->setFocus(Qt::TabFocusReason);
            return;
        }
    }
}

}  // namespace linearlab::ui
