// Writes the state dicts check_pytorch_interop.py verifies in PyTorch and
// NumPy: every weight format LinearLab exports, from known values.
//   export_weights_sample <output directory>
#include "core/io/weights_file.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>
#include <exception>
#include <vector>

using namespace linearlab::io;

namespace {

// Tensor k's element i is (k + 1) / 2 +- i / 4: exact in float32, and the
// Python side computes the same numbers.
NamedTensor tensor(const std::string& name, linearlab::nn::Shape shape, int k) {
    NamedTensor t;
    t.name = name;
    t.shape = std::move(shape);
    std::int64_t n = 1;
    for (auto d : t.shape)
        n *= d;
    std::vector<float> v;
    for (std::int64_t i = 0; i < n; ++i)
        v.push_back(0.5f * static_cast<float>(k + 1) +
                    0.25f * static_cast<float>(i) * (i % 2 ? -1.0f : 1.0f));
    t.values = std::move(v);
    return t;
}

// A float64 tensor: element i is (k + 1) / 3 +- 0.1 i, which float32 cannot
// hold, computed as the Python side computes it.
NamedTensor tensor64(const std::string& name, linearlab::nn::Shape shape, int k) {
    NamedTensor t;
    t.name = name;
    t.dtype = "float64";
    t.shape = std::move(shape);
    std::int64_t n = 1;
    for (auto d : t.shape)
        n *= d;
    std::vector<double> v;
    for (std::int64_t i = 0; i < n; ++i)
        v.push_back(static_cast<double>(k + 1) / 3.0 +
                    0.1 * static_cast<double>(i) * (i % 2 ? -1.0 : 1.0));
    t.values = std::move(v);
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: export_weights_sample <output directory>\n");
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    try {
        if (!QDir().mkpath(dir.path()))
            throw std::runtime_error("cannot create " + dir.path().toStdString());
        // nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
        const StateDict model{tensor("0.weight", {2, 3}, 0), tensor("0.bias", {2}, 1),
                              tensor("2.weight", {1, 2}, 2), tensor("2.bias", {1}, 3)};
        // nn.Bilinear(3, 4, 2)
        const StateDict bilinear{tensor("weight", {2, 3, 4}, 0), tensor("bias", {2}, 1)};
        const StateDict edge{tensor("empty_rows", {0, 3}, 0), tensor("empty_cols", {3, 0}, 1),
                             tensor("scalar", {}, 2), tensor("rank4", {2, 1, 3, 2}, 3)};
        // The same network in float64, as a float64 design exports it.
        const StateDict model64{tensor64("0.weight", {2, 3}, 0), tensor64("0.bias", {2}, 1),
                                tensor64("2.weight", {1, 2}, 2), tensor64("2.bias", {1}, 3)};
        for (const char* ext : {"safetensors", "pt", "npz", "json", "csv"}) {
            writeWeights(dir.filePath(QString("model.") + ext), model);
            writeWeights(dir.filePath(QString("model64.") + ext), model64);
            writeWeights(dir.filePath(QString("bilinear.") + ext), bilinear);
            writeWeights(dir.filePath(QString("edge.") + ext), edge);
        }
        writeWeights(dir.filePath("weight.npy"), {bilinear[0]});
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
