// Design files: PyTorch keyword names and defaults, a strict
// reader whose errors name the field's path, and atomic saves.
#include "core/io/design_file.h"
#include "core/nn/layer_table.h"
#include "tests/core/train/design_test_support.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab;

namespace {

QJsonObject parse(const char* text) {
    return QJsonDocument::fromJson(text).object();
}

const char* kExample = R"({
  "format": "linearlab", "version": 1,
  "input": {"features": 20},
  "layers": [
    {"type": "Linear", "in_features": 20, "out_features": 40, "bias": true},
    {"type": "ReLU"},
    {"type": "LazyLinear", "out_features": 8},
    {"type": "Bilinear", "in1_features": 8, "in2_features": 20,
     "out_features": 3, "input2": "input"}
  ],
  "init": {"seed": 0, "weight": "default"},
  "data": {"dataset": "teacher", "samples": 1024, "seed": 0,
           "validation_split": 0.2},
  "batch": {"size": 128, "shuffle": true, "drop_last": false},
  "loss": {"type": "MSELoss"},
  "optimizer": {"type": "SGD", "lr": 0.01, "momentum": 0.0}
})";

}  // namespace

Q_DECLARE_METATYPE(linearlab::train::Design)

class TestDesignFile : public QObject {
    Q_OBJECT

private slots:
    void readsTheDesignDocExample() {
        const train::Design d = io::designFromJson(parse(kExample));
        QCOMPARE(d.inputFeatures, nn::Index(20));
        QCOMPARE(d.layers.size(), size_t(4));
        QCOMPARE(d.layers[0].type, std::string("Linear"));
        QCOMPARE(d.layers[0].out_features, nn::Index(40));
        QCOMPARE(d.layers[2].type, std::string("LazyLinear"));
        QVERIFY(d.layers[3].input2 == nn::SecondInput::input());
        QCOMPARE(d.batch.size, nn::Index(128));
        QVERIFY(d.batch.shuffle);
        QCOMPARE(d.data.validation_split, 0.2);
        QCOMPARE(d.optimizer.type, std::string("SGD"));
        QCOMPARE(*d.optimizer.lr, 0.01);
        QCOMPARE(*d.optimizer.momentum, 0.0);
    }

    void omittedFieldsTakePyTorchDefaults() {
        const train::Design d = io::designFromJson(parse(R"({"format": "linearlab", "version": 1,
            "input": {"features": 4}, "layers": [{"type": "Linear", "in_features": 4, "out_features": 2},
            {"type": "LeakyReLU"}, {"type": "Softplus"}, {"type": "Bilinear", "in1_features": 2, "in2_features": 2, "out_features": 1}]})"));
        QVERIFY(d.layers[0].bias);                             // nn.Linear(bias=True)
        QCOMPARE(d.layers[1].option("negative_slope"), 0.01);  // nn.LeakyReLU()
        QCOMPARE(d.layers[2].option("beta"), 1.0);             // nn.Softplus(beta=1, threshold=20)
        QCOMPARE(d.layers[2].option("threshold"), 20.0);
        QVERIFY(d.layers[3].input2 == nn::SecondInput::previous());
        QCOMPARE(d.batch.size, nn::Index(1));  // DataLoader(batch_size=1, shuffle=False)
        QVERIFY(!d.batch.shuffle);
        QCOMPARE(d.loss, std::string("MSELoss"));
        QCOMPARE(d.weightInit.scheme, std::string("default"));
    }

    void eluReadsAndWritesAlpha() {
        const train::Design d = io::designFromJson(parse(R"({"format": "linearlab", "version": 1,
            "input": {"features": 2}, "layers": [{"type": "ELU"}, {"type": "ELU", "alpha": 0.5}]})"));
        QCOMPARE(d.layers[0].option("alpha"), 1.0);  // nn.ELU(alpha=1.0)
        QCOMPARE(d.layers[1].option("alpha"), 0.5);
        const QJsonObject written = io::designToJson(d);
        QCOMPARE(written["layers"].toArray()[1].toObject()["alpha"].toDouble(), 0.5);
        QVERIFY(io::designFromJson(written).layers == d.layers);
        try {
            io::designFromJson(parse(R"({"format": "linearlab", "version": 1,
                "input": {"features": 2}, "layers": [{"type": "ELU", "negative_slope": 0.1}]})"));
            QFAIL("no error");
        } catch (const io::DesignError& e) {
            QCOMPARE(QString(e.what()), QStringLiteral("layers[0].negative_slope: unknown field"));
        }
    }

    void geluTakesItsApproximateChoice() {
        const train::Design d = io::designFromJson(parse(R"({"format": "linearlab", "version": 1,
            "input": {"features": 2},
            "layers": [{"type": "GELU"}, {"type": "GELU", "approximate": "tanh"}]})"));
        QCOMPARE(d.layers[0].choice("approximate"), std::string("none"));  // nn.GELU()
        QCOMPARE(d.layers[1].choice("approximate"), std::string("tanh"));
        const QJsonObject written = io::designToJson(d);
        QCOMPARE(written["layers"].toArray()[1].toObject()["approximate"].toString(),
                 QStringLiteral("tanh"));
        QVERIFY(io::designFromJson(written).layers == d.layers);
        for (const char* bad : {R"("approximate": "erf")", R"("approximate": 1)"}) {
            const std::string text = std::string(R"({"format": "linearlab", "version": 1,
                "input": {"features": 2}, "layers": [{"type": "GELU", )") +
                                     bad + "}]}";
            try {
                io::designFromJson(parse(text.c_str()));
                QFAIL("no error");
            } catch (const io::DesignError& e) {
                QVERIFY2(QString(e.what()).startsWith("layers[0].approximate: "), e.what());
                if (QString(bad).contains("erf"))
                    QCOMPARE(QString(e.what()),
                             QStringLiteral("layers[0].approximate: unknown value \"erf\"; "
                                            "expected one of none, tanh"));
            }
        }
    }

    void numbersKeepTheSpellingTheFileGaveThem() {
        // The file's 2.0 is a Python float and 2 an int, as nn.Softplus(beta=2.0) and
        // nn.Softplus(beta=2) print them; an omitted keyword shows PyTorch's default.
        QTemporaryDir dir;
        const QString path = dir.filePath("spelled.linearlab.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "linearlab", "version": 1, "input": {"features": 2},
            "layers": [{"type": "Softplus", "beta": 2.0}, {"type": "Softplus", "beta": 2},
                       {"type": "ELU", "alpha": 1}, {"type": "ELU"},
                       {"type": "Hardtanh", "min_val": -2, "max_val": 3e0},
                       {"type": "LeakyReLU"}]})");
        file.close();
        const train::Design d = io::readDesignFile(path);
        const auto repr = [&](size_t i) {
            return QString::fromStdString(nn::layerType(d.layers[i].type).repr(d.layers[i]));
        };
        QCOMPARE(repr(0), QStringLiteral("Softplus(beta=2.0, threshold=20)"));
        QCOMPARE(repr(1), QStringLiteral("Softplus(beta=2, threshold=20)"));
        QCOMPARE(repr(2), QStringLiteral("ELU(alpha=1)"));
        QCOMPARE(repr(3), QStringLiteral("ELU(alpha=1.0)"));
        QCOMPARE(repr(4), QStringLiteral("Hardtanh(min_val=-2, max_val=3.0)"));
        QCOMPARE(repr(5), QStringLiteral("LeakyReLU(negative_slope=0.01)"));
        // Written and read again, every spelling survives Qt's writer (which drops ".0").
        const QString again = dir.filePath("again.linearlab.json");
        io::writeDesignFile(again, d);
        QFile written(again);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray text = written.readAll();
        QVERIFY2(text.contains("\"beta\": 2.0,") && text.contains("\"beta\": 2,") &&
                     text.contains("\"threshold\": 20,") && text.contains("\"alpha\": 1.0,"),
                 text.constData());
        QCOMPARE(io::readDesignFile(again).layers, d.layers);
    }

    void preluReadsItsSlopes() {
        const train::Design d = io::designFromJson(parse(R"({"format": "linearlab", "version": 1,
            "input": {"features": 3}, "layers": [{"type": "PReLU"},
            {"type": "PReLU", "num_parameters": 3, "init": 0.1}]})"));
        QCOMPARE(d.layers[0].num_parameters,
                 nn::Index(1));  // nn.PReLU(num_parameters=1, init=0.25)
        QCOMPARE(d.layers[0].option("init"), 0.25);
        QCOMPARE(d.layers[1].num_parameters, nn::Index(3));
        QCOMPARE(d.layers[1].option("init"), 0.1);
        const QJsonObject written = io::designToJson(d);
        QCOMPARE(written["layers"].toArray()[1].toObject()["num_parameters"].toInt(), 3);
        QVERIFY(io::designFromJson(written).layers == d.layers);
        for (const char* bad : {R"("num_parameters": 0)", R"("init": {"weight": "zeros_"})"}) {
            const std::string text = std::string(R"({"format": "linearlab", "version": 1,
                "input": {"features": 3}, "layers": [{"type": "PReLU", )") +
                                     bad + "}]}";
            try {
                io::designFromJson(parse(text.c_str()));
                QFAIL("no error");
            } catch (const io::DesignError& e) {
                QVERIFY2(QString(e.what()).startsWith("layers[0]."), e.what());
            }
        }
    }

    void roundTrip() {
        train::Design d = io::designFromJson(parse(kExample));
        d.layers[0].init = nn::InitSpec{};
        d.layers[0].init->scheme = "kaiming_normal_";
        d.layers[0].init->mode = "fan_out";
        d.layers[0].init->nonlinearity = "relu";
        d.layers[3].input2 = nn::SecondInput::fromNode(1);
        d.optimizer.type = "Adam";
        d.optimizer.lr = 0.003;
        d.optimizer.momentum.reset();
        d.optimizer.betas = std::array<double, 2>{0.8, 0.99};
        d.optimizer.amsgrad = true;
        d.loss = "HuberLoss";
        d.lossOptions.delta = 0.5;
        d.train.epochs = 12;
        QCOMPARE(io::designFromJson(io::designToJson(d)), d);
    }

    void lossKeywordsInJson() {
        const train::Design d = io::designFromJson(parse(R"({"format": "linearlab", "version": 1,
            "input": {"features": 2}, "loss": {"type": "CrossEntropyLoss", "weight": [1, 0.5],
            "ignore_index": -1, "reduction": "sum", "label_smoothing": 0.25}})"));
        QCOMPARE(d.lossOptions.weight, std::optional(std::vector<double>{1, 0.5}));
        QCOMPARE(d.lossOptions.ignore_index, std::optional<long long>(-1));
        QCOMPARE(d.lossOptions.reduction, std::optional<std::string>("sum"));
        QCOMPARE(d.lossOptions.label_smoothing, std::optional<double>(0.25));
        QVERIFY(!d.lossOptions.pos_weight && !d.lossOptions.delta);
        // Written back in the table's order, lists as arrays and the index as an integer.
        const QJsonObject loss = io::designToJson(d)["loss"].toObject();
        QCOMPARE(QJsonDocument(loss).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"ignore_index":-1,"label_smoothing":0.25,"reduction":"sum",)"
                            R"("type":"CrossEntropyLoss","weight":[1,0.5]})"));
        // Omitted keywords stay omitted: PyTorch's defaults.
        const train::Design plain = io::designFromJson(parse(R"({"format": "linearlab",
            "version": 1, "input": {"features": 2}, "loss": {"type": "CrossEntropyLoss"}})"));
        QCOMPARE(plain.lossOptions, nn::LossOptions{});
    }

    void roundTripKeepsEveryField_data() {
        QTest::addColumn<train::Design>("design");
        // Every field away from its default, so that a field the writer or the reader
        // dropped would come back different. Only what a design does not use is left
        // at its default: the file leaves out classes for a dataset without classes,
        // in_features and out_features for a dataset that is not a teacher, and the
        // init arguments the scheme does not take. The optimizer keeps every keyword
        // whatever its type (makeOptimizer is the one to refuse a keyword).
        train::Design d;
        d.inputFeatures = 6;
        nn::LayerSpec linear;
        linear.type = "Linear";
        linear.in_features = 6;
        linear.out_features = 5;
        linear.bias = false;
        linear.init = nn::InitSpec{};
        linear.init->scheme = "kaiming_normal_";
        linear.init->mode = "fan_out";
        linear.init->nonlinearity = "relu";
        linear.init->a = 0.1;
        nn::LayerSpec leaky;
        leaky.type = "LeakyReLU";
        leaky.options["negative_slope"] = 0.2;
        nn::LayerSpec softplus;
        softplus.type = "Softplus";
        softplus.options["beta"] = 2;
        softplus.options["threshold"] = 10;
        nn::LayerSpec lazy;
        lazy.type = "LazyLinear";
        lazy.out_features = 4;
        nn::LayerSpec bilinear;
        bilinear.type = "Bilinear";
        bilinear.in1_features = 4;
        bilinear.in2_features = 5;
        bilinear.out_features = 3;
        bilinear.input2 = nn::SecondInput::fromNode(1);
        d.layers = {linear, leaky, softplus, lazy, bilinear};
        d.seed = 7;
        d.weightInit.scheme = "trunc_normal_";
        d.weightInit.mean = 0.5;
        d.weightInit.std = 2;
        d.weightInit.a = -1;
        d.weightInit.b = 1.5;
        d.data.synthetic.dataset = "bilinear-teacher";
        d.data.synthetic.samples = 99;
        d.data.synthetic.seed = 5;
        d.data.synthetic.noise = 0.3;
        d.data.synthetic.in_features = 6;
        d.data.synthetic.out_features = 3;
        d.data.file = "points.csv";
        d.data.target = "label";
        d.data.classification = true;
        d.data.standardize = true;
        d.data.validation_split = 0.25;
        d.batch = {16, true, true};
        d.loss = "HuberLoss";
        d.lossOptions.delta = 0.5;
        d.optimizer.type = "RMSprop";
        d.optimizer.lr = 0.3;
        d.optimizer.momentum = 0.8;
        d.optimizer.dampening = 0.1;
        d.optimizer.weight_decay = 0.01;
        d.optimizer.nesterov = true;
        d.optimizer.betas = std::array<double, 2>{0.8, 0.9};
        d.optimizer.eps = 1e-6;
        d.optimizer.amsgrad = true;
        d.optimizer.alpha = 0.9;
        d.optimizer.centered = true;
        d.optimizer.lr_decay = 0.25;
        d.optimizer.initial_accumulator_value = 0.5;
        d.optimizer.momentum_decay = 0.01;
        d.optimizer.maximize = true;
        d.train = {3, 40};
        d.dtype = nn::DType::Float64;
        QTest::newRow("teacher from a file") << d;

        train::Design blobs = d;
        blobs.data = {};
        blobs.data.synthetic.dataset = "blobs";
        blobs.data.synthetic.classes = 5;
        blobs.data.synthetic.noise = 0.0;
        blobs.data.validation_split = 0;
        blobs.loss = "CrossEntropyLoss";
        blobs.lossOptions = {};
        blobs.lossOptions.reduction = "sum";
        blobs.lossOptions.weight = std::vector<double>{0.5, 1, 2, 1, 0.25};
        blobs.lossOptions.ignore_index = 3;
        blobs.lossOptions.label_smoothing = 0.1;
        blobs.optimizer.type = "AdamW";
        blobs.train = {0, 1};
        QTest::newRow("blobs") << blobs;

        train::Design adagrad = blobs;
        adagrad.optimizer = {};
        adagrad.optimizer.type = "Adagrad";
        adagrad.optimizer.lr = 0.1;
        adagrad.optimizer.lr_decay = 0.01;
        adagrad.optimizer.initial_accumulator_value = 0.1;
        adagrad.optimizer.maximize = false;
        QTest::newRow("Adagrad") << adagrad;
        // Every scheduler with every keyword it takes, each kind of value included.
        using K = train::SchedulerKeyword;
        auto scheduled = [&](const char* type, std::map<K, train::SchedulerValue> keywords) {
            train::Design s = d;
            s.scheduler = {type, std::move(keywords)};
            QTest::newRow(type) << s;
        };
        scheduled("StepLR", {{K::step_size, 30LL}, {K::gamma, 0.5}});
        scheduled("MultiStepLR", {{K::milestones, std::vector<long long>{30, 80, 80}}});
        scheduled("ExponentialLR", {{K::gamma, 0.95}});
        scheduled("CosineAnnealingLR", {{K::T_max, 50LL}, {K::eta_min, 1e-5}});
        scheduled("LinearLR",
                  {{K::start_factor, 0.25}, {K::end_factor, 0.75}, {K::total_iters, 0LL}});
        scheduled("OneCycleLR", {{K::max_lr, 0.1},
                                 {K::epochs, 4LL},
                                 {K::steps_per_epoch, 10LL},
                                 {K::pct_start, 0.25},
                                 {K::anneal_strategy, std::string("linear")},
                                 {K::cycle_momentum, false},
                                 {K::base_momentum, 0.8},
                                 {K::max_momentum, 0.9},
                                 {K::div_factor, 10.0},
                                 {K::final_div_factor, 100.0},
                                 {K::three_phase, true}});
        scheduled("ReduceLROnPlateau", {{K::mode, std::string("max")},
                                        {K::factor, 0.5},
                                        {K::patience, 3LL},
                                        {K::threshold, 0.01},
                                        {K::threshold_mode, std::string("abs")},
                                        {K::cooldown, 2LL},
                                        {K::min_lr, 1e-4},
                                        {K::eps, 1e-6}});
        train::Design binary = blobs;
        binary.loss = "BCEWithLogitsLoss";
        binary.lossOptions = {};
        binary.lossOptions.reduction = "none";
        binary.lossOptions.weight = std::vector<double>{2};
        binary.lossOptions.pos_weight = std::vector<double>{1, 3.5};
        QTest::newRow("BCEWithLogitsLoss weights") << binary;
    }
    void roundTripKeepsEveryField() {
        QFETCH(train::Design, design);
        const train::Design back = io::designFromJson(io::designToJson(design));
        QVERIFY2(back == design, train::differences(back, design).c_str());
        QTemporaryDir dir;
        const QString path = dir.filePath("every.linearlab.json");
        io::writeDesignFile(path, design);
        const train::Design read = io::readDesignFile(path);
        QVERIFY2(read == design, train::differences(read, design).c_str());
    }

    void sgdWithoutLrGetsTheLabsDefault() {
        const train::Design d = io::designFromJson(parse(R"({"format": "linearlab", "version": 1,
            "input": {"features": 2}, "optimizer": {"type": "SGD", "momentum": 0.5}})"));
        QCOMPARE(d.optimizer.lr, std::optional<double>(0.01));
        QCOMPARE(d.optimizer.momentum, std::optional<double>(0.5));
        QVERIFY(!d.optimizer.nesterov);
        const train::Design adam = io::designFromJson(parse(R"({"format": "linearlab",
            "version": 1, "input": {"features": 2}, "optimizer": {"type": "Adam"}})"));
        QVERIFY(!adam.optimizer.lr);  // Adam's is optional: left to PyTorch's default
    }

    void writesOnlyTheFieldsTheDatasetTakes() {
        train::Design d = train::seedExampleDesign();
        const QJsonObject teacher = io::designToJson(d)["data"].toObject();
        QVERIFY(teacher.contains("in_features") && teacher.contains("out_features"));
        QVERIFY(!teacher.contains("classes"));
        d.data.synthetic.dataset = "spiral";
        const QJsonObject spiral = io::designToJson(d)["data"].toObject();
        QVERIFY(spiral.contains("classes"));
        QVERIFY(!spiral.contains("in_features"));
        d.data.synthetic.dataset = "sine";
        const QJsonObject sine = io::designToJson(d)["data"].toObject();
        QVERIFY(!sine.contains("classes") && !sine.contains("in_features"));
        QCOMPARE(sine.keys(), (QStringList{"dataset", "samples", "seed", "validation_split"}));
    }

    void errorsNameTheField_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        const QString head = R"({"format": "linearlab", "version": 1, "input": {"features": 20}, )";
        QTest::newRow("string for int")
            << head +
                   R"("layers": [{"type": "ReLU"}, {"type": "Tanh"}, {"type": "Linear", "in_features": 20, "out_features": "ten"}]})"
            << R"(layers[2].out_features: expected a positive integer, got "ten")";
        QTest::newRow("zero")
            << head + R"("layers": [{"type": "Linear", "in_features": 0, "out_features": 3}]})"
            << "layers[0].in_features: expected a positive integer, got 0";
        QTest::newRow("fraction")
            << head + R"("layers": [{"type": "LazyLinear", "out_features": 2.5}]})"
            << "layers[0].out_features: expected a positive integer, got 2.5";
        QTest::newRow("missing") << head + R"("layers": [{"type": "Linear", "in_features": 20}]})"
                                 << "layers[0].out_features: missing (Linear needs it)";
        QTest::newRow("unknown type")
            << head + R"("layers": [{"type": "Conv2d"}]})"
            << "layers[0].type: unknown value \"Conv2d\"; expected one of Linear,";
        QTest::newRow("unknown field") << head + R"("layers": [{"type": "ReLU", "inplace": true}]})"
                                       << "layers[0].inplace: unknown field";
        QTest::newRow("top-level typo") << head + R"("layer": []})"
                                        << "layer: unknown field";
        QTest::newRow("input2 later")
            << head +
                   R"("layers": [{"type": "Bilinear", "in1_features": 20, "in2_features": 20, "out_features": 2, "input2": 0}]})"
            << "layers[0].input2: expected \"previous\", \"input\" or the index of an earlier node";
        QTest::newRow("split") << head + R"("data": {"validation_split": 1.5}})"
                               << "data.validation_split: expected a number in [0, 1), got 1.5";
        QTest::newRow("dataset") << head + R"("data": {"dataset": "mnist"}})"
                                 << "data.dataset: unknown value \"mnist\"";
        QTest::newRow("optimizer") << head + R"("optimizer": {"type": "LBFGS"}})"
                                   << "optimizer.type: unknown value \"LBFGS\"";
        QTest::newRow("betas") << head + R"("optimizer": {"type": "Adam", "betas": [0.9]}})"
                               << "optimizer.betas: expected two numbers";
        QTest::newRow("init scheme") << head + R"("init": {"weight": "he_uniform"}})"
                                     << "init.weight: unknown value \"he_uniform\"";
        QTest::newRow("format") << R"({"format": "keras", "version": 1})"
                                << "format: expected \"linearlab\", got \"keras\"";
        QTest::newRow("newer")
            << R"({"format": "linearlab", "version": 2, "input": {"features": 1}})"
            << "version: this file is version 2, newer than this LinearLab reads (1)";
        QTest::newRow("no input") << R"({"format": "linearlab", "version": 1})"
                                  << "input: missing";
        QTest::newRow("delta") << head + R"("loss": {"type": "MSELoss", "delta": 2}})"
                               << "loss.delta: only HuberLoss takes delta";
        QTest::newRow("scheduler not an object") << head + R"("scheduler": "StepLR"})"
                                                 << "scheduler: expected an object, got \"StepLR\"";
        QTest::newRow("scheduler keyword")
            << head + R"("scheduler": {"type": "StepLR", "step_size": 3, "momentum": 0.9}})"
            << "scheduler.momentum: StepLR.__init__() got an unexpected keyword argument "
               "'momentum'";
        QTest::newRow("scheduler value")
            << head + R"("scheduler": {"type": "OneCycleLR", "max_lr": 0.1, "total_steps": -2}})"
            << "scheduler.total_steps: Expected positive integer total_steps, but got -2";
        QTest::newRow("pos_weight")
            << head + R"("loss": {"type": "CrossEntropyLoss", "pos_weight": [2]}})"
            << "loss.pos_weight: only BCEWithLogitsLoss takes pos_weight";
        QTest::newRow("weight")
            << head + R"("loss": {"type": "MSELoss", "weight": [2]}})"
            << "loss.weight: only CrossEntropyLoss and BCEWithLogitsLoss take weight";
        QTest::newRow("reduction")
            << head + R"("loss": {"type": "L1Loss", "reduction": "avg"}})"
            << "loss.reduction: unknown value \"avg\"; expected one of mean, sum, none";
        QTest::newRow("reduction type") << head + R"("loss": {"type": "L1Loss", "reduction": 1}})"
                                        << "loss.reduction: expected a string, got 1";
        QTest::newRow("ignore_index fraction")
            << head + R"("loss": {"type": "CrossEntropyLoss", "ignore_index": 1.5}})"
            << "loss.ignore_index: expected an integer, got 1.5";
        QTest::newRow("weight not a list")
            << head + R"("loss": {"type": "CrossEntropyLoss", "weight": 2}})"
            << "loss.weight: expected a list of numbers, got 2";
        QTest::newRow("weight of strings")
            << head + R"("loss": {"type": "CrossEntropyLoss", "weight": ["a"]}})"
            << "loss.weight: expected a list of numbers, got an array";
        QTest::newRow("empty weight")
            << head + R"("loss": {"type": "BCEWithLogitsLoss", "weight": []}})"
            << "loss.weight: expected a list of numbers, got an array";
        QTest::newRow("label_smoothing")
            << head + R"("loss": {"type": "CrossEntropyLoss", "label_smoothing": 1.5}})"
            << "loss.label_smoothing: label_smoothing must be between 0.0 and 1.0. Got: 1.5";
        QTest::newRow("delta zero")
            << head + R"("loss": {"type": "HuberLoss", "delta": 0}})"
            << "loss.delta: huber_loss does not support non-positive values for delta.";
        QTest::newRow("dtype")
            << head + R"("dtype": "float16"})"
            << R"(dtype: unknown value "float16"; expected one of float32, float64)";
        QTest::newRow("dtype not a string") << head + R"("dtype": 64})"
                                            << "dtype: expected a string, got 64";
    }

    void errorsNameTheField() {
        QFETCH(QString, json);
        QFETCH(QString, message);
        const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
        QVERIFY2(!o.isEmpty(), qPrintable(json));
        try {
            io::designFromJson(o);
            QFAIL("expected a DesignError");
        } catch (const io::DesignError& e) {
            QVERIFY2(QString(e.what()).startsWith(message), e.what());
        }
    }

    void filesNameTheFileAndSaveAtomically() {
        QTemporaryDir dir;
        const QString path = dir.filePath("net.linearlab.json");
        const train::Design d = io::designFromJson(parse(kExample));
        io::writeDesignFile(path, d);
        QCOMPARE(io::readDesignFile(path), d);

        QFile broken(dir.filePath("broken.linearlab.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\n  \"format\": \"linearlab\",\n  \"version\": 1,,\n}");
        broken.close();
        try {
            io::readDesignFile(broken.fileName());
            QFAIL("expected an error");
        } catch (const io::DesignError& e) {
            QVERIFY2(QString(e.what()).startsWith(broken.fileName() + ": line 3, column"),
                     e.what());
        }
        // A failed save (a directory in the way) leaves the previous file intact.
        const QByteArray before = [&] {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, io::writeDesignFile(dir.path(), d));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }
};

QTEST_APPLESS_MAIN(TestDesignFile)
#include "tst_design_file.moc"
