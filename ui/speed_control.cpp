#include "ui/speed_control.h"

#include <QAction>
#include <QActionGroup>
#include <QSlider>

#include <array>

namespace linearlab::ui {

namespace {

// In steps per second; one past the end is "no limit".
constexpr std::array<double, 10> kSpeeds{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
constexpr std::array<SpeedControl::Preset, 3> kPresets{
    SpeedControl::Preset::Slow, SpeedControl::Preset::Watch, SpeedControl::Preset::Fast};

}  // namespace

int speedStopCount() {
    return static_cast<int>(kSpeeds.size()) + 1;
}

double stepsPerSecondAt(int stop) {
    return stop >= 0 && stop < static_cast<int>(kSpeeds.size()) ? kSpeeds[static_cast<size_t>(stop)]
                                                                : 0.0;
}

QString speedText(int stop) {
    const double limit = stepsPerSecondAt(stop);
    return limit > 0 ? SpeedControl::tr("%1 steps/s").arg(limit) : SpeedControl::tr("no limit");
}

int SpeedControl::stopOf(Preset preset) {
    switch (preset) {
        case Preset::Slow:
            return 3;  // 10 steps/s: every step on screen
        case Preset::Watch:
            return 6;  // 100 steps/s: a few steps a frame
        case Preset::Fast:
            break;
    }
    return speedStopCount() - 1;
}

SpeedControl::SpeedControl(QSlider* slider, QObject* parent)
    : QObject(parent), m_slider(slider), m_group(new QActionGroup(this)) {
    m_group->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    const QString names[] = {tr("Slow"), tr("Watch"), tr("Fast")};
    const QString tips[] = {tr("Slow: %1, one step at a time"), tr("Watch: %1, to see it learn"),
                            tr("Fast: %1, full speed")};
    for (size_t i = 0; i < kPresets.size(); ++i) {
        const Preset preset = kPresets[i];
        auto* a = new QAction(names[i], m_group);
        a->setCheckable(true);
        a->setToolTip(tips[i].arg(speedText(stopOf(preset))));
        a->setObjectName(QStringLiteral("speed%1").arg(names[i]));
        connect(a, &QAction::triggered, this, [this, preset] { setPreset(preset); });
        m_actions << a;
    }
    connect(m_slider, &QSlider::valueChanged, this, &SpeedControl::showStop);
    showStop(stop());
}

QList<QAction*> SpeedControl::actions() const {
    return m_actions;
}

QAction* SpeedControl::action(Preset preset) const {
    return m_actions.at(static_cast<int>(preset));
}

int SpeedControl::stop() const {
    return m_slider->value();
}

void SpeedControl::setStop(int stop) {
    m_slider->setValue(stop);
}

void SpeedControl::showStop(int stop) {
    for (size_t i = 0; i < kPresets.size(); ++i)
        m_actions.at(static_cast<int>(i))->setChecked(stopOf(kPresets[i]) == stop);
}

}  // namespace linearlab::ui
