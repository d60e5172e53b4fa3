#pragma once
// The drawing surface of the network diagram: the input, then one NodeBlock per
// node top to bottom, with arrows between consecutive nodes and a skip arrow on
// the right for every Bilinear whose second input is not the previous node.
// Blocks dropped onto it are reordered. It takes the keyboard focus (a click on
// a block, or Tab): Up/Down, Home/End ask for another node to be selected,
// Delete and Backspace for the selected one to be removed, Ctrl+Up/Ctrl+Down
// for it to move, Enter for its arguments to be edited, Insert for a layer to
// be added.
#include "core/train/design.h"
#include "ui/node_info.h"

#include <QWidget>

#include <vector>

class QLabel;
class QVBoxLayout;

namespace linearlab::ui {

class NodeBlock;

class DiagramCanvas : public QWidget {
    Q_OBJECT

public:
    explicit DiagramCanvas(QWidget* parent = nullptr);

    /// Rebuilds the blocks for `design`, described by `infos` (one per node).
    void setDesign(const train::Design& design, const std::vector<NodeInfo>& infos);
    void setSelected(int index);

    const std::vector<NodeBlock*>& blocks() const { return m_blocks; }
    /// Skip arrows drawn: (from, to), where from -1 is the network input.
    const std::vector<std::pair<int, int>>& skipArrows() const { return m_skips; }
    QString inputText() const;
    /// Where a block dragged from `from` lands when dropped at y (widget coordinates).
    int dropIndex(int from, int y) const;

signals:
    void nodeClicked(int index);
    void moveRequested(int from, int to);
    /// A key asked for node `index` to be selected (it exists).
    void selectionRequested(int index);
    /// Delete or Backspace with a node selected.
    void removeRequested();
    /// Ctrl+Up (-1) or Ctrl+Down (+1) with a node selected.
    void stepRequested(int delta);
    /// Enter or Return with a node selected.
    void editRequested();
    /// Insert: the user wants to pick a layer to add.
    void addRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    /// A new palette (View > Theme) restyles the blocks.
    void changeEvent(QEvent* event) override;

private:
    QRect sourceRect(int node) const;

    QVBoxLayout* m_layout = nullptr;
    QLabel* m_input = nullptr;
    std::vector<NodeBlock*> m_blocks;
    std::vector<std::pair<int, int>> m_skips;
    int m_dropY = -1;
    int m_selected = -1;
};

}  // namespace linearlab::ui
