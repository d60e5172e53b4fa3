// MainWindow from the keyboard: every shortcut reaches one action, and undo,
// redo, Train, Step and Reset work while a number field has the focus.
#include "core/data/synthetic_datasets.h"
#include "core/io/design_file.h"
#include "core/train/design.h"
#include "core/train/trainer.h"
#include "main_window_test_support.h"
#include "ui/diagram_canvas.h"
#include "ui/heatmap_widget.h"
#include "ui/loss_chart_widget.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/node_block.h"
#include "ui/node_editor.h"
#include "ui/settings_panel.h"
#include "ui/training_controller.h"
#include "ui/weights_panel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QLabel>
#include <QRandomGenerator>
#include <QSet>
#include <QShortcutEvent>
#include <QSpinBox>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <functional>

using namespace linearlab;
using linearlab::ui::MainWindow;
using linearlab::ui::SnapshotPtr;
using namespace linearlab::test;

namespace {

/// Calls `record` for every event of `type` an object it filters receives, and
/// swallows the event.
class EventRecorder : public QObject {
public:
    EventRecorder(QEvent::Type type, std::function<void(QObject*, QEvent*)> record)
        : m_type(type), m_record(std::move(record)) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != m_type)
            return false;
        m_record(watched, event);
        return true;
    }

private:
    QEvent::Type m_type;
    std::function<void(QObject*, QEvent*)> m_record;
};

}  // namespace

class TestMainWindowKeyboard : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void everyShortcutReachesOneAction();
    void undoAndRedoByKeyboard();
    void trainStepAndResetFromANumberField();
    void undoAndRedoFromANumberField();
};

void TestMainWindowKeyboard::initTestCase() {
    // Keep the user's recent files and window layout out of the tests.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_main_window_keyboard"));
    AmbiguousShortcutWatch::install();
}

void TestMainWindowKeyboard::cleanupTestCase() {
    AmbiguousShortcutWatch::uninstall();
}

void TestMainWindowKeyboard::cleanup() {
    // A key bound twice does nothing when pressed; no test may meet one.
    const QStringList ambiguous = AmbiguousShortcutWatch::take();
    QVERIFY2(ambiguous.isEmpty(), qPrintable(ambiguous.join(QLatin1Char('\n'))));
}

void TestMainWindowKeyboard::everyShortcutReachesOneAction() {
    MainWindow w;
    w.newDesign(train::seedExampleDesign());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.diagram()->canvas()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), w.diagram()->canvas());

    // Each press is recorded and swallowed at the action, so nothing opens a
    // dialog or quits; a disabled action's keys do nothing, so all are enabled
    // while they are pressed.
    struct Hit {
        QObject* action;
        bool ambiguous;
    };
    std::vector<Hit> hits;
    EventRecorder recorder(QEvent::Shortcut, [&](QObject* receiver, QEvent* event) {
        hits.push_back({receiver, static_cast<QShortcutEvent*>(event)->isAmbiguous()});
    });
    const QList<QAction*> actions = w.findChildren<QAction*>();
    std::vector<std::pair<QAction*, bool>> wasEnabled;
    for (QAction* a : actions) {
        wasEnabled.emplace_back(a, a->isEnabled());
        a->setEnabled(true);
        a->installEventFilter(&recorder);
    }
    int pressed = 0;
    for (QAction* a : actions) {
        const QList<QKeySequence> keys = a->shortcuts();
        QCOMPARE(QSet<QKeySequence>(keys.begin(), keys.end()).size(), keys.size());
        for (const QKeySequence& key : keys) {
            hits.clear();
            QTest::keySequence(QApplication::focusWidget(), key);
            const QString what = a->text() + QLatin1String(": ") + key.toString();
            QVERIFY2(hits.size() == 1, qPrintable(what));
            QVERIFY2(hits[0].action == a, qPrintable(what));
            QVERIFY2(!hits[0].ambiguous, qPrintable(what));
            ++pressed;
        }
    }
    for (auto [a, enabled] : wasEnabled)
        a->setEnabled(enabled);
    QVERIFY(pressed >= 12);

    // Redo is there on both of the keys users know, whichever the platform has.
    QVERIFY(w.redoAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    QVERIFY(w.redoAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Y)));
    QVERIFY(w.undoAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Z)));
}

void TestMainWindowKeyboard::undoAndRedoByKeyboard() {
    MainWindow w;
    const train::Design original = train::seedExampleDesign();
    w.newDesign(original);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.diagram()->canvas()->setFocus();
    w.diagram()->selectNode(0);
    w.diagram()->addLayer(QStringLiteral("ReLU"));
    const train::Design edited = w.design();
    QCOMPARE(edited.layers.size(), size_t{2});

    auto press = [&](QKeyCombination key) {
        QWidget* focus = QApplication::focusWidget();
        QVERIFY(focus);
        QTest::keySequence(focus, QKeySequence(key));
    };
    press(Qt::CTRL | Qt::Key_Z);
    QCOMPARE(w.design(), original);
    press(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    QCOMPARE(w.design(), edited);
    press(Qt::CTRL | Qt::Key_Z);
    QCOMPARE(w.design(), original);
    press(Qt::CTRL | Qt::Key_Y);
    QCOMPARE(w.design(), edited);
    w.undoStack()->setClean();
}

void TestMainWindowKeyboard::trainStepAndResetFromANumberField() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QDoubleSpinBox* lr = w.settingsPanel()->learningRateBox();
    QTest::mouseClick(lr, Qt::LeftButton, {}, lr->rect().center());
    QCOMPARE(QApplication::focusWidget(), lr);
    // Digits and the point still type: a new rate, committed by Enter.
    QTest::keyClick(lr, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(lr, QStringLiteral("0.05"));
    QCOMPARE(lr->text(), QStringLiteral("0.05"));
    QTest::keyClick(lr, Qt::Key_Enter);
    QCOMPARE(w.design().optimizer.lr, std::optional<double>(0.05));
    const QString shown = lr->text();

    QTest::keyClick(lr, Qt::Key_Space);
    QVERIFY(w.controller()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) > 0, 10000);
    QTest::keyClick(lr, Qt::Key_Space);
    QVERIFY(!w.controller()->isRunning());
    QVERIFY(syncWithLoop(w));
    const nn::Index paused = shownStep(w);

    QTest::keyClick(lr, Qt::Key_S);
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(w), 5000);
    QCOMPARE(shownStep(w), paused + 1);
    QVERIFY(syncWithLoop(w));
    QCOMPARE(shownStep(w), paused + 1);

    // None of those keys reached the field, and it kept the focus.
    QCOMPARE(lr->text(), shown);
    QCOMPARE(QApplication::focusWidget(), lr);

    // R asks first: the trained steps are not saved. Discard, as the user means it.
    // (The question takes the focus while it is open.)
    const auto answer = answerNextMessageBox(QMessageBox::Discard);
    QTest::keyClick(lr, Qt::Key_R);
    QVERIFY(answer->asked);
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(w), 5000);
    QCOMPARE(shownStep(w), nn::Index{0});
    QCOMPARE(lr->text(), shown);
    QCOMPARE(w.design().optimizer.lr, std::optional<double>(0.05));
}

void TestMainWindowKeyboard::undoAndRedoFromANumberField() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const train::Design original = w.design();
    QDoubleSpinBox* lr = w.settingsPanel()->learningRateBox();
    QTest::mouseClick(lr, Qt::LeftButton, {}, lr->rect().center());
    QCOMPARE(QApplication::focusWidget(), lr);
    QTest::keyClick(lr, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(lr, QStringLiteral("0.2"));
    QTest::keyClick(lr, Qt::Key_Enter);
    const train::Design edited = w.design();
    QCOMPARE(edited.optimizer.lr, std::optional<double>(0.2));

    // The field has nothing of its own left to undo: the keys undo the design.
    QTest::keySequence(lr, QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(w.design(), original);
    QCOMPARE(lr->value(), *original.optimizer.lr);
    QTest::keySequence(lr, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    QCOMPARE(w.design(), edited);
    QTest::keySequence(lr, QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(w.design(), original);
    QTest::keySequence(lr, QKeySequence(Qt::CTRL | Qt::Key_Y));
    QCOMPARE(w.design(), edited);
    QCOMPARE(lr->value(), 0.2);
    w.undoStack()->setClean();
}

QTEST_MAIN(TestMainWindowKeyboard)
#include "tst_main_window_keyboard.moc"
