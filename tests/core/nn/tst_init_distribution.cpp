// parameterInit: what each init draws from. The bounds and stds equal the ones
// torch.nn.init computes (tests/fixtures/nn/init_functions.json), Linear's
// default is U(-1/√in_features, 1/√in_features) for weight and bias, Bilinear's
// U(-1/√in1_features, ...), and the values a network draws lie inside them.
#include "core/nn/init_distribution.h"

#include "core/nn/network.h"
#include "nn_test_support.h"

#include <QtTest>

#include <cmath>

using namespace linearlab;
using namespace linearlab::nn;
using Kind = InitDistribution::Kind;

class TestInitDistribution : public QObject {
    Q_OBJECT

private slots:
    void boundsAndStdsAreTorchs_data();
    void boundsAndStdsAreTorchs();
    void linearDefault();
    void bilinearDefault();
    void biasIgnoresTheScheme();
    void drawnValuesLieWithinTheBound();
    void layersWithoutParametersAreRefused();
};

namespace {

LayerSpec linear(Index in, Index out) {
    LayerSpec s;
    s.type = "Linear";
    s.in_features = in;
    s.out_features = out;
    return s;
}

InitSpec schemeFrom(const QString& fn, const QJsonObject& args) {
    InitSpec s;
    s.scheme = fn.toStdString();
    if (args.contains("gain"))
        s.gain = args["gain"].toDouble();
    if (args.contains("a"))
        s.a = args["a"].toDouble();
    if (args.contains("b"))
        s.b = args["b"].toDouble();
    if (args.contains("mode"))
        s.mode = args["mode"].toString().toStdString();
    if (args.contains("nonlinearity"))
        s.nonlinearity = args["nonlinearity"].toString().toStdString();
    if (args.contains("mean"))
        s.mean = args["mean"].toDouble();
    if (args.contains("std"))
        s.std = args["std"].toDouble();
    return s;
}

}  // namespace

void TestInitDistribution::boundsAndStdsAreTorchs_data() {
    QTest::addColumn<QJsonObject>("entry");
    QTest::addColumn<bool>("isBound");
    const QJsonObject f = nntest::loadFixture("init_functions.json");
    int i = 0;
    for (const QJsonValue& v : f["exact"].toArray())
        if (!v["bound"].isNull())
            QTest::addRow("%s_%d", qPrintable(v["fn"].toString()), i++) << v.toObject() << true;
    for (const QJsonValue& v : f["distribution"].toArray())
        if (v["fn"].toString() != "trunc_normal_")  // its std there is the cut one's
            QTest::addRow("%s_%d", qPrintable(v["fn"].toString()), i++) << v.toObject() << false;
}

void TestInitDistribution::boundsAndStdsAreTorchs() {
    QFETCH(QJsonObject, entry);
    QFETCH(bool, isBound);
    const Shape shape = nntest::shapeFromJson(entry["shape"]);
    const InitDistribution d =
        parameterInit(linear(1, 1), "weight", shape,
                      schemeFrom(entry["fn"].toString(), entry["args"].toObject()));
    if (isBound) {
        QCOMPARE(d.kind, Kind::Uniform);
        const double bound = entry["bound"].toDouble();
        QVERIFY2(std::abs(d.high - bound) <= 1e-15 * bound,
                 qPrintable(QString::number(d.high, 'g', 17)));
        QCOMPARE(d.low, -d.high);
    } else {
        QCOMPARE(d.kind, Kind::Normal);
        const double std = entry["std"].toDouble();
        QVERIFY2(std::abs(d.std - std) <= 1e-15 * std, qPrintable(QString::number(d.std, 'g', 17)));
    }
}

void TestInitDistribution::linearDefault() {
    const InitDistribution w = parameterInit(linear(20, 40), "weight", {40, 20}, InitSpec{});
    QCOMPARE(w.kind, Kind::Uniform);
    QVERIFY(std::abs(w.high - 1 / std::sqrt(20.0)) < 1e-16);
    QCOMPARE(w.call, std::string("init.kaiming_uniform_(self.weight, a=math.sqrt(5))"));
    QVERIFY(w.formula.find("1/√20 = 0.2236") != std::string::npos);
    const InitDistribution b = parameterInit(linear(20, 40), "bias", {40, 20}, InitSpec{});
    QCOMPARE(b.high, 1 / std::sqrt(20.0));
    QCOMPARE(b.low, -b.high);
}

void TestInitDistribution::bilinearDefault() {
    LayerSpec s;
    s.type = "Bilinear";
    s.in1_features = 3;
    s.in2_features = 7;
    s.out_features = 2;
    const InitDistribution w = parameterInit(s, "weight", {2, 3, 7}, InitSpec{});
    QCOMPARE(w.high, 1 / std::sqrt(3.0));
    QCOMPARE(parameterInit(s, "bias", {2, 3, 7}, InitSpec{}).high, 1 / std::sqrt(3.0));
    QVERIFY(w.formula.find("1/√in1_features = 1/√3 = 0.5774") != std::string::npos);
}

void TestInitDistribution::biasIgnoresTheScheme() {
    InitSpec xavier;
    xavier.scheme = "xavier_uniform_";
    const InitDistribution b = parameterInit(linear(20, 40), "bias", {40, 20}, xavier);
    QCOMPARE(b.high, 1 / std::sqrt(20.0));  // as Network::applyInit: weights only
}

void TestInitDistribution::drawnValuesLieWithinTheBound() {
    for (const char* scheme : {"default", "xavier_uniform_", "kaiming_uniform_", "uniform_"}) {
        InitSpec s;
        s.scheme = scheme;
        Generator gen(0);
        Network<float> net(20, {linear(20, 40)}, s, gen);
        const auto params = net.namedParameters();
        const InitDistribution d = parameterInit(linear(20, 40), "weight", {40, 20}, s);
        const auto& w = params[0].parameter->value;
        QVERIFY2(
            w.minCoeff() >= static_cast<float>(d.low) && w.maxCoeff() <= static_cast<float>(d.high),
            scheme);
        // ... and fill it: the extremes of 800 draws come within 1% of the ends.
        QVERIFY2(w.maxCoeff() > static_cast<float>(d.high - 0.01 * (d.high - d.low)), scheme);
    }
}

void TestInitDistribution::layersWithoutParametersAreRefused() {
    LayerSpec relu;
    relu.type = "ReLU";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             parameterInit(relu, "weight", {1, 1}, InitSpec{}));
}

QTEST_MAIN(TestInitDistribution)
#include "tst_init_distribution.moc"
