#pragma once
// linearlab-cli's commands. Each takes its arguments (without the program and
// command names), prints to stdout, and returns the exit status; a bad input
// throws, and runCli turns the exception into one line on stderr.
#include <QStringList>

namespace linearlab::cli {

int runSummary(const QStringList& args);
int runInit(const QStringList& args);
int runEval(const QStringList& args);
int runGrad(const QStringList& args);
int runTrain(const QStringList& args);
int runInspect(const QStringList& args);
int runConvert(const QStringList& args);
int runExportCode(const QStringList& args);
int runExportData(const QStringList& args);
int runCollapse(const QStringList& args);

/// The whole CLI: "linearlab-cli <command> [args]".
int runCli(int argc, char** argv);

}  // namespace linearlab::cli
