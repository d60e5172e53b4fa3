#include "ui/node_info.h"

#include "core/nn/layer_table.h"
#include "core/nn/network.h"

#include <QCoreApplication>

namespace linearlab::ui {

train::TrainingMemoryOptions windowMemoryOptions() {
    train::TrainingMemoryOptions options;
    options.extraParameterCopies = 2;
    return options;
}

std::vector<NodeInfo> describeNodes(const train::Design& design) {
    const auto shapes = nn::inferShapes({design.batch.size, design.inputFeatures}, design.layers);
    std::vector<NodeInfo> infos(design.layers.size());
    nn::Index previousWidth = design.inputFeatures;
    for (size_t i = 0; i < design.layers.size(); ++i) {
        const nn::LayerSpec& spec = design.layers[i];
        NodeInfo& info = infos[i];
        if (i < shapes.size()) {
            info.error = QString::fromStdString(shapes[i].error);
            if (!shapes[i].output.empty()) {
                info.shape = QString::fromStdString(nn::shapeString(shapes[i].output));
                info.width = shapes[i].output.back();
            }
        }
        const nn::LayerType* type = nn::findLayerType(spec.type);
        info.repr = type ? QString::fromStdString(type->repr(spec))
                         : QString::fromStdString(spec.type) + QStringLiteral("(...)");
        if (type)
            info.parameters = type->parameterCount(spec, previousWidth);
        previousWidth = info.width;
    }
    // Before any weight exists, so the node says it and Train stays disabled.
    try {
        train::checkParameterBudget(design, windowMemoryOptions());
    } catch (const nn::NodeError& e) {
        NodeInfo& info = infos.at(static_cast<size_t>(e.node()));
        if (info.error.isEmpty())
            info.error = QString::fromUtf8(e.what());
    }
    return infos;
}

QString firstNodeError(const std::vector<NodeInfo>& infos) {
    for (size_t i = 0; i < infos.size(); ++i)
        if (!infos[i].error.isEmpty())
            return QCoreApplication::translate("linearlab::ui::NodeInfo", "node %1: %2")
                .arg(i)
                .arg(infos[i].error);
    return {};
}

}  // namespace linearlab::ui
