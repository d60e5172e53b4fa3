#pragma once
#include "core/nn/parameter.h"

#include <array>
#include <string>
#include <vector>

namespace linearlab::nn {

/// torch.optim.Optimizer over one parameter group. step() follows torch 1.13's
/// single-tensor code paths (foreach=False) operation by operation and element by
/// element (core/nn/torch_pointwise.h), with hyper-parameters rounded to T where PyTorch
/// rounds them, so float trajectories match PyTorch's to the last bits. State buffers are allocated
/// on the first step and reused: step() does not touch the heap after that.
template <typename T>
class Optimizer {
public:
    /// Throws std::invalid_argument for an empty list ("optimizer got an empty parameter
    /// list") or a null entry. The parameters must outlive the optimizer.
    explicit Optimizer(std::vector<Parameter<T>*> params);
    virtual ~Optimizer() = default;

    /// The torch.optim class name: "SGD", "Adam", ...
    virtual std::string typeName() const = 0;
    /// One update of every parameter's value from its grad (same shape as value).
    virtual void step() = 0;
    /// As zero_grad(set_to_none=False): every grad to zero, keeping its memory.
    void zeroGrad();

    double lr() const { return m_lr; }
    /// Takes effect at the next step, as writing param_groups[0]['lr'] does. Throws
    /// std::invalid_argument ("Invalid learning rate: -0.1") for a negative rate.
    void setLr(double lr);

    /// Forgets momentum buffers, moment estimates and step counts, as a fresh
    /// optimizer would have them; keeps the buffers' memory.
    virtual void resetState() {}

    const std::vector<Parameter<T>*>& params() const { return m_params; }

protected:
    static void checkLr(double lr);
    /// The Adam family's checks, in their order: eps, betas[0], betas[1], weight_decay
    /// ("Invalid beta parameter at index 0: 1.0").
    static void checkAdamArguments(std::array<double, 2> betas, double eps, double weight_decay);
    /// Shapes `buffer` like `p`'s value and zeroes it, allocating only on a shape change.
    static void zeroLike(Matrix<T>& buffer, const Parameter<T>& p);
    /// One zeroed buffer per parameter.
    void zeroLike(std::vector<Matrix<T>>& buffers) const;

    std::vector<Parameter<T>*> m_params;
    double m_lr = 0;
};

extern template class Optimizer<float>;
extern template class Optimizer<double>;

}  // namespace linearlab::nn
