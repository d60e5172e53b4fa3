// Synthetic datasets: shapes and labels of every generator, determinism by seed,
// the teacher against the data PyTorch draws under the same seed, and errors
// that name the field.
#include "core/data/synthetic_datasets.h"
#include "data_test_support.h"

#include <Eigen/QR>
#include <QtTest>

#include <cmath>

using namespace linearlab::data;
using linearlab::nn::Matrix;
using namespace datatest;

namespace {

SyntheticOptions options(const std::string& name, Index samples = 120, uint64_t seed = 0) {
    SyntheticOptions o;
    o.dataset = name;
    o.samples = samples;
    o.seed = seed;
    return o;
}

Matrix<float> toMatrix(const NpyArray& a) {
    Matrix<float> m(a.shape[0], a.shape[1]);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<float>(a.valueAt(i));
    return m;
}

}  // namespace

class TestSyntheticDatasets : public QObject {
    Q_OBJECT

private slots:
    void shapes_data();
    void shapes();
    void deterministicBySeed_data();
    void deterministicBySeed();
    void teacherMatchesPyTorch();
    void teacherSizesAndNoise();
    void bilinearTeacherIsBilinear();
    void classificationBalancedAndInterleaved();
    void geometry();
    void regressionTargets();
    void floatAndDoubleAgree();
    void errors_data();
    void errors();
};

void TestSyntheticDatasets::shapes_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("features");
    QTest::addColumn<int>("targets");
    QTest::addColumn<bool>("classification");
    QTest::addColumn<int>("classes");
    QTest::newRow("teacher") << "teacher" << 20 << 40 << false << 0;
    QTest::newRow("bilinear-teacher") << "bilinear-teacher" << 20 << 40 << false << 0;
    QTest::newRow("circles") << "circles" << 2 << 1 << true << 2;
    QTest::newRow("xor") << "xor" << 2 << 1 << true << 2;
    QTest::newRow("moons") << "moons" << 2 << 1 << true << 2;
    QTest::newRow("blobs") << "blobs" << 2 << 1 << true << 3;
    QTest::newRow("spiral") << "spiral" << 2 << 1 << true << 3;
    QTest::newRow("sine") << "sine" << 1 << 1 << false << 0;
    QTest::newRow("plane") << "plane" << 2 << 1 << false << 0;
}

void TestSyntheticDatasets::shapes() {
    QFETCH(QString, name);
    QFETCH(int, features);
    QFETCH(int, targets);
    QFETCH(bool, classification);
    QFETCH(int, classes);
    const Dataset<float> d = makeSyntheticDataset<float>(options(name.toStdString()));
    QCOMPARE(d.name, name.toStdString());
    QCOMPARE(d.x.rows(), Index{120});
    QCOMPARE(d.x.cols(), Index{features});
    QCOMPARE(d.y.rows(), Index{120});
    QCOMPARE(d.y.cols(), Index{targets});
    QCOMPARE(d.classification, classification);
    QCOMPARE(d.numClasses, Index{classes});
    QCOMPARE(static_cast<int>(d.classNames.size()), classes);
    QVERIFY(d.x.allFinite());
    QVERIFY(d.y.allFinite());
    if (classification)
        for (Index i = 0; i < d.y.rows(); ++i)
            QVERIFY(d.y(i, 0) >= 0 && d.y(i, 0) < classes && d.y(i, 0) == std::floor(d.y(i, 0)));
}

void TestSyntheticDatasets::deterministicBySeed_data() {
    QTest::addColumn<QString>("name");
    for (const std::string& n : syntheticDatasetNames())
        QTest::newRow(n.c_str()) << QString::fromStdString(n);
}

void TestSyntheticDatasets::deterministicBySeed() {
    QFETCH(QString, name);
    const Dataset<float> a = makeSyntheticDataset<float>(options(name.toStdString(), 64, 5));
    const Dataset<float> b = makeSyntheticDataset<float>(options(name.toStdString(), 64, 5));
    const Dataset<float> c = makeSyntheticDataset<float>(options(name.toStdString(), 64, 6));
    QCOMPARE(a.x, b.x);
    QCOMPARE(a.y, b.y);
    QVERIFY(a.x != c.x);
}

void TestSyntheticDatasets::teacherMatchesPyTorch() {
    // torch.manual_seed(0); x = torch.randn(32, 20); teacher = nn.Linear(20, 40);
    // y = teacher(x) + 0.1 * torch.randn(32, 40)
    SyntheticOptions o = options("teacher", 32, 0);
    o.noise = 0.1;
    const Dataset<float> d = makeSyntheticDataset<float>(o);
    const Matrix<float> x = toMatrix(fixtureArray("teacher_x_seed0.npy"));
    const Matrix<float> y = toMatrix(fixtureArray("teacher_y_seed0.npy"));
    QCOMPARE(d.x.rows(), x.rows());
    QCOMPARE(d.y.cols(), y.cols());
    // torch.randn's values bit for bit; y only to the rounding of the product.
    const float dx = (d.x - x).cwiseAbs().maxCoeff();
    const float dy = (d.y - y).cwiseAbs().maxCoeff();
    QVERIFY2(dx == 0, qPrintable(QString::number(dx)));
    QVERIFY2(dy <= 1e-4f, qPrintable(QString::number(dy)));
}

void TestSyntheticDatasets::teacherSizesAndNoise() {
    SyntheticOptions o = options("teacher", 50, 3);
    o.in_features = 4;
    o.out_features = 2;
    o.noise = 0.0;
    const Dataset<double> clean = makeSyntheticDataset<double>(o);
    QCOMPARE(clean.x.cols(), Index{4});
    QCOMPARE(clean.y.cols(), Index{2});
    // Without noise the targets are exactly affine in x: a least-squares fit is exact.
    Matrix<double> design(50, 5);
    design << clean.x, Matrix<double>::Ones(50, 1);
    const Matrix<double> coef = design.colPivHouseholderQr().solve(clean.y);
    QVERIFY((design * coef - clean.y).cwiseAbs().maxCoeff() < 1e-10);
    // Bounds of the default init: |w|, |b| <= 1/sqrt(in_features).
    QVERIFY(coef.cwiseAbs().maxCoeff() <= 0.5 + 1e-9);
    o.noise = 1.0;
    const Dataset<double> noisy = makeSyntheticDataset<double>(o);
    QCOMPARE(noisy.x, clean.x);  // noise is drawn after x and the teacher
    const double residual = std::sqrt((noisy.y - clean.y).array().square().mean());
    QVERIFY2(residual > 0.8 && residual < 1.2, qPrintable(QString::number(residual)));
}

void TestSyntheticDatasets::bilinearTeacherIsBilinear() {
    SyntheticOptions o = options("bilinear-teacher", 40, 1);
    o.in_features = 3;
    o.out_features = 2;
    o.noise = 0.0;
    const Dataset<double> d = makeSyntheticDataset<double>(o);
    QCOMPARE(d.x.cols(), Index{3});
    QCOMPARE(d.y.cols(), Index{2});
    // Features are quadratic: a fit on [x_i x_j, 1] is exact, an affine fit is not.
    Matrix<double> quad(40, 10);
    Matrix<double> lin(40, 4);
    for (Index n = 0; n < 40; ++n) {
        Index k = 0;
        for (Index i = 0; i < 3; ++i)
            for (Index j = i; j < 3; ++j)
                quad(n, k++) = d.x(n, i) * d.x(n, j);
        quad(n, 9) = 1.0;
        lin.row(n) << d.x.row(n), 1.0;
    }
    const Matrix<double> qc = quad.colPivHouseholderQr().solve(d.y);
    const Matrix<double> lc = lin.colPivHouseholderQr().solve(d.y);
    QVERIFY((quad * qc - d.y).cwiseAbs().maxCoeff() < 1e-9);
    QVERIFY((lin * lc - d.y).cwiseAbs().maxCoeff() > 1e-2);
}

void TestSyntheticDatasets::classificationBalancedAndInterleaved() {
    for (Index k : {2, 3, 5}) {
        SyntheticOptions o = options("spiral", 100, 2);
        o.classes = k;
        const Dataset<double> d = makeSyntheticDataset<double>(o);
        QCOMPARE(d.numClasses, k);
        for (Index i = 0; i < 100; ++i)
            QCOMPARE(d.y(i, 0), static_cast<double>(i % k));
    }
}

void TestSyntheticDatasets::geometry() {
    SyntheticOptions o = options("circles", 200, 4);
    o.noise = 0.0;
    const Dataset<double> circles = makeSyntheticDataset<double>(o);
    for (Index i = 0; i < 200; ++i)
        QCOMPARE(circles.x.row(i).norm(), circles.y(i, 0) == 0 ? 1.0 : 0.5);

    o.dataset = "xor";
    const Dataset<double> x = makeSyntheticDataset<double>(o);
    for (Index i = 0; i < 200; ++i)
        QCOMPARE(x.x(i, 0) * x.x(i, 1) > 0, x.y(i, 0) == 0);

    o.dataset = "moons";
    const Dataset<double> moons = makeSyntheticDataset<double>(o);
    for (Index i = 0; i < 200; ++i) {
        const bool upper = moons.y(i, 0) == 0;
        const double cx = upper ? 0.0 : 1.0, cy = upper ? 0.0 : 0.5;
        QVERIFY(std::abs(std::hypot(moons.x(i, 0) - cx, moons.x(i, 1) - cy) - 1.0) < 1e-12);
        QVERIFY(upper ? moons.x(i, 1) >= 0 : moons.x(i, 1) <= 0.5);
    }

    o.dataset = "blobs";
    o.classes = 4;
    o.noise = 0.1;
    const Dataset<double> blobs = makeSyntheticDataset<double>(o);
    for (Index c = 0; c < 4; ++c) {
        Eigen::RowVector2d mean = Eigen::RowVector2d::Zero();
        for (Index i = c; i < 200; i += 4)
            mean += blobs.x.row(i);
        mean /= 50.0;
        const double angle = 2 * M_PI * static_cast<double>(c) / 4.0;
        QVERIFY((mean - Eigen::RowVector2d(3 * std::cos(angle), 3 * std::sin(angle))).norm() < 0.1);
    }
}

void TestSyntheticDatasets::regressionTargets() {
    SyntheticOptions o = options("sine", 300, 9);
    o.noise = 0.0;
    const Dataset<double> sine = makeSyntheticDataset<double>(o);
    for (Index i = 0; i < 300; ++i) {
        QVERIFY(sine.x(i, 0) >= -M_PI && sine.x(i, 0) < M_PI);
        QCOMPARE(sine.y(i, 0), std::sin(sine.x(i, 0)));
    }
    o.dataset = "plane";
    const Dataset<double> plane = makeSyntheticDataset<double>(o);
    for (Index i = 0; i < 300; ++i)
        QVERIFY(std::abs(plane.y(i, 0) - (2 * plane.x(i, 0) - 3 * plane.x(i, 1) + 0.5)) < 1e-12);
    QVERIFY(plane.x.cwiseAbs().maxCoeff() <= 1.0);
    QCOMPARE(defaultNoise("sine"), 0.1);
}

void TestSyntheticDatasets::floatAndDoubleAgree() {
    // The 2-D toys are drawn in double and rounded, so the float set is the
    // double set rounded (the teachers draw as a float tensor would, by design).
    for (const char* name : {"circles", "moons", "spiral", "sine", "plane"}) {
        SyntheticOptions o = options(name, 64, 7);
        const Dataset<float> f = makeSyntheticDataset<float>(o);
        const Dataset<double> d = makeSyntheticDataset<double>(o);
        QVERIFY2((f.x.cast<double>() - d.x).cwiseAbs().maxCoeff() < 1e-5, name);
    }
}

void TestSyntheticDatasets::errors_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("classes");
    QTest::addColumn<double>("noise");
    QTest::addColumn<int>("inFeatures");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown name")
        << "spirals" << 10 << 3 << 0.1 << 20
        << "unknown dataset 'spirals'; known datasets are teacher, bilinear-teacher, circles, "
           "xor, blobs, spiral, moons, sine, plane";
    QTest::newRow("zero samples") << "teacher" << 0 << 3 << 0.1 << 20
                                  << "samples must be positive, got 0";
    QTest::newRow("negative samples")
        << "sine" << -5 << 3 << 0.1 << 20 << "samples must be positive, got -5";
    QTest::newRow("one class") << "blobs" << 10 << 1 << 0.1 << 20
                               << "classes must be at least 2, got 1";
    QTest::newRow("negative noise") << "moons" << 10 << 3 << -0.5 << 20 << "noise must be";
    QTest::newRow("nan noise") << "moons" << 10 << 3 << std::nan("") << 20 << "noise must be";
    QTest::newRow("zero in_features")
        << "teacher" << 10 << 3 << 0.1 << 0 << "in_features must be positive, got 0";
}

void TestSyntheticDatasets::errors() {
    QFETCH(QString, name);
    QFETCH(int, samples);
    QFETCH(int, classes);
    QFETCH(double, noise);
    QFETCH(int, inFeatures);
    QFETCH(QString, message);
    SyntheticOptions o = options(name.toStdString(), samples);
    o.classes = classes;
    o.noise = noise;
    o.in_features = inFeatures;
    DATA_VERIFY_CONTAINS(messageOf<std::invalid_argument>([&] { makeSyntheticDataset<float>(o); }),
                         message.toStdString());
}

QTEST_APPLESS_MAIN(TestSyntheticDatasets)
#include "tst_synthetic_datasets.moc"
