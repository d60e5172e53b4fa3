#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/cli/demo_command.h"
#include "core/io/printable_text.h"
#include "core/nn/blas.h"
#include "core/nn/memory_budget.h"

#include <QCoreApplication>

#include <iostream>
#include <map>
#include <new>
#include <optional>

namespace linearlab::cli {

namespace {

const char* const kUsage =
    "usage: linearlab-cli <command> [arguments]\n"
    "\n"
    "  demo                                  the seed example: Linear(20, 40) on randn(128, 20)\n"
    "  summary DESIGN                        repr and summary table\n"
    "  init DESIGN [--seed S] --export FILE  initial weights, as torch.manual_seed(S)\n"
    "  eval DESIGN [--weights FILE] --input X.npy --output Y.npy\n"
    "               [--target T.npy [--loss-output L.npy]]\n"
    "  grad DESIGN [--weights FILE] --input X.npy --target T.npy --output G.npz\n"
    "  train DESIGN [--weights FILE] [--data FILE] [--epochs N] [--steps N] [--seed S]\n"
    "               [--export FILE] [--log-jsonl FILE]\n"
    "  inspect FILE                          names, dtypes and shapes in a weights file\n"
    "  convert IN OUT                        a weights file in another format\n"
    "  export-code DESIGN --output FILE.py   the design as PyTorch code, its data beside it\n"
    "  export-data DESIGN [--data FILE] --output FILE.npz\n"
    "                                        the dataset, split as train splits it\n"
    "  collapse DESIGN [--weights FILE] --output D2.linearlab.json --export W2.safetensors\n"
    "                                        stacked Linear layers with no nonlinearity\n"
    "                                        between them as one Linear, and its weights\n"
    "\n"
    "DESIGN is a design (*.linearlab.json) or a project (*.linearlab). eval and grad\n"
    "use a project's own weights unless --weights is given; train continues its run\n"
    "from the saved step (--epochs/--steps N: N more) and --export P.linearlab saves\n"
    "one. --weights FILE, inspect and convert take a project's weights too. The loss\n"
    "of eval --target and grad is the design's, with its reduction ('none': per element).\n"
    "Weights: .safetensors .pt .npz .npy .json .csv. Arrays: .npy / .npz.\n"
    "\n"
    "--memory-limit SIZE (any command, e.g. 4G, 512M, 1.5GiB, bytes; units are powers of\n"
    "1024) caps what a design and its data may take; the default is half the physical\n"
    "memory. A design over it fails before allocating, naming what it needs.\n"
    "--threads N (any command) lets large matrix products use N threads; the default\n"
    "is every core. Small products, and a build without OpenBLAS, use one.\n";

/// Takes every "NAME VALUE" and "NAME=VALUE" out of `args`, wherever they are,
/// and returns the last value given; `expected` says what a missing value is.
std::optional<QString> takeGlobalOption(QStringList& args, const QString& name,
                                        const std::string& expected) {
    std::optional<QString> last;
    for (int i = 0; i < args.size();) {
        if (args[i] == name) {
            if (i + 1 >= args.size())
                throw UsageError(name.toStdString() + ": expected " + expected);
            last = args[i + 1];
            args.remove(i, 2);
        } else if (args[i].startsWith(name + "=")) {
            last = args[i].mid(name.size() + 1);
            args.remove(i);
        } else {
            ++i;
        }
    }
    return last;
}

/// --memory-limit SIZE: the process's memory limit.
void applyMemoryLimit(QStringList& args) {
    const auto value = takeGlobalOption(args, QStringLiteral("--memory-limit"),
                                        "a size such as 4G, 512M or 1.5GiB");
    if (!value)
        return;
    const auto bytes = nn::parseByteSize(value->toStdString());
    if (!bytes)
        throw UsageError(
            "--memory-limit: expected a size such as 4G, 512M, 1.5GiB or a number of bytes, "
            "got \"" +
            value->toStdString() + "\"");
    nn::setMemoryLimit(*bytes);
}

/// --threads N: the threads OpenBLAS's products may use (default: every core).
void applyThreads(QStringList& args) {
    const auto value = takeGlobalOption(args, QStringLiteral("--threads"), "a number of threads");
    nn::setBlasThreads(value ? threadsOption(value->toStdString()) : nn::defaultThreads());
}

}  // namespace

int runCli(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    try {
        applyMemoryLimit(args);
        applyThreads(args);
    } catch (const UsageError& e) {
        std::cerr << "linearlab-cli: " << e.what() << "\n" << kUsage;
        return 2;
    }
    if (args.isEmpty() || args.front() == "-h" || args.front() == "--help" ||
        args.front() == "help") {
        std::cout << kUsage;
        return args.isEmpty() ? 2 : 0;
    }
    const QString command = args.takeFirst();
    const std::map<QString, int (*)(const QStringList&)> commands{
        {"summary", runSummary},
        {"init", runInit},
        {"eval", runEval},
        {"grad", runGrad},
        {"train", runTrain},
        {"inspect", runInspect},
        {"convert", runConvert},
        {"export-code", runExportCode},
        {"export-data", runExportData},
        {"collapse", runCollapse},
    };
    try {
        if (command == "demo")
            return runDemo(std::cout);
        const auto it = commands.find(command);
        if (it == commands.end())
            throw UsageError("unknown command '" + command.toStdString() + "'");
        return it->second(args);
    } catch (const UsageError& e) {
        std::cerr << "linearlab-cli: " << e.what() << "\n" << kUsage;
        return 2;
    } catch (const std::bad_alloc&) {
        // Whatever asked for it was bigger than the machine could give; the
        // exception's own text ("std::bad_alloc") tells the user nothing.
        std::cerr << "linearlab-cli: " << command.toStdString()
                  << ": out of memory: the input needs more memory than this machine has\n";
        return 1;
    } catch (const std::exception& e) {
        // One line naming the problem, or PyTorch's own multi-line text.
        std::cerr << "linearlab-cli: " << io::errorText(e.what()) << "\n";
        return 1;
    }
}

}  // namespace linearlab::cli
