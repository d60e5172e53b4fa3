// linearlab-cli's refusals: the memory limit, and every bad input a non-zero
// exit with one line naming the problem.
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

class TestCliErrors : public CliTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

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
        QVERIFY2(r.out.startsWith("trained 1 step (0 epochs)"), qPrintable(r.out + r.err));
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

QTEST_GUILESS_MAIN(TestCliErrors)
#include "tst_cli_errors.moc"
