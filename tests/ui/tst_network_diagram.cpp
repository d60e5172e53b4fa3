// NetworkDiagram: "Add layer" offers every type of the layer table, and a node
// added from the menu is the table's default for the width it reads, shown with
// the table's repr and parameter count.
#include "ui/network_diagram.h"

#include "core/nn/layer_table.h"
#include "ui/node_block.h"

#include <QMenu>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

using namespace linearlab;
using ui::NetworkDiagram;

class TestNetworkDiagram : public QObject {
    Q_OBJECT

private slots:
    void addMenuListsTheTable();
    void addingEveryTypeFromTheMenu_data();
    void addingEveryTypeFromTheMenu();
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

QTEST_MAIN(TestNetworkDiagram)
#include "tst_network_diagram.moc"
