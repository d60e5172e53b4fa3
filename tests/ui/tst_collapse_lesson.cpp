// Stacked Linear layers as the user meets them: the diagram's badge on a
// Linear -> Linear run and none across a ReLU; the collapse lesson's formula
// with shapes, and its product W = W₁W₀, b = W₁b₀ + b₁ equal to torch's
// (collapse.json); and, with nothing to collapse, the reason.
#include "ui/collapse_lesson.h"
#include "ui/collapse_text.h"

#include "core/data/synthetic_datasets.h"
#include "core/nn/layer_table.h"
#include "core/train/trainer.h"
#include "ui/diagram_canvas.h"
#include "ui/heatmap_widget.h"
#include "ui/node_block.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace linearlab;

namespace {

nn::LayerSpec linear(nn::Index in, nn::Index out) {
    nn::LayerSpec s = nn::layerType("Linear").defaultSpec(in);
    s.out_features = out;
    return s;
}

train::Design designOf(std::vector<nn::LayerSpec> layers) {
    train::Design d = train::seedExampleDesign();  // its SGD(lr=0.5)
    d.inputFeatures = 2;
    d.layers = std::move(layers);
    d.data.synthetic.dataset = "teacher";
    d.data.synthetic.in_features = 2;
    d.data.synthetic.out_features = 1;
    d.data.synthetic.samples = 32;
    d.batch.size = 8;
    return d;
}

QJsonObject linearLinearCase() {
    QFile f(QStringLiteral(LINEARLAB_FIXTURES_DIR "/nn/collapse.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QJsonValue& c : QJsonDocument::fromJson(f.readAll()).object()["cases"].toArray())
        if (c["name"] == QStringLiteral("linear_linear"))
            return c.toObject();
    return {};
}

nn::Matrix<float> matrixOf(const QJsonValue& t) {
    const QJsonArray shape = t["shape"].toArray();
    const QJsonArray values = t["values"].toArray();
    const int rows = shape.size() == 2 ? shape[0].toInt() : 1;
    nn::Matrix<float> m(rows, shape.last().toInt());
    for (int i = 0; i < values.size(); ++i)
        m.data()[i] = static_cast<float>(values[i].toDouble());
    return m;
}

std::vector<QString> badges(const train::Design& d) {
    ui::DiagramCanvas canvas;
    canvas.setDesign(d, ui::describeNodes(d));
    std::vector<QString> texts;
    for (const ui::NodeBlock* b : canvas.blocks())
        texts.push_back(b->collapseBadgeText());
    return texts;
}

}  // namespace

class TestCollapseLesson : public QObject {
    Q_OBJECT

private slots:
    void badgeMarksLinearLinear() {
        const QString badge = QString::fromUtf8("nodes 0\u20131 = Linear(2, 1), rank \u2264 1");
        QCOMPARE(badges(designOf({linear(2, 3), linear(3, 1)})),
                 (std::vector<QString>{badge, badge}));
    }

    void noBadgeAcrossAReLU() {
        const auto texts =
            badges(designOf({linear(2, 3), nn::layerType("ReLU").defaultSpec(3), linear(3, 1)}));
        QCOMPARE(texts, (std::vector<QString>{QString(), QString(), QString()}));
    }

    void productIsTorchs() {
        const QJsonObject c = linearLinearCase();
        QVERIFY(!c.isEmpty());
        const train::Design d = designOf({linear(2, 3), linear(3, 1)});
        train::Trainer<float> trainer(d, data::makeSyntheticDataset<float>(d.data.synthetic));
        const QJsonObject state = c["state_dict"].toObject();
        for (auto& p : trainer.network().namedParameters())
            p.parameter->value = matrixOf(state[QString::fromStdString(p.name)]);
        trainer.parametersReplaced();
        trainer.publishSnapshot();

        ui::CollapseLesson lesson;
        lesson.setDesign(d);
        lesson.setSnapshot(trainer.takeSnapshot());
        QCOMPARE(lesson.currentRun(), 0);
        const QString text = lesson.formulaText();
        QVERIFY2(text.contains(QString::fromUtf8("nodes 0\u20131 = Linear(2, 1)")),
                 qPrintable(text));
        QVERIFY2(
            text.contains(QString::fromUtf8("W = W\u2081 W\u2080 : (1, 3) @ (3, 2) \u2192 (1, 2)")),
            qPrintable(text));
        QVERIFY2(text.contains(QString::fromUtf8("b = W\u2081 b\u2080 + b\u2081 : (1,)")),
                 qPrintable(text));
        QVERIFY2(text.contains("rank 1 "), qPrintable(text));
        QVERIFY(lesson.product());
        const QJsonObject run = c["runs"].toArray()[0].toObject();
        const nn::Matrix<float> w = matrixOf(run["weight"]);
        const nn::Matrix<float> b = matrixOf(run["bias"]);
        QVERIFY((lesson.product()->weight - w).cwiseAbs().maxCoeff() <=
                1e-6f * w.cwiseAbs().maxCoeff());
        QVERIFY((lesson.product()->bias - b).cwiseAbs().maxCoeff() <=
                1e-6f * std::max(1.0f, b.cwiseAbs().maxCoeff()));
        // The factors beside the product, last node first, as the formula writes them.
        QCOMPARE(lesson.factorViews().size(), size_t(2));
        QCOMPARE(lesson.factorViews()[0]->displayRows(), 1);
        QCOMPARE(lesson.factorViews()[0]->displayCols(), 3);
        QCOMPARE(lesson.factorViews()[1]->displayRows(), 3);
    }

    void nothingToCollapseSaysWhy() {
        ui::CollapseLesson lesson;
        lesson.setDesign(
            designOf({linear(2, 3), nn::layerType("ReLU").defaultSpec(3), linear(3, 1)}));
        QCOMPARE(lesson.currentRun(), -1);
        QVERIFY2(
            lesson.formulaText().startsWith(
                "nothing to collapse: every Linear is followed by a nonlinearity (node 1: ReLU)"),
            qPrintable(lesson.formulaText()));
    }

    // The window's English words the same facts as the CLI's (and may be translated).
    void windowWordsMatchTheCli() {
        const nn::LayerSpec relu = nn::layerType("ReLU").defaultSpec(3);
        for (const std::vector<nn::LayerSpec>& layers :
             {std::vector{linear(2, 3), relu, linear(3, 1)}, std::vector{relu},
              std::vector{linear(2, 3), relu}})
            QCOMPARE(ui::nothingToCollapseText(layers),
                     QString::fromStdString(nn::nothingToCollapse(layers)));
        const auto runs = nn::findLinearRuns(2, {linear(2, 3), linear(3, 1)});
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(ui::runLabel(runs[0]), QString::fromStdString(runs[0].label()));
    }
};

QTEST_MAIN(TestCollapseLesson)
#include "tst_collapse_lesson.moc"
