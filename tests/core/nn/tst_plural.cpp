// countOf: LinearLab's messages say "1 target" and "2 targets", never "1 targets".
#include "core/nn/plural.h"

#include <QtTest>

#include <cstdint>

using linearlab::nn::countOf;

class TestPlural : public QObject {
    Q_OBJECT

private slots:
    void oneIsSingularEverythingElsePlural() {
        QCOMPARE(countOf(1, "target", "targets"), std::string("1 target"));
        QCOMPARE(countOf(0, "target", "targets"), std::string("0 targets"));
        QCOMPARE(countOf(2, "target", "targets"), std::string("2 targets"));
        QCOMPARE(countOf(std::size_t(1), "class", "classes"), std::string("1 class"));
        QCOMPARE(countOf(int64_t(21), "class", "classes"), std::string("21 classes"));
        QCOMPARE(countOf(int64_t(-1), "step", "steps"), std::string("-1 steps"));
    }
};

QTEST_APPLESS_MAIN(TestPlural)
#include "tst_plural.moc"
