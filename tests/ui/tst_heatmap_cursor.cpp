// HeatmapCursor: a heatmap read with the keyboard alone. The arrow keys move
// a cell cursor whose text (as the hover spells it) reaches the status bar and
// the accessible description, with an event a screen reader hears, and the
// cursor survives new values and new shapes.
#include "ui/heatmap_cursor.h"
#include "ui/heatmap_widget.h"

#include <QAccessible>
#include <QLineEdit>
#include <QMainWindow>
#include <QSignalSpy>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtTest>

using linearlab::nn::Matrix;
using linearlab::ui::HeatmapWidget;

namespace {

/// (rows, cols) with element [r, c] = (r * 100 + c) / 1000 - 0.5, so a cell's
/// value names it: [3, 7] = -0.193.
Matrix<float> numbered(int rows, int cols, float shift = 0) {
    Matrix<float> m(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m(r, c) = static_cast<float>(r * 100 + c) / 1000.0f - 0.5f + shift;
    return m;
}

struct Window {
    QMainWindow main;
    HeatmapWidget* heatmap = new HeatmapWidget;
    QLineEdit* other = new QLineEdit;
    Window() {
        auto* central = new QWidget;
        auto* layout = new QVBoxLayout(central);
        layout->addWidget(other);
        layout->addWidget(heatmap);
        main.setCentralWidget(central);
        main.statusBar();  // made before the first message
        main.resize(600, 500);
        heatmap->setMatrix(numbered(12, 9), QStringLiteral("0.weight"));
    }
    QString status() const { return main.statusBar()->currentMessage(); }
};

}  // namespace

class TestHeatmapCursor : public QObject {
    Q_OBJECT

private slots:
    void arrowKeysReadCells() {
        Window w;
        // What a screen reader is told. (The offscreen platform has no
        // accessibility bridge to receive the DescriptionChanged event itself.)
        QSignalSpy told(w.heatmap->cursor(), &linearlab::ui::HeatmapCursor::announced);
        w.main.show();
        QVERIFY(QTest::qWaitForWindowActive(&w.main));
        QCOMPARE(w.heatmap->focusPolicy(), Qt::StrongFocus);
        w.other->setFocus();
        QTest::keyClick(w.other, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), w.heatmap);
        // Focus alone reads the cell under the cursor, [0, 0] at first.
        QCOMPARE(w.status(), QStringLiteral("0.weight[0, 0] = -0.5000"));
        for (int i = 0; i < 7; ++i)
            QTest::keyClick(w.heatmap, Qt::Key_Right);
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(w.heatmap, Qt::Key_Down);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(7, 3));
        // 0.307 - 0.5 = -0.193 in float: print(w[3, 7]) says -0.1930.
        const QString text = QStringLiteral("0.weight[3, 7] = -0.1930");
        QCOMPARE(w.heatmap->textAt(3, 7), text);
        QCOMPARE(w.status(), text);
        QCOMPARE(w.heatmap->accessibleDescription(), text);
        QCOMPARE(QAccessible::queryAccessibleInterface(w.heatmap)->text(QAccessible::Description),
                 text);
        // Every move told assistive technology: focus, 7 right, 3 down.
        QCOMPARE(told.size(), 11);
        QCOMPARE(told.first().first().toString(), QStringLiteral("0.weight[0, 0] = -0.5000"));
        QCOMPARE(told.last().first().toString(), text);

        QTest::keyClick(w.heatmap, Qt::Key_Home);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(0, 3));
        QTest::keyClick(w.heatmap, Qt::Key_End);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(8, 3));
        QTest::keyClick(w.heatmap, Qt::Key_PageDown);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(8, 11));  // 13 clamped to the last row
        QTest::keyClick(w.heatmap, Qt::Key_PageUp);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(8, 1));
        QTest::keyClick(w.heatmap, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(0, 0));
        QTest::keyClick(w.heatmap, Qt::Key_Up);  // already at the top: stays
        QTest::keyClick(w.heatmap, Qt::Key_Left);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(0, 0));
        QTest::keyClick(w.heatmap, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(8, 11));
        QCOMPARE(w.status(), QStringLiteral("0.weight[11, 8] = 0.6080"));

        // Tab still leaves the heatmap, and the status text goes with it.
        QTest::keyClick(w.heatmap, Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget() != w.heatmap);
        QCOMPARE(w.status(), QString());
    }

    // The bias strip is the cursor's last lane, where it is drawn: a column
    // beside the weight (b[i] beside row i), a row under it when transposed.
    void biasStripIsALane() {
        Window w;
        w.heatmap->setBias(numbered(1, 12), QStringLiteral("0.bias"));
        w.main.show();
        QVERIFY(QTest::qWaitForWindowActive(&w.main));
        w.heatmap->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(w.heatmap, Qt::Key_Down);
        QTest::keyClick(w.heatmap, Qt::Key_End);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(9, 3));
        QCOMPARE(w.heatmap->cursor()->biasIndex(), 3);
        QCOMPARE(w.status(), QStringLiteral("0.bias[3] = -0.4970"));
        QCOMPARE(w.heatmap->accessibleDescription(), QStringLiteral("0.bias[3] = -0.4970"));
        // The ring is drawn around the strip's cell.
        const QRect cell = w.heatmap->biasCellRect(3);
        QVERIFY(!cell.isEmpty());
        const QColor ring = w.heatmap->palette().color(QPalette::Highlight);
        QCOMPARE(w.heatmap->grab().toImage().pixelColor(cell.left() - 1, cell.center().y()), ring);
        QTest::keyClick(w.heatmap, Qt::Key_Right);  // past the strip: stays
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(9, 3));
        QTest::keyClick(w.heatmap, Qt::Key_Left);
        QCOMPARE(w.status(), QStringLiteral("0.weight[3, 8] = -0.1920"));

        // Transposed: weight.T is 9 x 12 and the strip is a tenth row.
        w.heatmap->setTransposed(true);
        QTest::keyClick(w.heatmap, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(11, 9));
        QCOMPARE(w.status(), QStringLiteral("0.bias[11] = -0.4890"));
        QTest::keyClick(w.heatmap, Qt::Key_Up);
        QCOMPARE(w.status(), QStringLiteral("0.weight.T[8, 11] = 0.6080"));

        // Without a bias the lane goes, and a cursor on it moves back onto the weight.
        w.heatmap->setTransposed(false);
        QTest::keyClick(w.heatmap, Qt::Key_End);
        QCOMPARE(w.heatmap->cursor()->biasIndex(), 8);
        w.heatmap->clearBias();
        w.heatmap->cursor()->refresh();
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(8, 8));
        QCOMPARE(w.heatmap->cursor()->biasIndex(), -1);
    }

    void cursorIsDrawnWhileFocused() {
        Window w;
        w.main.show();
        QVERIFY(QTest::qWaitForWindowActive(&w.main));
        w.heatmap->setFocus();
        QTest::keyClick(w.heatmap, Qt::Key_Right);
        QTest::keyClick(w.heatmap, Qt::Key_Down);
        const QRect cell = w.heatmap->cellRect(1, 1);
        const QColor ring = w.heatmap->palette().color(QPalette::Highlight);
        const QImage focused = w.heatmap->grab().toImage();
        // The ring just outside the cell, and the focus frame at the widget's edge.
        QCOMPARE(focused.pixelColor(cell.left() - 1, cell.center().y()), ring);
        QCOMPARE(focused.pixelColor(1, w.heatmap->height() / 2), ring);
        w.other->setFocus();
        const QImage unfocused = w.heatmap->grab().toImage();
        QVERIFY(unfocused.pixelColor(cell.left() - 1, cell.center().y()) != ring);
        QVERIFY(unfocused.pixelColor(1, w.heatmap->height() / 2) != ring);
    }

    void leavingKeepsAnotherMessage() {
        Window w;
        w.main.show();
        QVERIFY(QTest::qWaitForWindowActive(&w.main));
        w.heatmap->setFocus();
        QCOMPARE(w.status(), QStringLiteral("0.weight[0, 0] = -0.5000"));
        // Something else spoke meanwhile ("Cannot train: ..."): Tab away keeps it.
        w.main.statusBar()->showMessage(QStringLiteral("Cannot train: node 1"));
        QTest::keyClick(w.heatmap, Qt::Key_Tab);
        QVERIFY(!w.heatmap->hasFocus());
        QCOMPARE(w.status(), QStringLiteral("Cannot train: node 1"));
    }

    void cursorSurvivesNewValuesAndShapes() {
        Window w;
        w.main.show();
        QVERIFY(QTest::qWaitForWindowActive(&w.main));
        w.heatmap->setFocus();
        w.heatmap->cursor()->setCell(10, 6);
        QCOMPARE(w.status(), QStringLiteral("0.weight[10, 6] = 0.5060"));
        // A training step: same cell, the new value, quietly for assistive technology.
        QSignalSpy told(w.heatmap->cursor(), &linearlab::ui::HeatmapCursor::announced);
        w.heatmap->setMatrix(numbered(12, 9, 0.25f), QStringLiteral("0.weight"));
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(6, 10));
        QCOMPARE(w.status(), QStringLiteral("0.weight[10, 6] = 0.7560"));
        QCOMPARE(w.heatmap->accessibleDescription(), QStringLiteral("0.weight[10, 6] = 0.7560"));
        QCOMPARE(told.size(), 0);
        // The layer shrank to (4, 5): the cursor is clamped into it.
        w.heatmap->setMatrix(numbered(4, 5), QStringLiteral("0.weight"));
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(4, 3));
        QCOMPARE(w.status(), QStringLiteral("0.weight[3, 4] = -0.1960"));
        // Transposed, the cell reads as the tensor on screen is indexed.
        w.heatmap->setTransposed(true);
        QCOMPARE(w.heatmap->cursor()->cell(), QPoint(3, 3));
        QCOMPARE(w.status(), QStringLiteral("0.weight.T[3, 3] = -0.1970"));
        // A parameter not made yet reads its placeholder.
        w.heatmap->setPlaceholder(QStringLiteral("not initialised yet"));
        QCOMPARE(w.heatmap->accessibleDescription(), QStringLiteral("not initialised yet"));
        QTest::keyClick(w.heatmap, Qt::Key_Right);  // nothing to move in
        QCOMPARE(w.heatmap->cursor()->text(), QStringLiteral("not initialised yet"));
    }
};

QTEST_MAIN(TestHeatmapCursor)
#include "tst_heatmap_cursor.moc"
