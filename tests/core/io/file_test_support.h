#pragma once
// Files on disk as the write tests look at them: put a file, read it back,
// list a directory with its hidden entries (where a left-over temporary file
// would hide).
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtGlobal>

namespace linearlab::test {

/// The file's bytes, or a marker naming it when it cannot be opened.
inline QByteArray contents(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return "<cannot open " + path.toUtf8() + ">";
    return f.readAll();
}

/// Writes `bytes` to `path` the plain way (the test's own setup, not the code under test).
inline void put(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

/// Every entry of `dir`, hidden ones included, sorted by name.
inline QStringList entries(const QString& dir) {
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

/// A new empty directory for each test case, all inside one temporary directory.
class FreshDirs {
public:
    bool isValid() const { return m_root.isValid(); }
    QString next() {
        const QString d = m_root.filePath(QStringLiteral("case%1").arg(++m_count));
        QDir().mkpath(d);
        return d;
    }

private:
    QTemporaryDir m_root;
    int m_count = 0;
};

}  // namespace linearlab::test
