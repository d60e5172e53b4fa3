// LineLog: the old file stays until the first line is written, every line is
// in the file as soon as append() returns, an empty log replaces the old one
// only when finished, and a log that cannot be created fails up front. The
// full-disk case is in tst_full_disk, the SIGKILL case in tst_train_log.
#include "core/io/line_log.h"

#include "tests/core/io/file_test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <stdexcept>

using namespace linearlab;
using namespace linearlab::test;

class TestLineLog : public QObject {
    Q_OBJECT

    FreshDirs m_dirs;
    QString freshDir() { return m_dirs.next(); }

private slots:
    void initTestCase() { QVERIFY(m_dirs.isValid()); }

    void linesAppearAsTheyAreLogged() {
        const QString dir = freshDir();
        const QString path = dir + "/log.jsonl";
        put(path, "old log\n");
        io::LineLog log(path);
        QCOMPARE(contents(path), QByteArray("old log\n"));  // nothing logged yet
        const std::string first = "{\"step\": 1, \"epoch\": 0, \"loss\": 0.5}\n";
        const std::string second = "{\"step\": 2, \"epoch\": 0, \"loss\": 0.25}\n";
        log.append(first);
        QCOMPARE(contents(path), QByteArray::fromStdString(first));
        log.append(second);
        QCOMPARE(contents(path), QByteArray::fromStdString(first + second));
        log.finish();
        QCOMPARE(contents(path), QByteArray::fromStdString(first + second));
        QCOMPARE(entries(dir), QStringList{"log.jsonl"});
    }

    void emptyLogReplacesTheOldOneWhenFinished() {
        const QString dir = freshDir();
        const QString path = dir + "/log.jsonl";
        put(path, "old log\n");
        io::LineLog log(path);
        log.finish();
        QCOMPARE(contents(path), QByteArray());
        QCOMPARE(entries(dir), QStringList{"log.jsonl"});
    }

    void abandonedBeforeTheFirstLineKeepsTheOldFile() {
        const QString dir = freshDir();
        const QString path = dir + "/log.jsonl";
        put(path, "old log\n");
        { io::LineLog log(path); }
        QCOMPARE(contents(path), QByteArray("old log\n"));
        QCOMPARE(entries(dir), QStringList{"log.jsonl"});
    }

    void abandonedAfterLinesKeepsThem() {
        const QString path = freshDir() + "/log.jsonl";
        {
            io::LineLog log(path);
            log.append("a\n");
            log.append("b\n");
        }
        QCOMPARE(contents(path), QByteArray("a\nb\n"));
    }

    void unwritablePathFailsUpFront() {
        const QString path = freshDir() + "/missing/log.jsonl";
        try {
            io::LineLog log(path);
            QFAIL("a log in a missing directory was created");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), path + ": cannot write: No such file or directory");
        }
    }
};

QTEST_GUILESS_MAIN(TestLineLog)
#include "tst_line_log.moc"
