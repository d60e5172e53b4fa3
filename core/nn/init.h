#pragma once
// torch.nn.init, with PyTorch's formulas, gains and fan computations. Bounds and
// stds are computed in double exactly as torch/nn/init.py computes them and the
// fills run PyTorch 1.13's CPU kernels operation for operation (torch_math.h), so
// that under the same seed every random init but orthogonal_ gives PyTorch's
// values bit for bit, in float32 and float64, for every tensor size.
#include "core/nn/generator.h"
#include "core/nn/parameter.h"

#include <optional>
#include <string>
#include <utility>

namespace linearlab::nn::init {

/// torch.nn.init.calculate_gain(nonlinearity, param). Throws std::invalid_argument
/// ("Unsupported nonlinearity tanhh") for names PyTorch does not know.
double calculateGain(const std::string& nonlinearity, std::optional<double> param = std::nullopt);

/// (fan_in, fan_out) as _calculate_fan_in_and_fan_out: fan_in = size(1) * receptive
/// field, fan_out = size(0) * receptive field. Needs at least 2 dimensions.
std::pair<Index, Index> calculateFanInAndFanOut(const Shape& shape);

/// The bound kaiming_uniform_ draws within: gain / sqrt(fan) * sqrt(3), with gain =
/// calculateGain(nonlinearity, a) and fan by `mode` ("fan_in" or "fan_out").
double kaimingUniformBound(const Shape& shape, double a, const std::string& mode,
                           const std::string& nonlinearity);
/// The std kaiming_normal_ draws with: gain / sqrt(fan).
double kaimingNormalStd(const Shape& shape, double a, const std::string& mode,
                        const std::string& nonlinearity);
/// The std of xavier_normal_: gain * sqrt(2 / (fan_in + fan_out)); xavier_uniform_'s
/// bound is sqrt(3) times it.
double xavierStd(const Shape& shape, double gain);

/// Fills `n` elements at `data` (PyTorch's memory order) as tensor.uniform_(from, to).
template <typename T>
void uniformFill(T* data, Index n, double from, double to, Generator& gen);
/// Fills `n` elements as tensor.normal_(mean, std) on PyTorch's CPU path: 16 or
/// more by normal_fill (float: its AVX2 version), fewer one normal_distribution
/// sample at a time, sharing the generator's cached value.
template <typename T>
void normalFill(T* data, Index n, double mean, double std, Generator& gen);

template <typename T>
void uniform_(Parameter<T>& p, double a, double b, Generator& gen);
template <typename T>
void normal_(Parameter<T>& p, double mean, double std, Generator& gen);
template <typename T>
void constant_(Parameter<T>& p, double val);
template <typename T>
void zeros_(Parameter<T>& p);
template <typename T>
void ones_(Parameter<T>& p);
/// Identity matrix; 2-D parameters only.
template <typename T>
void eye_(Parameter<T>& p);
template <typename T>
void xavier_uniform_(Parameter<T>& p, double gain, Generator& gen);
template <typename T>
void xavier_normal_(Parameter<T>& p, double gain, Generator& gen);
/// mode: "fan_in" or "fan_out"; nonlinearity as calculateGain. A zero-element
/// tensor is left alone (PyTorch warns "Initializing zero-element tensors is a no-op").
template <typename T>
void kaiming_uniform_(Parameter<T>& p, double a, const std::string& mode,
                      const std::string& nonlinearity, Generator& gen);
template <typename T>
void kaiming_normal_(Parameter<T>& p, double a, const std::string& mode,
                     const std::string& nonlinearity, Generator& gen);
/// Normal(mean, std) truncated to [a, b] by inverse-CDF sampling, as PyTorch does.
template <typename T>
void trunc_normal_(Parameter<T>& p, double mean, double std, double a, double b, Generator& gen);
/// (Semi-)orthogonal matrix from the QR decomposition of a normal matrix, times gain.
/// The normal matrix is PyTorch's bit for bit; the QR is Eigen's Householder QR
/// where PyTorch calls LAPACK's (geqrf/orgqr), which orders its rounding
/// differently, so Q agrees to rounding only: measured within 1.5e-6 (float32) and
/// 3.4e-15 (float64) per element up to 256 x 256, growing with size and condition.
template <typename T>
void orthogonal_(Parameter<T>& p, double gain, Generator& gen);

}  // namespace linearlab::nn::init
