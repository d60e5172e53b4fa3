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

#include <QLineF>
#include <QRect>
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
    /// The arrows of the main path as they are laid out now, one into each block
    /// (from its top end to its tip).
    std::vector<QLineF> mainArrows() const;
    /// The arrows the last paint drew; equal to mainArrows() once the screen is current.
    const std::vector<QLineF>& paintedArrows() const { return m_paintedArrows; }
    /// Where skip arrow k's "input2" label is drawn (along its lane, in the right margin).
    QRect skipLabelRect(int k) const;
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
    /// A block that moved or changed size repaints the arrows around it.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QRect sourceRect(int node) const;
    /// Skip arrow k's lane: the x of its vertical run and its two ends.
    struct SkipRoute {
        double x = 0;
        QPointF from, to;
    };
    SkipRoute skipRoute(int k) const;
    /// Distance between two skip lanes: room for a label beside each.
    int laneSpacing() const;
    /// Room on the right for the skip lanes and their labels.
    void updateMargins();

    QVBoxLayout* m_layout = nullptr;
    QLabel* m_input = nullptr;
    std::vector<NodeBlock*> m_blocks;
    std::vector<std::pair<int, int>> m_skips;
    std::vector<QLineF> m_paintedArrows;
    int m_dropY = -1;
    int m_selected = -1;
};

}  // namespace linearlab::ui
