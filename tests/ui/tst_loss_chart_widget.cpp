// LossChartWidget: one point per history point, one replace() per series per
// snapshot, the log axis skipping what it cannot draw, stale runs dropped.
#include "chart_test_support.h"
#include "ui/loss_chart_widget.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSignalSpy>
#include <QValueAxis>
#include <QtTest>

#include <cmath>

using namespace linearlab;
using linearlab::ui::LossChartWidget;
using Snapshot = train::Snapshot<float>;
using linearlab::test::chartLabels;
using linearlab::test::chartTextProblem;

namespace {

std::shared_ptr<Snapshot> snapshotWith(int trainPoints, int epochs, bool classification,
                                       uint64_t runId = 1) {
    auto c = std::make_shared<train::RunContext<float>>();
    c->runId = runId;
    c->classification = classification;
    auto s = std::make_shared<Snapshot>();
    s->context = c;
    s->runId = runId;
    for (int i = 1; i <= trainPoints; ++i)
        s->trainHistory.add(i, 2.0 / i);
    for (int e = 1; e <= epochs; ++e) {
        s->validationHistory.add(e * 10, 1.0 / e);
        s->accuracyHistory.add(e * 10, 0.5 + 0.05 * e);
    }
    return s;
}

/// A run whose train loss falls from `maxLoss` over `steps` steps, with validation
/// points (and accuracy) every tenth of the way.
std::shared_ptr<Snapshot> historyUpTo(double maxLoss, int steps, bool classification) {
    auto c = std::make_shared<train::RunContext<float>>();
    c->runId = 1;
    c->classification = classification;
    auto s = std::make_shared<Snapshot>();
    s->context = c;
    s->runId = 1;
    for (int i = 1; i <= steps; i += std::max(1, steps / 500))
        s->trainHistory.add(i, maxLoss / std::sqrt(double(i)));
    for (int e = 1; e <= 10; ++e) {
        s->validationHistory.add(e * steps / 10.0, maxLoss / (1 + e));
        s->accuracyHistory.add(e * steps / 10.0, 0.5 + 0.04 * e);
    }
    return s;
}

QLineSeries* seriesNamed(LossChartWidget& w, const QString& name) {
    for (QAbstractSeries* s : w.findChild<QChartView*>()->chart()->series())
        if (s->name() == name)
            return qobject_cast<QLineSeries*>(s);
    return nullptr;
}

}  // namespace

class TestLossChartWidget : public QObject {
    Q_OBJECT

private slots:
    void onePointPerHistoryPoint_data() {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("epochs");
        QTest::newRow("empty") << 0 << 0;
        QTest::newRow("one") << 1 << 0;
        QTest::newRow("hundreds") << 537 << 5;
        QTest::newRow("full") << 4096 << 40;
    }
    void onePointPerHistoryPoint() {
        QFETCH(int, points);
        QFETCH(int, epochs);
        LossChartWidget w;
        w.setSnapshot(snapshotWith(points, epochs, false));
        QCOMPARE(w.pointCount(), points);
        QCOMPARE(w.validationPointCount(), epochs);
        QCOMPARE(w.accuracyPointCount(), 0);  // regression: no accuracy
        QVERIFY(!seriesNamed(w, QStringLiteral("validation accuracy"))->isVisible());
        if (points > 1) {
            QCOMPARE(w.lossAxisMin(), 0.0);
            QVERIFY(w.lossAxisMax() >= 2.0);  // the first, largest loss is on screen
        }
    }

    void oneReplacePerSeriesPerSnapshot() {
        LossChartWidget w;
        w.setSnapshot(snapshotWith(10, 1, false));
        QLineSeries* train = seriesNamed(w, QStringLiteral("train loss"));
        QVERIFY(train);
        QSignalSpy replaced(train, &QXYSeries::pointsReplaced);
        QSignalSpy added(train, &QXYSeries::pointAdded);
        QSignalSpy removed(train, &QXYSeries::pointRemoved);
        w.setSnapshot(snapshotWith(20, 2, false));
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(added.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(w.pointCount(), 20);
    }

    void accuracyWhenClassifying() {
        LossChartWidget w;
        w.setSnapshot(snapshotWith(30, 3, true));
        QCOMPARE(w.accuracyPointCount(), 3);
        QVERIFY(seriesNamed(w, QStringLiteral("validation accuracy"))->isVisible());
        QCOMPARE(seriesNamed(w, QStringLiteral("validation accuracy"))->at(2), QPointF(30, 0.65));
    }

    void logScaleSkipsNonPositive() {
        LossChartWidget w;
        auto s = snapshotWith(10, 0, false);
        s->trainHistory.add(11, 0.0);  // an exact fit: drawable on a linear axis only
        s->trainHistory.add(12, std::nan(""));
        w.setSnapshot(s);
        QCOMPARE(w.pointCount(), 11);
        QVERIFY(qobject_cast<QValueAxis*>(w.findChild<QChartView*>()
                                              ->chart()
                                              ->axes(Qt::Vertical, seriesNamed(w, "train loss"))
                                              .value(0)));

        w.setLogScale(true);
        QVERIFY(w.isLogScale());
        QCOMPARE(w.pointCount(), 10);
        auto axes =
            w.findChild<QChartView*>()->chart()->axes(Qt::Vertical, seriesNamed(w, "train loss"));
        QCOMPARE(axes.size(), 1);
        QVERIFY(qobject_cast<QLogValueAxis*>(axes[0]));
        QVERIFY(w.lossAxisMin() > 0);
        QVERIFY(w.lossAxisMin() <= 0.2);  // the smallest positive loss, 2/10, is on screen
        QVERIFY(w.lossAxisMax() >= 2.0);

        w.setLogScale(false);
        QCOMPARE(w.pointCount(), 11);
        axes =
            w.findChild<QChartView*>()->chart()->axes(Qt::Vertical, seriesNamed(w, "train loss"));
        QCOMPARE(axes.size(), 1);
        QVERIFY(qobject_cast<QValueAxis*>(axes[0]));
    }

    void olderRunIsIgnored() {
        LossChartWidget w;
        w.setSnapshot(snapshotWith(50, 0, false, 3));
        w.setMinimumRunId(4);
        w.setSnapshot(snapshotWith(80, 0, false, 3));
        QCOMPARE(w.pointCount(), 50);
        w.setSnapshot(snapshotWith(5, 0, false, 4));
        QCOMPARE(w.pointCount(), 5);
    }

    void savesPng() {
        LossChartWidget w;
        w.resize(400, 300);
        w.setSnapshot(snapshotWith(100, 4, true));
        QTemporaryDir dir;
        QVERIFY(w.savePng(dir.filePath(QStringLiteral("loss.png"))));
        QVERIFY(!QImage(dir.filePath(QStringLiteral("loss.png"))).isNull());
    }

    void theLrCurveShowsWhileASchedulerRuns() {
        LossChartWidget w;
        auto constant = snapshotWith(30, 3, false);
        for (int i = 1; i <= 30; ++i)
            constant->lrHistory.add(i, 0.1);
        w.setSnapshot(constant);
        QVERIFY(!w.isLrChartShown());  // a constant lr without a scheduler: no curve
        auto scheduled = snapshotWith(30, 3, false);
        scheduled->scheduler = train::SchedulerState{};
        for (int i = 1; i <= 30; ++i)
            scheduled->lrHistory.add(i, 0.1 * std::pow(0.5, (i - 1) / 10));
        w.setSnapshot(scheduled);
        QVERIFY(w.isLrChartShown());
        QCOMPARE(w.lrPointCount(), 30);
        w.setSnapshot(constant);
        QVERIFY(!w.isLrChartShown());
    }

    void axesTickOnRoundNumbers_data() {
        QTest::addColumn<double>("maxLoss");
        QTest::addColumn<int>("steps");
        QTest::newRow("0.814 over 349 steps") << 0.814 << 349;
        QTest::newRow("12345 over 987654 steps") << 12345.0 << 987654;
        QTest::newRow("0.0031 over 7 steps") << 0.0031 << 7;
    }
    void axesTickOnRoundNumbers() {
        QFETCH(double, maxLoss);
        QFETCH(int, steps);
        LossChartWidget w;
        w.resize(420, 320);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSnapshot(historyUpTo(maxLoss, steps, true));
        QApplication::processEvents();
        const QStringList titles{QStringLiteral("loss"), QStringLiteral("step"),
                                 QStringLiteral("accuracy")};
        const QList<QGraphicsTextItem*> labels = chartLabels(w.lossChart(), titles);
        QVERIFY(labels.size() >= 6);
        // Every tick label is a whole multiple of a 1/2/5 x 10^k step on its axis.
        for (const QAbstractAxis* a : w.lossChart()->axes()) {
            const auto* axis = qobject_cast<const QValueAxis*>(a);
            QVERIFY(axis);
            const double step = axis->tickInterval();
            const double decade = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
            const double mantissa = step / decade;
            QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
                         std::abs(mantissa - 5) < 1e-9,
                     qPrintable(QString::number(step)));
            QCOMPARE(axis->tickType(), QValueAxis::TicksDynamic);
            for (double end : {axis->min(), axis->max()})
                QVERIFY(std::abs(end / step - std::round(end / step)) < 1e-6);
        }
        QVERIFY(w.lossAxisMax() >= maxLoss);
        for (const QGraphicsTextItem* label : labels) {
            bool ok = false;
            label->toPlainText().toDouble(&ok);  // a plain number, never "1.2e+05"
            QVERIFY2(ok && !label->toPlainText().contains(QLatin1Char('e')),
                     qPrintable(label->toPlainText()));
        }
        // Large numbers keep clear of the axis titles, and none is elided.
        const QString problem = chartTextProblem(w.lossChart(), titles);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void aFirstLonePointIsDrawn() {
        LossChartWidget w;
        w.resize(420, 320);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSnapshot(snapshotWith(1, 0, false));  // step 1, loss 2
        QApplication::processEvents();
        QLineSeries* train = seriesNamed(w, QStringLiteral("train loss"));
        QCOMPARE(train->count(), 1);
        QVERIFY(train->pointsVisible());
        // Its marker is on screen, in the series' colour, where the point maps to.
        auto* view = w.findChild<QChartView*>();
        QChart* chart = view->chart();
        const QPointF at = chart->mapToPosition(train->at(0), train);
        QVERIFY(chart->plotArea().contains(at));
        const QImage image = view->grab().toImage();
        const QPoint pixel = view->mapFromScene(at);
        const QColor seen = image.pixelColor(pixel * image.devicePixelRatio());
        QVERIFY2(std::abs(seen.hueF() - train->color().hueF()) < 0.05 && seen.saturationF() > 0.3,
                 qPrintable(seen.name() + QStringLiteral(" for ") + train->color().name()));
        // Once there is a line, the markers go: a long run is a curve, not dots.
        w.setSnapshot(snapshotWith(2, 0, false));
        QVERIFY(!train->pointsVisible());
    }
};

QTEST_MAIN(TestLossChartWidget)
#include "tst_loss_chart_widget.moc"
