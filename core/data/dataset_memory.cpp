#include "core/data/dataset_memory.h"

#include "core/data/synthetic_dataset_table.h"
#include "core/nn/plural.h"

namespace linearlab::data {

namespace {

using nn::addBytes;
using nn::mulBytes;
using nn::toBytes;

/// a * b values, saturating.
Bytes values(Index a, Index b) {
    return mulBytes(toBytes(a), toBytes(b));
}

constexpr Bytes kClassName = sizeof(std::string);
constexpr Bytes kIndex = sizeof(Index);

}  // namespace

DatasetShape syntheticShape(const SyntheticOptions& o) {
    const SyntheticDatasetInfo& info = syntheticDataset(o.dataset);
    DatasetShape s;
    s.samples = o.samples;
    s.features = inputFeatures(o);
    s.targets = info.takesFeatures ? o.out_features : 1;
    s.classes = numClasses(o);
    s.classification = info.classification;
    return s;
}

Bytes datasetBytes(const DatasetShape& s, Bytes elementSize) {
    const Bytes samples =
        mulBytes(values(s.samples, nn::saturatingSum(s.features, s.targets)), elementSize);
    return addBytes(samples, mulBytes(toBytes(s.classes), kClassName));
}

Bytes datasetTrainingBytes(const DatasetShape& s, Bytes elementSize) {
    const Bytes one = datasetBytes(s, elementSize);
    // The split's two parts hold every sample once between them and the class
    // names each; randperm for the split, the chosen indices, the loader's order.
    Bytes total = addBytes(one, one);
    total = addBytes(total, mulBytes(toBytes(s.classes), kClassName));
    return addBytes(total, mulBytes(toBytes(s.samples), 3 * kIndex));
}

std::string describeSamples(const DatasetShape& s) {
    std::string text = nn::countOf(s.samples, "sample", "samples") + " of " +
                       nn::countOf(s.features, "feature", "features");
    if (!s.classification)
        text += " and " + nn::countOf(s.targets, "target", "targets");
    return text;
}

SyntheticMemory syntheticMemory(const SyntheticOptions& o, Bytes elementSize) {
    const SyntheticDatasetInfo& info = syntheticDataset(o.dataset);
    const bool noisy = (o.noise ? *o.noise : info.noise) != 0.0;
    const Index in = o.in_features, out = o.out_features;
    Bytes perSample = 0, fixed = 0;
    SyntheticMemory m;
    if (o.dataset == "teacher" || o.dataset == "bilinear-teacher") {
        const bool bilinear = o.dataset == "bilinear-teacher";
        // x, y = teacher(x), the noise added to y, and for Bilinear its outer products.
        Bytes perRow = addBytes(toBytes(in), toBytes(out));
        if (noisy)
            perRow = addBytes(perRow, toBytes(out));
        if (bilinear)
            perRow = addBytes(perRow, values(in, in));
        perSample = mulBytes(perRow, elementSize);
        // The teacher's weight and bias, with their gradients.
        const Bytes weights = bilinear ? mulBytes(values(out, in), toBytes(in)) : values(out, in);
        fixed = mulBytes(mulBytes(addBytes(weights, toBytes(out)), 2), elementSize);
    } else {
        // Drawn in double (x, y and the noise on x or y), then rounded to T.
        const Index width = inputFeatures(o);
        const Index noiseColumns = noisy ? (info.classification ? width : 1) : 0;
        perSample = mulBytes(addBytes(toBytes(width + 1), toBytes(noiseColumns)), sizeof(double));
        const bool rounded = elementSize != sizeof(double);
        if (rounded)
            perSample = addBytes(perSample, mulBytes(toBytes(width + 1), elementSize));
        m.classNames = mulBytes(toBytes(numClasses(o)), rounded ? 2 * kClassName : kClassName);
    }
    m.total = addBytes(addBytes(mulBytes(perSample, toBytes(o.samples)), fixed), m.classNames);
    m.oneSample = addBytes(addBytes(perSample, fixed), m.classNames);
    return m;
}

void checkSyntheticMemory(const SyntheticOptions& o, Bytes elementSize) {
    const SyntheticMemory m = syntheticMemory(o, elementSize);
    if (m.total <= nn::memoryLimit())
        return;
    const SyntheticDatasetInfo& info = syntheticDataset(o.dataset);
    if (info.takesClasses && m.classNames > nn::memoryLimit())
        nn::checkMemory(m.classNames, "data.classes",
                        o.dataset + " with " + nn::countOf(o.classes, "class", "classes"), false,
                        " for class names");
    const DatasetShape shape = syntheticShape(o);
    std::string field = "data.samples";
    if (info.takesFeatures && m.oneSample > nn::memoryLimit())
        field = o.in_features >= o.out_features ? "data.in_features" : "data.out_features";
    nn::checkMemory(m.total, field, describeSamples(shape), shape.samples != 1);
}

}  // namespace linearlab::data
