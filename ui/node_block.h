#pragma once
// One node of the network diagram: its index and PyTorch repr, the inferred
// output shape, the parameter count, and a shape problem in red on the node
// itself. A block is picked up with the mouse to reorder the network.
#include "ui/node_info.h"

#include <QFrame>
#include <QPoint>

class QLabel;

namespace linearlab::ui {

class NodeBlock : public QFrame {
    Q_OBJECT

public:
    /// The MIME type a dragged block carries (its node index as text).
    static const char* const kMimeType;

    NodeBlock(int index, const NodeInfo& info, QWidget* parent = nullptr);

    int index() const { return m_index; }
    void setSelected(bool selected);
    bool isSelected() const { return m_selected; }

    /// "(0): Linear(in_features=2, ...)" as PyTorch prints it.
    QString reprText() const;
    /// The label showing it, wrapped to the block's width.
    QLabel* reprLabel() const;
    /// `repr` with zero-width break opportunities, so that it wraps inside a block.
    static QString breakableRepr(const QString& repr);
    /// "output [128, 40]"; the label the user reads.
    QString shapeText() const;
    QString parametersText() const;
    /// PyTorch's message shown on the node, or empty.
    QString errorText() const;
    /// Marks the block as part of a run that is one Linear ("nodes 0–2 =
    /// Linear(2, 1), rank ≤ 1"); empty hides the badge.
    void setCollapseBadge(const QString& text);
    QString collapseBadgeText() const;
    /// The block's background: the palette's base, tinted when selected or in error.
    QColor fillColor() const;
    /// Redoes the style sheet from the application's palette. The canvas calls it on
    /// a PaletteChange: a block's own style sheet fixes its palette, so the block
    /// itself hears of no new one.
    void updateStyle();

signals:
    void clicked(int index);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QPalette themePalette() const;

    int m_index;
    bool m_selected = false;
    bool m_hasError = false;
    QPoint m_pressPos;
    QString m_reprText;
    QLabel* m_repr = nullptr;
    QLabel* m_shape = nullptr;
    QLabel* m_params = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_badge = nullptr;
};

}  // namespace linearlab::ui
