#include "ui/heatmap_cursor.h"

#include "ui/heatmap_widget.h"

#include <QAccessible>
#include <QApplication>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollArea>
#include <QStatusBar>
#include <QStatusTipEvent>

#include <algorithm>

namespace linearlab::ui {

HeatmapCursor::HeatmapCursor(HeatmapWidget* heatmap) : QObject(heatmap), m_heatmap(heatmap) {
    heatmap->setFocusPolicy(Qt::StrongFocus);
    heatmap->installEventFilter(this);
    nameAfterTensor();
}

void HeatmapCursor::setCell(int row, int col) {
    m_row = row;
    m_col = col;
    clampCell();
    announce(true);
    ensureCellVisible();
    m_heatmap->update();
}

QString HeatmapCursor::text() const {
    if (m_heatmap->isPlaceholder())
        return m_heatmap->placeholderText();
    const int bias = biasIndex();
    return bias >= 0 ? m_heatmap->biasTextAt(bias) : m_heatmap->textAt(m_row, m_col);
}

int HeatmapCursor::rows() const {
    return m_heatmap->displayRows() + m_heatmap->biasLane().height();
}

int HeatmapCursor::cols() const {
    return m_heatmap->displayCols() + m_heatmap->biasLane().width();
}

int HeatmapCursor::biasIndex() const {
    return m_heatmap->biasIndexAt(m_row, m_col);
}

QRect HeatmapCursor::cellRect() const {
    const int bias = biasIndex();
    return bias >= 0 ? m_heatmap->biasCellRect(bias) : m_heatmap->cellRect(m_row, m_col);
}

void HeatmapCursor::clampCell() {
    m_row = std::clamp(m_row, 0, std::max(0, rows() - 1));
    m_col = std::clamp(m_col, 0, std::max(0, cols() - 1));
}

void HeatmapCursor::nameAfterTensor() {
    const QString name = m_heatmap->accessibleName();
    if (!name.isEmpty() && name != m_givenName)
        return;  // the view that shows it said what it is
    const QString tensor = m_heatmap->tensorName();
    m_givenName = tensor.isEmpty() ? tr("Heatmap") : tr("Heatmap of %1").arg(tensor);
    m_heatmap->setAccessibleName(m_givenName);
}

void HeatmapCursor::refresh() {
    nameAfterTensor();
    clampCell();
    announce(false);
}

void HeatmapCursor::announce(bool moved) {
    const QString now = text();
    const bool changed = now != m_text;
    m_text = now;
    // A snapshot changes the value under a cursor nobody moved: the description
    // follows quietly; a screen reader speaks when the user moves.
    if (changed || moved) {
        m_heatmap->setAccessibleDescription(now);
        if (moved) {
            QAccessibleEvent event(m_heatmap, QAccessible::DescriptionChanged);
            QAccessible::updateAccessibility(&event);
            emit announced(now);
        }
        if (changed)
            emit textChanged(now);
    }
    if (m_heatmap->hasFocus() && (changed || moved)) {
        QStatusTipEvent tip(now);
        QApplication::sendEvent(m_heatmap, &tip);
    }
}

void HeatmapCursor::ensureCellVisible() {
    // The Weights view scrolls: keep the cursor's cell on screen as it moves.
    for (QWidget* w = m_heatmap->parentWidget(); w; w = w->parentWidget()) {
        auto* area = qobject_cast<QScrollArea*>(w);
        if (!area || !area->widget())
            continue;
        const QRect cell = cellRect();
        if (cell.isEmpty())
            return;
        const QPoint at = m_heatmap->mapTo(area->widget(), cell.center());
        area->ensureVisible(at.x(), at.y(), cell.width() + 8, cell.height() + 8);
        return;
    }
}

bool HeatmapCursor::handleKey(int key, Qt::KeyboardModifiers modifiers) {
    if (m_heatmap->displayRows() == 0 || m_heatmap->displayCols() == 0)
        return false;
    const int rows = this->rows(), cols = this->cols();
    // Some platforms send the arrow keys with the keypad modifier.
    const Qt::KeyboardModifiers mods = modifiers & ~Qt::KeypadModifier;
    const bool ctrl = mods == Qt::ControlModifier;
    if (mods != Qt::NoModifier && !ctrl)
        return false;
    int row = m_row, col = m_col;
    switch (key) {
        case Qt::Key_Left:
            --col;
            break;
        case Qt::Key_Right:
            ++col;
            break;
        case Qt::Key_Up:
            --row;
            break;
        case Qt::Key_Down:
            ++row;
            break;
        case Qt::Key_Home:
            col = 0;
            if (ctrl)
                row = 0;
            break;
        case Qt::Key_End:
            col = cols - 1;
            if (ctrl)
                row = rows - 1;
            break;
        case Qt::Key_PageUp:
            row -= kPageRows;
            break;
        case Qt::Key_PageDown:
            row += kPageRows;
            break;
        default:
            return false;
    }
    setCell(row, col);
    return true;
}

bool HeatmapCursor::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_heatmap)
        return false;
    switch (event->type()) {
        case QEvent::KeyPress: {
            const auto* key = static_cast<QKeyEvent*>(event);
            if (handleKey(key->key(), key->modifiers())) {
                event->accept();
                return true;
            }
            break;
        }
        case QEvent::FocusIn:
            clampCell();
            announce(true);
            m_heatmap->update();
            break;
        case QEvent::FocusOut: {
            m_heatmap->update();
            // The window lost the focus to a menu or another window: the text stays.
            // Otherwise it goes, unless another message has replaced it already.
            const Qt::FocusReason reason = static_cast<QFocusEvent*>(event)->reason();
            if (reason == Qt::PopupFocusReason || reason == Qt::ActiveWindowFocusReason)
                break;
            const auto* bar =
                m_heatmap->window()->findChild<QStatusBar*>(QString(), Qt::FindDirectChildrenOnly);
            if (bar && bar->currentMessage() == m_text) {
                QStatusTipEvent tip{QString()};
                QApplication::sendEvent(m_heatmap, &tip);
            }
            break;
        }
        default:
            break;
    }
    return false;
}

void HeatmapCursor::paint(QPainter& painter) const {
    if (!m_heatmap->hasFocus())
        return;
    painter.save();
    painter.setBrush(Qt::NoBrush);
    const QColor ring = m_heatmap->palette().color(QPalette::Highlight);
    painter.setPen(QPen(ring, 2));
    painter.drawRect(QRectF(m_heatmap->rect()).adjusted(1, 1, -1, -1));
    const QRect cell = cellRect();
    if (!cell.isEmpty()) {
        // Two rings, dark and light, so the cursor shows on any cell colour.
        painter.setPen(QPen(m_heatmap->palette().color(QPalette::Base), 1));
        painter.drawRect(cell.adjusted(0, 0, -1, -1));
        painter.setPen(QPen(ring, 2));
        painter.drawRect(QRectF(cell).adjusted(-1, -1, 1, 1));
    }
    painter.restore();
}

}  // namespace linearlab::ui
