// torch.nn.init and seeded default initialisation. Every random init must equal
// PyTorch's values exactly under the same seed (tst_init_exact sweeps the normal
// family over every size); the normal family must also match in distribution.
#include "core/nn/bilinear.h"
#include "core/nn/init.h"
#include "core/nn/lazy_linear.h"
#include "core/nn/linear.h"
#include "nn_test_support.h"

#include <QtTest>

#include <memory>
#include <stdexcept>

using namespace linearlab::nn;
using namespace nntest;

class TestInit : public QObject {
    Q_OBJECT

private slots:
    void exact_data();
    void exact();
    void seededStack_data();
    void seededStack();
    void seededStackFloat64_data();
    void seededStackFloat64();
    void distribution_data();
    void distribution();
    void normalSmallTensors();
    void truncNormalValues_data();
    void truncNormalValues();
    void orthogonal_data();
    void orthogonal();
    void calculateGain_data();
    void calculateGain();
    void fans_data();
    void fans();
    void zeroElementKaimingDrawsNothing();
    void errors_data();
    void errors();
};

namespace {

QJsonObject functions() {
    return loadFixture("init_functions.json");
}

// float64 cases of every init and float64 layers, from make_init_fixtures.py.
QJsonObject exactFixture() {
    return loadFixture("init_exact.json");
}

QJsonArray exactCases(const QString& source) {
    return source == "init_exact.json" ? exactFixture()["exact_float64"].toArray()
                                       : functions()["exact"].toArray();
}

std::optional<double> optionalDouble(const QJsonValue& v) {
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    return v.toDouble();
}

template <typename T>
void applyExact(const QString& fn, const QJsonObject& args, Parameter<T>& p, Generator& gen) {
    if (fn == "uniform_")
        init::uniform_(p, args["a"].toDouble(), args["b"].toDouble(), gen);
    else if (fn == "xavier_uniform_")
        init::xavier_uniform_(p, args["gain"].toDouble(), gen);
    else if (fn == "kaiming_uniform_")
        init::kaiming_uniform_(p, args["a"].toDouble(), args["mode"].toString().toStdString(),
                               args["nonlinearity"].toString().toStdString(), gen);
    else if (fn == "constant_")
        init::constant_(p, args["val"].toDouble());
    else if (fn == "zeros_")
        init::zeros_(p);
    else if (fn == "ones_")
        init::ones_(p);
    else if (fn == "eye_")
        init::eye_(p);
    else
        QFAIL(qPrintable("unknown init " + fn));
}

template <typename T>
void checkExact(const QJsonObject& c) {
    Parameter<T> p(shapeFromJson(c["shape"]));
    p.value.setConstant(T(7));  // every init must overwrite it
    Generator gen(static_cast<uint64_t>(c["seed"].toInteger()));
    applyExact<T>(c["fn"].toString(), c["args"].toObject(), p, gen);
    const Matrix<T> expected =
        matrixFromValues<T>(c["values"].toArray(), p.value.rows(), p.value.cols());
    NN_VERIFY_EXACT(p.value, expected);
    if (c["bound"].isDouble()) {
        // The bound torch.nn.init computes: every value inside, and the draws reach near it.
        const double bound = c["bound"].toDouble();
        const double maxAbs = static_cast<double>(p.value.cwiseAbs().maxCoeff());
        QVERIFY2(maxAbs <= bound, qPrintable(QStringLiteral("%1 > %2").arg(maxAbs).arg(bound)));
        QVERIFY(maxAbs > 0.8 * bound);
    }
    if (c["fn"].toString() == "uniform_") {
        const QJsonObject args = c["args"].toObject();
        QVERIFY(p.value.minCoeff() >= T(args["a"].toDouble()));
        QVERIFY(p.value.maxCoeff() < T(args["b"].toDouble()));
    }
}

template <typename T>
void checkStack(const QJsonObject& s) {
    const QJsonArray layers = s["layers"].toArray();
    Generator gen(static_cast<uint64_t>(s["seed"].toInteger()));
    std::vector<std::unique_ptr<Module<T>>> modules;
    std::vector<std::pair<LazyLinear<T>*, Index>> lazies;
    for (const QJsonValue& l : layers) {
        const QString type = l["type"].toString();
        const QJsonObject a = l["args"].toObject();
        const bool bias = a["bias"].toBool();
        if (type == "Linear") {
            modules.push_back(std::make_unique<Linear<T>>(
                LinearOptions(a["in_features"].toInt(), a["out_features"].toInt()).bias(bias),
                gen));
        } else if (type == "Bilinear") {
            modules.push_back(std::make_unique<Bilinear<T>>(
                BilinearOptions(a["in1_features"].toInt(), a["in2_features"].toInt(),
                                a["out_features"].toInt())
                    .bias(bias),
                gen));
        } else if (type == "LazyLinear") {
            auto lazy = std::make_unique<LazyLinear<T>>(a["out_features"].toInt(), bias);
            lazies.emplace_back(lazy.get(), a["in_features"].toInt());
            modules.push_back(std::move(lazy));
        } else {
            QFAIL(qPrintable("unknown layer " + type));
        }
    }
    // The first forward materializes the lazy layers, after every eager one.
    for (auto& [lazy, in] : lazies)
        (*lazy)(Tensor<T>::zeros({1, in}), gen);

    QCOMPARE(modules.size(), size_t(7));
    for (size_t i = 0; i < modules.size(); ++i) {
        const QJsonObject l = layers[static_cast<qsizetype>(i)].toObject();
        QCOMPARE(QString::fromStdString(modules[i]->repr()), l["repr"].toString());
        const QJsonArray expected = l["parameters"].toArray();
        const auto params = modules[i]->namedParameters();
        QCOMPARE(params.size(), static_cast<size_t>(expected.size()));
        for (size_t k = 0; k < params.size(); ++k) {
            const QJsonObject e = expected[static_cast<qsizetype>(k)].toObject();
            QCOMPARE(QString::fromStdString(params[k].name), e["name"].toString());
            QCOMPARE(params[k].parameter->shape, shapeFromJson(e["shape"]));
            const QString mismatch =
                exactMismatch(params[k].parameter->value, parameterFromJson<T>(e));
            QVERIFY2(
                mismatch.isEmpty(),
                qPrintable(
                    QStringLiteral("layer %1 %2: %3").arg(i).arg(e["name"].toString(), mismatch)));
        }
    }
    // The generator stands where PyTorch's does after the stack.
    const Matrix<T> next = parameterFromJson<T>(s["next_rand"]);
    Matrix<T> drawn(1, 4);
    for (Index i = 0; i < 4; ++i)
        drawn(0, i) = uniformSample<T>(gen, T(0), T(1));
    NN_VERIFY_EXACT(drawn, next);
}

struct Moments {
    double mean = 0, std = 0, min = 0, max = 0;
};

template <typename T>
Moments moments(const Matrix<T>& m) {
    const Eigen::ArrayXd v = m.template cast<double>().reshaped().array();
    Moments r;
    r.mean = v.mean();
    r.std = std::sqrt((v - r.mean).square().sum() / static_cast<double>(v.size() - 1));
    r.min = v.minCoeff();
    r.max = v.maxCoeff();
    return r;
}

template <typename T>
void checkDistribution(const QJsonObject& c) {
    const QString fn = c["fn"].toString();
    const QJsonObject a = c["args"].toObject();
    Parameter<T> p(shapeFromJson(c["shape"]));
    Generator gen(static_cast<uint64_t>(c["seed"].toInteger()));
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
    const double n = static_cast<double>(p.numel());
    const double mean = c["mean"].toDouble(), std = c["std"].toDouble();
    const Moments m = moments(p.value);
    // Mean within 5 standard errors; the sample std within 2 % (its standard error is ~0.3 %).
    QVERIFY2(std::abs(m.mean - mean) <= 5 * std / std::sqrt(n),
             qPrintable(QStringLiteral("mean %1, expected %2").arg(m.mean).arg(mean)));
    QVERIFY2(std::abs(m.std - std) <= 0.02 * std,
             qPrintable(QStringLiteral("std %1, expected %2").arg(m.std).arg(std)));
    if (fn == "trunc_normal_") {
        const double lo = a["a"].toDouble(), hi = a["b"].toDouble();
        QVERIFY(m.min >= lo && m.max <= hi);
        QVERIFY(m.min < lo + 0.01 * (hi - lo) && m.max > hi - 0.01 * (hi - lo));
    }
}

}  // namespace

void TestInit::exact_data() {
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("index");
    for (const QString source : {"init_functions.json", "init_exact.json"}) {
        const QJsonArray cases = exactCases(source);
        QVERIFY(cases.size() >= 14);
        for (int i = 0; i < cases.size(); ++i) {
            const QJsonObject c = cases[i].toObject();
            QTest::newRow(qPrintable(
                QStringLiteral("%1 %2 seed %3 #%4 %5")
                    .arg(c["fn"].toString(), c["dtype"].toString())
                    .arg(c["seed"].toInteger())
                    .arg(i)
                    .arg(QString::fromUtf8(
                        QJsonDocument(c["args"].toObject()).toJson(QJsonDocument::Compact)))))
                << source << i;
        }
    }
}

void TestInit::exact() {
    QFETCH(QString, source);
    QFETCH(int, index);
    const QJsonObject c = exactCases(source)[index].toObject();
    if (c["dtype"].toString() == "float64")
        checkExact<double>(c);
    else
        checkExact<float>(c);
}

void TestInit::seededStack_data() {
    addSeededStackRows();
}

void TestInit::seededStack() {
    QFETCH(int, stack);
    const QJsonObject s = nntest::seededStack(stack);
    if (s["dtype"].toString() == "float64")
        checkStack<double>(s);
    else
        checkStack<float>(s);
}

void TestInit::seededStackFloat64_data() {
    // Linear, Bilinear and LazyLinear built as Module<double>, against the same
    // layers under torch.set_default_dtype(torch.float64).
    QTest::addColumn<int>("stack");
    const QJsonArray stacks = exactFixture()["stacks_float64"].toArray();
    QCOMPARE(stacks.size(), 3);
    for (int i = 0; i < stacks.size(); ++i)
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(stacks[i]["seed"].toInt()))) << i;
}

void TestInit::seededStackFloat64() {
    QFETCH(int, stack);
    const QJsonObject s = exactFixture()["stacks_float64"].toArray()[stack].toObject();
    QCOMPARE(s["dtype"].toString(), QStringLiteral("float64"));
    checkStack<double>(s);
}

void TestInit::distribution_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<bool>("isDouble");
    const QJsonArray cases = functions()["distribution"].toArray();
    QVERIFY(cases.size() >= 10);
    for (int i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases[i].toObject();
        const QString args =
            QString::fromUtf8(QJsonDocument(c["args"].toObject()).toJson(QJsonDocument::Compact));
        for (bool isDouble : {false, true})
            QTest::newRow(
                qPrintable(QStringLiteral("%1 %2 %3")
                               .arg(c["fn"].toString(), args, isDouble ? "float64" : "float32")))
                << i << isDouble;
    }
}

void TestInit::distribution() {
    QFETCH(int, index);
    QFETCH(bool, isDouble);
    const QJsonObject c = functions()["distribution"].toArray()[index].toObject();
    if (isDouble)
        checkDistribution<double>(c);
    else
        checkDistribution<float>(c);
}

void TestInit::normalSmallTensors() {
    // Fewer than 16 elements take the one-at-a-time Box-Muller path with its cached sine.
    Generator gen(11);
    Matrix<double> all(4000, 15);
    for (Index r = 0; r < all.rows(); ++r) {
        Parameter<double> p({3, 5});
        init::normal_(p, 1.5, 0.5, gen);
        all.row(r) = Eigen::Map<const RowVector<double>>(p.data(), 15);
    }
    const Moments m = moments(all);
    QVERIFY2(std::abs(m.mean - 1.5) < 5 * 0.5 / std::sqrt(60000.0),
             qPrintable(QString::number(m.mean)));
    QVERIFY2(std::abs(m.std - 0.5) < 0.01, qPrintable(QString::number(m.std)));
}

void TestInit::truncNormalValues_data() {
    QTest::addColumn<int>("index");
    const QJsonArray cases = functions()["trunc_normal_values"].toArray();
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(cases[i]["seed"].toInt()))) << i;
}

void TestInit::truncNormalValues() {
    // PyTorch's uniform_, erfinv_, mul_, add_ and clamp_, each rounded as there.
    QFETCH(int, index);
    const QJsonObject c = functions()["trunc_normal_values"].toArray()[index].toObject();
    const QJsonObject a = c["args"].toObject();
    Parameter<float> p(shapeFromJson(c["shape"]));
    Generator gen(static_cast<uint64_t>(c["seed"].toInteger()));
    init::trunc_normal_(p, a["mean"].toDouble(), a["std"].toDouble(), a["a"].toDouble(),
                        a["b"].toDouble(), gen);
    NN_VERIFY_EXACT(p.value,
                    matrixFromValues<float>(c["values"].toArray(), p.value.rows(), p.value.cols()));
}

void TestInit::orthogonal_data() {
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<double>("gain");
    QTest::addColumn<int>("seed");
    for (const QJsonValue& c : functions()["orthogonal"].toArray()) {
        const Shape shape = shapeFromJson(c["shape"]);
        QTest::newRow(qPrintable(QString::fromStdString(shapeString(shape)) +
                                 QStringLiteral(" gain %1").arg(c["gain"].toDouble())))
            << shape << c["gain"].toDouble() << c["seed"].toInt();
    }
}

void TestInit::orthogonal() {
    QFETCH(Shape, shape);
    QFETCH(double, gain);
    QFETCH(int, seed);
    Parameter<float> p(shape);
    Generator gen(static_cast<uint64_t>(seed));
    init::orthogonal_(p, gain, gen);
    // (rows, prod(rest)): rows are orthogonal when rows <= cols, columns otherwise.
    const Index rows = shape[0], cols = p.numel() / rows;
    const Eigen::MatrixXd w = Eigen::Map<const Matrix<float>>(p.data(), rows, cols).cast<double>();
    const Eigen::MatrixXd gram =
        rows <= cols ? Eigen::MatrixXd(w * w.transpose()) : Eigen::MatrixXd(w.transpose() * w);
    const Eigen::MatrixXd target =
        gain * gain * Eigen::MatrixXd::Identity(gram.rows(), gram.cols());
    NN_VERIFY_CLOSE(gram, target, 1e-5);
    // Not a signed identity: some entries are strictly between 0 and gain.
    const Eigen::ArrayXd a = w.reshaped().array().abs();
    QVERIFY(((a > 0.01 * gain) && (a < 0.99 * gain)).any());
}

void TestInit::calculateGain_data() {
    QTest::addColumn<QString>("nonlinearity");
    QTest::addColumn<QJsonValue>("param");
    QTest::addColumn<double>("gain");
    for (const QJsonValue& g : functions()["calculate_gain"].toArray())
        QTest::newRow(qPrintable(g["nonlinearity"].toString() + " " +
                                 QString::number(g["param"].toDouble(-1))))
            << g["nonlinearity"].toString() << g["param"] << g["gain"].toDouble();
}

void TestInit::calculateGain() {
    QFETCH(QString, nonlinearity);
    QFETCH(QJsonValue, param);
    QFETCH(double, gain);
    const double got = init::calculateGain(nonlinearity.toStdString(), optionalDouble(param));
    QVERIFY2(got == gain,
             qPrintable(QStringLiteral("%1 != %2").arg(got, 0, 'g', 17).arg(gain, 0, 'g', 17)));
}

void TestInit::fans_data() {
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<int>("fanIn");
    QTest::addColumn<int>("fanOut");
    for (const QJsonValue& f : functions()["fans"].toArray()) {
        const Shape shape = shapeFromJson(f["shape"]);
        QTest::newRow(shapeString(shape).c_str())
            << shape << f["fan_in"].toInt() << f["fan_out"].toInt();
    }
}

void TestInit::fans() {
    QFETCH(Shape, shape);
    QFETCH(int, fanIn);
    QFETCH(int, fanOut);
    const auto [in, out] = init::calculateFanInAndFanOut(shape);
    QCOMPARE(in, Index(fanIn));
    QCOMPARE(out, Index(fanOut));
}

void TestInit::zeroElementKaimingDrawsNothing() {
    // PyTorch warns "Initializing zero-element tensors is a no-op" and draws nothing.
    Generator gen(4), fresh(4);
    Parameter<float> a({3, 0}), b({0, 4});
    init::kaiming_uniform_(a, 0, "fan_in", "leaky_relu", gen);
    init::kaiming_normal_(b, 0, "fan_out", "relu", gen);
    QCOMPARE(gen.random(), fresh.random());
}

void TestInit::errors_data() {
    QTest::addColumn<QString>("which");
    QTest::newRow("bad mode") << "init_bad_mode";
    QTest::newRow("uniform from > to") << "init_uniform_from_gt_to";
    QTest::newRow("uniform from > to, fractions") << "init_uniform_from_gt_to_fraction";
    QTest::newRow("normal std < 0") << "init_normal_negative_std";
    QTest::newRow("eye_ 3-D") << "init_eye_3d";
    QTest::newRow("orthogonal_ 1-D") << "init_orthogonal_1d";
    QTest::newRow("unknown nonlinearity") << "init_gain_unknown";
    QTest::newRow("fan of 1-D") << "fan_error";
}

void TestInit::errors() {
    QFETCH(QString, which);
    QString expected;
    for (const QJsonValue& e : loadFixture("errors.json")["errors"].toArray())
        if (e["case"].toString() == which)
            expected = e["message"].toString();
    if (which == "fan_error")
        expected = functions()["fan_error"].toString();
    QVERIFY(!expected.isEmpty());

    Generator gen(0);
    Parameter<float> p34({3, 4}), p3({3}), p333({3, 3, 3});
    QString message;
    try {
        if (which == "init_bad_mode")
            init::kaiming_uniform_(p34, 0, "fan_avg", "leaky_relu", gen);
        else if (which == "init_uniform_from_gt_to")
            init::uniform_(p3, 1.0, 0.0, gen);
        else if (which == "init_uniform_from_gt_to_fraction")
            init::uniform_(p3, 0.75, -0.125, gen);
        else if (which == "init_normal_negative_std")
            init::normal_(p3, 0.0, -1.0, gen);
        else if (which == "init_eye_3d")
            init::eye_(p333);
        else if (which == "init_orthogonal_1d")
            init::orthogonal_(p3, 1.0, gen);
        else if (which == "init_gain_unknown")
            init::calculateGain("tanhh");
        else if (which == "fan_error")
            init::calculateFanInAndFanOut({5});
    } catch (const std::invalid_argument& e) {
        message = QString::fromStdString(e.what());
    }
    QCOMPARE(message, expected);
}

QTEST_APPLESS_MAIN(TestInit)
#include "tst_init.moc"
