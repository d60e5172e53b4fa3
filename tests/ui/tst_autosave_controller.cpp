// Autosave: while dirty, the controller writes the provider's project to the
// recovery file every interval; clean work is never written; setDirty(false)
// removes the file; a recovery file from a previous session is reported at startup.
#include "core/io/recovery_file.h"
#include "ui/autosave_controller.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab;

namespace {

io::Project projectAtStep(nn::Index step) {
    io::Project p;
    p.design.inputFeatures = 2;
    nn::LayerSpec linear;
    linear.type = "Linear";
    linear.in_features = 2;
    linear.out_features = 1;
    p.design.layers = {linear};
    p.progress.step = step;
    p.progress.trainHistory = {{static_cast<double>(step), 0.5}};
    return p;
}

}  // namespace

class TestAutosaveController : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        io::setRecoveryPath(m_dir.filePath("recovery/recovery.linearlab"));
        io::discardRecovery();
    }
    void cleanupTestCase() { io::setRecoveryPath({}); }

    void writesTheSnapshotWhileDirty() {
        ui::AutosaveController autosave;
        QCOMPARE(autosave.interval(), 60000);
        autosave.setInterval(20);
        QCOMPARE(autosave.recoveryFile(), m_dir.filePath("recovery/recovery.linearlab"));
        nn::Index step = 0;
        autosave.setSnapshotProvider([&] { return projectAtStep(++step); });
        QSignalSpy saved(&autosave, &ui::AutosaveController::autosaved);

        autosave.setDirty(true);
        QVERIFY(saved.wait(2000));
        QVERIFY(io::hasRecovery());  // the directory was created on the way
        QTRY_VERIFY_WITH_TIMEOUT(saved.count() >= 3, 2000);
        // The file holds the latest snapshot the provider gave.
        const io::Project recovered = io::readRecovery();
        QVERIFY(recovered.progress.step >= 3 && recovered.progress.step <= step);
        QCOMPARE(recovered.design.layers.size(), size_t(1));
    }

    void cleanWorkIsNeverWritten() {
        ui::AutosaveController autosave;
        autosave.setInterval(10);
        int calls = 0;
        autosave.setSnapshotProvider([&] {
            ++calls;
            return projectAtStep(1);
        });
        // A fixed wait by design: what is tested is that ten intervals pass and
        // the timer never asks for the clean work.
        QTest::qWait(100);
        autosave.autosaveNow();
        QCOMPARE(calls, 0);
        QVERIFY(!io::hasRecovery());
    }

    void cleaningDiscardsTheRecoveryFile() {
        ui::AutosaveController autosave;
        autosave.setInterval(10);
        autosave.setSnapshotProvider([] { return projectAtStep(7); });
        autosave.setDirty(true);
        autosave.autosaveNow();
        QVERIFY(io::hasRecovery());
        autosave.setDirty(false);  // saved by the user
        QVERIFY(!io::hasRecovery());
        // A fixed wait by design: what is tested is that six intervals pass and
        // the timer, stopped with it, writes nothing.
        QTest::qWait(60);
        QVERIFY(!io::hasRecovery());
    }

    void reportsRecoveryLeftByAPreviousSession() {
        {
            ui::AutosaveController first;
            QVERIFY(!first.recoveryAvailableAtStartup());
            first.setSnapshotProvider([] { return projectAtStep(42); });
            first.setDirty(true);
            first.autosaveNow();
        }  // the session ends without a clean save: the file stays
        ui::AutosaveController next;
        QVERIFY(next.recoveryAvailableAtStartup());
        QCOMPARE(io::readRecovery().progress.step, nn::Index(42));
    }

    void aFailingWriteIsReportedNotThrown() {
        // A regular file where the recovery directory should be.
        QFile blocker(m_dir.filePath("blocker"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        io::setRecoveryPath(m_dir.filePath("blocker/recovery.linearlab"));
        ui::AutosaveController autosave;
        autosave.setSnapshotProvider([] { return projectAtStep(1); });
        QSignalSpy failed(&autosave, &ui::AutosaveController::autosaveFailed);
        autosave.setDirty(true);
        autosave.autosaveNow();
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains("blocker"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestAutosaveController)
#include "tst_autosave_controller.moc"
