// linearlab-cli on a float64 design ("dtype": "float64"), against PyTorch run
// under torch.set_default_dtype(torch.float64) from the same float64 state dict
// (tests/fixtures/make_cli_fixtures.py, make_float64): eval, grad and five SGD
// steps within 1e-12 relative; every file written is float64, and --dtype
// overrides the design's.
#include "core/data/npy.h"
#include "core/io/project_file.h"
#include "core/io/weights_file.h"

#include "tests/core/cli/cli_test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace linearlab;
using namespace linearlab::test;

namespace {

const QString kFixtures = QStringLiteral(LINEARLAB_FIXTURES_DIR) + "/cli/";
const QString kDesign64 = kFixtures + "example64.linearlab.json";
const QString kInit64 = kFixtures + "init64.npz";

data::NpyArray readNpy(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path.toStdString());
    const QByteArray bytes = f.readAll();
    return data::parseNpy(std::string(bytes.constData(), static_cast<size_t>(bytes.size())));
}

std::vector<double> valuesOf(const data::NpyArray& a) {
    std::vector<double> v;
    for (nn::Index i = 0; i < a.numel(); ++i)
        v.push_back(a.valueAt(i));
    return v;
}

/// max |a - b| <= tol * max |b|: relative to the tensor's scale.
bool close(const std::vector<double>& a, const std::vector<double>& b, double tol) {
    if (a.size() != b.size())
        return false;
    double scale = 0, worst = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        scale = std::max(scale, std::abs(b[i]));
        worst = std::max(worst, std::abs(a[i] - b[i]));
    }
    return worst <= tol * scale;
}

const io::NamedTensor& tensor(const io::StateDict& dict, const std::string& name) {
    for (const auto& t : dict)
        if (t.name == name)
            return t;
    throw std::runtime_error("no tensor " + name);
}

/// Every tensor of `ours` is float64 and within 1e-12 of torch's.
void expectCloseFloat64(const io::StateDict& ours, const io::StateDict& torch) {
    QCOMPARE(ours.size(), torch.size());
    for (const auto& t : torch) {
        const io::NamedTensor& o = tensor(ours, t.name);
        QCOMPARE(o.values.dtype(), nn::DType::Float64);
        QCOMPARE(o.shape, t.shape);
        QVERIFY2(close(o.values.float64(), t.values.float64(), 1e-12), t.name.c_str());
    }
}

}  // namespace

class TestCliFloat64 : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void evalMatchesTorchFloat64() {
        const QString y = path("y.npy");
        const CliRun r = runCli({"eval", kDesign64, "--weights", kInit64, "--input",
                                 kFixtures + "eval64_x.npy", "--output", y});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const data::NpyArray ours = readNpy(y);
        QCOMPARE(ours.dtype, std::string("<f8"));
        QCOMPARE(ours.shape, (std::vector<nn::Index>{2, 3, 3}));
        QVERIFY(close(valuesOf(ours), valuesOf(readNpy(kFixtures + "eval64_y.npy")), 1e-12));
    }

    void gradMatchesAutogradFloat64() {
        const QString g = path("g.npz");
        const CliRun r =
            runCli({"grad", kDesign64, "--weights", kInit64, "--input", kFixtures + "grad64_x.npy",
                    "--target", kFixtures + "grad64_t.npy", "--output", g});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        expectCloseFloat64(io::readWeights(g), io::readWeights(kFixtures + "grad64_expected.npz"));
    }

    void trainFromGivenWeightsMatchesTorchFloat64() {
        const QString log = path("log.jsonl"), out = path("final.safetensors");
        const CliRun r = runCli({"train", kDesign64, "--weights", kInit64, "--data",
                                 kFixtures + "train64_data.npz", "--steps", "5", "--log-jsonl", log,
                                 "--export", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(log), expectedFile(kFixtures + "train64_losses.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        const QJsonArray expected = QJsonDocument::fromJson(expectedFile.readAll()).array();
        QCOMPARE(lines.size(), 5);
        for (int i = 0; i < 5; ++i) {
            const double loss = QJsonDocument::fromJson(lines[i]).object()["loss"].toDouble();
            const double e = expected[i].toDouble();
            QVERIFY2(std::abs(loss - e) <= 1e-12 * std::abs(e), lines[i].constData());
        }
        expectCloseFloat64(io::readWeights(out), io::readWeights(kFixtures + "train64_final.npz"));
    }

    void trainExportsAFloat64Project() {
        const QString p = path("p.linearlab");
        const CliRun r = runCli({"train", kDesign64, "--weights", kInit64, "--data",
                                 kFixtures + "train64_data.npz", "--steps", "5", "--export", p});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const io::Project project = io::readProject(p);
        QCOMPARE(project.design.dtype, nn::DType::Float64);
        QVERIFY(project.weights.has_value());
        expectCloseFloat64(*project.weights, io::readWeights(kFixtures + "train64_final.npz"));
    }

    void dtypeOptionOverridesTheDesign() {
        // The float32 design with --dtype float64 is the float64 design.
        const QString a = path("a.npy"), b = path("b.npy");
        const QString design32 = kFixtures + "example.linearlab.json";
        QCOMPARE(runCli({"eval", design32, "--dtype", "float64", "--weights", kInit64, "--input",
                         kFixtures + "eval64_x.npy", "--output", a})
                     .exitCode,
                 0);
        QCOMPARE(runCli({"eval", kDesign64, "--weights", kInit64, "--input",
                         kFixtures + "eval64_x.npy", "--output", b})
                     .exitCode,
                 0);
        QCOMPARE(readNpy(a).data, readNpy(b).data);
        // And back: float64 weights in a float32 run, rounded as copy_ rounds them.
        const QString c = path("c.npy");
        QCOMPARE(runCli({"eval", kDesign64, "--dtype", "float32", "--weights", kInit64, "--input",
                         kFixtures + "eval64_x.npy", "--output", c})
                     .exitCode,
                 0);
        QCOMPARE(readNpy(c).dtype, std::string("<f4"));
        QVERIFY(close(valuesOf(readNpy(c)), valuesOf(readNpy(b)), 1e-5));
    }

    void initWritesTheDesignsDtype() {
        const QString w64 = path("init64.safetensors"), w32 = path("init32.safetensors");
        QCOMPARE(runCli({"init", kDesign64, "--export", w64}).exitCode, 0);
        QCOMPARE(runCli({"init", kDesign64, "--dtype", "float32", "--export", w32}).exitCode, 0);
        for (const auto& t : io::readWeights(w64)) {
            QCOMPARE(t.dtype, std::string("float64"));
            QCOMPARE(t.values.dtype(), nn::DType::Float64);
        }
        for (const auto& t : io::readWeights(w32))
            QCOMPARE(t.values.dtype(), nn::DType::Float32);
    }

    void convertKeepsFloat64_data() {
        QTest::addColumn<QString>("extension");
        for (const char* ext : {"safetensors", "pt", "json", "csv", "npz"})
            QTest::newRow(ext) << ext;
    }
    void convertKeepsFloat64() {
        QFETCH(QString, extension);
        const QString out = path("converted." + extension);
        const CliRun r = runCli({"convert", kInit64, out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const io::StateDict original = io::readWeights(kInit64), back = io::readWeights(out);
        QCOMPARE(back.size(), original.size());
        for (size_t i = 0; i < back.size(); ++i) {
            QCOMPARE(back[i].dtype, std::string("float64"));
            QVERIFY2(back[i].values == original[i].values, back[i].name.c_str());  // bit for bit
        }
        const CliRun inspect = runCli({"inspect", out});
        QVERIFY(inspect.out.contains("float64"));
    }

    void convertDtypeConverts() {
        const QString out = path("rounded.safetensors");
        QCOMPARE(runCli({"convert", kInit64, out, "--dtype", "float32"}).exitCode, 0);
        const io::StateDict original = io::readWeights(kInit64), back = io::readWeights(out);
        for (size_t i = 0; i < back.size(); ++i) {
            QCOMPARE(back[i].values.dtype(), nn::DType::Float32);
            QCOMPARE(back[i].values.float32(), original[i].values.to<float>());
        }
    }

    void badDtypesAreOneLineErrors() {
        CliRun r = runCli({"eval", kDesign64, "--dtype", "float16", "--input",
                           kFixtures + "eval64_x.npy", "--output", path("x.npy")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--dtype: expected float32 or float64, got \"float16\""),
                 qPrintable(r.err));
        QFile design(path("bad.linearlab.json"));
        QVERIFY(design.open(QIODevice::WriteOnly));
        design.write(R"({"format": "linearlab", "version": 1, "input": {"features": 2},
                         "layers": [{"type": "Linear", "in_features": 2, "out_features": 1}],
                         "dtype": "half"})");
        design.close();
        r = runCli({"summary", design.fileName()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("dtype: unknown value \"half\"; expected one of float32, float64"),
                 qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }
};

QTEST_APPLESS_MAIN(TestCliFloat64)
#include "tst_cli_float64.moc"
