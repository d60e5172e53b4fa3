// linearlab-cli collapse: the collapsed design and weights evaluate as torch
// evaluates the original network (seeded, and under given weights); a design
// with nothing to collapse, and a missing or bad file, fail in one line.
#include "core/io/design_file.h"

#include "tests/core/cli/cli_test_support.h"

#include <QtTest>

using namespace linearlab;
using namespace linearlab::test;
using namespace linearlab::test::cli_support;

namespace {

/// max |a - e| / max |e|
double relativeError(const std::vector<float>& a, const std::vector<float>& e) {
    if (a.size() != e.size())
        return INFINITY;
    double worst = 0, scale = 0;
    for (size_t i = 0; i < e.size(); ++i) {
        worst = std::max(worst, std::abs(double(a[i]) - double(e[i])));
        scale = std::max(scale, std::abs(double(e[i])));
    }
    return worst / scale;
}

}  // namespace

class TestCliCollapse : public CliTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void collapsedEvaluatesAsTheOriginal_data() {
        QTest::addColumn<QString>("weights");
        QTest::addColumn<QString>("expected");
        QTest::newRow("seeded init") << QString() << "collapse_y_seeded.npy";
        QTest::newRow("--weights .pt") << kFixtures + "collapse_weights.pt"
                                       << "collapse_y_weights.npy";
    }

    void collapsedEvaluatesAsTheOriginal() {
        QFETCH(QString, weights);
        QFETCH(QString, expected);
        QStringList args{"collapse", kFixtures + "collapse.linearlab.json"};
        if (!weights.isEmpty())
            args << "--weights" << weights;
        args << "--output" << path("d2.linearlab.json") << "--export" << path("w2.safetensors");
        const CliRun r = runCli(args);
        QCOMPARE(r.err, QString());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.section('\n', 0, 1),
                 QString::fromUtf8("nodes 0\u20132 = Linear(3, 4), rank 3\n"
                                   "nodes 4\u20135 = Linear(4, 2), rank 2"));
        const train::Design d2 = io::readDesignFile(path("d2.linearlab.json"));
        QCOMPARE(d2.layers.size(), size_t(3));
        QCOMPARE(d2.layers[0].type, std::string("Linear"));
        QCOMPARE(d2.layers[0].in_features, nn::Index(3));
        QCOMPARE(d2.layers[0].out_features, nn::Index(4));
        QCOMPARE(d2.layers[1].type, std::string("ReLU"));
        QCOMPARE(d2.layers[2].out_features, nn::Index(2));
        const io::StateDict dict = io::readWeights(path("w2.safetensors"));
        QCOMPARE(dict.size(), size_t(4));
        QCOMPARE(tensor(dict, "2.weight").shape, (nn::Shape{2, 4}));

        const CliRun e =
            runCli({"eval", path("d2.linearlab.json"), "--weights", path("w2.safetensors"),
                    "--input", kFixtures + "collapse_x.npy", "--output", path("y2.npy")});
        QCOMPARE(e.exitCode, 0);
        const double err =
            relativeError(npyValues(path("y2.npy")), npyValues(kFixtures + expected));
        QVERIFY2(err <= 1e-5, qPrintable(QString::number(err)));
    }

    void nothingToCollapseIsRefused() {
        const CliRun r =
            runCli({"collapse", kFixtures + "collapse_refused.linearlab.json", "--output",
                    path("r.linearlab.json"), "--export", path("r.safetensors")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, "linearlab-cli: " + kFixtures +
                            "collapse_refused.linearlab.json: nothing to collapse: every Linear is "
                            "followed by a nonlinearity (node 1: ReLU)\n");
        QVERIFY(!QFile::exists(path("r.linearlab.json")));
        QVERIFY(!QFile::exists(path("r.safetensors")));
    }

    void badFilesFailInOneLine() {
        const CliRun missing = runCli({"collapse", path("none.linearlab.json"), "--output",
                                       path("o.json"), "--export", path("o.safetensors")});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.err, "linearlab-cli: " + path("none.linearlab.json") + ": no such file\n");
        const QString bad = writeText("bad.linearlab.json", R"({"format": "linearlab", "version": 1,
            "input": {"features": 2}, "layers": [{"type": "Linear", "in_features": 2,
            "out_features": "ten"}]})");
        const CliRun b = runCli(
            {"collapse", bad, "--output", path("o.json"), "--export", path("o.safetensors")});
        QCOMPARE(b.exitCode, 1);
        QVERIFY2(b.err.contains("layers[0].out_features") && b.err.count('\n') == 1,
                 qPrintable(b.err));
        const CliRun w =
            runCli({"collapse", kFixtures + "collapse.linearlab.json", "--weights", path("nope.pt"),
                    "--output", path("o.json"), "--export", path("o.safetensors")});
        QCOMPARE(w.exitCode, 1);
        QVERIFY2(w.err.contains("nope.pt") && w.err.count('\n') == 1, qPrintable(w.err));
        const CliRun u = runCli({"collapse", kFixtures + "collapse.linearlab.json"});
        QCOMPARE(u.exitCode, 2);
        QVERIFY2(u.err.startsWith("linearlab-cli: --output is required\n"), qPrintable(u.err));
        QVERIFY(!QFile::exists(path("o.json")));
    }
};

QTEST_GUILESS_MAIN(TestCliCollapse)
#include "tst_cli_collapse.moc"
