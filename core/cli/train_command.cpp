#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/dataset_file.h"
#include "core/io/line_log.h"
#include "core/io/network_state.h"
#include "core/io/project_file.h"
#include "core/nn/plural.h"
#include "core/nn/python_format.h"
#include "core/train/trainer.h"
#include "core/train/training_memory.h"

#include <QFileInfo>

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <limits>

namespace linearlab::cli {

namespace {

/// "[#########.........]  45%  epoch 3  step 120  loss 0.01234" on one terminal line.
void drawProgress(double fraction, nn::Index epoch, nn::Index step, double loss) {
    const int width = 30;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(width - filled), '.');
    std::fprintf(stderr, "\r[%s] %3d%%  epoch %lld  step %lld  loss %.6g ", bar.c_str(),
                 static_cast<int>(fraction * 100), static_cast<long long>(epoch),
                 static_cast<long long>(step), loss);
    std::fflush(stderr);
}

/// The steps this run takes before its limits, for the progress bar: `limits` as
/// the trainer applies them from (step, epoch), counted from there when
/// `extended`, else from zero. An epoch limit counts whole epochs, as a
/// restored run starts its data order at the beginning of one.
nn::Index stepsToTake(const train::TrainSpec& limits, bool extended, nn::Index step,
                      nn::Index epoch, nn::Index batchesPerEpoch) {
    nn::Index steps = std::numeric_limits<nn::Index>::max();
    if (limits.steps > 0)
        steps = extended ? limits.steps : limits.steps - step;
    if (limits.epochs > 0)
        steps = std::min(steps, (extended ? limits.epochs : limits.epochs - epoch) *
                                    std::max<nn::Index>(1, batchesPerEpoch));
    return std::max<nn::Index>(1, steps);
}

/// --export FILE: a project (*.linearlab) holds the design as trained, the weights
/// and the progress, so the GUI opens the run where it stopped; any other file
/// gets the weights alone, in the format its extension names.
template <typename T>
void exportRun(train::Trainer<T>& trainer, const train::Design& design, const QString& path) {
    if (!io::isProjectFile(path)) {
        exportWeights(trainer.network(), path);
        return;
    }
    io::Project project;
    project.design = design;
    project.weights = io::stateDictOf(trainer.network());
    project.progress = trainer.progress();
    io::writeProject(path, project);
}

}  // namespace

// train DESIGN [--weights FILE] [--data FILE] [--epochs N] [--steps N] [--seed S]
//              [--export FILE] [--log-jsonl FILE]
// DESIGN may be a project: with its own weights (no --weights) the run goes on
// from its step, and --epochs/--steps then count from there.
int runTrain(const QStringList& args) {
    QCommandLineParser parser;
    parser.addOption({"weights",
                      "initial weights (a weights file or a project) instead of the seeded init",
                      "FILE"});
    parser.addOption({"data", "a .csv or .npz (x, y) replacing the design's dataset", "FILE"});
    parser.addOption({"epochs",
                      "epochs to train (default: the design's, else 1); N more when "
                      "continuing a project",
                      "N"});
    parser.addOption(
        {"steps", "stop after N optimizer steps; N more when continuing a project", "N"});
    parser.addOption({"seed", "torch.manual_seed value (default: the design's init.seed)", "S"});
    parser.addOption(
        {"export", "write the final weights here; a .linearlab gets the whole project", "FILE"});
    parser.addOption({"log-jsonl", "write one JSON line per step: step, epoch, loss, lr", "FILE"});
    addDtypeOption(parser);
    parseArguments(parser, "train", args, {"DESIGN"});

    const io::Project project = io::readDesignOrProject(parser.positionalArguments().at(0));
    train::Design design = project.design;
    design.seed = seedOption(parser, design.seed);
    design.dtype = dtypeOption(parser, design.dtype);
    if (parser.isSet("data"))
        design.data.file = parser.value("data").toStdString();
    // What an exported project records: the seed and the data this run used (the
    // file by its absolute path, so the GUI finds it from any directory), but the
    // design's own limits, not how long this one run was told to last.
    train::Design trained = design;
    if (parser.isSet("data"))
        trained.data.file = QFileInfo(parser.value("data")).absoluteFilePath().toStdString();
    if (parser.isSet("epochs"))
        design.train.epochs = integerOption(parser, "epochs");
    if (parser.isSet("steps"))
        design.train.steps = integerOption(parser, "steps");
    if (parser.isSet("steps") && !parser.isSet("epochs"))
        design.train.epochs = 0;
    if (design.train.epochs == 0 && design.train.steps == 0)
        design.train.epochs = 1;

    // Before the data is made or read: a design or a dataset too big for the
    // memory limit fails here, in its own words, instead of allocating.
    train::checkDesignMemory(design);
    // Everything in the design's dtype: the data, the network, the optimizer.
    return withDtype(design.dtype, [&](auto zero) {
        using T = decltype(zero);
        train::Trainer<T> trainer(design, io::loadDataset<T>(design.data));
        const StartingWeights starting = loadStartingWeights(trainer.network(), parser, project);
        if (starting != StartingWeights::SeededInit)
            trainer.parametersReplaced();
        // A project's own weights continue its run, as reopening it in the GUI does;
        // other weights start a new one at step 0, as loading them there does.
        bool extended = false;
        if (starting == StartingWeights::Project) {
            trainer.restoreProgress(project.progress);
            // --epochs/--steps N are N more. Without them the design's limits count
            // from zero, and a run already at them goes on for as long again, as
            // pressing Train on a finished run does.
            extended = parser.isSet("epochs") || parser.isSet("steps") ||
                       trainer.state() == train::TrainState::Finished;
            if (extended)
                trainer.extendLimits();
        }

        // Open the log before training so a bad path fails before any work is done.
        // Each line reaches the file as it is logged, so a killed run keeps its log;
        // a line that cannot be written stops training (the exception leaves trainStep).
        std::unique_ptr<io::LineLog> log;
        if (parser.isSet("log-jsonl"))
            log = std::make_unique<io::LineLog>(parser.value("log-jsonl"));
        const bool terminal = isatty(fileno(stderr));
        const nn::Index batchesPerEpoch =
            design.batch.drop_last
                ? trainer.trainSet().size() / design.batch.size
                : (trainer.trainSet().size() + design.batch.size - 1) / design.batch.size;
        const nn::Index firstStep = trainer.stepCount();
        const nn::Index totalSteps =
            stepsToTake(design.train, extended, firstStep, trainer.epochCount(), batchesPerEpoch);
        trainer.setStepCallback([&](nn::Index step, nn::Index epoch, double loss) {
            if (log) {
                const std::string line =
                    "{\"step\": " + std::to_string(step) + ", \"epoch\": " + std::to_string(epoch) +
                    ", \"loss\": " + nn::pythonFloat(loss) +
                    ", \"lr\": " + nn::pythonFloat(trainer.stepLearningRate()) + "}\n";
                log->append(line);
            }
            const nn::Index taken = step - firstStep;
            if (terminal && (taken % 10 == 0 || taken == totalSteps))
                drawProgress(
                    std::min(1.0, static_cast<double>(taken) / static_cast<double>(totalSteps)),
                    epoch, step, loss);
        });

        while (trainer.trainStep()) {
        }
        if (terminal)
            std::fprintf(stderr, "\n");
        if (log)
            log->finish();
        if (!trainer.failure().empty()) {
            std::cerr << "linearlab-cli: " << trainer.failure() << "\n";
            if (parser.isSet("export"))
                exportRun(trainer, trained, parser.value("export"));
            return 1;
        }
        trainer.evaluate();
        std::cout << "trained " << nn::countOf(trainer.stepCount(), "step", "steps") << " ("
                  << nn::countOf(trainer.epochCount(), "epoch", "epochs") << "): loss "
                  << nn::pythonFloat(trainer.trainLoss());
        if (trainer.validationSet().size() > 0)
            std::cout << ", validation loss " << nn::pythonFloat(trainer.validationLoss());
        std::cout << "\n";
        if (parser.isSet("export"))
            exportRun(trainer, trained, parser.value("export"));
        return 0;
    });
}

}  // namespace linearlab::cli
