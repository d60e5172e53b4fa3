#include "ui/language.h"

#include "ui/choice_menu.h"

#include "ui/document_controller.h"
#include "ui/main_window.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTranslator>

#include <utility>
#include <vector>

namespace linearlab::ui {

namespace {

const char* const kKey = "view/language";

Language::Kind g_current = Language::System;

/// The two translators, made once and reloaded by each apply().
QTranslator& appTranslator() {
    static QTranslator* t = new QTranslator(QCoreApplication::instance());
    return *t;
}

QTranslator& qtTranslator() {
    static QTranslator* t = new QTranslator(QCoreApplication::instance());
    return *t;
}

QLocale localeOf(Language::Kind kind) {
    switch (kind) {
        case Language::English:
            return QLocale(QLocale::English, QLocale::UnitedStates);
        case Language::Chinese:
            return QLocale(QLocale::Chinese, QLocale::China);
        case Language::System:
            break;
    }
    return QLocale::system();
}

/// Asks to restart `window` in the stored language; true when it closed (its
/// close asks about unsaved work and may be cancelled) and a new LinearLab started.
bool offerRestart(MainWindow* window) {
    QMessageBox box(QMessageBox::Question, QObject::tr("Language"),
                    QObject::tr("LinearLab shows the new language when it starts again. "
                                "Restart now?"),
                    QMessageBox::NoButton, window);
    QPushButton* restart = box.addButton(QObject::tr("&Restart Now"), QMessageBox::AcceptRole);
    box.addButton(QObject::tr("&Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restart);
    box.exec();
    if (box.clickedButton() != restart || !window->close())
        return false;
    // The path after the close: saving an untitled design there gives it one.
    QStringList arguments;
    if (!window->document()->path().isEmpty())
        arguments << window->document()->path();
    QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments);
    QCoreApplication::quit();
    return true;
}

}  // namespace

QString Language::name(Kind kind) {
    switch (kind) {
        case English:
            return QStringLiteral("en");
        case Chinese:
            return QStringLiteral("zh_CN");
        case System:
            break;
    }
    return QStringLiteral("system");
}

QStringList Language::names() {
    return {name(System), name(English), name(Chinese)};
}

std::optional<Language::Kind> Language::fromName(const QString& text) {
    for (Kind kind : {System, English, Chinese})
        if (text.compare(name(kind), Qt::CaseInsensitive) == 0)
            return kind;
    if (text.compare(QLatin1String("zh"), Qt::CaseInsensitive) == 0 ||
        text.compare(QLatin1String("zh-CN"), Qt::CaseInsensitive) == 0)
        return Chinese;
    return std::nullopt;
}

Language::Kind Language::stored() {
    return fromName(QSettings().value(QLatin1String(kKey)).toString()).value_or(System);
}

void Language::store(Kind kind) {
    QSettings().setValue(QLatin1String(kKey), name(kind));
}

void Language::apply(Kind kind) {
    QTranslator& app = appTranslator();
    QTranslator& qt = qtTranslator();
    QCoreApplication::removeTranslator(&app);
    QCoreApplication::removeTranslator(&qt);
    const QLocale locale = localeOf(kind);
    // QTranslator::load(QLocale, ...) tries each of the locale's UI languages in
    // order (zh_CN, then zh, ...), so LANGUAGE=zh_CN:en and LANG=zh_CN.UTF-8 both work.
    // A language LinearLab has no file for gets the English one, whose plural forms
    // the sources spell only once.
    if (app.load(locale, QStringLiteral("linearlab"), QStringLiteral("_"),
                 QStringLiteral(":/i18n")) ||
        app.load(QStringLiteral(":/i18n/linearlab_en.qm")))
        QCoreApplication::installTranslator(&app);
    if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt);
    g_current = kind;
}

Language::Kind Language::current() {
    return g_current;
}

QMenu* Language::addMenuTo(QMenu* view) {
    // English and 中文 are named in their own language, so whoever cannot read the
    // current one still finds theirs.
    const std::pair<Kind, QString> items[] = {{System, QObject::tr("&System")},
                                              {English, QStringLiteral("English")},
                                              {Chinese, QStringLiteral("中文")}};
    std::vector<MenuChoice> choices;
    for (const auto& [kind, text] : items)
        choices.push_back({QStringLiteral("language-") + name(kind), text, kind == current(),
                           [view, kind = kind] {
                               store(kind);
                               if (kind == current())
                                   return;
                               QWidget* bar = view->parentWidget();
                               if (auto* window =
                                       qobject_cast<MainWindow*>(bar ? bar->window() : nullptr))
                                   offerRestart(window);
                           }});
    return addChoiceMenu(view, QObject::tr("&Language"), choices);
}

}  // namespace linearlab::ui
