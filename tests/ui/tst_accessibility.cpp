// The window for assistive technology and large fonts: every control and every
// view LinearLab draws itself has an accessible name, and with the system font
// half as large again the window's labels still fit.
#include "main_window_test_support.h"
#include "ui/diagram_canvas.h"
#include "ui/learn_panel.h"
#include "ui/loss_chart_widget.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QDockWidget>
#include <QGraphicsView>
#include <QLabel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace linearlab;
using linearlab::ui::MainWindow;
using namespace linearlab::test;

namespace {

/// Widgets a user reaches or reads: those Tab stops at, and the views LinearLab
/// paints itself (its own classes). A spin box's line edit speaks for its box.
bool needsName(const QWidget* w) {
    if (w->focusProxy())
        return false;
    if (qobject_cast<const QToolButton*>(w) && qobject_cast<const QToolBar*>(w->parentWidget()))
        return true;  // the toolbar's buttons take no focus, but are read
    if (w->focusPolicy() & Qt::TabFocus)
        return true;
    return QByteArray(w->metaObject()->className()).startsWith("linearlab::ui::");
}

QString describe(const QWidget* w) {
    QStringList path;
    for (const QWidget* p = w; p; p = p->parentWidget())
        path.prepend(QString::fromLatin1(p->metaObject()->className()) +
                     (p->objectName().isEmpty() ? QString() : QLatin1Char('#') + p->objectName()));
    return path.join(QStringLiteral(" > "));
}

}  // namespace

class TestAccessibility : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
    }
    void everyControlAndViewHasAName();
    void largeSystemFontFits();
    void chartsShowTheirFocus();
};

void TestAccessibility::everyControlAndViewHasAName() {
    MainWindow w;
    w.setSaveLayoutOnClose(false);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(stepTimes(w, 1));  // the views show a network
    QStringList unnamed;
    int checked = 0;
    // Each dock raised in turn, so tabbed ones (Learn) are walked too.
    for (QDockWidget* dock : w.findChildren<QDockWidget*>()) {
        dock->raise();
        QCoreApplication::processEvents();
    }
    auto walk = [&] {
        for (QWidget* widget : w.findChildren<QWidget*>()) {
            if (!widget->isVisibleTo(&w) || !needsName(widget))
                continue;
            ++checked;
            QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(widget);
            if (!iface || iface->text(QAccessible::Name).trimmed().isEmpty())
                unnamed << describe(widget);
        }
    };
    walk();
    // Every lesson of the Learn dock, each on screen in turn.
    auto* lessons = w.learnPanel()->findChild<QTabWidget*>();
    QVERIFY(lessons);
    for (int i = 0; i < lessons->count(); ++i) {
        lessons->setCurrentIndex(i);
        QCoreApplication::processEvents();
        walk();
    }
    // The node editor's fields for a node, and the neuron view.
    w.diagram()->selectNode(0);
    QCoreApplication::processEvents();
    walk();
    // A window too narrow for the toolbar shows Qt's ">>" button for the rest.
    w.resize(640, w.height());
    QCoreApplication::processEvents();
    auto* more = w.findChild<QWidget*>(QStringLiteral("qt_toolbar_ext_button"));
    QVERIFY(more && more->isVisibleTo(&w));
    walk();
    unnamed.removeDuplicates();
    for (const QString& u : unnamed)
        qWarning("unnamed: %s", qPrintable(u));  // QVERIFY2 cuts a long message
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
    QVERIFY(checked > 30);
    w.undoStack()->setClean();
}

void TestAccessibility::largeSystemFontFits() {
    // The system font half as large again, as a user who needs large text sets it.
    const QFont original = QApplication::font();
    QFont large = original;
    large.setPointSizeF(original.pointSizeF() * 1.5);
    QApplication::setFont(large);
    {
        MainWindow w;
        w.setSaveLayoutOnClose(false);
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(stepTimes(w, 1));
        w.diagram()->selectNode(0);
        QCoreApplication::processEvents();
        QCOMPARE(w.font().pointSizeF(), large.pointSizeF());
        // The docks' least widths still fit the screen: the window kept its size.
        QCOMPARE(w.size(), QSize(1280, 800));
        QStringList cut;
        int checked = 0;
        auto fits = [&](QWidget* widget, QString text, int room) {
            text.remove(QLatin1Char('&'));
            if (text.isEmpty() || text.contains(QLatin1Char('\n')) ||
                text.contains(QLatin1Char('<')))
                return;
            ++checked;
            const int need = widget->fontMetrics().horizontalAdvance(text);
            if (need > room)
                cut << QStringLiteral("%1 \"%2\": %3 > %4 px")
                           .arg(describe(widget), text)
                           .arg(need)
                           .arg(room);
        };
        for (QWidget* widget : w.findChildren<QWidget*>()) {
            if (!widget->isVisibleTo(&w))
                continue;
            if (auto* label = qobject_cast<QLabel*>(widget); label && !label->wordWrap())
                fits(label, label->text(), label->contentsRect().width());
            else if (auto* button = qobject_cast<QAbstractButton*>(widget))
                fits(button, button->text(), button->width());
        }
        for (const QString& c : cut)
            qWarning("cut: %s", qPrintable(c));
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));
        QVERIFY(checked > 20);
        w.undoStack()->setClean();
    }
    QApplication::setFont(original);
}

void TestAccessibility::chartsShowTheirFocus() {
    MainWindow w;
    w.setSaveLayoutOnClose(false);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    auto* chart = w.lossChart()->findChild<QGraphicsView*>();
    QVERIFY(chart);
    QVERIFY(chart->focusPolicy() & Qt::TabFocus);
    const QColor ring = chart->palette().color(QPalette::Highlight);
    const QPoint edge(1, chart->height() / 2);
    QVERIFY(chart->grab().toImage().pixelColor(edge) != ring);
    chart->setFocus(Qt::TabFocusReason);
    QVERIFY(chart->hasFocus());
    QCOMPARE(chart->grab().toImage().pixelColor(edge), ring);
    w.diagram()->canvas()->setFocus(Qt::TabFocusReason);
    QVERIFY(chart->grab().toImage().pixelColor(edge) != ring);
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
