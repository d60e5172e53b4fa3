// `linearlab-cli train --log-jsonl FILE` killed with SIGKILL mid-run: the log
// must hold every step logged before the kill, steps 1..k in order, each line
// whole JSON, none cut off. A kill before the first line leaves the old file.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cmath>

namespace {

const QString kCli = QStringLiteral(LINEARLAB_BINARY_DIR) + "/app/linearlab-cli";

// Linear(256, 256) at batch 128 takes a fraction of a millisecond a step, so
// 100000 steps run far longer than the test waits, and a small learning rate
// keeps the loss finite throughout.
const QByteArray kSlowDesign = R"({"format": "linearlab", "version": 1,
 "input": {"features": 256},
 "layers": [{"type": "Linear", "in_features": 256, "out_features": 256}],
 "data": {"dataset": "teacher", "samples": 512, "in_features": 256, "out_features": 256},
 "batch": {"size": 128},
 "optimizer": {"type": "SGD", "lr": 0.001}})";

QByteArray contents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Empty when `log` is whole lines of {"step": 1..k, "epoch": e, "loss": x, "lr": r}, else
/// the problem.
QString checkLog(const QByteArray& log) {
    if (!log.endsWith('\n'))
        return "the log does not end with a whole line: ..." + QString::fromUtf8(log.right(80));
    const QList<QByteArray> lines = log.chopped(1).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(lines[i], &error);
        const QJsonObject o = doc.object();
        if (error.error != QJsonParseError::NoError || !doc.isObject() || o.size() != 4 ||
            o["step"].toInteger(-1) != i + 1 || o["epoch"].toInteger(-1) < 0 ||
            !o["loss"].isDouble() || !std::isfinite(o["loss"].toDouble()) ||
            o["lr"].toDouble() != 0.001)
            return QString("line %1 is not step %1: %2").arg(i + 1).arg(lines[i]);
    }
    return {};
}

}  // namespace

class TestTrainLog : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_design;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_design = m_dir.filePath("slow.linearlab.json");
        QFile f(m_design);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(kSlowDesign), kSlowDesign.size());
    }

    void killKeepsEveryLoggedLine_data() {
        QTest::addColumn<int>("lines");
        for (int n : {1, 7, 60, 500})
            QTest::newRow(qPrintable(QString("after %1 lines").arg(n))) << n;
    }

    void killKeepsEveryLoggedLine() {
        QFETCH(int, lines);
        const QString dir = m_dir.filePath(QString("kill%1").arg(lines));
        QVERIFY(QDir().mkpath(dir));
        const QString log = dir + "/train.jsonl";
        const QByteArray old = "an old log\n";
        {
            QFile f(log);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(old), old.size());
        }

        QProcess p;
        p.start(kCli, {"train", m_design, "--steps", "100000", "--log-jsonl", log});
        QVERIFY2(p.waitForStarted(), qPrintable(p.errorString()));
        QElapsedTimer timer;
        timer.start();
        for (QByteArray now = old; now == old || now.count('\n') < lines; now = contents(log)) {
            QVERIFY2(p.state() == QProcess::Running,
                     qPrintable("training ended before the kill: " + p.readAllStandardError()));
            QVERIFY2(timer.elapsed() < 120000, "no log lines within two minutes");
            QThread::msleep(2);
        }
        p.kill();  // SIGKILL
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        const QByteArray logged = contents(log);
        const QString problem = checkLog(logged);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(logged.count('\n') >= lines);
        // Nothing left beside the log: no temporary file.
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"train.jsonl"});
    }

    // Each line's lr is the one its step used: under StepLR(step_size=1, gamma=0.5)
    // the lr halves with every epoch, and a project continued by a second run
    // goes on with its schedule (the data order restarting at an epoch's beginning).
    void linesCarryTheScheduledLr() {
        const QString design = m_dir.filePath("scheduled.linearlab.json");
        {
            QFile f(design);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"format": "linearlab", "version": 1, "input": {"features": 2},
 "layers": [{"type": "Linear", "in_features": 2, "out_features": 1}],
 "data": {"dataset": "teacher", "samples": 40, "in_features": 2, "out_features": 1,
          "validation_split": 0},
 "batch": {"size": 10},
 "optimizer": {"type": "SGD", "lr": 0.1},
 "scheduler": {"type": "StepLR", "step_size": 1, "gamma": 0.5}})");
        }
        const QString log1 = m_dir.filePath("scheduled1.jsonl");
        const QString log2 = m_dir.filePath("scheduled2.jsonl");
        const QString project = m_dir.filePath("scheduled.linearlab");
        auto run = [](const QStringList& args) {
            QProcess p;
            p.start(kCli, args);
            return p.waitForFinished(60000) && p.exitCode() == 0;
        };
        QVERIFY(run({"train", design, "--steps", "6", "--log-jsonl", log1, "--export", project}));
        QVERIFY(run({"train", project, "--steps", "6", "--log-jsonl", log2}));
        QList<QByteArray> lines = contents(log1).trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        lines += contents(log2).trimmed().split('\n');
        QCOMPARE(lines.size(), 12);
        QList<int> epochs;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
            QCOMPARE(o["step"].toInteger(), i + 1);
            double lr = 0.1;
            for (int e = 0; e < o["epoch"].toInt(); ++e)
                lr *= 0.5;
            QCOMPARE(o["lr"].toDouble(), lr);
            epochs.append(o["epoch"].toInt());
        }
        // Four batches an epoch; the second run replays epoch 1 from its start.
        QCOMPARE(epochs, (QList<int>{0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2}));
    }

    // However early the kill comes, the path holds the old file or a whole log.
    void earlyKillLeavesOldFileOrWholeLines() {
        const QString dir = m_dir.filePath("early");
        QVERIFY(QDir().mkpath(dir));
        const QString log = dir + "/train.jsonl";
        const QByteArray old = "an old log\n";
        for (int delayMs : {0, 5, 20, 40, 80}) {
            {
                QFile f(log);
                QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
                QCOMPARE(f.write(old), old.size());
            }
            QProcess p;
            p.start(kCli, {"train", m_design, "--steps", "100000", "--log-jsonl", log});
            QVERIFY2(p.waitForStarted(), qPrintable(p.errorString()));
            QThread::msleep(static_cast<unsigned long>(delayMs));
            p.kill();
            QVERIFY(p.waitForFinished(10000));
            const QByteArray logged = contents(log);
            if (logged != old) {
                const QString problem = checkLog(logged);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
            QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                     QStringList{"train.jsonl"});
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainLog)
#include "tst_train_log.moc"
