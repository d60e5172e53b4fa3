// HeatmapWidget: what a user sees for a known weight — cell colours on screen,
// the hover text, the transposed view and the bias strip.
#include "ui/color_map.h"
#include "ui/heatmap_widget.h"

#include <QMouseEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QtTest>

#include <limits>
#include <vector>

using linearlab::nn::Matrix;
using linearlab::ui::ColorMap;
using linearlab::ui::HeatmapWidget;

namespace {

// max |w| is 1.0 at [0, 2]; -1.0 at [1, 1]; exact zero at [0, 0].
Matrix<float> knownWeight() {
    Matrix<float> w(2, 3);
    w << 0.0f, 0.5f, 1.0f, -0.5f, -1.0f, 0.25f;
    return w;
}

void hover(QWidget& w, QPoint at) {
    QMouseEvent move(QEvent::MouseMove, QPointF(at), w.mapToGlobal(QPointF(at)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &move);
}

QRgb shownAt(QWidget& w, QPoint at) {
    return w.grab().toImage().convertToFormat(QImage::Format_RGB32).pixel(at);
}

}  // namespace

class TestHeatmapWidget : public QObject {
    Q_OBJECT

private slots:
    void colorMapIsSymmetricAroundWhite() {
        const ColorMap& map = ColorMap::diverging();
        QCOMPARE(map.table().size(), 256);
        QCOMPARE(map.colorFor(0.0f, 1.0f), qRgb(255, 255, 255));
        QCOMPARE(map.colorFor(1.0f, 1.0f), map.at(255));
        QCOMPARE(map.colorFor(-1.0f, 1.0f), map.at(0));
        QVERIFY(qRed(map.at(255)) > 2 * qBlue(map.at(255)));  // full red
        QVERIFY(qBlue(map.at(0)) > 2 * qRed(map.at(0)));      // full blue
        // Symmetric: +v and -v sit equally far from white; beyond the scale clamps.
        QCOMPARE(map.indexFor(0.5f, 1.0f) - 128, 127 - map.indexFor(-0.5f, 1.0f));
        QCOMPARE(map.colorFor(7.0f, 1.0f), map.at(255));
        QCOMPARE(map.colorFor(3.0f, 0.0f), qRgb(255, 255, 255));
        QVERIFY(map.colorFor(std::nanf(""), 1.0f) != qRgb(255, 255, 255));
    }

    void knownWeightImage() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        const QImage img = w.image();
        QCOMPARE(img.size(), QSize(3, 2));  // (cols x rows) pixels
        const ColorMap& map = ColorMap::diverging();
        QCOMPARE(img.pixel(2, 0), map.at(255));
        QCOMPARE(img.pixel(1, 1), map.at(0));
        QCOMPARE(img.pixel(0, 0), qRgb(255, 255, 255));
        QCOMPARE(w.absMax(), 1.0f);
    }

    void screenShowsTheCellColours() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        w.resize(360, 220);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const ColorMap& map = ColorMap::diverging();
        QVERIFY(w.cellRect(0, 2).width() >= 10);
        QCOMPARE(shownAt(w, w.cellRect(0, 2).center()), map.at(255));
        QCOMPARE(shownAt(w, w.cellRect(1, 1).center()), map.at(0));
        QCOMPARE(shownAt(w, w.cellRect(0, 0).center()), qRgb(255, 255, 255));
        // Cells are laid out left to right, top to bottom.
        QVERIFY(w.cellRect(0, 2).left() > w.cellRect(0, 0).right());
        QVERIFY(w.cellRect(1, 0).top() > w.cellRect(0, 0).bottom());
    }

    void hoverTextNamesTheElement() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        w.resize(360, 220);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy spy(&w, &HeatmapWidget::hoverTextChanged);
        hover(w, w.cellRect(0, 2).center());
        // As print(w[0, 2]) shows it (tensor(1.)), then the exact value from .item().
        QCOMPARE(w.hoverText(), QStringLiteral("0.weight[0, 2] = 1.   .item() = 1.0"));
        QCOMPARE(spy.count(), 1);
        hover(w, w.cellRect(1, 0).center());
        QCOMPARE(w.hoverText(), QStringLiteral("0.weight[1, 0] = -0.5000   .item() = -0.5"));
        QCOMPARE(w.textAt(1, 2), QStringLiteral("0.weight[1, 2] = 0.2500"));
        QCOMPARE(w.textAt(2, 0), QString());  // outside the tensor
    }

    void transposedSwapsTheView() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        w.resize(360, 260);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setTransposed(true);
        QCOMPARE(w.image().size(), QSize(2, 3));
        QCOMPARE(w.displayRows(), 3);
        QCOMPARE(w.displayCols(), 2);
        QCOMPARE(w.image().pixel(0, 2), ColorMap::diverging().at(255));
        hover(w, w.cellRect(2, 0).center());
        QCOMPARE(w.hoverText(), QStringLiteral("0.weight.T[2, 0] = 1.   .item() = 1.0"));
        QCOMPARE(shownAt(w, w.cellRect(2, 0).center()), ColorMap::diverging().at(255));
        w.setTransposed(false);
        QCOMPARE(w.image().size(), QSize(3, 2));
    }

    void biasStripFollowsTheOutputs() {
        HeatmapWidget w;
        Matrix<float> bias(1, 2);
        bias << 2.0f, 0.0f;
        w.setBias(bias, QStringLiteral("0.bias"));
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        // One shared scale: the bias's 2.0 makes the weight's 1.0 half-strength.
        QCOMPARE(w.absMax(), 2.0f);
        QCOMPARE(w.biasImage().size(), QSize(1, 2));  // beside (out, in): one cell per row
        QCOMPARE(w.biasImage().pixel(0, 0), ColorMap::diverging().at(255));
        QCOMPARE(w.biasTextAt(0), QStringLiteral("0.bias[0] = 2."));  // print(b[0]): tensor(2.)
        w.setTransposed(true);
        QCOMPARE(w.biasImage().size(), QSize(2, 1));  // below (in, out): one cell per column

        w.setAbsMax(1.0f);
        QCOMPARE(w.biasImage().pixel(0, 0), ColorMap::diverging().at(255));
        QCOMPARE(w.image().pixel(0, 2), ColorMap::diverging().at(255));
    }

    void bilinearSliceAndVectorIndexing() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"), 5);
        QCOMPARE(w.textAt(0, 2), QStringLiteral("0.weight[5, 0, 2] = 1."));
        Matrix<float> v(1, 3);
        v << 1.0f, -2.0f, 3.0f;
        w.setVector(v, QStringLiteral("0.bias"));
        QCOMPARE(w.image().size(), QSize(1, 3));
        // A whole number prints as print(b[1]) does: tensor(-2.).
        QCOMPARE(w.textAt(1, 0), QStringLiteral("0.bias[1] = -2."));
    }

    void placeholderShowsText() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        w.setPlaceholder(QStringLiteral("not initialised"));
        QVERIFY(w.isPlaceholder());
        QVERIFY(w.image().isNull());
        QCOMPARE(w.placeholderText(), QStringLiteral("not initialised"));
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        QVERIFY(!w.isPlaceholder());
    }

    void rowMappingAgreesWithColorFor_data() {
        QTest::addColumn<float>("absMax");
        QTest::newRow("unit") << 1.0f;
        QTest::newRow("odd scale") << 0.37f;
        QTest::newRow("no scale") << 0.0f;
        QTest::newRow("infinite scale") << std::numeric_limits<float>::infinity();
    }
    void rowMappingAgreesWithColorFor() {
        // The row loop is the one the heatmaps use; colorFor is the documented rule.
        QFETCH(float, absMax);
        const float inf = std::numeric_limits<float>::infinity();
        const std::vector<float> values = {0.0f,  -0.0f,  1e-9f,  -1e-9f,       0.1f,
                                           -0.1f, 0.185f, -0.37f, 0.5f,         -2.0f,
                                           7.0f,  inf,    -inf,   std::nanf("")};
        std::vector<QRgb> row(values.size());
        const ColorMap& map = ColorMap::diverging();
        map.mapValues(values.data(), static_cast<qsizetype>(values.size()), 1, absMax, row.data());
        for (size_t i = 0; i < values.size(); ++i)
            QVERIFY2(row[i] == map.colorFor(values[i], absMax),
                     qPrintable(QStringLiteral("value %1").arg(static_cast<double>(values[i]))));
        QCOMPARE(row.back(), map.nanColor());
    }

    void remapReusesTheImageAndFollowsNewValues() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        QCOMPARE(w.image().pixel(2, 0), ColorMap::diverging().at(255));
        Matrix<float> flipped = -knownWeight();
        flipped(1, 2) = std::nanf("");
        w.setMatrix(flipped, QStringLiteral("0.weight"));
        const QImage img = w.image();
        QCOMPARE(img.pixel(2, 0), ColorMap::diverging().at(0));    // 1.0 became -1.0
        QCOMPARE(img.pixel(1, 1), ColorMap::diverging().at(255));  // -1.0 became 1.0
        QCOMPARE(img.pixel(2, 1), ColorMap::diverging().nanColor());
        QCOMPARE(w.absMax(), 1.0f);  // NaN never becomes the scale
        w.setTransposed(true);
        QCOMPARE(w.image().size(), QSize(2, 3));
        QCOMPARE(w.image().pixel(0, 2), ColorMap::diverging().at(0));  // [0, 2] seen as [2, 0]
        QCOMPARE(w.image().pixel(1, 2), ColorMap::diverging().nanColor());
    }

    void valuesReadAsPrintTensorSpellsThem() {
        // Each cell reads as print(w[0, j]) shows the element: scientific below
        // 1e-4, four digits after the point otherwise; the hover adds every digit.
        Matrix<float> w(1, 2);
        w << 1e-5f, 0.3f;
        HeatmapWidget h;
        h.setMatrix(w, QStringLiteral("0.weight"));
        QCOMPARE(h.textAt(0, 0), QStringLiteral("0.weight[0, 0] = 1.0000e-05"));
        QCOMPARE(h.textAt(0, 1), QStringLiteral("0.weight[0, 1] = 0.3000"));
        w << 0.41203997f, -0.11804f;
        h.setMatrix(w, QStringLiteral("0.weight"));
        QCOMPARE(h.textAt(0, 0), QStringLiteral("0.weight[0, 0] = 0.4120"));
        h.resize(200, 120);
        h.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h));
        hover(h, h.cellRect(0, 0).center());
        QCOMPARE(h.hoverText(),
                 QStringLiteral("0.weight[0, 0] = 0.4120   .item() = 0.41203996539115906"));
    }

    void axisTitlesSayWhatRowsAndColumnsAre() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        w.setAxisTitles(QStringLiteral("output j"), QStringLiteral("input i"));
        QCOMPARE(w.rowTitle(), QStringLiteral("output j"));
        QCOMPARE(w.columnTitle(), QStringLiteral("input i"));
        w.resize(360, 220);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The titles take a band above and left of the matrix: the first cell moves in.
        QVERIFY(w.cellRect(0, 0).top() >= w.fontMetrics().height());
        QVERIFY(w.cellRect(0, 0).left() >= w.fontMetrics().height());
        // The column title is drawn in the band above the matrix, in the text colour.
        const QImage shot = w.grab().toImage();
        const QRect band(w.cellRect(0, 0).left(), 0, w.cellRect(0, 2).right(),
                         w.cellRect(0, 0).top() - 1);
        bool ink = false;
        for (int y = band.top(); y <= band.bottom() && !ink; ++y)
            for (int x = band.left(); x <= band.right() && !ink; ++x)
                ink = qGray(shot.pixel(x * shot.devicePixelRatio(), y * shot.devicePixelRatio())) <
                      128;
        QVERIFY(ink);
        w.setTransposed(true);  // (in, out): the titles swap with the axes
        QCOMPARE(w.rowTitle(), QStringLiteral("input i"));
        QCOMPARE(w.columnTitle(), QStringLiteral("output j"));
    }

    void thinMatrixKeepsHoverableCells() {
        // A 32x1 weight in a short scroll area: every cell stays 8 px and scrolls.
        Matrix<float> w(32, 1);
        for (int r = 0; r < 32; ++r)
            w(r, 0) = 0.01f * static_cast<float>(r - 16);
        QScrollArea area;
        area.setWidgetResizable(true);
        auto* h = new HeatmapWidget;
        h->setMatrix(w, QStringLiteral("0.weight"));
        h->setAxisTitles(QStringLiteral("output j"), QStringLiteral("input i"));
        h->setMinimumCellSize(8);
        area.setWidget(h);
        area.resize(200, 120);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QVERIFY(h->height() >= 32 * 8);  // taller than the view: it scrolls
        QVERIFY(area.verticalScrollBar()->maximum() > 0);
        QSignalSpy cells(h, &HeatmapWidget::cellHovered);
        for (int r = 0; r < 32; ++r) {
            const QRect cell = h->cellRect(r, 0);
            QVERIFY2(cell.height() >= 8 && cell.width() >= 8, qPrintable(QString::number(r)));
            hover(*h, cell.center());
            QCOMPARE(h->hoverText().section(QStringLiteral("   "), 0, 0), h->textAt(r, 0));
            QCOMPARE(cells.last().at(0).toInt(), r);
            QCOMPARE(cells.last().at(1).toInt(), 0);
        }
        // Without the minimum the same matrix is squeezed into the widget's height.
        h->setMinimumCellSize(0);
        area.resize(200, 120);
        QApplication::processEvents();
        QVERIFY(h->cellRect(0, 0).height() < 8);
    }

    void highlightAndClick() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        w.resize(360, 220);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setHighlight(QRect(0, 1, 3, 1));  // row 1
        QCOMPARE(w.highlight(), QRect(0, 1, 3, 1));
        // The outline is drawn in the text colour along the row's top edge.
        const QImage shot = w.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QRect cell = w.cellRect(1, 1);
        const qreal dpr = shot.devicePixelRatio();
        QCOMPARE(QColor(shot.pixel(cell.center().x() * dpr, cell.top() * dpr)).rgb(),
                 QColor(w.palette().color(QPalette::WindowText)).rgb());
        QSignalSpy clicks(&w, &HeatmapWidget::cellClicked);
        QTest::mouseClick(&w, Qt::LeftButton, {}, w.cellRect(1, 2).center());
        QCOMPARE(clicks.count(), 1);
        QCOMPARE(clicks.first().at(0).toInt(), 1);
        QCOMPARE(clicks.first().at(1).toInt(), 2);
    }

    void savesPng() {
        HeatmapWidget w;
        w.setMatrix(knownWeight(), QStringLiteral("0.weight"));
        w.resize(200, 120);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.png"));
        QVERIFY(w.savePng(path));
        QImage saved(path);
        QCOMPARE(saved.size(), QSize(200, 120) * saved.devicePixelRatio());
    }
};

QTEST_MAIN(TestHeatmapWidget)
#include "tst_heatmap_widget.moc"
