// Writes the state dicts check_pytorch_interop.py verifies in PyTorch and
// NumPy: every weight format LinearLab exports, from known values.
//   export_weights_sample <output directory>
#include "core/io/weights_file.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>
#include <exception>

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
    for (std::int64_t i = 0; i < n; ++i)
        t.values.push_back(0.5f * static_cast<float>(k + 1) +
                           0.25f * static_cast<float>(i) * (i % 2 ? -1.0f : 1.0f));
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
        for (const char* ext : {"safetensors", "pt", "npz", "json", "csv"}) {
            writeWeights(dir.filePath(QString("model.") + ext), model);
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
