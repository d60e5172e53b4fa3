// The trainer steered from another thread, as the GUI does: start, pause,
// step, reset and stop act between batches; a diverging run pauses itself with
// finite weights; and a training step allocates nothing once warmed up.
#include "core/data/synthetic_datasets.h"
#include "core/train/trainer.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <new>
#include <thread>

// Counts heap allocations, Eigen's malloc included (and under ASan too).
#include "tests/core/nn/allocation_counter.h"

using namespace linearlab;
using namespace std::chrono_literals;

namespace {

train::Design smallDesign() {
    train::Design d = train::seedExampleDesign();
    d.data.synthetic.samples = 512;
    d.train.epochs = 0;  // no limit: runs until stopped
    return d;
}

template <typename Pred>
bool waitFor(Pred pred, std::chrono::milliseconds timeout = 5000ms) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        if (pred())
            return true;
        std::this_thread::sleep_for(1ms);
    }
    return pred();
}

/// The step count the trainer last published.
struct Viewer {
    train::Trainer<float>& trainer;
    std::shared_ptr<const train::Snapshot<float>> last;
    bool poll() {
        if (auto s = trainer.takeSnapshot())
            last = std::move(s);
        return last != nullptr;
    }
    nn::Index step() {
        poll();
        return last ? last->step : -1;
    }
};

/// run() on a thread of its own, stopped and joined however the test leaves.
struct Worker {
    train::Trainer<float>& trainer;
    std::thread thread;
    explicit Worker(train::Trainer<float>& t) : trainer(t), thread([&t] { t.run(); }) {}
    ~Worker() {
        trainer.stop();
        thread.join();
    }
};

}  // namespace

class TestTrainerControl : public QObject {
    Q_OBJECT

private slots:
    void startPauseStepResetStop() {
        train::Design d = smallDesign();
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        Viewer viewer{trainer, nullptr};
        Worker worker(trainer);

        trainer.start();
        QVERIFY(waitFor([&] { return viewer.step() > 20; }));
        QCOMPARE(viewer.last->state, train::TrainState::Running);

        trainer.pause();
        QVERIFY(waitFor(
            [&] { return viewer.poll() && viewer.last->state == train::TrainState::Paused; }));
        const nn::Index paused = viewer.step();
        std::this_thread::sleep_for(100ms);
        QCOMPARE(viewer.step(), paused);

        trainer.requestStep();
        QVERIFY(waitFor([&] { return viewer.step() == paused + 1; }));
        std::this_thread::sleep_for(50ms);
        QCOMPARE(viewer.step(), paused + 1);  // exactly one batch

        const uint64_t oldRun = viewer.last->runId;
        trainer.reset();
        QVERIFY(waitFor([&] { return viewer.poll() && viewer.last->runId != oldRun; }));
        QCOMPARE(viewer.last->step, nn::Index(0));
        // Reset draws the same initial weights again.
        QCOMPARE(viewer.last->parameters[0], viewer.last->context->initialParameters[0]);

        trainer.setLearningRate(0.125);
        trainer.setBatchSize(64);
        trainer.start();
        QVERIFY(waitFor([&] { return viewer.step() > 5; }));
        QVERIFY(waitFor([&] {
            return viewer.poll() && viewer.last->learningRate == 0.125 &&
                   viewer.last->batchSize == 64;
        }));

        // ~Worker stops and joins: run() returns without waiting for an epoch to end.
    }

    void stopWhilePausedAndRapidCommands() {
        train::Design d = smallDesign();
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        Worker worker(trainer);
        for (int i = 0; i < 300; ++i) {
            switch (i % 5) {
                case 0:
                    trainer.start();
                    break;
                case 1:
                    trainer.pause();
                    break;
                case 2:
                    trainer.requestStep();
                    break;
                case 3:
                    trainer.reset();
                    break;
                case 4:
                    trainer.start();
                    break;
            }
            if (i % 7 == 0)
                trainer.takeSnapshot();
        }
        trainer.pause();
    }

    void snapshotsAreLatestWinsAndRateLimited() {
        train::Design d = smallDesign();
        train::TrainerOptions options;
        options.snapshotHz = 20;
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic),
                                      options);
        Worker worker(trainer);
        trainer.start();
        std::this_thread::sleep_for(500ms);
        int taken = 0;
        nn::Index lastStep = -1;
        const auto end = std::chrono::steady_clock::now() + 500ms;
        while (std::chrono::steady_clock::now() < end) {
            if (auto s = trainer.takeSnapshot()) {
                ++taken;
                QVERIFY(s->step > lastStep);  // never an older one after a newer
                lastStep = s->step;
            }
            std::this_thread::sleep_for(2ms);
        }
        trainer.stop();
        // ~10 snapshots in half a second at 20 Hz, although thousands of steps ran.
        QVERIFY2(taken >= 3 && taken <= 14, qPrintable(QString::number(taken)));
        QVERIFY(lastStep > 50);
    }

    void divergenceRestoresFiniteWeights() {
        train::Design d = smallDesign();
        d.optimizer.lr = 1e12;
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        int steps = 0;
        while (trainer.trainStep() && steps < 1000)
            ++steps;
        QVERIFY(steps < 1000);
        QVERIFY(!trainer.failure().empty());
        QVERIFY2(trainer.failure().find("step " + std::to_string(steps + 1) + ":") == 0,
                 trainer.failure().c_str());
        QVERIFY2(trainer.failure().find("0.weight") != std::string::npos ||
                     trainer.failure().find("0.bias") != std::string::npos ||
                     trainer.failure().find("loss") != std::string::npos,
                 trainer.failure().c_str());
        QCOMPARE(trainer.state(), train::TrainState::Paused);
        for (auto& p : trainer.network().namedParameters())
            QVERIFY(p.parameter->value.allFinite());
        QCOMPARE(trainer.step(), nn::Index(steps));
    }

    void injectedNanInTheData() {
        train::Design d = smallDesign();
        auto data = data::makeSyntheticDataset<float>(d.data.synthetic);
        d.data.validation_split = 0;
        d.batch.shuffle = false;
        data.x(5, 3) = std::numeric_limits<float>::quiet_NaN();  // in the first batch
        train::Trainer<float> trainer(d, data);
        const auto before = trainer.network().namedParameters()[0].parameter->value;
        QVERIFY(!trainer.trainStep());
        QVERIFY2(trainer.failure().rfind("step 1: the loss is nan", 0) == 0,
                 trainer.failure().c_str());
        QCOMPARE(trainer.network().namedParameters()[0].parameter->value, before);
    }

    void noAllocationPerStep_data() {
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<bool>("bilinear");
        QTest::newRow("SGD momentum") << "SGD" << false;
        QTest::newRow("Adam") << "Adam" << false;
        QTest::newRow("RMSprop, Bilinear") << "RMSprop" << true;
    }

    void noAllocationPerStep() {
        QFETCH(QString, optimizer);
        QFETCH(bool, bilinear);
        train::Design d = smallDesign();
        d.data.synthetic.samples = 300;  // 240 train: batches of 128 and a short 112
        d.optimizer.type = optimizer.toStdString();
        d.optimizer.lr = 0.01;
        if (optimizer == "SGD")
            d.optimizer.momentum = 0.9;
        nn::LayerSpec relu{"ReLU"}, head{"Linear"};
        head.in_features = 40;
        head.out_features = 40;
        d.layers.push_back(relu);
        if (bilinear) {
            nn::LayerSpec b{"Bilinear"};
            b.in1_features = 40;
            b.in2_features = 20;
            b.out_features = 40;
            b.input2 = nn::SecondInput::input();
            d.layers.push_back(b);
        } else {
            d.layers.push_back(head);
        }
        train::TrainerOptions options;
        options.snapshotHz = 0;  // publish after every step, the worst case
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic),
                                      options);
        // Warm up over two epochs: every batch size, the validation pass, every snapshot buffer.
        for (int i = 0; i < 6; ++i) {
            QVERIFY(trainer.trainStep());
            trainer.publishSnapshot();
            trainer.takeSnapshot();
        }
        std::shared_ptr<const train::Snapshot<float>> held;  // a viewer holding one
        linearlab::test::AllocationCounter counter;
        for (int i = 0; i < 40; ++i) {
            trainer.trainStep();
            trainer.publishSnapshot();
            if (i % 3 == 0)
                held = trainer.takeSnapshot();
        }
        const long allocations = counter.stop();
        held.reset();
        QCOMPARE(allocations, 0L);
        QVERIFY(trainer.failure().empty());
    }
};

QTEST_APPLESS_MAIN(TestTrainerControl)
#include "tst_trainer_control.moc"
