#include "ui/training_toolbar.h"

#include "ui/speed_control.h"
#include "ui/training_controller.h"

#include <QAction>
#include <QFontMetrics>
#include <QIcon>
#include <QLabel>
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

}  // namespace

QString TrainingToolBar::trainText(bool running) {
    return running ? tr("Pause") : tr("Train");
}

TrainingToolBar::TrainingToolBar(const Actions& actions, TrainingController* controller,
                                 QSlider* speedSlider, QWidget* parent)
    : QToolBar(tr("Training"), parent), m_actions(actions) {
    setObjectName(QStringLiteral("trainingToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    actions.open->setIcon(icon(this, "document-open", QStyle::SP_DialogOpenButton));
    actions.save->setIcon(icon(this, "document-save", QStyle::SP_DialogSaveButton));
    // The menu's text names the edit ("Undo Change learning rate"), and so does the
    // tooltip, which follows the text; the button shows the fixed icon text.
    actions.undo->setIconText(tr("Undo"));
    actions.undo->setIcon(icon(this, "edit-undo", QStyle::SP_ArrowBack));
    actions.redo->setIconText(tr("Redo"));
    actions.redo->setIcon(icon(this, "edit-redo", QStyle::SP_ArrowForward));
    actions.step->setIcon(icon(this, "media-skip-forward", QStyle::SP_MediaSkipForward));
    actions.reset->setIcon(icon(this, "view-refresh", QStyle::SP_BrowserReload));
    actions.exportWeights->setIcon(icon(this, "document-export", QStyle::SP_DialogSaveButton));
    const auto showRunning = [this, train = actions.train](bool running) {
        train->setIcon(running ? icon(this, "media-playback-pause", QStyle::SP_MediaPause)
                               : icon(this, "media-playback-start", QStyle::SP_MediaPlay));
    };
    showRunning(controller->isRunning());
    connect(controller, &TrainingController::runningChanged, this, showRunning);

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

QToolButton* TrainingToolBar::buttonFor(QAction* action) const {
    return qobject_cast<QToolButton*>(widgetForAction(action));
}

}  // namespace linearlab::ui
