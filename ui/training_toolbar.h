#pragma once
// The window's toolbar: files, undo, the big Train/Pause button with Step and
// Reset, the speed presets and Export Weights. Every button keeps its width
// whatever happens: Undo and Redo show a fixed "Undo"/"Redo" (the edit's name
// is in their tooltip and in the Edit menu), and Train is as wide as its
// widest text, so the buttons after it never move while the user edits,
// undoes or trains.
#include <QString>
#include <QToolBar>

class QAction;
class QSlider;
class QToolButton;

namespace linearlab::ui {

class SpeedControl;
class TrainingController;

class TrainingToolBar : public QToolBar {
    Q_OBJECT

public:
    /// The actions the toolbar shows, in its order (each owned by the window).
    struct Actions {
        QAction* open;
        QAction* save;
        QAction* undo;
        QAction* redo;
        QAction* train;
        QAction* step;
        QAction* reset;
        QAction* exportWeights;
    };

    /// `speedSlider` is the settings panel's Speed slider, which the presets set.
    TrainingToolBar(const Actions& actions, TrainingController* controller, QSlider* speedSlider,
                    QWidget* parent = nullptr);

    /// The Train action's text: "Pause" while training, else "Train".
    static QString trainText(bool running);

    QToolButton* buttonFor(QAction* action) const;
    QToolButton* trainButton() const { return buttonFor(m_actions.train); }
    SpeedControl* speedControl() const { return m_speed; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateIcons();

    Actions m_actions;
    TrainingController* m_controller = nullptr;
    SpeedControl* m_speed = nullptr;
};

}  // namespace linearlab::ui
