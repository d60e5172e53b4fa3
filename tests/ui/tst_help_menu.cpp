// The Help menu: the Welcome panel with the design's own shapes and its
// "Show at startup", the tour that moves on when the user does each step, the
// Keyboard Shortcuts list against the window's actions, and About's version.
#include "core/io/design_file.h"
#include "core/nn/blas.h"
#include "core/train/design.h"
#include "main_window_test_support.h"
#include "ui/about_dialog.h"
#include "ui/app_version.h"
#include "ui/document_controller.h"
#include "ui/heatmap_widget.h"
#include "ui/help_menu.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/shortcuts_dialog.h"
#include "ui/tour.h"
#include "ui/training_toolbar.h"
#include "ui/weights_panel.h"
#include "ui/welcome_panel.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTextDocument>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace linearlab;
using linearlab::ui::MainWindow;
using namespace linearlab::test;

namespace {

/// A label's rich text as the user reads it.
QString plain(const QLabel* label) {
    QTextDocument doc;
    doc.setHtml(label->text());
    return doc.toPlainText().simplified();
}

QString shapesText(MainWindow& w) {
    return plain(w.help()->welcome()->shapesLabel());
}

QString headingText(MainWindow& w) {
    return plain(w.help()->welcome()->headingLabel());
}

/// The project's version as CMake knows it, read from the build tree's cache.
QString projectVersion() {
    QFile cache(QStringLiteral(LINEARLAB_BINARY_DIR "/CMakeCache.txt"));
    if (!cache.open(QIODevice::ReadOnly))
        return {};
    const QByteArray key = "CMAKE_PROJECT_VERSION:STATIC=";
    while (!cache.atEnd()) {
        const QByteArray line = cache.readLine().trimmed();
        if (line.startsWith(key))
            return QString::fromUtf8(line.mid(key.size()));
    }
    return {};
}

}  // namespace

class TestHelpMenu : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void welcomeShowsTheSeedExamplesShapes();
    void welcomeDescribesTheDesignOnScreen_data();
    void welcomeDescribesTheDesignOnScreen();
    void welcomeFollowsEditsAndUndo();
    void welcomeSaysWhenThereIsNoLinear();
    void welcomeNamesTheActionsKeys();
    void showAtStartupIsRemembered();
    void welcomeCoversNoView();
    void tourAdvancesWhenTheUserDoesEachStep();
    void tourBackNextAndClose();
    void shortcutsDialogListsEveryActionWithAShortcut();
    void aboutShowsTheVersionAndLibraries();
    void helpMenuHasItsActions();
};

void TestHelpMenu::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_help_menu"));
}

void TestHelpMenu::init() {
    QSettings().remove(QStringLiteral("help/showWelcome"));
}

void TestHelpMenu::welcomeShowsTheSeedExamplesShapes() {
    MainWindow w;
    // Linear(20, 40) on batches of 128: y = xAᵀ + b with these shapes.
    QCOMPARE(w.design().layers.at(0).in_features, nn::Index(20));
    const QString heading = headingText(w);
    QVERIFY2(heading.contains(QStringLiteral("nn.Linear(20, 40, bias=True)")), qPrintable(heading));
    QVERIFY2(heading.contains(QStringLiteral("y = xAᵀ + b")), qPrintable(heading));
    QVERIFY2(heading.contains(QStringLiteral("each batch of 128 samples")), qPrintable(heading));
    QCOMPARE(shapesText(w),
             QStringLiteral("x, the input A, the weight b, the bias y, the output "
                            "128×20 40×20 40 128×40 "
                            "128 samples × in_features 20 out_features 40 × in_features 20 "
                            "out_features 40 128 samples × out_features 40"));
}

void TestHelpMenu::welcomeDescribesTheDesignOnScreen_data() {
    QTest::addColumn<QString>("example");
    QTest::addColumn<QString>("layer");
    QTest::addColumn<QStringList>("shapes");  // x, A, b, y
    // The first Linear with a matrix weight: node 0, or node 2 after a Bilinear;
    // a LazyLinear's in_features is the width inference gives it.
    QTest::newRow("moons") << "moons"
                           << "This design starts with nn.Linear(2, 2, bias=True)"
                           << QStringList{"32×2", "2×2", "2", "32×2"};
    QTest::newRow("spiral") << "spiral"
                            << "This design starts with nn.Linear(2, 32, bias=True)"
                            << QStringList{"64×2", "32×2", "32", "64×32"};
    QTest::newRow("lazy_linear") << "lazy_linear"
                                 << "This design starts with nn.LazyLinear(16"
                                 << QStringList{"32×2", "16×2", "16", "32×16"};
    QTest::newRow("bilinear_xor") << "bilinear_xor"
                                  << "Node 2 of this design is nn.Linear(8, 2, bias=True)"
                                  << QStringList{"32×8", "2×8", "2", "32×2"};
}

void TestHelpMenu::welcomeDescribesTheDesignOnScreen() {
    QFETCH(QString, example);
    QFETCH(QString, layer);
    QFETCH(QStringList, shapes);
    MainWindow w;
    QVERIFY(w.openFile(QStringLiteral(":/examples/%1.linearlab.json").arg(example)));
    QVERIFY2(headingText(w).contains(layer), qPrintable(headingText(w)));
    QVERIFY2(shapesText(w).contains(shapes.join(QLatin1Char(' '))), qPrintable(shapesText(w)));
    QVERIFY(!w.help()->welcome()->shapesLabel()->isHidden());
}

void TestHelpMenu::welcomeFollowsEditsAndUndo() {
    MainWindow w;
    train::Design d = w.design();
    d.batch.size = 64;
    d.layers[0].out_features = 8;
    d.layers[0].bias = false;
    w.editDesign(d, QStringLiteral("Change batch_size"));
    // No bias: y = xAᵀ, and no b column.
    QVERIFY2(headingText(w).contains(QStringLiteral("nn.Linear(20, 8, bias=False), which "
                                                    "computes y = xAᵀ for each batch of 64")),
             qPrintable(headingText(w)));
    QVERIFY2(shapesText(w).contains(QStringLiteral("64×20 8×20 64×8")), qPrintable(shapesText(w)));
    QVERIFY(!shapesText(w).contains(QStringLiteral("the bias")));
    w.undoStack()->undo();
    QVERIFY2(shapesText(w).contains(QStringLiteral("128×20 40×20 40 128×40")),
             qPrintable(shapesText(w)));
}

void TestHelpMenu::welcomeSaysWhenThereIsNoLinear() {
    MainWindow w;
    train::Design d = train::seedExampleDesign();
    d.layers = {layer("ReLU")};
    w.newDesign(d);
    QVERIFY2(headingText(w).contains(QStringLiteral("no Linear layer")),
             qPrintable(headingText(w)));
    QVERIFY(w.help()->welcome()->shapesLabel()->isHidden());
    // A design whose Linear cannot be built says the same, not a wrong shape.
    d.layers = {layer("Linear", 7, 40)};
    w.newDesign(d);
    QVERIFY2(headingText(w).contains(QStringLiteral("no Linear layer")),
             qPrintable(headingText(w)));
}

void TestHelpMenu::welcomeNamesTheActionsKeys() {
    MainWindow w;
    const QString howTo = plain(w.help()->welcome()->howToLabel());
    const QString train = w.trainAction()->shortcut().toString(QKeySequence::NativeText);
    const QString step = w.stepAction()->shortcut().toString(QKeySequence::NativeText);
    QCOMPARE(train, QStringLiteral("Space"));
    QVERIFY2(howTo.contains(QStringLiteral("Train (%1)").arg(train)), qPrintable(howTo));
    QVERIFY2(howTo.contains(QStringLiteral("Step (%1)").arg(step)), qPrintable(howTo));
}

void TestHelpMenu::showAtStartupIsRemembered() {
    {
        MainWindow w;
        w.show();
        QVERIFY(w.help()->welcomeDock()->isVisible());  // first start
        QVERIFY(w.help()->welcome()->showAtStartupBox()->isChecked());
        w.help()->welcome()->closeButton()->click();
        QVERIFY(!w.help()->welcomeDock()->isVisible());
        w.document()->setUnsavedTraining(false);
    }
    {
        MainWindow w;  // closed, not opted out: it comes back
        w.show();
        QVERIFY(w.help()->welcomeDock()->isVisible());
        w.help()->welcome()->showAtStartupBox()->click();
        QCOMPARE(QSettings().value(QStringLiteral("help/showWelcome")).toBool(), false);
    }
    MainWindow w;
    w.show();
    QVERIFY(!w.help()->welcomeDock()->isVisible());
    QVERIFY(!w.help()->welcome()->showAtStartupBox()->isChecked());
    w.help()->welcomeAction()->trigger();  // Help > Welcome (F1)
    QVERIFY(w.help()->welcomeDock()->isVisible());
}

void TestHelpMenu::welcomeCoversNoView() {
    MainWindow w;
    w.resize(1500, 940);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QDockWidget* welcome = w.help()->welcomeDock();
    QVERIFY(welcome->isVisible());
    QCOMPARE(w.dockWidgetArea(welcome), Qt::TopDockWidgetArea);
    const QRect panel = welcome->geometry();
    for (QDockWidget* d : w.findChildren<QDockWidget*>()) {
        if (d == welcome || !d->isVisible())
            continue;
        QVERIFY2(!panel.intersects(d->geometry()), qPrintable(d->objectName()));
    }
    // Short enough that the views keep most of the window.
    QVERIFY2(panel.height() < 200, qPrintable(QString::number(panel.height())));
}

void TestHelpMenu::tourAdvancesWhenTheUserDoesEachStep() {
    MainWindow w;
    w.newDesign(endless());
    w.resize(1500, 940);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ui::Tour* tour = w.help()->tour();
    w.help()->tourAction()->trigger();
    QCOMPARE(tour->step(), int(ui::Tour::PressTrain));
    QVERIFY(tour->card()->isVisible());
    // The ring is around the Train button and lets clicks through.
    QToolButton* train = w.trainingToolBar()->trainButton();
    QCOMPARE(tour->target(), static_cast<QWidget*>(train));
    const QRect button(train->mapTo(&w, QPoint(0, 0)), train->size());
    QVERIFY(tour->highlightRect().contains(button));
    QVERIFY(!tour->card()->geometry().intersects(button));

    // Pressing Train is the step: the tour moves on.
    QTest::mouseClick(train, Qt::LeftButton);
    QVERIFY(w.controller()->isRunning());
    QTRY_COMPARE(tour->step(), int(ui::Tour::HoverWeight));
    w.trainAction()->trigger();  // pause again
    // An edit on the way (30 outputs for 40 targets: the view keeps the last
    // network's heatmap, taller than its scroll area): still watched.
    train::Design wider = w.design();
    wider.layers[0].out_features = 30;
    w.editDesign(wider, QStringLiteral("Set out_features"));
    QTRY_VERIFY(w.weightsPanel()->heatmaps().size() == 1 &&
                w.weightsPanel()->heatmaps().front()->isVisible());
    QTest::qWait(400);  // the tour's next look at the widgets
    ui::HeatmapWidget* map = w.weightsPanel()->heatmaps().front();
    QCOMPARE(tour->target(), static_cast<QWidget*>(map));
    QVERIFY(map->isVisible());
    // The ring frames the part of the heatmap on screen, inside its scroll area.
    const QWidget* viewport = map->parentWidget();
    while (viewport && viewport->objectName() != QLatin1String("qt_scrollarea_viewport"))
        viewport = viewport->parentWidget();
    QVERIFY(viewport);
    const QRect shown(viewport->mapTo(&w, QPoint(0, 0)), viewport->size());
    QVERIFY2(shown.adjusted(-8, -8, 8, 8).contains(tour->highlightRect()),
             qPrintable(QStringLiteral("%1,%2 %3x%4")
                            .arg(tour->highlightRect().x())
                            .arg(tour->highlightRect().y())
                            .arg(tour->highlightRect().width())
                            .arg(tour->highlightRect().height())));
    QTest::mouseMove(map, map->rect().center());
    emit map->cellHovered(3, 7);  // what the mouse over a cell makes it say
    QTRY_COMPARE(tour->step(), int(ui::Tour::AddLayer));

    QCOMPARE(tour->target(), static_cast<QWidget*>(w.diagram()->addButton()));
    w.diagram()->addLayer(QStringLiteral("ReLU"));
    QTRY_COMPARE(tour->step(), int(ui::Tour::Export));
    QCOMPARE(tour->target(),
             static_cast<QWidget*>(w.trainingToolBar()->buttonFor(w.exportWeightsAction())));
    QCOMPARE(tour->nextButton()->text(), QStringLiteral("Done"));
    QSignalSpy finished(tour, &ui::Tour::finished);
    tour->nextButton()->click();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!tour->isActive());
    QVERIFY(!tour->card()->isVisible());
    w.document()->setUnsavedTraining(false);
    w.undoStack()->setClean();
}

void TestHelpMenu::tourBackNextAndClose() {
    MainWindow w;
    w.show();
    ui::Tour* tour = w.help()->tour();
    w.help()->welcome()->tourButton()->click();  // from the Welcome panel
    QCOMPARE(tour->step(), 0);
    QVERIFY(!tour->backButton()->isEnabled());
    tour->nextButton()->click();
    QCOMPARE(tour->step(), 1);
    QVERIFY(tour->backButton()->isEnabled());
    tour->backButton()->click();
    QCOMPARE(tour->step(), 0);
    // Doing a step that is not on screen moves nothing.
    tour->nextButton()->click();
    tour->nextButton()->click();
    QCOMPARE(tour->step(), int(ui::Tour::AddLayer));
    w.trainAction()->trigger();
    QTest::qWait(50);
    QCOMPARE(tour->step(), int(ui::Tour::AddLayer));
    w.trainAction()->trigger();
    tour->closeButton()->click();
    QCOMPARE(tour->step(), -1);
    QVERIFY(!tour->card()->isVisible());
    w.document()->setUnsavedTraining(false);
}

void TestHelpMenu::shortcutsDialogListsEveryActionWithAShortcut() {
    MainWindow w;
    ui::ShortcutsDialog dialog(&w);
    QTableWidget* table = dialog.table();
    QSet<QString> listed;
    for (int r = 0; r < table->rowCount(); ++r)
        listed.insert(table->item(r, 1)->text() + QLatin1Char('=') + table->item(r, 2)->text());
    QCOMPARE(listed.size(), table->rowCount());  // each action once

    // Every action the window holds with a shortcut, with all its keys.
    QSet<QString> expected;
    for (QAction* a : w.findChildren<QAction*>()) {
        if (a->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        QString name = a->iconText();
        name.remove(QLatin1Char('&'));
        expected.insert(name + QLatin1Char('=') + keys.join(QStringLiteral(", ")));
    }
    QCOMPARE(listed, expected);
    for (const char* row : {"Train=Space", "Step=S", "Reset=R", "Welcome=F1"})
        QVERIFY2(listed.contains(QString::fromLatin1(row)), row);
    // Undo by its name, not the edit it would undo, with every key it takes.
    const QString undoKeys = w.undoAction()->shortcuts().first().toString(QKeySequence::NativeText);
    bool undo = false;
    for (const QString& row : listed)
        undo = undo || (row.startsWith(QStringLiteral("Undo=")) && row.contains(undoKeys));
    QVERIFY(undo);
    QCOMPARE(table->rowCount(), static_cast<int>(expected.size()));
    // And it is more than the four checked by name: File's, Export Weights, Undo, Redo.
    for (const char* name : {"New=", "Open=", "Save=", "Export Weights="}) {
        bool found = false;
        for (const QString& row : listed)
            found = found || row.startsWith(QString::fromLatin1(name));
        QVERIFY2(found, name);
    }
}

void TestHelpMenu::aboutShowsTheVersionAndLibraries() {
    const QString version = projectVersion();
    QVERIFY(!version.isEmpty());
    QCOMPARE(ui::linearlabVersion(), version);  // what --version prints
    MainWindow w;
    w.help()->aboutAction()->trigger();
    auto* dialog = w.findChild<ui::AboutDialog*>();
    QVERIFY(dialog);
    const QString text = plain(dialog->textLabel());
    QVERIFY2(text.contains(QStringLiteral("LinearLab %1").arg(version)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Qt %1 (built with %2)").arg(qVersion(), QT_VERSION_STR)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Eigen 3.")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("BLAS ") + QString::fromStdString(nn::blasDescription())),
             qPrintable(text));
    dialog->close();
}

void TestHelpMenu::helpMenuHasItsActions() {
    MainWindow w;
    QMenu* help = nullptr;
    for (QAction* a : w.menuBar()->actions())
        if (a->text() == QStringLiteral("&Help"))
            help = a->menu();
    QVERIFY(help);
    QVERIFY(w.menuBar()->actions().last()->menu() == help);  // the last menu, as on every desktop
    const QList<QAction*> actions = help->actions();
    for (QAction* a : {w.help()->welcomeAction(), w.help()->tourAction(),
                       w.help()->shortcutsAction(), w.help()->aboutAction()})
        QVERIFY(actions.contains(a));
    QCOMPARE(w.help()->welcomeAction()->shortcut(), QKeySequence(QKeySequence::HelpContents));
    w.help()->shortcutsAction()->trigger();
    auto* dialog = w.findChild<ui::ShortcutsDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    dialog->close();
}

QTEST_MAIN(TestHelpMenu)
#include "tst_help_menu.moc"
