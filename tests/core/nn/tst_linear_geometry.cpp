// The SVD of one weight against torch.linalg (svdvals, the sign of det,
// matrix_rank at its default tolerance), and the slider's path from the
// identity to x Aᵀ + b.
#include "core/nn/linear_geometry.h"
#include "nn_test_support.h"

#include <QtTest>

#include <limits>

using namespace linearlab;

class TestLinearGeometry : public QObject {
    Q_OBJECT

private slots:
    void matchesTorch_data();
    void matchesTorch();
    void decompositionRebuildsTheWeight();
    void morphGoesFromIdentityToTheAffineMap();
};

void TestLinearGeometry::matchesTorch_data() {
    QTest::addColumn<QJsonObject>("c");
    const QJsonArray cases = nntest::loadFixture("linear_geometry.json")["cases"].toArray();
    QCOMPARE(cases.size(), 10);
    for (const QJsonValue& c : cases)
        QTest::newRow(qPrintable(c["name"].toString())) << c.toObject();
}

void TestLinearGeometry::matchesTorch() {
    QFETCH(QJsonObject, c);
    const nn::Matrix<float> w = nntest::parameterFromJson<float>(c["weight"]);
    const nn::LinearGeometry g =
        nn::linearGeometry(w.cast<double>(), std::numeric_limits<float>::epsilon());
    const QJsonArray expected = c["svdvals"].toArray();
    QCOMPARE(g.singularValues.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY2(
            std::abs(g.singularValues(i) - expected[i].toDouble()) <= 1e-6 * expected[0].toDouble(),
            qPrintable(QStringLiteral("sigma %1: %2, torch %3")
                           .arg(i)
                           .arg(g.singularValues(i), 0, 'g', 9)
                           .arg(expected[i].toDouble(), 0, 'g', 9)));
    QCOMPARE(g.rank, static_cast<nn::Index>(c["rank"].toInt()));
    if (c.contains("det_sign"))
        QCOMPARE(g.determinantSign, c["det_sign"].toInt());
    else
        QCOMPARE(g.determinantSign, 0);
}

void TestLinearGeometry::decompositionRebuildsTheWeight() {
    for (const QJsonValue& c : nntest::loadFixture("linear_geometry.json")["cases"].toArray()) {
        const Eigen::MatrixXd a = nntest::parameterFromJson<float>(c["weight"]).cast<double>();
        const nn::LinearGeometry g = nn::linearGeometry(a, 1.1920928955078125e-07);
        Eigen::MatrixXd sigma = Eigen::MatrixXd::Zero(a.rows(), a.cols());
        for (nn::Index i = 0; i < g.singularValues.size(); ++i)
            sigma(i, i) = g.singularValues(i);
        QVERIFY((g.u * sigma * g.v.transpose() - a).norm() < 1e-12);
        // V is a rotation, so the reflection of a negative determinant is U's.
        QVERIFY(std::abs(g.v.determinant() - 1) < 1e-12);
        if (g.determinantSign < 0)
            QVERIFY(g.u.determinant() < 0);
    }
}

void TestLinearGeometry::morphGoesFromIdentityToTheAffineMap() {
    Eigen::MatrixXd a(2, 2);
    a << 0.5, 1.5, 1.25, -0.75;  // det < 0: the last quarter-turn is a fold
    const Eigen::Vector2d b(0.3, -0.2);
    const nn::LinearGeometry g = nn::linearGeometry(a, 1.1920928955078125e-07);
    const nn::PlaneMap start = nn::morphPlane(g, b, 0);
    QVERIFY(start.matrix.isApprox(Eigen::Matrix2d::Identity()));
    QVERIFY(start.offset.isZero());
    const nn::PlaneMap end = nn::morphPlane(g, b, 1);
    QVERIFY((end.matrix - a).norm() < 1e-12);
    QVERIFY((end.offset - b).norm() < 1e-15);
    // A quarter of the way the plane has only turned by Vᵀ: lengths are kept.
    const nn::PlaneMap quarter = nn::morphPlane(g, b, 0.25);
    QVERIFY((quarter.matrix - g.v.transpose()).norm() < 1e-12);
    // Halfway it is Σ Vᵀ: the axes scaled by the singular values.
    const nn::PlaneMap half = nn::morphPlane(g, b, 0.5);
    QVERIFY((half.matrix - g.singularValues.asDiagonal() * g.v.transpose()).norm() < 1e-12);
}

QTEST_APPLESS_MAIN(TestLinearGeometry)
#include "tst_linear_geometry.moc"
