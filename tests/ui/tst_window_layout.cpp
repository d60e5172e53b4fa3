// The window as a user sees it at 1024x700 and at 1920x1080: it keeps the size it
// is given, nothing in the settings is cut off or needs a horizontal scroll bar,
// the charts' labels are whole and apart from their titles, the output title keeps
// its step, the diagram's labels and reprs stay inside their places, heatmaps keep
// a readable height and the arrows are there right after a reorder.
#include "chart_test_support.h"
#include "core/train/design.h"
#include "main_window_test_support.h"
#include "ui/chart_legend.h"
#include "ui/diagram_canvas.h"
#include "ui/fit_width_scroll_area.h"
#include "ui/heatmap_widget.h"
#include "ui/help_menu.h"
#include "ui/language.h"
#include "ui/loss_chart_widget.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/node_block.h"
#include "ui/output_view_widget.h"
#include "ui/settings_panel.h"
#include "ui/weights_panel.h"
#include "ui/welcome_panel.h"

#include <QAbstractButton>
#include <QChart>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QGroupBox>
#include <QLabel>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStyleOptionComboBox>
#include <QTextDocumentFragment>
#include <QtTest>

using namespace linearlab;
using linearlab::ui::MainWindow;
using namespace linearlab::test;

namespace {

/// The Bilinear example's layers with a skip: NonDynamicallyQuantizableLinear, then a
/// Bilinear whose input2 is the network's input, on xor.
train::Design skipDesign() {
    train::Design d = train::seedExampleDesign();
    d.inputFeatures = 2;
    d.data.synthetic.dataset = "xor";
    d.data.synthetic.samples = 128;
    d.train.epochs = 0;
    nn::LayerSpec bilinear = layer("Bilinear");
    bilinear.in1_features = 16;
    bilinear.in2_features = 2;
    bilinear.out_features = 8;
    bilinear.input2 = nn::SecondInput::input();
    d.layers = {layer("NonDynamicallyQuantizableLinear", 2, 16), layer("Tanh"), bilinear,
                layer("Tanh"), layer("Linear", 8, 2)};
    d.loss = "CrossEntropyLoss";
    return d;
}

/// `layers` Linear layers with Tanh between them, on the spiral.
train::Design stackDesign(int layers) {
    train::Design d = train::seedExampleDesign();
    d.inputFeatures = 2;
    d.data.synthetic.dataset = "spiral";
    d.data.synthetic.samples = 300;
    d.train.epochs = 0;
    d.layers.clear();
    for (int i = 0; i < layers; ++i) {
        if (i > 0)
            d.layers.push_back(layer("Tanh"));
        d.layers.push_back(layer("Linear", i == 0 ? 2 : 16, i == layers - 1 ? 3 : 16));
    }
    d.loss = "CrossEntropyLoss";
    return d;
}

QSize sizeOf(const QString& name) {
    const QStringList wh = name.split(QLatin1Char('x'));
    return {wh[0].toInt(), wh[1].toInt()};
}

/// The window at `size` with `design`, shown, laid out and a few steps trained.
void showAt(MainWindow& w, const QSize& size, const train::Design& design, int steps = 3) {
    w.newDesign(design);
    w.resize(size);
    w.resetLayout();
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(stepTimes(w, steps));
    QApplication::processEvents();
}

/// Where `child` lies in `ancestor`'s coordinates.
QRect rectIn(const QWidget* child, const QWidget* ancestor) {
    return QRect(child->mapTo(ancestor, QPoint(0, 0)), child->size());
}

/// What is wrong with `widget`'s text as drawn, or empty: a label or a button whose
/// text is wider than its room, a combo box whose current text is wider than its field.
QString cutText(const QWidget* widget) {
    const QFontMetrics fm = widget->fontMetrics();
    if (const auto* label = qobject_cast<const QLabel*>(widget)) {
        if (label->text().isEmpty() || label->textFormat() == Qt::RichText)
            return {};
        const int room = label->contentsRect().width() - 2 * label->margin() - 2 * label->indent();
        const int need =
            label->wordWrap()
                ? fm.boundingRect(QRect(0, 0, room, 10000), Qt::TextWordWrap, label->text()).width()
                : fm.horizontalAdvance(label->text());
        if (need > room)
            return QStringLiteral("label '%1' needs %2 px, has %3")
                .arg(label->text())
                .arg(need)
                .arg(room);
    } else if (const auto* box = qobject_cast<const QComboBox*>(widget)) {
        QStyleOptionComboBox option;
        option.initFrom(box);
        option.editable = box->isEditable();
        const QRect field = box->style()->subControlRect(QStyle::CC_ComboBox, &option,
                                                         QStyle::SC_ComboBoxEditField, box);
        const int need = fm.horizontalAdvance(box->currentText());
        if (need > field.width())
            return QStringLiteral("combo box '%1' needs %2 px, has %3")
                .arg(box->currentText())
                .arg(need)
                .arg(field.width());
    }
    return {};
}

}  // namespace

class TestWindowLayout : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_window_layout"));
    }

    void windowKeepsItsSize_data() { sizes(); }
    void windowKeepsItsSize() {
        QFETCH(QString, size);
        for (const train::Design& design : {train::seedExampleDesign(), skipDesign()}) {
            MainWindow w;
            showAt(w, sizeOf(size), design);
            QCOMPARE(w.size(), sizeOf(size));
        }
    }

    void settingsShowEverythingWhole_data() { sizes(); }
    void settingsShowEverythingWhole() {
        QFETCH(QString, size);
        MainWindow w;
        train::Design d = skipDesign();
        d.loss = "CrossEntropyLoss";  // the widest loss name
        showAt(w, sizeOf(size), d);
        auto* scroll = w.settingsPanel()->findChild<ui::FitWidthScrollArea*>();
        QVERIFY(scroll);
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        QWidget* viewport = scroll->viewport();
        int checked = 0;
        for (QWidget* widget : scroll->widget()->findChildren<QWidget*>()) {
            if (!widget->isVisibleTo(scroll->widget()))
                continue;
            if (qobject_cast<QLabel*>(widget) || qobject_cast<QComboBox*>(widget) ||
                qobject_cast<QAbstractButton*>(widget)) {
                const QRect r = rectIn(widget, viewport);
                QVERIFY2(r.left() >= 0 && r.right() < viewport->width(),
                         qPrintable(QStringLiteral("%1 at x %2..%3 of %4")
                                        .arg(widget->metaObject()->className())
                                        .arg(r.left())
                                        .arg(r.right())
                                        .arg(viewport->width())));
                const QString cut = cutText(widget);
                QVERIFY2(cut.isEmpty(), qPrintable(cut));
                ++checked;
            }
        }
        QVERIFY(checked > 30);
    }

    void lossChartLabelsAreWholeAndApart_data() { sizes(); }
    void lossChartLabelsAreWholeAndApart() {
        QFETCH(QString, size);
        MainWindow w;
        showAt(w, sizeOf(size), stackDesign(2), 40);
        ui::LossChartWidget* chart = w.lossChart();
        const QList<QLabel*> legend = chart->legend()->shownEntries();
        QCOMPARE(legend.size(), 3);  // train, validation loss, validation accuracy
        for (QLabel* entry : legend) {
            const QString plain = QTextDocumentFragment::fromHtml(entry->text()).toPlainText();
            QVERIFY2(entry->fontMetrics().horizontalAdvance(plain) <= entry->contentsRect().width(),
                     qPrintable(plain));
            QVERIFY(rectIn(entry, chart).right() < chart->width());
        }
        const QStringList titles{QStringLiteral("loss"), QStringLiteral("step"),
                                 QStringLiteral("accuracy")};
        const QString problem = chartTextProblem(chart->lossChart(), titles);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(chartLabels(chart->lossChart(), titles).size() >= 6);
    }

    void outputTitleKeepsTheStep_data() { sizes(); }
    void outputTitleKeepsTheStep() {
        QFETCH(QString, size);
        MainWindow w;
        showAt(w, sizeOf(size), skipDesign());
        const QString title = w.outputView()->shownTitle();
        QVERIFY2(title.contains(QStringLiteral("\u2014 step ")), qPrintable(title));
        const int room = w.outputView()->width() - 16;
        QVERIFY(w.outputView()->fontMetrics().horizontalAdvance(title) <= room);
    }

    void outputAxesTextsStayApart_data() { sizes(); }
    void outputAxesTextsStayApart() {
        // The seed example's predicted-vs-target plot shares its dock with the
        // outputs' heatmap; the regions of the skip design fill theirs.
        QFETCH(QString, size);
        for (const train::Design& design : {train::seedExampleDesign(), skipDesign()}) {
            MainWindow w;
            showAt(w, sizeOf(size), design);
            const std::vector<QRectF> texts = w.outputView()->axisTextRects();
            QCOMPARE(texts.size(), size_t(6));
            for (size_t i = 0; i < texts.size(); ++i) {
                QVERIFY(QRectF(w.outputView()->rect()).contains(texts[i]));
                for (size_t j = i + 1; j < texts.size(); ++j)
                    QVERIFY2(
                        !texts[i].intersects(texts[j]),
                        qPrintable(QStringLiteral("axis texts %1 and %2 overlap").arg(i).arg(j)));
            }
        }
    }

    void skipLabelIsInView_data() { sizes(); }
    void skipLabelIsInView() {
        QFETCH(QString, size);
        MainWindow w;
        showAt(w, sizeOf(size), skipDesign());
        ui::DiagramCanvas* canvas = w.diagram()->canvas();
        QCOMPARE(canvas->skipArrows().size(), size_t(1));
        const QRect label = canvas->skipLabelRect(0);
        QVERIFY(!label.isEmpty());
        // Inside the canvas and, across, inside the part of it the scroll area shows.
        QVERIFY(canvas->rect().contains(label));
        auto* scroll = qobject_cast<QScrollArea*>(canvas->parentWidget()->parentWidget());
        QVERIFY(scroll);
        const QRect shown(canvas->mapFrom(scroll->viewport(), QPoint(0, 0)),
                          scroll->viewport()->size());
        QVERIFY2(label.left() >= shown.left() && label.right() <= shown.right(),
                 qPrintable(QStringLiteral("label x %1..%2, shown %3..%4")
                                .arg(label.left())
                                .arg(label.right())
                                .arg(shown.left())
                                .arg(shown.right())));
        for (const ui::NodeBlock* b : canvas->blocks())
            QVERIFY(!b->geometry().intersects(label));
        QVERIFY(!canvas->inputText().isEmpty());
    }

    void reprsFitTheirBlocks_data() { sizes(); }
    void reprsFitTheirBlocks() {
        QFETCH(QString, size);
        MainWindow w;
        showAt(w, sizeOf(size), skipDesign());
        ui::DiagramCanvas* canvas = w.diagram()->canvas();
        QCOMPARE(canvas->blocks()[0]->reprText(),
                 QStringLiteral("(0): NonDynamicallyQuantizableLinear(in_features=2, "
                                "out_features=16, bias=True)"));
        auto* scroll = qobject_cast<QScrollArea*>(canvas->parentWidget()->parentWidget());
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        for (const ui::NodeBlock* b : canvas->blocks()) {
            const QLabel* repr = b->reprLabel();
            QVERIFY(b->contentsRect().contains(repr->geometry()));
            const QString cut = cutText(repr);
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
            // The wrapped text's height fits the label too: no line is lost below.
            QVERIFY(repr->heightForWidth(repr->width()) <= repr->height());
        }
    }

    // The Welcome panel's wrapped texts keep every line, in English and in
    // Chinese (whose font has taller lines), at both sizes.
    void welcomeShowsEverythingWhole_data() {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("language");
        for (const char* size : {"1024x700", "1920x1080"})
            for (const char* language : {"en", "zh_CN"})
                QTest::addRow("%s %s", size, language) << size << language;
    }
    void welcomeShowsEverythingWhole() {
        QFETCH(QString, size);
        QFETCH(QString, language);
        ui::Language::apply(*ui::Language::fromName(language));
        {
            MainWindow w;
            w.help()->showWelcome();
            showAt(w, sizeOf(size), train::seedExampleDesign());
            const ui::WelcomePanel* welcome = w.help()->welcome();
            QVERIFY(welcome->isVisible());
            for (const QLabel* label : welcome->findChildren<QLabel*>()) {
                if (!label->isVisible())
                    continue;
                const int need = label->heightForWidth(label->width());
                QVERIFY2(need <= label->height(),
                         qPrintable(QStringLiteral("'%1' needs %2 px, has %3")
                                        .arg(QTextDocumentFragment::fromHtml(label->text())
                                                 .toPlainText()
                                                 .left(40))
                                        .arg(need)
                                        .arg(label->height())));
            }
        }
        ui::Language::apply(ui::Language::English);
    }

    void heatmapsKeepAReadableHeight_data() {
        QTest::addColumn<QString>("size");
        QTest::addColumn<int>("layers");
        for (const char* s : {"1024x700", "1920x1080"})
            for (int layers : {2, 3})
                QTest::addRow("%s, %d layers", s, layers) << QString::fromLatin1(s) << layers;
    }
    void heatmapsKeepAReadableHeight() {
        QFETCH(QString, size);
        QFETCH(int, layers);
        MainWindow w;
        showAt(w, sizeOf(size), stackDesign(layers));
        const std::vector<ui::HeatmapWidget*> maps = w.weightsPanel()->heatmaps();
        QCOMPARE(static_cast<int>(maps.size()), layers);
        for (ui::HeatmapWidget* h : maps) {
            const int preferred = h->sizeHint().height();
            const int least = std::min(preferred, int(ui::WeightsPanel::kReadableHeight));
            QVERIFY2(h->height() >= least,
                     qPrintable(QStringLiteral("%1 px, at least %2").arg(h->height()).arg(least)));
            // The box's spare room goes to the heatmap, not to empty space around it.
            auto* box = qobject_cast<QGroupBox*>(h->parentWidget());
            QVERIFY(box);
            int others = 0;
            for (QWidget* child : box->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
                if (child != h && child->isVisible())
                    others += child->height();
            const int spare = box->contentsRect().height() - others - h->height();
            QVERIFY2(spare <= 40, qPrintable(QStringLiteral("%1 px of the box unused").arg(spare)));
        }
    }

    void arrowsAreDrawnRightAfterAReorder_data() { sizes(); }
    void arrowsAreDrawnRightAfterAReorder() {
        QFETCH(QString, size);
        MainWindow w;
        showAt(w, sizeOf(size), stackDesign(3), 1);
        ui::DiagramCanvas* canvas = w.diagram()->canvas();
        QVERIFY(QTest::qWaitFor([&] { return canvas->paintedArrows().size() == 5; }));
        // Drop node 0 below node 1, as a drag does.
        QMimeData mime;
        mime.setData(ui::NodeBlock::kMimeType, QByteArray::number(0));
        const QPoint at = canvas->blocks()[1]->geometry().bottomLeft() + QPoint(10, 4);
        QDragEnterEvent enter(at, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &enter);
        QDropEvent drop(at, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &drop);
        QVERIFY(QTest::qWaitFor([&] { return w.design().layers[0].type == "Tanh"; }));
        QTest::qWait(50);
        // What was painted last is the layout as it stands: one arrow into each block.
        const std::vector<QLineF> arrows = canvas->mainArrows();
        QCOMPARE(arrows.size(), canvas->blocks().size());
        QVERIFY(QTest::qWaitFor([&] { return canvas->paintedArrows() == arrows; }));
        for (const QLineF& a : arrows)
            QVERIFY(a.length() >= 10);
        // And the screen shows them: ink in the middle of every gap.
        const QImage screen = w.screen()->grabWindow(w.winId()).toImage();
        const QColor background = canvas->palette().color(QPalette::Window);
        const QWidget* viewport = canvas->parentWidget();
        int seenArrows = 0;
        for (const QLineF& a : arrows) {
            if (!viewport->rect().contains(canvas->mapTo(viewport, a.p2().toPoint())))
                continue;  // scrolled out of view
            ++seenArrows;
            const QPoint mid = canvas->mapTo(&w, a.pointAt(0.4).toPoint());
            const QColor seen = screen.pixelColor(mid * screen.devicePixelRatio());
            QVERIFY2(seen != background,
                     qPrintable(QStringLiteral("no arrow at %1,%2").arg(mid.x()).arg(mid.y())));
        }
        QVERIFY(seenArrows >= 2);
    }

private:
    void sizes() {
        QTest::addColumn<QString>("size");
        QTest::newRow("1024x700") << QStringLiteral("1024x700");
        QTest::newRow("1920x1080") << QStringLiteral("1920x1080");
    }
};

QTEST_MAIN(TestWindowLayout)
#include "tst_window_layout.moc"
