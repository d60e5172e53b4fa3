#pragma once
// A row of controls that wraps onto further rows when its width runs out, so a
// narrow dock still shows every button whole instead of forcing the window wider
// (after Qt's Flow Layout example). Items keep their size hints; the layout's
// height follows its width (heightForWidth).
#include <QLayout>
#include <QList>

namespace linearlab::ui {

class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    /// `widget` as the item at `index` (QLayout::addWidget appends).
    void insertWidget(int index, QWidget* widget);
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;

    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;
    /// Between rows; spacing() is between the items of a row.
    void setRowSpacing(int pixels) { m_rowSpacing = pixels; }

private:
    /// Lays the items out in `rect` (only measuring when `apply` is false); the height used.
    int arrange(const QRect& rect, bool apply) const;

    QList<QLayoutItem*> m_items;
    int m_rowSpacing = 2;
};

}  // namespace linearlab::ui
