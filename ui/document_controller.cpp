#include "ui/document_controller.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QUndoStack>

namespace linearlab::ui {

namespace {
const char* const kRecentKey = "recentFiles";
}  // namespace

DocumentController::DocumentController(QUndoStack* undo, QWidget* window)
    : QObject(window), m_undo(undo), m_window(window) {
    connect(m_undo, &QUndoStack::cleanChanged, this, &DocumentController::announce);
}

bool DocumentController::isUntitled() const {
    return m_path.isEmpty() || m_path.startsWith(QLatin1Char(':'));
}

QString DocumentController::displayName() const {
    return isUntitled() ? tr("untitled") : QFileInfo(m_path).fileName();
}

bool DocumentController::isModified() const {
    return !m_undo->isClean() || m_unsavedTraining;
}

void DocumentController::setUnsavedTraining(bool unsaved) {
    m_unsavedTraining = unsaved;
    announce();
}

void DocumentController::opened(const QString& path) {
    setPath(path);
    m_undo->setClean();
    m_unsavedTraining = false;
    announce();
}

void DocumentController::saved(const QString& path) {
    setPath(path);
    m_undo->setClean();
    m_unsavedTraining = false;
    addRecentFile(path);
    announce();
}

void DocumentController::recovered(const QString& path) {
    setPath(path);
    // Unsaved until the user saves it: the title shows it, Close asks, autosave goes on.
    m_undo->resetClean();
    m_unsavedTraining = true;
    announce();
}

bool DocumentController::confirmDiscard(const QString& action, const QString& what,
                                        const std::function<bool()>& save) {
    if (!isModified())
        return true;
    QMessageBox box(
        QMessageBox::Warning, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them before %2?").arg(displayName(), action.toLower()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box.setInformativeText(what);
    box.setDefaultButton(QMessageBox::Save);
    const int answer = box.exec();
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

QStringList DocumentController::recentFiles() const {
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void DocumentController::addRecentFile(const QString& path) {
    if (path.startsWith(QLatin1Char(':')))
        return;  // a bundled example has its own menu
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), files);
}

bool DocumentController::fail(const QString& title, const QString& message, QString* error,
                              bool quiet) {
    if (error)
        *error = message;
    if (!quiet)
        QMessageBox::critical(m_window, title, message);
    return false;
}

void DocumentController::setPath(const QString& path) {
    if (path == m_path)
        return;
    m_path = path;
    emit pathChanged(path);
}

void DocumentController::announce() {
    // Emitted on every change of either source, also when the sum stays the
    // same: cheap, and the title is then always right.
    emit modifiedChanged(isModified());
}

}  // namespace linearlab::ui
