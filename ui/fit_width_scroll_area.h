#pragma once
// A scroll area that scrolls only vertically: it is always as wide as its
// content's minimum width plus the vertical scroll bar, so no label or field in
// it is ever cut off or needs a horizontal scroll bar. The width is measured from
// the content's layout (whatever language or font the labels are in) and follows
// it when rows appear or disappear.
#include <QScrollArea>

namespace linearlab::ui {

class FitWidthScrollArea : public QScrollArea {
    Q_OBJECT

public:
    explicit FitWidthScrollArea(QWidget* parent = nullptr);

    /// Takes `widget` (as QScrollArea::setWidget) and fits the area to it.
    void setContent(QWidget* widget);

    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fit();
};

}  // namespace linearlab::ui
