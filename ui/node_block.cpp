#include "ui/node_block.h"

#include "ui/color_map.h"
#include "ui/theme.h"

#include <QApplication>
#include <QDrag>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QMouseEvent>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace linearlab::ui {

const char* const NodeBlock::kMimeType = "application/x-linearlab-node";

NodeBlock::NodeBlock(int index, const NodeInfo& info, QWidget* parent)
    : QFrame(parent), m_index(index), m_hasError(!info.error.isEmpty()) {
    setObjectName(QStringLiteral("nodeBlock%1").arg(index));
    setAccessibleName(tr("Node %1: %2").arg(index).arg(info.repr));
    setAccessibleDescription(info.error.isEmpty() ? info.shape : info.error);
    setFrameShape(QFrame::StyledPanel);
    setCursor(Qt::OpenHandCursor);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 5, 8, 5);
    layout->setSpacing(2);

    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF());  // as large as the text beside it
    m_reprText = QStringLiteral("(%1): %2").arg(index).arg(info.repr);
    m_repr = new QLabel(breakableRepr(m_reprText), this);
    m_repr->setFont(mono);
    m_repr->setWordWrap(true);
    m_repr->setTextInteractionFlags(Qt::NoTextInteraction);
    layout->addWidget(m_repr);

    auto* row = new QHBoxLayout;
    m_shape =
        new QLabel(info.shape.isEmpty() ? tr("output ?") : tr("output %1").arg(info.shape), this);
    m_shape->setObjectName(QStringLiteral("shapeLabel"));
    // The count picks the plural form (one param, 2 params); it is shown in full by %L1.
    const int pluralCount = static_cast<int>(std::min<int64_t>(info.parameters, INT_MAX));
    m_params = new QLabel(tr("%L1 params", nullptr, pluralCount).arg(info.parameters), this);
    m_params->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    row->addWidget(m_shape);
    row->addStretch(1);
    row->addWidget(m_params);
    layout->addLayout(row);

    m_error = new QLabel(info.error, this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setVisible(m_hasError);
    layout->addWidget(m_error);

    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("collapseBadge"));
    m_badge->setWordWrap(true);
    m_badge->setToolTip(
        tr("No nonlinearity between these nodes: together they compute one "
           "Linear, W = W₂W₁, b = W₂b₁ + b₂ "
           "(linearlab-cli collapse writes it)"));
    m_badge->setVisible(false);
    layout->addWidget(m_badge);
    updateStyle();
}

void NodeBlock::setCollapseBadge(const QString& text) {
    m_badge->setText(text);
    m_badge->setVisible(!text.isEmpty());
}

QString NodeBlock::collapseBadgeText() const {
    return m_badge->isHidden() ? QString() : m_badge->text();
}

QString NodeBlock::breakableRepr(const QString& repr) {
    // Word wrap breaks only at spaces, and a repr such as
    // "NonDynamicallyQuantizableLinear(in_features=2," has none for 47 characters:
    // it would run out of its block. Zero-width spaces after "(" and "=" and between
    // the words of a CamelCase name let it wrap there without changing what it reads.
    QString out;
    out.reserve(repr.size() + repr.size() / 4);
    for (qsizetype i = 0; i < repr.size(); ++i) {
        const QChar c = repr[i];
        if (i > 0 && c.isUpper() && repr[i - 1].isLower())
            out += QChar(0x200B);
        out += c;
        if (c == QLatin1Char('(') || c == QLatin1Char('='))
            out += QChar(0x200B);
    }
    return out;
}

QString NodeBlock::reprText() const {
    return m_reprText;
}

QLabel* NodeBlock::reprLabel() const {
    return m_repr;
}
QString NodeBlock::shapeText() const {
    return m_shape->text();
}
QString NodeBlock::parametersText() const {
    return m_params->text();
}
QString NodeBlock::errorText() const {
    return m_hasError ? m_error->text() : QString();
}

void NodeBlock::setSelected(bool selected) {
    m_selected = selected;
    updateStyle();
}

QColor NodeBlock::fillColor() const {
    const QPalette pal = themePalette();
    const QColor base = pal.color(QPalette::Base);
    if (m_hasError)
        return Theme::mix(base, Theme::errorColor(pal), 0.12);
    return m_selected ? Theme::mix(base, pal.color(QPalette::Highlight), 0.18) : base;
}

QPalette NodeBlock::themePalette() const {
    // The style sheet below rewrites this block's own palette, so the colours come
    // from the application's, which View > Theme sets.
    return QApplication::palette(this);
}

void NodeBlock::updateStyle() {
    const QPalette pal = themePalette();
    const QColor error = Theme::errorColor(pal);
    const QColor border =
        m_hasError ? error
                   : (m_selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid));
    const QColor badge = Theme::mix(pal.color(QPalette::Base), QColor(ColorMap::classColor(6)),
                                    0.3);  // a purple tint
    const QString sheet =
        QStringLiteral(
            "linearlab--ui--NodeBlock { border: %1px solid %2; "
            "border-radius: 6px; background: %3; } "
            "QLabel { color: %4; } QLabel#errorLabel { color: %5; font-weight: bold; } "
            "QLabel#collapseBadge { background: %6; border-radius: 4px; "
            "padding: 1px 4px; }")
            .arg(m_selected ? 2 : 1)
            .arg(border.name(), fillColor().name(), pal.color(QPalette::Text).name(), error.name(),
                 badge.name());
    if (styleSheet() != sheet)  // each set repolishes the block and its labels
        setStyleSheet(sheet);
}

void NodeBlock::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        emit clicked(m_index);
    }
    QFrame::mousePressEvent(event);
}

void NodeBlock::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton) ||
        (event->position().toPoint() - m_pressPos).manhattanLength() <
            QApplication::startDragDistance())
        return;
    auto* mime = new QMimeData;
    mime->setData(kMimeType, QByteArray::number(m_index));
    auto* drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->setPixmap(grab());
    drag->setHotSpot(m_pressPos);
    drag->exec(Qt::MoveAction);
}

}  // namespace linearlab::ui
