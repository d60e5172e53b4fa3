// SummaryPanel: the rows and totals it is given, as torchinfo prints them.
#include "ui/summary_panel.h"

#include <QTableWidget>
#include <QtTest>

using linearlab::ui::SummaryPanel;
using linearlab::ui::SummaryRow;

class TestSummaryPanel : public QObject {
    Q_OBJECT

private slots:
    void formatCount_data() {
        QTest::addColumn<qint64>("count");
        QTest::addColumn<QString>("text");
        QTest::newRow("small") << qint64(840) << "840";
        QTest::newRow("thousands") << qint64(1234) << "1,234";
        QTest::newRow("millions") << qint64(12345678) << "12,345,678";
    }
    void formatCount() {
        QFETCH(qint64, count);
        QFETCH(QString, text);
        QCOMPARE(SummaryPanel::formatCount(count), text);
    }

    void showsRowsAndTotals() {
        SummaryPanel panel;
        panel.setRows({{"Sequential", "[128, 40]", 0, 0}, {"Linear: 1-1", "[128, 40]", 840, 1}},
                      QStringLiteral("Total params: 840"));
        QTableWidget* t = panel.table();
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(t->item(1, 0)->text(), QStringLiteral("\u251c\u2500Linear: 1-1"));
        QCOMPARE(t->item(1, 1)->text(), QStringLiteral("[128, 40]"));
        QCOMPARE(t->item(1, 2)->text(), QStringLiteral("840"));
        QCOMPARE(t->item(0, 2)->text(), QStringLiteral("--"));
        QCOMPARE(panel.totalsText(), QStringLiteral("Total params: 840"));
        panel.setRows({}, QString());
        QCOMPARE(t->rowCount(), 0);
    }
};

QTEST_MAIN(TestSummaryPanel)
#include "tst_summary_panel.moc"
