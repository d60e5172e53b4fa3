#pragma once
// The network as a diagram the user edits: add (any linear-family type or
// activation), remove, move up/down by buttons or by dragging a block, and the
// selected node's arguments in the NodeEditor below; with the keyboard, Up/Down
// and Home/End on the canvas select, Delete removes, Ctrl+Up/Ctrl+Down move,
// Enter goes to the node's first argument and Insert (or Ctrl+L anywhere in
// the window) opens the Add layer menu. The diagram never
// changes the design itself: every edit comes out as designEdited(after, ...)
// so the window can push it onto the undo stack and apply it.
#include "core/train/design.h"
#include "core/train/snapshot.h"
#include "ui/node_info.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QCheckBox;
class QPushButton;
class QStackedWidget;
class QScrollArea;
class QToolButton;

namespace linearlab::ui {

class DiagramCanvas;
class NodeBlock;
class NodeEditor;
class NeuronView;

class NetworkDiagram : public QWidget {
    Q_OBJECT

public:
    explicit NetworkDiagram(QWidget* parent = nullptr);

    void setDesign(const train::Design& design);
    const std::vector<NodeInfo>& nodeInfos() const { return m_infos; }

    int selectedNode() const { return m_selected; }
    void selectNode(int index);

    DiagramCanvas* canvas() const { return m_canvas; }
    NodeEditor* editor() const { return m_editor; }
    QToolButton* addButton() const { return m_add; }
    /// The Neurons toggle: the diagram as units and weights (NeuronView) instead
    /// of blocks, for networks up to NeuronView::kMaxUnits wide.
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot);
    QCheckBox* neuronToggle() const { return m_neuronToggle; }
    NeuronView* neuronView() const { return m_neurons; }

    /// The block of node i, or null.
    NodeBlock* block(int index) const;

    /// The edits the buttons, drags and the editor make (public for menus and tests).
    void addLayer(const QString& type);
    void removeSelected();
    void moveSelected(int delta);
    void moveNode(int from, int to);
    /// Opens the Add layer menu at its button, for the keyboard (Ctrl+L, Insert).
    void popupAddMenu();
    /// Puts the focus on the selected node's first argument.
    void editSelected();
    QAction* addLayerAction() const { return m_addAction; }

signals:
    void designEdited(const linearlab::train::Design& after, const QString& text,
                      const QString& mergeKey);
    /// The selected node changed (-1: none), by a click, the keyboard or an edit.
    void selectedNodeChanged(int index);

private:
    /// Selects `index` (already valid) and tells the editor, the canvas and the world.
    void showSelection(int index);
    void edit(train::Design after, const QString& text, const QString& mergeKey = {});
    void updateButtons();
    nn::Index widthBefore(int index) const;

    train::Design m_design;
    std::vector<NodeInfo> m_infos;
    int m_selected = -1;
    int m_announced = -1;  ///< the last selection selectedNodeChanged told
    DiagramCanvas* m_canvas = nullptr;
    QScrollArea* m_scroll = nullptr;
    NodeEditor* m_editor = nullptr;
    QToolButton* m_add = nullptr;
    QAction* m_addAction = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
    QCheckBox* m_neuronToggle = nullptr;
    QStackedWidget* m_views = nullptr;
    NeuronView* m_neurons = nullptr;
};

}  // namespace linearlab::ui
