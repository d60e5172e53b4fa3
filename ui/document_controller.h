#pragma once
// The document a window edits, apart from its contents: which file it is,
// whether it holds unsaved work, the recent-files list, and the one way file
// errors reach the user.
//
// Unsaved work is either a design edit (the undo stack is not at its clean
// index) or training: the trained weights, step and curves are part of the
// document, so a step taken since the last save or open makes it modified just
// as an edit does. The window's title, the Save/Discard/Cancel question and
// autosave all read isModified().
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QUndoStack;
class QWidget;

namespace linearlab::ui {

class DocumentController : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxRecentFiles = 8;

    /// `window` parents the questions and error boxes.
    DocumentController(QUndoStack* undo, QWidget* window);

    QString path() const { return m_path; }
    /// No file of the user's yet: new work, an example (a resource) or recovered untitled work.
    bool isUntitled() const;
    /// The file name, or "untitled".
    QString displayName() const;

    bool isModified() const;
    bool hasUnsavedTraining() const { return m_unsavedTraining; }
    /// Training (or loading weights) changed the model since the last save or open.
    void setUnsavedTraining(bool unsaved);

    /// A new document from `path` (empty for none): nothing unsaved.
    void opened(const QString& path);
    /// Everything is in the file at `path` now.
    void saved(const QString& path);
    /// Recovered work: it belongs to `path` but is not saved there.
    void recovered(const QString& path);

    /// Before `action` ("New", "Open", "Quit", ...) discards the document's
    /// contents: when there is unsaved work, asks Save / Discard / Cancel. `what`
    /// says what would be lost ("the trained weights (step 350)"); `save` saves
    /// and says whether it did. True when the action may go on.
    bool confirmDiscard(const QString& action, const QString& what,
                        const std::function<bool()>& save);

    /// Most recent first, absolute paths.
    QStringList recentFiles() const;
    void addRecentFile(const QString& path);

    /// The one error reporter: `message` goes to `*error` when given and, unless
    /// `quiet`, to a message box titled `title`. Always returns false.
    bool fail(const QString& title, const QString& message, QString* error = nullptr,
              bool quiet = false);

signals:
    /// The window title's [*] and autosave follow this.
    void modifiedChanged(bool modified);
    void pathChanged(const QString& path);

private:
    void setPath(const QString& path);
    void announce();

    QUndoStack* m_undo;
    QWidget* m_window;
    QString m_path;
    bool m_unsavedTraining = false;
};

}  // namespace linearlab::ui
