// ReplacementFile and writeFileAtomically on an ordinary disk: the old file is
// untouched until install(), a new file's mode follows the umask, a replaced
// one keeps its mode, a symlink stays a link, and a failure names the file and
// the OS's reason and leaves nothing behind. The full-disk cases are
// tst_full_disk.
#include "core/io/file_util.h"
#include "core/io/replacement_file.h"

#include "tests/core/io/file_test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <stdexcept>

using namespace linearlab;
using namespace linearlab::test;

namespace {

unsigned modeOf(const QString& path) {
    struct stat s {};
    if (::stat(QFile::encodeName(path).constData(), &s) != 0)
        return 0;
    return static_cast<unsigned>(s.st_mode & 0777);
}

/// The message writeFileAtomically throws for `path` and `bytes`; empty when it does not throw.
QString failure(const QString& path, const QByteArray& bytes) {
    try {
        io::writeFileAtomically(path, bytes);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return {};
}

}  // namespace

class TestReplacementFile : public QObject {
    Q_OBJECT

    FreshDirs m_dirs;
    QString freshDir() { return m_dirs.next(); }

private slots:
    void initTestCase() { QVERIFY(m_dirs.isValid()); }

    void oldFileStaysUntilInstall() {
        const QString dir = freshDir();
        const QString path = dir + "/w.safetensors";
        put(path, "old");
        {
            io::ReplacementFile file(path);
            file.write("new bytes", 9);
            file.sync();
            QCOMPARE(contents(path), QByteArray("old"));
            QCOMPARE(entries(dir), QStringList{"w.safetensors"});  // the new one is unnamed
            file.close();
            QCOMPARE(contents(path), QByteArray("old"));
            file.install();
        }
        QCOMPARE(contents(path), QByteArray("new bytes"));
        QCOMPARE(entries(dir), QStringList{"w.safetensors"});
    }

    void abandonedWriteLeavesOldFile() {
        const QString dir = freshDir();
        const QString path = dir + "/p.linearlab";
        put(path, "old");
        {
            io::ReplacementFile file(path);
            file.write("half of a proj", 14);
        }
        {
            io::ReplacementFile file(path);
            file.write("closed but not installed", 24);
            file.close();  // the temporary file now has a name, and must still go
        }
        QCOMPARE(contents(path), QByteArray("old"));
        QCOMPARE(entries(dir), QStringList{"p.linearlab"});
    }

    void newFileFollowsUmask_data() {
        QTest::addColumn<unsigned>("mask");
        QTest::addColumn<unsigned>("mode");
        QTest::newRow("022") << 022u << 0644u;
        QTest::newRow("077") << 077u << 0600u;
        QTest::newRow("002") << 002u << 0664u;
    }

    void newFileFollowsUmask() {
        QFETCH(unsigned, mask);
        QFETCH(unsigned, mode);
        const QString path = freshDir() + "/new.json";
        const mode_t before = ::umask(static_cast<mode_t>(mask));
        const QString error = failure(path, "{}");
        ::umask(before);
        QCOMPARE(error, QString());
        QCOMPARE(contents(path), QByteArray("{}"));
        QCOMPARE(modeOf(path), mode);
    }

    void replacementKeepsMode() {
        const QString path = freshDir() + "/d.linearlab.json";
        put(path, "old");
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
        QCOMPARE(failure(path, "new"), QString());
        QCOMPARE(contents(path), QByteArray("new"));
        QCOMPARE(modeOf(path), 0640u);
    }

    void symlinkStaysALink() {
        const QString dir = freshDir();
        const QString target = dir + "/real.npz", link = dir + "/link.npz";
        put(target, "old");
        QVERIFY(QFile::link(target, link));
        QCOMPARE(failure(link, "new"), QString());
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(contents(target), QByteArray("new"));
        QCOMPARE(entries(dir), (QStringList{"link.npz", "real.npz"}));
    }

    void failuresNameTheFileAndTheReason_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing directory") << "missing/x.pt"
                                           << "No such file or directory";
        QTest::newRow("a directory") << "sub"
                                     << "Is a directory";
        QTest::newRow("below a file") << "file/x.pt"
                                      << "Not a directory";
    }

    void failuresNameTheFileAndTheReason() {
        QFETCH(QString, name);
        QFETCH(QString, reason);
        const QString dir = freshDir();
        QVERIFY(QDir(dir).mkdir("sub"));
        put(dir + "/file", "a file");
        const QString path = dir + "/" + name;
        QCOMPARE(failure(path, "bytes"), path + ": cannot write: " + reason);
        QCOMPARE(entries(dir), (QStringList{"file", "sub"}));
        QCOMPARE(entries(dir + "/sub"), QStringList());
        QCOMPARE(contents(dir + "/file"), QByteArray("a file"));
    }

    void emptyPathIsAnError() {
        QCOMPARE(failure(QString(), "bytes"), ": cannot write: No such file or directory");
    }

    void emptyDataMakesAnEmptyFile() {
        const QString path = freshDir() + "/empty.csv";
        put(path, "old");
        QCOMPARE(failure(path, QByteArray()), QString());
        QCOMPARE(contents(path), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestReplacementFile)
#include "tst_replacement_file.moc"
