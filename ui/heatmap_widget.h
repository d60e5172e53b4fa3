#pragma once
// One 2-D tensor as a heatmap: value -> colour through ColorMap's lookup table
// into a QImage (one pixel per element), remapped at most once per change and
// only when painted or read, so paintEvent mostly draws that cached image
// scaled without smoothing. A bias can
// ride along as a strip aligned with the output dimension, and a colour bar
// gives the symmetric scale's numbers. Axis titles say what rows and columns
// are ("output j", "input i"), numbers read as PyTorch prints them, and a
// minimum cell size keeps every cell of a thin matrix big enough to hover.
// A cell's number is the element as PyTorch prints it when indexed, w[3, 17].
#include "core/nn/tensor.h"
#include "core/nn/tensor_print.h"
#include "core/train/snapshot.h"

#include <QImage>
#include <QString>
#include <QWidget>

#include <memory>

namespace linearlab::ui {

class HeatmapCursor;

class HeatmapWidget : public QWidget {
    Q_OBJECT

public:
    explicit HeatmapWidget(QWidget* parent = nullptr);

    /// Shows `values` (rows, cols), named as in the state dict ("0.weight"), in the
    /// hover text. With leadingIndex >= 0 the matrix is slice `leadingIndex` of a
    /// 3-D tensor, and the hover text says `name[leadingIndex, row, col]`.
    void setMatrix(const nn::Matrix<float>& values, const QString& name, int leadingIndex = -1);
    /// A 1-D tensor (1, n) on its own, drawn as a column; hover text says `name[i]`.
    void setVector(const nn::Matrix<float>& values, const QString& name);
    /// A bias (1, out) drawn as a strip beside the matrix (one cell per row), or
    /// below it when transposed (one cell per column), on the same colour scale.
    void setBias(const nn::Matrix<float>& bias, const QString& name);
    void clearBias();
    bool hasBias() const { return m_bias.size() > 0; }

    /// Shows parameter `weightIndex` (and `biasIndex` as the strip, -1 for none) of
    /// every snapshot given to setSnapshot, named from the snapshot's context.
    void setParameter(int weightIndex, int biasIndex = -1);
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot);

    /// A fixed scale [-absMax, absMax], so several heatmaps compare; 0 scales to
    /// the largest |value| of the matrix and bias.
    void setAbsMax(float absMax);
    /// The scale in use.
    float absMax() const;

    /// Shows the (in, out) view of `y = xW + b` instead of PyTorch's (out, in) weight.
    void setTransposed(bool transposed);
    bool isTransposed() const { return m_transposed; }

    /// Text instead of a heatmap, for a parameter that does not exist yet.
    void setPlaceholder(const QString& text);
    bool isPlaceholder() const { return !m_placeholder.isEmpty(); }
    QString placeholderText() const { return m_placeholder; }

    void setColorBarVisible(bool visible);
    /// Preferred pixels per element, for sizeHint (small multiples use fewer).
    void setPreferredCellSize(int pixels);
    /// Cells never drawn smaller than `pixels` (0: fit the widget), so a thin
    /// matrix (32x1) keeps hoverable cells and a scroll area around it scrolls;
    /// a matrix that would need more than kMaxMinimumExtent pixels fits instead.
    void setMinimumCellSize(int pixels);
    static constexpr int kMaxMinimumExtent = 1600;
    /// The minimum the Weights view and the inspector give: a cell a mouse can hit.
    static constexpr int kHoverableCell = 8;
    /// Cells exactly `pixels` (within the same limit), so heatmaps side by side align.
    void setCellSize(int pixels);
    /// What the stored rows and columns are ("output j", "input i"), drawn beside
    /// and above the matrix; swapped with the matrix when transposed. Empty: none.
    void setAxisTitles(const QString& rows, const QString& cols);
    /// The titles as displayed (after the transpose).
    QString rowTitle() const;
    QString columnTitle() const;

    /// Outlines displayed cells (x = column, y = row, in cells); a null rect clears.
    void setHighlight(const QRect& cells);
    QRect highlight() const { return m_highlight; }
    /// Outlines bias element `index`; -1 clears.
    void setBiasHighlight(int index);
    int biasHighlight() const { return m_biasHighlight; }

    /// The displayed tensor, one pixel per element: (cols x rows) pixels, or
    /// (rows x cols) when transposed. Null in placeholder mode.
    QImage image() const;
    /// The bias strip as displayed: (1 x out) pixels, (out x 1) when not transposed.
    QImage biasImage() const;
    /// Displayed rows and columns (after the transpose).
    int displayRows() const;
    int displayCols() const;

    /// "0.weight[3, 17] = -0.1234" for a displayed cell ("0.weight.T[17, 3] = ..." when
    /// transposed), as a PyTorch user would index the tensor on screen.
    QString textAt(int row, int col) const;
    /// The tensor's name as the hover text gives it ("0.weight"), or empty.
    QString tensorName() const { return m_name; }
    QString biasTextAt(int index) const;
    /// Where a displayed cell is drawn, in widget coordinates (empty if none).
    QRect cellRect(int row, int col) const;
    /// Where bias element `index` is drawn in the strip (empty if none).
    QRect biasCellRect(int index) const;
    /// The strip in cells beside the displayed matrix: one more column (1, 0),
    /// or one more row (0, 1) when transposed; (0, 0) without a bias.
    QSize biasLane() const;
    /// The bias element in cell (row, col) of the matrix and its strip, or -1.
    int biasIndexAt(int row, int col) const;
    /// The hover text under the mouse, or empty: textAt plus the exact value as
    /// `.item()` gives it to Python ("0.weight[0, 2] = 0.4120   .item() = 0.41203996539115906").
    QString hoverText() const { return m_hoverText; }
    /// A value spelled as print(w[3, 17]) spells the element: "-0.3370", "2.", "3.2000e-05".
    static QString formatted(float value);

    /// The keyboard's cell cursor (arrow keys while focused); see HeatmapCursor.
    HeatmapCursor* cursor() const { return m_cursor; }

    /// Saves what the widget shows (heatmap, bias strip and colour bar) as a PNG.
    bool savePng(const QString& path);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void hoverTextChanged(const QString& text);
    /// The displayed cell under the mouse, or (-1, -1) when it left the matrix.
    void cellHovered(int row, int col);
    void cellClicked(int row, int col);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    struct Layout {
        QRectF matrix;
        QRectF bias;
        QRect bar;
        double cell = 0;
    };
    Layout computeLayout() const;
    /// The displayed cell at `pos`, or (-1, -1).
    QPoint cellAt(const QPointF& pos, const Layout& l) const;
    /// Room for the axis titles: the left and top bands.
    int titleBand() const;
    bool hasTitles() const { return !m_rowTitle.isEmpty() || !m_colTitle.isEmpty(); }
    void remap();
    void ensureMapped() const;
    float valueAt(int row, int col) const;
    void setHoverText(const QString& text);

    nn::Matrix<float> m_values;
    nn::Matrix<float> m_bias;
    QString m_name;
    QString m_biasName;
    int m_leading = -1;
    bool m_vector = false;
    float m_fixedScale = 0;
    // The mapped cache, filled by ensureMapped() from const accessors too.
    mutable float m_scale = 0;
    mutable bool m_dirty = false;
    bool m_transposed = false;
    bool m_showBar = true;
    int m_preferredCell = 12;
    int m_minimumCell = 0;
    bool m_exactCell = false;
    QString m_rowTitle;
    QString m_colTitle;
    QRect m_highlight;
    int m_biasHighlight = -1;
    QPoint m_hoverCell{-1, -1};
    QString m_placeholder;
    int m_weightIndex = -1;
    int m_biasIndex = -1;
    mutable QImage m_image;
    mutable QImage m_biasImage;
    QString m_hoverText;
    HeatmapCursor* m_cursor = nullptr;
};

}  // namespace linearlab::ui
