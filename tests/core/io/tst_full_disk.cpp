// Every writer on a full disk: each test function mounts a fresh small tmpfs,
// puts an old version of the file there, fills the file system until the OS
// answers ENOSPC, and runs the writer. It must fail with one line naming the
// file and "No space left on device", leave the old file byte for byte, and
// leave nothing behind: no temporary file in the directory and no space held.
// Mounting needs root; elsewhere the tests are skipped.
#include "core/cli/cli_support.h"
#include "core/io/code_export.h"
#include "core/io/dataset_file.h"
#include "core/io/design_file.h"
#include "core/io/file_util.h"
#include "core/io/line_log.h"
#include "core/io/network_state.h"
#include "core/io/project_file.h"
#include "core/io/recovery_file.h"
#include "core/io/weights_file.h"
#include "tests/core/io/io_test_util.h"

#include "tests/core/cli/cli_test_support.h"
#include "tests/core/io/file_test_support.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <map>

using namespace linearlab;
using namespace linearlab::test;

namespace {

const QString kCliFixtures = QStringLiteral(LINEARLAB_FIXTURES_DIR) + "/cli/";
const QString kCliDesign = kCliFixtures + "example.linearlab.json";
const QString kNoSpace = QStringLiteral("No space left on device");
const QString kFiller = QStringLiteral("filler");

using Writer = std::function<void(const QString& path, int version)>;

/// A state dict whose values depend on `version`, so two versions differ.
io::StateDict weights(int version, nn::Index rows = 4, nn::Index cols = 5) {
    return {io::test::makeTensor("0.weight", {rows, cols}, 0.5f + static_cast<float>(version))};
}

io::Project project(int version, nn::Index width = 20) {
    io::Project p;
    p.design = train::seedExampleDesign();
    p.design.inputFeatures = width;
    p.design.layers.front().in_features = width;
    p.design.layers.front().out_features = width;
    p.design.seed = static_cast<uint64_t>(version);
    p.weights = io::stateDictOf(*cli::buildNetwork(p.design, p.design.seed));
    p.progress.step = version;
    return p;
}

/// The library's writers by name, each writing version `version` of its file.
const std::map<QString, Writer>& writers() {
    static const std::map<QString, Writer> table{
        {"weights", [](const QString& path, int v) { io::writeWeights(path, weights(v)); }},
        {"design",
         [](const QString& path, int v) {
             train::Design d = train::seedExampleDesign();
             d.seed = static_cast<uint64_t>(v);
             io::writeDesignFile(path, d);
         }},
        {"project", [](const QString& path, int v) { io::writeProject(path, project(v)); }},
        {"recovery",
         [](const QString& path, int v) {
             io::setRecoveryPath(path);
             io::writeRecovery(project(v));
         }},
        {"arrays",
         [](const QString& path, int v) {
             io::writeArrays(
                 path,
                 {{"x", data::NpyArray::fromDoubles("<f4", {2, 2}, {1.0 * v, 2.0, 3.0, 4.0})}});
         }},
        {"code",
         [](const QString& path, int v) {
             train::Design d = train::seedExampleDesign();
             d.seed = static_cast<uint64_t>(v);
             io::writeFileAtomically(path, io::exportPyTorchCode(d));
         }},
    };
    return table;
}

}  // namespace

class TestFullDisk : public QObject {
    Q_OBJECT

    QTemporaryDir m_base;
    QString m_mount;  // empty when nothing is mounted
    int m_mounts = 0;

    QString file(const QString& name) const { return m_mount + "/" + name; }

    /// Free bytes on the tmpfs.
    qint64 freeBytes() const {
        struct statvfs s {};
        if (::statvfs(QFile::encodeName(m_mount).constData(), &s) != 0)
            return -1;
        return static_cast<qint64>(s.f_bavail) * static_cast<qint64>(s.f_frsize);
    }

    /// Writes a filler file until the OS answers ENOSPC, then gives `leave` bytes back.
    bool fill(qint64 leave = 0) {
        const QByteArray path = QFile::encodeName(file(kFiller));
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0)
            return false;
        const QByteArray block(4096, 'f');
        qint64 size = 0;
        int error = 0;
        for (;;) {
            const ssize_t n = ::write(fd, block.constData(), static_cast<size_t>(block.size()));
            if (n < 0) {
                error = errno;
                break;
            }
            size += n;
        }
        const bool ok = error == ENOSPC && size >= leave && ::ftruncate(fd, size - leave) == 0;
        ::close(fd);
        return ok;
    }

    /// The directory holds exactly `names` (hidden files included).
    QStringList entries() const {
        QStringList list = QDir(m_mount).entryList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        list.removeAll(kFiller);
        return list;
    }

private slots:
    void initTestCase() {
        if (::geteuid() != 0)
            QSKIP("needs root to mount a tmpfs");
        QVERIFY(m_base.isValid());
    }

    void init() {
        const QString dir = m_base.filePath(QString("mnt%1").arg(++m_mounts));
        QVERIFY(QDir().mkpath(dir));
        if (::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", MS_NOSUID | MS_NODEV,
                    "size=256k,mode=0755") != 0)
            QFAIL(qPrintable("cannot mount a tmpfs on " + dir + ": " + std::strerror(errno)));
        m_mount = dir;
    }

    void cleanup() {
        io::setRecoveryPath(QString());
        if (m_mount.isEmpty())
            return;
        const QByteArray dir = QFile::encodeName(m_mount);
        if (::umount(dir.constData()) != 0)
            ::umount2(dir.constData(), MNT_DETACH);
        m_mount.clear();
    }

    void writerFails_data() {
        QTest::addColumn<QString>("writer");
        QTest::addColumn<QString>("name");
        for (const char* format : {"safetensors", "pt", "npz", "npy", "json", "csv"})
            QTest::newRow(format) << "weights" << QString("w.%1").arg(format);
        QTest::newRow("design") << "design"
                                << "d.linearlab.json";
        QTest::newRow("project") << "project"
                                 << "p.linearlab";
        QTest::newRow("recovery") << "recovery"
                                  << "recovery.linearlab";
        QTest::newRow("arrays npy") << "arrays"
                                    << "x.npy";
        QTest::newRow("arrays npz") << "arrays"
                                    << "x.npz";
        QTest::newRow("code export") << "code"
                                     << "model.py";
    }

    void writerFails() {
        QFETCH(QString, writer);
        QFETCH(QString, name);
        const Writer& write = writers().at(writer);
        const QString path = file(name);
        write(path, 1);  // the old version, written while there is room
        const QByteArray old = contents(path);
        QVERIFY(!old.isEmpty());

        QVERIFY(fill());
        const qint64 freeBefore = freeBytes();
        QCOMPARE(freeBefore, qint64(0));
        try {
            write(path, 2);
            QFAIL("the write succeeded on a full disk");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), path + ": cannot write: " + kNoSpace);
        }
        QVERIFY(contents(path) == old);
        QCOMPARE(entries(), QStringList{name});
        QCOMPARE(freeBytes(), freeBefore);

        // With room again the same writer replaces the file, so the failure was the disk's.
        QVERIFY(QFile::remove(file(kFiller)));
        write(path, 2);
        QVERIFY(contents(path) != old);
        QCOMPARE(entries(), QStringList{name});
    }

    // More data than there is room for: the first write(2) takes what fits,
    // the next one fails; the partly written file must still vanish.
    void largeWriteFailsPartway_data() {
        QTest::addColumn<QString>("name");
        for (const char* format : {"safetensors", "pt", "npz", "npy", "json", "csv"})
            QTest::newRow(format) << QString("big.%1").arg(format);
        QTest::newRow("project") << "big.linearlab";
    }

    void largeWriteFailsPartway() {
        QFETCH(QString, name);
        const QString path = file(name);
        const QByteArray old = "the old version of " + name.toUtf8() + "\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(old), old.size());
        }
        const qint64 room = 64 * 1024;
        QVERIFY(fill(room));
        const qint64 freeBefore = freeBytes();
        QVERIFY2(freeBefore >= room, qPrintable(QString::number(freeBefore)));
        try {
            if (name.endsWith(".linearlab"))
                io::writeProject(path, project(1, 256));  // 256 * 256 floats in base64
            else
                io::writeWeights(path, weights(1, 256, 256));  // 256 KiB as float32
            QFAIL("the write succeeded with too little room");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), path + ": cannot write: " + kNoSpace);
        }
        QVERIFY(contents(path) == old);
        QCOMPARE(entries(), QStringList{name});
        QCOMPARE(freeBytes(), freeBefore);
    }

    // A log already in place when the disk fills: the line that does not fit
    // is cut off again (its first part fits in the file's last page), so the
    // log still holds only whole lines.
    void lineLogKeepsWholeLinesWhenTheDiskFills() {
        const QString path = file("log.jsonl");
        const std::string first = "{\"step\": 1, \"epoch\": 0, \"loss\": 0.5}\n";
        io::LineLog log(path);
        log.append(first);
        QVERIFY(fill());
        const std::string longLine = "{\"step\": 2, \"pad\": \"" + std::string(6000, 'x') + "\"}\n";
        try {
            log.append(longLine);
            QFAIL("a line longer than the room left was appended");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), path + ": cannot write: " + kNoSpace);
        }
        QCOMPARE(contents(path), QByteArray::fromStdString(first));
        QCOMPARE(entries(), QStringList{"log.jsonl"});
    }

    // linearlab-cli: exit status 1, one line on stderr naming the file and the
    // reason, the old file as it was.
    void cliWriterFails_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("name");
        const QString data = kCliFixtures + "train_data.npz";
        QTest::newRow("export-code")
            << QStringList{"export-code", kCliDesign, "--output", "@"} << "model.py";
        QTest::newRow("export-data")
            << QStringList{"export-data", kCliDesign, "--output", "@"} << "data.npz";
        QTest::newRow("init --export")
            << QStringList{"init", kCliDesign, "--export", "@"} << "init.safetensors";
        QTest::newRow("train --export")
            << QStringList{"train", kCliDesign, "--data", data, "--steps", "3", "--export", "@"}
            << "final.pt";
        QTest::newRow("train --log-jsonl")
            << QStringList{"train", kCliDesign, "--data", data, "--steps", "3", "--log-jsonl", "@"}
            << "log.jsonl";
        QTest::newRow("convert") << QStringList{"convert", kCliFixtures + "init_seed0.npz", "@"}
                                 << "converted.json";
        QTest::newRow("eval --output")
            << QStringList{"eval",     kCliDesign, "--input", kCliFixtures + "eval_x.npy",
                           "--output", "@"}
            << "y.npy";
        QTest::newRow("grad --output") << QStringList{"grad",     kCliDesign,
                                                      "--input",  kCliFixtures + "grad_x.npy",
                                                      "--target", kCliFixtures + "grad_t.npy",
                                                      "--output", "@"}
                                       << "g.npz";
    }

    void cliWriterFails() {
        QFETCH(QStringList, args);
        QFETCH(QString, name);
        const QString path = file(name);
        for (QString& a : args)
            if (a == "@")
                a = path;
        const QByteArray old = "the old version of " + name.toUtf8() + "\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(old), old.size());
        }
        QVERIFY(fill());
        const qint64 freeBefore = freeBytes();
        const CliRun r = runCli(args);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, "linearlab-cli: " + path + ": cannot write: " + kNoSpace + "\n");
        QVERIFY(!r.out.contains("wrote"));
        QVERIFY(contents(path) == old);
        QCOMPARE(entries(), QStringList{name});
        QCOMPARE(freeBytes(), freeBefore);

        // With room the same command succeeds and replaces the file.
        QVERIFY(QFile::remove(file(kFiller)));
        const CliRun again = runCli(args);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(contents(path) != old);
        // export-code writes the script's data beside it once the script is written.
        QStringList written{name};
        if (args.first() == "export-code")
            written << "model_data.npz";
        QCOMPARE(entries(), written);
    }
};

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_full_disk.moc"
