#include "core/data/synthetic_datasets.h"

#include "core/data/dataset_memory.h"
#include "core/nn/bilinear.h"
#include "core/nn/init.h"
#include "core/nn/linear.h"

#include <cmath>
#include <stdexcept>
#include <type_traits>

namespace linearlab::data {
namespace {

constexpr double kPi = 3.14159265358979323846;

template <typename T>
void addNoise(nn::Matrix<T>& m, double noise, nn::Generator& gen) {
    if (noise == 0.0 || m.size() == 0)
        return;
    // As `m += noise * torch.randn(m.shape)`.
    nn::Matrix<T> e(m.rows(), m.cols());
    nn::init::normalFill<T>(e.data(), e.size(), 0.0, 1.0, gen);
    m += static_cast<T>(noise) * e;
}

template <typename T>
void makeClassLabels(Dataset<T>& d, Index n, Index k) {
    d.classification = true;
    d.numClasses = k;
    d.y.resize(n, 1);
    for (Index i = 0; i < n; ++i)
        d.y(i, 0) = static_cast<T>(i % k);
    for (Index c = 0; c < k; ++c)
        d.classNames.push_back(std::to_string(c));
}

template <typename T>
void teacher(Dataset<T>& d, const SyntheticOptions& o, double noise, nn::Generator& gen) {
    // The order of draws is the script's: x = torch.randn(n, in); teacher =
    // nn.Linear(in, out); y = teacher(x) + noise * torch.randn(n, out).
    d.x.resize(o.samples, o.in_features);
    nn::init::normalFill<T>(d.x.data(), d.x.size(), 0.0, 1.0, gen);
    nn::Linear<T> hidden(nn::LinearOptions(o.in_features, o.out_features), gen);
    hidden.forward(d.x, d.y);
    addNoise(d.y, noise, gen);
}

template <typename T>
void bilinearTeacher(Dataset<T>& d, const SyntheticOptions& o, double noise, nn::Generator& gen) {
    d.x.resize(o.samples, o.in_features);
    nn::init::normalFill<T>(d.x.data(), d.x.size(), 0.0, 1.0, gen);
    nn::Bilinear<T> hidden(nn::BilinearOptions(o.in_features, o.in_features, o.out_features), gen);
    hidden.forward(d.x, d.x, d.y);
    addNoise(d.y, noise, gen);
}

void twoD(Dataset<double>& d, const std::string& name, const SyntheticOptions& o, double noise,
          nn::Generator& gen) {
    const Index n = o.samples;
    const Index k = numClasses(o);
    makeClassLabels(d, n, k);
    d.x.resize(n, 2);
    for (Index i = 0; i < n; ++i) {
        const Index c = i % k;
        const double u = gen.uniformDouble(0.0, 1.0);
        const double v = gen.uniformDouble(0.0, 1.0);
        double px = 0.0;
        double py = 0.0;
        if (name == "circles") {
            // Outer circle radius 1, inner 0.5 (sklearn's make_circles, factor 0.5).
            const double r = c == 0 ? 1.0 : 0.5;
            px = r * std::cos(2 * kPi * u);
            py = r * std::sin(2 * kPi * u);
        } else if (name == "moons") {
            // sklearn's make_moons: an upper half circle and a lower one shifted right.
            const double t = kPi * u;
            px = c == 0 ? std::cos(t) : 1.0 - std::cos(t);
            py = c == 0 ? std::sin(t) : 0.5 - std::sin(t);
        } else if (name == "xor") {
            // Class 0 where the coordinates share a sign: quadrants I and III.
            const double a = 0.05 + 0.95 * u;
            const double b = 0.05 + 0.95 * v;
            const bool flipA = gen.random() & 1u;
            const double sa = flipA ? -1.0 : 1.0;
            px = sa * a;
            py = (c == 0 ? sa : -sa) * b;
        } else if (name == "blobs") {
            // Centres evenly on a circle of radius 3, so blobs never coincide; the
            // spread is the noise (sklearn's cluster_std).
            const double angle = 2 * kPi * static_cast<double>(c) / static_cast<double>(k);
            px = 3.0 * std::cos(angle);
            py = 3.0 * std::sin(angle);
        } else {  // spiral: arm c turns from the centre, offset by 2 pi c / k (CS231n's toy).
            const double r = u;
            const double theta =
                2 * kPi * static_cast<double>(c) / static_cast<double>(k) + 4.0 * u;
            px = r * std::cos(theta);
            py = r * std::sin(theta);
        }
        d.x(i, 0) = px;
        d.x(i, 1) = py;
    }
    addNoise(d.x, noise, gen);
}

void regression(Dataset<double>& d, const std::string& name, const SyntheticOptions& o,
                double noise, nn::Generator& gen) {
    const Index n = o.samples;
    const bool sine = name == "sine";
    d.x.resize(n, inputFeatures(o));
    d.y.resize(n, 1);
    for (Index i = 0; i < n; ++i) {
        if (sine) {
            const double x = gen.uniformDouble(-kPi, kPi);
            d.x(i, 0) = x;
            d.y(i, 0) = std::sin(x);
        } else {
            const double x1 = gen.uniformDouble(-1.0, 1.0);
            const double x2 = gen.uniformDouble(-1.0, 1.0);
            d.x(i, 0) = x1;
            d.x(i, 1) = x2;
            // Round coefficients, so a trained Linear(2, 1) visibly recovers them.
            d.y(i, 0) = 2.0 * x1 - 3.0 * x2 + 0.5;
        }
    }
    addNoise(d.y, noise, gen);
}

}  // namespace

template <typename T>
Dataset<T> makeSyntheticDataset(const SyntheticOptions& o) {
    // The name first: an unknown dataset is the mistake to report, whatever else is set.
    const SyntheticDatasetInfo& info = syntheticDataset(o.dataset);
    const double noise = o.noise ? *o.noise : info.noise;
    if (o.samples <= 0)
        throw std::invalid_argument("samples must be positive, got " + std::to_string(o.samples));
    if (o.classes < 2)
        throw std::invalid_argument("classes must be at least 2, got " + std::to_string(o.classes));
    if (!(noise >= 0.0) || !std::isfinite(noise))
        throw std::invalid_argument("noise must be a finite value >= 0, got " +
                                    std::to_string(noise));
    if (o.in_features <= 0)
        throw std::invalid_argument("in_features must be positive, got " +
                                    std::to_string(o.in_features));
    if (o.out_features <= 0)
        throw std::invalid_argument("out_features must be positive, got " +
                                    std::to_string(o.out_features));
    // Before the first sample: an absurd size is refused here, not by std::bad_alloc.
    checkSyntheticMemory(o, sizeof(T));
    nn::Generator gen(o.seed);
    Dataset<T> d;
    d.name = o.dataset;
    if (o.dataset == "teacher")
        teacher(d, o, noise, gen);
    else if (o.dataset == "bilinear-teacher")
        bilinearTeacher(d, o, noise, gen);
    else {
        // The toys are drawn in double whatever T is, so switching the app to
        // float64 shows the same points, only less rounded.
        Dataset<double> toy;
        toy.name = o.dataset;
        if (info.classification)
            twoD(toy, o.dataset, o, noise, gen);
        else
            regression(toy, o.dataset, o, noise, gen);
        if constexpr (std::is_same_v<T, double>)
            return toy;
        else
            return toy.template cast<T>();
    }
    return d;
}

template Dataset<float> makeSyntheticDataset<float>(const SyntheticOptions&);
template Dataset<double> makeSyntheticDataset<double>(const SyntheticOptions&);

}  // namespace linearlab::data
