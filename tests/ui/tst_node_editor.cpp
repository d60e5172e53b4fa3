// NodeEditor: the selected node's keywords, straight from the layer table: one
// field per keyword of its type, in the constructor's order, and every edit
// handed out as the node's new spec.
#include "ui/node_editor.h"

#include "core/nn/layer_table.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

using namespace linearlab;
using ui::NodeEditor;

class TestNodeEditor : public QObject {
    Q_OBJECT

private slots:
    void showsEachTypesKeywords_data();
    void showsEachTypesKeywords();
    void editingARealKeywordSetsItsOption();
    void editingFeaturesAndBias();
    void geluOffersItsApproximateChoice();
    void dropoutSaysItsMaskIsNotPyTorchs();
    void sameTypeKeepsTheFields();
    void nothingSelectedShowsNoFields();
};

namespace {

/// The labels of the visible rows below the title, in order.
QStringList visibleLabels(NodeEditor& editor) {
    auto* form = editor.findChild<QFormLayout*>();
    QStringList labels;
    for (int row = 0; row < form->rowCount(); ++row) {
        auto* label = form->itemAt(row, QFormLayout::LabelRole);
        auto* field = form->itemAt(row, QFormLayout::FieldRole);
        if (label && field && field->widget() && field->widget()->isVisibleTo(&editor))
            labels << qobject_cast<QLabel*>(label->widget())->text();
    }
    return labels;
}

}  // namespace

void TestNodeEditor::showsEachTypesKeywords_data() {
    QTest::addColumn<QString>("type");
    for (const auto& t : nn::layerTable())
        QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
}

void TestNodeEditor::showsEachTypesKeywords() {
    QFETCH(QString, type);
    const nn::LayerType& t = nn::layerType(type.toStdString());
    NodeEditor editor;
    editor.setNode(0, t.defaultSpec(4), 1);
    QStringList expected;
    for (const auto& k : t.keywords)
        expected << QString::fromStdString(k.name);
    if (t.takesInitScheme)
        expected << QStringLiteral("init");
    QCOMPARE(visibleLabels(editor), expected);
}

void TestNodeEditor::editingARealKeywordSetsItsOption() {
    NodeEditor editor;
    editor.setNode(2, nn::layerType("Softplus").defaultSpec(4), 3);
    QSignalSpy edited(&editor, &NodeEditor::edited);
    auto boxes = editor.findChildren<QDoubleSpinBox*>();
    QCOMPARE(boxes.size(), 2);          // beta, threshold
    QCOMPARE(boxes[0]->value(), 1.0);   // PyTorch's beta=1
    QCOMPARE(boxes[1]->value(), 20.0);  // threshold=20
    boxes[0]->setValue(2.5);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited[0][0].toInt(), 2);
    const auto spec = edited[0][1].value<nn::LayerSpec>();
    QCOMPARE(spec.option("beta"), 2.5);
    QCOMPARE(spec.option("threshold"), 20.0);
    QCOMPARE(edited[0][2].toString(), QStringLiteral("beta"));
}

void TestNodeEditor::editingFeaturesAndBias() {
    NodeEditor editor;
    nn::LayerSpec bilinear = nn::layerType("Bilinear").defaultSpec(4);
    editor.setNode(1, bilinear, 2);
    QSignalSpy edited(&editor, &NodeEditor::edited);
    editor.featuresBox("in2_features")->setValue(7);
    editor.findChild<QCheckBox*>()->setChecked(false);
    QCOMPARE(edited.size(), 2);
    const auto spec = edited[1][1].value<nn::LayerSpec>();
    QCOMPARE(spec.in1_features, 4);
    QCOMPARE(spec.in2_features, 7);
    QVERIFY(!spec.bias);
    // input2 offers previous, input and the one earlier node.
    auto* input2 = editor.findChildren<QComboBox*>().last();
    QCOMPARE(input2->count(), 3);
    QCOMPARE(input2->itemText(2), QStringLiteral("node 0"));
}

void TestNodeEditor::geluOffersItsApproximateChoice() {
    NodeEditor editor;
    nn::LayerSpec gelu = nn::layerType("GELU").defaultSpec(4);
    editor.setNode(1, gelu, 2);
    QCOMPARE(visibleLabels(editor), QStringList{QStringLiteral("approximate")});
    auto* box = editor.findChildren<QComboBox*>().last();  // the first is the init scheme
    QCOMPARE(box->count(), 2);
    QCOMPARE(box->itemText(0), QStringLiteral("none"));
    QCOMPARE(box->itemText(1), QStringLiteral("tanh"));
    QCOMPARE(box->currentText(), QStringLiteral("none"));  // nn.GELU()'s default
    QSignalSpy edited(&editor, &NodeEditor::edited);
    box->setCurrentIndex(1);
    QCOMPARE(edited.size(), 1);
    const auto spec = edited[0][1].value<nn::LayerSpec>();
    QCOMPARE(spec.choice("approximate"), std::string("tanh"));
    QCOMPARE(nn::layerType("GELU").repr(spec), std::string("GELU(approximate='tanh')"));
    QCOMPARE(edited[0][2].toString(), QStringLiteral("approximate"));
    editor.setNode(1, spec, 2);  // shown back as it is now
    QCOMPARE(box->currentText(), QStringLiteral("tanh"));
}

void TestNodeEditor::dropoutSaysItsMaskIsNotPyTorchs() {
    NodeEditor editor;
    editor.setNode(0, nn::layerType("Dropout").defaultSpec(4), 1);
    QCOMPARE(visibleLabels(editor), QStringList{QStringLiteral("p")});
    auto* p = editor.findChild<QDoubleSpinBox*>();
    QCOMPARE(p->value(), 0.5);  // nn.Dropout(p=0.5)
    QVERIFY(p->toolTip().contains("not reproduced bit for bit"));
    QLabel* note = nullptr;
    for (QLabel* l : editor.findChildren<QLabel*>())
        if (l->text().contains("Bernoulli"))
            note = l;
    QVERIFY(note && note->isVisibleTo(&editor));
    QVERIFY(note->text().contains("only p=0 repeats a PyTorch run exactly"));
    editor.setNode(0, nn::layerType("ReLU").defaultSpec(4), 1);
    QVERIFY(!note->isVisibleTo(&editor));
}

void TestNodeEditor::sameTypeKeepsTheFields() {
    NodeEditor editor;
    nn::LayerSpec linear = nn::layerType("Linear").defaultSpec(4);
    editor.setNode(0, linear, 1);
    QSpinBox* in = editor.inFeaturesBox();
    linear.in_features = 9;
    editor.setNode(0, linear, 1);  // what every edit does: the same widget, a new value
    QCOMPARE(editor.inFeaturesBox(), in);
    QCOMPARE(in->value(), 9);
    editor.setNode(0, nn::layerType("ReLU").defaultSpec(4), 1);
    QVERIFY(editor.inFeaturesBox() == nullptr);
}

void TestNodeEditor::nothingSelectedShowsNoFields() {
    NodeEditor editor;
    editor.setNode(-1, {}, 0);
    QCOMPARE(visibleLabels(editor), QStringList());
}

QTEST_MAIN(TestNodeEditor)
#include "tst_node_editor.moc"
