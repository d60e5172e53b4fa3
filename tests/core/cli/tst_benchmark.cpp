// linearlab-bench's cases, run for a few milliseconds each: the JSON line a
// case prints carries the fields scripts/bench_compare.sh reads, and the FLOPs
// it claims are the products named in flops_counted. The weights cases run on
// a few tensors: every format is written, read back and inspected, and a
// failing one is reported without stopping the others.
#include "core/cli/benchmark.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <stdexcept>

using namespace linearlab::cli;

class TestBenchmark : public QObject {
    Q_OBJECT

private slots:
    void caseNames() {
        const std::vector<std::string> expected{
            "seed_linear_20x40",        "trainer_seed_linear_20x40", "mlp_64_256_256_10",
            "bilinear_32_32_16",        "linear_1024_fwd_bwd",       "eigen_gemm_1024",
            "mlp_64_256_256_10_float64"};
        QCOMPARE(benchmarkCaseNames(), expected);
    }

    void runsOneCase_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<long long>("batch");
        QTest::addColumn<double>("flopsPerStep");
        QTest::addColumn<QString>("counted");
        QTest::addColumn<QString>("limitProduct");
        // 2 FLOPs per multiply-add of each counted product.
        QTest::newRow("seed") << "seed_linear_20x40" << 128LL << 2.0 * 2 * 128 * 20 * 40 << "fwd+dW"
                              << "128x40x20";
        QTest::newRow("trainer") << "trainer_seed_linear_20x40" << 128LL << 2.0 * 2 * 128 * 20 * 40
                                 << "fwd+dW"
                                 << "128x40x20";
        QTest::newRow("mlp") << "mlp_64_256_256_10" << 256LL
                             << 2.0 * 256 *
                                    (2 * (64 * 256 + 256 * 256 + 256 * 10) + 256 * 256 + 256 * 10)
                             << "fwd+dW+dX(layers 2,3)"
                             << "256x256x256";
        QTest::newRow("mlp float64")
            << "mlp_64_256_256_10_float64" << 256LL
            << 2.0 * 256 * (2 * (64 * 256 + 256 * 256 + 256 * 10) + 256 * 256 + 256 * 10)
            << "fwd+dW+dX(layers 2,3)"
            << "256x256x256";
        QTest::newRow("bilinear") << "bilinear_32_32_16" << 256LL << 2.0 * 2 * 256 * 32 * 32 * 16
                                  << "fwd+dW"
                                  << "256x16x1024";
        QTest::newRow("linear 1024")
            << "linear_1024_fwd_bwd" << 1024LL << 2.0 * 2 * 1024 * 1024 * 1024 << "fwd+dW"
            << "1024x1024x1024";
        QTest::newRow("gemm") << "eigen_gemm_1024" << 1024LL << 2.0 * 1024 * 1024 * 1024 << "C=AB"
                              << "1024x1024x1024";
    }

    void runsOneCase() {
        QFETCH(QString, name);
        QFETCH(long long, batch);
        QFETCH(double, flopsPerStep);
        QFETCH(QString, counted);
        QFETCH(QString, limitProduct);
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
        QCOMPARE(json.value("dtype").toString(),
                 QString(name.endsWith("float64") ? "float64" : "float32"));
        QVERIFY(!json.value("blas").toString().isEmpty());
        // The machine's limit: the largest product alone, measured in the same run.
        QCOMPARE(json.value("limit_product").toString(), limitProduct);
        QVERIFY(json.value("limit_gflops").toDouble() > 0);
        QVERIFY(qAbs(json.value("of_limit").toDouble() - r.gflops() / r.limitGflops) <=
                1e-5 * r.gflops() / r.limitGflops);
    }

    void unknownCaseThrows() {
        BenchmarkOptions options;
        options.caseName = "seed_linear";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runBenchmarks(options));
    }

    void weightsFormats() {
        const std::vector<std::string> expected{"safetensors", "pt", "npz", "json", "csv"};
        QCOMPARE(weightsBenchmarkFormats(), expected);
    }

    void weightsRunsEveryFormat() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        WeightsBenchmarkOptions options;
        options.tensors = 50;
        options.repeats = 3;
        options.directory = dir.path().toStdString();
        const auto results = runWeightsBenchmarks(options);
        QCOMPARE(results.size(), weightsBenchmarkFormats().size());
        for (size_t i = 0; i < results.size(); ++i) {
            const WeightsBenchmarkResult& r = results[i];
            const QString format = QString::fromStdString(r.format);
            QCOMPARE(r.format, weightsBenchmarkFormats()[i]);
            QVERIFY2(r.error.empty(), r.error.c_str());
            QCOMPARE(r.tensors, 50LL);
            QCOMPARE(r.repeats, 3);
            QCOMPARE(r.fileBytes, QFileInfo(dir.filePath("weights." + format)).size());
            QVERIFY(r.fileBytes > 0);
            QVERIFY(r.minReadSeconds > 0);
            QVERIFY(r.minReadSeconds <= r.readSeconds);
            QVERIFY(r.readSeconds <= r.maxReadSeconds);
            QVERIFY(r.inspectSeconds > 0);

            const QJsonObject json =
                QJsonDocument::fromJson(QByteArray::fromStdString(r.toJson())).object();
            QCOMPARE(json.value("name").toString(), "weights_" + format);
            QCOMPARE(json.value("impl").toString(), QString("linearlab"));
            QCOMPARE(json.value("format").toString(), format);
            QCOMPARE(json.value("tensors").toInteger(), 50);
            QCOMPARE(json.value("file_bytes").toInteger(), r.fileBytes);
            QCOMPARE(json.value("repeats").toInt(), 3);
            for (const char* key : {"write_s", "read_s", "min_read_s", "max_read_s", "inspect_s"})
                QVERIFY2(json.value(key).toDouble() > 0, key);
            QVERIFY(!json.contains("error"));
        }
    }

    void weightsFailureIsReportedPerFormat() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A directory where the JSON file should go: its writer fails, the CSV one does not.
        QVERIFY(QDir(dir.path()).mkdir("weights.json"));
        WeightsBenchmarkOptions options;
        options.tensors = 5;
        options.repeats = 1;
        options.directory = dir.path().toStdString();
        options.format = "json";
        const auto failed = runWeightsBenchmarks(options);
        QCOMPARE(failed.size(), size_t(1));
        QVERIFY2(QString::fromStdString(failed[0].error).contains("weights.json: "),
                 failed[0].error.c_str());
        const QJsonObject json =
            QJsonDocument::fromJson(QByteArray::fromStdString(failed[0].toJson())).object();
        QCOMPARE(json.value("error").toString(), QString::fromStdString(failed[0].error));
        QVERIFY(!json.contains("read_s"));

        options.format = "csv";
        const auto passed = runWeightsBenchmarks(options);
        QCOMPARE(passed.size(), size_t(1));
        QVERIFY2(passed[0].error.empty(), passed[0].error.c_str());
    }

    void weightsUnknownFormatThrows() {
        WeightsBenchmarkOptions options;
        options.format = "npy";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runWeightsBenchmarks(options));
    }
};

QTEST_APPLESS_MAIN(TestBenchmark)
#include "tst_benchmark.moc"
