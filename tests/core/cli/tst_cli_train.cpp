// linearlab-cli train, export-data, inspect and convert against PyTorch's
// numbers (tests/fixtures/make_cli_fixtures.py).
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
using namespace linearlab::test::cli_support;

class TestCliTrain : public CliTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

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
};

QTEST_GUILESS_MAIN(TestCliTrain)
#include "tst_cli_train.moc"
