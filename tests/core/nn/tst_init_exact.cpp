// torch.nn.init bit for bit with PyTorch 1.13 (tests/fixtures/make_init_fixtures.py):
// the normal family for every size 1..4096 under three seeds in float32 and float64,
// the uniform family and the layers' default initialisation in float64, and
// orthogonal_ within the tolerance two Householder QRs allow.
#include "core/nn/init.h"
#include "core/nn/network.h"
#include "nn_test_support.h"

#include <QCryptographicHash>
#include <QtTest>

#include <cmath>
#include <numeric>
#include <optional>

using namespace linearlab::nn;
using namespace nntest;

class TestInitExact : public QObject {
    Q_OBJECT

private slots:
    void normalFamily_data();
    void normalFamily();
    void truncNormalEdges_data();
    void truncNormalEdges();
    void networkFloat64();
    void orthogonal_data();
    void orthogonal();

private:
    QJsonObject m_fixture = loadFixture("init_exact.json");
};

namespace {

// As the script's shape_for: 1-D for normal_ and trunc_normal_, else (r, n / r) with
// r the largest divisor of n not above its square root.
Shape shapeFor(const QString& fn, Index n) {
    if (fn == "normal_" || fn == "trunc_normal_")
        return {n};
    Index r = 1;
    for (Index d = 1; d * d <= n; ++d)
        if (n % d == 0)
            r = d;
    return {r, n / r};
}

template <typename T>
void applyNormal(const QString& fn, const QJsonObject& a, Parameter<T>& p, Generator& gen) {
    if (fn == "normal_")
        init::normal_(p, a["mean"].toDouble(), a["std"].toDouble(), gen);
    else if (fn == "xavier_normal_")
        init::xavier_normal_(p, a["gain"].toDouble(), gen);
    else if (fn == "kaiming_normal_")
        init::kaiming_normal_(p, a["a"].toDouble(), a["mode"].toString().toStdString(),
                              a["nonlinearity"].toString().toStdString(), gen);
    else if (fn == "trunc_normal_")
        init::trunc_normal_(p, a["mean"].toDouble(), a["std"].toDouble(), a["a"].toDouble(),
                            a["b"].toDouble(), gen);
    else
        QFAIL(qPrintable("unknown init " + fn));
}

// The script's digest: SHA-1 of the raw little-endian bytes, first 16 hex digits.
template <typename T>
QByteArray digest(const Parameter<T>& p) {
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the digests hash little-endian bytes");
    const QByteArrayView bytes(reinterpret_cast<const char*>(p.data()),
                               static_cast<qsizetype>(p.numel() * sizeof(T)));
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex().left(16);
}

template <typename T>
void checkNormalFamily(const QJsonObject& c, Index sizes) {
    const QString fn = c["fn"].toString();
    const QJsonObject args = c["args"].toObject();
    const QByteArray digests = c["digests"].toString().toLatin1();
    const QJsonArray values = c["values"].toArray();
    QCOMPARE(digests.size(), qsizetype(16 * sizes));
    Generator gen;
    for (Index n = 1; n <= sizes; ++n) {
        Parameter<T> p(shapeFor(fn, n));
        gen.manualSeed(static_cast<uint64_t>(c["seed"].toInteger()));
        applyNormal<T>(fn, args, p, gen);
        if (n <= values.size()) {
            // Element for element first, so a failure names the element.
            const Matrix<T> expected = matrixFromValues<T>(
                values[static_cast<qsizetype>(n - 1)].toArray(), p.value.rows(), p.value.cols());
            const QString mismatch = exactMismatch(p.value, expected);
            QVERIFY2(mismatch.isEmpty(),
                     qPrintable(QStringLiteral("size %1: %2").arg(n).arg(mismatch)));
        }
        const QByteArray expected = digests.mid(static_cast<qsizetype>(16 * (n - 1)), 16);
        const QByteArray got = digest(p);
        QVERIFY2(got == expected,
                 qPrintable(QStringLiteral("size %1: digest %2, expected %3")
                                .arg(n)
                                .arg(QString::fromLatin1(got), QString::fromLatin1(expected))));
    }
}

}  // namespace

void TestInitExact::normalFamily_data() {
    QTest::addColumn<int>("index");
    const QJsonArray cases = m_fixture["normal_family"].toArray();
    QCOMPARE(cases.size(), 2 * 4 * 3);  // dtypes x inits x seeds
    for (int i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases[i].toObject();
        QTest::newRow(qPrintable(QStringLiteral("%1 %2 seed %3")
                                     .arg(c["fn"].toString(), c["dtype"].toString())
                                     .arg(c["seed"].toInteger())))
            << i;
    }
}

void TestInitExact::normalFamily() {
    QFETCH(int, index);
    const QJsonObject c = m_fixture["normal_family"].toArray()[index].toObject();
    const Index sizes = m_fixture["sizes"].toInteger();
    QCOMPARE(sizes, Index(4096));
    if (c["dtype"].toString() == "float64")
        checkNormalFamily<double>(c, sizes);
    else
        checkNormalFamily<float>(c, sizes);
}

void TestInitExact::truncNormalEdges_data() {
    QTest::addColumn<int>("index");
    const QJsonArray cases = m_fixture["trunc_normal_edges"].toArray();
    QVERIFY(!cases.isEmpty());
    for (int i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases[i].toObject();
        QTest::newRow(qPrintable(QStringLiteral("%1 std %2 seed %3")
                                     .arg(c["dtype"].toString())
                                     .arg(c["args"]["std"].toDouble())
                                     .arg(c["seed"].toInteger())))
            << i;
    }
}

void TestInitExact::truncNormalEdges() {
    QFETCH(int, index);
    const QJsonObject c = m_fixture["trunc_normal_edges"].toArray()[index].toObject();
    const auto check = [&c](auto zero) {
        using T = decltype(zero);
        Parameter<T> p(shapeFromJson(c["shape"]));
        Generator gen(static_cast<uint64_t>(c["seed"].toInteger()));
        applyNormal<T>("trunc_normal_", c["args"].toObject(), p, gen);
        NN_VERIFY_EXACT(p.value,
                        matrixFromValues<T>(c["values"].toArray(), p.value.rows(), p.value.cols()));
    };
    if (c["dtype"].toString() == "float64")
        check(0.0);
    else
        check(0.0f);
}

void TestInitExact::networkFloat64() {
    // Network<double>: default inits in node order, each node's scheme, then the
    // lazy layer with the design's scheme, against torch under float64 default dtype.
    const auto linear = [](Index in, Index out, std::optional<InitSpec> init) {
        LayerSpec s;
        s.type = in > 0 ? "Linear" : "LazyLinear";
        s.in_features = in;
        s.out_features = out;
        s.init = std::move(init);
        return s;
    };
    const auto activation = [](const char* type) {
        LayerSpec s;
        s.type = type;
        return s;
    };
    InitSpec kaiming, trunc, normal, xavier;
    kaiming.scheme = "kaiming_normal_";
    kaiming.a = 0.1;
    kaiming.mode = "fan_out";
    trunc.scheme = "trunc_normal_";
    trunc.mean = 0.05;
    trunc.std = 0.3;
    trunc.a = -0.5;
    trunc.b = 0.6;
    normal.scheme = "normal_";
    normal.mean = 0.1;
    normal.std = 0.5;
    xavier.scheme = "xavier_normal_";
    xavier.gain = 1.25;
    const QJsonObject f = m_fixture["network_float64"].toObject();
    Generator gen(static_cast<uint64_t>(f["seed"].toInteger()));
    Network<double> net(6,
                        {linear(6, 20, kaiming), activation("Tanh"), linear(20, 7, trunc),
                         activation("ReLU"), linear(7, 2, normal), linear(0, 3, std::nullopt)},
                        xavier, gen);
    net.materialize(gen);
    const QJsonArray expected = f["parameters"].toArray();
    const auto params = net.namedParameters();
    QCOMPARE(params.size(), size_t(8));
    QCOMPARE(static_cast<qsizetype>(params.size()), expected.size());
    for (size_t i = 0; i < params.size(); ++i) {
        const QJsonObject e = expected[static_cast<qsizetype>(i)].toObject();
        QCOMPARE(QString::fromStdString(params[i].name), e["name"].toString());
        const QString mismatch =
            exactMismatch(params[i].parameter->value, parameterFromJson<double>(e));
        QVERIFY2(mismatch.isEmpty(), qPrintable(e["name"].toString() + ": " + mismatch));
    }
}

void TestInitExact::orthogonal_data() {
    QTest::addColumn<int>("index");
    const QJsonArray cases = m_fixture["orthogonal"].toArray();
    QVERIFY(!cases.isEmpty());
    for (int i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases[i].toObject();
        QTest::newRow(qPrintable(
            QString::fromStdString(shapeString(shapeFromJson(c["shape"]))) +
            QStringLiteral(" %1 gain %2").arg(c["dtype"].toString()).arg(c["gain"].toDouble())))
            << i;
    }
}

void TestInitExact::orthogonal() {
    // The normal draw is PyTorch's bit for bit; the QR is LAPACK's there and
    // Eigen's here. Both are Householder QRs, backward stable, so Q agrees to a
    // few units of rounding per element times the matrix size: 2e-6 in float32
    // and 4e-15 in float64 cover every case (PyTorch's own orthogonality is of
    // the same order).
    QFETCH(int, index);
    const QJsonObject c = m_fixture["orthogonal"].toArray()[index].toObject();
    const auto check = [&c](auto zero, double tol) {
        using T = decltype(zero);
        Parameter<T> p(shapeFromJson(c["shape"]));
        Generator gen(static_cast<uint64_t>(c["seed"].toInteger()));
        init::orthogonal_(p, c["gain"].toDouble(), gen);
        const Matrix<T> expected =
            matrixFromValues<T>(c["values"].toArray(), p.value.rows(), p.value.cols());
        double worst = 0;
        for (Index i = 0; i < p.numel(); ++i)
            worst =
                std::max(worst, std::abs(static_cast<double>(p.data()[i] - expected.data()[i])));
        qInfo("max |LinearLab - torch| = %.3g", worst);
        QVERIFY2(worst <= tol * c["gain"].toDouble(), qPrintable(QString::number(worst)));
    };
    if (c["dtype"].toString() == "float64")
        check(0.0, 4e-15);
    else
        check(0.0f, 2e-6);
}

QTEST_APPLESS_MAIN(TestInitExact)
#include "tst_init_exact.moc"
