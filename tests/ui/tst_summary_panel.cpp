// SummaryPanel: the rows it is given and the totals it sums from them, as
// torchinfo prints them.
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
        QTest::newRow("exactly three digits") << qint64(100) << "100";
        QTest::newRow("a million") << qint64(1000000) << "1,000,000";
        QTest::newRow("zero") << qint64(0) << "0";
    }
    void formatCount() {
        QFETCH(qint64, count);
        QFETCH(QString, text);
        QCOMPARE(SummaryPanel::formatCount(count), text);
    }

    void showsRowsAndTotals() {
        SummaryPanel panel;
        // Linear(20, 40) then Linear(40, 1000): 840 + 41,000 parameters.
        panel.setRows({{"Sequential", "[128, 1000]", 0, 0},
                       {"Linear: 1-1", "[128, 40]", 840, 1},
                       {"Linear: 1-2", "[128, 1000]", 41000, 1}});
        QTableWidget* t = panel.table();
        QCOMPARE(t->rowCount(), 3);
        QCOMPARE(t->item(1, 0)->text(), QStringLiteral("\u251c\u2500Linear: 1-1"));
        QCOMPARE(t->item(1, 1)->text(), QStringLiteral("[128, 40]"));
        QCOMPARE(t->item(1, 2)->text(), QStringLiteral("840"));
        QCOMPARE(t->item(0, 2)->text(), QStringLiteral("--"));
        QCOMPARE(t->item(2, 2)->text(), QStringLiteral("41,000"));
        // 41,840 float32 values are 167,360 bytes.
        QCOMPARE(panel.totalsText(), QStringLiteral("Total params: 41,840\n"
                                                    "Trainable params: 41,840\n"
                                                    "Non-trainable params: 0\n"
                                                    "Params size (MB): 0.17"));
        panel.setRows({});
        QCOMPARE(t->rowCount(), 0);
        QVERIFY(panel.totalsText().startsWith(QStringLiteral("Total params: 0\n")));
    }
};

QTEST_MAIN(TestSummaryPanel)
#include "tst_summary_panel.moc"
