// The toolbar: the speed presets and the settings panel's Speed slider are one
// setting, a window starts at a watchable speed, the buttons never move as
// edits, undo and training change the actions' texts, and the status bar
// shows no rate while paused.
#include "core/train/design.h"
#include "main_window_test_support.h"
#include "ui/document_controller.h"
#include "ui/main_window.h"
#include "ui/settings_panel.h"
#include "ui/speed_control.h"
#include "ui/training_controller.h"
#include "ui/training_toolbar.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <map>

using namespace linearlab;
using linearlab::ui::MainWindow;
using linearlab::ui::SpeedControl;
using namespace linearlab::test;

namespace {

/// The x of every toolbar button, by the action it shows.
std::map<QAction*, int> buttonPositions(MainWindow& w) {
    std::map<QAction*, int> x;
    for (QAction* a : w.trainingToolBar()->actions())
        if (QToolButton* b = w.trainingToolBar()->buttonFor(a))
            x[a] = b->mapTo(&w, QPoint(0, 0)).x();
    return x;
}

/// The status bar's labels as the user reads them, left to right.
QString statusBarText(MainWindow& w) {
    QStringList texts;
    for (QLabel* l : w.statusBar()->findChildren<QLabel*>())
        if (l->isVisible())
            texts << l->text();
    return texts.join(QStringLiteral(" | "));
}

}  // namespace

class TestTrainingToolBar : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void startsAtWatch();
    void presetsAndSliderAgree();
    void seedExampleRunsForSeconds();
    void buttonsKeepTheirPlace();
    void undoShowsItsEditInTheTooltip();
    void trainButtonIsThePrimaryAction();
    void statusWhilePausedHasNoRate();
};

void TestTrainingToolBar::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_training_toolbar"));
}

void TestTrainingToolBar::startsAtWatch() {
    MainWindow w;
    SpeedControl* speed = w.trainingToolBar()->speedControl();
    QSlider* slider = w.settingsPanel()->speedSlider();
    QCOMPARE(slider->value(), SpeedControl::stopOf(SpeedControl::Preset::Watch));
    QVERIFY(speed->action(SpeedControl::Preset::Watch)->isChecked());
    QCOMPARE(w.settingsPanel()->maxStepsPerSecond(), 100.0);
    QCOMPARE(w.controller()->maxStepsPerSecond(), 100.0);
    const QLabel* label = nullptr;
    for (QLabel* l : slider->parentWidget()->findChildren<QLabel*>())
        if (l->text().contains(QStringLiteral("steps/s")))
            label = l;
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("100 steps/s"));
}

void TestTrainingToolBar::presetsAndSliderAgree() {
    MainWindow w;
    SpeedControl* speed = w.trainingToolBar()->speedControl();
    QSlider* slider = w.settingsPanel()->speedSlider();
    using P = SpeedControl::Preset;
    // Fast, one click: no limit, in the slider, the panel and the trainer.
    speed->action(P::Fast)->trigger();
    QCOMPARE(slider->value(), slider->maximum());
    QCOMPARE(w.settingsPanel()->maxStepsPerSecond(), 0.0);
    QCOMPARE(w.controller()->maxStepsPerSecond(), 0.0);
    QVERIFY(speed->action(P::Fast)->isChecked());
    speed->action(P::Slow)->trigger();
    QCOMPARE(w.settingsPanel()->maxStepsPerSecond(), 10.0);
    QCOMPARE(w.controller()->maxStepsPerSecond(), 10.0);
    QVERIFY(speed->action(P::Slow)->isChecked());
    QVERIFY(!speed->action(P::Fast)->isChecked());
    // The slider moved by hand: the preset at that stop is checked, or none.
    slider->setValue(SpeedControl::stopOf(P::Watch));
    QVERIFY(speed->action(P::Watch)->isChecked());
    QCOMPARE(w.controller()->maxStepsPerSecond(), 100.0);
    slider->setValue(2);  // 5 steps/s: no preset
    QCOMPARE(w.controller()->maxStepsPerSecond(), 5.0);
    for (QAction* a : speed->actions())
        QVERIFY2(!a->isChecked(), qPrintable(a->text()));
    QCOMPARE(speed->maxStepsPerSecond(), w.settingsPanel()->maxStepsPerSecond());
    // Each preset's tooltip gives its rate.
    QVERIFY(speed->action(P::Watch)->toolTip().contains(QStringLiteral("100 steps/s")));
    QVERIFY(speed->action(P::Fast)->toolTip().contains(QStringLiteral("no limit")));
}

void TestTrainingToolBar::seedExampleRunsForSeconds() {
    MainWindow w;  // the seed example: 50 epochs of 7 batches
    w.show();
    QElapsedTimer clock;
    clock.start();
    w.trainAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isRunning(), 30000);
    const qint64 ms = clock.elapsed();
    QCOMPARE(shownStep(w), nn::Index(350));
    // 350 steps at 100 steps/s: at least 3.5 s, so the loss is seen to fall.
    QVERIFY2(ms >= 3300, qPrintable(QString::number(ms)));
    w.document()->setUnsavedTraining(false);
}

void TestTrainingToolBar::buttonsKeepTheirPlace() {
    MainWindow w;
    w.newDesign(endless());
    w.resize(1500, 940);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QToolButton* step = w.trainingToolBar()->buttonFor(w.stepAction());
    QVERIFY(step);
    const std::map<QAction*, int> before = buttonPositions(w);
    const int trainX = before.at(w.trainAction());
    const int stepX = before.at(w.stepAction());

    train::Design d = w.design();
    d.optimizer.lr = 0.25;
    w.editDesign(d, QStringLiteral("Change learning rate to 0.25, a long name for an edit"));
    QApplication::processEvents();
    QVERIFY(w.undoAction()->text().contains(QStringLiteral("a long name")));
    QCOMPARE(buttonPositions(w), before);
    w.undoAction()->trigger();
    QApplication::processEvents();
    QVERIFY(w.redoAction()->text().contains(QStringLiteral("a long name")));
    QCOMPARE(buttonPositions(w), before);
    w.redoAction()->trigger();
    QApplication::processEvents();
    QCOMPARE(buttonPositions(w), before);

    // Train -> Pause -> Train: the text changes, nothing moves.
    w.trainAction()->trigger();
    QCOMPARE(w.trainAction()->text(), QStringLiteral("Pause"));
    QApplication::processEvents();
    QCOMPARE(w.trainingToolBar()->trainButton()->mapTo(&w, QPoint(0, 0)).x(), trainX);
    QCOMPARE(step->mapTo(&w, QPoint(0, 0)).x(), stepX);
    QCOMPARE(buttonPositions(w), before);
    w.trainAction()->trigger();
    QApplication::processEvents();
    QCOMPARE(buttonPositions(w), before);
    w.document()->setUnsavedTraining(false);
}

void TestTrainingToolBar::undoShowsItsEditInTheTooltip() {
    MainWindow w;
    train::Design d = w.design();
    d.optimizer.lr = 0.25;
    w.editDesign(d, QStringLiteral("Change learning rate"));
    QToolButton* undo = w.trainingToolBar()->buttonFor(w.undoAction());
    QCOMPARE(undo->text(), QStringLiteral("Undo"));
    QCOMPARE(undo->toolTip(), QStringLiteral("Undo Change learning rate"));
    QCOMPARE(w.undoAction()->text(), QStringLiteral("&Undo Change learning rate"));  // the menu
    w.undoAction()->trigger();
    QToolButton* redo = w.trainingToolBar()->buttonFor(w.redoAction());
    QCOMPARE(redo->text(), QStringLiteral("Redo"));
    QCOMPARE(redo->toolTip(), QStringLiteral("Redo Change learning rate"));
    QCOMPARE(undo->text(), QStringLiteral("Undo"));
}

void TestTrainingToolBar::trainButtonIsThePrimaryAction() {
    MainWindow w;
    w.show();
    QToolButton* train = w.trainingToolBar()->trainButton();
    QToolButton* step = w.trainingToolBar()->buttonFor(w.stepAction());
    QVERIFY(train->font().bold());
    QVERIFY(train->font().pointSizeF() > step->font().pointSizeF());
    QVERIFY(train->height() >= step->height());
    QVERIFY(train->iconSize().width() > step->iconSize().width());
    QVERIFY(!train->icon().isNull());
    // Wide enough for either text.
    const QFontMetrics metrics(train->font());
    for (const QString& text : {QStringLiteral("Train"), QStringLiteral("Pause")})
        QVERIFY(train->width() >= metrics.horizontalAdvance(text) + train->iconSize().width());
    const qint64 playKey = train->icon().cacheKey();
    w.trainAction()->trigger();
    QCOMPARE(train->text(), QStringLiteral("Pause"));
    QVERIFY(train->icon().cacheKey() != playKey);  // the pause icon
    w.trainAction()->trigger();
    QCOMPARE(train->text(), QStringLiteral("Train"));
    w.document()->setUnsavedTraining(false);
}

void TestTrainingToolBar::statusWhilePausedHasNoRate() {
    MainWindow w;
    w.newDesign(endless());
    w.show();
    w.trainAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) > 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(w.statusText().contains(QStringLiteral("steps/s")), 5000);
    QVERIFY(statusBarText(w).contains(QStringLiteral("training")));
    w.trainAction()->trigger();  // Pause
    QVERIFY(acknowledged(w) || QTest::qWaitFor([&] { return acknowledged(w); }, 5000));
    QVERIFY(syncWithLoop(w));
    w.controller()->pollNow();
    const nn::Index step = shownStep(w);
    QVERIFY2(!w.statusText().contains(QStringLiteral("steps/s")), qPrintable(w.statusText()));
    QVERIFY2(w.statusText().contains(QStringLiteral("step %1 ").arg(step)),
             qPrintable(w.statusText()));
    const QString bar = statusBarText(w);
    QVERIFY2(!bar.contains(QStringLiteral("steps/s")), qPrintable(bar));
    QVERIFY2(bar.contains(QStringLiteral("paused")), qPrintable(bar));
    // A single step while paused is not a rate either.
    QVERIFY(stepTimes(w, 1));
    QVERIFY2(!statusBarText(w).contains(QStringLiteral("steps/s")), qPrintable(statusBarText(w)));
    w.document()->setUnsavedTraining(false);
}

QTEST_MAIN(TestTrainingToolBar)
#include "tst_training_toolbar.moc"
