#pragma once
// Help > Take the Tour: four steps through what a first session does — press
// Train, hover a weight, add a layer, export — each pointing at the widget
// that does it with a ring drawn over the window and a small card beside it
// (Back, Next, Close). A step also ends when the user does what it asks, so
// the tour follows the user rather than the other way round. Nothing blocks:
// the ring lets every click through and the card covers only its own corner.
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QRect>
#include <QString>

class QLabel;
class QPushButton;
class QTimer;
class QWidget;

namespace linearlab::ui {

class MainWindow;

class Tour : public QObject {
    Q_OBJECT

public:
    enum Step { PressTrain, HoverWeight, AddLayer, Export, StepCount };

    explicit Tour(MainWindow* window);
    ~Tour() override;

    void start();
    void next();
    void back();
    void close();

    bool isActive() const { return m_step >= 0; }
    /// The step on screen, or -1 when the tour is not running.
    int step() const { return m_step; }
    /// The widget the step points at (null when it is not on screen).
    QWidget* target() const;
    /// The ring's rectangle, in the window's coordinates (empty without a target).
    QRect highlightRect() const;

    QWidget* card() const { return m_card; }
    QLabel* cardText() const { return m_text; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* backButton() const { return m_back; }
    QPushButton* closeButton() const { return m_close; }

signals:
    void stepChanged(int step);
    /// The last step was done, or the user closed the tour.
    void finished();

private:
    void show(int step);
    void followTarget();
    /// Ends the step when the user has done it.
    void done(int step);
    void watchStep(int step);
    void watchHeatmaps();

    MainWindow* m_window;
    int m_step = -1;
    int m_layersAtStep = 0;
    QWidget* m_ring = nullptr;
    QWidget* m_card = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_close = nullptr;
    QTimer* m_follow = nullptr;
    QList<QMetaObject::Connection> m_watches;
    QList<QPointer<QWidget>> m_hovered;  ///< the heatmaps HoverWeight watches
};

}  // namespace linearlab::ui
