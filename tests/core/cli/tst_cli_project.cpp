// linearlab-cli with project files: train --export writes one, and every
// command reads one as a design and as weights.
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

class TestCliProject : public CliTestCase {
    Q_OBJECT

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

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

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
};

QTEST_GUILESS_MAIN(TestCliProject)
#include "tst_cli_project.moc"
