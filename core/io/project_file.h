#pragma once
// *.linearlab project files: a design plus, optionally, its
// trained weights and how far training got, in one JSON document:
//
//   {"format": "linearlab-project", "version": 2,
//    "design": {... exactly a *.linearlab.json design ...},
//    "weights": [{"name": "0.weight", "dtype": "float32", "shape": [40, 20],
//                 "data": "<base64 of little-endian float32, row-major>"}, ...],
//    "history": {"step": 1200, "epoch": 15,
//                "train_loss": 0.0123, "validation_loss": 0.02,
//                "train_accuracy": null, "validation_accuracy": null,
//                "train": "<base64 of little-endian float64 (step, loss) pairs>",
//                "validation": "<same>", "accuracy": "<same, (step, accuracy)>"}}
//
// Weights are a list, not an object, because a state dict is ordered and JSON
// object keys are not ("10.weight" would sort before "2.weight"). Values travel
// as base64 so they come back bit for bit, NaN and -0.0 included, at a third of
// the size of decimal text. A LazyLinear that has not seen data yet has no
// entries and reopens lazy. The last losses are plain numbers (null before the
// first), written with the shortest text that reads back to the same double.
// Version 1 files (no last losses, no accuracy curve) still open.
//
// Saving goes through writeFileAtomically (a temporary file in the same
// directory, renamed over the old one), so a crash or a kill mid-save leaves the
// previous project whole. Loading treats the file as hostile and returns
// nothing unless all of it is valid.
#include "core/io/network_state.h"
#include "core/io/read_limits.h"
#include "core/io/state_dict.h"
#include "core/train/design.h"
#include "core/train/training_progress.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <set>
#include <vector>

namespace linearlab::io {

struct Project {
    train::Design design;
    /// The trained (or loaded) parameters, in state-dict order; none for a fresh
    /// design or one that cannot be built.
    std::optional<StateDict> weights;
    train::TrainingProgress progress;
};

/// The current project format version; older versions open, newer ones are refused.
constexpr int kProjectFormatVersion = 2;

/// The project as a JSON object. Throws std::invalid_argument for weights whose
/// values disagree with their shape.
QJsonObject projectToJson(const Project& project);
/// Parses a project object; errors name the field ("weights[1].shape: ...") and
/// are thrown as DesignError (std::invalid_argument).
/// `fractional`: the numbers the text wrote with a fraction (fractionalNumbers()),
/// so the design's layers keep their spelling (designFromJson).
Project projectFromJson(const QJsonObject& root, const ReadLimits& limits = {},
                        const std::set<std::string>* fractional = nullptr);
/// designFractions() of the project's design, at their paths in projectToJson's object.
std::set<std::string> projectFractions(const Project& project);

/// Reads a project file; every error names the file. Weights are checked
/// against the design's parameters (names and shapes, as load_state_dict(strict=True),
/// except that an unmaterialized LazyLinear may have none: LazyKeys::MayBeAbsent).
/// Throws DesignError for bad content, std::runtime_error for an unreadable file.
Project readProject(const QString& path, const ReadLimits& limits = {});
/// Writes atomically (writeFileAtomically): on failure or a crash the previous file stays intact.
void writeProject(const QString& path, const Project& project);

/// A design file (*.linearlab.json) as a project without weights or history, or a
/// project file; told apart by the "format" field, not by the file name.
Project readDesignOrProject(const QString& path, const ReadLimits& limits = {});

/// True for a project's file name, *.linearlab (as the GUI saves one): told by the
/// extension, as every weights format is.
bool isProjectFile(const QString& path);

/// The weights in a file that may be a project, and how they load.
struct WeightsOrProject {
    StateDict weights;
    /// A weights file holds every key, as load_state_dict(strict=True) wants; a
    /// project leaves out a LazyLinear that has not seen data yet.
    LazyKeys lazyKeys = LazyKeys::Required;
};

/// A project file (isProjectFile) gives the weights it holds, checked against its
/// own design as readProject checks them; any other file is read as readWeights
/// reads it. Throws std::invalid_argument "<file>: the project holds no weights"
/// for a project without any, and readProject's or readWeights' errors otherwise.
WeightsOrProject readWeightsOrProject(const QString& path, const ReadLimits& limits = {});

}  // namespace linearlab::io
