// LinearLab without a mouse: from the seed example, a user who only has the
// keyboard builds a two-layer network, trains it, reads a weight off a heatmap
// and exports the weights through the file dialog. Every step is a key press
// (QTest::keyClick, keyClicks, keySequence); an application-wide filter fails
// the test on any mouse, enter or wheel event a widget receives, synthesised
// ones included.
#include "core/io/weights_file.h"
#include "core/nn/tensor_print.h"
#include "main_window_test_support.h"
#include "ui/diagram_canvas.h"
#include "ui/heatmap_cursor.h"
#include "ui/heatmap_widget.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/node_editor.h"
#include "ui/weights_panel.h"

#include <QAccessible>
#include <QCursor>
#include <QDockWidget>
#include <QEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMouseEvent>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtTest>

#include <functional>

using namespace linearlab;
using linearlab::ui::HeatmapWidget;
using linearlab::ui::MainWindow;
using namespace linearlab::test;

namespace {

/// Records every mouse, enter or wheel event delivered to a widget.
class NoMouse : public QObject {
public:
    QStringList seen;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched->isWidgetType() &&
            (dynamic_cast<QMouseEvent*>(event) || dynamic_cast<QEnterEvent*>(event) ||
             dynamic_cast<QWheelEvent*>(event)))
            seen << QStringLiteral("%1 to %2")
                        .arg(event->type())
                        .arg(QString::fromLatin1(watched->metaObject()->className()));
        return false;
    }
};

QWidget* focused() {
    return QApplication::focusWidget();
}

/// The events a key press left queued (a layout shows the fields it was given
/// on the next turn of the event loop), handled as they are between a user's
/// key presses.
void settle() {
    QCoreApplication::processEvents();
}

/// Presses `key` on the focused widget until `reached` holds, at most `limit` times.
bool pressUntil(Qt::Key key, const std::function<bool()>& reached,
                Qt::KeyboardModifiers modifiers = Qt::NoModifier, int limit = 40) {
    for (int i = 0; i < limit && !reached(); ++i) {
        if (!focused())
            return false;
        QTest::keyClick(focused(), key, modifiers);
        settle();
    }
    return reached();
}

/// Types `text` over the focused number field's text and commits it with Enter.
void typeNumber(const QString& text) {
    QTest::keyClick(focused(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(focused(), text);
    QTest::keyClick(focused(), Qt::Key_Enter);
}

}  // namespace

class TestKeyboardOnly : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void buildTrainReadAndExport();
    void diagramKeysReorderAndRemove();
    void f6VisitsTheDocksInReadingOrder();
};

void TestKeyboardOnly::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_keyboard_only"));
    // Qt's own file dialog, the one a test can type into on every platform.
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    // The pointer far from every window, so nothing appears under it.
    QCursor::setPos(-5000, -5000);
}

void TestKeyboardOnly::buildTrainReadAndExport() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MainWindow w;
    w.setSaveLayoutOnClose(false);
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    NoMouse noMouse;
    qApp->installEventFilter(&noMouse);
    auto* canvas = w.diagram()->canvas();
    QVERIFY(focused());

    // F6 to the Network dock, then Tab to the diagram itself.
    QVERIFY(pressUntil(Qt::Key_F6, [&] { return w.diagram()->isAncestorOf(focused()); }));
    QVERIFY(pressUntil(Qt::Key_Tab, [&] { return focused() == canvas; }));
    QTest::keyClick(canvas, Qt::Key_Home);
    settle();
    QCOMPARE(w.diagram()->selectedNode(), 0);

    // Ctrl+L: the Add layer menu; Down to Linear, Enter adds it after node 0.
    QTest::keySequence(focused(), QKeySequence(Qt::CTRL | Qt::Key_L));
    QTRY_VERIFY(qobject_cast<QMenu*>(QApplication::activePopupWidget()));
    auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
    for (int i = 0; i < 20 && !(menu->activeAction() &&
                                menu->activeAction()->text() == QStringLiteral("Linear"));
         ++i)
        QTest::keyClick(menu, Qt::Key_Down);
    QCOMPARE(menu->activeAction()->text(), QStringLiteral("Linear"));
    QTest::keyClick(menu, Qt::Key_Return);
    settle();
    QTRY_VERIFY(!QApplication::activePopupWidget());
    // The offscreen platform leaves the activation with the closed menu's window;
    // on a desktop the window system gives it back to the main window at once.
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QCOMPARE(w.design().layers.size(), size_t{2});
    QCOMPARE(w.diagram()->selectedNode(), 1);
    QTRY_COMPARE(focused(), canvas);

    // The hidden width, typed: node 0's out_features and node 1's in_features.
    QTest::keyClick(canvas, Qt::Key_Up);
    ui::NodeEditor* editor = w.diagram()->editor();
    QTest::keyClick(canvas, Qt::Key_Return);  // to node 0's first argument
    QCOMPARE(focused(), editor->inFeaturesBox());
    QTest::keyClick(focused(), Qt::Key_Tab);
    QCOMPARE(focused(), editor->outFeaturesBox());
    typeNumber(QStringLiteral("16"));
    settle();
    QCOMPARE(w.design().layers[0].out_features, nn::Index{16});
    QVERIFY(pressUntil(
        Qt::Key_Backtab, [&] { return focused() == canvas; }, Qt::ShiftModifier));
    QTest::keyClick(canvas, Qt::Key_Down);
    settle();
    QTest::keyClick(canvas, Qt::Key_Enter);
    QCOMPARE(focused(), editor->inFeaturesBox());
    typeNumber(QStringLiteral("16"));
    QCOMPARE(w.design().layers[1].in_features, nn::Index{16});
    QCOMPARE(w.design().layers[1].out_features, nn::Index{40});
    QCOMPARE(w.trainBlocker(), QString());

    // Space trains (from the number field, which never types a space).
    QTest::keyClick(focused(), Qt::Key_Space);
    QVERIFY(w.controller()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) >= 20, 20000);
    // The seed's 50 epochs may be over already; if not, Space pauses.
    if (w.controller()->isRunning())
        QTest::keyClick(focused(), Qt::Key_Space);
    QTRY_VERIFY(!w.controller()->isRunning());
    QVERIFY(syncWithLoop(w));
    const ui::SnapshotPtr snapshot = w.controller()->latestSnapshot();
    QVERIFY(snapshot->step >= 20);

    // F6 to the Weights dock, Tab to the first heatmap: node 0's weight.
    QVERIFY(pressUntil(Qt::Key_F6, [&] { return w.weightsPanel()->isAncestorOf(focused()); }));
    QVERIFY(pressUntil(Qt::Key_Tab, [&] { return qobject_cast<HeatmapWidget*>(focused()); }));
    auto* heatmap = qobject_cast<HeatmapWidget*>(focused());
    QCOMPARE(
        heatmap->accessibleName(),
        QStringLiteral("Weight of node 0, Linear(in_features=20, out_features=16, bias=True)"));
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(heatmap, Qt::Key_Right);
    for (int i = 0; i < 2; ++i)
        QTest::keyClick(heatmap, Qt::Key_Down);
    QCOMPARE(heatmap->cursor()->cell(), QPoint(3, 2));
    // The trained model's weight[2, 3], as print(model[0].weight[2, 3]) spells it.
    const auto& names = snapshot->context->parameterNames;
    const auto it = std::find(names.begin(), names.end(), std::string("0.weight"));
    QVERIFY(it != names.end());
    const float value = snapshot->parameters[static_cast<size_t>(it - names.begin())](2, 3);
    const QString expected =
        QStringLiteral("0.weight[2, 3] = %1")
            .arg(QString::fromStdString(nn::TensorPrintFormat::element(value)));
    QCOMPARE(w.statusBar()->currentMessage(), expected);
    QCOMPARE(heatmap->accessibleDescription(), expected);
    QCOMPARE(QAccessible::queryAccessibleInterface(heatmap)->text(QAccessible::Description),
             expected);

    // Ctrl+E, the file name typed into Qt's file dialog, Enter.
    const QString path = dir.filePath(QStringLiteral("trained.safetensors"));
    bool typed = false;
    QTimer typist;
    connect(&typist, &QTimer::timeout, this, [&] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible() || !focused() || !dialog->isAncestorOf(focused()))
            return;
        typist.stop();
        typed = true;
        QTest::keyClicks(focused(), path);
        QTest::keyClick(focused(), Qt::Key_Return);
    });
    typist.start(20);
    QTest::keySequence(heatmap, QKeySequence(Qt::CTRL | Qt::Key_E));
    QVERIFY(typed);
    QVERIFY(QFileInfo::exists(path));
    const io::StateDict dict = io::readWeights(path);
    QCOMPARE(dict.size(), names.size());
    for (const io::NamedTensor& t : dict) {
        const auto at = std::find(names.begin(), names.end(), t.name);
        QVERIFY2(at != names.end(), t.name.c_str());
        const nn::Matrix<float>& p = snapshot->parameters[static_cast<size_t>(at - names.begin())];
        QCOMPARE(t.values.size(), static_cast<size_t>(p.size()));
        for (Eigen::Index k = 0; k < p.size(); ++k)
            QCOMPARE(t.values.at<float>(static_cast<size_t>(k)), p.data()[k]);
    }

    qApp->removeEventFilter(&noMouse);
    QVERIFY2(noMouse.seen.isEmpty(), qPrintable(noMouse.seen.join(QLatin1Char('\n'))));
    w.undoStack()->setClean();
}

void TestKeyboardOnly::diagramKeysReorderAndRemove() {
    MainWindow w;
    w.setSaveLayoutOnClose(false);
    train::Design d = train::seedExampleDesign();
    d.layers.push_back(layer("ReLU"));
    d.layers.push_back(layer("Linear", 40, 40));
    w.newDesign(d);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    auto* canvas = w.diagram()->canvas();
    canvas->setFocus(Qt::TabFocusReason);
    QTest::keyClick(canvas, Qt::Key_End);
    QCOMPARE(w.diagram()->selectedNode(), 2);
    // Ctrl+Up moves the Linear above the ReLU; the selection goes with it.
    QTest::keyClick(canvas, Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE(w.design().layers[1].type, std::string("Linear"));
    QCOMPARE(w.design().layers[2].type, std::string("ReLU"));
    QCOMPARE(w.diagram()->selectedNode(), 1);
    QCOMPARE(focused(), canvas);
    QTest::keyClick(canvas, Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE(w.design().layers[0].in_features, nn::Index{40});  // the moved one
    QCOMPARE(w.diagram()->selectedNode(), 0);
    QTest::keyClick(canvas, Qt::Key_Up, Qt::ControlModifier);  // already first
    QCOMPARE(w.diagram()->selectedNode(), 0);
    QTest::keyClick(canvas, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(w.design().layers[1].in_features, nn::Index{40});
    QCOMPARE(w.diagram()->selectedNode(), 1);
    // Each move is one undo step.
    QTest::keySequence(canvas, QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(w.design().layers[0].in_features, nn::Index{40});
    // Delete removes the selected node, still node 1 (the first Linear).
    QCOMPARE(w.diagram()->selectedNode(), 1);
    QTest::keyClick(canvas, Qt::Key_Delete);
    QCOMPARE(w.design().layers.size(), size_t{2});
    QCOMPARE(w.design().layers[0].in_features, nn::Index{40});
    QCOMPARE(w.design().layers[1].type, std::string("ReLU"));
    w.undoStack()->setClean();
}

void TestKeyboardOnly::f6VisitsTheDocksInReadingOrder() {
    MainWindow w;
    w.setSaveLayoutOnClose(false);
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    // The default arrangement: Network and Summary on the left, Weights (with
    // Learn tabbed behind it), Loss and Output in the middle, Settings right.
    QStringList visited;
    auto dockOf = [&](QWidget* widget) -> QString {
        for (QWidget* p = widget; p; p = p->parentWidget())
            if (auto* dock = qobject_cast<QDockWidget*>(p))
                return dock->objectName();
        return {};
    };
    w.diagram()->canvas()->setFocus(Qt::TabFocusReason);
    for (int i = 0; i < 7; ++i) {
        QTest::keyClick(focused(), Qt::Key_F6);
        settle();
        visited << dockOf(focused());
    }
    QCOMPARE(visited, (QStringList{QStringLiteral("summaryDock"), QStringLiteral("weightsDock"),
                                   QStringLiteral("learnDock"), QStringLiteral("lossDock"),
                                   QStringLiteral("outputDock"), QStringLiteral("settingsDock"),
                                   QStringLiteral("networkDock")}));
    QTest::keyClick(focused(), Qt::Key_F6, Qt::ShiftModifier);
    settle();
    QCOMPARE(dockOf(focused()), QStringLiteral("settingsDock"));
}

QTEST_MAIN(TestKeyboardOnly)
#include "tst_keyboard_only.moc"
