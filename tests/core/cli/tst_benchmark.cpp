// linearlab-bench's cases, run for a few milliseconds each: the JSON line a
// case prints carries the fields scripts/bench_compare.sh reads, and the FLOPs
// it claims are the products named in flops_counted.
#include "core/cli/benchmark.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <stdexcept>

using namespace linearlab::cli;

class TestBenchmark : public QObject {
    Q_OBJECT

private slots:
    void caseNames() {
        const std::vector<std::string> expected{"seed_linear_20x40",   "trainer_seed_linear_20x40",
                                                "mlp_64_256_256_10",   "bilinear_32_32_16",
                                                "linear_1024_fwd_bwd", "eigen_gemm_1024"};
        QCOMPARE(benchmarkCaseNames(), expected);
    }

    void runsOneCase_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<long long>("batch");
        QTest::addColumn<double>("flopsPerStep");
        QTest::addColumn<QString>("counted");
        // 2 FLOPs per multiply-add of each counted product.
        QTest::newRow("seed") << "seed_linear_20x40" << 128LL << 2.0 * 2 * 128 * 20 * 40
                              << "fwd+dW";
        QTest::newRow("trainer") << "trainer_seed_linear_20x40" << 128LL << 2.0 * 2 * 128 * 20 * 40
                                 << "fwd+dW";
        QTest::newRow("mlp") << "mlp_64_256_256_10" << 256LL
                             << 2.0 * 256 *
                                    (2 * (64 * 256 + 256 * 256 + 256 * 10) + 256 * 256 + 256 * 10)
                             << "fwd+dW+dX(layers 2,3)";
        QTest::newRow("bilinear") << "bilinear_32_32_16" << 256LL << 2.0 * 2 * 256 * 32 * 32 * 16
                                  << "fwd+dW";
        QTest::newRow("linear 1024")
            << "linear_1024_fwd_bwd" << 1024LL << 2.0 * 2 * 1024 * 1024 * 1024 << "fwd+dW";
        QTest::newRow("gemm") << "eigen_gemm_1024" << 1024LL << 2.0 * 1024 * 1024 * 1024 << "C=AB";
    }

    void runsOneCase() {
        QFETCH(QString, name);
        QFETCH(long long, batch);
        QFETCH(double, flopsPerStep);
        QFETCH(QString, counted);
        BenchmarkOptions options;
        options.seconds = 0.01;
        options.repeats = 3;
        options.caseName = name.toStdString();
        const auto results = runBenchmarks(options);
        QCOMPARE(results.size(), size_t(1));
        const BenchmarkResult& r = results[0];
        QCOMPARE(QString::fromStdString(r.name), name);
        QCOMPARE(r.repeats, 3);
        QVERIFY(r.steps >= 3);
        QVERIFY(r.minStepsPerSecond > 0);
        QVERIFY(r.minStepsPerSecond <= r.stepsPerSecond);
        QVERIFY(r.stepsPerSecond <= r.maxStepsPerSecond);

        const QJsonObject json =
            QJsonDocument::fromJson(QByteArray::fromStdString(r.toJson())).object();
        QCOMPARE(json.value("name").toString(), name);
        QCOMPARE(json.value("impl").toString(), QString("linearlab"));
        QCOMPARE(json.value("threads").toInt(), 1);
        QCOMPARE(json.value("batch").toInteger(), batch);
        QCOMPARE(json.value("flops_per_step").toDouble(), flopsPerStep);
        QCOMPARE(json.value("flops_counted").toString(), counted);
        const double steps = json.value("steps_per_s").toDouble();
        // Six significant digits are printed.
        QVERIFY(qAbs(steps - r.stepsPerSecond) <= 1e-5 * r.stepsPerSecond);
        QVERIFY(qAbs(json.value("samples_per_s").toDouble() - steps * batch) <=
                1e-5 * steps * batch);
        QVERIFY(qAbs(json.value("gflops").toDouble() - steps * flopsPerStep * 1e-9) <=
                1e-5 * steps * flopsPerStep * 1e-9);
    }

    void unknownCaseThrows() {
        BenchmarkOptions options;
        options.caseName = "seed_linear";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runBenchmarks(options));
    }
};

QTEST_APPLESS_MAIN(TestBenchmark)
#include "tst_benchmark.moc"
