// MainWindow's status bar text, apart from main_window.cpp to keep that file
// to the window's construction and its document.
#include "ui/main_window.h"

#include <cmath>

namespace linearlab::ui {

namespace {

QString number(double v) {
    if (std::isnan(v))
        return QStringLiteral("-");
    return QString::number(v, 'g', 5);
}

}  // namespace

QString MainWindow::statusText() const {
    const SnapshotPtr s = m_controller->latestSnapshot();
    if (!s)
        return {};
    // A rate describes training; paused, the loop makes none.
    if (!m_controller->isRunning())
        return tr("epoch %1  step %2  loss %3")
            .arg(s->epoch)
            .arg(s->step)
            .arg(number(s->trainLoss));
    return tr("epoch %1  step %2  loss %3  %4 steps/s")
        .arg(s->epoch)
        .arg(s->step)
        .arg(number(s->trainLoss))
        .arg(QString::number(s->stepsPerSecond, 'f', 0));
}

}  // namespace linearlab::ui
