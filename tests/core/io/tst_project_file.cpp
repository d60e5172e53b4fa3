// Project files: a design, its weights and its loss history come back exactly
// (weights bit for bit); newer versions are refused with advice; corrupt,
// truncated and hostile files are rejected with the file and field named, and
// a failed load or save changes nothing.
#include "core/cli/cli_support.h"
#include "core/io/design_file.h"
#include "core/io/file_util.h"
#include "core/io/network_state.h"
#include "core/io/project_file.h"
#include "core/io/weights_file.h"
#include "core/nn/layer_table.h"
#include "tests/core/train/design_test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using namespace linearlab;

namespace {

train::Design sampleDesign() {
    train::Design d;
    d.inputFeatures = 3;
    nn::LayerSpec a;
    a.type = "Linear";
    a.in_features = 3;
    a.out_features = 4;
    nn::LayerSpec relu;
    relu.type = "ReLU";
    nn::LayerSpec lazy;
    lazy.type = "LazyLinear";
    lazy.out_features = 2;
    nn::LayerSpec bi;
    bi.type = "Bilinear";
    bi.in1_features = 2;
    bi.in2_features = 3;
    bi.out_features = 2;
    bi.input2 = nn::SecondInput::input();
    d.layers = {a, relu, lazy, bi};
    d.seed = 42;
    d.weightInit.scheme = "xavier_uniform_";
    d.weightInit.gain = 0.5;
    d.optimizer.type = "Adam";
    d.optimizer.lr = 0.003;
    d.batch.size = 32;
    d.batch.shuffle = true;
    return d;
}

io::Project sampleProject() {
    io::Project p;
    p.design = sampleDesign();
    auto network = cli::buildNetwork(p.design, p.design.seed);
    p.weights = io::stateDictOf(*network);
    // Values JSON numbers could not carry exactly must survive too.
    auto& w = (*p.weights)[0].values.float32();
    w[0] = std::numeric_limits<float>::quiet_NaN();
    w[1] = -0.0f;
    w[2] = std::numeric_limits<float>::denorm_min();
    w[3] = std::numeric_limits<float>::infinity();
    w[4] = 0.1f;
    train::TrainingProgress& progress = p.progress;
    for (int i = 0; i < 50; ++i)
        progress.trainHistory.push_back({i * 2.5, 1.0 / (i + 1)});
    progress.trainHistory.push_back({125.0, std::numeric_limits<double>::quiet_NaN()});
    progress.validationHistory = {{10, 0.7}, {20, 0.3333333333333333}};
    progress.accuracyHistory = {{10, 0.5}, {20, 0.8125}};
    progress.step = 126;
    progress.epoch = 3;
    // The last batch's loss, not the curve's merged last point; a value whose
    // shortest decimal text has 17 digits must still read back to the same double.
    progress.trainLoss = 0.1 + 0.2;
    progress.validationLoss = 1.0 / 3.0;
    progress.validationAccuracy = 0.8125;  // trainAccuracy stays NaN: written as null
    return p;
}

/// Empty when equal in every bit, else the first difference.
QString difference(const io::Project& a, const io::Project& b) {
    if (!(a.design == b.design))
        return "design";
    if (a.weights.has_value() != b.weights.has_value())
        return "weights presence";
    if (a.weights) {
        if (a.weights->size() != b.weights->size())
            return "weights count";
        for (size_t i = 0; i < a.weights->size(); ++i) {
            const auto& x = (*a.weights)[i];
            const auto& y = (*b.weights)[i];
            if (x.name != y.name || x.shape != y.shape || x.values.size() != y.values.size() ||
                x.values != y.values)
                return QString::fromStdString("tensor " + x.name);
        }
    }
    if (a.progress != b.progress)  // bit for bit, NaN included
        return "progress";
    return {};
}

QJsonObject sampleJson() {
    return io::projectToJson(sampleProject());
}

void writeJson(const QString& path, const QJsonObject& o) {
    io::writeFileAtomically(path, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject withFirstTensor(QJsonObject root, const std::function<void(QJsonObject&)>& edit) {
    QJsonArray list = root["weights"].toArray();
    QJsonObject t = list[0].toObject();
    edit(t);
    list[0] = t;
    root["weights"] = list;
    return root;
}

}  // namespace

class TestProjectFile : public QObject {
    Q_OBJECT

private slots:
    void roundTripsDesignWeightsAndHistoryExactly() {
        QTemporaryDir dir;
        const QString path = dir.filePath("run.linearlab");
        const io::Project saved = sampleProject();
        io::writeProject(path, saved);
        const io::Project loaded = io::readProject(path);
        QCOMPARE(difference(saved, loaded), QString());
        QVERIFY(std::isnan((*loaded.weights)[0].values.float32()[0]));
        QVERIFY(std::signbit((*loaded.weights)[0].values.float32()[1]));
        // The state dict keeps its order: "0.weight" before "2.weight" before "3.weight".
        QCOMPARE((*loaded.weights)[2].name, std::string("2.weight"));
    }

    void aSchedulersStateRoundTripsExactly_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("min") << "min";
        QTest::newRow("max") << "max";
    }

    void aSchedulersStateRoundTripsExactly() {
        // ReduceLROnPlateau's counters and its best, exactly; a best still at the
        // mode's worst (inf or -inf, which JSON cannot hold) reads back as it was.
        QFETCH(QString, mode);
        QTemporaryDir dir;
        io::Project saved = sampleProject();
        saved.design.scheduler.type = "ReduceLROnPlateau";
        saved.design.scheduler.keywords[train::SchedulerKeyword::mode] = mode.toStdString();
        train::SchedulerState state;
        state.type = "ReduceLROnPlateau";
        state.lastEpoch = 7;
        state.baseLr = 0.1 + 0.2;
        state.lr = 0.1 * 0.1 * 0.1;
        state.best = 1.0 / 3.0;
        state.numBadEpochs = 2;
        state.cooldownCounter = 1;
        saved.progress.scheduler = state;
        saved.progress.lrHistory = {{1, 0.1}, {2, 0.1}, {3, 0.010000000000000002}};
        io::writeProject(dir.filePath("a.linearlab"), saved);
        QCOMPARE(difference(saved, io::readProject(dir.filePath("a.linearlab"))), QString());
        saved.progress.scheduler->best = (mode == "max" ? -1 : 1) * qInf();
        io::writeProject(dir.filePath("b.linearlab"), saved);
        QCOMPARE(difference(saved, io::readProject(dir.filePath("b.linearlab"))), QString());
    }

    void aDesignWithoutWeightsRoundTrips() {
        QTemporaryDir dir;
        const QString path = dir.filePath("fresh.linearlab");
        io::Project p;
        p.design = sampleDesign();
        io::writeProject(path, p);
        const io::Project loaded = io::readProject(path);
        QCOMPARE(difference(p, loaded), QString());
        QVERIFY(!loaded.weights);
    }

    void numbersKeepTheirSpellingInAProject() {
        // Softplus(beta=2.0) stays a float and ELU(alpha=2) an int through the
        // project file, the recovery file's format, and readDesignOrProject.
        QTemporaryDir dir;
        const QString path = dir.filePath("spelled.linearlab");
        io::Project p;
        p.design = train::seedExampleDesign();
        nn::LayerSpec softplus = nn::layerType("Softplus").defaultSpec(40);
        softplus.setNumber("beta", nn::PythonNumber(2.0, false));
        nn::LayerSpec elu = nn::layerType("ELU").defaultSpec(40);
        elu.setNumber("alpha", nn::PythonNumber(2.0, true));
        p.design.layers.push_back(softplus);
        p.design.layers.push_back(elu);
        io::writeProject(path, p);
        for (const io::Project& loaded : {io::readProject(path), io::readDesignOrProject(path)}) {
            QCOMPARE(loaded.design.layers, p.design.layers);
            QCOMPARE(nn::layerType("Softplus").repr(loaded.design.layers[1]),
                     std::string("Softplus(beta=2.0, threshold=20)"));
            QCOMPARE(nn::layerType("ELU").repr(loaded.design.layers[2]),
                     std::string("ELU(alpha=2)"));
        }
    }

    void aLazyLayerThatHasNotSeenDataReopensLazy() {
        // LazyLinear(16) after a Linear: the Linear's weights exist, the lazy
        // layer's do not until the first forward.
        io::Project p;
        p.design = train::seedExampleDesign();
        const nn::Index in = p.design.inputFeatures;
        p.design.layers = {nn::layerType("Linear").defaultSpec(in),
                           nn::layerType("ReLU").defaultSpec(0),
                           nn::layerType("LazyLinear").defaultSpec(0)};
        p.design.layers[2].out_features = 3;
        nn::Generator gen(p.design.seed);
        nn::Network<float> network(in, p.design.layers, p.design.weightInit, gen);
        QVERIFY(!network.isMaterialized());
        p.weights = io::stateDictOf(network);
        QCOMPARE(p.weights->size(), size_t(2));  // 0.weight, 0.bias; nothing for node 2

        QTemporaryDir dir;
        const QString path = dir.filePath("lazy.linearlab");
        io::writeProject(path, p);
        const io::Project loaded = io::readProject(path);
        QCOMPARE(difference(p, loaded), QString());
        nn::Generator gen2(p.design.seed);
        nn::Network<float> reopened(in, loaded.design.layers, loaded.design.weightInit, gen2);
        io::loadStateDict(reopened, *loaded.weights, io::LazyKeys::MayBeAbsent);
        QVERIFY(!reopened.isMaterialized());
        // A weights file for the same design must still hold every key.
        nn::Generator gen3(p.design.seed);
        nn::Network<float> strict(in, loaded.design.layers, loaded.design.weightInit, gen3);
        try {
            io::loadStateDict(strict, *loaded.weights);
            QFAIL("a strict load accepted missing lazy keys");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("Missing key(s) in state_dict: \"2.weight\""));
        }
    }

    void readDesignOrProjectTakesEither() {
        QTemporaryDir dir;
        const QString design = dir.filePath("d.linearlab.json");
        const QString project = dir.filePath("p.linearlab");
        io::writeDesignFile(design, sampleDesign());
        io::writeProject(project, sampleProject());
        const io::Project fromDesign = io::readDesignOrProject(design);
        QVERIFY(!fromDesign.weights);
        QCOMPARE(fromDesign.design, sampleDesign());
        QCOMPARE(difference(io::readDesignOrProject(project), sampleProject()), QString());

        const QString other = dir.filePath("other.json");
        writeJson(other, QJsonObject{{"format", "something-else"}});
        try {
            io::readDesignOrProject(other);
            QFAIL("an unknown format was accepted");
        } catch (const std::exception& e) {
            const QString what = e.what();
            QVERIFY2(what.startsWith(other) && what.contains("linearlab-project"), e.what());
        }
    }

    void readWeightsOrProjectTakesEither() {
        QVERIFY(io::isProjectFile("runs/p.linearlab"));
        QVERIFY(io::isProjectFile("P.LINEARLAB"));
        QVERIFY(!io::isProjectFile("d.linearlab.json"));
        QVERIFY(!io::isProjectFile("w.safetensors"));

        QTemporaryDir dir;
        const QString project = dir.filePath("p.linearlab");
        const QString weights = dir.filePath("w.safetensors");
        io::writeProject(project, sampleProject());
        io::writeWeights(weights, *sampleProject().weights);
        const io::WeightsOrProject fromProject = io::readWeightsOrProject(project);
        QCOMPARE(fromProject.lazyKeys, io::LazyKeys::MayBeAbsent);
        io::Project expected;
        expected.design = sampleDesign();
        expected.weights = sampleProject().weights;
        io::Project got = expected;
        got.weights = fromProject.weights;
        QCOMPARE(difference(got, expected), QString());  // bit for bit, NaN included
        const io::WeightsOrProject fromFile = io::readWeightsOrProject(weights);
        QCOMPARE(fromFile.lazyKeys, io::LazyKeys::Required);
        got.weights = fromFile.weights;
        QCOMPARE(difference(got, expected), QString());

        // A project saved before any weights existed has none to give.
        io::Project bare;
        bare.design = sampleDesign();
        const QString empty = dir.filePath("empty.linearlab");
        io::writeProject(empty, bare);
        try {
            io::readWeightsOrProject(empty);
            QFAIL("a project without weights gave some");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), empty + ": the project holds no weights");
        }
    }

    void aHandWrittenVersion1ProjectOpens() {
        // The oldest layout: only the required fields, as an early version wrote them.
        QTemporaryDir dir;
        const QString path = dir.filePath("v1.linearlab");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "linearlab-project", "version": 1,
            "design": {"format": "linearlab", "version": 1, "input": {"features": 2},
                       "layers": [{"type": "Linear", "in_features": 2, "out_features": 1}]},
            "weights": [{"name": "0.weight", "shape": [1, 2], "data": "AACAPwAAAEA="},
                        {"name": "0.bias", "shape": [1], "data": "AABAwA=="}]})");
        f.close();
        const io::Project p = io::readProject(path);
        QCOMPARE((*p.weights)[0].values.float32(), (std::vector<float>{1.0f, 2.0f}));
        QCOMPARE((*p.weights)[1].values.float32(), (std::vector<float>{-3.0f}));
        QVERIFY(p.progress.trainHistory.empty());
        QCOMPARE(p.progress.step, nn::Index(0));
        QVERIFY(std::isnan(p.progress.trainLoss));
    }

    void aNewerVersionIsRefusedWithAdvice() {
        QTemporaryDir dir;
        const QString path = dir.filePath("future.linearlab");
        QJsonObject root = sampleJson();
        const int newer = io::kProjectFormatVersion + 1;
        root["version"] = newer;
        root["something_new"] = true;  // a newer writer's field: the version is reported first
        writeJson(path, root);
        try {
            io::readProject(path);
            QFAIL("a newer project was accepted");
        } catch (const std::exception& e) {
            QCOMPARE(QString(e.what()),
                     path + QString(" is a version %1 project, newer than this LinearLab reads "
                                    "(%2); please update LinearLab")
                                .arg(newer)
                                .arg(io::kProjectFormatVersion));
        }
    }

    void badFilesAreRejected_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");  // part of the message
        auto json = [](const QJsonObject& o) { return QJsonDocument(o).toJson(); };
        const QJsonObject good = sampleJson();

        QTest::newRow("empty") << QByteArray() << "line 1";
        QTest::newRow("not json") << QByteArray("PK\x03\x04 zip?") << "line 1";
        QTest::newRow("array") << QByteArray("[]") << "JSON object";
        QJsonObject o = good;
        o["format"] = "linearlab";
        QTest::newRow("design format") << json(o) << "format";
        o = good;
        o.remove("version");
        QTest::newRow("no version") << json(o) << "version: missing";
        o = good;
        o["version"] = "one";
        QTest::newRow("version text") << json(o) << "version";
        o = good;
        o["extra"] = 1;
        QTest::newRow("unknown field") << json(o) << "extra: unknown field";
        o = good;
        QJsonObject d = o["design"].toObject();
        d["layers"] = QJsonArray{QJsonObject{{"type", "Linear"}, {"in_features", 3}}};
        o["design"] = d;
        QTest::newRow("bad design") << json(o) << "design.layers[0].out_features";
        QTest::newRow("short data")
            << json(withFirstTensor(good, [](QJsonObject& t) { t["data"] = "AAAA"; }))
            << "weights[0].data: expected 48 bytes";
        QTest::newRow("bad base64") << json(withFirstTensor(good, [](QJsonObject& t) {
            QString s = t["data"].toString();
            s[5] = '*';
            t["data"] = s;
        })) << "weights[0].data: not valid base64";
        QTest::newRow("negative dim") << json(withFirstTensor(good, [](QJsonObject& t) {
            t["shape"] = QJsonArray{-4, -3};
        })) << "weights[0].shape[0]";
        QTest::newRow("overflowing shape") << json(withFirstTensor(good, [](QJsonObject& t) {
            t["shape"] = QJsonArray{4.0e15, 4.0e15, 4.0e15};
        })) << "too many elements";
        QTest::newRow("huge shape, small data") << json(withFirstTensor(good, [](QJsonObject& t) {
            t["shape"] = QJsonArray{100000, 100000};
        })) << "expected 40000000000 bytes";
        QTest::newRow("dtype") << json(withFirstTensor(good, [](QJsonObject& t) {
            t["dtype"] = "float16";
        })) << "weights[0].dtype: expected \"float32\" or \"float64\"";
        // float64 data must be 8 bytes a value: float32's 4 are too few.
        QTest::newRow("float64 of float32 data")
            << json(withFirstTensor(good, [](QJsonObject& t) { t["dtype"] = "float64"; }))
            << "weights[0].data: expected 96 bytes";
        QTest::newRow("no name") << json(withFirstTensor(good, [](QJsonObject& t) {
            t.remove("name");
        })) << "weights[0].name";
        QTest::newRow("tensor field")
            << json(withFirstTensor(good, [](QJsonObject& t) { t["strides"] = 1; }))
            << "weights[0].strides: unknown field";
        o = good;
        QJsonArray list = o["weights"].toArray();
        list.append(list[0]);
        o["weights"] = list;
        QTest::newRow("duplicate") << json(o) << "weights[6].name: \"0.weight\" appears twice";
        // Consistent in itself, but not what the design's network holds.
        QTest::newRow("wrong shape for design") << json(withFirstTensor(good, [](QJsonObject& t) {
            t["shape"] = QJsonArray{3, 4};
        })) << "size mismatch for 0.weight";
        o = good;
        list = o["weights"].toArray();
        list.removeLast();
        o["weights"] = list;
        QTest::newRow("missing tensor") << json(o) << "Missing key(s)";
        o = good;
        QJsonObject h = o["history"].toObject();
        h["train"] = "AAAAAAAA";
        o["history"] = h;
        QTest::newRow("history length") << json(o) << "history.train";
        o = good;
        h = o["history"].toObject();
        h["step"] = -1;
        o["history"] = h;
        QTest::newRow("history step") << json(o) << "history.step";
        o = good;
        h = o["history"].toObject();
        h["train_loss"] = "low";
        o["history"] = h;
        QTest::newRow("history last loss")
            << json(o) << "history.train_loss: expected a number or null";
        QJsonArray many;
        for (int i = 0; i < 40; ++i)
            many.append(1);
        QTest::newRow("rank") << json(withFirstTensor(good, [&](QJsonObject& t) {
            t["shape"] = many;
        })) << "dimensions, more than";
    }

    void badFilesAreRejected() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.linearlab");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        io::Project current = sampleProject();
        try {
            current = io::readProject(path);
            QFAIL("a bad project was accepted");
        } catch (const std::exception& e) {
            const QString what = e.what();
            QVERIFY2(what.startsWith(path), e.what());
            QVERIFY2(what.contains(expected), e.what());
        }
        // All or nothing: what the caller held is untouched.
        QCOMPARE(difference(current, sampleProject()), QString());
    }

    void everyTruncationIsRejected() {
        QTemporaryDir dir;
        const QString good = dir.filePath("good.linearlab");
        io::writeProject(good, sampleProject());
        QFile f(good);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const QString cut = dir.filePath("cut.linearlab");
        int rejected = 0;
        for (qsizetype n = 0; n < bytes.size(); n += 1 + bytes.size() / 97) {
            io::writeFileAtomically(cut, bytes.left(n));
            try {
                io::readProject(cut);
            } catch (const std::exception& e) {
                QVERIFY2(QString(e.what()).startsWith(cut), e.what());
                ++rejected;
                continue;
            }
            QFAIL(qPrintable(QString("a project cut at %1 bytes was accepted").arg(n)));
        }
        QVERIFY(rejected > 90);
    }

    void sizeLimitIsCheckedBeforeReading() {
        QTemporaryDir dir;
        const QString path = dir.filePath("big.linearlab");
        io::writeProject(path, sampleProject());
        io::ReadLimits limits;
        limits.maxFileBytes = 100;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, io::readProject(path, limits));
        limits = {};
        limits.maxTensors = 2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, io::readProject(path, limits));
    }

    void aFailedSaveKeepsThePreviousFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("keep.linearlab");
        io::writeProject(path, sampleProject());
        io::Project broken = sampleProject();
        (*broken.weights)[0].values.float32().pop_back();  // values disagree with the shape
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, io::writeProject(path, broken));
        QCOMPARE(difference(io::readProject(path), sampleProject()), QString());
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            io::writeProject(dir.filePath("no/such/dir/x.linearlab"), sampleProject()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"keep.linearlab"});
    }
};

QTEST_GUILESS_MAIN(TestProjectFile)
#include "tst_project_file.moc"
