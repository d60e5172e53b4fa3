// StepLesson: the gradient it shows is the engine's, equal to PyTorch's .grad
// after one step (tests/fixtures/train/first_step.json); the update is
// A_after − A_before between the two snapshots it saw, equal to PyTorch's and,
// for plain SGD, to −lr·grad; several steps between snapshots are said so.
#include "ui/step_lesson.h"

#include "core/io/design_file.h"
#include "lesson_test_support.h"
#include "ui/heatmap_widget.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace linearlab;
using ui::StepLesson;

class TestStepLesson : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void beforeAStepThereIsNothingToShow();
    void gradientEqualsPyTorchs();
    void sgdUpdateIsMinusLrTimesGrad();
    void severalStepsAreSaidSo();
    void adamSaysWhatItsStateDid();
    void anotherRunForgetsABefore();

private:
    QJsonObject m_fixture;
    train::Design m_design;
    data::Dataset<float> m_data;
};

namespace {

nn::Matrix<float> matrixOf(const QJsonValue& v) {
    const QJsonArray rows = v.toArray();
    const bool vector = !rows.isEmpty() && !rows[0].isArray();
    nn::Matrix<float> m(vector ? 1 : rows.size(), vector ? rows.size() : rows[0].toArray().size());
    for (int r = 0; r < m.rows(); ++r)
        for (int c = 0; c < m.cols(); ++c)
            m(r, c) =
                static_cast<float>(vector ? rows[c].toDouble() : rows[r].toArray()[c].toDouble());
    return m;
}

float largestDifference(const nn::Matrix<float>& a, const nn::Matrix<float>& b) {
    return (a - b).cwiseAbs().maxCoeff();
}

/// A trainer with the lesson watching it: the lesson has seen step 0.
struct Watched {
    train::Trainer<float> trainer;
    StepLesson lesson;
    Watched(const train::Design& d, const data::Dataset<float>& data)
        : trainer(d, data, testing::quietOptions()) {
        lesson.setDesign(d);
        lesson.setSnapshot(testing::snapshotOf(trainer));
    }
    /// Takes `steps` steps, then shows the lesson the snapshot after them.
    bool train(int steps) {
        for (int i = 0; i < steps; ++i)
            if (!trainer.trainStep())
                return false;
        lesson.setSnapshot(testing::snapshotOf(trainer));
        return true;
    }
};

}  // namespace

void TestStepLesson::initTestCase() {
    QFile f(QStringLiteral(LINEARLAB_FIXTURES_DIR) + "/train/first_step.json");
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_fixture = QJsonDocument::fromJson(f.readAll()).object();
    m_design = io::designFromJson(m_fixture["design"].toObject());
    m_data.x = matrixOf(m_fixture["x"]);
    m_data.y = matrixOf(m_fixture["y"]);
}

void TestStepLesson::beforeAStepThereIsNothingToShow() {
    Watched w(m_design, m_data);
    StepLesson& lesson = w.lesson;
    QCOMPARE(lesson.gradient().size(), 0);
    QVERIFY(lesson.gradientView()->isPlaceholder());
}

void TestStepLesson::gradientEqualsPyTorchs() {
    Watched w(m_design, m_data);
    StepLesson& lesson = w.lesson;
    QVERIFY(w.train(1));

    const nn::Matrix<float> grad = matrixOf(m_fixture["grads"].toObject()["0.weight.grad"]);
    QCOMPARE(lesson.gradient().rows(), 4);  // (out_features, in_features)
    QCOMPARE(lesson.gradient().cols(), 3);
    const float error = largestDifference(lesson.gradient(), grad);
    qInfo("largest |dA - torch's 0.weight.grad|: %g", static_cast<double>(error));
    QVERIFY(error < 1e-6f);
    // The heatmap shows that matrix, named as torch names it.
    QCOMPARE(
        lesson.gradientView()->textAt(1, 2),
        QStringLiteral("0.weight.grad[1, 2] = %1").arg(static_cast<double>(grad(1, 2)), 0, 'f', 4));
    QVERIFY2(
        lesson.formulaText().contains(QStringLiteral("∂L/∂A = gradYᵀ x: (4, 8) @ (8, 3) → (4, 3)")),
        qPrintable(lesson.formulaText()));
    QVERIFY(lesson.formulaText().contains(
        QStringLiteral("∂L/∂b = Σₙ gradY[n]: (8, 4) summed over n → (4,)")));
}

void TestStepLesson::sgdUpdateIsMinusLrTimesGrad() {
    Watched w(m_design, m_data);
    StepLesson& lesson = w.lesson;
    QVERIFY(w.train(1));

    QCOMPARE(lesson.stepsSpanned(), nn::Index(1));
    const nn::Matrix<float> before = matrixOf(m_fixture["before"].toObject()["0.weight"]);
    const nn::Matrix<float> after = matrixOf(m_fixture["after"].toObject()["0.weight"]);
    const nn::Matrix<float> torchUpdate = after - before;
    QVERIFY(largestDifference(lesson.update(), torchUpdate) < 1e-6f);
    const nn::Matrix<float> grad = matrixOf(m_fixture["grads"].toObject()["0.weight.grad"]);
    const float error = largestDifference(lesson.update(), -0.1f * grad);
    qInfo("largest |update + lr*grad|: %g", static_cast<double>(error));
    QVERIFY(error < 1e-7f);
    QVERIFY2(lesson.updateText().contains(QStringLiteral("SGD(lr=0.1)")),
             qPrintable(lesson.updateText()));
    QVERIFY(lesson.updateText().contains(QStringLiteral("over one step (0 → 1)")));
    QVERIFY(lesson.updateText().contains(QStringLiteral("It equals −lr·grad")));
}

void TestStepLesson::severalStepsAreSaidSo() {
    Watched w(m_design, m_data);
    StepLesson& lesson = w.lesson;
    QVERIFY(w.train(3));
    QCOMPARE(lesson.stepsSpanned(), nn::Index(3));
    QVERIFY2(lesson.updateText().contains(QStringLiteral("over 3 steps (0 → 3)")),
             qPrintable(lesson.updateText()));
    QVERIFY(lesson.updateText().contains(QStringLiteral("press Step (S)")));
    QVERIFY(!lesson.updateText().contains(QStringLiteral("It equals")));
}

void TestStepLesson::adamSaysWhatItsStateDid() {
    train::Design d = m_design;
    d.optimizer.type = "Adam";
    d.optimizer.lr = 0.01;
    Watched w(d, m_data);
    StepLesson& lesson = w.lesson;
    QVERIFY(w.train(1));
    QCOMPARE(lesson.stepsSpanned(), nn::Index(1));
    QVERIFY2(lesson.updateText().contains(QStringLiteral("Adam(lr=0.01)")),
             qPrintable(lesson.updateText()));
    QVERIFY(lesson.updateText().contains(QStringLiteral("running averages")));
    QVERIFY(!lesson.updateText().contains(QStringLiteral("It equals")));
    // Adam's first step moves each weight by about lr, whatever its gradient.
    const float largest = lesson.update().cwiseAbs().maxCoeff();
    QVERIFY2(std::abs(largest - 0.01f) < 1e-4f, qPrintable(QString::number(largest)));
}

void TestStepLesson::anotherRunForgetsABefore() {
    train::Trainer<float> first(m_design, m_data, testing::quietOptions());
    train::Trainer<float> second(m_design, m_data, testing::quietOptions());
    StepLesson lesson;
    lesson.setDesign(m_design);
    lesson.setSnapshot(testing::snapshotOf(first));
    QVERIFY(second.trainStep());
    auto other = testing::snapshotOf(second);
    QVERIFY(other->runId != testing::snapshotOf(first)->runId);
    lesson.setSnapshot(other);
    QCOMPARE(lesson.stepsSpanned(), nn::Index(0));
    QCOMPARE(lesson.update().size(), 0);
}

QTEST_MAIN(TestStepLesson)
#include "tst_step_lesson.moc"
