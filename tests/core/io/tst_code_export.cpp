// PyTorch code export, as text: the right constructors with PyTorch's keyword
// values, the Bilinear wiring, the init order (eager schemes, then lazy layers
// on the dummy forward), the loss, optimizer and DataLoader settings. Running
// the generated code against PyTorch is the code_export_pytorch test
// (tests/interop/check_code_export.py), registered when torch is available.
#include "core/io/code_export.h"
#include "core/io/dataset_file.h"
#include "core/io/design_file.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab;

namespace {

train::Design fixture(const char* name) {
    return io::readDesignFile(QString(LINEARLAB_FIXTURES_DIR "/code_export/") + name +
                              ".linearlab.json");
}

QString code(const char* name) {
    return QString::fromStdString(io::exportPyTorchCode(fixture(name)));
}

}  // namespace

class TestCodeExport : public QObject {
    Q_OBJECT

private slots:
    void linearReluLinear() {
        const QString py = code("mlp");
        QVERIFY(py.contains("class LinearLabModel(nn.Sequential):"));
        QVERIFY(
            py.contains("        nn.Linear(4, 8, bias=True),\n"
                        "        nn.ReLU(),\n"
                        "        nn.Linear(8, 2, bias=True),\n"
                        "    )"));
        QVERIFY(py.contains("SEED = 7\n"));
        QVERIFY(py.contains("torch.manual_seed(seed)"));
        QVERIFY(py.contains("INPUT2 = {}\n"));
        QVERIFY(!py.contains("nn.init."));  // default init: the constructors' own draws
        QVERIFY(py.contains("return nn.MSELoss()"));
        QVERIFY(py.contains(
            "torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True)"));
        QVERIFY(py.contains("BATCH_SIZE = 16\nSHUFFLE = True\nDROP_LAST = True\n"));
        QVERIFY(py.contains("VALIDATION_SPLIT = 0.25\n"));
        QVERIFY(py.contains("DATA_SEED = 3\n"));
        QVERIFY(py.contains("load_state_dict(state, strict=True)"));
        QVERIFY(py.contains("torch.load(path, weights_only=True)"));
        QVERIFY(py.contains("DATA_FILE = \"\"\n"));  // synthetic: the data comes beside the script
        QVERIFY(py.contains(
            "SPLIT_DATA = os.path.splitext(os.path.abspath(__file__))[0] + \"_data.npz\"\n"));
        // The trainer's loader: a generator under the init seed (--seed), drop_last.
        QVERIFY(
            py.contains("loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=SHUFFLE, "
                        "drop_last=DROP_LAST,\n                        "
                        "generator=torch.Generator().manual_seed(seed))"));
        QVERIFY(py.contains("EPOCHS = 0\nSTEPS = 0\n"));  // no limits: one epoch, as the CLI
        QVERIFY(
            py.contains("record = {\"step\": step, \"epoch\": epoch, \"loss\": loss, \"lr\": lr}"));
        QVERIFY(
            py.contains("elif extension == \".csv\":\n        state = _read_csv_weights(path)"));
    }

    void theSchedulerIsMadeAfterTheOptimizerAndSteppedWherePyTorchSays() {
        const QString py = code("onecycle_adam");
        QVERIFY(
            py.contains("def make_scheduler(optimizer):\n"
                        "    return torch.optim.lr_scheduler.OneCycleLR(optimizer, "
                        "max_lr=0.05, total_steps=100, pct_start=0.25, three_phase=True)\n"));
        QVERIFY(
            py.contains("    optimizer = make_optimizer(model)\n"
                        "    scheduler = make_scheduler(optimizer)\n"));
        QVERIFY(py.contains("            loss = train_step(model, loss_fn, optimizer, x, y)\n"));
        QVERIFY(py.contains("            step_scheduler_per_batch(scheduler)\n"));
        QVERIFY(
            py.contains("            step_scheduler_per_epoch(scheduler, total / max(count, 1), "
                        "val_loss)\n"));
        QVERIFY(
            py.contains("        scheduler.step(train_loss if validation_loss is None else "
                        "validation_loss)\n"));
        QVERIFY(code("plateau_sgd")
                    .contains("return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, "
                              "factor=0.5, patience=0, threshold=0.02)\n"));
        train::Design multi = fixture("mlp");
        multi.scheduler = {"MultiStepLR",
                           {{train::SchedulerKeyword::milestones, std::vector<long long>{3, 7}}}};
        QVERIFY(
            QString::fromStdString(io::exportPyTorchCode(multi))
                .contains("torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[3, 7])"));
        QVERIFY(code("mlp").contains("def make_scheduler(optimizer):\n    return None\n"));
    }

    void bilinearReadsTheNetworkInput() {
        const QString py = code("bilinear_input");
        QVERIFY(py.contains("nn.Bilinear(5, 3, 2, bias=True)"));
        QVERIFY(py.contains("INPUT2 = {2: \"input\"}\n"));
        QVERIFY(py.contains("return nn.HuberLoss(delta=0.5)"));
        QVERIFY(
            py.contains("torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=0.001, "
                        "betas=(0.8, 0.99), eps=1e-07, amsgrad=True)"));
    }

    void lossKeywordsInSignatureOrder() {
        // Lists become the 1-D tensors torch takes; strings are quoted, ints bare.
        QVERIFY(code("ce_keywords")
                    .contains("return nn.CrossEntropyLoss(weight=torch.tensor([0.5, 1.0, 2.0, "
                              "1.5]), ignore_index=3, reduction='sum', label_smoothing=0.1)\n"));
        QVERIFY(code("bce_weights")
                    .contains("return nn.BCEWithLogitsLoss(weight=torch.tensor([2.0]), "
                              "pos_weight=torch.tensor([0.5, 1.0, 3.0]))\n"));
    }

    void lazyLayersMaterializeOnADummyForward() {
        const QString py = code("lazy");
        QVERIFY(py.contains("nn.LazyLinear(4, bias=True)"));
        QVERIFY(py.contains("nn.LazyLinear(3, bias=False)"));
        QVERIFY(py.contains("nn.LeakyReLU(negative_slope=0.2)"));
        QVERIFY(py.contains("model(torch.zeros(1, INPUT_FEATURES))"));
        QVERIFY(py.contains("INPUT_FEATURES = 6\n"));
        QVERIFY(py.contains("LOSS_TAKES_CLASS_INDICES = True\n"));
        QVERIFY(
            py.contains("torch.optim.RMSprop(model.parameters(), lr=0.01, momentum=0.1, "
                        "alpha=0.9, centered=True)"));
    }

    void initSchemesFollowLinearLabsOrder() {
        const QString py = code("xavier");
        // Eager weights in node order, each node's own scheme winning over the design's...
        const qsizetype first = py.indexOf("nn.init.xavier_uniform_(model[0].weight, gain=0.5)");
        const qsizetype bilinear = py.indexOf(
            "nn.init.kaiming_uniform_(model[3].weight, a=0.1, mode=\"fan_out\", "
            "nonlinearity=\"relu\")");
        const qsizetype last = py.indexOf("nn.init.xavier_uniform_(model[5].weight, gain=0.5)");
        // ...then the lazy layer, initialised right after it materializes.
        const qsizetype lazy = py.indexOf("model[2].register_forward_hook(");
        const qsizetype forward = py.indexOf("model(torch.zeros(1, INPUT_FEATURES))");
        QVERIFY(first > 0 && first < bilinear && bilinear < last && last < lazy && lazy < forward);
        QVERIFY(py.contains("lambda w: nn.init.xavier_uniform_(w, gain=0.5)"));
        QVERIFY(py.contains("INPUT2 = {3: 0}\n"));
        QVERIFY(py.contains("NonDynamicallyQuantizableLinear(2, 2, bias=True)"));
        QVERIFY(py.contains("nn.Softplus(beta=2.0, threshold=10.0)"));
        QVERIFY(py.contains("nn.GELU(approximate='none')"));
        QVERIFY(py.contains("torch.optim.AdamW(model.parameters(), lr=0.002, weight_decay=0.05)"));
    }

    void eluTakesItsAlpha() {
        const QString py = code("elu");
        QVERIFY(
            py.contains("        nn.Linear(3, 6, bias=True),\n"
                        "        nn.ELU(alpha=0.5),\n"
                        "        nn.Linear(6, 6, bias=True),\n"
                        "        nn.ELU(alpha=1.0),\n"
                        "        nn.Linear(6, 2, bias=True),\n"
                        "    )"));
    }

    void newActivationsAsTheDesignSpellsThem() {
        // Keywords as the file wrote them: beta=2.0 a float, alpha=2 an int, and
        // omitted ones at PyTorch's defaults as its signatures spell them.
        const QString py = code("activations");
        QVERIFY2(py.contains("        nn.Linear(3, 6, bias=True),\n"
                             "        nn.GELU(approximate='tanh'),\n"
                             "        nn.Linear(6, 6, bias=True),\n"
                             "        nn.Softplus(beta=2.0, threshold=20),\n"
                             "        nn.Dropout(p=0.2),\n"
                             "        nn.SELU(),\n"
                             "        nn.CELU(alpha=2),\n"
                             "        nn.Hardtanh(min_val=-2, max_val=3.0),\n"
                             "        nn.Hardswish(),\n"
                             "        nn.Mish(),\n"
                             "        nn.PReLU(num_parameters=6, init=0.1),\n"
                             "        nn.Linear(6, 6, bias=True),\n"
                             "        nn.Hardsigmoid(),\n"
                             "        nn.Softsign(),\n"
                             "        nn.Tanhshrink(),\n"
                             "        nn.LogSigmoid(),\n"
                             "        nn.ReLU6(),\n"
                             "        nn.PReLU(num_parameters=1, init=0.25),\n"
                             "        nn.Linear(6, 2, bias=True),\n"
                             "    )"),
                 qPrintable(py));
        // The design's scheme goes to the Linear weights; PReLU's slopes keep init.
        QVERIFY(py.contains("nn.init.xavier_uniform_(model[0].weight, gain=0.8)"));
        QVERIFY(!py.contains("model[10].weight"));
    }

    void dataFilesAndOddNamesAreQuoted() {
        train::Design d = fixture("mlp");
        d.data.file = "data/my \"odd\"\\file.csv";
        d.data.target = "label";
        d.data.classification = true;
        const QString py = QString::fromStdString(io::exportPyTorchCode(d));
        QVERIFY(py.contains("DATA_FILE = \"data/my \\\"odd\\\"\\\\file.csv\"\n"));
        QVERIFY(py.contains("DATA_TARGET = \"label\"\n"));
        QVERIFY(py.contains("DATA_CLASSIFICATION = True\n"));
    }

    void aFloat64DesignSetsTheDefaultDtype() {
        train::Design d = fixture("mlp");
        QVERIFY(!QString::fromStdString(io::exportPyTorchCode(d)).contains("set_default_dtype"));
        d.dtype = nn::DType::Float64;
        const QString py = QString::fromStdString(io::exportPyTorchCode(d));
        // Before any tensor is made: at the top, after the imports.
        const auto at = py.indexOf("torch.set_default_dtype(torch.float64)\n");
        QVERIFY(at > py.indexOf("import torch\n"));
        QVERIFY(at < py.indexOf("def build_model("));
    }

    void aBrokenDesignIsRefused() {
        train::Design d = fixture("mlp");
        d.layers[2].in_features = 5;  // 8 features arrive
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, io::exportPyTorchCode(d));
    }

    void theCliWritesTheFile() {
        QTemporaryDir dir;
        const QString out = dir.filePath("model.py");
        QProcess cli;
        cli.start(LINEARLAB_BINARY_DIR "/app/linearlab-cli",
                  {"export-code", LINEARLAB_FIXTURES_DIR "/code_export/mlp.linearlab.json",
                   "--output", out});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), code("mlp"));
        // The data the script trains on by default, beside it.
        QCOMPARE(io::readArray(dir.filePath("model_data.npz"), "x_train").shape,
                 (std::vector<nn::Index>{48, 4}));
        QCOMPARE(QString::fromUtf8(cli.readAllStandardOutput()),
                 "wrote " + out + "\nwrote " + dir.filePath("model_data.npz") + "\n");

        cli.start(LINEARLAB_BINARY_DIR "/app/linearlab-cli", {"export-code", "x.json"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 2);  // --output is required
    }
};

QTEST_GUILESS_MAIN(TestCodeExport)
#include "tst_code_export.moc"
