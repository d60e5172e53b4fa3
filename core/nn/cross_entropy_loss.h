#pragma once
#include "core/nn/loss.h"

#include <optional>
#include <vector>

namespace linearlab::nn {

/// torch.nn.CrossEntropyLoss's keyword arguments, with PyTorch 1.13's defaults.
struct CrossEntropyOptions {
    std::vector<double> weight;  ///< one per class; empty: None
    long long ignore_index = -100;
    double label_smoothing = 0.0;
    Reduction reduction = Reduction::Mean;
};

/// torch.nn.CrossEntropyLoss: log_softmax over the C classes (max-subtracted, as
/// PyTorch computes it), then against class indices nll_loss (weighted by
/// weight[target], rows whose target is ignore_index left out, the mean divided by
/// the total weight) or against class probabilities -sum_c w_c t_c log p_c (the mean
/// over rows). label_smoothing mixes each target with the uniform distribution.
template <typename T>
class CrossEntropyLoss : public Loss<T> {
public:
    /// Throws std::invalid_argument for label_smoothing > 1, in torch's words.
    explicit CrossEntropyLoss(CrossEntropyOptions options = {});
    const CrossEntropyOptions& options() const { return m_options; }

    std::string typeName() const override { return "CrossEntropyLoss"; }
    bool classification() const override { return true; }
    void checkOutputShape(Index rows, Index cols) const override;

    /// How the target is read: Auto takes an (N, C) target of a C > 1 output as
    /// probabilities and an (N, 1) one as indices; shapedLoss(), which knows the
    /// target's dtype, says which.
    enum class Targets { Auto, Indices, Probabilities };
    void setTargets(Targets targets) { m_targets = targets; }

protected:
    /// output: (N, C) logits; target: (N, 1) class indices in [0, C) or (N, C)
    /// probabilities -> loss; gradOutput: (N, C); elements: (N, 1). Throws
    /// std::invalid_argument in torch's words ("Target 5 is out of bounds.").
    T compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
              Matrix<T>* elements) override;

private:
    bool probabilities(const Matrix<T>& output, const Matrix<T>& target) const;
    void checkWeight(Index classes, bool probabilities) const;
    /// Validates shapes and every index; returns the total weight of the rows that count.
    T checkIndices(const Matrix<T>& output, const Matrix<T>& target) const;
    T classWeight(Index c) const { return m_weight.size() ? m_weight(c) : T(1); }
    T computeIndices(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
                     Matrix<T>* elements);
    T computeProbabilities(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
                           Matrix<T>* elements);

    CrossEntropyOptions m_options;
    RowVector<T> m_weight;
    Targets m_targets = Targets::Auto;
};

extern template class CrossEntropyLoss<float>;
extern template class CrossEntropyLoss<double>;

}  // namespace linearlab::nn
