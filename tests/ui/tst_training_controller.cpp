// TrainingController: whether training runs is what the user asked for last,
// until a snapshot that acknowledges that command says the loop stopped on its
// own (finished, or a non-finite loss). A snapshot from before the last command
// never changes it.
#include "core/data/synthetic_datasets.h"
#include "core/train/trainer.h"
#include "ui/training_controller.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QtTest>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

using namespace linearlab;
using linearlab::ui::SnapshotPtr;
using linearlab::ui::TrainingController;
using namespace std::chrono_literals;

namespace {

/// The seed example on a small data set; `steps` 0 trains until paused.
train::Design smallDesign(nn::Index steps) {
    train::Design d = train::seedExampleDesign();
    d.data.synthetic.samples = 512;
    d.train.epochs = 0;
    d.train.steps = steps;
    return d;
}

std::unique_ptr<train::Trainer<float>> makeTrainer(const train::Design& d) {
    return std::make_unique<train::Trainer<float>>(
        d, data::makeSyntheticDataset<float>(d.data.synthetic));
}

/// Holds the training thread inside a step while closed, so that a test can
/// send commands the loop has not applied yet. Passed from the step callback.
class StepGate {
public:
    void close() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
    }
    void open() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_closed = false;
        }
        m_changed.notify_all();
    }
    /// On the training thread: while closed, publishes the state in the middle of
    /// this step (what a viewer then takes) and waits until opened.
    void pass(train::Trainer<float>& trainer) {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (!m_closed)
            return;
        trainer.publishSnapshot();
        m_holding = true;
        m_changed.notify_all();
        m_changed.wait(lock, [&] { return !m_closed; });
        m_holding = false;
    }
    /// True once the loop is held in a step; `timeout` is only a bound.
    bool waitUntilHolding(std::chrono::milliseconds timeout) {
        std::unique_lock<std::mutex> lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] { return m_holding; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_closed = false;
    bool m_holding = false;
};

bool acknowledged(const TrainingController& c) {
    const SnapshotPtr s = c.latestSnapshot();
    return s && s->acknowledgedCommand >= c.lastCommand();
}

}  // namespace

class TestTrainingController : public QObject {
    Q_OBJECT

private slots:
    void staleSnapshotDoesNotStopTraining() {
        auto trainer = makeTrainer(smallDesign(0));
        StepGate gate;
        train::Trainer<float>* t = trainer.get();
        trainer->setStepCallback([&gate, t](nn::Index, nn::Index, double) { gate.pass(*t); });
        TrainingController controller;
        controller.setTrainer(std::move(trainer));
        // However the test leaves, the loop is let go before the controller joins it.
        const auto letGo = qScopeGuard([&gate] { gate.open(); });
        QSignalSpy running(&controller, &TrainingController::runningChanged);

        // The loop in the middle of a single step, paused; its snapshot is waiting.
        gate.close();
        controller.step();
        QVERIFY(gate.waitUntilHolding(10s));

        // Train, which the held loop has not applied: the waiting snapshot says
        // "paused" but predates it, so the controller goes on saying "running".
        controller.start();
        QVERIFY(controller.isRunning());
        controller.pollNow();
        const SnapshotPtr stale = controller.latestSnapshot();
        QVERIFY(stale);
        QCOMPARE(stale->step, nn::Index(1));
        QCOMPARE(stale->state, train::TrainState::Paused);
        QVERIFY(stale->acknowledgedCommand < controller.lastCommand());
        QVERIFY(controller.isRunning());

        // Let go, the loop applies the Train and says so; the controller never
        // flipped to "not running" on the way.
        gate.open();
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged(controller), 10000);
        QCOMPARE(controller.latestSnapshot()->state, train::TrainState::Running);
        QVERIFY(controller.isRunning());
        QCOMPARE(running.count(), 1);
        QCOMPARE(running.at(0).at(0).toBool(), true);
    }

    void acknowledgedFinishStopsTraining() {
        TrainingController controller;
        controller.setTrainer(makeTrainer(smallDesign(5)));
        QSignalSpy running(&controller, &TrainingController::runningChanged);
        controller.start();
        QVERIFY(controller.isRunning());

        // The loop stops on its own after 5 steps; the snapshot that says so
        // acknowledges the Train, so the controller believes it.
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 10000);
        const SnapshotPtr last = controller.latestSnapshot();
        QCOMPARE(last->state, train::TrainState::Finished);
        QCOMPARE(last->acknowledgedCommand, controller.lastCommand());
        QCOMPARE(last->step, nn::Index(5));
        QCOMPARE(running.count(), 2);
        QCOMPARE(running.at(1).at(0).toBool(), false);

        // Train after the end goes on for as long again, and finishes again.
        controller.start();
        QVERIFY(controller.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 10000);
        QCOMPARE(controller.latestSnapshot()->state, train::TrainState::Finished);
        QCOMPARE(controller.latestSnapshot()->step, nn::Index(10));
    }

    void acknowledgedFailureStopsTraining() {
        train::Design d = smallDesign(0);
        d.optimizer.lr = 1e12;  // diverges within a few steps
        TrainingController controller;
        controller.setTrainer(makeTrainer(d));
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 10000);
        const SnapshotPtr last = controller.latestSnapshot();
        QCOMPARE(last->state, train::TrainState::Paused);
        QVERIFY(!last->failure.empty());
        QCOMPARE(last->acknowledgedCommand, controller.lastCommand());
    }

    void everyCommandIsAcknowledged() {
        TrainingController controller;
        QCOMPARE(controller.lastCommand(), uint64_t(0));
        controller.setTrainer(makeTrainer(smallDesign(0)));
        QVERIFY(controller.lastCommand() > 0);  // the rate limit handed over
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged(controller), 10000);

        const uint64_t before = controller.lastCommand();
        controller.setLearningRate(0.125);
        QVERIFY(controller.lastCommand() > before);
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged(controller), 10000);
        QCOMPARE(controller.latestSnapshot()->learningRate, 0.125);

        controller.setBatchSize(64);
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged(controller), 10000);
        QCOMPARE(controller.latestSnapshot()->batchSize, nn::Index(64));

        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged(controller), 10000);
        QCOMPARE(controller.latestSnapshot()->state, train::TrainState::Running);
        controller.pause();
        QVERIFY(!controller.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged(controller), 10000);
        QCOMPARE(controller.latestSnapshot()->state, train::TrainState::Paused);
        QVERIFY(!controller.isRunning());

        // A new trainer numbers its own commands; the controller follows it. It is
        // given two at once: the speed and the threads.
        controller.setTrainer(makeTrainer(smallDesign(0)));
        QCOMPARE(controller.lastCommand(), uint64_t(2));
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged(controller), 10000);
    }
};

QTEST_MAIN(TestTrainingController)
#include "tst_training_controller.moc"
