// OutputViewWidget: decision-region colours for a grid whose outputs are known,
// the surface's colour scale, and the Predictions view's output heatmap.
#include "core/data/synthetic_datasets.h"
#include "core/train/design.h"
#include "core/train/trainer.h"
#include "ui/color_map.h"
#include "ui/heatmap_widget.h"
#include "ui/output_view_widget.h"

#include <QtTest>

using namespace linearlab;
using linearlab::nn::Matrix;
using linearlab::ui::OutputViewWidget;
using Snapshot = train::Snapshot<float>;

namespace {

constexpr int kRes = 4;

/// A 4x4 grid over [-1, 1]^2, in the trainer's order: row r from the top (y = yMax).
std::shared_ptr<train::RunContext<float>> gridContext(train::OutputKind kind) {
    auto c = std::make_shared<train::RunContext<float>>();
    c->runId = 1;
    c->outputKind = kind;
    c->classification = kind == train::OutputKind::DecisionRegions;
    c->numClasses = 3;
    c->gridResolution = kRes;
    c->xMin = c->yMin = -1;
    c->xMax = c->yMax = 1;
    c->viewInputs.resize(kRes * kRes, 2);
    for (int r = 0; r < kRes; ++r)
        for (int col = 0; col < kRes; ++col) {
            c->viewInputs(r * kRes + col, 0) = -1.0f + 2.0f * col / (kRes - 1);
            c->viewInputs(r * kRes + col, 1) = 1.0f - 2.0f * r / (kRes - 1);
        }
    c->dataX.resize(2, 2);
    c->dataX << -0.9f, -0.9f, 0.9f, 0.9f;
    c->dataY.resize(2, 1);
    c->dataY << 0, 2;
    return c;
}

/// Class of grid cell (r, c) in the three-class test: left half 0, top right 1, bottom right 2.
int expectedClass(int r, int c) {
    return c < 2 ? 0 : (r < 2 ? 1 : 2);
}

std::shared_ptr<Snapshot> snapshotOf(std::shared_ptr<const train::RunContext<float>> c,
                                     Matrix<float> outputs) {
    auto s = std::make_shared<Snapshot>();
    s->runId = c->runId;
    s->context = std::move(c);
    s->viewOutputs = std::move(outputs);
    return s;
}

/// The scatter's square, as the extent numbers' boxes bound it.
QRectF plotRect(const OutputViewWidget& w) {
    QRectF r;
    for (const QRectF& t : w.axisTextRects())
        r = r.isNull() ? t : r.united(t);
    return r;
}

}  // namespace

class TestOutputViewWidget : public QObject {
    Q_OBJECT

private slots:
    void decisionRegionsArgmax() {
        Matrix<float> out = Matrix<float>::Zero(kRes * kRes, 3);
        for (int r = 0; r < kRes; ++r)
            for (int c = 0; c < kRes; ++c)
                out(r * kRes + c, expectedClass(r, c)) = 2.0f;
        OutputViewWidget w;
        w.setSnapshot(snapshotOf(gridContext(train::OutputKind::DecisionRegions), out));
        QCOMPARE(w.kind(), train::OutputKind::DecisionRegions);
        const QImage img = w.image();
        QCOMPARE(img.size(), QSize(kRes, kRes));
        for (int r = 0; r < kRes; ++r)
            for (int c = 0; c < kRes; ++c)
                QCOMPARE(img.pixel(c, r), OutputViewWidget::regionColor(expectedClass(r, c)));

        // On screen: every region colour appears, and so do the points' class colours.
        w.resize(400, 400);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QImage shown = w.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QHash<QRgb, int> counts;
        for (int y = 0; y < shown.height(); ++y)
            for (int x = 0; x < shown.width(); ++x)
                ++counts[shown.pixel(x, y)];
        for (int k = 0; k < 3; ++k)
            QVERIFY2(counts.value(OutputViewWidget::regionColor(k)) > 1000,
                     qPrintable(QString::number(k)));
        QVERIFY(counts.value(OutputViewWidget::classColor(0)) > 0);
        QVERIFY(counts.value(OutputViewWidget::classColor(2)) > 0);
    }

    void singleLogitColumnIsBinary() {
        Matrix<float> out(kRes * kRes, 1);
        for (int i = 0; i < kRes * kRes; ++i)
            out(i, 0) = (i % kRes) >= 2 ? 0.3f : -0.3f;  // right half positive
        OutputViewWidget w;
        w.setSnapshot(snapshotOf(gridContext(train::OutputKind::DecisionRegions), out));
        QCOMPARE(w.image().pixel(0, 0), OutputViewWidget::regionColor(0));
        QCOMPARE(w.image().pixel(3, 3), OutputViewWidget::regionColor(1));
        QVERIFY(OutputViewWidget::regionColor(0) != OutputViewWidget::regionColor(1));
    }

    void surfaceUsesTheDivergingMap() {
        Matrix<float> out(kRes * kRes, 1);
        for (int i = 0; i < kRes * kRes; ++i)
            out(i, 0) = static_cast<float>((i % kRes) - 1);  // -1, 0, 1, 2 per column
        OutputViewWidget w;
        w.setSnapshot(snapshotOf(gridContext(train::OutputKind::Surface), out));
        // The scale covers predictions and targets: max(|2|, |target 2|) = 2.
        QCOMPARE(w.image().pixel(1, 0), qRgb(255, 255, 255));
        QCOMPARE(w.image().pixel(3, 2), ui::ColorMap::diverging().at(255));
        QCOMPARE(w.image().pixel(0, 1), ui::ColorMap::diverging().colorFor(-1.0f, 2.0f));
    }

    void olderRunIsIgnored() {
        Matrix<float> out = Matrix<float>::Constant(kRes * kRes, 1, 1.0f);
        OutputViewWidget w;
        w.setMinimumRunId(2);
        w.setSnapshot(snapshotOf(gridContext(train::OutputKind::DecisionRegions), out));
        QVERIFY(w.image().isNull());
    }

    void predictionsShowTheOutputMatrix() {
        train::Design design = train::seedExampleDesign();
        train::Trainer<float> trainer(design,
                                      data::makeSyntheticDataset<float>(design.data.synthetic));
        QVERIFY(trainer.trainStep());
        trainer.publishSnapshot();
        auto s = trainer.takeSnapshot();
        QVERIFY(s);
        OutputViewWidget w;
        w.resize(700, 420);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSnapshot(s);
        QCOMPARE(w.kind(), train::OutputKind::Predictions);
        QVERIFY(w.image().isNull());
        QVERIFY(w.outputHeatmap()->isVisible());
        QCOMPARE(w.outputHeatmap()->image().size(), QSize(40, 128));  // output (128, 40)
        QVERIFY(w.outputHeatmap()->textAt(0, 0).startsWith(QStringLiteral("output[0, 0] = ")));
        QVERIFY(w.shownTitle().startsWith(
            QStringLiteral("Predicted vs target (output[:, 0]), and the outputs (128, 40)")));
        QVERIFY(plotRect(w).right() < w.outputHeatmap()->x());  // the scatter keeps to its half

        // Too narrow for two readable halves: the scatter alone, the whole width, and the
        // title no longer promises the outputs; wide again, both come back.
        w.resize(OutputViewWidget::kSplitWidth - 60, 420);
        QVERIFY(!w.showsOutputMatrix());
        QVERIFY(!w.outputHeatmap()->isVisible());
        QCOMPARE(w.shownTitle(),
                 QStringLiteral("Predicted vs target (output[:, 0]) \u2014 step 1"));
        QVERIFY(plotRect(w).width() > 0.7 * w.width());
        w.resize(700, 420);
        QVERIFY(w.showsOutputMatrix() && w.outputHeatmap()->isVisible());
    }
};

QTEST_MAIN(TestOutputViewWidget)
#include "tst_output_view_widget.moc"
