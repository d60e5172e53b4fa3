// linearlab-cli's summary, init, eval and grad against PyTorch's numbers
// (tests/fixtures/make_cli_fixtures.py).
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

class TestCli : public CliTestCase {
    Q_OBJECT

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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
