// train::Design's operator==: equal copies compare equal, and a change to any one
// field, at any depth, makes the designs differ.
#include "core/train/design.h"

#include <QtTest>

#include <functional>

using namespace linearlab;

namespace {

using Edit = std::function<void(train::Design&)>;

}  // namespace

Q_DECLARE_METATYPE(Edit)

class TestDesign : public QObject {
    Q_OBJECT

private slots:
    void copiesCompareEqual() {
        const train::Design a = train::seedExampleDesign();
        const train::Design b = a;
        QVERIFY(a == b);
        QVERIFY(train::Design() == train::Design());
        QVERIFY(!(a == train::Design()));
    }

    void everyFieldCounts_data() {
        QTest::addColumn<Edit>("edit");
        auto row = [](const char* name, Edit e) { QTest::newRow(name) << e; };
        row("inputFeatures", [](train::Design& d) { d.inputFeatures = 7; });
        row("layers", [](train::Design& d) { d.layers[0].out_features = 41; });
        row("layers size", [](train::Design& d) { d.layers.push_back(d.layers[0]); });
        row("seed", [](train::Design& d) { d.seed = 9; });
        row("weightInit", [](train::Design& d) { d.weightInit.gain = 2; });
        row("synthetic.dataset", [](train::Design& d) { d.data.synthetic.dataset = "xor"; });
        row("synthetic.samples", [](train::Design& d) { d.data.synthetic.samples = 3; });
        row("synthetic.seed", [](train::Design& d) { d.data.synthetic.seed = 3; });
        row("synthetic.noise", [](train::Design& d) { d.data.synthetic.noise = 0.1; });
        row("synthetic.classes", [](train::Design& d) { d.data.synthetic.classes = 4; });
        row("synthetic.in_features", [](train::Design& d) { d.data.synthetic.in_features = 4; });
        row("synthetic.out_features", [](train::Design& d) { d.data.synthetic.out_features = 4; });
        row("data.file", [](train::Design& d) { d.data.file = "x.csv"; });
        row("data.target", [](train::Design& d) { d.data.target = "y"; });
        row("data.classification", [](train::Design& d) { d.data.classification = true; });
        row("data.standardize", [](train::Design& d) { d.data.standardize = true; });
        row("data.validation_split", [](train::Design& d) { d.data.validation_split = 0; });
        row("batch.size", [](train::Design& d) { d.batch.size = 3; });
        row("batch.shuffle", [](train::Design& d) { d.batch.shuffle = false; });
        row("batch.drop_last", [](train::Design& d) { d.batch.drop_last = true; });
        row("loss", [](train::Design& d) { d.loss = "L1Loss"; });
        row("lossOptions.delta", [](train::Design& d) { d.lossOptions.delta = 1.0; });
        row("lossOptions.reduction", [](train::Design& d) { d.lossOptions.reduction = "mean"; });
        row("lossOptions.weight", [](train::Design& d) { d.lossOptions.weight = {{1.0}}; });
        row("lossOptions.ignore_index",
            [](train::Design& d) { d.lossOptions.ignore_index = -100; });
        row("lossOptions.label_smoothing",
            [](train::Design& d) { d.lossOptions.label_smoothing = 0.0; });
        row("lossOptions.pos_weight", [](train::Design& d) { d.lossOptions.pos_weight = {{1.0}}; });
        row("optimizer.type", [](train::Design& d) { d.optimizer.type = "Adam"; });
        row("optimizer.lr", [](train::Design& d) { d.optimizer.lr.reset(); });
        row("optimizer.momentum", [](train::Design& d) { d.optimizer.momentum = 0.0; });
        row("optimizer.dampening", [](train::Design& d) { d.optimizer.dampening = 0.0; });
        row("optimizer.weight_decay", [](train::Design& d) { d.optimizer.weight_decay = 0.0; });
        row("optimizer.nesterov", [](train::Design& d) { d.optimizer.nesterov = false; });
        row("optimizer.betas", [](train::Design& d) { d.optimizer.betas = {{0.9, 0.999}}; });
        row("optimizer.eps", [](train::Design& d) { d.optimizer.eps = 1e-8; });
        row("optimizer.amsgrad", [](train::Design& d) { d.optimizer.amsgrad = false; });
        row("optimizer.alpha", [](train::Design& d) { d.optimizer.alpha = 0.99; });
        row("optimizer.centered", [](train::Design& d) { d.optimizer.centered = false; });
        row("train.epochs", [](train::Design& d) { d.train.epochs = 1; });
        row("train.steps", [](train::Design& d) { d.train.steps = 1; });
        row("scheduler.type", [](train::Design& d) { d.scheduler.type = "LinearLR"; });
        row("scheduler.keywords",
            [](train::Design& d) { d.scheduler.keywords[train::SchedulerKeyword::gamma] = 0.5; });
        row("dtype", [](train::Design& d) { d.dtype = nn::DType::Float64; });
    }
    void everyFieldCounts() {
        QFETCH(Edit, edit);
        const train::Design base = train::seedExampleDesign();
        train::Design changed = base;
        edit(changed);
        QVERIFY(!(changed == base));
        QVERIFY(!(base == changed));
    }
};

QTEST_APPLESS_MAIN(TestDesign)
#include "tst_design.moc"
