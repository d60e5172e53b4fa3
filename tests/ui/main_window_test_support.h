#pragma once
// Helpers shared by the MainWindow tests (tst_main_window, tst_main_window_editing,
// tst_main_window_keyboard, tst_main_window_files).
#include "core/train/design.h"
#include "tests/core/train/design_test_support.h"
#include "ui/main_window.h"
#include "ui/settings_panel.h"
#include "ui/training_controller.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMutex>
#include <QMutexLocker>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QTimer>
#include <QtGlobal>

#include <memory>

namespace linearlab::test {

inline nn::LayerSpec layer(const char* type, nn::Index in = 0, nn::Index out = 0) {
    nn::LayerSpec s;
    s.type = type;
    s.in_features = in;
    s.out_features = out;
    return s;
}

/// The seed example, training without an epoch limit so it never stops on its own.
inline train::Design endless() {
    train::Design d = train::seedExampleDesign();
    d.train.epochs = 0;
    return d;
}

inline nn::Index shownStep(ui::MainWindow& w) {
    const ui::SnapshotPtr s = w.controller()->latestSnapshot();
    return s ? s->step : -1;
}

/// True once the snapshot on screen acknowledges the last command the window
/// sent: it shows what the loop did after applying that command.
inline bool acknowledged(ui::MainWindow& w) {
    const ui::SnapshotPtr s = w.controller()->latestSnapshot();
    return s && s->acknowledgedCommand >= w.controller()->lastCommand();
}

/// Sends a command that changes nothing (the rate limit the loop already has)
/// and waits for its acknowledgement, so that the snapshot on screen shows all
/// the loop did after every earlier command. `timeoutMs` is only a bound.
inline bool syncWithLoop(ui::MainWindow& w, int timeoutMs = 5000) {
    ui::TrainingController* c = w.controller();
    c->setMaxStepsPerSecond(c->maxStepsPerSecond());
    return QTest::qWaitFor([&] { return acknowledged(w); }, timeoutMs);
}

/// Presses Step `steps` times and waits until the window shows the last one
/// and the loop has acknowledged every press.
inline bool stepTimes(ui::MainWindow& w, int steps) {
    const nn::Index target = shownStep(w) + steps;
    for (int i = 0; i < steps; ++i)
        w.stepAction()->trigger();
    return QTest::qWaitFor([&] { return shownStep(w) == target && acknowledged(w); }, 10000);
}

/// The settings field whose form label reads `label`, if its row is shown.
inline QWidget* settingsField(ui::MainWindow& w, const QString& label) {
    for (auto* form : w.settingsPanel()->findChildren<QFormLayout*>())
        for (int row = 0; row < form->rowCount(); ++row) {
            auto* l = form->itemAt(row, QFormLayout::LabelRole);
            auto* f = form->itemAt(row, QFormLayout::FieldRole);
            auto* text = l ? qobject_cast<QLabel*>(l->widget()) : nullptr;
            if (text && f && text->text() == label)
                return form->isRowVisible(row) ? f->widget() : nullptr;
        }
    return nullptr;
}

/// What a user saw in the message box they answered.
struct Answered {
    bool asked = false;
    QString text;  ///< the box's text, then its informative text
};

/// Answers the next message box that opens within `timeoutMs` by clicking
/// `button`, as a user would. Call it before the action that asks; the
/// returned record says whether a box opened and what it said.
inline std::shared_ptr<Answered> answerNextMessageBox(QMessageBox::StandardButton button,
                                                      int timeoutMs = 5000) {
    auto answered = std::make_shared<Answered>();
    auto* timer = new QTimer;
    auto* deadline = new QTimer(timer);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, timer, &QObject::deleteLater);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, answered] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || !box->button(button))
            return;
        answered->asked = true;
        answered->text = box->text() + QLatin1Char('\n') + box->informativeText();
        timer->stop();
        timer->deleteLater();
        box->button(button)->click();
    });
    timer->start(10);
    deadline->start(timeoutMs);
    return answered;
}

/// While it lives, answers every message box with `button`, as a user who
/// always clicks it would (the stress tests press Reset hundreds of times).
class AlwaysAnswer {
public:
    explicit AlwaysAnswer(QMessageBox::StandardButton button) {
        QObject::connect(&m_timer, &QTimer::timeout, [this, button] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (box && box->button(button)) {
                ++m_count;
                box->button(button)->click();
            }
        });
        m_timer.start(5);
    }
    int count() const { return m_count; }

private:
    QTimer m_timer;
    int m_count = 0;
};

/// Collects Qt's "Ambiguous shortcut" warnings: a key sequence bound twice in the
/// window then triggers nothing at all, and Qt says so only in this warning. Every
/// message still reaches the handler that was installed before (QtTest's log).
class AmbiguousShortcutWatch {
public:
    /// From now on (call it in initTestCase, after QtTest has installed its handler).
    static void install() { previous() = qInstallMessageHandler(&handle); }
    /// Back to the previous handler (in cleanupTestCase, before QtTest restores its own).
    static void uninstall() { qInstallMessageHandler(previous()); }
    /// The warnings since the last call.
    static QStringList take() {
        QMutexLocker lock(&mutex());
        QStringList taken;
        taken.swap(messages());
        return taken;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message) {
        if (message.contains(QLatin1String("Ambiguous shortcut"))) {
            QMutexLocker lock(&mutex());
            messages() << message;
        }
        if (QtMessageHandler next = previous())
            next(type, context, message);
    }
    static QtMessageHandler& previous() {
        static QtMessageHandler handler = nullptr;
        return handler;
    }
    static QStringList& messages() {
        static QStringList list;
        return list;
    }
    static QMutex& mutex() {
        static QMutex m;
        return m;
    }
};

}  // namespace linearlab::test
