// The learning-rate schedulers against PyTorch 1.13: every lr get_last_lr() gave,
// to the bit, for each scheduler and keyword set (tests/fixtures/train/
// schedulers.json, from make_scheduler_fixtures.py), OneCycleLR's momentum, and
// 50-step training runs with a scheduler stepped where the PyTorch docs put it.
#include "core/io/design_file.h"
#include "core/io/scheduler_section.h"
#include "core/nn/sgd.h"
#include "core/train/lr_scheduler.h"
#include "core/train/scheduled_optimizer.h"
#include "core/train/trainer.h"
#include "train_fixture.h"

#include <QtTest>

#include <cstring>
#include <thread>

using namespace linearlab;

namespace {

QJsonObject loadFixture() {
    QFile f(QStringLiteral(LINEARLAB_FIXTURES_DIR) + "/train/schedulers.json");
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open schedulers.json");
    return QJsonDocument::fromJson(f.readAll()).object();
}

QJsonObject findCase(const char* part, const QString& name) {
    for (const QJsonValue& v : loadFixture()[part].toArray())
        if (v.toObject()["name"].toString() == name)
            return v.toObject();
    throw std::runtime_error("no case " + name.toStdString());
}

/// Bit for bit, with both values in the message when they differ.
bool sameBits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

QByteArray describe(int step, double got, double expected) {
    return QByteArray("step ") + QByteArray::number(step) + ": got " +
           QByteArray::number(got, 'g', 17) + ", PyTorch " + QByteArray::number(expected, 'g', 17);
}

/// The training fixtures in the layout train_fixture.h reads, with each step's lr.
struct ScheduledRun {
    testing::TrainCase run;
    std::vector<double> lrs;
};

ScheduledRun loadRun(const QString& name) {
    const QJsonObject c = findCase("trajectories", name);
    ScheduledRun r;
    r.run.design = io::designFromJson(c["design"].toObject());
    const QJsonArray x = c["x"].toArray(), y = c["y"].toArray();
    const int n = x.size(), features = x[0].toArray().size(), targets = y[0].toArray().size();
    r.run.dataset.x.resize(n, features);
    r.run.dataset.y.resize(n, targets);
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < features; ++j)
            r.run.dataset.x(i, j) = static_cast<float>(x[i].toArray()[j].toDouble());
        for (int j = 0; j < targets; ++j)
            r.run.dataset.y(i, j) = static_cast<float>(y[i].toArray()[j].toDouble());
    }
    for (const QJsonValue& l : c["losses"].toArray())
        r.run.losses.push_back(l.toDouble());
    for (const QJsonValue& l : c["lrs"].toArray())
        r.lrs.push_back(l.toDouble());
    return r;
}

train::SchedulerOptions scheduler(const char* json) {
    return io::schedulerFromJson(QJsonDocument::fromJson(json).object());
}

}  // namespace

class TestLrScheduler : public QObject {
    Q_OBJECT

private slots:
    void sequenceMatchesPyTorch_data() {
        QTest::addColumn<QString>("name");
        for (const QJsonValue& v : loadFixture()["sequences"].toArray())
            QTest::newRow(v.toObject()["name"].toString().toUtf8().constData())
                << v.toObject()["name"].toString();
    }

    void sequenceMatchesPyTorch() {
        QFETCH(QString, name);
        const QJsonObject c = findCase("sequences", name);
        const train::SchedulerOptions options = io::schedulerFromJson(c["scheduler"].toObject());
        const QJsonArray lrs = c["lrs"].toArray(), momenta = c["momenta"].toArray();
        const QJsonArray metrics = c["metrics"].toArray();
        const QJsonObject setLr = c["set_lr"].toObject();
        train::LrScheduler s(options, c["optimizer"].toObject()["lr"].toDouble());
        QVERIFY2(sameBits(s.lastLr(), lrs[0].toDouble()),
                 describe(0, s.lastLr(), lrs[0].toDouble()));
        QCOMPARE(s.momentum().has_value(), !momenta.isEmpty());
        if (!momenta.isEmpty())
            QVERIFY2(sameBits(*s.momentum(), momenta[0].toDouble()),
                     describe(0, *s.momentum(), momenta[0].toDouble()));
        double lr = s.lastLr();
        for (int i = 0; i < c["steps"].toInt(); ++i) {
            // A user's lr, written into the group between optimizer.step() and scheduler.step().
            if (setLr.contains(QString::number(i)))
                lr = setLr[QString::number(i)].toDouble();
            lr = s.stepping() == train::SchedulerStepping::Metric
                     ? s.step(lr, metrics[i].toDouble())
                     : s.step(lr);
            const double expected = lrs[i + 1].toDouble();
            QVERIFY2(sameBits(lr, expected), describe(i + 1, lr, expected));
            QVERIFY(sameBits(s.lastLr(), lr));
            if (!momenta.isEmpty())
                QVERIFY2(sameBits(*s.momentum(), momenta[i + 1].toDouble()),
                         describe(i + 1, *s.momentum(), momenta[i + 1].toDouble()));
        }
        if (c.contains("state")) {
            const QJsonObject state = c["state"].toObject();
            QCOMPARE(s.state().best, state["best"].toDouble());
            QCOMPARE(s.state().numBadEpochs, state["num_bad_epochs"].toInteger());
            QCOMPARE(s.state().cooldownCounter, state["cooldown_counter"].toInteger());
            QCOMPARE(s.state().lastEpoch, state["last_epoch"].toInteger());
        }
    }

    void restoredStateGoesOnAsTheUninterruptedRun_data() { sequenceMatchesPyTorch_data(); }

    void restoredStateGoesOnAsTheUninterruptedRun() {
        QFETCH(QString, name);
        const QJsonObject c = findCase("sequences", name);
        const train::SchedulerOptions options = io::schedulerFromJson(c["scheduler"].toObject());
        const QJsonArray metrics = c["metrics"].toArray();
        const double lr0 = c["optimizer"].toObject()["lr"].toDouble();
        const int steps = c["steps"].toInt(), cut = steps / 2;
        auto advance = [&](train::LrScheduler& s, int i) {
            return s.stepping() == train::SchedulerStepping::Metric
                       ? s.step(s.lastLr(), metrics[i].toDouble())
                       : s.step(s.lastLr());
        };
        train::LrScheduler straight(options, lr0);
        for (int i = 0; i < cut; ++i)
            advance(straight, i);
        train::LrScheduler reopened(options, lr0);
        reopened.restore(straight.state());
        QVERIFY(reopened.state() == straight.state());
        QCOMPARE(reopened.momentum().has_value(), straight.momentum().has_value());
        if (straight.momentum())
            QCOMPARE(*reopened.momentum(), *straight.momentum());
        for (int i = cut; i < steps; ++i)
            QVERIFY(sameBits(advance(reopened, i), advance(straight, i)));
        QVERIFY(reopened.state() == straight.state());
    }

    void oneCycleRefusesToStepPastTotalSteps() {
        train::LrScheduler s(
            scheduler(R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 3})"), 0.01);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(s.nextStepError().empty());
            s.step(s.lastLr());
        }
        // torch would take a fourth optimizer.step() and raise in the scheduler.step()
        // after it; the trainer asks first and refuses that step.
        QCOMPARE(QString::fromStdString(s.nextStepError()),
                 "Tried to step 5 times. The specified number of total steps is 3");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.step(s.lastLr()));
    }

    void badSectionsAreRefusedInPyTorchsWords_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, const char* json, const char* message) {
            QTest::newRow(name) << json << message;
        };
        row("no type", R"({"gamma": 0.5})",
            "scheduler.type: expected the name of a torch.optim.lr_scheduler class, got nothing");
        row("unknown type", R"({"type": "CyclicLR"})",
            "scheduler.type: unknown value \"CyclicLR\"; expected one of StepLR, MultiStepLR, "
            "ExponentialLR, CosineAnnealingLR, LinearLR, OneCycleLR, ReduceLROnPlateau");
        row("missing step_size", R"({"type": "StepLR"})",
            "scheduler: StepLR.__init__() missing 1 required positional argument: 'step_size'");
        row("missing T_max", R"({"type": "CosineAnnealingLR", "eta_min": 0.1})",
            "scheduler: CosineAnnealingLR.__init__() missing 1 required positional argument: "
            "'T_max'");
        row("unexpected keyword", R"({"type": "StepLR", "step_size": 3, "T_max": 4})",
            "scheduler.T_max: StepLR.__init__() got an unexpected keyword argument 'T_max'");
        row("unknown keyword", R"({"type": "ExponentialLR", "gamma": 0.9, "betas": 1})",
            "scheduler.betas: ExponentialLR.__init__() got an unexpected keyword argument "
            "'betas'");
        row("text for a number", R"({"type": "ExponentialLR", "gamma": "fast"})",
            "scheduler.gamma: expected a number, got \"fast\"");
        row("fraction for an int", R"({"type": "StepLR", "step_size": 2.5})",
            "scheduler.step_size: expected an integer, got 2.5");
        row("zero step_size", R"({"type": "StepLR", "step_size": 0})",
            "scheduler.step_size: expected a positive integer, got 0");
        row("milestones not a list", R"({"type": "MultiStepLR", "milestones": 3})",
            "scheduler.milestones: expected a list of integers, got 3");
        row("negative milestone", R"({"type": "MultiStepLR", "milestones": [2, -1]})",
            "scheduler.milestones: expected a list of non-negative integers, got [2, -1]");
        row("start_factor", R"({"type": "LinearLR", "start_factor": 1.5})",
            "scheduler.start_factor: Starting multiplicative factor expected to be between 0 "
            "and 1.");
        row("end_factor", R"({"type": "LinearLR", "end_factor": -0.5})",
            "scheduler.end_factor: Ending multiplicative factor expected to be between 0 and 1.");
        row("no total steps", R"({"type": "OneCycleLR", "max_lr": 0.1})",
            "scheduler: You must define either total_steps OR (epochs AND steps_per_epoch)");
        row("zero total_steps", R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 0})",
            "scheduler.total_steps: Expected positive integer total_steps, but got 0");
        row("epochs alone", R"({"type": "OneCycleLR", "max_lr": 0.1, "epochs": 3})",
            "scheduler.steps_per_epoch: Expected positive integer steps_per_epoch, but got None");
        row("pct_start",
            R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 9, "pct_start": 1.5})",
            "scheduler.pct_start: Expected float between 0 and 1 pct_start, but got 1.5");
        row("anneal_strategy",
            R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 9, "anneal_strategy": "exp"})",
            "scheduler.anneal_strategy: anneal_strategy must by one of 'cos' or 'linear', "
            "instead got exp");
        row("cycle_momentum not a flag",
            R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 9, "cycle_momentum": 1})",
            "scheduler.cycle_momentum: expected true or false, got 1");
        row("factor", R"({"type": "ReduceLROnPlateau", "factor": 1.0})",
            "scheduler.factor: Factor should be < 1.0.");
        row("mode", R"({"type": "ReduceLROnPlateau", "mode": "lowest"})",
            "scheduler.mode: mode lowest is unknown!");
        row("threshold_mode", R"({"type": "ReduceLROnPlateau", "threshold_mode": "pct"})",
            "scheduler.threshold_mode: threshold mode pct is unknown!");
        row("negative patience", R"({"type": "ReduceLROnPlateau", "patience": -1})",
            "scheduler.patience: expected a non-negative integer, got -1");
    }

    void badSectionsAreRefusedInPyTorchsWords() {
        QFETCH(QString, json);
        QFETCH(QString, message);
        try {
            io::schedulerFromJson(QJsonDocument::fromJson(json.toUtf8()).object());
            QFAIL("accepted");
        } catch (const io::DesignError& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }

    void defaultsAreTorchs() {
        // Omitted keywords take torch 1.13's defaults, and none is written back.
        const train::SchedulerOptions o = scheduler(R"({"type": "OneCycleLR", "max_lr": 0.1,
                                                         "total_steps": 10})");
        using K = train::SchedulerKeyword;
        QCOMPARE(std::get<double>(*train::keywordValueOrDefault(o, K::pct_start)), 0.3);
        QCOMPARE(std::get<std::string>(*train::keywordValueOrDefault(o, K::anneal_strategy)),
                 std::string("cos"));
        QCOMPARE(std::get<double>(*train::keywordValueOrDefault(o, K::div_factor)), 25.0);
        QCOMPARE(std::get<double>(*train::keywordValueOrDefault(o, K::final_div_factor)), 1e4);
        QVERIFY(!train::keywordValueOrDefault(o, K::epochs));  // None
        QCOMPARE(io::schedulerToJson(o).size(), 3);
        const train::SchedulerOptions linear = scheduler(R"({"type": "LinearLR"})");
        QCOMPARE(std::get<double>(*train::keywordValueOrDefault(linear, K::start_factor)), 1.0 / 3);
        QCOMPARE(std::get<long long>(*train::keywordValueOrDefault(linear, K::total_iters)), 5LL);
        const train::SchedulerOptions plateau = scheduler(R"({"type": "ReduceLROnPlateau"})");
        QCOMPARE(std::get<long long>(*train::keywordValueOrDefault(plateau, K::patience)), 10LL);
        QCOMPARE(std::get<double>(*train::keywordValueOrDefault(plateau, K::eps)), 1e-8);
    }

    void cycledMomentumStartsAtMaxMomentum() {
        const train::SchedulerOptions o = scheduler(R"({"type": "OneCycleLR", "max_lr": 0.1,
                                                         "total_steps": 10})");
        nn::OptimizerOptions sgd;
        sgd.type = "SGD";
        QCOMPARE(*train::scheduledOptimizerOptions(o, sgd).momentum, 0.95);
        nn::OptimizerOptions adam;
        adam.type = "Adam";
        QCOMPARE((*train::scheduledOptimizerOptions(o, adam).betas),
                 (std::array<double, 2>{0.95, 0.999}));
    }

    void trajectoryMatchesPyTorch_data() {
        QTest::addColumn<QString>("name");
        for (const QJsonValue& v : loadFixture()["trajectories"].toArray())
            QTest::newRow(v.toObject()["name"].toString().toUtf8().constData())
                << v.toObject()["name"].toString();
    }

    void trajectoryMatchesPyTorch() {
        QFETCH(QString, name);
        const ScheduledRun r = loadRun(name);
        train::TrainerOptions options;
        options.snapshotHz = 0;
        train::Trainer<float> trainer(r.run.design, r.run.dataset, options);
        for (size_t step = 0; step < r.run.losses.size(); ++step) {
            QVERIFY2(trainer.trainStep(), trainer.failure().c_str());
            // The lr each step used is PyTorch's to the bit: the schedule is double
            // arithmetic, and ReduceLROnPlateau's metric is the same float losses.
            QVERIFY2(sameBits(trainer.stepLearningRate(), r.lrs[step]),
                     describe(int(step), trainer.stepLearningRate(), r.lrs[step]));
            const double got = trainer.trainLoss(), expected = r.run.losses[step];
            QVERIFY2(std::abs(got - expected) <= 1e-5 * std::max(1.0, std::abs(expected)),
                     describe(int(step), got, expected));
        }
    }

    void savedRunGoesOnWithTheSameLearningRates_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"step_lr_sgd_momentum", "one_cycle_sgd", "plateau_sgd"})
            QTest::newRow(n) << QString(n);
    }

    void savedRunGoesOnWithTheSameLearningRates() {
        // A project saved once epoch 7 has ended (its end is seen at the next step,
        // 36) reopens and trains on with the learning rates of the run that was never
        // interrupted. A reopened run restarts its data order at an epoch's beginning,
        // so epoch 8 trains all of its five batches again, at epoch 8's lr; OneCycleLR
        // goes on step by step.
        QFETCH(QString, name);
        const ScheduledRun r = loadRun(name);
        train::TrainerOptions options;
        options.snapshotHz = 0;
        train::Trainer<float> first(r.run.design, r.run.dataset, options);
        for (int i = 0; i < 35; ++i)
            QVERIFY(first.trainStep());
        QCOMPARE(first.epochCount(), nn::Index(6));
        QVERIFY(first.trainStep());
        QCOMPARE(first.epochCount(), nn::Index(7));
        const train::TrainingProgress saved = first.progress();
        QVERIFY(saved.scheduler.has_value());
        QCOMPARE(saved.lrHistory.size(), size_t(36));

        train::Trainer<float> reopened(r.run.design, r.run.dataset, options);
        auto from = first.network().namedParameters();
        auto to = reopened.network().namedParameters();
        for (size_t i = 0; i < from.size(); ++i)
            to[i].parameter->value = from[i].parameter->value;
        reopened.parametersReplaced();
        reopened.restoreProgress(saved);
        QVERIFY(reopened.progress() == saved);
        reopened.publishSnapshot();
        QVERIFY(train::progressOf(*reopened.takeSnapshot()) == saved);
        const bool perBatch = r.run.design.scheduler.type == "OneCycleLR";
        const size_t offset = perBatch ? 36 : 35;
        for (size_t step = offset; step < r.lrs.size(); ++step) {
            QVERIFY2(reopened.trainStep(), reopened.failure().c_str());
            QVERIFY2(sameBits(reopened.stepLearningRate(), r.lrs[step]),
                     describe(int(step), reopened.stepLearningRate(), r.lrs[step]));
        }
        QCOMPARE(reopened.stepCount(), nn::Index(36 + r.lrs.size() - offset));
    }

    void plateauWatchesTheValidationLossWhenThereIsOne() {
        // With a validation set, each epoch end's validation loss is the metric:
        // replaying those losses through ReduceLROnPlateau gives the trainer's lrs.
        ScheduledRun r = loadRun("plateau_sgd");
        r.run.design.data.validation_split = 0.2;  // 80 training samples: 4 batches an epoch
        train::TrainerOptions options;
        options.snapshotHz = 0;
        train::Trainer<float> trainer(r.run.design, r.run.dataset, options);
        train::LrScheduler replay(r.run.design.scheduler, 0.3);
        nn::Index epoch = 0;
        int reductions = 0;
        for (int i = 0; i < 60; ++i) {
            QVERIFY2(trainer.trainStep(), trainer.failure().c_str());
            if (trainer.epochCount() != epoch) {
                epoch = trainer.epochCount();
                const double before = replay.lastLr();
                replay.step(before, trainer.validationLoss());
                reductions += replay.lastLr() < before;
            }
            QVERIFY2(sameBits(trainer.stepLearningRate(), replay.lastLr()),
                     describe(i + 1, trainer.stepLearningRate(), replay.lastLr()));
        }
        QCOMPARE(epoch, nn::Index(14));
        QVERIFY(reductions > 0);  // the test saw the schedule act
    }

    void aUsersLrIsWhereTheScheduleGoesOn() {
        // As param_groups[0]['lr'] = 0.05 between epochs: StepLR halves from there.
        const ScheduledRun r = loadRun("step_lr_sgd_momentum");
        train::TrainerOptions options;
        options.snapshotHz = 0;
        train::Trainer<float> trainer(r.run.design, r.run.dataset, options);
        for (int i = 0; i < 5; ++i)
            QVERIFY(trainer.trainStep());
        trainer.setLearningRate(0.05);
        std::thread loop([&] { trainer.run(); });
        trainer.stop();
        loop.join();
        std::vector<double> lrs;
        for (int i = 0; i < 10; ++i) {
            QVERIFY(trainer.trainStep());
            lrs.push_back(trainer.stepLearningRate());
        }
        // Epoch 2 at 0.05 (StepLR's epoch 1 keeps the lr), epoch 3 at 0.025.
        QCOMPARE(lrs.front(), 0.05);
        QCOMPARE(lrs[4], 0.05);
        QCOMPARE(lrs[5], 0.025);
        QCOMPARE(lrs.back(), 0.025);
    }

    void oneCycleCyclesTheOptimizersMomentum() {
        // SGD without momentum runs with OneCycleLR's, from max_momentum, as in torch;
        // a finished schedule pauses with torch's message.
        ScheduledRun r = loadRun("one_cycle_sgd");
        r.run.design.scheduler = scheduler(R"({"type": "OneCycleLR", "max_lr": 0.5,
                                               "total_steps": 4})");
        train::TrainerOptions options;
        options.snapshotHz = 0;
        train::Trainer<float> trainer(r.run.design, r.run.dataset, options);
        trainer.materialize();
        const auto* sgd = dynamic_cast<const nn::SGD<float>*>(trainer.optimizer());
        QVERIFY(sgd);
        QCOMPARE(sgd->momentum(), 0.95);
        for (int i = 0; i < 4; ++i)
            QVERIFY2(trainer.trainStep(), trainer.failure().c_str());
        QVERIFY(!trainer.trainStep());
        QCOMPARE(trainer.stepCount(), nn::Index(4));
        QCOMPARE(QString::fromStdString(trainer.failure()),
                 "step 5: OneCycleLR: Tried to step 6 times. The specified number of total steps "
                 "is 4");
    }
};

QTEST_GUILESS_MAIN(TestLrScheduler)
#include "tst_lr_scheduler.moc"
