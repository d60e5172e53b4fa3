// InitLesson: the bound reset_parameters uses, read from the engine's init
// code (1/√in_features for Linear, 1/√in1_features for Bilinear, the chosen
// torch.nn.init scheme's std), the histogram of the run's initial weights and
// the first values as torch prints them under the design's seed.
#include "ui/init_lesson.h"

#include "lesson_test_support.h"
#include "ui/init_histogram.h"

#include <QtTest>

#include <cmath>
#include <numeric>

using namespace linearlab;
using ui::InitLesson;

class TestInitLesson : public QObject {
    Q_OBJECT

private slots:
    void linearBoundIsOneOverRootInFeatures();
    void bilinearBoundIsOneOverRootIn1();
    void chosenSchemeShowsItsStd();
    void histogramCountsEveryWeight();
    void seedPrintsTorchsNumbers();
    void torchPrintAlignsAsTorch();
};

namespace {

struct Lesson {
    InitLesson view;
    train::Design design;
    std::unique_ptr<train::Trainer<float>> trainer;

    explicit Lesson(const train::Design& d) : design(d) {
        trainer = std::make_unique<train::Trainer<float>>(
            design, data::makeSyntheticDataset<float>(design.data.synthetic),
            testing::quietOptions());
        view.setDesign(design);
        view.setSnapshot(testing::snapshotOf(*trainer));
    }
};

}  // namespace

void TestInitLesson::linearBoundIsOneOverRootInFeatures() {
    Lesson l(train::seedExampleDesign());  // Linear(20, 40)
    QCOMPARE(l.view.weightName(), QStringLiteral("0.weight"));
    QCOMPARE(QString::number(l.view.weightBound(), 'f', 4), QStringLiteral("0.2236"));
    QCOMPARE(l.view.weightBound(), 1 / std::sqrt(20.0));
    QVERIFY2(l.view.formulaText().contains(QStringLiteral("U(-0.2236, 0.2236)")),
             qPrintable(l.view.formulaText()));
    QVERIFY(l.view.formulaText().contains(
        QStringLiteral("kaiming_uniform_(self.weight, a=math.sqrt(5))")));
    QVERIFY(l.view.formulaText().contains(QStringLiteral("1/√20 = 0.2236")));
}

void TestInitLesson::bilinearBoundIsOneOverRootIn1() {
    train::Design d = train::seedExampleDesign();
    d.inputFeatures = 2;
    d.data.synthetic.dataset = "xor";
    d.data.synthetic.samples = 64;
    nn::LayerSpec b;
    b.type = "Bilinear";
    b.in1_features = 2;
    b.in2_features = 2;
    b.out_features = 5;
    nn::LayerSpec fc;
    fc.type = "Linear";
    fc.in_features = 5;
    fc.out_features = 2;
    d.layers = {b, fc};
    d.loss = "CrossEntropyLoss";
    Lesson l(d);
    QCOMPARE(l.view.weightBound(), 1 / std::sqrt(2.0));  // 1/√in1_features, not of in1·in2
    QVERIFY(l.view.formulaText().contains(QStringLiteral("1/√in1_features = 1/√2 = 0.7071")));
    // The second layer on selection: Linear(5, 2), 1/√5.
    l.view.setSelectedNode(1);
    QCOMPARE(l.view.weightName(), QStringLiteral("1.weight"));
    QCOMPARE(l.view.weightBound(), 1 / std::sqrt(5.0));
}

void TestInitLesson::chosenSchemeShowsItsStd() {
    train::Design d = train::seedExampleDesign();
    d.weightInit.scheme = "xavier_normal_";
    d.weightInit.gain = 2.0;
    Lesson l(d);
    // gain · √(2 / (fan_in + fan_out)) = 2 · √(2 / 60)
    QCOMPARE(l.view.weightStd(), 2 * std::sqrt(2.0 / 60));
    QCOMPARE(l.view.weightBound(), 0.0);
    QVERIFY(l.view.formulaText().contains(QStringLiteral("N(0, 0.3651²)")));
}

void TestInitLesson::histogramCountsEveryWeight() {
    Lesson l(train::seedExampleDesign());
    const auto& counts = l.view.histogram()->counts();
    QCOMPARE(static_cast<int>(counts.size()), ui::InitHistogram::kBins);
    QCOMPARE(std::accumulate(counts.begin(), counts.end(), 0), 800);
    const auto& expected = l.view.histogram()->expected();
    QCOMPARE(static_cast<int>(expected.size()), ui::InitHistogram::kBins);
    // U(-b, b): the same expectation in every bin, 800 / 24.
    for (double e : expected)
        QVERIFY(std::abs(e - 800.0 / ui::InitHistogram::kBins) < 1e-9);
    QCOMPARE(l.view.histogram()->low(), -1 / std::sqrt(20.0));
}

void TestInitLesson::seedPrintsTorchsNumbers() {
    // torch.manual_seed(0); nn.Linear(20, 40).weight[0, :4], printed by torch 1.13.
    Lesson l(train::seedExampleDesign());
    QVERIFY2(l.view.seedText().contains(QStringLiteral("torch.manual_seed(0)")),
             qPrintable(l.view.seedText()));
    QVERIFY2(
        l.view.seedText().contains(QStringLiteral("tensor([-0.0017,  0.1200, -0.1840, -0.1646])")),
        qPrintable(l.view.seedText()));
}

void TestInitLesson::torchPrintAlignsAsTorch() {
    // Each expected text is torch 1.13's print of the same tensor.
    QCOMPARE(InitLesson::torchPrint({0.5f, -0.25f}), QStringLiteral("tensor([ 0.5000, -0.2500])"));
    QCOMPARE(InitLesson::torchPrint({0.f, 1.f}), QStringLiteral("tensor([0., 1.])"));
    QCOMPARE(InitLesson::torchPrint({1e-5f, 2e-5f}),
             QStringLiteral("tensor([1.0000e-05, 2.0000e-05])"));
    QCOMPARE(InitLesson::torchPrint({0.5f, 0.f}), QStringLiteral("tensor([0.5000, 0.0000])"));
    QCOMPARE(InitLesson::torchPrint({-1.f, 2.f}), QStringLiteral("tensor([-1.,  2.])"));
    QCOMPARE(InitLesson::torchPrint({1e-5f, 1.f}),
             QStringLiteral("tensor([1.0000e-05, 1.0000e+00])"));
}

QTEST_MAIN(TestInitLesson)
#include "tst_init_lesson.moc"
