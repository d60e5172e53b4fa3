#pragma once
// View > Language: the window in the system's language, in English or in Chinese.
// The translators are installed once at startup, before any widget exists, so a
// new choice is stored and shows after a restart, which the menu offers.
#include <QString>
#include <QStringList>

#include <optional>

class QMenu;

namespace linearlab::ui {

class Language {
public:
    enum Kind { System, English, Chinese };

    /// "system", "en", "zh_CN": the --language and QSettings spelling.
    static QString name(Kind kind);
    static QStringList names();
    /// A name above, case-insensitively; "zh" and "zh-CN" also mean Chinese.
    static std::optional<Kind> fromName(const QString& name);

    /// The language in QSettings ("view/language"), System when none or unknown.
    static Kind stored();
    static void store(Kind kind);
    /// Installs LinearLab's translator (:/i18n/linearlab_*.qm) and Qt's own
    /// (qtbase_*.qm from QLibraryInfo's translations path, for the buttons of
    /// QMessageBox and QFileDialog) for `kind`, replacing those of an earlier call.
    /// System follows QLocale::system(): LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
    static void apply(Kind kind);
    /// The language last applied (System before any).
    static Kind current();

    /// Appends View > Language to `view`, the MainWindow's View menu: System,
    /// English and 中文, each language named in its own language, as one exclusive
    /// group of checkable actions (object names "language-system", "language-en",
    /// "language-zh_CN"). Choosing one stores it and offers to restart: the window
    /// closes as File > Quit does, asking about unsaved work, and LinearLab starts
    /// again on the same document.
    static QMenu* addMenuTo(QMenu* view);
};

}  // namespace linearlab::ui
