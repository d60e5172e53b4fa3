// NetworkDiagram: "Add layer" offers every type of the layer table, and a node
// added from the menu is the table's default for the width it reads, shown with
// the table's repr and parameter count. On the keyboard the canvas selects and
// removes nodes, while the node editor's fields keep their own keys.
#include "ui/network_diagram.h"

#include "core/nn/layer_table.h"
#include "ui/diagram_canvas.h"
#include "ui/node_block.h"
#include "ui/node_editor.h"

#include <QApplication>
#include <QMenu>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>
#include <QtTest>

using namespace linearlab;
using ui::NetworkDiagram;

class TestNetworkDiagram : public QObject {
    Q_OBJECT

private slots:
    void addMenuListsTheTable();
    void addMenuOffersTheNewActivations();
    void addingEveryTypeFromTheMenu_data();
    void addingEveryTypeFromTheMenu();
    void keysSelectNodes();
    void selectionChangesAreAnnounced();
    void deleteRemovesTheSelectedNode();
    void deleteInAnEditorFieldEditsTheField();
    void tabReachesTheCanvas();
};

namespace {

QMenu* addMenu(NetworkDiagram& diagram) {
    for (auto* button : diagram.findChildren<QToolButton*>())
        if (button->menu())
            return button->menu();
    return nullptr;
}

QStringList actionTexts(const QMenu* menu) {
    QStringList texts;
    for (const QAction* a : menu->actions())
        if (!a->menu())
            texts << a->text();
    return texts;
}

/// Linear(20, 6) on a 20-feature input: a node added after it reads width 6.
train::Design oneLinear() {
    train::Design d;
    d.inputFeatures = 20;
    nn::LayerSpec linear = nn::layerType("Linear").defaultSpec(20);
    linear.out_features = 6;
    d.layers = {linear};
    return d;
}

/// Linear(20, 16) -> ReLU -> Linear(16, 3).
train::Design threeNodes() {
    train::Design d;
    d.inputFeatures = 20;
    nn::LayerSpec first = nn::layerType("Linear").defaultSpec(20);
    first.out_features = 16;
    nn::LayerSpec last = nn::layerType("Linear").defaultSpec(16);
    last.out_features = 3;
    d.layers = {first, nn::layerType("ReLU").defaultSpec(16), last};
    return d;
}

std::vector<std::string> typesOf(const train::Design& d) {
    std::vector<std::string> types;
    for (const auto& spec : d.layers)
        types.push_back(spec.type);
    return types;
}

/// Clicks node `index`'s block, as a user picks a node.
void clickBlock(NetworkDiagram& diagram, int index) {
    QTest::mouseClick(diagram.block(index), Qt::LeftButton, {},
                      diagram.block(index)->rect().center());
}

/// The node the diagram has selected, and the editor and the blocks show.
int shownNode(NetworkDiagram& diagram) {
    const int selected = diagram.selectedNode();
    if (diagram.editor()->nodeIndex() != selected)
        return -2;
    for (int i = 0; diagram.block(i); ++i)
        if (diagram.block(i)->isSelected() != (i == selected))
            return -3;
    return selected;
}

}  // namespace

void TestNetworkDiagram::addMenuListsTheTable() {
    NetworkDiagram diagram;
    QMenu* menu = addMenu(diagram);
    QVERIFY(menu);
    QStringList layers, activations;
    for (const auto& t : nn::layerTable())
        (t.isActivation ? activations : layers) << QString::fromStdString(t.name);
    QCOMPARE(actionTexts(menu), layers);
    QMenu* sub = nullptr;
    for (const QAction* a : menu->actions())
        if (a->menu())
            sub = a->menu();
    QVERIFY(sub);
    QCOMPARE(actionTexts(sub), activations);
}

void TestNetworkDiagram::addMenuOffersTheNewActivations() {
    NetworkDiagram diagram;
    QMenu* menu = addMenu(diagram);
    QVERIFY(menu);
    const QStringList offered = actionTexts(menu->actions().last()->menu());
    for (const char* type : {"GELU", "SELU", "CELU", "ReLU6", "Hardtanh", "Hardsigmoid",
                             "Hardswish", "Mish", "Softsign", "Tanhshrink", "LogSigmoid"})
        QVERIFY2(offered.contains(QLatin1String(type)), type);
}

void TestNetworkDiagram::addingEveryTypeFromTheMenu_data() {
    QTest::addColumn<QString>("type");
    for (const auto& t : nn::layerTable())
        QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
}

void TestNetworkDiagram::addingEveryTypeFromTheMenu() {
    QFETCH(QString, type);
    NetworkDiagram diagram;
    diagram.setDesign(oneLinear());
    diagram.selectNode(0);
    QSignalSpy edited(&diagram, &NetworkDiagram::designEdited);
    QMenu* menu = addMenu(diagram);
    QAction* action = nullptr;
    for (QAction* a : menu->actions() + menu->actions().last()->menu()->actions())
        if (a->text() == type)
            action = a;
    QVERIFY(action);
    action->trigger();
    QCOMPARE(edited.size(), 1);
    const auto after = edited[0][0].value<train::Design>();
    QCOMPARE(after.layers.size(), size_t{2});
    const nn::LayerType& t = nn::layerType(type.toStdString());
    QVERIFY(after.layers[1] == t.defaultSpec(6));
    QCOMPARE(edited[0][1].toString(), QStringLiteral("Add %1").arg(type));

    diagram.setDesign(after);  // as the window does once the edit is applied
    const std::string repr = t.repr(after.layers[1]);
    QCOMPARE(diagram.block(1)->reprText(), QStringLiteral("(1): %1").arg(repr.c_str()));
    QCOMPARE(diagram.nodeInfos()[1].parameters, t.parameterCount(after.layers[1], 6));
}

void TestNetworkDiagram::keysSelectNodes() {
    NetworkDiagram diagram;
    diagram.setDesign(threeNodes());
    diagram.show();
    QVERIFY(QTest::qWaitForWindowActive(&diagram));
    clickBlock(diagram, 1);
    QCOMPARE(shownNode(diagram), 1);
    QCOMPARE(QApplication::focusWidget(), diagram.canvas());

    QSignalSpy edited(&diagram, &NetworkDiagram::designEdited);
    const struct {
        Qt::Key key;
        int node;
    } presses[] = {{Qt::Key_Down, 2}, {Qt::Key_Down, 2}, {Qt::Key_Up, 1},  {Qt::Key_Up, 0},
                   {Qt::Key_Up, 0},   {Qt::Key_End, 2},  {Qt::Key_Home, 0}};
    for (const auto& [key, node] : presses) {
        QTest::keyClick(QApplication::focusWidget(), key);
        QCOMPARE(shownNode(diagram), node);
        QCOMPARE(diagram.editor()->nodeIndex(), node);
    }
    QCOMPARE(QApplication::focusWidget(), diagram.canvas());
    QCOMPARE(edited.size(), 0);  // selecting edits nothing

    // With nothing selected, Down starts at the top and Up at the bottom.
    diagram.selectNode(-1);
    QTest::keyClick(diagram.canvas(), Qt::Key_Down);
    QCOMPARE(shownNode(diagram), 0);
    diagram.selectNode(-1);
    QTest::keyClick(diagram.canvas(), Qt::Key_Up);
    QCOMPARE(shownNode(diagram), 2);
}

// The Learn dock follows the selection: every change, by click, key or edit, is
// told once.
void TestNetworkDiagram::selectionChangesAreAnnounced() {
    NetworkDiagram diagram;
    diagram.setDesign(threeNodes());
    diagram.show();
    QVERIFY(QTest::qWaitForWindowActive(&diagram));
    QSignalSpy selected(&diagram, &NetworkDiagram::selectedNodeChanged);
    clickBlock(diagram, 1);
    QTest::keyClick(diagram.canvas(), Qt::Key_Down);
    QTest::keyClick(diagram.canvas(), Qt::Key_Down);  // already last: no change
    diagram.setDesign(oneLinear());                   // node 2 is gone: the last one
    diagram.selectNode(-1);
    QList<int> told;
    for (const auto& args : selected)
        told << args[0].toInt();
    QCOMPARE(told, (QList<int>{1, 2, 0, -1}));
}

void TestNetworkDiagram::deleteRemovesTheSelectedNode() {
    NetworkDiagram diagram;
    diagram.setDesign(threeNodes());
    diagram.show();
    QVERIFY(QTest::qWaitForWindowActive(&diagram));
    clickBlock(diagram, 0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
    QCOMPARE(shownNode(diagram), 1);

    QSignalSpy edited(&diagram, &NetworkDiagram::designEdited);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Delete);
    QCOMPARE(edited.size(), 1);
    const auto after = edited[0][0].value<train::Design>();
    QCOMPARE(typesOf(after), (std::vector<std::string>{"Linear", "Linear"}));
    QCOMPARE(edited[0][1].toString(), QStringLiteral("Remove node 1 (ReLU)"));
    // Once the window applies the edit, the node now at that index is selected.
    diagram.setDesign(after);
    QCOMPARE(shownNode(diagram), 1);
    QCOMPARE(QApplication::focusWidget(), diagram.canvas());

    // Backspace too; removing the last node selects the one now last.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backspace);
    QCOMPARE(edited.size(), 2);
    const auto last = edited[1][0].value<train::Design>();
    QCOMPARE(typesOf(last), std::vector<std::string>{"Linear"});
    QCOMPARE(last.layers[0].out_features, nn::Index{16});
    diagram.setDesign(last);
    QCOMPARE(shownNode(diagram), 0);

    // Nothing selected: nothing to remove.
    diagram.selectNode(-1);
    QTest::keyClick(diagram.canvas(), Qt::Key_Delete);
    QCOMPARE(edited.size(), 2);
}

void TestNetworkDiagram::deleteInAnEditorFieldEditsTheField() {
    NetworkDiagram diagram;
    diagram.setDesign(threeNodes());
    diagram.show();
    QVERIFY(QTest::qWaitForWindowActive(&diagram));
    clickBlock(diagram, 0);
    QSpinBox* out = diagram.editor()->outFeaturesBox();
    QVERIFY(out);
    QTRY_VERIFY(out->isVisible());
    QTest::mouseClick(out, Qt::LeftButton, {}, out->rect().center());
    QCOMPARE(QApplication::focusWidget(), out);
    QSignalSpy edited(&diagram, &NetworkDiagram::designEdited);

    QCOMPARE(out->text(), QStringLiteral("16"));
    QTest::keyClick(out, Qt::Key_End);
    QTest::keyClick(out, Qt::Key_Backspace);
    QCOMPARE(out->text(), QStringLiteral("1"));
    QTest::keyClick(out, Qt::Key_Home);
    QTest::keyClick(out, Qt::Key_Delete);
    QCOMPARE(out->text(), QString());
    QCOMPARE(edited.size(), 0);
    QTest::keyClicks(out, QStringLiteral("8"));
    QTest::keyClick(out, Qt::Key_Enter);
    // One edit, of the field: the node is still there.
    QCOMPARE(edited.size(), 1);
    const auto after = edited[0][0].value<train::Design>();
    QCOMPARE(typesOf(after), (std::vector<std::string>{"Linear", "ReLU", "Linear"}));
    QCOMPARE(after.layers[0].out_features, nn::Index{8});
}

void TestNetworkDiagram::tabReachesTheCanvas() {
    NetworkDiagram diagram;
    diagram.setDesign(threeNodes());
    diagram.show();
    QVERIFY(QTest::qWaitForWindowActive(&diagram));
    QToolButton* add = nullptr;
    for (auto* button : diagram.findChildren<QToolButton*>())
        if (button->menu())
            add = button;
    QVERIFY(add);
    add->setFocus(Qt::TabFocusReason);
    // Past the buttons (Remove, Up and Down are disabled with nothing selected).
    for (int i = 0; i < 5 && QApplication::focusWidget() != diagram.canvas(); ++i)
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), diagram.canvas());
    QTest::keyClick(diagram.canvas(), Qt::Key_Down);
    QCOMPARE(shownNode(diagram), 0);
}

QTEST_MAIN(TestNetworkDiagram)
#include "tst_network_diagram.moc"
