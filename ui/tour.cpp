#include "ui/tour.h"

#include "ui/heatmap_widget.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/training_toolbar.h"
#include "ui/weights_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace linearlab::ui {

namespace {

constexpr int kRingMargin = 4;
constexpr int kRingWidth = 3;

/// The ring around the step's widget: drawn over the window, blind to the mouse.
class TourRing : public QWidget {
public:
    explicit TourRing(QWidget* window) : QWidget(window) {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
    }
    void setRing(const QRect& rect) {
        if (rect == m_rect && geometry() == parentWidget()->rect())
            return;
        m_rect = rect;
        setGeometry(parentWidget()->rect());
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override {
        if (m_rect.isEmpty())
            return;
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(palette().color(QPalette::Highlight), kRingWidth));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(m_rect).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6);
    }

private:
    QRect m_rect;
};

/// The dock that holds `widget`, raised and shown so the step's widget is on screen.
void bringForward(QWidget* widget) {
    for (QWidget* w = widget; w; w = w->parentWidget())
        if (auto* dock = qobject_cast<QDockWidget*>(w)) {
            dock->show();
            dock->raise();
            return;
        }
}

}  // namespace

Tour::Tour(MainWindow* window) : QObject(window), m_window(window) {
    m_ring = new TourRing(window);
    m_ring->hide();

    auto* card = new QFrame(window);
    card->setObjectName(QStringLiteral("tourCard"));
    card->setFrameShape(QFrame::StyledPanel);
    card->setFrameShadow(QFrame::Raised);
    card->setAutoFillBackground(true);
    card->setBackgroundRole(QPalette::ToolTipBase);
    card->setFixedWidth(340);
    auto* layout = new QVBoxLayout(card);
    m_title = new QLabel;
    m_text = new QLabel;
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    for (QLabel* l : {m_title, m_text})
        l->setForegroundRole(QPalette::ToolTipText);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    auto* buttons = new QHBoxLayout;
    m_back = new QPushButton(tr("Back"));
    m_next = new QPushButton(tr("Next"));
    m_close = new QPushButton(tr("Close"));
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    layout->addLayout(buttons);
    m_card = card;
    m_card->hide();

    connect(m_back, &QPushButton::clicked, this, &Tour::back);
    connect(m_next, &QPushButton::clicked, this, &Tour::next);
    connect(m_close, &QPushButton::clicked, this, &Tour::close);
    // Docks move and resize under the ring; a light poll keeps it on its widget.
    m_follow = new QTimer(this);
    m_follow->setInterval(150);
    connect(m_follow, &QTimer::timeout, this, &Tour::followTarget);
}

Tour::~Tour() {
    for (const auto& c : m_watches)
        disconnect(c);
}

void Tour::start() {
    show(PressTrain);
}

void Tour::next() {
    if (m_step + 1 < StepCount)
        show(m_step + 1);
    else
        close();
}

void Tour::back() {
    if (m_step > 0)
        show(m_step - 1);
}

void Tour::close() {
    if (!isActive())
        return;
    for (const auto& c : m_watches)
        disconnect(c);
    m_watches.clear();
    m_step = -1;
    m_follow->stop();
    m_ring->hide();
    m_card->hide();
    emit stepChanged(-1);
    emit finished();
}

QWidget* Tour::target() const {
    QWidget* w = nullptr;
    switch (m_step) {
        case PressTrain:
            w = m_window->trainingToolBar()->trainButton();
            break;
        case HoverWeight: {
            const std::vector<HeatmapWidget*> maps = m_window->weightsPanel()->heatmaps();
            w = maps.empty() ? static_cast<QWidget*>(m_window->weightsPanel()) : maps.front();
            break;
        }
        case AddLayer:
            w = m_window->diagram()->addButton();
            break;
        case Export:
            w = m_window->trainingToolBar()->buttonFor(m_window->exportWeightsAction());
            break;
        default:
            break;
    }
    // A floating dock is a window of its own: the ring cannot reach it.
    return w && w->isVisible() && w->window() == m_window ? w : nullptr;
}

QRect Tour::highlightRect() const {
    QWidget* w = target();
    if (!w)
        return {};
    // The part on screen: a heatmap in a scroll area is clipped by its viewport.
    QRect r = w->visibleRegion().boundingRect();
    if (r.isEmpty())
        r = w->rect();
    r.translate(w->mapTo(m_window, QPoint(0, 0)));
    const int pad = kRingMargin + kRingWidth;
    return r.adjusted(-pad, -pad, pad, pad).intersected(m_window->rect());
}

void Tour::show(int step) {
    for (const auto& c : m_watches)
        disconnect(c);
    m_watches.clear();
    m_step = step;
    const QString train = m_window->trainAction()->shortcut().toString(QKeySequence::NativeText);
    switch (step) {
        case PressTrain:
            m_title->setText(tr("<b>1. Train</b>"));
            m_text->setText(tr("Press <b>Train</b> (%1). The loss falls in the Loss chart and "
                               "the weights change in the heatmap; press it again to pause.")
                                .arg(train));
            break;
        case HoverWeight:
            m_title->setText(tr("<b>2. Read a weight</b>"));
            m_text->setText(
                tr("Hover a cell of the weight heatmap: row j, column i is A[j, i], "
                   "the weight from input i to output j."));
            break;
        case AddLayer:
            m_title->setText(tr("<b>3. Add a layer</b>"));
            m_text->setText(
                tr("<b>Add layer</b> appends a layer to the network; its shapes "
                   "follow from the layer before it."));
            break;
        case Export:
            m_title->setText(tr("<b>4. Export</b>"));
            m_text->setText(
                tr("<b>Export Weights</b> writes the trained weights for PyTorch "
                   "(.pt, .safetensors, .npz); File &gt; Export PyTorch Code writes "
                   "the model as a script."));
            break;
        default:
            break;
    }
    m_back->setEnabled(step > 0);
    m_next->setText(step + 1 < StepCount ? tr("Next") : tr("Done"));
    if (step == HoverWeight)
        bringForward(m_window->weightsPanel());
    watchStep(step);
    m_ring->show();
    m_card->show();
    m_ring->raise();
    m_card->raise();
    followTarget();
    m_follow->start();
    emit stepChanged(step);
}

void Tour::watchStep(int step) {
    switch (step) {
        case PressTrain:
            m_watches << connect(m_window->trainAction(), &QAction::triggered, this,
                                 [this] { done(PressTrain); });
            break;
        case HoverWeight:
            m_hovered.clear();
            watchHeatmaps();
            break;
        case AddLayer:
            m_layersAtStep = static_cast<int>(m_window->design().layers.size());
            m_watches << connect(m_window, &MainWindow::designChanged, this,
                                 [this](const train::Design& d) {
                                     if (static_cast<int>(d.layers.size()) > m_layersAtStep)
                                         done(AddLayer);
                                 });
            break;
        case Export:
            for (QAction* a : {m_window->exportWeightsAction(), m_window->exportCodeAction()})
                m_watches << connect(a, &QAction::triggered, this, [this] { done(Export); });
            break;
        default:
            break;
    }
}

void Tour::done(int step) {
    // Queued: the action that ended the step finishes (a file dialog opens)
    // before the card moves on.
    QTimer::singleShot(0, this, [this, step] {
        if (m_step == step)
            next();
    });
}

void Tour::watchHeatmaps() {
    // The Weights view makes new heatmaps for a new network: watch those too.
    for (HeatmapWidget* map : m_window->weightsPanel()->heatmaps()) {
        if (m_hovered.contains(map))
            continue;
        m_hovered << map;
        m_watches << connect(map, &HeatmapWidget::cellHovered, this, [this] { done(HoverWeight); });
    }
}

void Tour::followTarget() {
    if (!isActive())
        return;
    if (m_step == HoverWeight)
        watchHeatmaps();
    const QRect ring = highlightRect();
    static_cast<TourRing*>(m_ring)->setRing(ring);
    m_card->adjustSize();
    const QSize size = m_card->size();
    const QRect area = m_window->rect().adjusted(8, 8, -8, -8);
    QPoint at;
    if (ring.isEmpty()) {
        at = QPoint(area.center().x() - size.width() / 2, area.top() + 60);
    } else {
        // Below the widget when it fits, else above it; never off the window.
        at = QPoint(ring.left(), ring.bottom() + 8);
        if (at.y() + size.height() > area.bottom())
            at.setY(ring.top() - 8 - size.height());
    }
    at.setX(std::clamp(at.x(), area.left(), std::max(area.left(), area.right() - size.width())));
    at.setY(std::clamp(at.y(), area.top(), std::max(area.top(), area.bottom() - size.height())));
    m_card->move(at);
}

}  // namespace linearlab::ui
