// linearlab-cli as a user runs it: every command against PyTorch's numbers
// (tests/fixtures/make_cli_fixtures.py), and every bad input a non-zero exit
// with one line naming the problem.
#include "core/data/dataset_split.h"
#include "core/data/npy.h"
#include "core/io/dataset_file.h"
#include "core/io/design_file.h"
#include "core/io/network_state.h"
#include "core/io/project_file.h"
#include "core/io/weights_file.h"
#include "core/nn/memory_budget.h"

#include "tests/core/cli/cli_test_support.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab;
using namespace linearlab::test;

namespace {

const QString kFixtures = QStringLiteral(LINEARLAB_FIXTURES_DIR) + "/cli/";
const QString kDesign = kFixtures + "example.linearlab.json";

const io::NamedTensor& tensor(const io::StateDict& dict, const std::string& name) {
    for (const auto& t : dict)
        if (t.name == name)
            return t;
    throw std::runtime_error("no tensor " + name);
}

std::vector<float> npyValues(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path.toStdString());
    const QByteArray bytes = f.readAll();
    const data::NpyArray a = data::parseNpy(std::string(bytes.constData(), bytes.size()));
    std::vector<float> v;
    for (nn::Index i = 0; i < a.numel(); ++i)
        v.push_back(static_cast<float>(a.valueAt(i)));
    return v;
}

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path.toStdString());
    return f.readAll();
}

/// A --log-jsonl file's lines as (step, epoch, loss).
struct LogLine {
    int step;
    int epoch;
    double loss;
};
std::vector<LogLine> logLines(const QString& path) {
    std::vector<LogLine> lines;
    for (const QByteArray& line : fileBytes(path).trimmed().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        lines.push_back({o["step"].toInt(-1), o["epoch"].toInt(-1), o["loss"].toDouble()});
    }
    return lines;
}

/// The same names, shapes and values, in the same order.
bool sameTensors(const io::StateDict& a, const io::StateDict& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].shape != b[i].shape || a[i].values != b[i].values)
            return false;
    return true;
}

/// max |a - b| <= tol * max(1, max |b|): relative to the tensor's scale.
bool close(const std::vector<float>& a, const std::vector<float>& b, double tol) {
    if (a.size() != b.size())
        return false;
    double scale = 1, worst = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        scale = std::max(scale, static_cast<double>(std::abs(b[i])));
        worst = std::max(worst, static_cast<double>(std::abs(a[i] - b[i])));
    }
    return worst <= tol * scale;
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString writeText(const QString& name, const QByteArray& text) {
        QFile f(path(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path(name);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void summary() {
        const CliRun r = runCli({"summary", kDesign});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("(0): Linear(in_features=20, out_features=40, bias=True)"));
        // The LazyLinear is shown as PyTorch shows it before its first forward...
        QVERIFY(r.out.contains("LazyLinear(in_features=0, out_features=8, bias=True)") ||
                r.out.contains("(2): Linear(in_features=40, out_features=8, bias=True)"));
        QVERIFY(r.out.contains(
            "(3): Bilinear(in1_features=8, in2_features=20, out_features=3, bias=True)"));
        QVERIFY(r.out.contains("[16, 3]"));
        QVERIFY(r.out.contains("Total params: 1,651"));  // 840 + 328 + 483
    }

    void initEqualsTorchManualSeed_data() {
        QTest::addColumn<int>("seed");
        QTest::addColumn<QString>("format");
        QTest::newRow("0 safetensors") << 0 << "safetensors";
        QTest::newRow("1 pt") << 1 << "pt";
        QTest::newRow("12345 npz") << 12345 << "npz";
    }

    void initEqualsTorchManualSeed() {
        QFETCH(int, seed);
        QFETCH(QString, format);
        const QString out = path(QString("init%1.%2").arg(seed).arg(format));
        const CliRun r =
            runCli({"init", kDesign, "--seed", QString::number(seed), "--export", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const io::StateDict ours = io::readWeights(out);
        const io::StateDict torch =
            io::readWeights(kFixtures + QString("init_seed%1.npz").arg(seed));
        QCOMPARE(ours.size(), torch.size());
        for (size_t i = 0; i < torch.size(); ++i) {
            QCOMPARE(ours[i].name, torch[i].name);
            QCOMPARE(ours[i].shape, torch[i].shape);
            QVERIFY2(ours[i].values == torch[i].values, torch[i].name.c_str());  // bit for bit
        }
    }

    void evalKeepsLeadingDims() {
        const QString y = path("y.npy");
        const CliRun r =
            runCli({"eval", kDesign, "--input", kFixtures + "eval_x.npy", "--output", y});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(y);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const data::NpyArray a = data::parseNpy(std::string(bytes.constData(), bytes.size()));
        QCOMPARE(a.shape, (std::vector<nn::Index>{2, 3, 3}));
        QVERIFY(close(npyValues(y), npyValues(kFixtures + "eval_y.npy"), 1e-5));
    }

    void gradMatchesAutograd() {
        const QString g = path("g.npz");
        const CliRun r = runCli({"grad", kDesign, "--input", kFixtures + "grad_x.npy", "--target",
                                 kFixtures + "grad_t.npy", "--output", g});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const io::StateDict ours = io::readWeights(g);
        const io::StateDict torch = io::readWeights(kFixtures + "grad_expected.npz");
        QCOMPARE(ours.size(), torch.size());
        for (const auto& t : torch) {
            const io::NamedTensor& o = tensor(ours, t.name);
            QCOMPARE(o.shape, t.shape);
            QVERIFY2(close(o.values.to<float>(), t.values.to<float>(), 1e-5), t.name.c_str());
        }
    }

    /// reduction='none' end to end: CrossEntropyLoss on a (2, 3, 3) output (classes
    /// in dim 1) with weight and label_smoothing, and MSELoss broadcasting a (3,)
    /// target, against torch's per-element loss and the gradients of its sum.
    void gradAndEvalUnderReductionNone_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("warning");
        QTest::addColumn<QString>("lossShape");
        QTest::newRow("CrossEntropyLoss, class dim 1") << "ce_none" << QString() << "[2, 3]";
        QTest::newRow("MSELoss, broadcast target")
            << "mse_broadcast_none"
            << "UserWarning: Using a target size (torch.Size([3])) that is different to the "
               "input size (torch.Size([16, 3])). This will likely lead to incorrect results "
               "due to broadcasting. Please ensure they have the same size.\n"
            << "[16, 3]";
    }
    void gradAndEvalUnderReductionNone() {
        QFETCH(QString, name);
        QFETCH(QString, warning);
        QFETCH(QString, lossShape);
        const QString design = kFixtures + name + ".linearlab.json";
        const QString x = kFixtures + name + "_x.npy", t = kFixtures + name + "_t.npy";
        const QString g = path(name + "_g.npz");
        CliRun r = runCli({"grad", design, "--input", x, "--target", t, "--output", g});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.err, warning);  // once
        QVERIFY2(r.out.startsWith("loss of shape " + lossShape), qPrintable(r.out));
        const io::StateDict ours = io::readWeights(g);
        const io::StateDict torch = io::readWeights(kFixtures + name + "_expected.npz");
        QCOMPARE(ours.size(), torch.size());
        for (const auto& expected : torch) {
            const io::NamedTensor& o = tensor(ours, expected.name);
            QCOMPARE(o.shape, expected.shape);
            QVERIFY2(close(o.values.to<float>(), expected.values.to<float>(), 1e-5),
                     expected.name.c_str());
        }

        const QString y = path(name + "_y.npy"), l = path(name + "_l.npy");
        r = runCli(
            {"eval", design, "--input", x, "--output", y, "--target", t, "--loss-output", l});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.err, warning);
        QVERIFY2(r.out.contains("loss of shape " + lossShape + "; wrote it to"), qPrintable(r.out));
        QVERIFY(close(npyValues(l), tensor(torch, "loss").values.to<float>(), 1e-5));
    }

    void evalPrintsAScalarLoss() {
        // The example design's MSELoss (mean) on the grad fixture: torch's number.
        const CliRun r = runCli({"eval", kDesign, "--input", kFixtures + "grad_x.npy", "--output",
                                 path("y_mean.npy"), "--target", kFixtures + "grad_t.npy"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.isEmpty());
        const QString line = r.out.section('\n', 1, 1);
        QVERIFY2(line.startsWith("loss "), qPrintable(r.out));
        const float expected = tensor(io::readWeights(kFixtures + "grad_expected.npz"), "loss")
                                   .values.to<float>()
                                   .at(0);
        QVERIFY(std::abs(line.mid(5).toFloat() - expected) <= 1e-5f * expected);
    }

    void trainReproducesTorchAndLogs() {
        const QString log = path("log.jsonl"), out = path("final.safetensors");
        const CliRun r = runCli({"train", kDesign, "--data", kFixtures + "train_data.npz",
                                 "--steps", "5", "--log-jsonl", log, "--export", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("trained 5 steps"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QFile expectedFile(kFixtures + "train_losses.json");
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QJsonArray expected = QJsonDocument::fromJson(expectedFile.readAll()).array();
        QCOMPARE(lines.size(), 5);
        for (int i = 0; i < 5; ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
            QCOMPARE(o["step"].toInt(), i + 1);
            QCOMPARE(o["epoch"].toInt(), i / 4);
            const double e = expected[i].toDouble();
            QVERIFY2(std::abs(o["loss"].toDouble() - e) <= 1e-5 * std::abs(e),
                     lines[i].constData());
        }
        const io::StateDict ours = io::readWeights(out);
        const io::StateDict torch = io::readWeights(kFixtures + "train_final.npz");
        for (const auto& t : torch)
            QVERIFY2(close(tensor(ours, t.name).values.to<float>(), t.values.to<float>(), 1e-5),
                     t.name.c_str());
    }

    // export-data writes what train trains on: the --data file's samples, split
    // under the design's data seed (the split itself: tst_dataset_export).
    void exportDataWritesTheSplit() {
        const QString out = path("split.npz");
        const CliRun r = runCli(
            {"export-data", kDesign, "--data", kFixtures + "train_data.npz", "--output", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, "wrote " + out + "\n");
        const train::Design design = io::readDesignFile(kDesign);
        const data::DatasetSplit<float> split =
            data::splitDataset(io::loadDatasetFile(kFixtures + "train_data.npz"),
                               design.data.validation_split, design.data.synthetic.seed);
        QVERIFY(split.train.size() > 0);
        for (const auto& [key, m] :
             {std::pair{"x_train", &split.train.x}, std::pair{"y_train", &split.train.y},
              std::pair{"x_val", &split.validation.x}, std::pair{"y_val", &split.validation.y}}) {
            const data::NpyArray a = io::readArray(out, key);
            QCOMPARE(a.shape, (std::vector<nn::Index>{m->rows(), m->cols()}));
            QCOMPARE(a.dtype, std::string("<f4"));
            for (nn::Index i = 0; i < m->size(); ++i)
                QCOMPARE(static_cast<float>(a.valueAt(i)), m->data()[i]);
        }
        // Without --data: the design's generated dataset, as train makes it.
        QCOMPARE(runCli({"export-data", kDesign, "--output", path("gen.npz")}).exitCode, 0);
        QCOMPARE(io::readArray(path("gen.npz"), "x_train").shape.at(1), design.inputFeatures);
    }

    void trainFromWeightsAndInspectConvert() {
        const QString w = path("start.pt"), out = path("after.npz"), json = path("after.json");
        QCOMPARE(runCli({"init", kDesign, "--seed", "1", "--export", w}).exitCode, 0);
        CliRun r = runCli({"train", kDesign, "--weights", w, "--data", kFixtures + "train_data.npz",
                           "--epochs", "2", "--export", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("trained 8 steps (2 epochs)"));
        r = runCli({"convert", out, json});
        QCOMPARE(r.exitCode, 0);
        r = runCli({"inspect", json});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("3.weight"));
        QVERIFY(r.out.contains("[3, 8, 20]"));
        QVERIFY(r.out.contains("6 tensors, 1651 values"));
        QCOMPARE(io::readWeights(json).at(4).values, io::readWeights(out).at(4).values);
    }

    // --- Projects (*.linearlab), as the GUI saves them. ---

    /// train D --steps 20 --export p.linearlab, once: the run the project tests go on from.
    QString trainedProject() {
        const QString p = path("p.linearlab");
        if (!QFile::exists(p)) {
            const CliRun r = runCli({"train", kDesign, "--data", kFixtures + "train_data.npz",
                                     "--steps", "20", "--export", p});
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
        }
        return p;
    }

    void trainExportsAProject() {
        const QString p = trainedProject();
        const QString w = path("p20.safetensors");
        const CliRun r = runCli({"train", kDesign, "--data", kFixtures + "train_data.npz",
                                 "--steps", "20", "--export", w});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const io::Project project = io::readProject(p);
        QCOMPARE(project.progress.step, nn::Index(20));
        QCOMPARE(project.progress.epoch,
                 nn::Index(4));  // 4 batches an epoch; the 5th not yet closed
        QCOMPARE(project.progress.trainHistory.size(), size_t(20));
        QCOMPARE(project.progress.trainHistory.back().step, 20.0);
        QCOMPARE(project.progress.trainLoss, project.progress.trainHistory.back().loss);
        // The same weights as the same run exported as a weights file, bit for bit.
        QVERIFY(project.weights);
        const io::StateDict weights = io::readWeights(w);
        QCOMPARE(project.weights->size(), weights.size());
        for (size_t i = 0; i < weights.size(); ++i) {
            QCOMPARE((*project.weights)[i].name, weights[i].name);
            QVERIFY2((*project.weights)[i].values == weights[i].values, weights[i].name.c_str());
        }
        // The design as trained: the --data file by its absolute path, the design's
        // own (unlimited) training length rather than this run's --steps.
        train::Design expected = io::readDesignFile(kDesign);
        expected.data.file =
            QFileInfo(kFixtures + "train_data.npz").absoluteFilePath().toStdString();
        QCOMPARE(project.design, expected);
        QCOMPARE(project.design.train.steps, nn::Index(0));
    }

    void trainContinuesAProject() {
        const QString p = trainedProject(), q = path("q.linearlab"), log = path("continued.jsonl");
        // No --data: the project names the file it was trained on.
        const CliRun r = runCli({"train", p, "--steps", "10", "--log-jsonl", log, "--export", q});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("trained 30 steps (6 epochs): loss "), qPrintable(r.out));
        const std::vector<LogLine> lines = logLines(log);
        QCOMPARE(lines.size(), size_t(10));
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(lines[i].step, 21 + i);
            // Epochs completed before each step: the saved 4, then one per 4 steps.
            QCOMPARE(lines[i].epoch, 4 + i / 4);
            QVERIFY(std::isfinite(lines[i].loss));
        }

        const io::Project before = io::readProject(p);
        const io::Project after = io::readProject(q);
        QCOMPARE(after.progress.step, nn::Index(30));
        QCOMPARE(after.progress.epoch, nn::Index(6));
        QCOMPARE(after.design, before.design);
        // The curve goes on: the saved 20 points, then the 10 logged ones.
        QCOMPARE(after.progress.trainHistory.size(), size_t(30));
        for (size_t i = 0; i < 20; ++i) {
            QCOMPARE(after.progress.trainHistory[i].step, before.progress.trainHistory[i].step);
            QCOMPARE(after.progress.trainHistory[i].loss, before.progress.trainHistory[i].loss);
        }
        for (size_t i = 0; i < 10; ++i) {
            QCOMPARE(after.progress.trainHistory[20 + i].step, 21.0 + static_cast<double>(i));
            QCOMPARE(after.progress.trainHistory[20 + i].loss, lines[i].loss);  // exact text
        }
        QCOMPARE(after.progress.trainLoss, lines.back().loss);
        QVERIFY(!sameTensors(*after.weights, *before.weights));
    }

    void trainWithoutLimitsGoesOnAsLongAgain() {
        // The design sets no limit, so the CLI's one epoch applies; the project is
        // past it, so it trains one epoch more, as Train on a finished run does.
        const QString log = path("again.jsonl");
        const CliRun r = runCli({"train", trainedProject(), "--log-jsonl", log});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("trained 24 steps (5 epochs)"), qPrintable(r.out));
        const std::vector<LogLine> lines = logLines(log);
        QCOMPARE(lines.size(), size_t(4));
        QCOMPARE(lines.front().step, 21);
        QCOMPARE(lines.back().step, 24);
    }

    void aProjectsOwnLimitsCountFromZero() {
        // A design limit of 6 epochs, saved at epoch 4: two epochs are left.
        io::Project project = io::readProject(trainedProject());
        project.design.train.epochs = 6;
        const QString six = path("six_epochs.linearlab"), log = path("six.jsonl");
        io::writeProject(six, project);
        const CliRun r = runCli({"train", six, "--log-jsonl", log});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("trained 28 steps (6 epochs)"), qPrintable(r.out));
        const std::vector<LogLine> lines = logLines(log);
        QCOMPARE(lines.size(), size_t(8));
        QCOMPARE(lines.front().step, 21);
        QCOMPARE(lines.back().step, 28);
        // --epochs N is N more from where the project stopped.
        const CliRun more = runCli({"train", six, "--epochs", "3", "--log-jsonl", log});
        QVERIFY2(more.exitCode == 0, qPrintable(more.err));
        QVERIFY2(more.out.startsWith("trained 32 steps (7 epochs)"), qPrintable(more.out));
        QCOMPARE(logLines(log).size(), size_t(12));
    }

    void evalOfAProjectUsesItsWeights() {
        const QString p = trainedProject(), w = path("from_project.safetensors");
        const QString x = kFixtures + "eval_x.npy";
        QVERIFY(runCli({"convert", p, w}).out.contains("wrote 6 tensors"));
        QVERIFY(sameTensors(io::readWeights(w), *io::readProject(p).weights));
        const QString fromProject = path("y_project.npy"), fromFile = path("y_file.npy"),
                      asWeights = path("y_as_weights.npy"), init = path("y_init.npy");
        CliRun r = runCli({"eval", p, "--input", x, "--output", fromProject});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"eval", kDesign, "--weights", w, "--input", x, "--output", fromFile});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"eval", kDesign, "--weights", p, "--input", x, "--output", asWeights});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"eval", kDesign, "--input", x, "--output", init});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(fileBytes(fromProject), fileBytes(fromFile));
        QCOMPARE(fileBytes(asWeights), fileBytes(fromFile));
        // The trained model, not the seeded init the design alone gives.
        QVERIFY(!close(npyValues(fromProject), npyValues(init), 1e-3));
    }

    void gradOfAProjectUsesItsWeights() {
        const QString p = trainedProject(), w = path("grad_weights.npz");
        QCOMPARE(runCli({"convert", p, w}).exitCode, 0);
        const QString fromProject = path("g_project.npz"), fromFile = path("g_file.npz");
        const QStringList data{"--input", kFixtures + "grad_x.npy", "--target",
                               kFixtures + "grad_t.npy"};
        CliRun r = runCli(QStringList{"grad", p, "--output", fromProject} + data);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli(QStringList{"grad", kDesign, "--weights", w, "--output", fromFile} + data);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(sameTensors(io::readWeights(fromProject), io::readWeights(fromFile)));
        QVERIFY(!sameTensors(io::readWeights(fromProject),
                             io::readWeights(kFixtures + "grad_expected.npz")));
    }

    void aProjectIsADesignForEveryCommand() {
        // The example design saved as the GUI saves it, with weights: every command
        // that reads a design sees the same design.
        io::Project project;
        project.design = io::readDesignFile(kDesign);
        project.weights = io::readWeights(kFixtures + "init_seed1.npz");
        const QString p = path("example.linearlab");
        io::writeProject(p, project);

        const CliRun fromDesign = runCli({"summary", kDesign}),
                     fromProject = runCli({"summary", p});
        QCOMPARE(fromProject.exitCode, 0);
        QCOMPARE(fromProject.out, fromDesign.out);

        const QString codeD = path("design.py"), codeP = path("project.py");
        QCOMPARE(runCli({"export-code", kDesign, "--output", codeD}).exitCode, 0);
        QCOMPARE(runCli({"export-code", p, "--output", codeP}).exitCode, 0);
        QCOMPARE(fileBytes(codeP), fileBytes(codeD));

        // init gives the design's seeded init: torch.manual_seed(12345)'s numbers.
        const QString initP = path("init_project.npz");
        CliRun r = runCli({"init", p, "--seed", "12345", "--export", initP});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(
            sameTensors(io::readWeights(initP), io::readWeights(kFixtures + "init_seed12345.npz")));

        // grad on the project uses its (seed 1) weights: as --weights with the
        // file.
        const QString g = path("g_example.npz"), gw = path("g_example_w.npz");
        const QStringList data{"--input", kFixtures + "grad_x.npy", "--target",
                               kFixtures + "grad_t.npy"};
        r = runCli(QStringList{"grad", p, "--output", g} + data);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli(QStringList{"grad", kDesign, "--weights", kFixtures + "init_seed1.npz",
                               "--output", gw} +
                   data);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(sameTensors(io::readWeights(g), io::readWeights(gw)));
    }

    /// The example design as the GUI saves it before training: the LazyLinear has
    /// not seen data, so it has no weights, and the others hold their seeded init.
    QString lazyProject() {
        io::Project project;
        project.design = io::readDesignFile(kDesign);
        project.design.data.file = (kFixtures + "train_data.npz").toStdString();
        nn::Generator gen(project.design.seed);
        nn::Network<float> network(project.design.inputFeatures, project.design.layers,
                                   project.design.weightInit, gen);
        project.weights = io::stateDictOf(network);
        const QString p = path("lazy.linearlab");
        io::writeProject(p, project);
        return p;
    }

    void aProjectAsWeightsMayLeaveALazyLayerOut() {
        const QString p = lazyProject();
        const io::StateDict saved = *io::readProject(p).weights;
        QCOMPARE(saved.size(), size_t(4));  // 0.* and 3.*; nothing for node 2
        // The lazy layer then draws its seeded init: the model is the design's own.
        const QString x = kFixtures + "eval_x.npy";
        const QString y = path("y_lazy_weights.npy"), yInit = path("y_lazy_init.npy");
        CliRun r = runCli({"eval", kDesign, "--weights", p, "--input", x, "--output", y});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(runCli({"eval", kDesign, "--input", x, "--output", yInit}).exitCode, 0);
        QCOMPARE(fileBytes(y), fileBytes(yInit));
        // A weights file still has to hold every key, as load_state_dict(strict=True).
        const QString w = path("lazy.safetensors");
        QCOMPARE(runCli({"convert", p, w}).exitCode, 0);
        r = runCli({"eval", kDesign, "--weights", w, "--input", x, "--output", y});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("lazy.safetensors: Error(s) in loading state_dict for "
                                "Sequential:\n\tMissing key(s) in state_dict: \"2.weight\", "
                                "\"2.bias\""),
                 qPrintable(r.err));
    }

    void inspectListsAProjectsTensors() {
        const CliRun r = runCli({"inspect", trainedProject()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QRegularExpression("^3\\.weight +float32 +\\[3, 8, 20\\]$",
                                                  QRegularExpression::MultilineOption)));
        QVERIFY(r.out.contains(QRegularExpression("^2\\.bias +float32 +\\[8\\]$",
                                                  QRegularExpression::MultilineOption)));
        QVERIFY(r.out.endsWith("6 tensors, 1651 values\n"));
    }

    void trainGoesOnFromAGuiProjectWithALazyLayer() {
        const QString p = lazyProject();
        QCOMPARE(io::readProject(p).weights->size(), size_t(4));
        // The lazy layer draws what the seeded init gives it: PyTorch's run goes on.
        const QString log = path("lazy.jsonl"), out = path("lazy_final.safetensors");
        CliRun r = runCli({"train", p, "--steps", "5", "--log-jsonl", log, "--export", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("trained 5 steps"));
        const QJsonArray expected =
            QJsonDocument::fromJson(fileBytes(kFixtures + "train_losses.json")).array();
        const std::vector<LogLine> lines = logLines(log);
        QCOMPARE(lines.size(), size_t(5));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(lines[i].step, i + 1);
            const double e = expected[i].toDouble();
            QVERIFY2(std::abs(lines[i].loss - e) <= 1e-5 * std::abs(e), qPrintable(r.err));
        }
        const io::StateDict torch = io::readWeights(kFixtures + "train_final.npz");
        for (const auto& t : torch)
            QVERIFY2(close(tensor(io::readWeights(out), t.name).values.to<float>(),
                           t.values.to<float>(), 1e-5),
                     t.name.c_str());

        // eval draws the lazy layer from the seed as well: the design's seeded init.
        const QString y = path("y_lazy.npy"), yInit = path("y_lazy_design.npy");
        const QString x = kFixtures + "eval_x.npy";
        QCOMPARE(runCli({"eval", p, "--input", x, "--output", y}).exitCode, 0);
        QCOMPARE(runCli({"eval", kDesign, "--input", x, "--output", yInit}).exitCode, 0);
        QCOMPARE(fileBytes(y), fileBytes(yInit));
    }

    void aDesignOverTheMemoryLimitFailsInOneLine() {
        const QString big = writeText("big.json", R"({"format": "linearlab", "version": 1,
            "input": {"features": 40000},
            "layers": [{"type": "Linear", "in_features": 40000, "out_features": 40000}],
            "data": {"dataset": "teacher", "in_features": 40000, "out_features": 40000}})");
        const QString needs =
            "linearlab-cli: Linear(40000, 40000) needs 59.6 GiB for weights, gradients, optimizer "
            "state and snapshots; the memory limit is ";
        for (const char* command : {"summary", "train"}) {
            const CliRun r = runCli({command, big, "--memory-limit", "4G"});
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(r.err, needs + "4.0 GiB\n");
            QCOMPARE(r.out, QString());
        }
        // Without the option the default, half the physical memory, is named (on
        // a machine where 59.6 GiB is more than that).
        if (nn::defaultMemoryLimit() < nn::Bytes(1'600'040'000) * 40) {
            const CliRun r = runCli({"train", big});
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(
                r.err,
                needs + QString::fromStdString(nn::formatBytes(nn::defaultMemoryLimit())) + "\n");
        }
        // The data too, by its field.
        const QString blobs = writeText("blobs.json", R"({"format": "linearlab", "version": 1,
            "input": {"features": 2}, "layers": [{"type": "Linear", "in_features": 2, "out_features": 3}],
            "data": {"dataset": "blobs", "classes": 1000000000}, "loss": {"type": "CrossEntropyLoss"}})");
        const CliRun r = runCli({"train", blobs, "--memory-limit", "4G"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QString("linearlab-cli: data.classes: blobs with 1000000000 classes needs "
                                "59.6 GiB for class names; the memory limit is 4.0 GiB\n"));
    }

    void memoryLimitOptionNamesTheLimit() {
        // An ordinary network: its two layers, counted together, exceed 1 MiB.
        const QString mlp = writeText("mlp.json", R"({"format": "linearlab", "version": 1,
            "input": {"features": 20},
            "layers": [{"type": "Linear", "in_features": 20, "out_features": 512}, {"type": "ReLU"},
                       {"type": "Linear", "in_features": 512, "out_features": 40}]})");
        CliRun r = runCli({"--memory-limit", "1M", "train", mlp, "--steps", "1"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QString("linearlab-cli: Linear(512, 40) needs 802 KiB for weights, "
                                "gradients, optimizer state and snapshots, 1.2 MiB with the layers "
                                "before it; the memory limit is 1.0 MiB\n"));
        r = runCli({"train", mlp, "--steps", "1", "--memory-limit=64M"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("trained 1 steps"), qPrintable(r.out + r.err));
        // The bundled spiral example: its output view's grid alone is over 1 MiB.
        r = runCli({"train",
                    QStringLiteral(LINEARLAB_FIXTURES_DIR) +
                        "/../../resources/examples/spiral.linearlab.json",
                    "--steps", "1", "--memory-limit", "1M"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err,
                 QString("linearlab-cli: the output view's 4096 points need 2.2 MiB for layer "
                         "outputs; the memory limit is 1.0 MiB\n"));
    }

    void aBadMemoryLimitIsAUsageError_data() {
        QTest::addColumn<QStringList>("option");
        QTest::addColumn<QString>("message");
        const QString expected =
            "linearlab-cli: --memory-limit: expected a size such as 4G, 512M, 1.5GiB or a number "
            "of bytes, got \"%1\"";
        QTest::newRow("words") << QStringList{"--memory-limit", "lots"} << expected.arg("lots");
        QTest::newRow("zero") << QStringList{"--memory-limit", "0"} << expected.arg("0");
        QTest::newRow("unit") << QStringList{"--memory-limit=4X"} << expected.arg("4X");
        QTest::newRow("negative") << QStringList{"--memory-limit", "-1G"} << expected.arg("-1G");
        QTest::newRow("missing") << QStringList{"--memory-limit"}
                                 << QString(
                                        "linearlab-cli: --memory-limit: expected a size such as "
                                        "4G, 512M or 1.5GiB");
    }

    void aBadMemoryLimitIsAUsageError() {
        QFETCH(QStringList, option);
        QFETCH(QString, message);
        const CliRun r = runCli(QStringList{"summary", kDesign} + option);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.section('\n', 0, 0), message);
        QVERIFY(r.err.contains("usage: linearlab-cli"));
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString missing = m_dir.filePath("nope.linearlab.json");
        const QString ten = writeText(
            "ten.json", R"({"format": "linearlab", "version": 1, "input": {"features": 20},
              "layers": [{"type": "ReLU"}, {"type": "Tanh"}, {"type": "Linear", "in_features": 20, "out_features": "ten"}]})");
        const QString unknown = writeText(
            "unknown.json",
            R"({"format": "linearlab", "version": 1, "input": {"features": 4}, "layers": [], "batch": {"sise": 3}})");
        const QString newer = writeText(
            "newer.json", R"({"format": "linearlab", "version": 7, "input": {"features": 4}})");
        const QString broken =
            writeText("broken.json", "{\"format\": \"linearlab\",\n  \"version\": 1,,}");
        const QString mismatch = writeText(
            "mismatch.json", R"({"format": "linearlab", "version": 1, "input": {"features": 20},
              "layers": [{"type": "Linear", "in_features": 20, "out_features": 40}, {"type": "Linear", "in_features": 30, "out_features": 8}]})");
        const QString garbage =
            writeText("garbage.safetensors", "\xff\xff\xff\xff\xff\xff\xff\x7fnot a header");
        const QString nan = writeText("nan.csv", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,y\n" +
                                                     QByteArray("1,").repeated(9) + "nan," +
                                                     QByteArray("1,").repeated(10) + "2\n");
        const QString ragged = writeText("ragged.csv", "x1,x2,y\n1,2,3\n4,5\n");
        const QString small = m_dir.filePath("small.safetensors");
        // Weights of another design: a size mismatch in load_state_dict's words.
        const QString otherDesign = writeText(
            "other.json", R"({"format": "linearlab", "version": 1, "input": {"features": 30},
              "layers": [{"type": "Linear", "in_features": 30, "out_features": 40}, {"type": "ReLU"},
                         {"type": "Linear", "in_features": 40, "out_features": 8},
                         {"type": "Bilinear", "in1_features": 8, "in2_features": 30, "out_features": 3, "input2": "input"}]})");
        runCli({"init", otherDesign, "--export", small});
        // Projects: one saved before it had weights, one of another design.
        io::Project bare;
        bare.design = io::readDesignFile(kDesign);
        const QString noWeights = path("bare.linearlab");
        io::writeProject(noWeights, bare);
        io::Project other;
        other.design = io::readDesignFile(otherDesign);
        other.weights = io::readWeights(small);
        const QString otherProject = path("other.linearlab");
        io::writeProject(otherProject, other);

        QTest::newRow("missing design")
            << QStringList{"summary", missing} << 1 << "nope.linearlab.json: no such file";
        QTest::newRow("bad value")
            << QStringList{"summary", ten} << 1
            << "layers[2].out_features: expected a positive integer, got \"ten\"";
        QTest::newRow("unknown field")
            << QStringList{"summary", unknown} << 1 << "batch.sise: unknown field";
        QTest::newRow("newer version")
            << QStringList{"summary", newer} << 1 << "version 7, newer than";
        QTest::newRow("not JSON") << QStringList{"summary", broken} << 1 << "line 2, column";
        QTest::newRow("shape mismatch")
            << QStringList{"summary", mismatch} << 1
            << "mat1 and mat2 shapes cannot be multiplied (1x40 and 30x8)";
        QTest::newRow("eval width")
            << QStringList{"eval",     mismatch,     "--input", kFixtures + "eval_x.npy",
                           "--output", path("o.npy")}
            << 1 << "mat1 and mat2 shapes cannot be multiplied";
        QTest::newRow("eval input width")
            << QStringList{"eval",     kDesign,      "--input", kFixtures + "grad_t.npy",
                           "--output", path("o.npy")}
            << 1 << "mat1 and mat2 shapes cannot be multiplied (16x3 and 20x40)";
        QTest::newRow("size mismatch")
            << QStringList{"eval",     kDesign,      "--weights",
                           small,      "--input",    kFixtures + "eval_x.npy",
                           "--output", path("o.npy")}
            << 1
            << "size mismatch for 0.weight: copying a param with shape torch.Size([40, 30]) from "
               "checkpoint, the shape in current model is torch.Size([40, 20]).";
        QTest::newRow("corrupt weights")
            << QStringList{"eval",     kDesign,      "--weights",
                           garbage,    "--input",    kFixtures + "eval_x.npy",
                           "--output", path("o.npy")}
            << 1 << "garbage.safetensors:";
        QTest::newRow("project without weights")
            << QStringList{"eval",     kDesign,      "--weights",
                           noWeights,  "--input",    kFixtures + "eval_x.npy",
                           "--output", path("o.npy")}
            << 1 << "bare.linearlab: the project holds no weights";
        QTest::newRow("train from project without weights")
            << QStringList{"train",     kDesign,   "--data",  kFixtures + "train_data.npz",
                           "--weights", noWeights, "--steps", "1"}
            << 1 << "bare.linearlab: the project holds no weights";
        QTest::newRow("inspect project without weights")
            << QStringList{"inspect", noWeights} << 1
            << "bare.linearlab: the project holds no weights";
        QTest::newRow("convert project without weights")
            << QStringList{"convert", noWeights, path("o.npy")} << 1
            << "bare.linearlab: the project holds no weights";
        QTest::newRow("project of another design")
            << QStringList{"eval",       kDesign,      "--weights",
                           otherProject, "--input",    kFixtures + "eval_x.npy",
                           "--output",   path("o.npy")}
            << 1
            << "other.linearlab: Error(s) in loading state_dict for Sequential:\n\tsize "
               "mismatch for 0.weight";
        QTest::newRow("NaN in data")
            << QStringList{"train", kDesign, "--data", nan, "--steps", "1"} << 1 << "nan";
        QTest::newRow("ragged csv")
            << QStringList{"train", kDesign, "--data", ragged, "--steps", "1"} << 1 << "row 3";
        QTest::newRow("no --export") << QStringList{"init", kDesign} << 2 << "--export is required";
        QTest::newRow("bad --steps")
            << QStringList{"train", kDesign, "--steps", "many"} << 2 << "--steps";
        QTest::newRow("unknown command")
            << QStringList{"frobnicate"} << 2 << "unknown command 'frobnicate'";
        QTest::newRow("export-data without --output")
            << QStringList{"export-data", kDesign} << 2 << "--output is required";
        QTest::newRow("export-data to a .npy")
            << QStringList{"export-data", kDesign, "--output", path("o.npy")} << 1
            << path("o.npy") + ": the dataset is written as an .npz";
        QTest::newRow("export-data of a missing design")
            << QStringList{"export-data", missing, "--output", path("o.npz")} << 1 << missing;
        QTest::newRow("export-data of a ragged CSV")
            << QStringList{"export-data", kDesign, "--data", ragged, "--output", path("o.npz")} << 1
            << "ragged.csv";
        io::writeArrays(path("ct.npy"),
                        {{"y", data::NpyArray::fromDoubles("<f4", {2, 3}, {0, 1, 2, 0, 1, 2})}});
        io::writeArrays(path("ct3.npy"),
                        {{"y", data::NpyArray::fromInt64({2, 4}, {0, 1, 2, 0, 1, 2, 0, 1})}});
        const QString ceDesign = kFixtures + "ce_none.linearlab.json";
        const QString ceX = kFixtures + "ce_none_x.npy";
        QTest::newRow("float class indices")
            << QStringList{"grad",     ceDesign,       "--input",  ceX,
                           "--target", path("ct.npy"), "--output", path("g3.npz")}
            << 1 << "ct.npy: expected scalar type Long but found Float";
        QTest::newRow("class indices of the wrong shape")
            << QStringList{"eval",     ceDesign,        "--input",  ceX,
                           "--target", path("ct3.npy"), "--output", path("o.npy")}
            << 1 << "ct3.npy: Expected target size [2, 3], got [2, 4]";
        QTest::newRow("--loss-output without --target")
            << QStringList{"eval",     kDesign,       "--input",       kFixtures + "eval_x.npy",
                           "--output", path("o.npy"), "--loss-output", path("l.npy")}
            << 2 << "--loss-output needs --target";
        QTest::newRow("grad without target")
            << QStringList{"grad",     kDesign,       "--input", kFixtures + "grad_x.npy",
                           "--output", path("g2.npz")}
            << 2 << "--target is required";
    }

    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const CliRun r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        // One message: a line, and after it only PyTorch's tab-indented
        // continuation lines (load_state_dict's list of errors), or the usage.
        const QStringList lines = r.err.trimmed().split('\n');
        QVERIFY2(lines[0].startsWith("linearlab-cli: "), qPrintable(r.err));
        if (exitCode == 2) {
            QVERIFY2(lines[0].contains(message, Qt::CaseInsensitive), qPrintable(r.err));
        } else {
            QVERIFY2(r.err.contains(message, Qt::CaseInsensitive), qPrintable(r.err));
            for (const QString& line : lines.mid(1))
                QVERIFY2(line.startsWith('\t'), qPrintable(r.err));
        }
        QVERIFY(!QFile::exists(path("o.npy")));  // nothing half-written
        QVERIFY(!QFile::exists(path("o.npz")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
