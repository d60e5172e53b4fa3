// The geometry lesson as a user sees it: the singular values, determinant and
// rank it writes for a Linear equal torch.linalg's (svdvals, det, matrix_rank
// fixtures) at the precision shown; the plane it draws is the snapshot's probe
// at t = 1 and after the activation, and the input plane at t = 0; a design
// without 2-D inputs gets a sentence saying why.
#include "ui/geometry_lesson.h"

#include "core/data/synthetic_datasets.h"
#include "core/nn/layer_table.h"
#include "core/train/trainer.h"
#include "ui/geometry_plane.h"
#include "ui/learn_panel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using namespace linearlab;

namespace {

QJsonArray geometryCases() {
    QFile f(QStringLiteral(LINEARLAB_FIXTURES_DIR "/nn/linear_geometry.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object()["cases"].toArray();
}

/// Linear(2, out), Tanh, Linear(out, 2) on moons.
train::Design planeDesign(nn::Index out) {
    train::Design d = train::seedExampleDesign();  // its SGD(lr=0.5)
    d.inputFeatures = 2;
    nn::LayerSpec first = nn::layerType("Linear").defaultSpec(2);
    first.out_features = out;
    nn::LayerSpec last = nn::layerType("Linear").defaultSpec(out);
    last.out_features = 2;
    d.layers = {first, nn::layerType("Tanh").defaultSpec(out), last};
    d.data.synthetic.dataset = "moons";
    d.data.synthetic.samples = 64;
    d.loss = "CrossEntropyLoss";
    d.batch.size = 16;
    return d;
}

/// A snapshot of `design` whose node 0 holds `weight` (out, 2).
std::shared_ptr<const train::Snapshot<float>> snapshotWith(const train::Design& design,
                                                           const nn::Matrix<float>& weight) {
    train::Trainer<float> trainer(design, data::makeSyntheticDataset<float>(design.data.synthetic));
    trainer.network().namedParameters()[0].parameter->value = weight;
    trainer.parametersReplaced();
    trainer.publishSnapshot();
    return trainer.takeSnapshot();
}

nn::Matrix<float> weightOf(const QJsonObject& c) {
    const QJsonArray shape = c["weight"]["shape"].toArray();
    const QJsonArray values = c["weight"]["values"].toArray();
    nn::Matrix<float> w(shape[0].toInt(), shape[1].toInt());
    for (int i = 0; i < values.size(); ++i)
        w.data()[i] = static_cast<float>(values[i].toDouble());
    return w;
}

/// How the lesson prints a number: 4 significant digits, a real minus sign.
QString shown(double v) {
    return QString::number(v, 'g', 4).replace(QLatin1Char('-'), QChar(0x2212));
}

}  // namespace

class TestGeometryLesson : public QObject {
    Q_OBJECT

private slots:
    void singularValuesAreTorchs_data();
    void singularValuesAreTorchs();
    void theSliderGoesFromThePlaneToTheProbe();
    void needsTwoInputs();
    void theLearnDockOpensItByName();
};

void TestGeometryLesson::singularValuesAreTorchs_data() {
    QTest::addColumn<QJsonObject>("c");
    int rows = 0;
    for (const QJsonValue& c : geometryCases())
        if (c["weight"]["shape"].toArray()[1].toInt() == 2) {
            QTest::newRow(qPrintable(c["name"].toString())) << c.toObject();
            ++rows;
        }
    QCOMPARE(rows, 9);
}

void TestGeometryLesson::singularValuesAreTorchs() {
    QFETCH(QJsonObject, c);
    const nn::Matrix<float> weight = weightOf(c);
    const train::Design design = planeDesign(weight.rows());
    ui::GeometryLesson lesson;
    lesson.resize(700, 500);
    lesson.setDesign(design);
    lesson.setSelectedNode(0);
    lesson.setSnapshot(snapshotWith(design, weight));
    QCOMPARE(lesson.messageText(), QString());
    const QString text = lesson.decompositionText();
    // Each σ as printed (4 significant digits) is torch's; one under
    // matrix_rank's tolerance is 0 to rounding, which LAPACK's float32 SVD
    // prints as a few 1e-8 and the double SVD as 0.
    const QJsonArray sigma = c["svdvals"].toArray();
    const double tolerance = sigma[0].toDouble() * 2 * 1.1920928955078125e-07;
    for (int i = 0; i < sigma.size(); ++i) {
        const QString label = QStringLiteral("\u03c3%1 = ").arg(QChar(0x2081 + i));
        const qsizetype at = text.indexOf(label);
        QVERIFY2(at >= 0, qPrintable(text));
        QString value = text.mid(at + label.size()).section(QRegularExpression("[ \n]"), 0, 0);
        const double torch = sigma[i].toDouble();
        if (torch > tolerance) {
            QCOMPARE(value, shown(torch));
        } else {
            bool ok = false;
            const double v = value.replace(QChar(0x2212), QLatin1Char('-')).toDouble(&ok);
            QVERIFY2(ok && std::abs(v) <= tolerance, qPrintable(value));
        }
    }
    QVERIFY2(text.contains(QStringLiteral("rank %1 ").arg(c["rank"].toInt())), qPrintable(text));
    if (c.contains("det_sign")) {
        const int sign = c["det_sign"].toInt();
        const QString det = sign > 0   ? QStringLiteral("det A > 0")
                            : sign < 0 ? QStringLiteral("det A < 0: a reflection")
                                       : QStringLiteral("det A = 0");
        QVERIFY2(text.contains(det), qPrintable(text));
    } else {
        QVERIFY2(text.contains("no determinant"), qPrintable(text));
    }
}

void TestGeometryLesson::theSliderGoesFromThePlaneToTheProbe() {
    nn::Matrix<float> weight(2, 2);
    weight << 0.5f, 1.5f, 1.25f, -0.75f;
    const train::Design design = planeDesign(2);
    const auto snapshot = snapshotWith(design, weight);
    ui::GeometryLesson lesson;
    lesson.setDesign(design);
    lesson.setSnapshot(snapshot);
    QCOMPARE(lesson.node(), 0);
    const auto& ctx = *snapshot->context;
    const auto grid = [&](const nn::Matrix<float>& m, size_t i) {
        const Eigen::Index r = ctx.probeSamples + static_cast<Eigen::Index>(i);
        return QPointF(m(r, 0), m(r, 1));
    };
    const auto sameGrid = [&](const nn::Matrix<float>& m, double tol) {
        const auto& drawn = lesson.plane()->outputPanel().grid;
        if (drawn.size() != size_t(ctx.probeGridResolution * ctx.probeGridResolution))
            return false;
        for (size_t i = 0; i < drawn.size(); ++i)
            if ((drawn[i] - grid(m, i)).manhattanLength() > tol)
                return false;
        return true;
    };
    // Whole: the engine's own output of node 0.
    QCOMPARE(lesson.morph(), 1.0);
    QVERIFY(sameGrid(snapshot->probeOutputs[0], 0));
    // The start: the input plane itself.
    lesson.setMorph(0);
    QVERIFY(sameGrid(ctx.probeInputs, 1e-6));
    // Through the Tanh after it: node 1's output.
    lesson.setMorph(2);
    QVERIFY(sameGrid(snapshot->probeOutputs[1], 0));
    // The samples are drawn at the same place as the grid's rows are.
    QCOMPARE(lesson.plane()->outputPanel().points.size(), size_t(ctx.probeSamples));
}

void TestGeometryLesson::needsTwoInputs() {
    ui::GeometryLesson lesson;
    lesson.setDesign(train::seedExampleDesign());
    QVERIFY2(lesson.messageText().contains("needs a design with 2 input features; this one has 20"),
             qPrintable(lesson.messageText()));
    QVERIFY(lesson.messageText().contains("File > Examples > moons"));
}

void TestGeometryLesson::theLearnDockOpensItByName() {
    // --show geometry and --show collapse find their lessons by these names.
    ui::LearnPanel panel;
    QVERIFY(panel.lessonNames().contains("geometry"));
    QVERIFY(panel.lessonNames().contains("collapse"));
    QVERIFY(panel.showLesson("geometry"));
    QVERIFY(qobject_cast<ui::GeometryLesson*>(panel.lesson("geometry")));
}

QTEST_MAIN(TestGeometryLesson)
#include "tst_geometry_lesson.moc"
