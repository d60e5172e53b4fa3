// niceTicks: steps of 1, 2 or 5 x 10^k, ends on whole steps around the data, no more
// intervals than there is room for, and printf formats that show each tick exactly.
#include "ui/nice_ticks.h"

#include <QtTest>

#include <cmath>

using linearlab::ui::NiceTicks;
using linearlab::ui::niceTicks;

namespace {

/// True when `step` is 1, 2 or 5 times a power of ten.
bool isRound(double step) {
    const double decade = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    const double mantissa = step / decade;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (std::abs(mantissa - m) < 1e-9)
            return true;
    return false;
}

/// True when `value` is a whole multiple of `step` (to rounding).
bool onStep(double value, double step) {
    const double k = value / step;
    return std::abs(k - std::round(k)) < 1e-6;
}

}  // namespace

class TestNiceTicks : public QObject {
    Q_OBJECT

private slots:
    void ticksAreRoundAndCoverTheData_data() {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<int>("intervals");
        QTest::addColumn<bool>("whole");
        QTest::addColumn<double>("step");
        QTest::addColumn<double>("first");
        QTest::addColumn<double>("last");
        // The loss chart's own examples: a loss up to 0.814 and 349 steps.
        QTest::newRow("loss 0..0.814") << 0.0 << 0.814 << 5 << false << 0.2 << 0.0 << 1.0;
        QTest::newRow("loss 0..0.814, 4") << 0.0 << 0.814 << 4 << false << 0.5 << 0.0 << 1.0;
        QTest::newRow("loss 0..0.814, 9") << 0.0 << 0.814 << 9 << false << 0.1 << 0.0 << 0.9;
        QTest::newRow("steps 0..349") << 0.0 << 349.0 << 4 << true << 100.0 << 0.0 << 400.0;
        QTest::newRow("steps 0..349, 2") << 0.0 << 349.0 << 2 << true << 200.0 << 0.0 << 400.0;
        QTest::newRow("steps 0..4") << 0.0 << 4.0 << 4 << true << 1.0 << 0.0 << 4.0;
        QTest::newRow("steps 0..4, 10") << 0.0 << 4.0 << 10 << true << 1.0 << 0.0 << 4.0;
        QTest::newRow("steps 0..199064")
            << 0.0 << 199064.0 << 4 << true << 50000.0 << 0.0 << 200000.0;
        QTest::newRow("accuracy 0..1") << 0.0 << 1.0 << 5 << false << 0.2 << 0.0 << 1.0;
        QTest::newRow("lr 0..0.011") << 0.0 << 0.011 << 2 << false << 0.01 << 0.0 << 0.02;
        QTest::newRow("large loss") << 0.0 << 123456.0 << 5 << false << 50000.0 << 0.0 << 150000.0;
        QTest::newRow("negative") << -0.37 << 2.2 << 5 << false << 1.0 << -1.0 << 3.0;
        QTest::newRow("one value") << 0.5 << 0.5 << 4 << false << 0.05 << 0.4 << 0.6;
        QTest::newRow("exact ends") << 0.0 << 2.0 << 4 << false << 0.5 << 0.0 << 2.0;
    }
    void ticksAreRoundAndCoverTheData() {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(int, intervals);
        QFETCH(bool, whole);
        QFETCH(double, step);
        QFETCH(double, first);
        QFETCH(double, last);
        const NiceTicks t = niceTicks(lo, hi, intervals, whole);
        QCOMPARE(t.step, step);
        QCOMPARE(t.lo + 1.0, first + 1.0);  // fuzzy near zero
        QCOMPARE(t.hi, last);
        QVERIFY(isRound(t.step));
        QVERIFY(onStep(t.lo, t.step) && onStep(t.hi, t.step));
        QVERIFY(t.lo <= lo && t.hi >= hi);
        QVERIFY(t.count() - 1 <= intervals);
    }

    void everyRangeGetsRoundTicks() {
        // Many ranges and rooms: the step is always 1/2/5 x 10^k, and the ends are
        // its multiples around the data.
        for (double hi :
             {0.003, 0.0417, 0.611, 0.814, 1.0, 3.7, 87.0, 175.0, 262.0, 999.0, 1e6 + 3})
            for (double lo : {0.0, -0.2 * hi, 0.5 * hi})
                for (int intervals = 1; intervals <= 10; ++intervals)
                    for (bool whole : {false, true}) {
                        const NiceTicks t = niceTicks(lo, hi, intervals, whole);
                        QVERIFY2(isRound(t.step), qPrintable(QString::number(t.step)));
                        QVERIFY(onStep(t.lo, t.step) && onStep(t.hi, t.step));
                        // (A value a billionth of a step short of a tick counts as on it.)
                        QVERIFY(t.lo <= lo + 1e-9 * t.step && t.hi >= hi - 1e-9 * t.step);
                        QVERIFY(t.count() - 1 <= intervals);
                        QVERIFY(!whole || t.step >= 1);
                    }
    }

    void formatsShowTheTicksExactly_data() {
        QTest::addColumn<double>("step");
        QTest::addColumn<QString>("format");
        QTest::newRow("5000") << 5000.0 << "%.0f";
        QTest::newRow("1") << 1.0 << "%.0f";
        QTest::newRow("0.5") << 0.5 << "%.1f";
        QTest::newRow("0.2") << 0.2 << "%.1f";
        QTest::newRow("0.05") << 0.05 << "%.2f";
        QTest::newRow("0.001") << 0.001 << "%.3f";
    }
    void formatsShowTheTicksExactly() {
        QFETCH(double, step);
        QFETCH(QString, format);
        NiceTicks t;
        t.step = step;
        QCOMPARE(t.labelFormat(), format);
    }
};

QTEST_MAIN(TestNiceTicks)
#include "tst_nice_ticks.moc"
