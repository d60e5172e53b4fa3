// Training a design against the memory limit: the copies the trainer keeps of
// each parameter for each optimizer, the estimate's parts for the seed example,
// and every way a design can be too big, each refused before it is allocated
// (resident memory unchanged) while a trainer built before goes on untouched.
#include "core/data/synthetic_datasets.h"
#include "core/nn/optimizer_table.h"
#include "core/train/design.h"
#include "core/train/trainer.h"
#include "core/train/training_memory.h"

#include "tests/core/nn/memory_test_support.h"

#include <QtTest>

#include <functional>

using namespace linearlab;
using namespace linearlab::test;
using nn::Bytes;
using nn::Index;

namespace {

nn::LayerSpec layer(const char* type, Index in = 0, Index out = 0) {
    nn::LayerSpec s;
    s.type = type;
    s.in_features = in;
    s.out_features = out;
    return s;
}

nn::OptimizerOptions optimizer(const char* type) {
    nn::OptimizerOptions o;
    o.type = type;
    return o;
}

/// A teacher design of `layers` on `features` inputs; the teacher's widths follow.
train::Design design(Index features, std::vector<nn::LayerSpec> layers, Index targets) {
    train::Design d = train::seedExampleDesign();
    d.inputFeatures = features;
    d.layers = std::move(layers);
    d.data.synthetic.in_features = features;
    d.data.synthetic.out_features = targets;
    return d;
}

/// What `make` throws as E, after checking that refusing it left the resident
/// memory where it was.
template <typename E>
E refusal(const std::function<void()>& make) {
    const std::uint64_t before = residentBytes();
    try {
        make();
    } catch (const E& e) {
        if (residentBytes() > before + kRssSlack)
            qFatal("refusing the design allocated its memory");
        return e;
    }
    qFatal("the design was accepted");
}

/// One sample of `width` features and as many targets: a dataset the size check
/// lets through, for designs whose network is what is too big.
data::Dataset<float> oneSample(Index width) {
    data::Dataset<float> d;
    d.x = nn::Matrix<float>::Zero(1, width);
    d.y = nn::Matrix<float>::Zero(1, width);
    return d;
}

const char* const kCopies = " for weights, gradients, optimizer state and snapshots";

}  // namespace

class TestTrainingMemory : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { nn::resetMemoryLimit(); }

    void optimizerState_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("keyword");  // set to 0.9 or true
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("copies");
        // value + grad, state, last finite, initial, 3 snapshots x (value + grad).
        QTest::newRow("SGD") << "SGD"
                             << "" << 0 << 10;
        QTest::newRow("SGD momentum") << "SGD"
                                      << "momentum" << 1 << 11;
        QTest::newRow("Adam") << "Adam"
                              << "" << 2 << 12;
        QTest::newRow("Adam amsgrad") << "Adam"
                                      << "amsgrad" << 3 << 13;
        QTest::newRow("AdamW") << "AdamW"
                               << "" << 2 << 12;
        QTest::newRow("AdamW amsgrad") << "AdamW"
                                       << "amsgrad" << 3 << 13;
        QTest::newRow("RMSprop") << "RMSprop"
                                 << "" << 1 << 11;
        QTest::newRow("RMSprop momentum") << "RMSprop"
                                          << "momentum" << 2 << 12;
        QTest::newRow("RMSprop centered") << "RMSprop"
                                          << "centered" << 2 << 12;
    }

    void optimizerState() {
        QFETCH(QString, type);
        QFETCH(QString, keyword);
        QFETCH(int, state);
        QFETCH(int, copies);
        nn::OptimizerOptions o = optimizer(type.toUtf8().constData());
        if (keyword == "momentum")
            o.momentum = 0.9;
        else if (keyword == "amsgrad")
            o.amsgrad = true;
        else if (keyword == "centered")
            o.centered = true;
        QCOMPARE(nn::optimizerStateTensors(o), Index(state));
        QCOMPARE(train::trainingCopiesPerParameter(o), Index(copies));
    }

    void parametersTimesTheirCopies() {
        // Linear(40000, 40000) holds 1,600,040,000 values.
        train::Design d = design(40'000, {layer("Linear", 40'000, 40'000)}, 40'000);
        QCOMPARE(train::trainingMemory(d, std::nullopt, false).parameters,
                 Bytes(1'600'040'000) * 10 * 4);
        d.optimizer = optimizer("Adam");
        QCOMPARE(train::trainingMemory(d, std::nullopt, false).parameters,
                 Bytes(1'600'040'000) * 12 * 4);
        d.optimizer.amsgrad = true;
        QCOMPARE(train::trainingMemory(d, std::nullopt, false).parameters,
                 Bytes(1'600'040'000) * 13 * 4);
        train::TrainingMemoryOptions window;
        window.extraParameterCopies = 2;
        window.elementSize = 8;
        QCOMPARE(train::trainingMemory(d, std::nullopt, false, window).parameters,
                 Bytes(1'600'040'000) * 15 * 8);
    }

    void aFloat64DesignCountsEightBytesAValue() {
        train::Design d = train::seedExampleDesign();
        const auto shape = data::syntheticShape(d.data.synthetic);
        const train::TrainingMemory f32 = train::trainingMemory(d, shape, true);
        d.dtype = nn::DType::Float64;
        const train::TrainingMemory f64 = train::trainingMemory(d, shape, true);
        QCOMPARE(f64.parameters, Bytes(840 * 10 * 8));
        QCOMPARE(f64.parameters, 2 * f32.parameters);
        QCOMPARE(f64.batches, 2 * f32.batches);
        QCOMPARE(f64.validation, 2 * f32.validation);
        QCOMPARE(f64.view, 2 * f32.view);
        QVERIFY(f64.data > f32.data);  // the values twice, the index orders the same
        // A limit float32 fits in refuses float64, on the parameters' node.
        train::Design big = design(4'000, {layer("Linear", 4'000, 4'000)}, 4'000);
        const MemoryLimitGuard limit(Bytes(16'004'000) * 10 * 4 + 1);
        train::checkParameterBudget(big);
        big.dtype = nn::DType::Float64;
        QVERIFY_THROWS_EXCEPTION(nn::NodeError, train::checkParameterBudget(big));
    }

    void theSeedExampleInParts() {
        const train::Design d = train::seedExampleDesign();
        const auto shape = data::syntheticShape(d.data.synthetic);
        const train::TrainingMemory m = train::trainingMemory(d, shape, true);
        QCOMPARE(m.parameters, Bytes(840 * 10 * 4));
        // 128 rows of: output 40 and input gradient 20, the batch and its spare
        // (2 x 60), dLoss/dOutput twice and the loss's temporaries (3 x 40).
        QCOMPARE(m.batches, Bytes(128 * 300 * 4));
        // 1024 samples split 820 / 204.
        QCOMPARE(m.validationSamples, Index(204));
        QCOMPARE(m.validation, Bytes(204 * 40 * 4));
        // 128 validation samples: inputs, targets, outputs and one per snapshot buffer.
        QCOMPARE(m.viewRows, Index(128));
        QCOMPARE(m.view, Bytes(128 * (40 + 20 + 40 + 3 * 40) * 4));
        // The data and its split, three index orders, and 820 samples to draw.
        QCOMPARE(m.data, Bytes(2 * 1024 * 60 * 4 + 3 * 8 * 1024 + 820 * 60 * 4));
        QCOMPARE(m.total(), Bytes(1'045'376));
        const MemoryLimitGuard fits(1'045'376);
        train::checkDesignMemory(d);
    }

    void linear40000IsRefusedOnItsNode() {
        const MemoryLimitGuard limit(4 * kGiB);
        const train::Design d = design(40'000, {layer("Linear", 40'000, 40'000)}, 40'000);
        const std::string message = "Linear(40000, 40000) needs 59.6 GiB" + std::string(kCopies) +
                                    "; the memory limit is 4.0 GiB";
        nn::NodeError e = refusal<nn::NodeError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(e.node(), Index(0));
        QCOMPARE(std::string(e.what()), message);
        // The trainer itself refuses it too, before the split or the network.
        const data::Dataset<float> one = oneSample(40'000);
        e = refusal<nn::NodeError>([&] { train::Trainer<float> t(d, one); });
        QCOMPARE(std::string(e.what()), message);
    }

    void blobsWithABillionClassesIsRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        train::Design d = design(2, {layer("Linear", 2, 3)}, 1);
        d.data.synthetic.dataset = "blobs";
        d.data.synthetic.classes = 1'000'000'000;
        d.loss = "CrossEntropyLoss";
        const auto e = refusal<nn::MemoryLimitError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(e.field(), std::string("data.classes"));
        QCOMPARE(std::string(e.what()),
                 std::string("data.classes: blobs with 1000000000 classes needs "
                             "59.6 GiB for class names; the memory limit is "
                             "4.0 GiB"));
    }

    void inFeaturesOfAMillionMillionAreRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        const train::Design d =
            design(1'000'000'000'000, {layer("Linear", 1'000'000'000'000, 40)}, 40);
        auto e = refusal<nn::NodeError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(std::string(e.what()), "Linear(1000000000000, 40) needs 1.4 PiB" +
                                            std::string(kCopies) + "; the memory limit is 4.0 GiB");
        // A product that does not fit 64 bits says so instead of wrapping around.
        const train::Design square =
            design(1'000'000'000'000, {layer("Linear", 1'000'000'000'000, 1'000'000'000'000)}, 40);
        e = refusal<nn::NodeError>([&] { train::checkDesignMemory(square); });
        QCOMPARE(std::string(e.what()),
                 "Linear(1000000000000, 1000000000000) needs more than 16 EiB" +
                     std::string(kCopies) + "; the memory limit is 4.0 GiB");
    }

    void twoToTheThirtySamplesAreRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        train::Design d = train::seedExampleDesign();
        d.data.synthetic.samples = Index(1) << 30;
        const auto e = refusal<nn::MemoryLimitError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(e.field(), std::string("data.samples"));
        QCOMPARE(std::string(e.what()),
                 std::string("data.samples: 1073741824 samples of 20 features and 40 targets need "
                             "400 GiB; the memory limit is 4.0 GiB"));
    }

    void aBilinearTooBigIsRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        nn::LayerSpec b = layer("Bilinear", 0, 1000);
        b.in1_features = 2000;
        b.in2_features = 2000;
        const train::Design d = design(2000, {layer("Tanh"), b}, 1000);
        const auto e = refusal<nn::NodeError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(e.node(), Index(1));
        QCOMPARE(std::string(e.what()), "Bilinear(2000, 2000, 1000) needs 149 GiB" +
                                            std::string(kCopies) + "; the memory limit is 4.0 GiB");
    }

    void aLazyLinearThatMaterializesTooBigIsRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        train::Design d = design(100'000'000, {layer("ReLU"), layer("LazyLinear", 0, 40)}, 40);
        d.data.synthetic.samples = 1;
        const auto e = refusal<nn::NodeError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(e.node(), Index(1));
        QCOMPARE(std::string(e.what()), "LazyLinear(40) on 100000000 input features needs 149 GiB" +
                                            std::string(kCopies) + "; the memory limit is 4.0 GiB");
    }

    void batchesTooBigAreRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        train::Design d =
            design(20, {layer("Linear", 20, 4096), layer("ReLU"), layer("Linear", 4096, 40)}, 40);
        d.data.synthetic.samples = 100'000;
        d.data.validation_split = 0;
        d.batch.size = 100'000;
        const auto e = refusal<nn::MemoryLimitError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(e.field(), std::string("batch.size"));
        // 100000 rows of 16444 workspace values, 120 of batch and 120 of loss.
        QCOMPARE(
            std::string(e.what()),
            std::string("batch.size: batches of 100000 rows need 6.2 GiB for layer outputs and "
                        "gradients; the memory limit is 4.0 GiB"));
    }

    void aValidationPassTooBigIsRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        train::Design d =
            design(20, {layer("Linear", 20, 4096), layer("ReLU"), layer("Linear", 4096, 40)}, 40);
        d.data.synthetic.samples = 400'000;
        d.data.validation_split = 0.5;
        const auto e = refusal<nn::MemoryLimitError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(e.field(), std::string("data.validation_split"));
        QCOMPARE(std::string(e.what()),
                 std::string("data.validation_split: the validation pass over 200000 samples needs "
                             "6.1 GiB for layer outputs; the memory limit is 4.0 GiB"));
    }

    void thePartsTogetherBlameTheLargest() {
        // Each part fits 1.45 GiB; all of them do not.
        const MemoryLimitGuard limit(*nn::parseByteSize("1.45G"));
        train::Design d = train::seedExampleDesign();
        d.data.synthetic.samples = 3'000'000;
        const auto e = refusal<nn::MemoryLimitError>([&] { train::checkDesignMemory(d); });
        QCOMPARE(e.field(), std::string("data.samples"));
        QCOMPARE(
            std::string(e.what()),
            std::string("data.samples: training needs 1.5 GiB in all: 32.8 KiB for parameters, "
                        "150 KiB for batches, 91.7 MiB for the validation pass and the output "
                        "view, 1.4 GiB for data; the memory limit is 1.4 GiB"));
    }

    void aTrainerBuiltBeforeIsUntouched() {
        const train::Design seed = train::seedExampleDesign();
        train::Trainer<float> trainer(seed, data::makeSyntheticDataset<float>(seed.data.synthetic));
        for (int i = 0; i < 3; ++i)
            QVERIFY(trainer.trainStep());
        std::vector<nn::Matrix<float>> before;
        for (auto& p : trainer.network().namedParameters())
            before.push_back(p.parameter->value);

        const MemoryLimitGuard limit(4 * kGiB);
        const train::Design big = design(40'000, {layer("Linear", 40'000, 40'000)}, 40'000);
        const data::Dataset<float> one = oneSample(40'000);
        refusal<nn::NodeError>([&] { train::Trainer<float> t(big, one); });

        QCOMPARE(trainer.stepCount(), Index(3));
        const auto params = trainer.network().namedParameters();
        QCOMPARE(params.size(), before.size());
        for (size_t i = 0; i < params.size(); ++i)
            QCOMPARE(params[i].parameter->value, before[i]);
        QVERIFY(trainer.trainStep());
        QCOMPARE(trainer.stepCount(), Index(4));
    }
};

QTEST_APPLESS_MAIN(TestTrainingMemory)
#include "tst_training_memory.moc"
