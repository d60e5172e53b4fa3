#include "ui/diagram_canvas.h"

#include "ui/collapse_text.h"
#include "ui/node_block.h"

#include "core/nn/collapse.h"
#include "core/nn/layer_table.h"

#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

#include <algorithm>

namespace linearlab::ui {

namespace {
constexpr int kGap = 24;        // room for the arrow between two blocks
constexpr int kLaneStart = 12;  // from a block's right edge to the first skip lane
constexpr int kMaxLanes = 3;    // skip arrows beyond the third share the lanes
const QString kSkipLabel = QStringLiteral("input2");  // Bilinear's keyword, not translated

void drawArrowHead(QPainter& p, QPointF tip, QPointF direction) {
    const double len = std::hypot(direction.x(), direction.y());
    if (len <= 0)
        return;
    const QPointF d = direction / len;
    const QPointF n(-d.y(), d.x());
    const QPointF base = tip - 8 * d;
    p.drawPolygon(QPolygonF{tip, base + 4 * n, base - 4 * n});
}
}  // namespace

DiagramCanvas::DiagramCanvas(QWidget* parent) : QWidget(parent) {
    setAcceptDrops(true);
    // The blocks take no focus, so a click on one gives it to the canvas.
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Network diagram"));
    setAccessibleDescription(
        tr("Up and Down select a node, Ctrl+Up and Ctrl+Down move it, Enter edits it, "
           "Delete removes it, Insert adds a layer"));
    m_layout = new QVBoxLayout(this);
    updateMargins();
    m_layout->setSpacing(kGap);
    m_input = new QLabel(this);
    m_input->setAlignment(Qt::AlignCenter);
    m_input->setStyleSheet(
        QStringLiteral("QLabel { border: 1px dashed palette(mid); border-radius: 6px; "
                       "padding: 4px; background: palette(alternate-base); }"));
    m_layout->addWidget(m_input);
    m_layout->addStretch(1);
}

void DiagramCanvas::setDesign(const train::Design& design, const std::vector<NodeInfo>& infos) {
    for (NodeBlock* b : m_blocks)
        delete b;
    m_blocks.clear();
    m_skips.clear();
    m_input->setText(tr("input  [%1, %2]").arg(design.batch.size).arg(design.inputFeatures));
    for (size_t i = 0; i < infos.size(); ++i) {
        auto* block = new NodeBlock(static_cast<int>(i), infos[i], this);
        connect(block, &NodeBlock::clicked, this, &DiagramCanvas::nodeClicked);
        block->installEventFilter(this);
        m_layout->insertWidget(static_cast<int>(i) + 1, block);
        m_blocks.push_back(block);
        const nn::LayerSpec& spec = design.layers[i];
        if (nn::layerType(spec.type).takes("input2") &&
            spec.input2.kind != nn::SecondInput::Kind::Previous) {
            const int from = spec.input2.kind == nn::SecondInput::Kind::Input
                                 ? -1
                                 : static_cast<int>(spec.input2.node);
            m_skips.emplace_back(from, static_cast<int>(i));
        }
    }
    updateMargins();
    // Stacked linear nodes are one Linear: say so on each of them.
    for (const nn::LinearRun& run : nn::findLinearRuns(design.inputFeatures, design.layers)) {
        const QString badge = runLabel(run) + tr(", rank \u2264 %1").arg(run.rankBound);
        for (nn::Index k = run.first; k <= run.last && k < nn::Index(m_blocks.size()); ++k)
            m_blocks[static_cast<size_t>(k)]->setCollapseBadge(badge);
    }
    update();
}

void DiagramCanvas::setSelected(int index) {
    m_selected = index;
    for (NodeBlock* b : m_blocks)
        b->setSelected(b->index() == index);
    update();  // the focus ring follows the selection
}

QString DiagramCanvas::inputText() const {
    return m_input->text();
}

QRect DiagramCanvas::sourceRect(int node) const {
    if (node < 0)
        return m_input->geometry();
    if (node < static_cast<int>(m_blocks.size()))
        return m_blocks[static_cast<size_t>(node)]->geometry();
    return {};
}

int DiagramCanvas::dropIndex(int from, int y) const {
    int index = 0;
    for (NodeBlock* b : m_blocks)
        if (b->index() != from && b->geometry().center().y() < y)
            ++index;
    return index;
}

int DiagramCanvas::laneSpacing() const {
    return fontMetrics().height() + 4;
}

void DiagramCanvas::updateMargins() {
    // The lanes in use and, right of the outermost, its label's line height.
    const int lanes = std::min(static_cast<int>(m_skips.size()), kMaxLanes);
    const int right =
        lanes == 0 ? 8 : kLaneStart + (lanes - 1) * laneSpacing() + 3 + fontMetrics().height() + 4;
    m_layout->setContentsMargins(8, 8, right, 8);
}

std::vector<QLineF> DiagramCanvas::mainArrows() const {
    std::vector<QLineF> arrows;
    QRect previous = m_input->geometry();
    for (NodeBlock* b : m_blocks) {
        const QRect r = b->geometry();
        arrows.emplace_back(QPointF(r.center().x(), previous.bottom() + 2),
                            QPointF(r.center().x(), r.top() - 1));
        previous = r;
    }
    return arrows;
}

DiagramCanvas::SkipRoute DiagramCanvas::skipRoute(int k) const {
    const auto [from, to] = m_skips[static_cast<size_t>(k)];
    const QRect src = sourceRect(from);
    const QRect dst = sourceRect(to);
    if (src.isNull() || dst.isNull())
        return {};
    SkipRoute route;
    route.x = std::max(src.right(), dst.right()) + kLaneStart + laneSpacing() * (k % kMaxLanes);
    route.from = QPointF(src.right() + 1, src.center().y());
    route.to = QPointF(dst.right() + 2, dst.center().y() + 6);
    return route;
}

QRect DiagramCanvas::skipLabelRect(int k) const {
    if (k < 0 || k >= static_cast<int>(m_skips.size()))
        return {};
    const SkipRoute route = skipRoute(k);
    const QFontMetrics fm = fontMetrics();
    // Read bottom to top beside the lane's vertical run, centred on it: the margin
    // beside a lane is a line high, never a word wide.
    const int length = fm.horizontalAdvance(kSkipLabel);
    const int middle = static_cast<int>((route.from.y() + route.to.y()) / 2);
    return QRect(static_cast<int>(route.x) + 3, middle - length / 2, fm.height(), length);
}

bool DiagramCanvas::eventFilter(QObject* watched, QEvent* event) {
    // A block is laid out after the paint that followed setDesign(): repainting only
    // the blocks' own areas then would leave the gaps, and their arrows, as they were.
    if (event->type() == QEvent::Move || event->type() == QEvent::Resize ||
        event->type() == QEvent::Show || event->type() == QEvent::Hide)
        update();
    return QWidget::eventFilter(watched, event);
}

void DiagramCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QColor ink = palette().color(QPalette::WindowText);
    ink.setAlphaF(0.65f);  // the arrows sit behind the blocks' text in weight
    p.setPen(QPen(ink, 1.5));
    p.setBrush(ink);
    // The main path: input -> node 0 -> node 1 -> ...
    m_paintedArrows = mainArrows();
    for (const QLineF& arrow : m_paintedArrows) {
        p.drawLine(arrow.p1(), arrow.p2() - QPointF(0, 6));
        drawArrowHead(p, arrow.p2(), arrow.p2() - arrow.p1());
    }
    // Bilinear's second input, routed down the right margin so it is never
    // mistaken for the main path.
    const QColor skip = palette().color(QPalette::Link);
    p.setPen(QPen(skip, 1.5, Qt::DashLine));
    p.setBrush(skip);
    for (int k = 0; k < static_cast<int>(m_skips.size()); ++k) {
        const SkipRoute route = skipRoute(k);
        if (route.from.isNull() && route.to.isNull())
            continue;
        const double x = route.x;
        const QPointF a = route.from;
        const QPointF b = route.to;
        QPainterPath path(a);
        path.lineTo(x, a.y());
        path.lineTo(x, b.y());
        path.lineTo(b + QPointF(6, 0));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(skip);
        p.setPen(QPen(skip, 1.5));
        drawArrowHead(p, b, QPointF(-1, 0));
        const QRect label = skipLabelRect(k);
        p.save();
        p.translate(label.left(), label.bottom());
        p.rotate(-90);
        p.drawText(QRect(0, 0, label.height(), label.width()), Qt::AlignCenter, kSkipLabel);
        p.restore();
        p.setPen(QPen(skip, 1.5, Qt::DashLine));
    }
    if (m_dropY >= 0) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 3));
        p.drawLine(8, m_dropY, width() - m_layout->contentsMargins().right(), m_dropY);
    }
    // Where the keys act: a ring around the selected block, or around the whole
    // diagram while nothing is selected.
    if (hasFocus()) {
        const bool onBlock = m_selected >= 0 && m_selected < static_cast<int>(m_blocks.size());
        const QRect ring =
            onBlock ? m_blocks[static_cast<size_t>(m_selected)]->geometry().adjusted(-4, -4, 4, 4)
                    : rect().adjusted(2, 2, -3, -3);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(ring, 8, 8);
    }
}

void DiagramCanvas::keyPressEvent(QKeyEvent* event) {
    const int count = static_cast<int>(m_blocks.size());
    // Some platforms send the arrow keys with the keypad modifier.
    const bool plain = (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    const bool any = m_selected >= 0 && m_selected < count;
    const bool ctrl = (event->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier;
    if (ctrl && any && (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down)) {
        event->accept();
        emit stepRequested(event->key() == Qt::Key_Up ? -1 : 1);
        return;
    }
    if (plain && event->key() == Qt::Key_Insert) {
        event->accept();
        emit addRequested();
        return;
    }
    if (plain && any && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        event->accept();
        emit editRequested();
        return;
    }
    int select = -1;
    switch (plain && count > 0 ? event->key() : Qt::Key_unknown) {
        case Qt::Key_Up:
            select = any ? std::max(0, m_selected - 1) : count - 1;
            break;
        case Qt::Key_Down:
            select = any ? std::min(count - 1, m_selected + 1) : 0;
            break;
        case Qt::Key_Home:
            select = 0;
            break;
        case Qt::Key_End:
            select = count - 1;
            break;
        case Qt::Key_Delete:
        case Qt::Key_Backspace:
            if (any)
                emit removeRequested();
            event->accept();
            return;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    event->accept();
    if (select != m_selected)
        emit selectionRequested(select);
}

void DiagramCanvas::focusInEvent(QFocusEvent* event) {
    QWidget::focusInEvent(event);
    update();
}

void DiagramCanvas::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange)
        updateMargins();
    if (event->type() == QEvent::PaletteChange)
        for (NodeBlock* b : m_blocks)
            b->updateStyle();
    QWidget::changeEvent(event);
}

void DiagramCanvas::focusOutEvent(QFocusEvent* event) {
    QWidget::focusOutEvent(event);
    update();
}

void DiagramCanvas::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(NodeBlock::kMimeType))
        event->acceptProposedAction();
}

void DiagramCanvas::dragMoveEvent(QDragMoveEvent* event) {
    if (!event->mimeData()->hasFormat(NodeBlock::kMimeType))
        return;
    event->acceptProposedAction();
    // A line in the gap where the block would land.
    const int y = event->position().toPoint().y();
    int lineY = m_input->geometry().bottom() + kGap / 2;
    for (NodeBlock* b : m_blocks)
        if (b->geometry().center().y() < y)
            lineY = b->geometry().bottom() + kGap / 2;
    m_dropY = lineY;
    update();
}

void DiagramCanvas::dragLeaveEvent(QDragLeaveEvent*) {
    m_dropY = -1;
    update();
}

void DiagramCanvas::dropEvent(QDropEvent* event) {
    m_dropY = -1;
    update();
    if (!event->mimeData()->hasFormat(NodeBlock::kMimeType))
        return;
    bool ok = false;
    const int from = event->mimeData()->data(NodeBlock::kMimeType).toInt(&ok);
    if (!ok || from < 0 || from >= static_cast<int>(m_blocks.size()))
        return;
    event->acceptProposedAction();
    const int to = dropIndex(from, event->position().toPoint().y());
    if (to != from)
        emit moveRequested(from, to);
}

}  // namespace linearlab::ui
