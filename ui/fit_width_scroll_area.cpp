#include "ui/fit_width_scroll_area.h"

#include <QEvent>
#include <QScrollBar>
#include <QStyle>

namespace linearlab::ui {

FitWidthScrollArea::FitWidthScrollArea(QWidget* parent) : QScrollArea(parent) {
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

void FitWidthScrollArea::setContent(QWidget* widget) {
    setWidget(widget);
    widget->installEventFilter(this);
    fit();
}

QSize FitWidthScrollArea::minimumSizeHint() const {
    QSize least = QScrollArea::minimumSizeHint();
    if (QWidget* content = widget()) {
        // The content at its least width, beside a vertical scroll bar that may show.
        const int bar = verticalScrollBar()->sizeHint().width();
        least.setWidth(content->minimumSizeHint().width() + bar + 2 * frameWidth());
    }
    return least;
}

bool FitWidthScrollArea::eventFilter(QObject* watched, QEvent* event) {
    // A row shown or hidden, a longer label, another font: the content's least width
    // changed, and so does the area's.
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        fit();
    return QScrollArea::eventFilter(watched, event);
}

void FitWidthScrollArea::fit() {
    setMinimumWidth(minimumSizeHint().width());
    updateGeometry();
}

}  // namespace linearlab::ui
