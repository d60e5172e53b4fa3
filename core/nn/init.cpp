#include "core/nn/init.h"

#include "core/nn/torch_math.h"

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace linearlab::nn::init {

double calculateGain(const std::string& nonlinearity, std::optional<double> param) {
    static const char* const kUnitGain[] = {
        "linear",           "conv1d",           "conv2d",           "conv3d",
        "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid"};
    for (const char* name : kUnitGain)
        if (nonlinearity == name)
            return 1.0;
    if (nonlinearity == "tanh")
        return 5.0 / 3;
    if (nonlinearity == "relu")
        return std::sqrt(2.0);
    if (nonlinearity == "leaky_relu") {
        const double slope = param.value_or(0.01);
        return std::sqrt(2.0 / (1 + slope * slope));
    }
    if (nonlinearity == "selu")
        return 3.0 / 4;
    throw std::invalid_argument("Unsupported nonlinearity " + nonlinearity);
}

std::pair<Index, Index> calculateFanInAndFanOut(const Shape& shape) {
    if (shape.size() < 2)
        throw std::invalid_argument(
            "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
    Index receptive = 1;
    for (size_t i = 2; i < shape.size(); ++i)
        receptive *= shape[i];
    return {shape[1] * receptive, shape[0] * receptive};
}

namespace {

// A double as PyTorch's C++ messages print it (c10::str, i.e. ostream defaults): "1", "0.75".
std::string cppNumber(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

Index correctFan(const Shape& shape, const std::string& mode) {
    if (mode != "fan_in" && mode != "fan_out")
        throw std::invalid_argument("Mode " + mode +
                                    " not supported, please use one of ['fan_in', 'fan_out']");
    const auto [fanIn, fanOut] = calculateFanInAndFanOut(shape);
    return mode == "fan_in" ? fanIn : fanOut;
}

}  // namespace

double kaimingNormalStd(const Shape& shape, double a, const std::string& mode,
                        const std::string& nonlinearity) {
    const Index fan = correctFan(shape, mode);
    const double gain = calculateGain(nonlinearity, a);
    return gain / std::sqrt(static_cast<double>(fan));
}

double kaimingUniformBound(const Shape& shape, double a, const std::string& mode,
                           const std::string& nonlinearity) {
    return std::sqrt(3.0) * kaimingNormalStd(shape, a, mode, nonlinearity);
}

double xavierStd(const Shape& shape, double gain) {
    const auto [fanIn, fanOut] = calculateFanInAndFanOut(shape);
    return gain * std::sqrt(2.0 / static_cast<double>(fanIn + fanOut));
}

namespace {

// One block of 16 uniforms to 16 normals, as PyTorch's kernel for the element type.
void normalFill16(float* data, float mean, float std) {
    torchmath::normalFill16Avx2(data, mean, std);
}
void normalFill16(double* data, double mean, double std) {
    torchmath::normalFill16(data, mean, std);
}

}  // namespace

template <typename T>
void uniformFill(T* data, Index n, double from, double to, Generator& gen) {
    if (!(from <= to))
        throw std::invalid_argument(
            "uniform_ expects to return a [from, to) range, but found from=" + cppNumber(from) +
            " > to=" + cppNumber(to));
    const T f = static_cast<T>(from);
    const T t = static_cast<T>(to);
    for (Index i = 0; i < n; ++i)
        data[i] = uniformSample<T>(gen, f, t);
}

template <typename T>
void normalFill(T* data, Index n, double mean, double std, Generator& gen) {
    if (!(std >= 0))
        throw std::invalid_argument("normal expects std >= 0.0, but found std " + cppNumber(std));
    if (n >= 16) {
        // normal_kernel's contiguous path (normal_fill_AVX2 for float, normal_fill
        // for double): every uniform first, then Box-Muller in blocks of 16; a
        // ragged tail recomputes the last 16 from 16 fresh uniforms.
        const T m = static_cast<T>(mean), s = static_cast<T>(std);
        for (Index i = 0; i < n; ++i)
            data[i] = uniformSample<T>(gen, T(0), T(1));
        for (Index i = 0; i + 16 <= n; i += 16)
            normalFill16(data + i, m, s);
        if (n % 16 != 0) {
            T* tail = data + n - 16;
            for (Index i = 0; i < 16; ++i)
                tail[i] = uniformSample<T>(gen, T(0), T(1));
            normalFill16(tail, m, s);
        }
        return;
    }
    // Fewer than 16: one at::normal_distribution<double> sample per element.
    for (Index i = 0; i < n; ++i)
        data[i] = static_cast<T>(gen.normalDouble(mean, std));
}

template <typename T>
void uniform_(Parameter<T>& p, double a, double b, Generator& gen) {
    uniformFill(p.data(), p.numel(), a, b, gen);
}

template <typename T>
void normal_(Parameter<T>& p, double mean, double std, Generator& gen) {
    normalFill(p.data(), p.numel(), mean, std, gen);
}

template <typename T>
void constant_(Parameter<T>& p, double val) {
    p.value.setConstant(static_cast<T>(val));
}

template <typename T>
void zeros_(Parameter<T>& p) {
    p.value.setZero();
}

template <typename T>
void ones_(Parameter<T>& p) {
    p.value.setOnes();
}

template <typename T>
void eye_(Parameter<T>& p) {
    if (p.shape.size() != 2)
        throw std::invalid_argument("Only tensors with 2 dimensions are supported");
    p.value.setIdentity();
}

template <typename T>
void xavier_uniform_(Parameter<T>& p, double gain, Generator& gen) {
    const double a = std::sqrt(3.0) * xavierStd(p.shape, gain);
    uniform_(p, -a, a, gen);
}

template <typename T>
void xavier_normal_(Parameter<T>& p, double gain, Generator& gen) {
    normal_(p, 0.0, xavierStd(p.shape, gain), gen);
}

template <typename T>
void kaiming_uniform_(Parameter<T>& p, double a, const std::string& mode,
                      const std::string& nonlinearity, Generator& gen) {
    if (p.numel() == 0)
        return;
    const double bound = kaimingUniformBound(p.shape, a, mode, nonlinearity);
    uniform_(p, -bound, bound, gen);
}

template <typename T>
void kaiming_normal_(Parameter<T>& p, double a, const std::string& mode,
                     const std::string& nonlinearity, Generator& gen) {
    if (p.numel() == 0)
        return;
    normal_(p, 0.0, kaimingNormalStd(p.shape, a, mode, nonlinearity), gen);
}

namespace {

// torch.nn.init's norm_cdf, in Python's double arithmetic.
double normCdf(double x) {
    return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0;
}

}  // namespace

template <typename T>
void trunc_normal_(Parameter<T>& p, double mean, double std, double a, double b, Generator& gen) {
    // _no_grad_trunc_normal_: uniform_ in [2l-1, 2u-1], then the in-place ops
    // erfinv_, mul_, add_ and clamp_ in that order, each rounded to T.
    const double l = normCdf((a - mean) / std);
    const double u = normCdf((b - mean) / std);
    uniform_(p, 2 * l - 1, 2 * u - 1, gen);
    const T scale = static_cast<T>(std * std::sqrt(2.0));
    const T shift = static_cast<T>(mean);
    const T lo = static_cast<T>(a), hi = static_cast<T>(b);
    T* data = p.data();
    for (Index i = 0; i < p.numel(); ++i) {
        T v = torchmath::erfinv(data[i]);
        v = v * scale;
        v = v + shift;
        data[i] = std::min(std::max(v, lo), hi);
    }
}

template <typename T>
void orthogonal_(Parameter<T>& p, double gain, Generator& gen) {
    if (p.shape.size() < 2)
        throw std::invalid_argument("Only tensors with 2 or more dimensions are supported");
    if (p.numel() == 0)
        return;
    const Index rows = p.shape[0];
    const Index cols = p.numel() / rows;
    Matrix<T> flat(rows, cols);
    normalFill(flat.data(), flat.size(), 0.0, 1.0, gen);
    using ColMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    ColMatrix m = rows < cols ? ColMatrix(flat.transpose()) : ColMatrix(flat);
    // LAPACK (PyTorch's torch.linalg.qr) and Eigen both reflect column by column,
    // but block and accumulate the reflectors differently: the same Q to within
    // rounding, not bit for bit (the tolerance is in init.h).
    Eigen::HouseholderQR<ColMatrix> qr(m);
    ColMatrix q = qr.householderQ() * ColMatrix::Identity(m.rows(), m.cols());
    const ColMatrix r = qr.matrixQR().template triangularView<Eigen::Upper>();
    // Make Q unique: multiply each column by the sign of R's diagonal.
    for (Index j = 0; j < q.cols(); ++j) {
        const T d = r(j, j);
        q.col(j) *= static_cast<T>((d > 0) - (d < 0));
    }
    Matrix<T> out = rows < cols ? Matrix<T>(q.transpose()) : Matrix<T>(q);
    p.value =
        Eigen::Map<Matrix<T>>(out.data(), p.value.rows(), p.value.cols()) * static_cast<T>(gain);
}

#define LINEARLAB_INSTANTIATE_INIT(T)                                                          \
    template void uniformFill<T>(T*, Index, double, double, Generator&);                       \
    template void normalFill<T>(T*, Index, double, double, Generator&);                        \
    template void uniform_<T>(Parameter<T>&, double, double, Generator&);                      \
    template void normal_<T>(Parameter<T>&, double, double, Generator&);                       \
    template void constant_<T>(Parameter<T>&, double);                                         \
    template void zeros_<T>(Parameter<T>&);                                                    \
    template void ones_<T>(Parameter<T>&);                                                     \
    template void eye_<T>(Parameter<T>&);                                                      \
    template void xavier_uniform_<T>(Parameter<T>&, double, Generator&);                       \
    template void xavier_normal_<T>(Parameter<T>&, double, Generator&);                        \
    template void kaiming_uniform_<T>(Parameter<T>&, double, const std::string&,               \
                                      const std::string&, Generator&);                         \
    template void kaiming_normal_<T>(Parameter<T>&, double, const std::string&,                \
                                     const std::string&, Generator&);                          \
    template void trunc_normal_<T>(Parameter<T>&, double, double, double, double, Generator&); \
    template void orthogonal_<T>(Parameter<T>&, double, Generator&);

LINEARLAB_INSTANTIATE_INIT(float)
LINEARLAB_INSTANTIATE_INIT(double)

}  // namespace linearlab::nn::init
