#include "ui/node_info.h"

#include "core/nn/network.h"

#include <QStringList>

namespace linearlab::ui {

namespace {

/// PyTorch's repr of one node, taken from the real module so it never drifts
/// from the core's: a tiny network that holds just this node (a Bilinear also
/// gets a Linear in front so its two inputs can differ in width).
QString reprOf(const nn::LayerSpec& spec) {
    try {
        nn::Generator gen(0);
        if (spec.type == "Bilinear") {
            nn::LayerSpec front;
            front.type = "Linear";
            front.in_features = spec.in2_features;
            front.out_features = spec.in1_features;
            nn::LayerSpec bilinear = spec;
            bilinear.input2 = nn::SecondInput::input();
            bilinear.init.reset();
            nn::Network<float> net(spec.in2_features, {front, bilinear}, {}, gen);
            return QString::fromStdString(net.module(1).repr());
        }
        nn::LayerSpec alone = spec;
        alone.init.reset();
        const nn::Index in = spec.type == "Linear" || spec.type == "NonDynamicallyQuantizableLinear"
                                 ? spec.in_features
                                 : 1;
        nn::Network<float> net(in, {alone}, {}, gen);
        return QString::fromStdString(net.module(0).repr());
    } catch (const std::exception&) {
        return QString::fromStdString(spec.type) + QStringLiteral("(...)");
    }
}

}  // namespace

QString shapeText(const nn::Shape& shape) {
    QStringList parts;
    for (nn::Index d : shape)
        parts << QString::number(d);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

std::vector<NodeInfo> describeNodes(const train::Design& design) {
    const auto shapes = nn::inferShapes({design.batch.size, design.inputFeatures}, design.layers);
    std::vector<NodeInfo> infos(design.layers.size());
    nn::Index previousWidth = design.inputFeatures;
    for (size_t i = 0; i < design.layers.size(); ++i) {
        const nn::LayerSpec& spec = design.layers[i];
        NodeInfo& info = infos[i];
        info.repr = reprOf(spec);
        if (i < shapes.size()) {
            info.error = QString::fromStdString(shapes[i].error);
            if (!shapes[i].output.empty())
                info.shape = shapeText(shapes[i].output);
        }
        const int64_t bias = spec.bias ? spec.out_features : 0;
        if (spec.type == "Linear" || spec.type == "NonDynamicallyQuantizableLinear")
            info.parameters = spec.out_features * spec.in_features + bias;
        else if (spec.type == "LazyLinear")
            // Counted with the in_features the first batch will give it.
            info.parameters = previousWidth > 0 ? spec.out_features * previousWidth + bias : 0;
        else if (spec.type == "Bilinear")
            info.parameters = spec.out_features * spec.in1_features * spec.in2_features + bias;
        previousWidth =
            i < shapes.size() && !shapes[i].output.empty() ? shapes[i].output.back() : 0;
    }
    return infos;
}

QString firstNodeError(const std::vector<NodeInfo>& infos) {
    for (size_t i = 0; i < infos.size(); ++i)
        if (!infos[i].error.isEmpty())
            return QStringLiteral("node %1: %2").arg(i).arg(infos[i].error);
    return {};
}

}  // namespace linearlab::ui
