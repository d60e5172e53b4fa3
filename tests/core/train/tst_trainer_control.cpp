// The trainer steered from another thread, as the GUI does: start, pause,
// step, reset and stop act between batches, and the first snapshot that
// acknowledges a command shows its effect; a diverging run pauses itself with
// finite weights; and a training step allocates nothing once warmed up.
#include "core/data/synthetic_datasets.h"
#include "core/train/scheduler_table.h"
#include "core/train/trainer.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <new>
#include <thread>

// Counts heap allocations, Eigen's malloc included (and under ASan too).
#include "tests/core/train/warm_step_allocations.h"

using namespace linearlab;
using namespace std::chrono_literals;

namespace {

/// A layer of `type` with every other field at its default.
nn::LayerSpec layer(const char* type) {
    nn::LayerSpec s;
    s.type = type;
    return s;
}

train::Design smallDesign() {
    train::Design d = train::seedExampleDesign();
    d.data.synthetic.samples = 512;
    d.train.epochs = 0;  // no limit: runs until stopped
    return d;
}

/// Polls `pred` until it holds, for at most `timeout` (a generous bound, not a
/// wait for anything to happen).
template <typename Pred>
bool waitFor(Pred pred, std::chrono::milliseconds timeout = 5000ms) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        if (pred())
            return true;
        std::this_thread::sleep_for(1ms);  // the polling interval
    }
    return pred();
}

/// The snapshots the trainer publishes, as a viewer takes them.
struct Viewer {
    train::Trainer<float>& trainer;
    std::shared_ptr<const train::Snapshot<float>> last;
    bool poll() {
        if (auto s = trainer.takeSnapshot())
            last = std::move(s);
        return last != nullptr;
    }
    nn::Index stepCount() {
        poll();
        return last ? last->step : -1;
    }
    /// Waits for the first snapshot that acknowledges command `sequence`.
    bool waitForAcknowledgement(uint64_t sequence) {
        return waitFor([&] { return poll() && last->acknowledgedCommand >= sequence; });
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
    // The lessons' probe: the first training samples, then the plane as a
    // grid, each followed through every node with the snapshot's weights.
    void probeFollowsSamplesAndPlaneThroughEveryNode() {
        train::Design d = train::seedExampleDesign();
        d.data.synthetic.dataset = "moons";
        d.data.synthetic.samples = 64;
        d.inputFeatures = 2;
        nn::LayerSpec linear = layer("Linear");
        linear.in_features = 2;
        linear.out_features = 3;
        d.layers = {linear, layer("ReLU")};
        d.loss = "CrossEntropyLoss";
        train::TrainerOptions options;
        options.probeSamples = 5;
        options.probeGridResolution = 4;
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic),
                                      options);
        trainer.publishSnapshot();
        const auto s = trainer.takeSnapshot();
        QVERIFY(s);
        const auto& ctx = *s->context;
        QCOMPARE(ctx.probeSamples, nn::Index(5));
        QCOMPARE(ctx.probeGridResolution, nn::Index(4));
        QCOMPARE(ctx.probeInputs.rows(), nn::Index(5 + 16));
        QCOMPARE(nn::Matrix<float>(ctx.probeInputs.topRows(5)),
                 nn::Matrix<float>(ctx.dataX.topRows(5)));
        // Row-major from the top-left corner (xMin, yMax) to (xMax, yMin).
        QCOMPARE(ctx.probeInputs(5, 0), static_cast<float>(ctx.xMin));
        QCOMPARE(ctx.probeInputs(5, 1), static_cast<float>(ctx.yMax));
        QCOMPARE(ctx.probeInputs(20, 0), static_cast<float>(ctx.xMax));
        QCOMPARE(ctx.probeInputs(20, 1), static_cast<float>(ctx.yMin));

        QCOMPARE(s->probeOutputs.size(), size_t(2));
        const Eigen::RowVectorXf bias =
            Eigen::Map<const Eigen::RowVectorXf>(s->parameters[1].data(), 3);
        const nn::Matrix<float> y =
            (ctx.probeInputs * s->parameters[0].transpose()).rowwise() + bias;
        QVERIFY(s->probeOutputs[0].isApprox(y, 1e-6f));
        QCOMPARE(s->probeOutputs[1], nn::Matrix<float>(y.cwiseMax(0.0f)));
    }

    void startPauseStepResetStop() {
        train::Design d = smallDesign();
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        Viewer viewer{trainer, nullptr};
        Worker worker(trainer);

        QVERIFY(viewer.waitForAcknowledgement(trainer.start()));
        QCOMPARE(viewer.last->state, train::TrainState::Running);
        QVERIFY(waitFor([&] { return viewer.stepCount() > 20; }));

        // The snapshot that acknowledges the pause shows the loop paused; a later
        // command's acknowledgement shows that it took no step since.
        QVERIFY(viewer.waitForAcknowledgement(trainer.pause()));
        QCOMPARE(viewer.last->state, train::TrainState::Paused);
        const nn::Index paused = viewer.last->step;
        QVERIFY(viewer.waitForAcknowledgement(trainer.setMaxStepsPerSecond(0)));
        QCOMPARE(viewer.last->step, paused);

        QVERIFY(viewer.waitForAcknowledgement(trainer.requestStep()));
        QCOMPARE(viewer.last->state, train::TrainState::Paused);
        QCOMPARE(viewer.last->step, paused + 1);
        QVERIFY(viewer.waitForAcknowledgement(trainer.setMaxStepsPerSecond(0)));
        QCOMPARE(viewer.last->step, paused + 1);  // exactly one batch

        const uint64_t oldRun = viewer.last->runId;
        QVERIFY(viewer.waitForAcknowledgement(trainer.reset()));
        QVERIFY(viewer.last->runId != oldRun);
        QCOMPARE(viewer.last->step, nn::Index(0));
        // Reset draws the same initial weights again.
        QCOMPARE(viewer.last->parameters[0], viewer.last->context->initialParameters[0]);

        trainer.setLearningRate(0.125);
        trainer.setBatchSize(64);
        QVERIFY(viewer.waitForAcknowledgement(trainer.start()));
        QCOMPARE(viewer.last->learningRate, 0.125);
        QCOMPARE(viewer.last->batchSize, nn::Index(64));
        QVERIFY(waitFor([&] { return viewer.stepCount() > 5; }));

        // ~Worker stops and joins: run() returns without waiting for an epoch to end.
    }

    void snapshotsAcknowledgeCommands() {
        train::Design d = smallDesign();
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        Viewer viewer{trainer, nullptr};
        Worker worker(trainer);
        QVERIFY(viewer.waitForAcknowledgement(0));
        QCOMPARE(viewer.last->acknowledgedCommand, uint64_t(0));  // none sent yet

        // Idle, the loop has nothing to train, yet it answers each command at once,
        // and the answer already shows the command's effect.
        const uint64_t lr = trainer.setLearningRate(0.125);
        const uint64_t batch = trainer.setBatchSize(64);
        QCOMPARE(lr, uint64_t(1));
        QCOMPARE(batch, uint64_t(2));
        QVERIFY(viewer.waitForAcknowledgement(batch));
        QCOMPARE(viewer.last->acknowledgedCommand, batch);
        QCOMPARE(viewer.last->learningRate, 0.125);
        QCOMPARE(viewer.last->batchSize, nn::Index(64));
        QCOMPARE(viewer.last->state, train::TrainState::Paused);
        QCOMPARE(viewer.last->step, nn::Index(0));

        // Under a slow rate limit the loop waits ~20 s between steps; a command is
        // still applied and acknowledged at once, and takes no step early.
        trainer.setMaxStepsPerSecond(0.05);
        QVERIFY(viewer.waitForAcknowledgement(trainer.start()));
        QVERIFY(waitFor([&] { return viewer.stepCount() == 1; }));
        QCOMPARE(viewer.last->state, train::TrainState::Running);
        const uint64_t slower = trainer.setLearningRate(0.25);
        QVERIFY(viewer.waitForAcknowledgement(slower));
        QCOMPARE(viewer.last->learningRate, 0.25);
        QCOMPARE(viewer.last->step, nn::Index(1));
        QVERIFY(viewer.waitForAcknowledgement(trainer.pause()));
        QCOMPARE(viewer.last->state, train::TrainState::Paused);
        QCOMPARE(viewer.last->step, nn::Index(1));
    }

    void stopWhilePausedAndRapidCommands() {
        train::Design d = smallDesign();
        // Both left alive if run() hangs, so that the detached thread does not outlive them.
        auto trainer = std::make_unique<train::Trainer<float>>(
            d, data::makeSyntheticDataset<float>(d.data.synthetic));
        const uint64_t firstRun = trainer->runId();
        auto returned = std::make_shared<std::atomic<bool>>(false);
        std::thread thread([&t = *trainer, returned] {
            t.run();
            *returned = true;
        });
        uint64_t last = 0;
        bool numberedInOrder = true;
        for (int i = 0; i < 300; ++i) {
            uint64_t sequence = 0;
            switch (i % 5) {
                case 0:
                    sequence = trainer->start();
                    break;
                case 1:
                    sequence = trainer->pause();
                    break;
                case 2:
                    sequence = trainer->requestStep();
                    break;
                case 3:
                    sequence = trainer->reset();
                    break;
                case 4:
                    sequence = trainer->start();
                    break;
            }
            numberedInOrder = numberedInOrder && sequence == last + 1;
            last = sequence;
            if (i % 7 == 0)
                trainer->takeSnapshot();
        }
        QVERIFY(numberedInOrder);

        // Whatever the burst left pending, the snapshot that acknowledges the last
        // command shows the state it asked for: paused, in a run the resets began.
        Viewer viewer{*trainer, nullptr};
        const uint64_t pause = trainer->pause();
        QCOMPARE(pause, last + 1);
        const bool paused = viewer.waitForAcknowledgement(pause);
        const uint64_t stop = trainer->stop();
        QCOMPARE(stop, pause + 1);
        if (!waitFor([&] { return returned->load(); })) {
            thread.detach();
            static_cast<void>(trainer.release());
            QFAIL("run() did not return after stop()");
        }
        thread.join();
        QVERIFY(paused);
        QCOMPARE(viewer.last->acknowledgedCommand, pause);
        QCOMPARE(viewer.last->state, train::TrainState::Paused);
        QVERIFY(viewer.last->runId > firstRun);
        const auto atPause = viewer.last;

        // run() published a last snapshot on its way out: every command applied,
        // stop() included, and no step taken since the pause.
        QVERIFY(viewer.poll() && viewer.last != atPause);
        QCOMPARE(viewer.last->acknowledgedCommand, stop);
        QCOMPARE(viewer.last->state, train::TrainState::Paused);
        QCOMPARE(viewer.last->runId, atPause->runId);
        QCOMPARE(viewer.last->step, atPause->step);
    }

    void snapshotsAreLatestWinsAndRateLimited() {
        train::Design d = smallDesign();
        train::TrainerOptions options;
        options.snapshotHz = 20;
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic),
                                      options);
        Worker worker(trainer);
        Viewer viewer{trainer, nullptr};
        QVERIFY(viewer.waitForAcknowledgement(trainer.start()));
        QCOMPARE(viewer.last->state, train::TrainState::Running);
        int taken = 0;
        nn::Index lastStep = viewer.last->step;
        // What is measured: the snapshots a viewer polling every 2 ms gets in half
        // a second of training.
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
        QCOMPARE(trainer.stepCount(), nn::Index(steps));
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
        QTest::addColumn<QString>("scheduler");
        QTest::newRow("SGD momentum") << "SGD" << false << "";
        QTest::newRow("Adam") << "Adam" << false << "";
        QTest::newRow("RMSprop, Bilinear") << "RMSprop" << true << "";
        // The longest keyword values and type names, and momentum cycled every step.
        QTest::newRow("SGD, ReduceLROnPlateau") << "SGD" << false << "ReduceLROnPlateau";
        QTest::newRow("Adam, OneCycleLR") << "Adam" << false << "OneCycleLR";
        QTest::newRow("RMSprop, CosineAnnealingLR") << "RMSprop" << false << "CosineAnnealingLR";
        QTest::newRow("SGD, MultiStepLR") << "SGD" << false << "MultiStepLR";
    }

    void noAllocationPerStep() {
        QFETCH(QString, optimizer);
        QFETCH(bool, bilinear);
        QFETCH(QString, scheduler);
        train::Design d = smallDesign();
        if (!scheduler.isEmpty())
            d.scheduler = train::startingScheduler(scheduler.toStdString());
        d.data.synthetic.samples = 300;  // 240 train: batches of 128 and a short 112
        d.optimizer.type = optimizer.toStdString();
        d.optimizer.lr = 0.01;
        if (optimizer == "SGD")
            d.optimizer.momentum = 0.9;
        nn::LayerSpec relu = layer("ReLU"), head = layer("Linear");
        head.in_features = 40;
        head.out_features = 40;
        d.layers.push_back(relu);
        if (bilinear) {
            nn::LayerSpec b = layer("Bilinear");
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
        QCOMPARE(testing::warmStepAllocations(trainer, 40), 0L);
        QVERIFY(trainer.failure().empty());
    }
};

QTEST_APPLESS_MAIN(TestTrainerControl)
#include "tst_trainer_control.moc"
