// linearlab [FILE] [--train] [--screenshot PATH [--after SECONDS]]
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("LinearLab"));
    QApplication::setApplicationName(QStringLiteral("LinearLab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A desktop lab for torch.nn.Linear and its family."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("a design (*.linearlab.json) or weights file"));
    parser.addOption({QStringLiteral("train"), QStringLiteral("start training at once")});
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("save a PNG of the window to PATH, then quit"),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("after"),
                      QStringLiteral("with --screenshot: wait SECONDS first (default 0.5)"),
                      QStringLiteral("SECONDS")});
    parser.process(app);

    linearlab::ui::MainWindow window;
    const QString screenshot = parser.value(QStringLiteral("screenshot"));
    if (!screenshot.isEmpty()) {
        // The same picture on every machine, and the user's own layout left alone.
        window.resize(1500, 940);
        window.resetLayout();
        window.setSaveLayoutOnClose(false);
    }
    // Without FILE the window shows the seed example, Linear(20, 40) on teacher data.
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        QString error;
        if (!window.openFile(files.first(), &error, !screenshot.isEmpty()) && !screenshot.isEmpty())
            std::fprintf(stderr, "linearlab: %s\n", qPrintable(error));
    }
    window.show();
    if (parser.isSet(QStringLiteral("train")))
        window.controller()->start();

    if (!screenshot.isEmpty()) {
        bool ok = true;
        const double after = parser.isSet(QStringLiteral("after"))
                                 ? parser.value(QStringLiteral("after")).toDouble(&ok)
                                 : 0.5;
        if (!ok || after < 0) {
            std::fprintf(stderr, "linearlab: --after: expected seconds, got '%s'\n",
                         qPrintable(parser.value(QStringLiteral("after"))));
            return 2;
        }
        QTimer::singleShot(static_cast<int>(after * 1000), &window, [&] {
            window.controller()->pollNow();  // the latest numbers on screen
            QApplication::processEvents();
            const bool saved = window.grab().save(screenshot);
            if (!saved)
                std::fprintf(stderr, "linearlab: cannot write %s\n", qPrintable(screenshot));
            window.close();
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
