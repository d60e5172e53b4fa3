#pragma once
// How fast training may run, as the user sets it: the stops of the settings
// panel's Speed slider (steps per second, the last one "no limit") and the
// toolbar's Slow / Watch / Fast presets over the same stops. The slider's value
// is the one setting; the presets move it and show which preset it is at, so
// the two never disagree. Speed is a view setting: it changes how often the
// loop may step, never what a step computes, so it is not part of the design
// file. Like the rest of the view it starts at its default each run (Watch:
// the seed example's 350 steps take about 3.5 s, so the loss is seen to fall).
#include <QList>
#include <QObject>
#include <QString>

class QAction;
class QActionGroup;
class QSlider;

namespace linearlab::ui {

/// The slider's stops; the last one is "no limit".
int speedStopCount();
/// Stop -> steps per second; 0 for no limit.
double stepsPerSecondAt(int stop);
/// "100 steps/s", or "no limit".
QString speedText(int stop);

class SpeedControl : public QObject {
    Q_OBJECT

public:
    enum class Preset { Slow, Watch, Fast };
    /// The stop each preset sets.
    static int stopOf(Preset preset);
    /// Where a fresh window starts.
    static int defaultStop() { return stopOf(Preset::Watch); }

    /// Keeps `slider` (the settings panel's) and the preset actions in step.
    explicit SpeedControl(QSlider* slider, QObject* parent = nullptr);

    /// Slow, Watch, Fast: checkable, exclusive; none is checked at a stop no
    /// preset has.
    QList<QAction*> actions() const;
    QAction* action(Preset preset) const;

    int stop() const;
    void setStop(int stop);
    void setPreset(Preset preset) { setStop(stopOf(preset)); }
    double maxStepsPerSecond() const { return stepsPerSecondAt(stop()); }

private:
    void showStop(int stop);

    QSlider* m_slider;
    QActionGroup* m_group;
    QList<QAction*> m_actions;
};

}  // namespace linearlab::ui
