#include "core/io/code_export.h"

#include "core/io/code_export_python.h"
#include "core/nn/layer_table.h"
#include "core/nn/network.h"
#include "core/nn/python_format.h"
#include "core/train/scheduler_table.h"

#include <cstdio>
#include <sstream>

namespace linearlab::io {

using namespace code_export_python;

namespace {

using nn::pythonBool;
using nn::pythonFloat;

/// A Python string literal for any text (file names included).
std::string pyString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string num(nn::Index v) {
    return std::to_string(v);
}

/// The torch.nn.init call for a weight `w`, or empty for "default".
std::string initCall(const nn::InitSpec& s, const std::string& w) {
    const std::string& k = s.scheme;
    const std::string f = "nn.init." + k + "(" + w;
    if (k == "default")
        return "";
    if (k == "uniform_")
        return f + ", a=" + pythonFloat(s.a.value_or(0.0)) +
               ", b=" + pythonFloat(s.b.value_or(1.0)) + ")";
    if (k == "normal_")
        return f + ", mean=" + pythonFloat(s.mean) + ", std=" + pythonFloat(s.std) + ")";
    if (k == "constant_")
        return f + ", " + pythonFloat(s.val) + ")";
    if (k == "xavier_uniform_" || k == "xavier_normal_" || k == "orthogonal_")
        return f + ", gain=" + pythonFloat(s.gain) + ")";
    if (k == "kaiming_uniform_" || k == "kaiming_normal_")
        return f + ", a=" + pythonFloat(s.a.value_or(0.0)) + ", mode=" + pyString(s.mode) +
               ", nonlinearity=" + pyString(s.nonlinearity) + ")";
    if (k == "trunc_normal_")
        return f + ", mean=" + pythonFloat(s.mean) + ", std=" + pythonFloat(s.std) +
               ", a=" + pythonFloat(s.a.value_or(-2.0)) + ", b=" + pythonFloat(s.b.value_or(2.0)) +
               ")";
    return f + ")";  // zeros_, ones_, eye_
}

/// A keyword's value as Python writes it: 0.01, True, (0.9, 0.999).
std::string pythonValue(const nn::OptimizerValue& value) {
    if (const auto* number = std::get_if<double>(&value))
        return pythonFloat(*number);
    if (const auto* flag = std::get_if<bool>(&value))
        return pythonBool(*flag);
    const auto& pair = std::get<std::array<double, 2>>(value);
    return "(" + pythonFloat(pair[0]) + ", " + pythonFloat(pair[1]) + ")";
}

/// The keywords the design sets, in the table's order; omitted ones keep PyTorch's defaults.
std::string optimizerCall(const nn::OptimizerOptions& o) {
    std::string args = "model.parameters()";
    for (nn::OptimizerKeyword k : nn::optimizerKeywords())
        if (const auto value = nn::keywordValue(o, k))
            args += std::string(", ") + nn::keywordName(k) + "=" + pythonValue(*value);
    return "torch.optim." + o.type + "(" + args + ")";
}

/// The keywords the design sets, in the loss's signature order, spelled as the table says.
std::string lossCall(const train::Design& d) {
    std::string args;
    if (const nn::LossInfo* info = nn::findLoss(d.loss))
        for (const nn::LossArgument& a : info->arguments)
            if (const auto value = nn::keywordValue(d.lossOptions, a.keyword))
                args += std::string(args.empty() ? "" : ", ") + nn::keywordName(a.keyword) + "=" +
                        nn::pythonLossValue(*value);
    return "nn." + d.loss + "(" + args + ")";
}

/// Whether the design's loss wants class indices as targets.
bool lossTakesClassIndices(const train::Design& d) {
    const nn::LossInfo* info = nn::findLoss(d.loss);
    return info && info->takesClassIndices;
}

// --- The learning-rate scheduler: make_scheduler() and where main() steps it. ---

/// torch.optim.lr_scheduler.StepLR(optimizer, step_size=30), with the keywords the
/// design sets, in the table's order; None without a scheduler.
std::string schedulerCall(const train::SchedulerOptions& s) {
    if (!s.enabled())
        return "None";
    std::string args = "optimizer";
    for (const auto& [k, value] : s.keywords)
        args += std::string(", ") + train::keywordName(k) + "=" + train::pythonValue(value);
    return "torch.optim.lr_scheduler." + s.type + "(" + args + ")";
}

/// INPUT2 = {node: "input" | earlier node}: each Bilinear's second input.
std::string secondInputs(const train::Design& d) {
    std::string entries;
    for (size_t i = 0; i < d.layers.size(); ++i) {
        const nn::LayerSpec& s = d.layers[i];
        if (!nn::layerType(s.type).takes("input2") ||
            s.input2.kind == nn::SecondInput::Kind::Previous)
            continue;
        entries +=
            (entries.empty() ? "" : ", ") + std::to_string(i) + ": " +
            (s.input2.kind == nn::SecondInput::Kind::Input ? "\"input\"" : num(s.input2.node));
    }
    return "INPUT2 = {" + entries + "}\n";
}

/// The design's settings as module-level constants.
void writeConstants(std::ostream& py, const train::Design& d) {
    py << "SEED = " << d.seed << "\n"
       << "INPUT_FEATURES = " << d.inputFeatures << "\n"
       << "# Where each Bilinear node's second input comes from, by node index: \"input\"\n"
       << "# (the network input) or an earlier node's index; unlisted nodes read their first.\n"
       << secondInputs(d);
    const auto& data = d.data;
    py << "# The data LinearLab trains on, split and in its order (linearlab-cli export-data;\n"
       << "# export-code writes it beside this script).\n"
       << "SPLIT_DATA = os.path.splitext(os.path.abspath(__file__))[0] + \"_data.npz\"\n"
       << "DATA_FILE = " << pyString(data.file) << "\n"
       << "DATA_DATASET = " << pyString(data.synthetic.dataset) << "\n"
       << "DATA_TARGET = " << pyString(data.target) << "\n"
       << "DATA_CLASSIFICATION = " << pythonBool(data.classification) << "\n"
       << "DATA_STANDARDIZE = " << pythonBool(data.standardize) << "\n"
       << "DATA_SEED = " << data.synthetic.seed << "\n"
       << "VALIDATION_SPLIT = " << pythonFloat(data.validation_split) << "\n"
       << "BATCH_SIZE = " << d.batch.size << "\n"
       << "SHUFFLE = " << pythonBool(d.batch.shuffle) << "\n"
       << "DROP_LAST = " << pythonBool(d.batch.drop_last) << "\n"
       << "# The design's \"train\" limits; 0 is no limit (train() runs one epoch when\n"
       << "# neither is set, as linearlab-cli train does).\n"
       << "EPOCHS = " << d.train.epochs << "\n"
       << "STEPS = " << d.train.steps << "\n"
       << "LOSS_TAKES_CLASS_INDICES = " << pythonBool(lossTakesClassIndices(d)) << "\n";
}

/// build_model(): constructors in node order (each drawing its default init), then
/// the scheme on the eager weights, then the lazy layers, as LinearLab draws them.
void writeBuildModel(std::ostream& py, const train::Design& d) {
    py << "\n\ndef build_model(seed=SEED):\n"
       << "    \"\"\"The design's network, initialised as LinearLab initialises it.\"\"\"\n"
       << "    torch.manual_seed(seed)\n"
       << "    model = LinearLabModel(\n";
    for (const auto& s : d.layers)
        py << "        " << nn::layerType(s.type).pythonConstructor(s) << ",\n";
    py << "    )\n";

    std::string eager, lazyHooks;
    bool hasLazy = false;
    for (size_t i = 0; i < d.layers.size(); ++i) {
        const nn::LayerSpec& s = d.layers[i];
        const bool lazy = nn::layerType(s.type).isLazy;
        hasLazy = hasLazy || lazy;
        const nn::InitSpec scheme = s.init ? *s.init : d.weightInit;
        if (!s.takesInitScheme() || scheme.scheme == "default")
            continue;
        const std::string node = num(static_cast<nn::Index>(i));
        if (lazy)
            lazyHooks += "        model[" + node +
                         "].register_forward_hook(_init_after_materializing(\n            "
                         "lambda w: " +
                         initCall(scheme, "w") + ")),\n";
        else
            eager += "        " + initCall(scheme, "model[" + node + "].weight") + "\n";
    }
    if (!eager.empty())
        py << "    # The weight init scheme, on each weight in node order, after every\n"
           << "    # constructor drew its default init.\n"
           << "    with torch.no_grad():\n"
           << eager;
    if (hasLazy)
        py << "    # LazyLinear materializes on the first forward, after every eager layer drew,\n"
           << "    # in node order, each taking its init scheme right after materializing.\n"
           << "    hooks = [\n"
           << lazyHooks << "    ]\n"
           << "    with torch.no_grad():\n"
           << "        model.eval()  # a Dropout draws nothing here, as in LinearLab\n"
           << "        model(torch.zeros(1, INPUT_FEATURES))\n"
           << "        model.train()\n"
           << "    for hook in hooks:\n"
           << "        hook.remove()\n";
    py << "    return model\n";
}

}  // namespace

std::string exportPyTorchCode(const train::Design& d) {
    // Refuse a design PyTorch could not build either, in the same words.
    nn::checkShapes({1, d.inputFeatures}, d.layers);

    std::ostringstream py;
    py << "#!/usr/bin/env python3\n"
       << "\"\"\"A LinearLab design as PyTorch code.\n\n"
       << "build_model() under torch.manual_seed(SEED) gives LinearLab's initial weights bit\n"
       << "for bit on PyTorch 1.13's CPU kernels for AVX2, float32 or float64 (orthogonal_\n"
       << "to rounding only: LAPACK's QR here, Eigen's in LinearLab), with LinearLab's\n"
       << "state-dict keys; load_weights() reads the weight files\n"
       << "LinearLab exports; main() trains with the design's loss, optimizer and batches:\n\n"
       << "    python3 model.py [--data FILE.npz] [--weights FILE] [--epochs N] [--steps N]\n"
       << "                     [--log-jsonl FILE] [--save FILE.pt]\n\n"
       << "By default main() trains on SPLIT_DATA, the data export-code writes beside this\n"
       << "file (model.py: model_data.npz), and takes LinearLab's batches in LinearLab's\n"
       << "order, shuffled or not: --log-jsonl logs what linearlab-cli train --log-jsonl\n"
       << "logs, within float32 rounding.\n"
       << "\"\"\"\n"
       << kHeader << "\n";
    // The design's dtype, for every tensor the script makes (load_state_dict
    // converts weights of the other dtype as LinearLab does; the data takes
    // torch.get_default_dtype()).
    if (d.dtype == nn::DType::Float64)
        py << "torch.set_default_dtype(torch.float64)\n";
    writeConstants(py, d);
    py << kModelClass;
    writeBuildModel(py, d);
    py << "\n\ndef make_loss():\n    return " << lossCall(d) << "\n"
       << "\n\ndef make_optimizer(model):\n    return " << optimizerCall(d.optimizer) << "\n"
       << "\n\ndef make_scheduler(optimizer):\n    return " << schedulerCall(d.scheduler) << "\n"
       << kSchedulerSteps;
    py << kLoaders << kMain;
    return py.str();
}

}  // namespace linearlab::io
