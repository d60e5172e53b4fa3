#pragma once
// A dataset held in memory as two row-major matrices, one sample per row, so a
// batch is a block of rows and the trainer never reshapes.
#include "core/nn/tensor.h"

#include <string>
#include <vector>

namespace linearlab::data {

using nn::Index;

/// x: (N, features). y: (N, targets) for regression, or (N, 1) holding class
/// indices 0 .. numClasses-1 (as CrossEntropyLoss's target) for classification.
template <typename T>
struct Dataset {
    nn::Matrix<T> x;
    nn::Matrix<T> y;
    bool classification = false;
    Index numClasses = 0;
    /// Label of each class index; empty for regression.
    std::vector<std::string> classNames;
    std::string name;

    Index size() const { return x.rows(); }
    Index features() const { return x.cols(); }
    Index targets() const { return y.cols(); }

    /// The same data in another scalar type (a float32 copy of a CSV parsed in double).
    template <typename U>
    Dataset<U> cast() const {
        Dataset<U> out;
        out.x = x.template cast<U>();
        out.y = y.template cast<U>();
        out.classification = classification;
        out.numClasses = numClasses;
        out.classNames = classNames;
        out.name = name;
        return out;
    }

    /// The samples at `rows`, in that order: x (rows.size(), features).
    Dataset subset(const std::vector<Index>& rows) const;
};

extern template struct Dataset<float>;
extern template struct Dataset<double>;

}  // namespace linearlab::data
