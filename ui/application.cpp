#include "ui/application.h"

#include "core/io/design_file.h"
#include "ui/app_version.h"
#include "ui/document_controller.h"
#include "ui/gui_benchmark.h"
#include "ui/help_menu.h"
#include "ui/language.h"
#include "ui/learn_panel.h"
#include "ui/main_window.h"
#include "ui/preferences_dialog.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace linearlab::ui {

namespace {

void addOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(
        QStringLiteral("A desktop lab for torch.nn.Linear and its family."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("a project (*.linearlab), design (*.linearlab.json) or weights file"));
    parser.addOption({QStringLiteral("train"), QStringLiteral("start training at once")});
    parser.addOption({QStringLiteral("steps"),
                      QStringLiteral("take N single optimizer steps, one every 0.25 s, as "
                                     "Train > Step does (for --show step)"),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("save a PNG of the window to PATH, then quit"),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("show"),
                      QStringLiteral("open the Learn dock at the lesson NAME (explainer, init, "
                                     "step, geometry, neurons, collapse), or show the "
                                     "welcome panel or the tour (welcome, tour)"),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("after"),
                      QStringLiteral("with --screenshot: wait SECONDS first (default 0.5)"),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("size"),
                      QStringLiteral("with --screenshot: the window's size, e.g. 1024x700 "
                                     "(default 1500x940)"),
                      QStringLiteral("WxH")});
    parser.addOption({QStringLiteral("theme"),
                      QStringLiteral("use the theme NAME (system, light, dark) for this run, "
                                     "leaving View > Theme's choice as it is"),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("language"),
                      QStringLiteral("show the window in LANG (system, en, zh_CN) for this run, "
                                     "leaving View > Language's choice as it is"),
                      QStringLiteral("LANG")});
    parser.addOption({QStringLiteral("benchmark"),
                      QStringLiteral("train FILE (default: the seed example) for SECONDS with "
                                     "every view on screen and for SECONDS headless; print "
                                     "steps/s of both as JSON, then quit"),
                      QStringLiteral("SECONDS")});
}

/// --benchmark SECONDS [FILE]: GUI against headless steps/s, one JSON line.
int runBenchmark(const QCommandLineParser& parser) {
    bool ok = false;
    const double seconds = parser.value(QStringLiteral("benchmark")).toDouble(&ok);
    if (!ok || seconds <= 0) {
        std::fprintf(stderr, "linearlab: --benchmark: expected seconds, got '%s'\n",
                     qPrintable(parser.value(QStringLiteral("benchmark"))));
        return 2;
    }
    train::Design design = train::seedExampleDesign();
    QString name = QStringLiteral("seed");
    if (!parser.positionalArguments().isEmpty()) {
        const QString path = parser.positionalArguments().first();
        try {
            design = io::readDesignFile(path);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "linearlab: %s\n", e.what());
            return 1;
        }
        name = QFileInfo(path).fileName();
    }
    const auto result = runGuiBenchmark(design, name, seconds);
    std::printf("%s\n", qPrintable(result.toJson()));
    return result.error.isEmpty() ? 0 : 1;
}

/// --screenshot PATH [--after SECONDS]: saves the window after SECONDS, then quits.
/// False (after saying why) for a bad --after.
bool scheduleScreenshot(MainWindow& window, const QCommandLineParser& parser,
                        const QString& screenshot) {
    bool ok = true;
    const double after = parser.isSet(QStringLiteral("after"))
                             ? parser.value(QStringLiteral("after")).toDouble(&ok)
                             : 0.5;
    if (!ok || after < 0) {
        std::fprintf(stderr, "linearlab: --after: expected seconds, got '%s'\n",
                     qPrintable(parser.value(QStringLiteral("after"))));
        return false;
    }
    QTimer::singleShot(static_cast<int>(after * 1000), &window, [&window, screenshot] {
        window.controller()->pollNow();  // the latest numbers on screen
        QApplication::processEvents();
        // The screen's own pixels where the platform gives them: QWidget::grab()
        // renders the widgets again and has drawn a scroll area's content at stale
        // positions (the Weights view's boxes overlapping) that the screen never showed.
        // A window larger than its screen has no pixels past the screen's edge.
        const bool onScreen = window.screen()->geometry().contains(window.geometry());
        QPixmap shot = onScreen ? window.screen()->grabWindow(window.winId()) : QPixmap();
        if (shot.isNull() || shot.size() != window.size() * shot.devicePixelRatio())
            shot = window.grab();
        const bool saved = shot.save(screenshot);
        if (!saved)
            std::fprintf(stderr, "linearlab: cannot write %s\n", qPrintable(screenshot));
        // What --train or --steps trained is not the user's work: stop it, then quit
        // without asking (close would otherwise ask to discard it).
        window.controller()->shutdown();
        window.document()->setUnsavedTraining(false);
        window.close();
        QApplication::exit(saved ? 0 : 1);
    });
    return true;
}

/// View > Theme's or View > Language's stored choice, or --OPTION's for this run;
/// nullopt (after saying why) for a name the setting does not know.
template <typename Setting>
std::optional<typename Setting::Kind> chosen(const QCommandLineParser& parser,
                                             const QString& option) {
    if (!parser.isSet(option))
        return Setting::stored();
    const QString value = parser.value(option);
    const std::optional<typename Setting::Kind> kind = Setting::fromName(value);
    if (!kind)
        std::fprintf(stderr, "linearlab: --%s: expected one of %s, got '%s'\n", qPrintable(option),
                     qPrintable(Setting::names().join(QStringLiteral(", "))), qPrintable(value));
    return kind;
}

/// --size WxH: the window's size; nullopt (after saying why) for a malformed one.
std::optional<QSize> windowSize(const QCommandLineParser& parser) {
    if (!parser.isSet(QStringLiteral("size")))
        return QSize(1500, 940);
    const QString text = parser.value(QStringLiteral("size"));
    const QStringList parts = text.split(QLatin1Char('x'));
    bool okW = false, okH = false;
    const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
    const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
    if (!okW || !okH || w <= 0 || h <= 0) {
        std::fprintf(stderr, "linearlab: --size: expected WIDTHxHEIGHT, got '%s'\n",
                     qPrintable(text));
        return std::nullopt;
    }
    return QSize(w, h);
}

/// True when the arguments ask only for --help or --version, which a terminal or
/// a package check without a display must be able to get.
bool asksOnlyForText(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" ||
            arg == "--version")
            return true;
    }
    return false;
}

void setApplicationNames() {
    QCoreApplication::setOrganizationName(QStringLiteral("LinearLab"));
    QCoreApplication::setApplicationName(QStringLiteral("LinearLab"));
    QCoreApplication::setApplicationVersion(linearlabVersion());
}

}  // namespace

int runApplication(int argc, char** argv) {
    if (asksOnlyForText(argc, argv)) {
        // No QApplication: it needs a platform plugin and a display to start.
        QCoreApplication app(argc, argv);
        setApplicationNames();
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(app);  // prints the text and exits
    }
    QApplication app(argc, argv);
    setApplicationNames();
    // The installed .desktop entry's name: Wayland's app id, so the desktop
    // shows the window under LinearLab's icon and entry.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.linearlab.LinearLab"));
    // Edit > Preferences' memory limit, before any design is checked against it.
    applyStoredMemoryLimit();
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    if (parser.isSet(QStringLiteral("benchmark")))
        return runBenchmark(parser);
    // The stored theme and language, or this run's, before any widget exists or
    // reads a tr().
    const std::optional<Theme::Kind> theme = chosen<Theme>(parser, QStringLiteral("theme"));
    const std::optional<Language::Kind> language =
        chosen<Language>(parser, QStringLiteral("language"));
    if (!theme || !language)
        return 2;
    Theme::apply(*theme);
    Language::apply(*language);

    const std::optional<QSize> size = windowSize(parser);
    if (!size)
        return 2;
    MainWindow window;
    const QString screenshot = parser.value(QStringLiteral("screenshot"));
    if (!screenshot.isEmpty()) {
        // The same picture on every machine, and the user's own layout left alone.
        window.resize(*size);
        window.resetLayout();
        window.setSaveLayoutOnClose(false);
        window.help()->hideWelcome();  // unless --show welcome asks for it
    } else {
        // Room for every dock, or a saved size, but never more than the screen has.
        window.resize(window.size().boundedTo(window.screen()->availableGeometry().size()));
    }
    // Without FILE the window shows the seed example, Linear(20, 40) on teacher data.
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        QString error;
        if (!window.openFile(files.first(), &error, !screenshot.isEmpty()) && !screenshot.isEmpty())
            std::fprintf(stderr, "linearlab: %s\n", qPrintable(error));
    }
    window.show();
    if (parser.isSet(QStringLiteral("show"))) {
        const QString name = parser.value(QStringLiteral("show"));
        if (!window.showLesson(name) && !window.help()->showPage(name)) {
            std::fprintf(stderr, "linearlab: --show: no lesson '%s'; expected one of: %s\n",
                         qPrintable(name),
                         qPrintable((window.learnPanel()->lessonNames() + HelpMenu::pageNames())
                                        .join(QStringLiteral(", "))));
            return 2;
        }
    }
    // After a crash, the autosaved work is offered back once the window is up.
    if (screenshot.isEmpty())
        QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    if (parser.isSet(QStringLiteral("train")))
        window.controller()->start();
    if (parser.isSet(QStringLiteral("steps"))) {
        bool ok = false;
        const int steps = parser.value(QStringLiteral("steps")).toInt(&ok);
        if (!ok || steps < 0) {
            std::fprintf(stderr, "linearlab: --steps: expected a count, got '%s'\n",
                         qPrintable(parser.value(QStringLiteral("steps"))));
            return 2;
        }
        // Spaced out, so the window sees each step's snapshot (they are latest-wins)
        // and the step lesson can show one step's update.
        for (int i = 0; i < steps; ++i)
            QTimer::singleShot(250 * (i + 1), &window, [&window] { window.controller()->step(); });
    }
    if (!screenshot.isEmpty() && !scheduleScreenshot(window, parser, screenshot))
        return 2;
    return app.exec();
}

}  // namespace linearlab::ui
