// Dropout and PReLU in the training loop: model.train() only for the training
// batch (validation and the views see eval mode), Dropout(p=0) training exactly
// as the same design without it, and no allocation per step.
#include "core/data/synthetic_datasets.h"
#include "core/nn/layer_table.h"
#include "core/train/trainer.h"
#include "tests/core/train/warm_step_allocations.h"

#include <QtTest>

using namespace linearlab;

namespace {

nn::LayerSpec layer(const char* type) {
    return nn::layerType(type).defaultSpec(40);
}

train::Design designWith(const nn::LayerSpec& middle) {
    train::Design d = train::seedExampleDesign();
    d.data.synthetic.samples = 300;  // 240 train: batches of 128 and a short 112
    d.train.epochs = 0;
    d.optimizer.lr = 0.05;
    nn::LayerSpec head = layer("Linear");
    d.layers.push_back(middle);
    d.layers.push_back(head);
    return d;
}

nn::LayerSpec dropout(double p) {
    nn::LayerSpec s = layer("Dropout");
    s.setNumber("p", p);
    return s;
}

}  // namespace

class TestDropoutTraining : public QObject {
    Q_OBJECT

private slots:
    void dropoutZeroTrainsAsIdentity() {
        const train::Design with = designWith(dropout(0.0)),
                            without = designWith(layer("Identity"));
        train::Trainer<float> a(with, data::makeSyntheticDataset<float>(with.data.synthetic));
        train::Trainer<float> b(without, data::makeSyntheticDataset<float>(without.data.synthetic));
        for (int i = 0; i < 5; ++i) {
            QVERIFY(a.trainStep());
            QVERIFY(b.trainStep());
            QCOMPARE(a.trainLoss(), b.trainLoss());
        }
        const auto pa = a.network().namedParameters(), pb = b.network().namedParameters();
        QCOMPARE(pa.size(), pb.size());
        for (size_t i = 0; i < pa.size(); ++i)
            QCOMPARE(pa[i].parameter->value, pb[i].parameter->value);
    }

    void validationSeesEvalMode() {
        // A dropout of 0.9 in training; validation after a step must be the
        // network's deterministic (eval) output, the same however often it runs.
        const train::Design d = designWith(dropout(0.9));
        train::Trainer<double> t(d, data::makeSyntheticDataset<double>(d.data.synthetic));
        QVERIFY(t.trainStep());
        nn::Network<double>& net = t.network();
        nn::Matrix<double> x = nn::Matrix<double>::Ones(3, 20);
        const nn::Matrix<double> first = net.forward(x);
        QCOMPARE(net.forward(x), first);
        QVERIFY(std::isfinite(t.trainLoss()));
    }

    void noAllocationPerStepWithDropoutAndPReLU() {
        train::Design d = designWith(dropout(0.3));
        nn::LayerSpec prelu = layer("PReLU");
        prelu.num_parameters = 40;
        d.layers.insert(d.layers.begin() + 1, prelu);
        d.optimizer.type = "Adam";
        train::TrainerOptions options;
        options.snapshotHz = 0;
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic),
                                      options);
        QCOMPARE(testing::warmStepAllocations(trainer, 20), 0L);
        QVERIFY(trainer.failure().empty());
    }
};

QTEST_APPLESS_MAIN(TestDropoutTraining)
#include "tst_dropout_training.moc"
