// ExplainerLesson: what a user reads for a known batch and weight. The
// fixture's weights and inputs (tests/fixtures/nn/layers.json, evaluated by
// torch) go through the engine's own modules, as the training thread would
// compute the probe; the written sum must end in torch's y to the printed
// precision and its terms must be x[n, i]·A[j, i] of the right i.
#include "../core/nn/nn_test_support.h"

#include "core/data/synthetic_datasets.h"
#include "core/nn/bilinear.h"
#include "core/nn/layer_table.h"
#include "core/nn/linear.h"
#include "core/nn/tensor_print.h"
#include "core/train/design.h"
#include "core/train/trainer.h"
#include "lesson_test_support.h"
#include "ui/explainer_lesson.h"
#include "ui/heatmap_widget.h"

#include <QMouseEvent>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace linearlab;
using linearlab::nn::Index;
using linearlab::nn::Matrix;
using linearlab::ui::ExplainerLesson;
using linearlab::ui::HeatmapWidget;
using Context = train::RunContext<float>;
using Snapshot = train::Snapshot<float>;

namespace {

QString spell(float v) {
    return QString::fromStdString(nn::TensorPrintFormat::element(v));
}

/// A negative factor after the first, bracketed as the sum writes it.
QString factor(float v) {
    const QString s = spell(v);
    return v < 0 || s.startsWith('-') ? QStringLiteral("(%1)").arg(s) : s;
}

QJsonObject fixtureCase(const char* group, const char* name) {
    for (const QJsonValue& c : nntest::loadFixture("layers.json")[group].toArray())
        if (c["name"].toString() == QLatin1String(name))
            return c.toObject();
    qWarning("no fixture case %s/%s", group, name);
    return {};
}

void addParameter(Context& c, const std::string& name, nn::Shape shape, Index node,
                  const Matrix<float>& value) {
    c.parameterNames.push_back(name);
    c.parameterShapes.push_back(std::move(shape));
    c.parameterNodes.push_back(node);
    c.initialParameters.push_back(value);
}

/// A one-node Linear run whose probe is the fixture's batch and whose y is the
/// engine's forward of it with the fixture's weights.
struct LinearRun {
    std::shared_ptr<Snapshot> snapshot;
    Matrix<float> x, weight, bias, torchY;
    train::Design design;
};

LinearRun linearRun(const char* name) {
    const QJsonObject c = fixtureCase("linear", name);
    LinearRun r;
    r.x = nntest::tensorFromJson<float>(c["input"]).values;
    r.weight = nntest::parameterFromJson<float>(c["weight"]);
    r.bias = nntest::parameterFromJson<float>(c["bias_value"]);
    r.torchY = nntest::tensorFromJson<float>(c["output"]).values;
    const Index in = c["in_features"].toInt(), out = c["out_features"].toInt();
    nn::Generator gen(0);
    nn::Linear<float> layer(nn::LinearOptions(in, out), gen);
    layer.weight().value = r.weight;
    layer.bias().value = r.bias;
    Matrix<float> y;
    layer.forward(r.x, y);

    auto ctx = std::make_shared<Context>();
    ctx->runId = 1;
    ctx->nodeTypes = {"Linear"};
    ctx->nodeReprs = {layer.repr()};
    addParameter(*ctx, "0.weight", {out, in}, 0, r.weight);
    addParameter(*ctx, "0.bias", {out}, 0, r.bias);
    ctx->probeInputs = r.x;
    ctx->probeSamples = r.x.rows();
    r.snapshot = std::make_shared<Snapshot>();
    r.snapshot->runId = 1;
    r.snapshot->parameters = ctx->initialParameters;
    r.snapshot->probeOutputs = {y};
    r.snapshot->context = ctx;
    r.design = train::seedExampleDesign();
    r.design.inputFeatures = in;
    r.design.layers = {nn::layerType("Linear").defaultSpec(in)};
    r.design.layers[0].out_features = out;
    r.design.batch.size = 64;
    return r;
}

void hover(QWidget& w, QPoint at) {
    QMouseEvent move(QEvent::MouseMove, QPointF(at), w.mapToGlobal(QPointF(at)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &move);
}

/// The expected sum for y[n, j]: every term for in <= 8, else the 8 largest |x·a| in
/// index order and the others' count; the total torch's y.
QString expectedLinearSum(const LinearRun& r, int n, int j, bool* truncated = nullptr) {
    const Index in = r.x.cols();
    std::vector<Index> shown(static_cast<size_t>(in));
    for (Index i = 0; i < in; ++i)
        shown[static_cast<size_t>(i)] = i;
    auto term = [&](Index i) { return double(r.x(n, i)) * double(r.weight(j, i)); };
    if (in > 8) {
        std::stable_sort(shown.begin(), shown.end(),
                         [&](Index a, Index b) { return std::fabs(term(a)) > std::fabs(term(b)); });
        shown.resize(8);
        std::sort(shown.begin(), shown.end());
    }
    QStringList parts;
    for (Index i : shown)
        parts << (parts.isEmpty() ? spell(r.x(n, i)) : factor(r.x(n, i))) + QStringLiteral("·") +
                     factor(r.weight(j, i));
    if (truncated)
        *truncated = in > 8;
    QString text = QStringLiteral("y[%1, %2] = Σᵢ x[%1, i]·A[%2, i] + b[%2] = ").arg(n).arg(j) +
                   parts.join(QStringLiteral(" + "));
    if (in > 8)
        text += QStringLiteral(" + (%1 smaller terms: ").arg(in - 8);
    return text;
}

}  // namespace

class TestExplainerLesson : public QObject {
    Q_OBJECT

private slots:
    void seedExampleShapesInPyTorchsWords() {
        train::Design design = train::seedExampleDesign();
        train::Trainer<float> trainer(design,
                                      data::makeSyntheticDataset<float>(design.data.synthetic));
        QVERIFY(trainer.trainStep());
        auto s = testing::snapshotOf(trainer);
        QVERIFY(s);
        ExplainerLesson lesson;
        lesson.setDesign(design);
        lesson.setSnapshot(s);
        QCOMPARE(lesson.lessonName(), QStringLiteral("explainer"));
        QCOMPARE(lesson.explainedNode(), 0);  // no node selected: the first Linear
        QCOMPARE(lesson.shapeText(), QStringLiteral("(16, 20) @ (20, 40) + (40,) → (16, 40)"));
        QCOMPARE(lesson.formulaText(), QStringLiteral("y = xAᵀ + b,   A = 0.weight, b = 0.bias"));
        QVERIFY2(lesson.batchText().startsWith(
                     QStringLiteral("N = 16: x is the network input for the first 16 training "
                                    "samples; a batch of 128 (batch.size)")),
                 qPrintable(lesson.batchText()));
        // Aᵀ (in, out) by default; the toggle shows PyTorch's stored A (40, 20).
        QCOMPARE(lesson.weightMap()->displayRows(), 20);
        QCOMPARE(lesson.weightMap()->displayCols(), 40);
        QCOMPARE(lesson.weightMap()->rowTitle(), QStringLiteral("input i"));
        QCOMPARE(lesson.weightCaption(),
                 QStringLiteral("Aᵀ = 0.weight.T (20, 40), b = 0.bias (40,) below"));
        lesson.setStoredLayout(true);
        QCOMPARE(lesson.weightCaption(),
                 QStringLiteral("A = 0.weight (40, 20), b = 0.bias (40,) beside"));
        QCOMPARE(lesson.weightMap()->displayRows(), 40);
        QCOMPARE(lesson.weightMap()->displayCols(), 20);
        QCOMPARE(lesson.weightMap()->rowTitle(), QStringLiteral("output j"));
        QCOMPARE(lesson.weightMap()->columnTitle(), QStringLiteral("input i"));
        QCOMPARE(lesson.inputMap()->displayRows(), 16);
        QCOMPARE(lesson.outputMap()->displayCols(), 40);

        // y[3, 7] of the engine's probe: 20 terms, the 8 largest written.
        lesson.setCell(3, 7);
        const Matrix<float>& y = s->probeOutputs[0];
        const QString sum = lesson.sumText();
        QVERIFY2(sum.startsWith(QStringLiteral("y[3, 7] = Σᵢ x[3, i]·A[7, i] + b[7] = ")),
                 qPrintable(sum));
        QVERIFY2(sum.contains(QStringLiteral("(12 smaller terms: ")), qPrintable(sum));
        QVERIFY2(sum.endsWith(QStringLiteral(" = ") + spell(y(3, 7))), qPrintable(sum));
        // The engine's y is the sum the text writes out: x[3]·A[7] + b[7].
        const Matrix<float>& x = s->context->probeInputs;
        double total = s->parameters[1](0, 7);
        for (Index i = 0; i < 20; ++i)
            total += double(x(3, i)) * double(s->parameters[0](7, i));
        QVERIFY(std::fabs(total - y(3, 7)) < 1e-5);
    }

    void liveWhileTraining() {
        // Each snapshot redraws the numbers; the explained cell stays.
        train::Design design = train::seedExampleDesign();
        train::Trainer<float> trainer(design,
                                      data::makeSyntheticDataset<float>(design.data.synthetic));
        auto first = testing::snapshotOf(trainer);
        QVERIFY(first);
        ExplainerLesson lesson;
        lesson.setDesign(design);
        lesson.setSnapshot(first);
        lesson.setCell(5, 9);
        const QString before = lesson.sumText();
        QVERIFY(before.endsWith(QStringLiteral(" = ") + spell(first->probeOutputs[0](5, 9))));
        for (int i = 0; i < 5; ++i)
            QVERIFY(trainer.trainStep());
        auto later = testing::snapshotOf(trainer);
        QVERIFY(later);
        lesson.setSnapshot(later);
        QCOMPARE(lesson.cell(), QPoint(9, 5));
        const QString after = lesson.sumText();
        QVERIFY(after.startsWith(QStringLiteral("y[5, 9] = ")));
        QVERIFY(after != before);  // SGD(lr=0.5) moved A and b
        QVERIFY2(after.endsWith(QStringLiteral(" = ") + spell(later->probeOutputs[0](5, 9))),
                 qPrintable(after));
        QCOMPARE(lesson.weightMap()->textAt(0, 9),
                 QStringLiteral("0.weight.T[0, 9] = ") + spell(later->parameters[0](9, 0)));
    }

    void writtenSumEndsInTorchsValue() {
        // Linear(5, 4) on a (3, 5) batch: every term written, for every y[n, j].
        const LinearRun r = linearRun("2d");
        ExplainerLesson lesson;
        lesson.setDesign(r.design);
        lesson.setSnapshot(r.snapshot);
        QCOMPARE(lesson.shapeText(), QStringLiteral("(3, 5) @ (5, 4) + (4,) → (3, 4)"));
        for (int n = 0; n < 3; ++n)
            for (int j = 0; j < 4; ++j) {
                lesson.setCell(n, j);
                const QString expected = expectedLinearSum(r, n, j) + QStringLiteral(" + ") +
                                         factor(r.bias(0, j)) + QStringLiteral(" = ") +
                                         spell(r.torchY(n, j));
                QCOMPARE(lesson.sumText(), expected);
            }
        // The batch is smaller than a design batch of 64, and said so.
        QVERIFY(lesson.batchText().contains(QStringLiteral("a batch of 64")));
    }

    void hoverHighlightsTheOperands() {
        const LinearRun r = linearRun("2d");
        ExplainerLesson lesson;
        lesson.setDesign(r.design);
        lesson.resize(900, 700);
        lesson.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lesson));
        lesson.setSnapshot(r.snapshot);
        QApplication::processEvents();
        HeatmapWidget* y = lesson.outputMap();
        hover(*y, y->cellRect(2, 1).center());
        QCOMPARE(lesson.cell(), QPoint(1, 2));
        QVERIFY(lesson.sumText().startsWith(QStringLiteral("y[2, 1] = ")));
        QCOMPARE(lesson.inputMap()->highlight(), QRect(0, 2, 5, 1));   // row 2 of x
        QCOMPARE(lesson.weightMap()->highlight(), QRect(1, 0, 1, 5));  // column 1 of Aᵀ
        QCOMPARE(lesson.weightMap()->biasHighlight(), 1);              // b[1]
        QCOMPARE(y->highlight(), QRect(1, 2, 1, 1));
        // Stored A (out, in): the same weights light up as row 1.
        lesson.setStoredLayout(true);
        QCOMPARE(lesson.weightMap()->highlight(), QRect(0, 1, 5, 1));
        // The cell stays as the mouse leaves and as the next snapshot arrives.
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(y, &leave);
        lesson.setSnapshot(r.snapshot);
        QCOMPARE(lesson.cell(), QPoint(1, 2));
        QVERIFY(lesson.sumText().startsWith(QStringLiteral("y[2, 1] = ")));
        // A click picks a cell too.
        QTest::mouseClick(y, Qt::LeftButton, {}, y->cellRect(0, 3).center());
        QCOMPARE(lesson.cell(), QPoint(3, 0));
        // The maps are aligned: x's row n meets y's row n, Aᵀ's column j meets y's column j.
        lesson.setStoredLayout(false);
        QApplication::processEvents();
        auto global = [](HeatmapWidget* h, int row, int col) {
            return QRect(h->mapTo(h->window(), h->cellRect(row, col).topLeft()),
                         h->cellRect(row, col).size());
        };
        QCOMPARE(global(lesson.inputMap(), 2, 0).top(), global(y, 2, 0).top());
        QCOMPARE(global(lesson.weightMap(), 0, 3).left(), global(y, 0, 3).left());
        QCOMPARE(global(lesson.weightMap(), 0, 3).size(), global(y, 0, 3).size());
    }

    void largestTermsWhenWide() {
        // Linear(33, 17): the 8 largest |x[n, i]·A[j, i]| and how many are left out.
        const LinearRun r = linearRun("wide");
        ExplainerLesson lesson;
        lesson.setDesign(r.design);
        lesson.setSnapshot(r.snapshot);
        lesson.setCell(4, 11);
        const QString sum = lesson.sumText();
        QVERIFY2(sum.startsWith(expectedLinearSum(r, 4, 11)), qPrintable(sum));
        QVERIFY(sum.contains(QStringLiteral("(25 smaller terms: ")));
        QVERIFY2(sum.endsWith(QStringLiteral(" + ") + factor(r.bias(0, 11)) +
                              QStringLiteral(" = ") + spell(r.torchY(4, 11))),
                 qPrintable(sum));
    }

    void tutorialNotation() {
        const LinearRun r = linearRun("2d");
        ExplainerLesson lesson;
        lesson.setDesign(r.design);
        lesson.setSnapshot(r.snapshot);
        lesson.setTutorialNotation(true);
        lesson.setCell(1, 2);
        QCOMPARE(lesson.formulaText(),
                 QStringLiteral("output = input * W + b,   W = Aᵀ = 0.weight.T"));
        QCOMPARE(lesson.shapeText(),
                 QStringLiteral("input (3, 5) * W (5, 4) + b (4,) = output (3, 4)"));
        QVERIFY2(lesson.sumText().startsWith(
                     QStringLiteral("output[1, 2] = Σᵢ input[1, i]·W[i, 2] + b[2] = ")),
                 qPrintable(lesson.sumText()));
        QVERIFY(lesson.sumText().contains(QStringLiteral(" = ") + spell(r.torchY(1, 2))));
        QVERIFY(lesson.sumText().endsWith(QStringLiteral("(W[i, 2] = A[2, i])")));
        QCOMPARE(lesson.weightCaption(),
                 QStringLiteral("W = Aᵀ = 0.weight.T (5, 4), b = 0.bias (4,) below"));
        // With the stored layout the caption names what is drawn, A (out, in).
        lesson.setStoredLayout(true);
        QCOMPARE(lesson.weightCaption(),
                 QStringLiteral("A = 0.weight (4, 5), b = 0.bias (4,) beside (W = Aᵀ)"));
    }

    void bilinearSlice() {
        // Node 1 = Bilinear(3, 4, 2) with input2 "input": x1 is node 0's output, x2 the input.
        const QJsonObject c = fixtureCase("bilinear", "2d");
        const Matrix<float> x1 = nntest::tensorFromJson<float>(c["input1"]).values;
        const Matrix<float> x2 = nntest::tensorFromJson<float>(c["input2"]).values;
        const Matrix<float> w = nntest::parameterFromJson<float>(c["weight"]);
        const Matrix<float> b = nntest::parameterFromJson<float>(c["bias_value"]);
        const Matrix<float> torchY = nntest::tensorFromJson<float>(c["output"]).values;
        nn::Generator gen(0);
        nn::Bilinear<float> layer(nn::BilinearOptions(3, 4, 2), gen);
        layer.weight().value = w;
        layer.bias().value = b;
        Matrix<float> y;
        layer.forward(x1, x2, y);

        auto ctx = std::make_shared<Context>();
        ctx->runId = 1;
        ctx->nodeTypes = {"Linear", "Bilinear"};
        ctx->nodeReprs = {"Linear(in_features=4, out_features=3, bias=True)", layer.repr()};
        addParameter(*ctx, "0.weight", {3, 4}, 0, Matrix<float>::Zero(3, 4));
        addParameter(*ctx, "0.bias", {3}, 0, Matrix<float>::Zero(1, 3));
        addParameter(*ctx, "1.weight", {2, 3, 4}, 1, w);
        addParameter(*ctx, "1.bias", {2}, 1, b);
        ctx->probeInputs = x2;
        ctx->probeSamples = x2.rows();
        auto s = std::make_shared<Snapshot>();
        s->runId = 1;
        s->parameters = ctx->initialParameters;
        s->probeOutputs = {x1, y};
        s->context = ctx;
        train::Design design = train::seedExampleDesign();
        design.inputFeatures = 4;
        nn::LayerSpec linear = nn::layerType("Linear").defaultSpec(4);
        linear.out_features = 3;
        nn::LayerSpec bilinear = nn::layerType("Bilinear").defaultSpec(3);
        bilinear.in1_features = 3;
        bilinear.in2_features = 4;
        bilinear.out_features = 2;
        bilinear.input2 = nn::SecondInput::input();
        design.layers = {linear, bilinear};

        ExplainerLesson lesson;
        lesson.setDesign(design);
        lesson.setSelectedNode(1);
        lesson.setSnapshot(s);
        QCOMPARE(lesson.explainedNode(), 1);
        QCOMPARE(lesson.formulaText(),
                 QStringLiteral("y_k = x1ᵀ A_k x2 + b_k   (A = 1.weight, slice k per output)"));
        QCOMPARE(lesson.shapeText(), QStringLiteral("(5, 3), (2, 3, 4), (5, 4) + (2,) → (5, 2)"));
        lesson.setCell(2, 1);
        // Slice k = 1 of A, (in1, in2); x1 and x2 light up at row 2, b at k.
        QCOMPARE(lesson.weightMap()->displayRows(), 3);
        QCOMPARE(lesson.weightMap()->displayCols(), 4);
        QCOMPARE(lesson.weightMap()->textAt(1, 2),
                 QStringLiteral("1.weight[1, 1, 2] = ") + spell(w(1, 1 * 4 + 2)));
        QCOMPARE(lesson.inputMap()->highlight(), QRect(0, 2, 3, 1));
        QCOMPARE(lesson.secondInputMap()->highlight(), QRect(0, 2, 4, 1));
        QCOMPARE(lesson.biasMap()->highlight(), QRect(0, 1, 1, 1));
        // 12 terms x1[2, i]·A[1, i, j]·x2[2, j]: the 8 largest written, the total torch's.
        const QString sum = lesson.sumText();
        QVERIFY2(
            sum.startsWith(QStringLiteral("y[2, 1] = Σᵢⱼ x1[2, i]·A[1, i, j]·x2[2, j] + b[1] = ")),
            qPrintable(sum));
        QVERIFY(sum.contains(QStringLiteral("(4 smaller terms: ")));
        QVERIFY2(sum.endsWith(QStringLiteral(" + ") + factor(b(0, 1)) + QStringLiteral(" = ") +
                              spell(torchY(2, 1))),
                 qPrintable(sum));
        // The largest term is written with its three factors.
        double best = 0;
        QString bestText;
        for (Index i = 0; i < 3; ++i)
            for (Index j = 0; j < 4; ++j) {
                const double t = double(x1(2, i)) * w(1, i * 4 + j) * x2(2, j);
                if (std::fabs(t) > std::fabs(best)) {
                    best = t;
                    bestText = factor(w(1, i * 4 + j)) + QStringLiteral("·") + factor(x2(2, j));
                }
            }
        QVERIFY2(sum.contains(bestText), qPrintable(bestText));
    }

    void lazyLinearWaitsForItsFirstBatch() {
        train::Design design = train::seedExampleDesign();
        nn::LayerSpec lazy = nn::layerType("LazyLinear").defaultSpec(20);
        lazy.out_features = 40;
        design.layers = {lazy};
        train::Trainer<float> trainer(design,
                                      data::makeSyntheticDataset<float>(design.data.synthetic));
        ExplainerLesson lesson;
        lesson.setDesign(design);
        lesson.setSnapshot(testing::snapshotOf(trainer));
        QCOMPARE(lesson.explainedNode(), -1);
        QCOMPARE(lesson.message(), QStringLiteral("LazyLinear's in_features is inferred from the "
                                                  "first batch: take a step to see its A and b."));
        QVERIFY(trainer.trainStep());
        lesson.setSnapshot(testing::snapshotOf(trainer));
        QCOMPARE(lesson.explainedNode(), 0);
        QCOMPARE(lesson.shapeText(), QStringLiteral("(16, 20) @ (20, 40) + (40,) → (16, 40)"));
    }

    void otherNodesAskForALinear() {
        const LinearRun r = linearRun("2d");
        auto ctx = std::make_shared<Context>(*r.snapshot->context);
        ctx->nodeTypes.push_back("ReLU");
        ctx->nodeReprs.push_back("ReLU()");
        auto s = std::make_shared<Snapshot>(*r.snapshot);
        s->probeOutputs.push_back(s->probeOutputs[0].cwiseMax(0.0f));
        s->context = ctx;
        ExplainerLesson lesson;
        lesson.setSnapshot(s);
        lesson.setSelectedNode(1);
        QCOMPARE(lesson.explainedNode(), -1);
        // The layer table's linear family, in its menu order.
        QCOMPARE(lesson.message(),
                 QStringLiteral("Node 1 is ReLU. Select a Linear, Bilinear, LazyLinear or "
                                "NonDynamicallyQuantizableLinear node to see its y = xAᵀ + b."));
        lesson.setSelectedNode(0);
        QCOMPARE(lesson.explainedNode(), 0);
        QCOMPARE(lesson.message(), QString());
    }
};

QTEST_MAIN(TestExplainerLesson)
#include "tst_explainer_lesson.moc"
