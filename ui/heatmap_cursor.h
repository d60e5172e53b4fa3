#pragma once
// The keyboard's way into a heatmap: a cell cursor the arrow keys move while
// the heatmap has the focus (Home/End: the row's ends, Ctrl+Home/End: the
// first and last cell, PageUp/PageDown: ten rows). A bias strip is one more
// lane of cells, where the drawing puts it: the last column (the bias of each
// output row), or the last row when the weight is shown transposed. The cell
// under the cursor reads as
// the hover text does ("0.weight[3, 7] = -0.1532"): in the window's status bar
// (a QStatusTipEvent, which climbs to the QMainWindow) and as the heatmap's
// accessible description, announced with QAccessible::DescriptionChanged so a
// screen reader reads it. The cursor is in displayed cells and is clamped, not
// dropped, when a snapshot brings another shape.
#include <QObject>
#include <QPoint>
#include <QString>

class QPainter;

namespace linearlab::ui {

class HeatmapWidget;

class HeatmapCursor : public QObject {
    Q_OBJECT

public:
    /// Gives `heatmap` the keyboard focus policy and follows its keys and focus.
    explicit HeatmapCursor(HeatmapWidget* heatmap);

    /// The displayed cell (x = column, y = row); (0, 0) until moved. A cell past
    /// the weight's last column (or, transposed, its last row) is the bias.
    QPoint cell() const { return {m_col, m_row}; }
    /// The bias element under the cursor, or -1 on a weight cell.
    int biasIndex() const;
    void setCell(int row, int col);
    /// The cell's text as the hover shows it, or the placeholder's text.
    QString text() const;

    /// After the heatmap's values or shape changed: clamps the cell and updates
    /// the text (the status bar only while the heatmap has the focus).
    void refresh();
    /// Draws the focus frame and the cursor's outline; paintEvent calls it last.
    void paint(QPainter& painter) const;

    /// Rows PageUp and PageDown move.
    static constexpr int kPageRows = 10;

signals:
    /// The text changed, by a move or by new values.
    void textChanged(const QString& text);
    /// The text was told to assistive technology (a move, or the focus arriving).
    void announced(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void clampCell();
    /// The cursor's lanes: the displayed weight plus, when there is one, the bias.
    int rows() const;
    int cols() const;
    QRect cellRect() const;
    /// Names a heatmap nobody named after its tensor ("Heatmap of 0.weight").
    void nameAfterTensor();
    bool handleKey(int key, Qt::KeyboardModifiers modifiers);
    /// Sets the description, tells assistive technology, and shows the status text.
    void announce(bool moved);
    void ensureCellVisible();

    HeatmapWidget* m_heatmap;
    int m_row = 0;
    int m_col = 0;
    QString m_text;
    QString m_givenName;  ///< the name nameAfterTensor gave, while it stands
};

}  // namespace linearlab::ui
