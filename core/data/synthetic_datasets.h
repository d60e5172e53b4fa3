#pragma once
// Generated datasets for the lab: teachers whose weights a student Linear can
// recover, 2-D classification toys whose decision regions are easy to see, and
// small regression curves. Every one is a pure function of its options and seed.
#include "core/data/dataset.h"
#include "core/data/synthetic_dataset_table.h"
#include "core/data/synthetic_options.h"

namespace linearlab::data {

/// Builds the named dataset from Generator(options.seed). Shapes:
///   teacher           x (N, in_features) ~ N(0, 1); y (N, out_features) = Linear(x) + noise
///   bilinear-teacher  x (N, in_features) ~ N(0, 1); y (N, out_features) = Bilinear(x, x) + noise
///   circles, xor, moons  x (N, 2); y (N, 1) in {0, 1}
///   blobs, spiral     x (N, 2); y (N, 1) in {0 .. classes-1}
///   sine              x (N, 1) ~ U[-pi, pi); y (N, 1) = sin x + noise
///   plane             x (N, 2) ~ U[-1, 1); y (N, 1) = 2 x1 - 3 x2 + 0.5 + noise
/// The teachers draw as PyTorch draws a tensor of type T (seed 0 gives the data of
/// `torch.manual_seed(0); x = torch.randn(n, 20); nn.Linear(20, 40)`); the other
/// sets are drawn in double and rounded to T.
/// Classification samples cycle through the classes (sample i has class i % k),
/// so classes are balanced and interleaved in file order.
/// Throws std::invalid_argument for an unknown dataset (listing the known ones)
/// and for bad values, naming the field ("samples must be positive, got 0"), and
/// nn::MemoryLimitError, before generating anything, when the dataset would
/// exceed the memory limit (checkSyntheticMemory).
template <typename T>
Dataset<T> makeSyntheticDataset(const SyntheticOptions& options);

extern template Dataset<float> makeSyntheticDataset<float>(const SyntheticOptions&);
extern template Dataset<double> makeSyntheticDataset<double>(const SyntheticOptions&);

}  // namespace linearlab::data
