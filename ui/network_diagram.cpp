#include "ui/network_diagram.h"

#include "ui/diagram_canvas.h"
#include "ui/flow_layout.h"
#include "ui/neuron_view.h"
#include "ui/node_block.h"
#include "ui/node_editor.h"
#include "ui/shortcuts.h"

#include "core/nn/layer_table.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace linearlab::ui {

namespace {

/// Where node `index` of the old order ends up after moving `from` to `to`.
nn::Index movedIndex(nn::Index index, nn::Index from, nn::Index to) {
    if (index == from)
        return to;
    if (from < to && index > from && index <= to)
        return index - 1;
    if (to < from && index >= to && index < from)
        return index + 1;
    return index;
}

}  // namespace

NetworkDiagram::NetworkDiagram(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    setAccessibleName(tr("Network"));

    auto* buttons = new FlowLayout;  // wraps in a narrow dock instead of widening the window
    m_add = new QToolButton(this);
    m_add->setText(tr("Add layer"));
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* menu = new QMenu(m_add);
    for (const auto& t : nn::layerTypes()) {
        const QString type = QString::fromStdString(t);
        menu->addAction(type, this, [this, type] { addLayer(type); });
    }
    QMenu* activations = menu->addMenu(tr("Activation"));
    for (const auto& t : nn::activationTypes()) {
        const QString type = QString::fromStdString(t);
        activations->addAction(type, this, [this, type] { addLayer(type); });
    }
    m_add->setMenu(menu);
    m_remove = new QPushButton(tr("Remove"), this);
    m_up = new QPushButton(tr("Up"), this);
    m_down = new QPushButton(tr("Down"), this);
    m_remove->setToolTip(tr("Remove the selected node (Delete)"));
    m_up->setToolTip(tr("Move the selected node up (or drag it)"));
    m_down->setToolTip(tr("Move the selected node down (or drag it)"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    m_neuronToggle = new QCheckBox(tr("Neurons"), this);
    buttons->addWidget(m_neuronToggle);
    layout->addLayout(buttons);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_canvas = new DiagramCanvas;
    m_scroll = new QScrollArea;
    m_scroll->setWidget(m_canvas);
    m_scroll->setWidgetResizable(true);
    m_scroll->setMinimumHeight(120);
    // Tab goes straight to the canvas, which scrolls the selection into view itself.
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_editor = new NodeEditor;
    m_neurons = new NeuronView;
    auto* neuronScroll = new QScrollArea;
    neuronScroll->setWidget(m_neurons);
    neuronScroll->setWidgetResizable(true);
    m_views = new QStackedWidget;
    m_views->addWidget(m_scroll);
    m_views->addWidget(neuronScroll);
    connect(m_neuronToggle, &QCheckBox::toggled, this,
            [this](bool on) { m_views->setCurrentIndex(on ? 1 : 0); });
    splitter->addWidget(m_views);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_remove, &QPushButton::clicked, this, &NetworkDiagram::removeSelected);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_canvas, &DiagramCanvas::nodeClicked, this, &NetworkDiagram::selectNode);
    connect(m_canvas, &DiagramCanvas::selectionRequested, this, [this](int index) {
        selectNode(index);
        if (NodeBlock* b = block(index))
            m_scroll->ensureWidgetVisible(b);
    });
    connect(m_canvas, &DiagramCanvas::removeRequested, this, &NetworkDiagram::removeSelected);
    connect(m_canvas, &DiagramCanvas::stepRequested, this, [this](int delta) {
        moveSelected(delta);
        if (NodeBlock* b = block(m_selected))
            m_scroll->ensureWidgetVisible(b);
    });
    connect(m_canvas, &DiagramCanvas::editRequested, this, &NetworkDiagram::editSelected);
    connect(m_canvas, &DiagramCanvas::addRequested, this, &NetworkDiagram::popupAddMenu);
    m_addAction = new QAction(tr("Add Layer..."), this);
    m_addAction->setShortcut(keys::addLayer());
    m_addAction->setStatusTip(tr("Choose a layer to add after the selected node"));
    connect(m_addAction, &QAction::triggered, this, &NetworkDiagram::popupAddMenu);
    addAction(m_addAction);
    // Queued: the drop arrives inside the dragged block's own QDrag::exec(), and
    // applying the edit rebuilds (deletes) that block.
    connect(m_canvas, &DiagramCanvas::moveRequested, this, &NetworkDiagram::moveNode,
            Qt::QueuedConnection);
    connect(m_editor, &NodeEditor::edited, this,
            [this](int index, const nn::LayerSpec& spec, const QString& field) {
                if (index < 0 || index >= static_cast<int>(m_design.layers.size()))
                    return;
                train::Design after = m_design;
                after.layers[static_cast<size_t>(index)] = spec;
                edit(after, tr("Set %1 of node %2").arg(field).arg(index),
                     QStringLiteral("node %1 %2").arg(index).arg(field));
            });
    updateButtons();
}

void NetworkDiagram::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    m_neurons->setSnapshot(std::move(snapshot));
}

void NetworkDiagram::setDesign(const train::Design& design) {
    m_design = design;
    m_neurons->setDesign(design);
    const QString why = m_neurons->unavailableReason();
    m_neuronToggle->setEnabled(why.isEmpty());
    m_neuronToggle->setToolTip(why.isEmpty() ? tr("Draw the network as units and weights")
                                             : tr("Off: %1").arg(why));
    if (!why.isEmpty())
        m_neuronToggle->setChecked(false);
    m_infos = describeNodes(design);
    m_canvas->setDesign(design, m_infos);
    const int count = static_cast<int>(design.layers.size());
    showSelection(std::min(m_selected, count - 1));
}

void NetworkDiagram::selectNode(int index) {
    const int count = static_cast<int>(m_design.layers.size());
    showSelection(index >= 0 && index < count ? index : -1);
}

void NetworkDiagram::showSelection(int index) {
    m_selected = index;
    const int count = static_cast<int>(m_design.layers.size());
    m_canvas->setSelected(m_selected);
    if (m_selected >= 0)
        m_editor->setNode(m_selected, m_design.layers[static_cast<size_t>(m_selected)], count);
    else
        m_editor->setNode(-1, {}, count);
    updateButtons();
    // Adding, removing and moving set m_selected before their edit arrives here.
    if (m_announced != m_selected) {
        m_announced = m_selected;
        emit selectedNodeChanged(m_selected);
    }
}

NodeBlock* NetworkDiagram::block(int index) const {
    const auto& blocks = m_canvas->blocks();
    return index >= 0 && index < static_cast<int>(blocks.size())
               ? blocks[static_cast<size_t>(index)]
               : nullptr;
}

void NetworkDiagram::updateButtons() {
    const int count = static_cast<int>(m_design.layers.size());
    m_remove->setEnabled(m_selected >= 0);
    m_up->setEnabled(m_selected > 0);
    m_down->setEnabled(m_selected >= 0 && m_selected < count - 1);
}

nn::Index NetworkDiagram::widthBefore(int index) const {
    // The width node `index` reads: the last known output width above it.
    for (int i = index - 1; i >= 0; --i)
        if (const nn::Index w = m_infos[static_cast<size_t>(i)].width; w > 0)
            return w;
    return m_design.inputFeatures;
}

void NetworkDiagram::addLayer(const QString& type) {
    train::Design after = m_design;
    const int at = m_selected >= 0 ? m_selected + 1 : static_cast<int>(after.layers.size());
    after.layers.insert(after.layers.begin() + at,
                        nn::layerType(type.toStdString()).defaultSpec(widthBefore(at)));
    // Bilinear references to nodes at or after the insertion point shift down.
    for (size_t i = 0; i < after.layers.size(); ++i) {
        auto& in2 = after.layers[i].input2;
        if (static_cast<int>(i) != at && in2.kind == nn::SecondInput::Kind::Node && in2.node >= at)
            ++in2.node;
    }
    m_selected = at;
    edit(after, tr("Add %1").arg(type));
}

void NetworkDiagram::removeSelected() {
    if (m_selected < 0 || m_selected >= static_cast<int>(m_design.layers.size()))
        return;
    train::Design after = m_design;
    const QString type = QString::fromStdString(after.layers[static_cast<size_t>(m_selected)].type);
    after.layers.erase(after.layers.begin() + m_selected);
    for (auto& spec : after.layers) {
        auto& in2 = spec.input2;
        if (in2.kind != nn::SecondInput::Kind::Node)
            continue;
        if (in2.node == m_selected)
            in2 = nn::SecondInput::previous();  // its source is gone
        else if (in2.node > m_selected)
            --in2.node;
    }
    const int removed = m_selected;
    m_selected = std::min(removed, static_cast<int>(after.layers.size()) - 1);
    edit(after, tr("Remove node %1 (%2)").arg(removed).arg(type));
}

void NetworkDiagram::moveSelected(int delta) {
    if (m_selected >= 0)
        moveNode(m_selected, m_selected + delta);
}

void NetworkDiagram::moveNode(int from, int to) {
    const int count = static_cast<int>(m_design.layers.size());
    if (from < 0 || from >= count || to < 0 || to >= count || from == to)
        return;
    train::Design after = m_design;
    nn::LayerSpec moving = after.layers[static_cast<size_t>(from)];
    after.layers.erase(after.layers.begin() + from);
    after.layers.insert(after.layers.begin() + to, moving);
    for (auto& spec : after.layers)
        if (spec.input2.kind == nn::SecondInput::Kind::Node)
            spec.input2.node = movedIndex(spec.input2.node, from, to);
    m_selected = to;
    edit(after, tr("Move node %1 to %2").arg(from).arg(to));
}

void NetworkDiagram::popupAddMenu() {
    // The menu answers the arrow keys and Enter; the canvas keeps the focus
    // after it closes, so Enter then edits the new node.
    for (QWidget* w = parentWidget(); w; w = w->parentWidget())
        if (auto* dock = qobject_cast<QDockWidget*>(w)) {
            dock->show();
            dock->raise();
        }
    if (m_neuronToggle->isChecked())
        m_neuronToggle->setChecked(false);
    m_canvas->setFocus(Qt::ShortcutFocusReason);
    QMenu* menu = m_add->menu();
    menu->popup(m_add->mapToGlobal(QPoint(0, m_add->height())));
    if (!menu->actions().isEmpty())
        menu->setActiveAction(menu->actions().constFirst());
}

void NetworkDiagram::editSelected() {
    if (m_selected < 0)
        return;
    if (QWidget* first = m_editor->firstField(); first && first->isEnabled())
        first->setFocus(Qt::TabFocusReason);
}

void NetworkDiagram::edit(train::Design after, const QString& text, const QString& mergeKey) {
    emit designEdited(after, text, mergeKey);
}

}  // namespace linearlab::ui
