#include "core/nn/adagrad.h"
#include "core/nn/adam.h"
#include "core/nn/adamax.h"
#include "core/nn/adamw.h"
#include "core/nn/nadam.h"
#include "core/nn/optimizer_factory.h"
#include "core/nn/radam.h"
#include "core/nn/rmsprop.h"
#include "core/nn/sgd.h"

#include "allocation_counter.h"
#include "loss_optim_fixture.h"

#include <QtTest>

#include <algorithm>
#include <memory>
#include <tuple>

using namespace linearlab::nn;

namespace {

/// The fixture's keyword arguments as options, for every keyword the table knows; a
/// name it does not know stays out (and the trajectory then fails).
OptimizerOptions optionsFromJson(const QString& type, const QJsonObject& kwargs) {
    OptimizerOptions o;
    o.type = type.toStdString();
    for (OptimizerKeyword k : optimizerKeywords()) {
        const QJsonValue v = kwargs[keywordName(k)];
        if (v.isUndefined())
            continue;
        switch (keywordKind(k)) {
            case OptimizerValueKind::Number:
                setKeywordValue(o, k, v.toDouble());
                break;
            case OptimizerValueKind::Flag:
                setKeywordValue(o, k, v.toBool());
                break;
            case OptimizerValueKind::Pair:
                setKeywordValue(
                    o, k,
                    std::array<double, 2>{v.toArray()[0].toDouble(), v.toArray()[1].toDouble()});
                break;
        }
    }
    return o;
}

/// The fixture's weight and bias (shapes from the fixture), and an optimizer over them.
template <typename T>
struct Run {
    Index rows, cols, biasSize;
    Parameter<T> weight;
    Parameter<T> bias;
    std::unique_ptr<Optimizer<T>> optimizer;

    Run(const QJsonObject& fixture, const QJsonObject& config)
        : rows(fixture["weight_shape"].toArray()[0].toInt()),
          cols(fixture["weight_shape"].toArray()[1].toInt()),
          biasSize(fixture["bias_shape"].toArray()[0].toInt()),
          weight(Shape{rows, cols}),
          bias(Shape{biasSize}) {
        weight.value = lotest::matrixFromJson<T>(fixture["weight"], rows, cols);
        bias.value = lotest::matrixFromJson<T>(fixture["bias"], 1, biasSize);
        optimizer = makeOptimizer<T>(
            optionsFromJson(config["type"].toString(), config["kwargs"].toObject()),
            {&weight, &bias});
    }
    /// Loads step `k`'s fixed gradients; copies into the existing grad memory.
    void setGrads(const QJsonObject& fixture, int k) {
        const QJsonObject g = fixture["grads"].toArray()[k].toObject();
        weight.grad = lotest::matrixFromJson<T>(g["weight"], rows, cols);
        bias.grad = lotest::matrixFromJson<T>(g["bias"], 1, biasSize);
    }
};

/// Steps `config` through the fixture's gradients and lr changes in T, comparing each step
/// with `trajectoryKey` within `tol` of each tensor's scale; returns the largest error seen
/// in units of that scale.
template <typename T>
double followTrajectory(const QJsonObject& fixture, const QJsonObject& config,
                        const QString& trajectoryKey, double tol) {
    Run<T> run(fixture, config);
    if (QString::fromStdString(run.optimizer->typeName()) != config["type"].toString()) {
        QTest::qFail("typeName differs from the fixture's type", __FILE__, __LINE__);
        return INFINITY;
    }
    const QJsonArray trajectory = config[trajectoryKey].toArray();
    const QJsonObject lrChanges = config["lr_changes"].toObject();
    if (trajectory.size() != fixture["steps"].toInt() || trajectory.size() < 50) {
        QTest::qFail("the fixture's trajectory is too short", __FILE__, __LINE__);
        return INFINITY;
    }
    double worst = 0;
    for (int k = 0; k < trajectory.size(); ++k) {
        if (lrChanges.contains(QString::number(k)))
            run.optimizer->setLr(lrChanges[QString::number(k)].toDouble());
        run.setGrads(fixture, k);
        run.optimizer->step();
        const QJsonObject expected = trajectory[k].toObject();
        const auto w = lotest::matrixFromJson<T>(expected["weight"], run.rows, run.cols);
        const auto b = lotest::matrixFromJson<T>(expected["bias"], 1, run.biasSize);
        for (const auto& [actual, want, name] : {std::tuple{&run.weight.value, &w, "weight"},
                                                 std::tuple{&run.bias.value, &b, "bias"}}) {
            const QString mismatch = lotest::scaledMismatch(*actual, *want, tol);
            if (!mismatch.isEmpty()) {
                QTest::qFail(
                    qPrintable(QStringLiteral("step %1 %2: %3").arg(k + 1).arg(name, mismatch)),
                    __FILE__, __LINE__);
                return INFINITY;
            }
            const double scale = want->cwiseAbs().maxCoeff();
            worst = std::max(worst,
                             static_cast<double>((*actual - *want).cwiseAbs().maxCoeff()) / scale);
        }
    }
    return worst;
}

QString message(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no exception";
}

}  // namespace

class TestOptimizers : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        m_fixture = lotest::loadLossOptimFixture("optimizers.json");
        QVERIFY(m_fixture["configs"].toArray().size() >= 37);
    }

    void trajectoryMatchesPyTorch_data() {
        QTest::addColumn<QJsonObject>("config");
        for (const QJsonValue& c : m_fixture["configs"].toArray())
            QTest::newRow(qPrintable(c["name"].toString())) << c.toObject();
    }
    void trajectoryMatchesPyTorch() {
        QFETCH(QJsonObject, config);
        // Each step follows torch's operations and roundings, so the float32 run is expected
        // to stay on torch's values to the last bit; 1e-6 of the scale leaves room for a
        // libm whose pow differs from the one the fixtures were made with.
        const double worst = followTrajectory<float>(m_fixture, config, "trajectory", 1e-6);
        if (QTest::currentTestFailed())
            return;
        qDebug("float32: largest error %.3g of the scale", worst);
    }

    void float64TrajectoryMatchesPyTorch_data() { trajectoryMatchesPyTorch_data(); }
    void float64TrajectoryMatchesPyTorch() {
        QFETCH(QJsonObject, config);
        const double worst =
            followTrajectory<double>(m_fixture, config, "trajectory_float64", 1e-12);
        if (QTest::currentTestFailed())
            return;
        qDebug("float64: largest error %.3g of the scale", worst);
    }

    void stateTensorsAreTorchs_data() { trajectoryMatchesPyTorch_data(); }
    void stateTensorsAreTorchs() {
        // What the memory budget counts against the tensors torch's optimizer.state holds
        // for a parameter after 50 steps.
        QFETCH(QJsonObject, config);
        const OptimizerOptions o =
            optionsFromJson(config["type"].toString(), config["kwargs"].toObject());
        QCOMPARE(optimizerStateTensors(o), Index(config["state_tensors"].toInt(-1)));
    }

    void everyOptimizerAndKeywordHasATrajectory() {
        // Each optimizer of the table, and each keyword it takes, is exercised by a fixture
        // config that sets it (lr aside, every config of a type sets lr or keeps its default).
        for (const OptimizerInfo& info : optimizerTable()) {
            QSet<QString> covered;
            bool any = false;
            for (const QJsonValue& c : m_fixture["configs"].toArray()) {
                if (c["type"].toString() != QString::fromStdString(info.name))
                    continue;
                any = true;
                for (const QString& key : c["kwargs"].toObject().keys())
                    covered.insert(key);
            }
            QVERIFY2(any, info.name.c_str());
            for (const OptimizerArgument& a : info.arguments)
                if (a.keyword != OptimizerKeyword::lr)
                    QVERIFY2(covered.contains(keywordName(a.keyword)),
                             qPrintable(QString::fromStdString(info.name) + " " +
                                        keywordName(a.keyword)));
        }
    }

    void validationUsesPyTorchWording_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("kwargs");
        QTest::addColumn<QString>("message");
        QTest::newRow("SGD lr") << "SGD" << QJsonObject{{"lr", -0.1}}
                                << "Invalid learning rate: -0.1";
        QTest::newRow("SGD required lr") << "SGD" << QJsonObject{} << "SGD: lr is required";
        QTest::newRow("SGD momentum") << "SGD" << QJsonObject{{"lr", 0.1}, {"momentum", -1}}
                                      << "Invalid momentum value: -1.0";
        QTest::newRow("SGD weight_decay")
            << "SGD" << QJsonObject{{"lr", 0.1}, {"weight_decay", -0.5}}
            << "Invalid weight_decay value: -0.5";
        QTest::newRow("SGD nesterov without momentum")
            << "SGD" << QJsonObject{{"lr", 0.1}, {"nesterov", true}}
            << "Nesterov momentum requires a momentum and zero dampening";
        QTest::newRow("SGD nesterov with dampening")
            << "SGD"
            << QJsonObject{{"lr", 0.1}, {"nesterov", true}, {"momentum", 0.9}, {"dampening", 0.1}}
            << "Nesterov momentum requires a momentum and zero dampening";
        QTest::newRow("Adam lr") << "Adam" << QJsonObject{{"lr", -1}}
                                 << "Invalid learning rate: -1.0";
        QTest::newRow("Adam eps") << "Adam" << QJsonObject{{"eps", -1e-8}}
                                  << "Invalid epsilon value: -1e-08";
        QTest::newRow("Adam beta0") << "Adam" << QJsonObject{{"betas", QJsonArray{1.0, 0.999}}}
                                    << "Invalid beta parameter at index 0: 1.0";
        QTest::newRow("AdamW beta1") << "AdamW" << QJsonObject{{"betas", QJsonArray{0.9, -0.1}}}
                                     << "Invalid beta parameter at index 1: -0.1";
        QTest::newRow("AdamW weight_decay")
            << "AdamW" << QJsonObject{{"weight_decay", -1}} << "Invalid weight_decay value: -1.0";
        QTest::newRow("RMSprop alpha")
            << "RMSprop" << QJsonObject{{"alpha", -0.5}} << "Invalid alpha value: -0.5";
        QTest::newRow("RMSprop momentum")
            << "RMSprop" << QJsonObject{{"momentum", -0.5}} << "Invalid momentum value: -0.5";
        QTest::newRow("RMSprop eps")
            << "RMSprop" << QJsonObject{{"eps", -1}} << "Invalid epsilon value: -1.0";
        QTest::newRow("Adam momentum")
            << "Adam" << QJsonObject{{"momentum", 0.9}}
            << "Adam.__init__() got an unexpected keyword argument 'momentum'";
        QTest::newRow("SGD betas")
            << "SGD" << QJsonObject{{"lr", 0.1}, {"betas", QJsonArray{0.9, 0.99}}}
            << "SGD.__init__() got an unexpected keyword argument 'betas'";
        QTest::newRow("Adagrad lr")
            << "Adagrad" << QJsonObject{{"lr", -0.1}} << "Invalid learning rate: -0.1";
        QTest::newRow("Adagrad lr_decay")
            << "Adagrad" << QJsonObject{{"lr_decay", -1}} << "Invalid lr_decay value: -1.0";
        QTest::newRow("Adagrad weight_decay")
            << "Adagrad" << QJsonObject{{"weight_decay", -1}} << "Invalid weight_decay value: -1.0";
        QTest::newRow("Adagrad initial_accumulator_value")
            << "Adagrad" << QJsonObject{{"initial_accumulator_value", -0.5}}
            << "Invalid initial_accumulator_value value: -0.5";
        QTest::newRow("Adagrad eps")
            << "Adagrad" << QJsonObject{{"eps", -1e-10}} << "Invalid epsilon value: -1e-10";
        QTest::newRow("Adagrad betas")
            << "Adagrad" << QJsonObject{{"betas", QJsonArray{0.9, 0.99}}}
            << "Adagrad.__init__() got an unexpected keyword argument 'betas'";
        QTest::newRow("Adamax beta0") << "Adamax" << QJsonObject{{"betas", QJsonArray{-0.1, 0.9}}}
                                      << "Invalid beta parameter at index 0: -0.1";
        QTest::newRow("Adamax eps")
            << "Adamax" << QJsonObject{{"eps", -1}} << "Invalid epsilon value: -1.0";
        QTest::newRow("Adamax amsgrad")
            << "Adamax" << QJsonObject{{"amsgrad", true}}
            << "Adamax.__init__() got an unexpected keyword argument 'amsgrad'";
        QTest::newRow("NAdam momentum_decay") << "NAdam" << QJsonObject{{"momentum_decay", -1}}
                                              << "Invalid momentum_decay value: -1.0";
        QTest::newRow("NAdam beta1") << "NAdam" << QJsonObject{{"betas", QJsonArray{0.9, 1.0}}}
                                     << "Invalid beta parameter at index 1: 1.0";
        // torch 1.13's NAdam and RAdam have no maximize keyword.
        QTest::newRow("NAdam maximize")
            << "NAdam" << QJsonObject{{"maximize", true}}
            << "NAdam.__init__() got an unexpected keyword argument 'maximize'";
        QTest::newRow("RAdam maximize")
            << "RAdam" << QJsonObject{{"maximize", false}}
            << "RAdam.__init__() got an unexpected keyword argument 'maximize'";
        QTest::newRow("RAdam weight_decay")
            << "RAdam" << QJsonObject{{"weight_decay", -0.1}} << "Invalid weight_decay value: -0.1";
        QTest::newRow("RAdam momentum_decay")
            << "RAdam" << QJsonObject{{"momentum_decay", 0.004}}
            << "RAdam.__init__() got an unexpected keyword argument 'momentum_decay'";
        QTest::newRow("SGD lr_decay")
            << "SGD" << QJsonObject{{"lr", 0.1}, {"lr_decay", 0.1}}
            << "SGD.__init__() got an unexpected keyword argument 'lr_decay'";
        QTest::newRow("unknown") << "Foo" << QJsonObject{}
                                 << "unknown optimizer 'Foo'; expected one of SGD, Adam, AdamW, "
                                    "RMSprop, Adagrad, Adamax, NAdam, RAdam";
    }
    void validationUsesPyTorchWording() {
        QFETCH(QString, type);
        QFETCH(QJsonObject, kwargs);
        QFETCH(QString, message);
        Parameter<float> p(Shape{2});
        QCOMPARE(::message([&] { makeOptimizer<float>(optionsFromJson(type, kwargs), {&p}); }),
                 message);
    }

    void emptyParameterListIsAnError() {
        QCOMPARE(message([] { SGD<float>({}, 0.1); }), "optimizer got an empty parameter list");
    }

    void defaults() {
        Parameter<double> p(Shape{2});
        OptimizerOptions o;
        o.type = "Adam";
        QCOMPARE(makeOptimizer<double>(o, {&p})->lr(), 1e-3);
        o.type = "RMSprop";
        auto rms = makeOptimizer<double>(o, {&p});
        QCOMPARE(rms->lr(), 1e-2);
        QCOMPARE(dynamic_cast<RMSprop<double>&>(*rms).alpha(), 0.99);
        o.type = "AdamW";
        auto adamw = makeOptimizer<double>(o, {&p});
        QCOMPARE(QString::fromStdString(adamw->typeName()), "AdamW");
        QCOMPARE(dynamic_cast<Adam<double>&>(*adamw).weightDecay(), 1e-2);
        QCOMPARE(dynamic_cast<Adam<double>&>(*adamw).betas()[1], 0.999);
        o.type = "Adam";
        QCOMPARE(dynamic_cast<Adam<double>&>(*makeOptimizer<double>(o, {&p})).weightDecay(), 0.0);
        QVERIFY(!dynamic_cast<Adam<double>&>(*makeOptimizer<double>(o, {&p})).maximize());
        o.type = "Adagrad";
        auto adagrad = makeOptimizer<double>(o, {&p});
        auto& ag = dynamic_cast<Adagrad<double>&>(*adagrad);
        QCOMPARE(ag.lr(), 1e-2);
        QCOMPARE(ag.lrDecay(), 0.0);
        QCOMPARE(ag.initialAccumulatorValue(), 0.0);
        QCOMPARE(ag.eps(), 1e-10);
        o.type = "Adamax";
        QCOMPARE(makeOptimizer<double>(o, {&p})->lr(), 2e-3);
        o.type = "NAdam";
        auto nadam = makeOptimizer<double>(o, {&p});
        QCOMPARE(nadam->lr(), 2e-3);
        QCOMPARE(dynamic_cast<NAdam<double>&>(*nadam).momentumDecay(), 4e-3);
        o.type = "RAdam";
        auto radam = makeOptimizer<double>(o, {&p});
        QCOMPARE(radam->lr(), 1e-3);
        QCOMPARE(dynamic_cast<RAdam<double>&>(*radam).betas()[0], 0.9);
    }

    void adagradStartsFromTheInitialAccumulator() {
        // One step from sum = 3 with grad 1: param -= lr * 1 / (sqrt(3 + 1) + eps) = 0.05.
        Parameter<double> p(Shape{1});
        p.grad.setConstant(1);
        Adagrad<double> adagrad({&p}, 0.1, 0, 0, 3.0, 0);
        adagrad.step();
        QCOMPARE(p.value(0, 0), -0.05);
        // lr_decay divides the second step's rate by 1 + 1 * lr_decay; reset restarts both.
        Adagrad<double> decayed({&p}, 0.1, 1.0, 0, 0, 0);
        p.value.setZero();
        decayed.step();  // sum 1: -0.1
        decayed.step();  // sum 2, clr 0.05: -0.05 / sqrt(2)
        QCOMPARE(p.value(0, 0), -0.1 - 0.05 / std::sqrt(2.0));
        decayed.resetState();
        QCOMPARE(decayed.stepCount(), 0LL);
        p.value.setZero();
        decayed.step();
        QCOMPARE(p.value(0, 0), -0.1);
    }

    void setLrTakesEffectAtTheNextStep() {
        // SGD without momentum moves by exactly lr * grad, so the rate in use is visible.
        Parameter<double> p(Shape{1});
        p.grad.setConstant(1);
        SGD<double> sgd({&p}, 0.5);
        sgd.step();
        QCOMPARE(p.value(0, 0), -0.5);
        sgd.setLr(0.25);
        QCOMPARE(sgd.lr(), 0.25);
        sgd.step();
        QCOMPARE(p.value(0, 0), -0.75);
        QCOMPARE(message([&] { sgd.setLr(-1); }), "Invalid learning rate: -1.0");
        QCOMPARE(sgd.lr(), 0.25);
    }

    void resetStateActsAsFreshOptimizer_data() { trajectoryMatchesPyTorch_data(); }
    void resetStateActsAsFreshOptimizer() {
        QFETCH(QJsonObject, config);
        Run<float> used(m_fixture, config);
        for (int k = 0; k < 5; ++k) {
            used.setGrads(m_fixture, k);
            used.optimizer->step();
        }
        used.optimizer->resetState();
        // A fresh optimizer from the same point and the reset one must agree bit for bit.
        Run<float> fresh(m_fixture, config);
        fresh.weight.value = used.weight.value;
        fresh.bias.value = used.bias.value;
        for (int k = 0; k < 5; ++k) {
            used.setGrads(m_fixture, k);
            fresh.setGrads(m_fixture, k);
            used.optimizer->step();
            fresh.optimizer->step();
        }
        QCOMPARE(used.weight.value, fresh.weight.value);
        QCOMPARE(used.bias.value, fresh.bias.value);
    }

    void zeroGradKeepsMemory() {
        Parameter<float> w(Shape{3, 4}), b(Shape{3});
        w.grad.setConstant(2);
        b.grad.setConstant(-1);
        const float* memory = w.grad.data();
        Adam<float> adam({&w, &b});
        adam.zeroGrad();
        QCOMPARE(w.grad, Matrix<float>(Matrix<float>::Zero(3, 4)));
        QCOMPARE(b.grad, Matrix<float>(Matrix<float>::Zero(1, 3)));
        QCOMPARE(w.grad.data(), memory);
    }

    void convergesOnAQuadratic_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("kwargs");
        QTest::newRow("SGD") << "SGD" << QJsonObject{{"lr", 0.1}};
        QTest::newRow("SGD nesterov")
            << "SGD" << QJsonObject{{"lr", 0.05}, {"momentum", 0.9}, {"nesterov", true}};
        QTest::newRow("Adam") << "Adam" << QJsonObject{{"lr", 0.05}};
        QTest::newRow("AdamW") << "AdamW" << QJsonObject{{"lr", 0.05}, {"weight_decay", 0.0}};
        QTest::newRow("RMSprop") << "RMSprop" << QJsonObject{{"lr", 0.01}, {"centered", true}};
        QTest::newRow("Adagrad") << "Adagrad" << QJsonObject{{"lr", 0.5}};
        QTest::newRow("Adamax") << "Adamax" << QJsonObject{{"lr", 0.05}};
        QTest::newRow("NAdam") << "NAdam" << QJsonObject{{"lr", 0.05}};
        QTest::newRow("RAdam") << "RAdam" << QJsonObject{{"lr", 0.05}};
    }

    void maximizeClimbs_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("kwargs");
        QTest::newRow("SGD") << "SGD" << QJsonObject{{"lr", 0.1}, {"momentum", 0.5}};
        QTest::newRow("Adam") << "Adam" << QJsonObject{{"lr", 0.05}};
        QTest::newRow("AdamW") << "AdamW" << QJsonObject{{"lr", 0.05}, {"weight_decay", 0.0}};
        QTest::newRow("RMSprop") << "RMSprop" << QJsonObject{{"lr", 0.01}};
        QTest::newRow("Adagrad") << "Adagrad" << QJsonObject{{"lr", 0.5}};
        QTest::newRow("Adamax") << "Adamax" << QJsonObject{{"lr", 0.05}};
    }
    void maximizeClimbs() {
        QFETCH(QString, type);
        QFETCH(QJsonObject, kwargs);
        // f(w) = -0.5 ||w - w*||^2 has its maximum at w*: grad = w* - w.
        kwargs["maximize"] = true;
        Parameter<double> w(Shape{2, 3});
        Matrix<double> target(2, 3);
        target << 1, -2, 3, 0.5, -0.25, 2;
        auto opt = makeOptimizer<double>(optionsFromJson(type, kwargs), {&w});
        for (int k = 0; k < 2000; ++k) {
            w.grad = target - w.value;
            opt->step();
        }
        QVERIFY2((w.value - target).norm() < 1e-2,
                 qPrintable(QStringLiteral("distance %1").arg((w.value - target).norm())));
    }
    void convergesOnAQuadratic() {
        QFETCH(QString, type);
        QFETCH(QJsonObject, kwargs);
        // f(w) = 0.5 ||w - w*||^2, grad = w - w*
        Parameter<double> w(Shape{2, 3});
        Matrix<double> target(2, 3);
        target << 1, -2, 3, 0.5, -0.25, 2;
        auto opt = makeOptimizer<double>(optionsFromJson(type, kwargs), {&w});
        for (int k = 0; k < 2000; ++k) {
            w.grad = w.value - target;
            opt->step();
        }
        QVERIFY2((w.value - target).norm() < 1e-2,
                 qPrintable(QStringLiteral("distance %1").arg((w.value - target).norm())));
    }

    void allocationCounterSeesEigenAndNew() {
        // Guards the test below: the counter must see both kinds of allocation.
        linearlab::test::AllocationCounter counter;
        // The pointers escape through volatiles so the optimiser cannot elide the pairs.
        Matrix<float> m(7, 9);
        float* volatile escaped = m.data();
        (void)escaped;
        QVERIFY(counter.stop() > 0);
        linearlab::test::AllocationCounter counter2;
        int* volatile boxed = new int(3);
        delete boxed;
        QVERIFY(counter2.stop() > 0);
    }

    void stepDoesNotAllocateAfterTheFirst_data() { trajectoryMatchesPyTorch_data(); }
    void stepDoesNotAllocateAfterTheFirst() {
        QFETCH(QJsonObject, config);
        Run<float> run(m_fixture, config);
        run.setGrads(m_fixture, 0);
        run.optimizer->step();
        linearlab::test::AllocationCounter counter;
        for (int k = 0; k < 10; ++k) {
            run.optimizer->setLr(run.optimizer->lr() * 0.9);
            run.optimizer->step();
            if (k == 4)
                run.optimizer->resetState();  // a Reset reuses the buffers too
        }
        run.optimizer->zeroGrad();
        QCOMPARE(counter.stop(), 0L);
    }

private:
    QJsonObject m_fixture;
};

QTEST_APPLESS_MAIN(TestOptimizers)
#include "tst_optimizers.moc"
