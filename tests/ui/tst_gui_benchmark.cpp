// runGuiBenchmark: both runs train the same design for the time asked, the
// window shows every dock while it trains, and the JSON line carries the numbers.
#include "core/train/design.h"
#include "ui/gui_benchmark.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace linearlab;

class TestGuiBenchmark : public QObject {
    Q_OBJECT

private slots:
    void seedExampleTrainsWithEveryViewVisible() {
        // A design that stops after 2 epochs (14 steps, well under a millisecond): the
        // benchmark must lift that limit or the GUI run would count an idle window.
        // A limit this small keeps the check independent of the machine's speed and
        // of the sanitizers' slowdown.
        train::Design design = train::seedExampleDesign();
        design.train.epochs = 2;
        const double limitSteps = 7.0 * design.train.epochs;  // 7 batches an epoch
        const ui::GuiBenchmarkResult r = ui::runGuiBenchmark(design, QStringLiteral("seed"), 0.5);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.docksTotal, 7);
        QCOMPARE(r.docksVisible, r.docksTotal);
        QVERIFY(r.headlessBefore > 0);
        QVERIFY(r.headlessAfter > 0);
        // More steps than the limit would allow in the measured half second.
        QVERIFY2(r.guiStepsPerSecond * 0.5 > 2 * limitSteps,
                 qPrintable(QString::number(r.guiStepsPerSecond)));
        QVERIFY(r.viewUpdatesPerSecond > 5);
        // A 5 ms probe over half a second: the count depends on the machine's load
        // (a late tick is one tick), so only its presence is asserted here.
        QVERIFY(r.lateTicks > 0);
        QVERIFY(r.latenessP99Ms >= 0 && r.latenessP99Ms <= r.latenessMaxMs);

        const QJsonObject json = QJsonDocument::fromJson(r.toJson().toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("design")).toString(), QStringLiteral("seed"));
        QCOMPARE(json.value(QStringLiteral("docks_visible")).toInt(), 7);
        QVERIFY(json.value(QStringLiteral("gui_steps_per_s")).toDouble() > 0);
        QVERIFY(json.value(QStringLiteral("headless_steps_per_s")).toDouble() > 0);
        QCOMPARE(json.value(QStringLiteral("event_loop_ticks")).toInt(), r.lateTicks);
        QVERIFY(json.contains(QStringLiteral("event_loop_late_p99_ms")));
        QCOMPARE(json.value(QStringLiteral("gui_over_headless")).toDouble(),
                 std::round(r.ratio() * 1000) / 1000);
    }
};

QTEST_MAIN(TestGuiBenchmark)
#include "tst_gui_benchmark.moc"
