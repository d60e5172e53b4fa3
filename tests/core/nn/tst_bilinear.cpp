// torch.nn.Bilinear: hand-worked forward/backward (which also pins the weight's
// (out, in1, in2) memory order), float64 finite differences for both inputs,
// PyTorch golden numbers, seeded default init and at::bilinear's error wording.
#include "core/nn/bilinear.h"
#include "core/nn/linear.h"
#include "nn_test_support.h"

#include <QtTest>

#include <stdexcept>

using namespace linearlab::nn;
using namespace nntest;

class TestBilinear : public QObject {
    Q_OBJECT

private slots:
    void forwardHandWorked();
    void backwardHandWorked();
    void gradientCheck_data();
    void gradientCheck();
    void gradientCheckOneInput();
    void golden_data();
    void golden();
    void seededInit_data();
    void seededInit();
    void errors_data();
    void errors();
    void constructionErrors_data();
    void constructionErrors();
    void zeroRows();
    void biasFalse();
    void repr();
    void trainingConverges();
};

namespace {

// Bilinear(2, 3, 2): A_0 = [[1, 0, 2], [0, 1, 0]], A_1 = [[0, 1, 0], [1, 0, -1]], b = [0.5, -1].
template <typename T>
Bilinear<T> handBilinear(Generator& gen) {
    Bilinear<T> b(BilinearOptions(2, 3, 2), gen);
    b.weight().value << 1, 0, 2, 0, 1, 0,  // A_0, row-major (in1, in2)
        0, 1, 0, 1, 0, -1;                 // A_1
    b.bias().value << 0.5, -1;
    return b;
}

QJsonArray bilinearCases() {
    return loadFixture("layers.json")["bilinear"].toArray();
}

QString errorMessage(const QString& which) {
    for (const QJsonValue& e : loadFixture("errors.json")["errors"].toArray())
        if (e["case"].toString() == which)
            return e["message"].toString();
    return QStringLiteral("<missing fixture case %1>").arg(which);
}

}  // namespace

void TestBilinear::forwardHandWorked() {
    Generator gen(0);
    auto b = handBilinear<float>(gen);
    QCOMPARE(b.weight().shape, (Shape{2, 2, 3}));
    Matrix<float> x1(2, 2), x2(2, 3), y;
    x1 << 1, 2,  //
        0, 1;
    x2 << 3, -1, 2,  //
        1, 1, 1;
    b.forward(x1, x2, y);
    // Row 0: A_0 x2 = [7, -1], x1 . = 5 -> 5.5; A_1 x2 = [-1, 1], x1 . = 1 -> 0.
    // Row 1: A_0 x2 = [3, 1], x1 . = 1 -> 1.5; A_1 x2 = [1, 0], x1 . = 0 -> -1.
    Matrix<float> expected(2, 2);
    expected << 5.5f, 0, 1.5f, -1;
    NN_VERIFY_EXACT(y, expected);

    // 1-D inputs give a 1-D output.
    const Tensor<float> y1 =
        b(Tensor<float>({2}, x1.topRows(1)), Tensor<float>({3}, x2.topRows(1)));
    QCOMPARE(y1.shape, (Shape{2}));
    NN_VERIFY_EXACT(y1.values, expected.topRows(1));
}

void TestBilinear::backwardHandWorked() {
    Generator gen(0);
    auto b = handBilinear<double>(gen);
    Matrix<double> x1(1, 2), x2(1, 3), y, gy(1, 2), gx1, gx2;
    x1 << 1, 2;
    x2 << 3, -1, 2;
    gy << 1, 0;
    b.forward(x1, x2, y);
    b.zeroGrad();
    b.backward(x1, x2, gy, &gx1, &gx2);
    Matrix<double> egx1(1, 2), egx2(1, 3), egw(2, 6), egb(1, 2);
    egx1 << 7, -1;                                // A_0 x2
    egx2 << 1, 2, 2;                              // A_0^T x1
    egw << 3, -1, 2, 6, -2, 4, 0, 0, 0, 0, 0, 0;  // dA_0 = x1 x2^T, dA_1 = 0
    egb << 1, 0;
    NN_VERIFY_EXACT(gx1, egx1);
    NN_VERIFY_EXACT(gx2, egx2);
    NN_VERIFY_EXACT(b.weight().grad, egw);
    NN_VERIFY_EXACT(b.bias().grad, egb);
}

void TestBilinear::gradientCheck_data() {
    QTest::addColumn<int>("in1");
    QTest::addColumn<int>("in2");
    QTest::addColumn<int>("out");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<int>("rows");
    QTest::newRow("3x4->2") << 3 << 4 << 2 << true << 5;
    QTest::newRow("in1 > in2") << 5 << 2 << 3 << true << 3;
    QTest::newRow("no bias") << 2 << 3 << 4 << false << 4;
    QTest::newRow("one row") << 4 << 4 << 1 << true << 1;
}

void TestBilinear::gradientCheck() {
    QFETCH(int, in1);
    QFETCH(int, in2);
    QFETCH(int, out);
    QFETCH(bool, bias);
    QFETCH(int, rows);
    Generator gen(9);
    Bilinear<double> b(BilinearOptions(in1, in2, out).bias(bias), gen);
    Matrix<double> x1 = testMatrix(rows, in1, 1), x2 = testMatrix(rows, in2, 2);
    const Matrix<double> g = testMatrix(rows, out, 3);
    // The loss runs on a twin so the checked module keeps this batch's outer products.
    Generator gen2(9);
    Bilinear<double> twin(BilinearOptions(in1, in2, out).bias(bias), gen2);
    auto loss = [&] {
        twin.weight().value = b.weight().value;
        if (bias)
            twin.bias().value = b.bias().value;
        Matrix<double> yy;
        twin.forward(x1, x2, yy);
        return (yy.array() * g.array()).sum();
    };
    Matrix<double> y, gx1, gx2;
    b.forward(x1, x2, y);
    b.zeroGrad();
    b.backward(x1, x2, g, &gx1, &gx2);
    QVERIFY(gx1.norm() > 0 && gx2.norm() > 0 && b.weight().grad.norm() > 0);
    const Matrix<double> gw = b.weight().grad;
    QVERIFY2(gradientRelativeError(x1, gx1, loss) < 1e-7, "input1");
    QVERIFY2(gradientRelativeError(x2, gx2, loss) < 1e-7, "input2");
    QVERIFY2(gradientRelativeError(b.weight().value, gw, loss) < 1e-7, "weight");
    if (bias) {
        const Matrix<double> gb = b.bias().grad;
        QVERIFY2(gradientRelativeError(b.bias().value, gb, loss) < 1e-7, "bias");
    }
    // Swapping the input gradients (a classic slip) must be caught when in1 == in2.
    if (in1 == in2)
        QVERIFY(gradientRelativeError(x1, gx2, loss) > 1e-3);
}

void TestBilinear::gradientCheckOneInput() {
    // One tensor fed to both inputs: dx is the sum of the two input gradients.
    Generator gen(4), gen2(4);
    Bilinear<double> b(BilinearOptions(3, 3, 2), gen);
    Bilinear<double> twin(BilinearOptions(3, 3, 2), gen2);
    Matrix<double> x = testMatrix(4, 3, 5);
    const Matrix<double> g = testMatrix(4, 2, 6);
    auto loss = [&] {
        Matrix<double> yy;
        twin.forward(x, yy);
        return (yy.array() * g.array()).sum();
    };
    Matrix<double> y, gx;
    b.forward(x, y);
    QCOMPARE(b.outputShape(Shape{4, 3}), (Shape{4, 2}));
    b.zeroGrad();
    b.backward(x, y, g, &gx);
    QVERIFY(gx.norm() > 0);
    QVERIFY(gradientRelativeError(x, gx, loss) < 1e-7);
}

void TestBilinear::golden_data() {
    QTest::addColumn<int>("index");
    const QJsonArray cases = bilinearCases();
    QVERIFY(cases.size() >= 4);
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(cases[i]["name"].toString())) << i;
}

void TestBilinear::golden() {
    QFETCH(int, index);
    const QJsonObject c = bilinearCases()[index].toObject();
    const bool bias = c["bias"].toBool();
    Generator gen(0);
    Bilinear<float> b(BilinearOptions(c["in1_features"].toInt(), c["in2_features"].toInt(),
                                      c["out_features"].toInt())
                          .bias(bias),
                      gen);
    QCOMPARE(b.weight().shape, shapeFromJson(c["weight"]["shape"]));
    b.weight().value = parameterFromJson<float>(c["weight"]);
    if (bias)
        b.bias().value = parameterFromJson<float>(c["bias_value"]);

    const Tensor<float> x1 = tensorFromJson<float>(c["input1"]);
    const Tensor<float> x2 = tensorFromJson<float>(c["input2"]);
    const Tensor<float> expected = tensorFromJson<float>(c["output"]);
    const Tensor<float> y = b(x1, x2);
    QCOMPARE(y.shape, expected.shape);
    NN_VERIFY_CLOSE(y.values, expected.values, 1e-6);

    Matrix<float> gx1, gx2;
    b.zeroGrad();
    b.backward(x1.values, x2.values, tensorFromJson<float>(c["grad_output"]).values, &gx1, &gx2);
    NN_VERIFY_CLOSE(gx1, tensorFromJson<float>(c["grad_input1"]).values, 1e-6);
    NN_VERIFY_CLOSE(gx2, tensorFromJson<float>(c["grad_input2"]).values, 1e-6);
    NN_VERIFY_CLOSE(b.weight().grad, parameterFromJson<float>(c["grad_weight"]), 1e-6);
    if (bias)
        NN_VERIFY_CLOSE(b.bias().grad, parameterFromJson<float>(c["grad_bias"]), 1e-6);
}

void TestBilinear::seededInit_data() {
    addSeededStackRows("float32");
}

void TestBilinear::seededInit() {
    QFETCH(int, stack);
    const QJsonObject s = seededStack(stack);
    // The stack starts Linear(20, 40), Bilinear(6, 5, 4): the Bilinear draws right after the
    // Linear.
    const QJsonObject layer = s["layers"].toArray()[1].toObject();
    QCOMPARE(layer["type"].toString(), QStringLiteral("Bilinear"));
    Generator gen(static_cast<uint64_t>(s["seed"].toInteger()));
    Linear<float> first(LinearOptions(20, 40), gen);
    Bilinear<float> b(BilinearOptions(6, 5, 4), gen);
    QCOMPARE(QString::fromStdString(b.repr()), layer["repr"].toString());
    const QJsonArray params = layer["parameters"].toArray();
    QCOMPARE(b.weight().shape, shapeFromJson(params[0]["shape"]));
    NN_VERIFY_EXACT(b.weight().value, parameterFromJson<float>(params[0]));
    NN_VERIFY_EXACT(b.bias().value, parameterFromJson<float>(params[1]));
    const float bound = static_cast<float>(1 / std::sqrt(6.0));  // 1/sqrt(in1_features)
    QVERIFY(b.weight().value.cwiseAbs().maxCoeff() <= bound);
    QVERIFY(b.weight().value.cwiseAbs().maxCoeff() > 0.9f * bound);
}

void TestBilinear::errors_data() {
    QTest::addColumn<QString>("which");
    QTest::addColumn<Shape>("input1");
    QTest::addColumn<Shape>("input2");
    QTest::newRow("input1 size") << "bilinear_input1_size" << Shape{5, 3} << Shape{5, 3};
    QTest::newRow("input2 size") << "bilinear_input2_size" << Shape{5, 2} << Shape{5, 4};
    QTest::newRow("batch dims") << "bilinear_batch_dims" << Shape{5, 2} << Shape{6, 3};
    QTest::newRow("inner batch dims")
        << "bilinear_batch_dims_inner" << Shape{7, 5, 2} << Shape{7, 6, 3};
    QTest::newRow("rank") << "bilinear_rank" << Shape{5, 2} << Shape{2, 5, 3};
}

void TestBilinear::errors() {
    QFETCH(QString, which);
    QFETCH(Shape, input1);
    QFETCH(Shape, input2);
    Generator gen(0);
    Bilinear<float> b(BilinearOptions(2, 3, 4), gen);
    QString message;
    try {
        b(Tensor<float>::zeros(input1), Tensor<float>::zeros(input2));
    } catch (const std::invalid_argument& e) {
        message = QString::fromStdString(e.what());
    }
    QCOMPARE(message, errorMessage(which));
}

void TestBilinear::constructionErrors_data() {
    QTest::addColumn<QString>("which");
    QTest::addColumn<int>("in1");
    QTest::addColumn<int>("in2");
    QTest::addColumn<int>("out");
    QTest::newRow("negative in2") << "bilinear_negative_in2" << 2 << -1 << 3;
    QTest::newRow("zero in1") << "bilinear_zero_in1" << 0 << 3 << 4;
}

void TestBilinear::constructionErrors() {
    QFETCH(QString, which);
    QFETCH(int, in1);
    QFETCH(int, in2);
    QFETCH(int, out);
    Generator gen(0);
    QString message;
    try {
        Bilinear<float> b(BilinearOptions(in1, in2, out), gen);
    } catch (const std::invalid_argument& e) {
        message = QString::fromStdString(e.what());
    }
    QCOMPARE(message, errorMessage(which));
}

void TestBilinear::zeroRows() {
    Generator gen(0);
    Bilinear<float> b(BilinearOptions(2, 3, 4), gen);
    const Tensor<float> y = b(Tensor<float>::zeros({0, 2}), Tensor<float>::zeros({0, 3}));
    QCOMPARE(y.shape, (Shape{0, 4}));
    QCOMPARE(y.values.cols(), Index(4));
    Matrix<float> gx1, gx2;
    b.zeroGrad();
    b.backward(Matrix<float>(0, 2), Matrix<float>(0, 3), Matrix<float>(0, 4), &gx1, &gx2);
    QCOMPARE(gx1.rows(), Index(0));
    QCOMPARE(gx1.cols(), Index(2));
    QCOMPARE(gx2.cols(), Index(3));
    QCOMPARE(b.weight().grad.norm(), 0.0f);
    QCOMPARE(b.bias().grad.norm(), 0.0f);
}

void TestBilinear::biasFalse() {
    Generator gen(0);
    Bilinear<double> b(BilinearOptions(2, 3, 2).bias(false), gen);
    const auto params = b.namedParameters();
    QCOMPARE(params.size(), size_t(1));
    QCOMPARE(params[0].name, std::string("weight"));
    QCOMPARE(b.parameterCount(), Index(12));
    b.weight().value << 1, 0, 2, 0, 1, 0, 0, 1, 0, 1, 0, -1;
    Matrix<double> x1(1, 2), x2(1, 3), y;
    x1 << 1, 2;
    x2 << 3, -1, 2;
    b.forward(x1, x2, y);
    Matrix<double> expected(1, 2);
    expected << 5, 1;  // the hand-worked case without its bias
    NN_VERIFY_EXACT(y, expected);
}

void TestBilinear::repr() {
    QStringList expected;
    for (const QJsonValue& r : loadFixture("repr.json")["modules"].toArray())
        if (r["module"].toString().startsWith("Bilinear"))
            expected << r["repr"].toString();
    QCOMPARE(expected.size(), 2);
    Generator gen(0);
    QCOMPARE(QString::fromStdString(Bilinear<float>(BilinearOptions(2, 3, 4), gen).repr()),
             expected[0]);
    QCOMPARE(
        QString::fromStdString(Bilinear<float>(BilinearOptions(2, 3, 4).bias(false), gen).repr()),
        expected[1]);
}

void TestBilinear::trainingConverges() {
    // Gradient descent on MSE recovers a bilinear teacher's outputs.
    Generator gen(2), teacherGen(3);
    Bilinear<double> b(BilinearOptions(3, 2, 2), gen);
    Bilinear<double> teacher(BilinearOptions(3, 2, 2), teacherGen);
    const Matrix<double> x1 = testMatrix(64, 3, 21), x2 = testMatrix(64, 2, 22);
    Matrix<double> target, y;
    teacher.forward(x1, x2, target);
    double first = 0, last = 0;
    for (int step = 0; step < 3000; ++step) {
        b.forward(x1, x2, y);
        const Matrix<double> diff = y - target;
        last = diff.squaredNorm() / static_cast<double>(diff.size());
        if (step == 0)
            first = last;
        b.zeroGrad();
        b.backward(x1, x2, (2 * diff / static_cast<double>(diff.size())).eval(), nullptr, nullptr);
        for (auto& p : b.namedParameters())
            p.parameter->value -= 1.0 * p.parameter->grad;
    }
    QVERIFY(first > 1e-3);
    QVERIFY2(last < 1e-8 * first, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
    NN_VERIFY_CLOSE(b.weight().value, teacher.weight().value, 1e-3);
}

QTEST_APPLESS_MAIN(TestBilinear)
#include "tst_bilinear.moc"
