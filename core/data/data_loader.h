#pragma once
// torch.utils.data.DataLoader over an in-memory Dataset: batch_size, shuffle
// (a new permutation every epoch, as RandomSampler draws it), drop_last. Batches
// are copied into the caller's matrices, which keep their storage, so a training
// loop allocates nothing per batch once the first epoch has run.
#include "core/data/dataset.h"
#include "core/nn/generator.h"

#include <cstdint>
#include <vector>

namespace linearlab::data {

struct DataLoaderOptions {
    Index batch_size = 1;
    bool shuffle = false;
    bool drop_last = false;
    /// Seeds the shuffling generator, as DataLoader(...,
    /// generator=torch.Generator().manual_seed(seed)): each epoch draws one random64 (the
    /// iterator's base seed) and then randperm(N).
    uint64_t seed = 0;
};

template <typename T>
class DataLoader {
public:
    /// `dataset` is not copied and must outlive the loader. Throws
    /// std::invalid_argument for batch_size <= 0 (PyTorch's wording).
    DataLoader(const Dataset<T>& dataset, DataLoaderOptions options);
    /// A temporary dataset would dangle.
    DataLoader(Dataset<T>&&, DataLoaderOptions) = delete;

    /// Copies the next batch: xBatch (B, features), yBatch (B, targets), B =
    /// batch_size or, for a short last batch, the rest. Returns false at the end
    /// of the epoch (the matrices are then untouched); call resetEpoch() to go on.
    /// When B changes the matrices are swapped with the loader's spare pair
    /// rather than reallocated, so a short last batch costs no allocation after
    /// the first epoch; pointers into the matrices' data do not survive a call.
    bool next(nn::Matrix<T>& xBatch, nn::Matrix<T>& yBatch);

    /// Starts the next epoch: epoch() + 1 and, with shuffle, a new permutation.
    void resetEpoch();
    /// 0 for the first pass over the data.
    Index epoch() const { return m_epoch; }

    /// Takes effect from the next batch; the epoch goes on where it was.
    void setBatchSize(Index batch_size);
    Index batchSize() const { return m_options.batch_size; }

    /// len(loader): ceil(N / batch_size), or floor with drop_last.
    Index numBatches() const;
    /// Batches already taken in this epoch.
    Index batchIndex() const { return m_batch; }
    /// Samples not yet taken in this epoch.
    Index remaining() const { return m_dataset->size() - m_position; }
    /// The sample order of this epoch (identity without shuffle).
    const std::vector<Index>& order() const { return m_order; }
    const DataLoaderOptions& options() const { return m_options; }
    const Dataset<T>& dataset() const { return *m_dataset; }

private:
    void drawOrder();

    const Dataset<T>* m_dataset;
    DataLoaderOptions m_options;
    nn::Generator m_gen;
    std::vector<Index> m_order;
    std::vector<Index> m_discarded;  // the sampler's trailing draw, see resetEpoch()
    bool m_exhausted = false;        // next() has returned false this epoch
    Index m_position = 0;
    Index m_batch = 0;
    Index m_epoch = 0;
    nn::Matrix<T> m_spareX;
    nn::Matrix<T> m_spareY;
};

extern template class DataLoader<float>;
extern template class DataLoader<double>;

}  // namespace linearlab::data
