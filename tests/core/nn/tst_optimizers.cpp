#include "core/nn/adam.h"
#include "core/nn/adamw.h"
#include "core/nn/optimizer_factory.h"
#include "core/nn/rmsprop.h"
#include "core/nn/sgd.h"

#include "allocation_counter.h"
#include "loss_optim_fixture.h"

#include <QtTest>

#include <memory>

using namespace linearlab::nn;

namespace {

OptimizerOptions optionsFromJson(const QString& type, const QJsonObject& kwargs) {
    OptimizerOptions o;
    o.type = type.toStdString();
    auto number = [&](const char* key, std::optional<double>& field) {
        if (kwargs.contains(key))
            field = kwargs[key].toDouble();
    };
    auto flag = [&](const char* key, std::optional<bool>& field) {
        if (kwargs.contains(key))
            field = kwargs[key].toBool();
    };
    number("lr", o.lr);
    number("momentum", o.momentum);
    number("dampening", o.dampening);
    number("weight_decay", o.weight_decay);
    number("eps", o.eps);
    number("alpha", o.alpha);
    flag("nesterov", o.nesterov);
    flag("amsgrad", o.amsgrad);
    flag("centered", o.centered);
    if (kwargs.contains("betas")) {
        const QJsonArray b = kwargs["betas"].toArray();
        o.betas = std::array<double, 2>{b[0].toDouble(), b[1].toDouble()};
    }
    return o;
}

/// The fixture's (3, 4) weight and (3) bias, and an optimizer over them.
template <typename T>
struct Run {
    Parameter<T> weight{Shape{3, 4}};
    Parameter<T> bias{Shape{3}};
    std::unique_ptr<Optimizer<T>> optimizer;

    Run(const QJsonObject& fixture, const QJsonObject& config) {
        weight.value = lotest::matrixFromJson<T>(fixture["weight"], 3, 4);
        bias.value = lotest::matrixFromJson<T>(fixture["bias"], 1, 3);
        optimizer = makeOptimizer<T>(
            optionsFromJson(config["type"].toString(), config["kwargs"].toObject()),
            {&weight, &bias});
    }
    /// Loads step `k`'s fixed gradients; copies into the existing grad memory.
    void setGrads(const QJsonObject& fixture, int k) {
        const QJsonObject g = fixture["grads"].toArray()[k].toObject();
        weight.grad = lotest::matrixFromJson<T>(g["weight"], 3, 4);
        bias.grad = lotest::matrixFromJson<T>(g["bias"], 1, 3);
    }
};

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
        QVERIFY(m_fixture["configs"].toArray().size() >= 12);
    }

    void trajectoryMatchesPyTorch_data() {
        QTest::addColumn<QJsonObject>("config");
        for (const QJsonValue& c : m_fixture["configs"].toArray())
            QTest::newRow(qPrintable(c["name"].toString())) << c.toObject();
    }
    void trajectoryMatchesPyTorch() {
        QFETCH(QJsonObject, config);
        Run<float> run(m_fixture, config);
        QCOMPARE(QString::fromStdString(run.optimizer->typeName()), config["type"].toString());
        const QJsonArray trajectory = config["trajectory"].toArray();
        const QJsonObject lrChanges = config["lr_changes"].toObject();
        QCOMPARE(trajectory.size(), 20);
        for (int k = 0; k < trajectory.size(); ++k) {
            if (lrChanges.contains(QString::number(k)))
                run.optimizer->setLr(lrChanges[QString::number(k)].toDouble());
            run.setGrads(m_fixture, k);
            run.optimizer->step();
            const QJsonObject expected = trajectory[k].toObject();
            const QByteArray where = "step " + QByteArray::number(k + 1);
            const QString w = lotest::scaledMismatch(
                run.weight.value, lotest::matrixFromJson<float>(expected["weight"], 3, 4), 1e-6);
            QVERIFY2(w.isEmpty(), qPrintable(where + " weight: " + w));
            const QString b = lotest::scaledMismatch(
                run.bias.value, lotest::matrixFromJson<float>(expected["bias"], 1, 3), 1e-6);
            QVERIFY2(b.isEmpty(), qPrintable(where + " bias: " + b));
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
        QTest::newRow("unknown")
            << "Foo" << QJsonObject{}
            << "unknown optimizer 'Foo'; expected one of SGD, Adam, AdamW, RMSprop";
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
