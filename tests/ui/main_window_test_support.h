#pragma once
// Helpers shared by the MainWindow tests (tst_main_window, tst_main_window_files).
#include "core/train/design.h"
#include "tests/core/train/design_test_support.h"
#include "ui/main_window.h"
#include "ui/training_controller.h"

#include <QMutex>
#include <QMutexLocker>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QtGlobal>

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
