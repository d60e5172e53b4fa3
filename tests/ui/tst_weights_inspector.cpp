// WeightsInspector: a weights file written by io::writeWeights is listed tensor
// by tensor (name, dtype, shape) and drawn with one heatmap per 1-D/2-D tensor
// and one per slice of a 3-D tensor; a corrupt file shows its error instead.
#include "core/io/weights_file.h"
#include "ui/color_map.h"
#include "ui/heatmap_widget.h"
#include "ui/main_window.h"
#include "ui/weights_inspector.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace linearlab;
using linearlab::ui::ColorMap;
using linearlab::ui::HeatmapWidget;
using linearlab::ui::WeightsInspector;

namespace {

io::NamedTensor tensor(const std::string& name, nn::Shape shape, std::vector<float> values) {
    io::NamedTensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.values = std::move(values);
    return t;
}

/// 0.weight (2, 3) with max |w| 1.0 at [0, 2] and -1.0 at [1, 1]; 0.bias (2);
/// 1.weight (4, 2, 3), a Bilinear-shaped weight whose slice k is filled with k - 1.5.
io::StateDict knownDict() {
    std::vector<float> bilinear;
    for (int k = 0; k < 4; ++k)
        for (int i = 0; i < 6; ++i)
            bilinear.push_back(static_cast<float>(k) - 1.5f);
    return {tensor("0.weight", {2, 3}, {0.0f, 0.5f, 1.0f, -0.5f, -1.0f, 0.25f}),
            tensor("0.bias", {2}, {0.25f, -0.75f}), tensor("1.weight", {4, 2, 3}, bilinear)};
}

QString cell(const WeightsInspector& w, int row, int column) {
    const QTableWidgetItem* item = w.table()->item(row, column);
    return item ? item->text() : QString();
}

QRgb shownAt(QWidget& w, QPoint at) {
    return w.grab().toImage().convertToFormat(QImage::Format_RGB32).pixel(at);
}

bool errorLabelShows(const WeightsInspector& w, const QString& text) {
    for (const QLabel* label : w.findChildren<QLabel*>())
        if (label->isVisible() && label->text() == text)
            return true;
    return false;
}

}  // namespace

class TestWeightsInspector : public QObject {
    Q_OBJECT

private slots:
    void listsAndDrawsEveryTensor_data() {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("safetensors") << QStringLiteral("w.safetensors");
        QTest::newRow("npz") << QStringLiteral("w.npz");
        QTest::newRow("pt") << QStringLiteral("w.pt");
    }
    void listsAndDrawsEveryTensor() {
        QFETCH(QString, fileName);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        io::writeWeights(path, knownDict());

        WeightsInspector w;
        QVERIFY2(w.openFile(path), qPrintable(w.errorString()));
        QVERIFY(w.errorString().isEmpty());
        QCOMPARE(w.tensorCount(), 3);
        QCOMPARE(w.table()->rowCount(), 3);
        const QStringList names{cell(w, 0, 0), cell(w, 1, 0), cell(w, 2, 0)};
        QCOMPARE(names, (QStringList{"0.weight", "0.bias", "1.weight"}));
        QCOMPARE(cell(w, 0, 1), QStringLiteral("float32"));
        QCOMPARE(cell(w, 0, 2), QStringLiteral("(2, 3)"));
        QCOMPARE(cell(w, 1, 2), QStringLiteral("(2,)"));  // numpy's .shape of a 1-D array
        QCOMPARE(cell(w, 2, 2), QStringLiteral("(4, 2, 3)"));
        QCOMPARE(cell(w, 2, 3), QStringLiteral("-1.5"));  // min
        QCOMPARE(cell(w, 2, 4), QStringLiteral("1.5"));   // max

        // The 2-D weight: one heatmap, known values in known colours.
        const ColorMap& map = ColorMap::diverging();
        QCOMPARE(w.heatmaps(0).size(), size_t{1});
        HeatmapWidget* weight = w.heatmaps(0)[0];
        QCOMPARE(weight->image().size(), QSize(3, 2));
        QCOMPARE(weight->image().pixel(2, 0), map.at(255));
        QCOMPARE(weight->image().pixel(1, 1), map.at(0));
        QCOMPARE(weight->textAt(1, 1), QStringLiteral("0.weight[1, 1] = -1."));
        // A state dict's 2-D weight is nn.Linear's (out_features, in_features).
        QCOMPARE(weight->rowTitle(), QStringLiteral("output j"));
        QCOMPARE(weight->columnTitle(), QStringLiteral("input i"));
        // The 1-D bias: one heatmap, a column, indexed as a vector.
        QCOMPARE(w.heatmaps(1).size(), size_t{1});
        QCOMPARE(w.heatmaps(1)[0]->image().size(), QSize(1, 2));
        QCOMPARE(w.heatmaps(1)[0]->textAt(1, 0), QStringLiteral("0.bias[1] = -0.7500"));
        QCOMPARE(w.heatmaps(1)[0]->rowTitle(), QStringLiteral("output j"));
        // The 3-D weight: one heatmap per slice, all on the tensor's scale.
        const auto slices = w.heatmaps(2);
        QCOMPARE(slices.size(), size_t{4});
        for (HeatmapWidget* slice : slices) {
            QCOMPARE(slice->image().size(), QSize(3, 2));
            QCOMPARE(slice->absMax(), 1.5f);
        }
        QCOMPARE(slices[0]->image().pixel(0, 0), map.at(0));    // -1.5: full blue
        QCOMPARE(slices[3]->image().pixel(2, 1), map.at(255));  // 1.5: full red
        QCOMPARE(slices[1]->image().pixel(1, 0), map.colorFor(-0.5f, 1.5f));
        QCOMPARE(slices[2]->textAt(1, 2), QStringLiteral("1.weight[2, 1, 2] = 0.5000"));

        // On screen, the cell of a known value shows its colour.
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect full = weight->cellRect(0, 2);
        QVERIFY(!full.isEmpty());
        QCOMPARE(shownAt(*weight, full.center()), map.at(255));
        QCOMPARE(shownAt(*weight, weight->cellRect(0, 0).center()), qRgb(255, 255, 255));
    }

    void corruptFileShowsTheError_data() {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("safetensors garbage")
            << QStringLiteral("bad.safetensors") << QByteArray("\xff\xff\xff\xff not a header");
        QTest::newRow("npz not a zip") << QStringLiteral("bad.npz") << QByteArray("PK\x03\x04junk");
        QTest::newRow("pt empty") << QStringLiteral("bad.pt") << QByteArray();
        QTest::newRow("unknown extension") << QStringLiteral("w.bin") << QByteArray("1234");
    }
    void corruptFileShowsTheError() {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();

        WeightsInspector w;
        // A good file first, so the failure must also clear what was shown.
        const QString good = dir.filePath(QStringLiteral("good.safetensors"));
        io::writeWeights(good, knownDict());
        QVERIFY(w.openFile(good));
        w.show();
        QVERIFY(!w.openFile(path));
        QVERIFY(!w.errorString().isEmpty());
        QVERIFY2(w.errorString().contains(fileName), qPrintable(w.errorString()));
        QVERIFY(errorLabelShows(w, w.errorString()));
        QCOMPARE(w.table()->rowCount(), 0);
        QCOMPARE(w.tensorCount(), 0);
        QVERIFY(w.findChildren<HeatmapWidget*>().isEmpty());
        const QString shown = w.errorString();
        QVERIFY(w.openFile(good));  // and it recovers
        QVERIFY(!errorLabelShows(w, shown));
        QCOMPARE(w.table()->rowCount(), 3);
    }

    void truncatedFileShowsTheError() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.safetensors"));
        io::writeWeights(path, knownDict());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() - 8));
        file.close();
        WeightsInspector w;
        QVERIFY(!w.openFile(path));
        QVERIFY(!w.errorString().isEmpty());
        QCOMPARE(w.tensorCount(), 0);
    }

    void mainWindowInspectsAFileTheDesignCannotTake() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.safetensors"));
        io::writeWeights(path, knownDict());
        ui::MainWindow window;
        window.setSaveLayoutOnClose(false);

        // The seed design is Linear(20, 40): these weights do not fit it.
        QString error;
        QVERIFY(!window.openFile(path, &error, true));
        QVERIFY2(error.contains(QStringLiteral("0.weight")), qPrintable(error));

        // Not quiet: the user is offered the inspector instead of the bare error.
        QString offered;  // the question's text (the box itself is gone by the end)
        QTimer poke;
        poke.setInterval(10);
        connect(&poke, &QTimer::timeout, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            offered = box->text();
            for (QAbstractButton* b : box->buttons())
                if (b->text().contains(QStringLiteral("Inspect")))
                    b->click();
        });
        poke.start();
        QVERIFY(!window.openFile(path, &error));
        poke.stop();
        QVERIFY2(offered.contains(QStringLiteral("size mismatch for 0.weight")),
                 qPrintable(offered));
        auto* inspector = window.findChild<WeightsInspector*>();
        QVERIFY(inspector);
        QVERIFY(inspector->isVisible());
        QCOMPARE(inspector->tensorCount(), 3);
        QCOMPARE(inspector->filePath(), path);

        // The menu path's entry point: a second window for the same file.
        WeightsInspector* second = window.inspectWeightsFile(path);
        QVERIFY(second && second != inspector);
        QCOMPARE(second->heatmaps(2).size(), size_t{4});
        QPointer<WeightsInspector> gone(second);
        second->close();  // deletes itself
        QTRY_VERIFY(gone.isNull());
    }
};

QTEST_MAIN(TestWeightsInspector)
#include "tst_weights_inspector.moc"
