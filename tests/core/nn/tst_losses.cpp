#include "core/nn/bce_with_logits_loss.h"
#include "core/nn/cross_entropy_loss.h"
#include "core/nn/huber_loss.h"
#include "core/nn/l1_loss.h"
#include "core/nn/loss_factory.h"
#include "core/nn/mse_loss.h"
#include "core/nn/shaped_loss.h"

#include "allocation_counter.h"
#include "loss_optim_fixture.h"
#include "nn_test_support.h"

#include <QtTest>

#include <cmath>

using namespace linearlab::nn;

namespace {

template <typename T>
Matrix<T> rowMatrix(std::initializer_list<std::initializer_list<T>> rows) {
    Matrix<T> m(static_cast<Index>(rows.size()), static_cast<Index>(rows.begin()->size()));
    Index r = 0;
    for (const auto& row : rows) {
        Index c = 0;
        for (T v : row)
            m(r, c++) = v;
        ++r;
    }
    return m;
}

/// A fixture's kwargs as a design states them, read by the table's kinds.
LossOptions optionsFromJson(const QJsonObject& kwargs) {
    LossOptions options;
    for (LossKeyword k : lossKeywords()) {
        const QJsonValue v = kwargs.value(QLatin1String(keywordName(k)));
        if (v.isUndefined())
            continue;
        switch (keywordKind(k)) {
            case LossValueKind::Choice:
                setKeywordValue(options, k, v.toString().toStdString());
                break;
            case LossValueKind::Integer:
                setKeywordValue(options, k, static_cast<long long>(v.toDouble()));
                break;
            case LossValueKind::Number:
                setKeywordValue(options, k, v.toDouble());
                break;
            case LossValueKind::Numbers: {
                std::vector<double> list;
                for (const QJsonValue& e : v.toArray())
                    list.push_back(e.toDouble());
                setKeywordValue(options, k, list);
                break;
            }
        }
    }
    return options;
}

Shape shapeFromJson(const QJsonValue& v) {
    Shape shape;
    for (const QJsonValue& d : v.toArray())
        shape.push_back(d.toInt());
    return shape;
}

/// torch's dtype name in messages for the fixture's numpy-style name.
std::string scalarType(const QString& dtype) {
    if (dtype == "int64")
        return "Long";
    if (dtype == "int32")
        return "Int";
    if (dtype == "float64")
        return "Double";
    return "Float";
}

/// The worst |actual - expected| / max|expected| over a tensor.
double scaledError(const std::vector<float>& actual, const QJsonArray& expected) {
    double scale = 0, worst = 0;
    for (const QJsonValue& e : expected)
        scale = std::max(scale, std::abs(e.toDouble()));
    for (qsizetype i = 0; i < expected.size(); ++i)
        worst = std::max(worst,
                         std::abs(static_cast<double>(actual[size_t(i)]) - expected[i].toDouble()));
    return scale > 0 ? worst / scale : worst;
}

}  // namespace

Q_DECLARE_METATYPE(Matrix<float>)

class TestLosses : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        m_cases = lotest::loadLossOptimFixture("losses.json")["cases"].toArray();
        QVERIFY(m_cases.size() >= 15);
    }

    void goldenAgainstPyTorch_data() {
        QTest::addColumn<QJsonObject>("fixture");
        for (const QJsonValue& c : m_cases)
            QTest::newRow(qPrintable(c["name"].toString())) << c.toObject();
    }
    void goldenAgainstPyTorch() {
        QFETCH(QJsonObject, fixture);
        const auto loss = makeLoss<float>(fixture["loss"].toString().toStdString(),
                                          optionsFromJson(fixture["kwargs"].toObject()));
        QCOMPARE(QString::fromStdString(loss->repr()), fixture["repr"].toString());
        QCOMPARE(QString::fromStdString(loss->typeName()), fixture["loss"].toString());
        const Index n = fixture["n"].toInt(), c = fixture["c"].toInt();
        const Matrix<float> output = lotest::matrixFromJson<float>(fixture["output"], n, c);
        const Matrix<float> target =
            lotest::matrixFromJson<float>(fixture["target"], n, loss->classification() ? 1 : c);
        const Matrix<float> expectedGrad = lotest::matrixFromJson<float>(fixture["grad"], n, c);
        const double expected = fixture["value"].toDouble();

        Matrix<float> grad;
        const float value = loss->forwardBackward(output, target, grad);
        QVERIFY2(std::abs(value - expected) <= 1e-6 * std::abs(expected),
                 qPrintable(QStringLiteral("loss %1, PyTorch %2")
                                .arg(value, 0, 'g', 9)
                                .arg(expected, 0, 'g', 9)));
        QCOMPARE(loss->forward(output, target), value);
        LO_VERIFY_CLOSE(grad, expectedGrad, 1e-6);
    }

    /// Every keyword and shape against torch 1.13 (loss_keywords.json): the loss as
    /// loss_fn(output, target) returns it, the output's gradient (of the sum, for
    /// 'none'), the UserWarning, and torch's text for each target it refuses.
    void keywordsAgainstPyTorch_data() {
        QTest::addColumn<QJsonObject>("fixture");
        const QJsonArray cases =
            lotest::loadLossOptimFixture("loss_keywords.json")["cases"].toArray();
        QVERIFY(cases.size() >= 100);
        for (const QJsonValue& c : cases)
            QTest::newRow(qPrintable(c["name"].toString())) << c.toObject();
    }
    void keywordsAgainstPyTorch() {
        QFETCH(QJsonObject, fixture);
        const auto loss = makeLoss<float>(fixture["loss"].toString().toStdString(),
                                          optionsFromJson(fixture["kwargs"].toObject()));
        const Shape outShape = shapeFromJson(fixture["output_shape"]);
        const Index cols = outShape.back();
        const Matrix<float> output =
            lotest::matrixFromJson<float>(fixture["output"], numel(outShape) / cols, cols);
        LossTarget<float> target;
        target.shape = shapeFromJson(fixture["target_shape"]);
        target.scalarType = scalarType(fixture["target_dtype"].toString());
        for (const QJsonValue& v : fixture["target"].toArray())
            target.values.push_back(static_cast<float>(v.toDouble()));
        if (fixture.contains("error")) {
            try {
                shapedLoss(*loss, outShape, output, target, true);
                QFAIL("no exception");
            } catch (const std::invalid_argument& e) {
                QCOMPARE(QString(e.what()), fixture["error"].toString());
            }
            return;
        }
        const ShapedLossResult<float> r = shapedLoss(*loss, outShape, output, target, true);
        QCOMPARE(r.shape, shapeFromJson(fixture["value_shape"]));
        const QJsonArray warnings = fixture["warnings"].toArray();
        QCOMPARE(QString::fromStdString(r.warning),
                 warnings.isEmpty() ? QString() : warnings[0].toString());
        const double valueError = scaledError(r.values, fixture["value"].toArray());
        QVERIFY2(valueError <= 2e-7, qPrintable(QStringLiteral("loss off by %1").arg(valueError)));
        const std::vector<float> grad(r.gradOutput.data(),
                                      r.gradOutput.data() + r.gradOutput.size());
        QCOMPARE(qsizetype(grad.size()), fixture["grad"].toArray().size());
        const double gradError = scaledError(grad, fixture["grad"].toArray());
        QVERIFY2(gradError <= 1e-6, qPrintable(QStringLiteral("grad off by %1").arg(gradError)));
        // Without the gradient, the same loss.
        QCOMPARE(shapedLoss(*loss, outShape, output, target, false).values, r.values);
    }

    /// Each keyword's gradient in float64, 'sum' and 'none' (the sum of the elements) too.
    void keywordGradientsMatchFiniteDifferences_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("kwargs");
        QTest::addColumn<bool>("probabilities");
        QTest::newRow("MSELoss sum") << "MSELoss"
                                     << R"({"reduction": "sum"})" << false;
        QTest::newRow("L1Loss none") << "L1Loss"
                                     << R"({"reduction": "none"})" << false;
        QTest::newRow("CrossEntropyLoss weight, smoothing, ignore")
            << "CrossEntropyLoss"
            << R"({"weight": [1, 2, 0.5, 1, 3], "label_smoothing": 0.3, "ignore_index": 4})"
            << false;
        QTest::newRow("CrossEntropyLoss sum")
            << "CrossEntropyLoss"
            << R"({"reduction": "sum", "label_smoothing": 0.1})" << false;
        QTest::newRow("CrossEntropyLoss probabilities")
            << "CrossEntropyLoss"
            << R"({"weight": [1, 2, 0.5, 1, 3], "label_smoothing": 0.2})" << true;
        QTest::newRow("CrossEntropyLoss probabilities none") << "CrossEntropyLoss"
                                                             << R"({"reduction": "none"})" << true;
        QTest::newRow("BCEWithLogitsLoss weights")
            << "BCEWithLogitsLoss"
            << R"({"weight": [0.5, 1, 2, 1, 3], "pos_weight": [3]})" << false;
        QTest::newRow("BCEWithLogitsLoss sum")
            << "BCEWithLogitsLoss"
            << R"({"reduction": "sum", "pos_weight": [1, 2, 3, 4, 5]})" << false;
    }
    void keywordGradientsMatchFiniteDifferences() {
        QFETCH(QString, type);
        QFETCH(QString, kwargs);
        QFETCH(bool, probabilities);
        const auto loss = makeLoss<double>(
            type.toStdString(), optionsFromJson(QJsonDocument::fromJson(kwargs.toUtf8()).object()));
        Matrix<double> output = 3 * nntest::testMatrix(4, 5, 1);
        Matrix<double> target = (nntest::testMatrix(4, 5, 2).array() + 1) / 2;
        if (probabilities) {
            target = target.array().colwise() / target.array().rowwise().sum();
        } else if (loss->classification()) {
            target.resize(4, 1);
            target << 0, 4, 2, 1;
        } else if (type != "BCEWithLogitsLoss") {
            target = output + nntest::testMatrix(4, 5, 2);
        }
        // The scalar a backward() starts from: the loss, or the sum of 'none''s elements.
        Matrix<double> elements, grad;
        const auto value = [&] {
            loss->forwardElements(output, target, elements, nullptr);
            return elements.sum();
        };
        loss->forwardElements(output, target, elements, &grad);
        QVERIFY(grad.norm() > 0);
        const double err = nntest::gradientRelativeError(output, grad, value);
        QVERIFY2(err < 1e-7, qPrintable(QStringLiteral("relative error %1").arg(err)));
    }

    void gradientMatchesFiniteDifferences_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("delta");
        QTest::newRow("MSELoss") << "MSELoss" << 0.0;
        QTest::newRow("L1Loss") << "L1Loss" << 0.0;
        QTest::newRow("HuberLoss") << "HuberLoss" << 0.0;
        QTest::newRow("HuberLoss delta=0.3") << "HuberLoss" << 0.3;
        QTest::newRow("CrossEntropyLoss") << "CrossEntropyLoss" << 0.0;
        QTest::newRow("BCEWithLogitsLoss") << "BCEWithLogitsLoss" << 0.0;
    }
    void gradientMatchesFiniteDifferences() {
        QFETCH(QString, type);
        QFETCH(double, delta);
        LossOptions options;
        if (delta > 0)
            options.delta = delta;
        const auto loss = makeLoss<double>(type.toStdString(), options);
        // Scaled by 3 so Huber's quadratic and linear parts both occur; every |x - t| is
        // far from 0 and from delta compared with the step, so no kink is straddled.
        Matrix<double> output = 3 * nntest::testMatrix(4, 5, 1);
        Matrix<double> target(4, 5);
        if (loss->classification()) {
            target.resize(4, 1);
            target << 0, 4, 2, 1;
        } else if (type == "BCEWithLogitsLoss") {
            target = (nntest::testMatrix(4, 5, 2).array() + 1) / 2;
        } else {
            target = output + nntest::testMatrix(4, 5, 2);
            if (delta > 0)
                for (Index i = 0; i < target.size(); ++i) {
                    const double z = std::abs(output.data()[i] - target.data()[i]);
                    QVERIFY(std::abs(z - delta) > 1e-4);
                }
        }
        Matrix<double> grad;
        loss->forwardBackward(output, target, grad);
        QVERIFY(grad.norm() > 0);
        const double err = nntest::gradientRelativeError(
            output, grad, [&] { return loss->forward(output, target); });
        QVERIFY2(err < 1e-7, qPrintable(QStringLiteral("relative error %1").arg(err)));
    }

    void handWorkedValues() {
        Matrix<double> grad;
        MSELoss<double> mse;
        // ((1-0)^2 + (2-0)^2) / 2 = 2.5; d/dx = 2 (x - t) / 2 = (1, 2)
        QCOMPARE(
            mse.forwardBackward(rowMatrix<double>({{1, 2}}), rowMatrix<double>({{0, 0}}), grad),
            2.5);
        QCOMPARE(grad, rowMatrix<double>({{1, 2}}));
        L1Loss<double> l1;
        // (|1| + |-2| + |0|) / 4 = 0.75; d/dx = sgn / 4, sgn(0) = 0
        QCOMPARE(l1.forwardBackward(rowMatrix<double>({{1, -2}, {5, 0}}),
                                    rowMatrix<double>({{0, 0}, {5, 0}}), grad),
                 0.75);
        QCOMPARE(grad, rowMatrix<double>({{0.25, -0.25}, {0, 0}}));
        HuberLoss<double> huber;
        // z = 0.5: 0.5 * 0.25 = 0.125; z = 3: 1 * (3 - 0.5) = 2.5; mean 1.3125
        QCOMPARE(huber.forwardBackward(rowMatrix<double>({{0.5, -3}}), rowMatrix<double>({{0, 0}}),
                                       grad),
                 1.3125);
        QCOMPARE(grad, rowMatrix<double>({{0.25, -0.5}}));
        HuberLoss<double> huberHalf(0.5);
        // z = 2: 0.5 * (2 - 0.25) = 0.875
        QCOMPARE(huberHalf.forward(rowMatrix<double>({{2}}), rowMatrix<double>({{0}})), 0.875);
        CrossEntropyLoss<double> ce;
        // Equal logits: -log(1/2); softmax (1/2, 1/2) minus one-hot
        QCOMPARE(ce.forwardBackward(rowMatrix<double>({{0, 0}}), rowMatrix<double>({{1}}), grad),
                 std::log(2.0));
        QCOMPARE(grad, rowMatrix<double>({{0.5, -0.5}}));
        BCEWithLogitsLoss<double> bce;
        // sigmoid(0) = 1/2: -log(1/2); d/dx = 1/2 - 1
        QCOMPARE(bce.forwardBackward(rowMatrix<double>({{0}}), rowMatrix<double>({{1}}), grad),
                 std::log(2.0));
        QCOMPARE(grad, rowMatrix<double>({{-0.5}}));
    }

    void stableForExtremeInputs() {
        Matrix<float> grad;
        CrossEntropyLoss<float> ce;
        // exp(1000) overflows float; log-softmax after subtracting the max does not.
        QCOMPARE(ce.forwardBackward(rowMatrix<float>({{1000, 0}}), rowMatrix<float>({{0}}), grad),
                 0.0f);
        QCOMPARE(ce.forward(rowMatrix<float>({{0, 1000}}), rowMatrix<float>({{0}})), 1000.0f);
        BCEWithLogitsLoss<float> bce;
        QCOMPARE(bce.forward(rowMatrix<float>({{-200}}), rowMatrix<float>({{1}})), 200.0f);
        QCOMPARE(bce.forwardBackward(rowMatrix<float>({{200}}), rowMatrix<float>({{0}}), grad),
                 200.0f);
        QCOMPARE(grad(0, 0), 1.0f);
    }

    void ignoreIndexRowsDoNotCount() {
        CrossEntropyLoss<double> ce;
        Matrix<double> grad;
        // PyTorch's default ignore_index=-100: the mean runs over the one counted row.
        QCOMPARE(ce.forwardBackward(rowMatrix<double>({{0, 0, 0}, {5, 1, 2}}),
                                    rowMatrix<double>({{0}, {-100}}), grad),
                 std::log(3.0));
        QCOMPARE(grad.row(1), RowVector<double>::Zero(3));
        QVERIFY(std::isnan(ce.forward(rowMatrix<double>({{0, 0}}), rowMatrix<double>({{-100}}))));
    }

    void emptyBatchIsNan_data() {
        QTest::addColumn<QString>("type");
        for (const auto& name : lossTypeNames())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }
    void emptyBatchIsNan() {
        QFETCH(QString, type);
        const auto loss = makeLoss<float>(type.toStdString());
        const Matrix<float> output(0, 3);
        const Matrix<float> target(0, loss->classification() ? 1 : 3);
        Matrix<float> grad(2, 2);
        QVERIFY(std::isnan(loss->forwardBackward(output, target, grad)));
        QCOMPARE(grad.rows(), Index(0));
        QCOMPARE(grad.cols(), Index(3));
        QVERIFY(std::isnan(loss->forward(output, target)));
    }

    void errorsUsePyTorchWording_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<Matrix<float>>("output");
        QTest::addColumn<Matrix<float>>("target");
        QTest::addColumn<QString>("message");
        const Matrix<float> out23 = Matrix<float>::Zero(2, 3);
        QTest::newRow("MSELoss shape")
            << "MSELoss" << out23 << Matrix<float>(Matrix<float>::Zero(3, 3))
            << "Using a target size (torch.Size([3, 3])) that is "
               "different to the input size (torch.Size([2, 3]))";
        QTest::newRow("L1Loss shape")
            << "L1Loss" << out23 << Matrix<float>(Matrix<float>::Zero(2, 1))
            << "Using a target size (torch.Size([2, 1])) that is "
               "different to the input size (torch.Size([2, 3]))";
        QTest::newRow("HuberLoss shape")
            << "HuberLoss" << out23 << Matrix<float>(Matrix<float>::Zero(2, 4))
            << "Using a target size (torch.Size([2, 4])) that is "
               "different to the input size (torch.Size([2, 3]))";
        QTest::newRow("BCEWithLogitsLoss shape")
            << "BCEWithLogitsLoss" << out23 << Matrix<float>(Matrix<float>::Zero(3, 3))
            << "Target size (torch.Size([3, 3])) must be the same as input size "
               "(torch.Size([2, 3]))";
        QTest::newRow("CE index too large")
            << "CrossEntropyLoss" << out23 << rowMatrix<float>({{0}, {5}})
            << "Target 5 is out of bounds.";
        QTest::newRow("CE index == C")
            << "CrossEntropyLoss" << out23 << rowMatrix<float>({{3}, {0}})
            << "Target 3 is out of bounds.";
        QTest::newRow("CE negative index")
            << "CrossEntropyLoss" << out23 << rowMatrix<float>({{0}, {-1}})
            << "Target -1 is out of bounds.";
        QTest::newRow("CE batch")
            << "CrossEntropyLoss" << out23 << rowMatrix<float>({{0}})
            << "Expected input batch_size (2) to match target batch_size (1).";
    }
    void errorsUsePyTorchWording() {
        QFETCH(QString, type);
        QFETCH(Matrix<float>, output);
        QFETCH(Matrix<float>, target);
        QFETCH(QString, message);
        const auto loss = makeLoss<float>(type.toStdString());
        Matrix<float> grad;
        for (int pass = 0; pass < 2; ++pass) {
            try {
                if (pass == 0)
                    loss->forwardBackward(output, target, grad);
                else
                    loss->forward(output, target);
                QFAIL("no exception");
            } catch (const std::invalid_argument& e) {
                QCOMPARE(QString(e.what()), message);
            }
        }
    }

    void factory() {
        QCOMPARE(QString::fromStdString(makeLoss<float>("HuberLoss")->repr()), "HuberLoss()");
        LossOptions half;
        half.delta = 0.5;
        auto huber = makeLoss<double>("HuberLoss", half);
        QCOMPARE(dynamic_cast<HuberLoss<double>&>(*huber).delta(), 0.5);
        QVERIFY(makeLoss<float>("CrossEntropyLoss")->classification());
        QVERIFY(!makeLoss<float>("BCEWithLogitsLoss")->classification());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeLoss<float>("MSELoss", half));
        try {
            makeLoss<float>("Foo");
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()),
                     "unknown loss 'Foo'; expected one of MSELoss, L1Loss, HuberLoss, "
                     "CrossEntropyLoss, BCEWithLogitsLoss");
        }
        try {
            HuberLoss<float> bad(0.0);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()),
                     "huber_loss does not support non-positive values for delta.");
        }
    }

    /// The design keywords a training step meets, including probability targets.
    void noAllocationOnceGradientIsShaped_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("kwargs");
        QTest::addColumn<bool>("probabilities");
        for (const auto& name : lossTypeNames())
            QTest::newRow(name.c_str()) << QString::fromStdString(name) << "{}" << false;
        QTest::newRow("MSELoss sum") << "MSELoss"
                                     << R"({"reduction": "sum"})" << false;
        QTest::newRow("HuberLoss sum") << "HuberLoss"
                                       << R"({"reduction": "sum", "delta": 0.5})" << false;
        QTest::newRow("CrossEntropyLoss keywords")
            << "CrossEntropyLoss"
            << R"({"weight": [1, 2, 0.5, 1, 3], "ignore_index": 2, "label_smoothing": 0.1})"
            << false;
        QTest::newRow("CrossEntropyLoss probabilities")
            << "CrossEntropyLoss"
            << R"({"weight": [1, 2, 0.5, 1, 3], "label_smoothing": 0.2})" << true;
        QTest::newRow("BCEWithLogitsLoss weights")
            << "BCEWithLogitsLoss"
            << R"({"weight": [2], "pos_weight": [1, 2, 3, 4, 5]})" << false;
    }
    void noAllocationOnceGradientIsShaped() {
        QFETCH(QString, type);
        QFETCH(QString, kwargs);
        QFETCH(bool, probabilities);
        const auto loss = makeLoss<float>(
            type.toStdString(), optionsFromJson(QJsonDocument::fromJson(kwargs.toUtf8()).object()));
        const Matrix<float> output = nntest::testMatrix(8, 5, 3).cast<float>();
        Matrix<float> target = (nntest::testMatrix(8, 5, 4).cast<float>().array() + 1) / 2;
        if (probabilities)
            target = target.array().colwise() / target.array().rowwise().sum();
        else if (loss->classification()) {
            target.resize(8, 1);
            target << 0, 1, 2, 3, 4, 0, 1, 2;
        }
        Matrix<float> grad;
        loss->forwardBackward(output, target, grad);
        const float* memory = grad.data();
        linearlab::test::AllocationCounter counter;
        for (int i = 0; i < 5; ++i) {
            loss->forwardBackward(output, target, grad);
            loss->forward(output, target);
        }
        QCOMPARE(counter.stop(), 0L);
        QCOMPARE(grad.data(), memory);
        QVERIFY(std::isfinite(loss->forward(output, target)));
    }

private:
    QJsonArray m_cases;
};

QTEST_APPLESS_MAIN(TestLosses)
#include "tst_losses.moc"
