// The training loop against PyTorch: 50-step loss trajectories from the same
// seeded init and the same batches (shuffle off, no validation split).
#include "core/train/trainer.h"
#include "train_fixture.h"

#include <QtTest>

// Counts heap allocations, Eigen's malloc included.
#include "tests/core/nn/allocation_counter.h"

Q_DECLARE_METATYPE(linearlab::nn::LossOptions)

using namespace linearlab;

namespace {

/// A layer of `type` with every other field at its default.
nn::LayerSpec layer(const char* type) {
    nn::LayerSpec s;
    s.type = type;
    return s;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT

private:
    std::vector<testing::TrainCase> m_cases;

    const testing::TrainCase& find(const QString& name) {
        for (const auto& c : m_cases)
            if (c.name == name)
                return c;
        throw std::runtime_error("no case " + name.toStdString());
    }

private slots:
    void initTestCase() {
        m_cases = testing::loadTrainCases();
        QVERIFY(m_cases.size() >= 6);
    }

    void trajectoryMatchesPyTorch_data() {
        QTest::addColumn<QString>("name");
        for (const auto& c : testing::loadTrainCases())
            QTest::newRow(c.name.toUtf8().constData()) << c.name;
    }

    void trajectoryMatchesPyTorch() {
        QFETCH(QString, name);
        const testing::TrainCase& c = find(name);
        train::TrainerOptions options;
        options.snapshotHz = 0;
        train::Trainer<float> trainer(c.design, c.dataset, options);
        QCOMPARE(trainer.trainSet().size(), c.dataset.size());  // validation_split 0: all train

        for (size_t step = 0; step < c.losses.size(); ++step) {
            QVERIFY2(trainer.trainStep(), trainer.failure().c_str());
            if (step == 0) {
                // The initial weights, drawn from the seed (lazy layers at the first
                // forward), equal PyTorch's exactly.
                trainer.publishSnapshot();
                auto snap = trainer.takeSnapshot();
                QVERIFY(snap);
                const auto& ctx = *snap->context;
                QCOMPARE(static_cast<int>(ctx.parameterNames.size()), c.initialStateDict.size());
                for (size_t p = 0; p < ctx.parameterNames.size(); ++p) {
                    std::vector<float> expected;
                    testing::flatten(
                        c.initialStateDict[QString::fromStdString(ctx.parameterNames[p])],
                        expected);
                    const auto& got = ctx.initialParameters[p];
                    QCOMPARE(static_cast<size_t>(got.size()), expected.size());
                    for (size_t i = 0; i < expected.size(); ++i)
                        QCOMPARE(got.data()[i], expected[i]);
                }
            }
            const double expected = c.losses[step];
            const double got = trainer.trainLoss();
            if (std::abs(got - expected) > 1e-5 * std::abs(expected))
                QFAIL(qPrintable(QString("step %1: loss %2, PyTorch %3")
                                     .arg(step + 1)
                                     .arg(got, 0, 'g', 10)
                                     .arg(expected, 0, 'g', 10)));
        }
        QCOMPARE(trainer.stepCount(), static_cast<nn::Index>(c.losses.size()));
    }

    void sameSeedSameRun() {
        // Shuffled batches and a validation split, twice under one seed: identical.
        train::Design d = train::seedExampleDesign();
        d.data.synthetic.samples = 256;
        d.data.validation_split = 0.25;
        auto data = data::makeSyntheticDataset<float>(d.data.synthetic);
        train::Trainer<float> a(d, data), b(d, data);
        for (int i = 0; i < 10; ++i) {
            QVERIFY(a.trainStep());
            QVERIFY(b.trainStep());
            QCOMPARE(a.trainLoss(), b.trainLoss());
        }
        QCOMPARE(a.trainSet().size(), nn::Index(192));
        QCOMPARE(a.validationSet().size(), nn::Index(64));
    }

    void epochsEndWithValidation() {
        train::Design d = train::seedExampleDesign();
        d.data.synthetic.samples = 200;
        d.data.validation_split = 0.2;  // 160 train: batches of 128 and 32
        d.train.epochs = 3;
        train::Trainer<float> t(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        int steps = 0;
        while (t.trainStep())
            ++steps;
        QCOMPARE(steps, 6);
        QCOMPARE(t.epochCount(), nn::Index(3));
        QCOMPARE(t.state(), train::TrainState::Finished);
        QVERIFY(std::isfinite(t.validationLoss()));
        QVERIFY(t.failure().empty());
    }

    void goingOnAfterTheLimitTrainsExactlyAsLongAgain() {
        // 160 training samples in batches of 128 and 32: two steps an epoch.
        train::Design d = train::seedExampleDesign();
        d.data.synthetic.samples = 200;
        d.data.validation_split = 0.2;
        d.train.epochs = 3;
        train::Trainer<float> t(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        while (t.trainStep()) {
        }
        QCOMPARE(t.stepCount(), nn::Index(6));
        t.extendLimits();
        QCOMPARE(t.state(), train::TrainState::Paused);
        while (t.trainStep()) {
        }
        QCOMPARE(t.stepCount(), nn::Index(12));
        QCOMPARE(t.epochCount(), nn::Index(6));
        // The second stretch is the run's own epochs 4-6: the same batches a
        // six-epoch run takes, so the same weights.
        d.train.epochs = 6;
        train::Trainer<float> straight(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        while (straight.trainStep()) {
        }
        QCOMPARE(straight.stepCount(), nn::Index(12));
        QCOMPARE(t.trainLoss(), straight.trainLoss());
    }

    void progressRestoresExactly() {
        // XOR classification: 160 training samples in batches of 32, five steps an epoch.
        train::Design d;
        d.inputFeatures = 2;
        nn::LayerSpec l1 = layer("Linear"), act = layer("Tanh"), l2 = layer("Linear");
        l1.in_features = 2;
        l1.out_features = 8;
        l2.in_features = 8;
        l2.out_features = 2;
        d.layers = {l1, act, l2};
        d.data.synthetic.dataset = "xor";
        d.data.synthetic.samples = 200;
        d.data.validation_split = 0.2;
        d.batch = {32, true, false};
        d.loss = "CrossEntropyLoss";
        d.optimizer.lr = 0.1;
        const auto data = data::makeSyntheticDataset<float>(d.data.synthetic);
        train::Trainer<float> t(d, data);
        for (int i = 0; i < 12; ++i)  // two epochs and two steps
            QVERIFY(t.trainStep());
        const train::TrainingProgress saved = t.progress();
        QCOMPARE(saved.step, nn::Index(12));
        QCOMPARE(saved.epoch, nn::Index(2));
        QCOMPARE(saved.validationHistory.size(), size_t(2));
        QCOMPARE(saved.accuracyHistory.size(), size_t(2));
        QCOMPARE(saved.trainLoss, t.trainLoss());
        QCOMPARE(saved.validationAccuracy, t.validationAccuracy());

        train::Trainer<float> reopened(d, data);
        reopened.restoreProgress(saved);
        QVERIFY(reopened.progress() == saved);
        reopened.publishSnapshot();
        const auto snapshot = reopened.takeSnapshot();
        QVERIFY(snapshot);
        QVERIFY(train::progressOf(*snapshot) == saved);
        // Training on continues the counters.
        QVERIFY(reopened.trainStep());
        QCOMPARE(reopened.stepCount(), nn::Index(13));
    }

    void lossFallsOnTheSeedExample() {
        train::Design d = train::seedExampleDesign();
        train::Trainer<float> t(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        QVERIFY(t.trainStep());
        const double first = t.trainLoss();
        for (int i = 0; i < 300; ++i)
            QVERIFY(t.trainStep());
        t.evaluate();
        QVERIFY2(t.validationLoss() < 0.5 * first,
                 qPrintable(QString("first %1, validation %2").arg(first).arg(t.validationLoss())));
    }

    void classificationAccuracy() {
        train::Design d;
        d.inputFeatures = 2;
        nn::LayerSpec l1 = layer("Linear"), act = layer("Tanh"), l2 = layer("Linear");
        l1.in_features = 2;
        l1.out_features = 16;
        l2.in_features = 16;
        l2.out_features = 2;
        d.layers = {l1, act, l2};
        d.data.synthetic.dataset = "xor";
        d.data.synthetic.samples = 400;
        d.batch = {32, true, false};
        d.loss = "CrossEntropyLoss";
        d.optimizer.type = "Adam";
        d.optimizer.lr = 0.05;
        d.train.epochs = 40;
        train::Trainer<float> t(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        while (t.trainStep()) {
        }
        QVERIFY2(t.validationAccuracy() > 0.9, qPrintable(QString::number(t.validationAccuracy())));
    }

    void designProblemsAreReportedOnTheNode() {
        train::Design d = train::seedExampleDesign();
        nn::LayerSpec bad = layer("Linear");
        bad.in_features = 30;
        bad.out_features = 8;
        d.layers.push_back(bad);
        try {
            train::Trainer<float> t(d, data::makeSyntheticDataset<float>(d.data.synthetic));
            QFAIL("expected a NodeError");
        } catch (const nn::NodeError& e) {
            QCOMPARE(e.node(), nn::Index(1));
            QCOMPARE(QString(e.what()),
                     QString("mat1 and mat2 shapes cannot be multiplied (1x40 and 30x8)"));
        }
    }

    void lossKeywordsTrainWithoutAllocating_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("CrossEntropyLoss weight, label_smoothing, sum")
            << "cross_entropy_keywords_sgd";
        QTest::newRow("BCEWithLogitsLoss weight, pos_weight") << "bce_pos_weight_adam";
        QTest::newRow("CrossEntropyLoss probabilities, weight, label_smoothing")
            << "cross_entropy_probabilities_keywords_sgd";
    }
    void lossKeywordsTrainWithoutAllocating() {
        QFETCH(QString, name);
        const testing::TrainCase& c = find(name);
        train::TrainerOptions options;
        options.snapshotHz = 0;
        train::Trainer<float> trainer(c.design, c.dataset, options);
        // Warm up over two epochs: the full batches and the short last one.
        for (int i = 0; i < 8; ++i)
            QVERIFY(trainer.trainStep());
        linearlab::test::AllocationCounter counter;
        for (int i = 0; i < 20; ++i)
            trainer.trainStep();
        QCOMPARE(counter.stop(), 0L);
        QVERIFY(trainer.failure().empty());
    }

    void lossKeywordsTheRunCannotTakeAreRefusedAtOnce_data() {
        QTest::addColumn<QString>("loss");
        QTest::addColumn<nn::LossOptions>("options");
        QTest::addColumn<QString>("message");
        nn::LossOptions none;
        none.reduction = "none";
        QTest::newRow("reduction none")
            << "MSELoss" << none
            << "loss.reduction: 'none' cannot train (grad can be implicitly created only for "
               "scalar outputs); use 'mean' or 'sum'";
        nn::LossOptions weight;
        weight.weight = std::vector<double>{1, 2};
        QTest::newRow("a weight per class of the wrong length")
            << "CrossEntropyLoss" << weight
            << "weight tensor should be defined either for all 3 classes or no classes but got "
               "weight tensor of shape: [2]";
        nn::LossOptions pos;
        pos.pos_weight = std::vector<double>{1, 2};
        QTest::newRow("pos_weight of the wrong length")
            << "BCEWithLogitsLoss" << pos
            << "The size of tensor a (2) must match the size of tensor b (3) at non-singleton "
               "dimension 1";
    }
    void lossKeywordsTheRunCannotTakeAreRefusedAtOnce() {
        QFETCH(QString, loss);
        QFETCH(nn::LossOptions, options);
        QFETCH(QString, message);
        // Before the first step, so the window says it when the design is edited.
        testing::TrainCase c = find(loss == "CrossEntropyLoss" ? "silu_cross_entropy_rmsprop"
                                                               : "tanh_mlp_sgd_momentum");
        c.design.loss = loss.toStdString();
        c.design.lossOptions = options;
        if (loss == "BCEWithLogitsLoss")
            c.design.layers.back().out_features = 3;
        try {
            train::Trainer<float> t(c.design, c.dataset);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), message);
        }
    }

    void probabilityTargetsReportTheAccuracyOfTheirArgmax() {
        // Soft targets with a validation split: the accuracy counts the rows whose
        // largest score is the target's most probable class, every epoch.
        testing::TrainCase c = find("cross_entropy_probabilities_adam");
        c.design.data.validation_split = 0.2;
        c.design.train.epochs = 3;
        train::Trainer<float> t(c.design, c.dataset);
        QVERIFY(!t.trainSet().classification);
        QCOMPARE(t.validationSet().targets(), nn::Index(3));
        while (t.trainStep()) {
        }
        QVERIFY2(t.failure().empty(), t.failure().c_str());
        QCOMPARE(t.epochCount(), nn::Index(3));
        const nn::Matrix<float> out = t.network().forward(t.validationSet().x);
        int correct = 0;
        for (nn::Index r = 0; r < out.rows(); ++r) {
            nn::Index predicted = 0, label = 0;
            out.row(r).maxCoeff(&predicted);
            t.validationSet().y.row(r).maxCoeff(&label);
            correct += predicted == label;
        }
        QCOMPARE(t.validationAccuracy(), correct / 20.0);
        const train::TrainingProgress p = t.progress();
        QCOMPARE(static_cast<int>(p.accuracyHistory.size()), 3);
        QCOMPARE(p.accuracyHistory.back().loss, t.validationAccuracy());
        QVERIFY(p.trainAccuracy >= 0 && p.trainAccuracy <= 1);
    }

    void probabilityTargetsMustFitTheOutput_data() {
        QTest::addColumn<int>("outputs");
        QTest::addColumn<int>("targets");
        QTest::addColumn<bool>("ignoreIndex");
        QTest::addColumn<QString>("message");
        QTest::newRow("fewer probabilities than scores")
            << 4 << 3 << false
            << "the network gives 4 class scores but the data has 3 class "
               "probabilities";
        QTest::newRow("one class score")
            << 1 << 3 << false
            << "the network gives 1 class score but the data has 3 class probabilities";
        QTest::newRow("one numeric target")
            << 3 << 1 << false
            << "CrossEntropyLoss needs class labels (integer y) or a probability per class, but "
               "the data has one numeric target";
        QTest::newRow("ignore_index")
            << 3 << 3 << true << "ignore_index is not supported for floating point target";
    }
    void probabilityTargetsMustFitTheOutput() {
        QFETCH(int, outputs);
        QFETCH(int, targets);
        QFETCH(bool, ignoreIndex);
        QFETCH(QString, message);
        testing::TrainCase c = find("cross_entropy_probabilities_adam");
        c.design.layers.back().out_features = outputs;
        if (ignoreIndex)
            c.design.lossOptions.ignore_index = 0;
        c.dataset.y = nn::Matrix<float>(c.dataset.y.leftCols(targets));
        try {
            train::Trainer<float> t(c.design, c.dataset);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), message);
        }
    }

    void outputsMustMatchTargets_data() {
        QTest::addColumn<int>("outputs");
        QTest::addColumn<int>("targets");
        QTest::addColumn<QString>("message");
        QTest::newRow("7 for 40") << 7 << 40
                                  << "the network gives 7 outputs but the data has 40 targets";
        QTest::newRow("one output")
            << 1 << 40 << "the network gives 1 output but the data has 40 targets";
        QTest::newRow("one target")
            << 40 << 1 << "the network gives 40 outputs but the data has 1 target";
    }
    void outputsMustMatchTargets() {
        QFETCH(int, outputs);
        QFETCH(int, targets);
        QFETCH(QString, message);
        train::Design d = train::seedExampleDesign();
        d.layers[0].out_features = outputs;
        d.data.synthetic.out_features = targets;
        try {
            train::Trainer<float> t(d, data::makeSyntheticDataset<float>(d.data.synthetic));
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), message);
        }
    }

    void inputWidthMustMatchTheData() {
        // One feature is "1 feature".
        train::Design d = train::seedExampleDesign();
        d.inputFeatures = 3;
        d.layers[0].in_features = 3;
        d.data.synthetic.in_features = 1;
        try {
            train::Trainer<float> t(d, data::makeSyntheticDataset<float>(d.data.synthetic));
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()),
                     QString("the data has 1 feature but the design's input has 3"));
        }
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
