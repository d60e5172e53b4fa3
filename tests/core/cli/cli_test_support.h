#pragma once
// Running the built linearlab-cli as a user would, for the CLI and full-disk tests.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace linearlab::test {

struct CliRun {
    int exitCode;  ///< -1 for a crash or a time-out
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(LINEARLAB_BINARY_DIR) + "/app/linearlab-cli", args);
    if (!p.waitForFinished(120000))
        return {-1, {}, "timed out"};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace linearlab::test
