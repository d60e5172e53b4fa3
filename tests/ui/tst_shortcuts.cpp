// Shortcuts: every key sequence of an action bound once, whatever the platform
// already binds to the standard key.
#include "ui/shortcuts.h"

#include <QtTest>

using namespace linearlab;

class TestShortcuts : public QObject {
    Q_OBJECT

private slots:
    void repeatsAreDropped();
    void platformBindingsComeFirst();
};

void TestShortcuts::repeatsAreDropped() {
    // GNOME's Redo is Ctrl+Shift+Z, the key the window adds too.
    const QKeySequence ctrlShiftZ(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    const QKeySequence ctrlY(Qt::CTRL | Qt::Key_Y);
    QCOMPARE(ui::uniqueKeySequences({ctrlShiftZ, ctrlShiftZ, ctrlY}),
             (QList<QKeySequence>{ctrlShiftZ, ctrlY}));
    QCOMPARE(ui::uniqueKeySequences({ctrlY, QKeySequence(), ctrlShiftZ, ctrlY}),
             (QList<QKeySequence>{ctrlY, ctrlShiftZ}));
}

void TestShortcuts::platformBindingsComeFirst() {
    const QKeySequence ctrlShiftZ(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    const QKeySequence ctrlY(Qt::CTRL | Qt::Key_Y);
    const QList<QKeySequence> platform = QKeySequence::keyBindings(QKeySequence::Redo);
    const QList<QKeySequence> redo = ui::keyBindings(QKeySequence::Redo, {ctrlShiftZ, ctrlY});
    QCOMPARE(redo.mid(0, platform.size()), ui::uniqueKeySequences(platform));
    QCOMPARE(redo.count(ctrlShiftZ), 1);
    QCOMPARE(redo.count(ctrlY), 1);
}

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
