#pragma once
// A design: everything a *.linearlab.json file says, as plain values. core/io
// reads and writes it; the trainer, the CLI and the GUI use it.
//
// Naming: a field that is a PyTorch keyword keeps PyTorch's snake_case spelling
// (validation_split, drop_last, in_features), so it reads as in Python and as in
// the file; LinearLab's own fields are camelCase (inputFeatures, weightInit).
#include "core/data/synthetic_datasets.h"
#include "core/nn/dtype.h"
#include "core/nn/layer_spec.h"
#include "core/nn/loss_factory.h"
#include "core/nn/optimizer_factory.h"
#include "core/train/scheduler_options.h"

#include <cstdint>
#include <string>
#include <vector>

namespace linearlab::train {

using nn::Index;

/// "data": a generated dataset (the synthetic options) or a file, and the split.
struct DataSpec {
    data::SyntheticOptions synthetic;
    /// A CSV or .npy/.npz file to load instead of the generated dataset; empty for none.
    std::string file;
    /// CSV only: the target column (name or index); empty for the last column.
    std::string target;
    /// CSV only: class labels (text or integers) rather than numeric targets.
    bool classification = false;
    /// CSV only: z-score every feature column.
    bool standardize = false;
    /// Fraction held out for validation; 0 trains on every sample, in file order
    /// when shuffle is off.
    double validation_split = 0.2;

    bool operator==(const DataSpec& o) const;
};

/// "batch": DataLoader's keywords. PyTorch's defaults: batch_size 1, no shuffle.
struct BatchSpec {
    Index size = 1;
    bool shuffle = false;
    bool drop_last = false;

    bool operator==(const BatchSpec& o) const;
};

/// "train": how long a run lasts; 0 means no limit.
struct TrainSpec {
    Index epochs = 0;
    Index steps = 0;

    bool operator==(const TrainSpec& o) const;
};

/// Every struct here compares field by field; a new field goes into its
/// operator== too (tst_design changes each field and expects a difference).
struct Design {
    Index inputFeatures = 20;
    std::vector<nn::LayerSpec> layers;
    uint64_t seed = 0;        ///< "init.seed": torch.manual_seed before the layers are built
    nn::InitSpec weightInit;  ///< "init.weight" and its arguments
    DataSpec data;
    BatchSpec batch;
    std::string loss = "MSELoss";
    nn::LossOptions lossOptions;
    nn::OptimizerOptions optimizer;
    TrainSpec train;
    SchedulerOptions scheduler;  ///< "scheduler"; no type: none
    /// "dtype": what the network computes in, as torch.set_default_dtype before
    /// the layers are built (float32, PyTorch's default, or float64).
    nn::DType dtype = nn::DType::Float32;

    bool operator==(const Design& o) const;
};

/// The seed example: Linear(20, 40) on the teacher data, batch 128, MSELoss, SGD(lr=0.5).
Design seedExampleDesign();

}  // namespace linearlab::train
