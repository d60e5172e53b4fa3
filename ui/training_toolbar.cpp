#include "ui/training_toolbar.h"

#include "ui/speed_control.h"
#include "ui/training_controller.h"

#include <QAbstractButton>
#include <QAction>
#include <QEvent>
#include <QFontMetrics>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPolygonF>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace linearlab::ui {

namespace {

/// The desktop theme's icon, or Qt's own where the theme has none.
QIcon icon(const QWidget* widget, const char* themeName, QStyle::StandardPixmap fallback) {
    return QIcon::fromTheme(QString::fromLatin1(themeName),
                            widget->style()->standardIcon(fallback));
}

enum class Glyph { Play, Pause, Step };

/// Play, pause and step drawn in the palette's text colour: Qt's own media
/// icons are black, which a dark theme hides.
QIcon glyph(Glyph g, const QColor& color) {
    constexpr int kSize = 48;
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    const auto at = [](double x, double y) { return QPointF(x * kSize, y * kSize); };
    const auto bar = [](double x, double width) {
        return QRectF(x * kSize, 0.2 * kSize, width * kSize, 0.6 * kSize);
    };
    switch (g) {
        case Glyph::Play:
            p.drawPolygon(QPolygonF({at(0.28, 0.18), at(0.82, 0.5), at(0.28, 0.82)}));
            break;
        case Glyph::Pause:
            p.drawRect(bar(0.24, 0.18));
            p.drawRect(bar(0.58, 0.18));
            break;
        case Glyph::Step:
            p.drawPolygon(QPolygonF({at(0.18, 0.2), at(0.6, 0.5), at(0.18, 0.8)}));
            p.drawRect(bar(0.64, 0.14));
            break;
    }
    return QIcon(pixmap);
}

QIcon themedOr(const char* themeName, const QIcon& fallback) {
    return QIcon::fromTheme(QString::fromLatin1(themeName), fallback);
}

}  // namespace

QString TrainingToolBar::trainText(bool running) {
    return running ? tr("Pause") : tr("Train");
}

TrainingToolBar::TrainingToolBar(const Actions& actions, TrainingController* controller,
                                 QSlider* speedSlider, QWidget* parent)
    : QToolBar(tr("Training"), parent), m_actions(actions) {
    setObjectName(QStringLiteral("trainingToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // Qt's ">>" button, shown when the window is too narrow for every tool, has no name.
    if (auto* more = findChild<QAbstractButton*>(QStringLiteral("qt_toolbar_ext_button"))) {
        more->setAccessibleName(tr("More tools"));
        more->setToolTip(tr("More tools"));
    }
    actions.open->setIcon(icon(this, "document-open", QStyle::SP_DialogOpenButton));
    actions.save->setIcon(icon(this, "document-save", QStyle::SP_DialogSaveButton));
    // The menu's text names the edit ("Undo Change learning rate"), and so does the
    // tooltip, which follows the text; the button shows the fixed icon text.
    actions.undo->setIconText(tr("Undo"));
    actions.undo->setIcon(icon(this, "edit-undo", QStyle::SP_ArrowBack));
    actions.redo->setIconText(tr("Redo"));
    actions.redo->setIcon(icon(this, "edit-redo", QStyle::SP_ArrowForward));
    actions.reset->setIcon(icon(this, "view-refresh", QStyle::SP_BrowserReload));
    actions.exportWeights->setIcon(icon(this, "document-export", QStyle::SP_DialogSaveButton));
    m_controller = controller;
    updateIcons();
    connect(controller, &TrainingController::runningChanged, this, &TrainingToolBar::updateIcons);

    addAction(actions.open);
    addAction(actions.save);
    addSeparator();
    addAction(actions.undo);
    addAction(actions.redo);
    addSeparator();
    addAction(actions.train);
    addAction(actions.step);
    addAction(actions.reset);
    addSeparator();
    auto* speedLabel = new QLabel(tr("Speed:"), this);
    speedLabel->setContentsMargins(4, 0, 2, 0);
    addWidget(speedLabel);
    m_speed = new SpeedControl(speedSlider, this);
    for (QAction* a : m_speed->actions()) {
        addAction(a);
        buttonFor(a)->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    // Until now the loop ran at its own default, no limit.
    controller->setMaxStepsPerSecond(m_speed->maxStepsPerSecond());
    addSeparator();
    addAction(actions.exportWeights);

    // The primary action: larger, bold, and as wide as its widest text.
    QToolButton* train = trainButton();
    train->setObjectName(QStringLiteral("trainButton"));
    QFont font = train->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.25);
    train->setFont(font);
    train->setIconSize(iconSize() * 1.5);
    const QFontMetrics metrics(font);
    const int text = std::max(metrics.horizontalAdvance(trainText(false)),
                              metrics.horizontalAdvance(trainText(true)));
    train->setFixedWidth(train->sizeHint().width() - metrics.horizontalAdvance(train->text()) +
                         text + 16);
}

void TrainingToolBar::updateIcons() {
    const QColor text = palette().color(QPalette::ButtonText);
    m_actions.train->setIcon(m_controller->isRunning()
                                 ? themedOr("media-playback-pause", glyph(Glyph::Pause, text))
                                 : themedOr("media-playback-start", glyph(Glyph::Play, text)));
    m_actions.step->setIcon(themedOr("media-skip-forward", glyph(Glyph::Step, text)));
}

void TrainingToolBar::changeEvent(QEvent* event) {
    QToolBar::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();  // the glyphs follow the theme's text colour
}

QToolButton* TrainingToolBar::buttonFor(QAction* action) const {
    return qobject_cast<QToolButton*>(widgetForAction(action));
}

}  // namespace linearlab::ui
