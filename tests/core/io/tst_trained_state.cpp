// Carrying a trained model across an edit: which nodes are still the same
// node, which tensors keep their trained values, and what a rebuilt trainer
// ends up holding.
#include "core/data/synthetic_datasets.h"
#include "core/io/network_state.h"
#include "core/io/trained_state.h"
#include "core/nn/layer_table.h"
#include "core/train/design.h"
#include "core/train/trainer.h"

#include <QtTest>

using namespace linearlab;

namespace {

nn::LayerSpec spec(const char* type, nn::Index in = 0, nn::Index out = 0) {
    nn::LayerSpec s = nn::layerType(type).defaultSpec(in);
    s.in_features = in;
    s.out_features = out;
    return s;
}

std::vector<nn::LayerSpec> types(std::initializer_list<const char*> names) {
    std::vector<nn::LayerSpec> layers;
    for (const char* n : names)
        layers.push_back(spec(n));
    return layers;
}

/// The seed example's teacher data through Linear(20, 16), ReLU, Linear(16, 8), ReLU, Linear(8,
/// 40).
train::Design deepDesign() {
    train::Design d = train::seedExampleDesign();
    d.layers = {spec("Linear", 20, 16), spec("ReLU"), spec("Linear", 16, 8), spec("ReLU"),
                spec("Linear", 8, 40)};
    d.train.epochs = 0;
    return d;
}

const io::NamedTensor& tensor(const io::StateDict& dict, const std::string& name) {
    for (const auto& t : dict)
        if (t.name == name)
            return t;
    throw std::runtime_error("no tensor " + name);
}

std::unique_ptr<train::Trainer<float>> trainerFor(const train::Design& d) {
    return std::make_unique<train::Trainer<float>>(
        d, data::makeSyntheticDataset<float>(d.data.synthetic));
}

}  // namespace

class TestTrainedState : public QObject {
    Q_OBJECT

private slots:
    void nodesAlignByPrefixAndSuffix_data() {
        QTest::addColumn<std::vector<nn::LayerSpec>>("before");
        QTest::addColumn<std::vector<nn::LayerSpec>>("after");
        QTest::addColumn<std::vector<nn::Index>>("match");
        const auto lrl = types({"Linear", "ReLU", "Linear"});
        QTest::newRow("same types") << lrl << lrl << std::vector<nn::Index>{0, 1, 2};
        QTest::newRow("inserted") << lrl << types({"Linear", "ReLU", "Tanh", "Linear"})
                                  << std::vector<nn::Index>{0, 1, -1, 2};
        QTest::newRow("removed") << types({"Linear", "ReLU", "Linear", "ReLU", "Linear"})
                                 << types({"Linear", "Linear", "ReLU", "Linear"})
                                 << std::vector<nn::Index>{0, 2, 3, 4};
        QTest::newRow("type changed")
            << lrl << types({"Linear", "Tanh", "Linear"}) << std::vector<nn::Index>{0, -1, 2};
        QTest::newRow("appended") << lrl << types({"Linear", "ReLU", "Linear", "Sigmoid"})
                                  << std::vector<nn::Index>{0, 1, 2, -1};
        QTest::newRow("all new") << lrl << types({"Bilinear"}) << std::vector<nn::Index>{-1};
    }

    void nodesAlignByPrefixAndSuffix() {
        QFETCH(std::vector<nn::LayerSpec>, before);
        QFETCH(std::vector<nn::LayerSpec>, after);
        QFETCH(std::vector<nn::Index>, match);
        QCOMPARE(io::alignNodes(before, after), match);
    }

    void onlyTensorsOfTheSameShapeCarryOver() {
        const train::Design before = deepDesign();
        train::Design after = before;
        after.layers[2].out_features = 12;  // node 2's weight and bias, node 4's weight change
        after.layers[4].in_features = 12;
        io::StateDict trained = io::stateDictOf(trainerFor(before)->network());
        for (auto& t : trained)
            for (float& v : t.values.float32())
                v += 1.0f;  // "trained": every value differs from the seeded ones
        const io::StateDict fresh = io::stateDictOf(trainerFor(after)->network());
        size_t kept = 0;
        const io::StateDict result = io::carryOverWeights(before, trained, after, fresh, &kept);
        QCOMPARE(kept, size_t(3));  // 0.weight, 0.bias, 4.bias
        QVERIFY(tensor(result, "0.weight") == tensor(trained, "0.weight"));
        QVERIFY(tensor(result, "0.bias") == tensor(trained, "0.bias"));
        QVERIFY(tensor(result, "4.bias") == tensor(trained, "4.bias"));
        QVERIFY(tensor(result, "2.weight") == tensor(fresh, "2.weight"));
        QVERIFY(tensor(result, "2.bias") == tensor(fresh, "2.bias"));
        QVERIFY(tensor(result, "4.weight") == tensor(fresh, "4.weight"));
    }

    void aTrainedModelIsAdoptedWithItsProgress() {
        const train::Design before = deepDesign();
        auto t = trainerFor(before);
        for (int i = 0; i < 5; ++i)
            QVERIFY(t->trainStep());
        const io::TrainedState state = io::captureTrainedState(*t);
        QVERIFY(!state.seeded);
        QCOMPARE(state.progress.step, nn::Index(5));

        // An optimizer change keeps every tensor and the run.
        train::Design adam = before;
        adam.optimizer.type = "Adam";
        adam.optimizer.lr = 0.001;
        auto rebuilt = trainerFor(adam);
        QVERIFY(io::adoptTrainedState(*rebuilt, state));
        QVERIFY(io::stateDictOf(rebuilt->network()) == state.weights);
        QVERIFY(rebuilt->progress() == state.progress);
        QVERIFY(rebuilt->trainStep());
        QCOMPARE(rebuilt->stepCount(), nn::Index(6));

        // A structural edit keeps node 0 and re-seeds nodes 2 and 4 as a fresh build does.
        train::Design wider = before;
        wider.layers[2].out_features = 12;
        wider.layers[4].in_features = 12;
        auto edited = trainerFor(wider);
        const io::StateDict seeded = io::stateDictOf(edited->network());
        QVERIFY(io::adoptTrainedState(*edited, state));
        const io::StateDict now = io::stateDictOf(edited->network());
        QVERIFY(tensor(now, "0.weight") == tensor(state.weights, "0.weight"));
        QVERIFY(tensor(now, "2.weight") == tensor(seeded, "2.weight"));
        QVERIFY(tensor(now, "4.weight") == tensor(seeded, "4.weight"));
        QCOMPARE(edited->stepCount(), nn::Index(5));
        QVERIFY(!edited->hasSeededWeights());
    }

    void seededWeightsAreNotCarried() {
        // Untrained, an edit rebuilds from the seed: the weights stay the ones the
        // design's exported PyTorch code builds.
        const train::Design before = deepDesign();
        auto t = trainerFor(before);
        const io::TrainedState state = io::captureTrainedState(*t);
        QVERIFY(state.seeded);
        train::Design after = before;
        after.layers[0].out_features = 17;
        after.layers[2].in_features = 17;
        auto rebuilt = trainerFor(after);
        const io::StateDict fresh = io::stateDictOf(rebuilt->network());
        QVERIFY(!io::adoptTrainedState(*rebuilt, state));
        QVERIFY(io::stateDictOf(rebuilt->network()) == fresh);
        QVERIFY(rebuilt->hasSeededWeights());
    }

    void trainedLazyLayersCarryOver() {
        train::Design d = train::seedExampleDesign();
        d.layers = {spec("LazyLinear", 0, 16), spec("ReLU"), spec("Linear", 16, 40)};
        d.train.epochs = 0;
        auto t = trainerFor(d);
        QVERIFY(t->trainStep());  // materializes LazyLinear(in_features=20)
        const io::TrainedState state = io::captureTrainedState(*t);
        QVERIFY(state.materialized);
        QVERIFY(io::holdsEveryLazyLayer(d, state.weights));
        train::Design sgd = d;
        sgd.optimizer.lr = 0.1;
        sgd.batch.size = 64;
        sgd.data.synthetic.noise = 0.2;
        auto rebuilt = trainerFor(sgd);
        QVERIFY(io::adoptTrainedState(*rebuilt, state));
        QVERIFY(rebuilt->network().isMaterialized());
        QVERIFY(io::stateDictOf(rebuilt->network()) == state.weights);
    }
};

QTEST_GUILESS_MAIN(TestTrainedState)
#include "tst_trained_state.moc"
