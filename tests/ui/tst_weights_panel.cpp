// WeightsPanel: one group per node, the LazyLinear placeholder until it
// materializes, modes, Bilinear slices, and stale runs dropped.
#include "core/data/synthetic_datasets.h"
#include "core/nn/layer_table.h"
#include "core/train/design.h"
#include "core/train/trainer.h"
#include "ui/color_map.h"
#include "ui/heatmap_widget.h"
#include "ui/weights_panel.h"

#include <QComboBox>
#include <QGroupBox>
#include <QMouseEvent>
#include <QtTest>

using namespace linearlab;
using linearlab::nn::Matrix;
using linearlab::ui::HeatmapWidget;
using linearlab::ui::WeightsPanel;
using Context = train::RunContext<float>;
using Snapshot = train::Snapshot<float>;

namespace {

const char* kLinearRepr = "Linear(in_features=3, out_features=2, bias=True)";

void addParameter(Context& c, const std::string& name, nn::Shape shape, nn::Index node,
                  const Matrix<float>& initial) {
    c.parameterNames.push_back(name);
    c.parameterShapes.push_back(std::move(shape));
    c.parameterNodes.push_back(node);
    c.initialParameters.push_back(initial);
}

Matrix<float> filled(nn::Index rows, nn::Index cols, float start) {
    Matrix<float> m(rows, cols);
    for (nn::Index i = 0; i < m.size(); ++i)
        m.data()[i] = start + 0.1f * static_cast<float>(i);
    return m;
}

/// A Linear(3, 2) followed by a LazyLinear(4) that has not seen a batch yet.
std::shared_ptr<Context> lazyContext(uint64_t runId) {
    auto c = std::make_shared<Context>();
    c->runId = runId;
    c->nodeTypes = {"Linear", "LazyLinear"};
    c->nodeReprs = {kLinearRepr, "LazyLinear(in_features=0, out_features=4, bias=True)"};
    addParameter(*c, "0.weight", {2, 3}, 0, filled(2, 3, -0.3f));
    addParameter(*c, "0.bias", {2}, 0, filled(1, 2, 0.1f));
    return c;
}

/// The same network after the first batch: the lazy layer is Linear(2, 4).
std::shared_ptr<Context> materializedContext(uint64_t runId) {
    auto c = lazyContext(runId);
    c->nodeReprs[1] = "Linear(in_features=2, out_features=4, bias=True)";
    addParameter(*c, "1.weight", {4, 2}, 1, filled(4, 2, -0.4f));
    addParameter(*c, "1.bias", {4}, 1, filled(1, 4, 0.0f));
    return c;
}

std::shared_ptr<Snapshot> snapshotOf(std::shared_ptr<const Context> c) {
    auto s = std::make_shared<Snapshot>();
    s->runId = c->runId;
    s->parameters = c->initialParameters;
    for (const auto& p : c->initialParameters)
        s->gradients.push_back(Matrix<float>::Constant(p.rows(), p.cols(), 0.5f));
    s->context = std::move(c);
    return s;
}

std::vector<HeatmapWidget*> real(const WeightsPanel& panel) {
    std::vector<HeatmapWidget*> out;
    for (HeatmapWidget* h : panel.heatmaps())
        if (!h->isPlaceholder())
            out.push_back(h);
    return out;
}

QStringList groupTitles(const WeightsPanel& panel) {
    QStringList titles;
    for (QGroupBox* g : panel.findChildren<QGroupBox*>())
        titles << g->title();
    return titles;
}

}  // namespace

class TestWeightsPanel : public QObject {
    Q_OBJECT

private slots:
    void lazyLayerShowsPlaceholderUntilMaterialized() {
        WeightsPanel panel;
        panel.resize(600, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        panel.setSnapshot(snapshotOf(lazyContext(1)));
        QCOMPARE(groupTitles(panel),
                 QStringList(
                     {QStringLiteral("0: ") + kLinearRepr,
                      QStringLiteral("1: LazyLinear(in_features=0, out_features=4, bias=True)")}));
        HeatmapWidget* placeholder = nullptr;
        for (HeatmapWidget* h : panel.heatmaps())
            if (h->isPlaceholder())
                placeholder = h;
        QVERIFY(placeholder);
        QVERIFY(placeholder->isVisible());
        QCOMPARE(
            placeholder->placeholderText(),
            QStringLiteral("not initialised \u2014 in_features is inferred from the first batch"));
        QCOMPARE(real(panel).size(), size_t(1));
        QCOMPARE(real(panel)[0]->image().size(), QSize(3, 2));
        QCOMPARE(real(panel)[0]->biasImage().size(), QSize(1, 2));

        // Same run, new context: the lazy layer materialized on the first batch.
        panel.setSnapshot(snapshotOf(materializedContext(1)));
        for (HeatmapWidget* h : panel.heatmaps())
            QVERIFY(!h->isPlaceholder());
        const auto heatmaps = real(panel);
        QCOMPARE(heatmaps.size(), size_t(2));
        QVERIFY(heatmaps[1]->isVisible());
        QCOMPARE(heatmaps[1]->image().size(), QSize(2, 4));  // (out=4, in=2) as cols x rows
        QCOMPARE(heatmaps[1]->textAt(3, 1), QStringLiteral("1.weight[3, 1] = 0.3000"));
        QVERIFY(groupTitles(panel).contains(
            QStringLiteral("1: Linear(in_features=2, out_features=4, bias=True)")));
    }

    void sameContextOnlyUpdatesImages() {
        WeightsPanel panel;
        auto ctx = materializedContext(1);
        panel.setSnapshot(snapshotOf(ctx));
        const auto before = panel.heatmaps();
        auto next = snapshotOf(ctx);
        next->parameters[0](0, 2) = 5.0f;  // the new maximum: full red
        panel.setSnapshot(next);
        QCOMPARE(panel.heatmaps(), before);  // no widget was rebuilt
        QCOMPARE(before[0]->image().pixel(2, 0), ui::ColorMap::diverging().at(255));
    }

    void olderRunIsIgnored() {
        WeightsPanel panel;
        panel.setSnapshot(snapshotOf(materializedContext(7)));
        const QImage shown = real(panel)[0]->image();
        panel.setMinimumRunId(8);
        auto stale = snapshotOf(materializedContext(7));
        stale->parameters[0].setConstant(-1.0f);
        panel.setSnapshot(stale);
        QCOMPARE(panel.snapshot()->runId, uint64_t(7));
        QCOMPARE(real(panel)[0]->image(), shown);
        QVERIFY(panel.snapshot() != stale);

        auto fresh = snapshotOf(lazyContext(8));
        panel.setSnapshot(fresh);
        QCOMPARE(panel.snapshot(), std::shared_ptr<const Snapshot>(fresh));
    }

    void modesShowGradientAndChange() {
        WeightsPanel panel;
        auto ctx = materializedContext(1);
        auto s = snapshotOf(ctx);
        s->parameters[0](1, 0) += 0.25f;
        panel.setSnapshot(s);
        HeatmapWidget* w0 = real(panel)[0];

        panel.setMode(WeightsPanel::Mode::Change);
        QCOMPARE(w0->textAt(1, 0), QStringLiteral("\u03940.weight[1, 0] = 0.2500"));
        QCOMPARE(w0->textAt(0, 0), QStringLiteral("\u03940.weight[0, 0] = 0."));
        QCOMPARE(w0->image().pixel(0, 0), qRgb(255, 255, 255));  // unchanged: white
        QCOMPARE(w0->image().pixel(0, 1), ui::ColorMap::diverging().at(255));

        panel.setMode(WeightsPanel::Mode::Gradient);
        QCOMPARE(w0->textAt(0, 1), QStringLiteral("0.weight.grad[0, 1] = 0.5000"));
        QCOMPARE(panel.findChild<QComboBox*>()->currentIndex(), 1);

        panel.setTransposed(true);
        QCOMPARE(w0->image().size(), QSize(2, 3));
    }

    void bilinearShowsOneSlicePerOutput() {
        auto c = std::make_shared<Context>();
        c->runId = 1;
        c->nodeTypes = {"Bilinear"};
        c->nodeReprs = {"Bilinear(in1_features=3, in2_features=4, out_features=2, bias=True)"};
        addParameter(*c, "0.weight", {2, 3, 4}, 0, filled(2, 12, -0.6f));
        addParameter(*c, "0.bias", {2}, 0, filled(1, 2, 0.0f));
        WeightsPanel panel;
        panel.setSnapshot(snapshotOf(c));
        const auto heatmaps = real(panel);
        QCOMPARE(heatmaps.size(), size_t(3));                // two slices and the bias
        QCOMPARE(heatmaps[0]->image().size(), QSize(4, 3));  // (in1, in2) as cols x rows
        // weight[1, 2, 3] is element 12 + 2*4 + 3 = 23 of PyTorch's memory.
        QCOMPARE(heatmaps[1]->textAt(2, 3), QStringLiteral("0.weight[1, 2, 3] = 1.7000"));
        QCOMPARE(heatmaps[2]->textAt(1, 0), QStringLiteral("0.bias[1] = 0.1000"));
        // One scale for every slice: the largest |value| of the whole tensor.
        QCOMPARE(heatmaps[0]->absMax(), heatmaps[1]->absMax());
    }

    void trainerSnapshotEndToEnd() {
        train::Design design = train::seedExampleDesign();
        train::Trainer<float> trainer(design,
                                      data::makeSyntheticDataset<float>(design.data.synthetic));
        for (int i = 0; i < 3; ++i)
            QVERIFY(trainer.trainStep());
        trainer.publishSnapshot();
        auto s = trainer.takeSnapshot();
        QVERIFY(s);
        WeightsPanel panel;
        panel.setSnapshot(s);
        QCOMPARE(groupTitles(panel),
                 QStringList({"0: Linear(in_features=20, out_features=40, bias=True)"}));
        const auto heatmaps = real(panel);
        QCOMPARE(heatmaps.size(), size_t(1));
        QCOMPARE(heatmaps[0]->image().size(), QSize(20, 40));
        QCOMPARE(heatmaps[0]->biasImage().size(), QSize(1, 40));
        // (out_features, in_features), said on the axes; transposed they swap.
        QCOMPARE(heatmaps[0]->rowTitle(), QStringLiteral("output j"));
        QCOMPARE(heatmaps[0]->columnTitle(), QStringLiteral("input i"));
        panel.setTransposed(true);
        QCOMPARE(heatmaps[0]->rowTitle(), QStringLiteral("input i"));
        QVERIFY(heatmaps[0]->minimumSizeHint().height() >= 20 * 8);  // 8 px a cell at least
    }

    void thinWeightKeepsHoverableCells() {
        // Linear(1, 32): a 32x1 weight in the panel's scroll area, every cell 8 px or
        // more and each one hovered by its own row.
        train::Design design = train::seedExampleDesign();
        design.inputFeatures = 1;
        design.data.synthetic.in_features = 1;
        design.data.synthetic.out_features = 32;
        design.layers[0].in_features = 1;
        design.layers[0].out_features = 32;
        train::Trainer<float> trainer(design,
                                      data::makeSyntheticDataset<float>(design.data.synthetic));
        trainer.publishSnapshot();
        WeightsPanel panel;
        panel.resize(400, 200);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setSnapshot(trainer.takeSnapshot());
        QApplication::processEvents();
        const auto heatmaps = real(panel);
        QCOMPARE(heatmaps.size(), size_t(1));
        HeatmapWidget* h = heatmaps[0];
        QCOMPARE(h->displayRows(), 32);
        QCOMPARE(h->displayCols(), 1);
        QVERIFY(h->height() >= 32 * HeatmapWidget::kHoverableCell);  // taller than the panel
        for (int r = 0; r < 32; ++r) {
            const QRect cell = h->cellRect(r, 0);
            QVERIFY2(cell.height() >= 8 && cell.width() >= 8, qPrintable(QString::number(r)));
            QMouseEvent move(QEvent::MouseMove, QPointF(cell.center()),
                             h->mapToGlobal(QPointF(cell.center())), Qt::NoButton, Qt::NoButton,
                             Qt::NoModifier);
            QCoreApplication::sendEvent(h, &move);
            QVERIFY2(h->hoverText().startsWith(QStringLiteral("0.weight[%1, 0] = ").arg(r)),
                     qPrintable(h->hoverText()));
        }
    }

    void preluSlopesAreAWeight() {
        // PReLU's slopes train and show as node 1's weight, one value per channel.
        train::Design design = train::seedExampleDesign();
        nn::LayerSpec prelu = nn::layerType("PReLU").defaultSpec(40);
        prelu.num_parameters = 40;
        design.layers.push_back(prelu);
        train::Trainer<float> trainer(design,
                                      data::makeSyntheticDataset<float>(design.data.synthetic));
        for (int i = 0; i < 3; ++i)
            QVERIFY(trainer.trainStep());
        trainer.publishSnapshot();
        auto s = trainer.takeSnapshot();
        QVERIFY(s);
        QCOMPARE(s->context->parameterNames.back(), std::string("1.weight"));
        QVERIFY(s->parameters.back() != Matrix<float>::Constant(1, 40, 0.25f));  // trained
        WeightsPanel panel;
        panel.setSnapshot(s);
        QCOMPARE(groupTitles(panel),
                 QStringList({"0: Linear(in_features=20, out_features=40, bias=True)",
                              "1: PReLU(num_parameters=40)"}));
        const auto heatmaps = real(panel);
        QCOMPARE(heatmaps.size(), size_t(2));
        QCOMPARE(heatmaps[1]->image().size(), QSize(40, 1));
    }
};

QTEST_MAIN(TestWeightsPanel)
#include "tst_weights_panel.moc"
