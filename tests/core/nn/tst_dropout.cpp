// Dropout: the identity in eval mode (the default, as for linearlab-cli eval);
// while training, values kept with probability 1 - p and scaled by torch's
// 1 / (1 - p) in each precision, the backward through the same mask, nothing
// drawn for p = 0, and no allocation once the largest batch has been seen.
// torch's own masks are not reproduced, so no test compares one.
#include "allocation_counter.h"
#include "core/nn/dropout.h"
#include "core/nn/layer_table.h"
#include "core/nn/network.h"
#include "nn_test_support.h"

#include <QtTest>

using namespace linearlab::nn;
using namespace nntest;

class TestDropout : public QObject {
    Q_OBJECT

private slots:
    void reprAndErrorsAreTorchs();
    void evalIsTheIdentity();
    void trainingKeepsOneMinusPScaled_data();
    void trainingKeepsOneMinusPScaled();
    void pZeroDrawsNothing();
    void networkTrainsOnlyWhenAsked();
    void noAllocationOnceTheLargestBatchIsSeen();
};

namespace {

QJsonObject fixture() {
    return loadFixture("dropout.json");
}

LayerSpec dropoutSpec(const PythonNumber& p) {
    LayerSpec spec = layerType("Dropout").defaultSpec(1);
    spec.setNumber("p", p);
    return spec;
}

}  // namespace

void TestDropout::reprAndErrorsAreTorchs() {
    for (const QJsonValue r : fixture()["reprs"].toArray()) {
        LayerSpec spec = layerType("Dropout").defaultSpec(1);
        if (r["args"].toObject().contains("p"))
            spec.setNumber("p",
                           PythonNumber(r["args"]["p"].toDouble(),
                                        r["int_args"].toArray().contains(QStringLiteral("p"))));
        QCOMPARE(QString::fromStdString(layerType("Dropout").repr(spec)), r["repr"].toString());
        Generator gen(0);
        QCOMPARE(QString::fromStdString(makeModule<float>(spec, gen)->repr()),
                 r["repr"].toString());
    }
    QCOMPARE(layerType("Dropout").pythonConstructor(layerType("Dropout").defaultSpec(1)),
             std::string("nn.Dropout(p=0.5)"));
    for (const QJsonValue e : fixture()["errors"].toArray()) {
        try {
            layerType("Dropout").outputShape(dropoutSpec(e["p"].toDouble()), {2, 3}, {});
            QFAIL("no error");
        } catch (const std::invalid_argument& error) {
            QCOMPARE(QString(error.what()), e["message"].toString());
        }
    }
}

void TestDropout::evalIsTheIdentity() {
    QVERIFY(fixture()["eval_is_identity"].toBool());
    Dropout<float> d(0.5);
    const Matrix<float> x = testMatrix(3, 4, 1).cast<float>();
    Matrix<float> y, gx;
    d.forward(x, y);
    NN_VERIFY_EXACT(y, x);
    d.backward(x, y, x, &gx);
    NN_VERIFY_EXACT(gx, x);
    Generator gen(1);
    d.setTraining(true, &gen);
    d.setTraining(false, &gen);  // model.eval() again
    d.forward(x, y);
    NN_VERIFY_EXACT(y, x);
}

void TestDropout::trainingKeepsOneMinusPScaled_data() {
    QTest::addColumn<double>("p");
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<double>("scale");
    for (const QJsonValue s : fixture()["scales"].toArray())
        QTest::newRow(
            qPrintable(QStringLiteral("p=%1 %2").arg(s["p"].toDouble()).arg(s["dtype"].toString())))
            << s["p"].toDouble() << s["dtype"].toString() << s["scale"].toDouble();
}

namespace {

template <typename T>
void checkMask(double p, double scale) {
    Dropout<T> d(p);
    Generator gen(7);
    d.setTraining(true, &gen);
    const Index n = 20000;
    const Matrix<T> x = Matrix<T>::Ones(100, n / 100);
    Matrix<T> y, gx;
    d.forward(x, y);
    Index kept = 0;
    for (Index i = 0; i < y.size(); ++i) {
        QVERIFY(y.data()[i] == T(0) || y.data()[i] == T(scale));  // torch's 1 / (1 - p)
        kept += y.data()[i] != T(0);
    }
    // Binomial(n, 1 - p): within 5 standard deviations.
    const double sd = std::sqrt(n * p * (1 - p));
    QVERIFY2(std::abs(double(kept) - n * (1 - p)) < 5 * sd, qPrintable(QString::number(kept)));
    d.backward(x, y, x, &gx);  // the same mask: d(x * noise)/dx = noise
    NN_VERIFY_EXACT(gx, y);
    Matrix<T> again;
    d.forward(x, again);
    QVERIFY(again != y);  // a new mask for every batch
}

}  // namespace

void TestDropout::trainingKeepsOneMinusPScaled() {
    QFETCH(double, p);
    QFETCH(QString, dtype);
    QFETCH(double, scale);
    if (dtype == "float32")
        checkMask<float>(p, scale);
    else
        checkMask<double>(p, scale);
}

void TestDropout::pZeroDrawsNothing() {
    // torch's dropout returns its input for p = 0 without touching the generator,
    // so a design with Dropout(p=0) trains exactly as PyTorch's does.
    Dropout<float> d(0.0);
    Generator gen(3);
    d.setTraining(true, &gen);
    const Matrix<float> x = testMatrix(4, 5, 2).cast<float>();
    Matrix<float> y;
    d.forward(x, y);
    NN_VERIFY_EXACT(y, x);
    QCOMPARE(gen.random(), Generator(3).random());
    Dropout<float> all(1);  // p = 1 zeroes everything
    all.setTraining(true, &gen);
    all.forward(x, y);
    NN_VERIFY_EXACT(y, Matrix<float>(Matrix<float>::Zero(4, 5)));
}

void TestDropout::networkTrainsOnlyWhenAsked() {
    LayerSpec linear = layerType("Linear").defaultSpec(4);
    Generator gen(0);
    Network<double> net(4, {linear, dropoutSpec(0.5)}, InitSpec{}, gen);
    QCOMPARE(net.namedParameters().size(), size_t(2));  // Dropout has none
    const Matrix<double> x = testMatrix(6, 4, 5);
    const Matrix<double> eval = net.forward(x);
    QCOMPARE(net.forward(x), eval);  // eval mode, the default: no mask
    Generator masks(9);
    net.setTraining(true, &masks);
    const Matrix<double> trained = net.forward(x);
    QVERIFY(trained != eval);
    for (Index i = 0; i < trained.size(); ++i)
        QVERIFY(trained.data()[i] == 0 || trained.data()[i] == 2 * eval.data()[i]);
    net.setTraining(false);
    QCOMPARE(net.forward(x), eval);
}

void TestDropout::noAllocationOnceTheLargestBatchIsSeen() {
    Dropout<float> d(0.3);
    Generator gen(4);
    d.setTraining(true, &gen);
    const Matrix<float> big = testMatrix(32, 8, 1).cast<float>();
    const Matrix<float> small = testMatrix(20, 8, 2).cast<float>();
    Matrix<float> yBig, ySmall, gBig, gSmall;
    d.forward(big, yBig);
    d.backward(big, yBig, big, &gBig);
    d.forward(small, ySmall);
    d.backward(small, ySmall, small, &gSmall);
    linearlab::test::AllocationCounter counter;
    for (int i = 0; i < 3; ++i) {
        d.forward(big, yBig);
        d.backward(big, yBig, big, &gBig);
        d.forward(small, ySmall);
        d.backward(small, ySmall, small, &gSmall);
    }
    QCOMPARE(counter.stop(), 0L);
}

QTEST_APPLESS_MAIN(TestDropout)
#include "tst_dropout.moc"
