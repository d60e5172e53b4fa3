#include "core/nn/network.h"

#include "core/nn/init.h"
#include "core/nn/layer_table.h"
#include "core/nn/lazy_linear.h"
#include "core/nn/plural.h"

#include <limits>

namespace linearlab::nn {

namespace {

/// The output shape of one node, or std::invalid_argument in PyTorch's words.
Shape nodeOutputShape(const LayerSpec& spec, const Shape& in1, const Shape& in2) {
    return layerType(spec.type).outputShape(spec, in1, in2);
}

bool takesSecondInput(const LayerSpec& spec) {
    return layerType(spec.type).takes("input2");
}

template <typename T>
void initWeight(Parameter<T>& w, const InitSpec& s, Generator& gen) {
    const std::string& k = s.scheme;
    if (k == "uniform_")
        init::uniform_(w, s.a.value_or(0.0), s.b.value_or(1.0), gen);
    else if (k == "normal_")
        init::normal_(w, s.mean, s.std, gen);
    else if (k == "constant_")
        init::constant_(w, s.val);
    else if (k == "zeros_")
        init::zeros_(w);
    else if (k == "ones_")
        init::ones_(w);
    else if (k == "eye_")
        init::eye_(w);
    else if (k == "xavier_uniform_")
        init::xavier_uniform_(w, s.gain, gen);
    else if (k == "xavier_normal_")
        init::xavier_normal_(w, s.gain, gen);
    else if (k == "kaiming_uniform_")
        init::kaiming_uniform_(w, s.a.value_or(0.0), s.mode, s.nonlinearity, gen);
    else if (k == "kaiming_normal_")
        init::kaiming_normal_(w, s.a.value_or(0.0), s.mode, s.nonlinearity, gen);
    else if (k == "trunc_normal_")
        init::trunc_normal_(w, s.mean, s.std, s.a.value_or(-2.0), s.b.value_or(2.0), gen);
    else if (k == "orthogonal_")
        init::orthogonal_(w, s.gain, gen);
    else if (k != "default")
        throw std::invalid_argument("unknown init scheme '" + k + "'");
}

}  // namespace

std::vector<NodeShape> inferShapes(const Shape& input, const std::vector<LayerSpec>& layers) {
    std::vector<NodeShape> shapes(layers.size());
    for (size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec& spec = layers[i];
        const Shape& in1 = i == 0 ? input : shapes[i - 1].output;
        if (i > 0 && shapes[i - 1].output.empty())
            break;  // downstream of a problem: nothing to say
        Shape in2 = in1;
        if (takesSecondInput(spec)) {
            const SecondInput& src = spec.input2;
            if (src.kind == SecondInput::Kind::Input) {
                in2 = input;
            } else if (src.kind == SecondInput::Kind::Node) {
                if (src.node < 0 || src.node >= static_cast<Index>(i)) {
                    shapes[i].error = "input2: node " + std::to_string(src.node) +
                                      " is not an earlier node (this is node " + std::to_string(i) +
                                      ")";
                    break;
                }
                in2 = shapes[static_cast<size_t>(src.node)].output;
            }
        }
        try {
            shapes[i].output = nodeOutputShape(spec, in1, in2);
        } catch (const std::exception& e) {
            shapes[i].error = e.what();
            break;
        }
    }
    return shapes;
}

void checkShapes(const Shape& input, const std::vector<LayerSpec>& layers) {
    const auto shapes = inferShapes(input, layers);
    for (size_t i = 0; i < shapes.size(); ++i)
        if (!shapes[i].error.empty())
            throw NodeError(static_cast<Index>(i), shapes[i].error);
}

namespace {

/// The width node i reads as its first input, from the shapes of one row.
Index inputWidth(const std::vector<NodeShape>& shapes, Index inputFeatures, size_t i) {
    return i == 0 ? inputFeatures : shapes[i - 1].output.back();
}

/// `count` values at `bytesPerValue` each; a count that saturated is too many.
Bytes valueBytes(Index count, Bytes bytesPerValue) {
    if (count == std::numeric_limits<Index>::max())
        return kTooManyBytes;
    return mulBytes(toBytes(count), bytesPerValue);
}

}  // namespace

std::vector<Index> nodeParameterCounts(Index inputFeatures, const std::vector<LayerSpec>& layers) {
    const auto shapes = inferShapes({1, inputFeatures}, layers);
    std::vector<Index> counts(layers.size(), 0);
    for (size_t i = 0; i < layers.size(); ++i) {
        if (shapes[i].output.empty())
            break;  // a shape problem here or upstream: checkShapes reports it
        const LayerType* type = findLayerType(layers[i].type);
        if (type)
            counts[i] = type->parameterCount(layers[i], inputWidth(shapes, inputFeatures, i));
    }
    return counts;
}

std::string nodeLabel(const LayerSpec& spec, Index inWidth) {
    const LayerType* type = findLayerType(spec.type);
    if (!type)
        return spec.type;
    std::string args;
    for (const LayerKeyword& k : type->keywords)
        if (k.kind == KeywordKind::Features)
            args += (args.empty() ? "" : ", ") + std::to_string(spec.*k.features);
    std::string label = spec.type + "(" + args + ")";
    if (type->isLazy)
        label += " on " + countOf(inWidth, "input feature", "input features");
    return label;
}

Bytes parameterBytes(Index inputFeatures, const std::vector<LayerSpec>& layers,
                     Bytes bytesPerValue) {
    Bytes total = 0;
    for (Index count : nodeParameterCounts(inputFeatures, layers))
        total = addBytes(total, valueBytes(count, bytesPerValue));
    return total;
}

void checkParameterMemory(Index inputFeatures, const std::vector<LayerSpec>& layers,
                          Bytes bytesPerValue, const std::string& purpose) {
    const std::vector<Index> counts = nodeParameterCounts(inputFeatures, layers);
    const Bytes limit = memoryLimit();
    Bytes total = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
        const Bytes node = valueBytes(counts[i], bytesPerValue);
        const Bytes before = total;
        total = addBytes(total, node);
        if (total <= limit)
            continue;
        const auto shapes = inferShapes({1, inputFeatures}, layers);
        std::string message =
            nodeLabel(layers[i], inputWidth(shapes, inputFeatures, i)) + " needs " +
            (before > 0 ? formatBytes(node) : formatBytesBeside(node, limit)) + purpose;
        if (before > 0)
            message += ", " + formatBytesBeside(total, limit) + " with the layers before it";
        throw NodeError(static_cast<Index>(i), message + memoryLimitClause(total));
    }
}

RowValues workspaceValuesPerRow(Index inputFeatures, const std::vector<LayerSpec>& layers) {
    const auto shapes = inferShapes({1, inputFeatures}, layers);
    // Who reads each output (index 0: the network input), as the Network counts them:
    // an output read twice keeps a gradient of its own to accumulate into.
    std::vector<int> readers(layers.size() + 1, 0);
    for (size_t k = 0; k < layers.size(); ++k) {
        ++readers[k];
        const SecondInput& src = layers[k].input2;
        if (takesSecondInput(layers[k]) && src.kind == SecondInput::Kind::Input)
            ++readers[0];
        else if (takesSecondInput(layers[k]) && src.kind == SecondInput::Kind::Node &&
                 src.node >= 0 && src.node < static_cast<Index>(k))
            ++readers[static_cast<size_t>(src.node) + 1];
    }
    RowValues v;
    if (readers[0] > 1)
        v.training = inputFeatures;
    for (size_t i = 0; i < layers.size(); ++i) {
        if (shapes[i].output.empty())
            break;
        const LayerSpec& spec = layers[i];
        const LayerType& type = layerType(spec.type);
        const Index out = shapes[i].output.back();
        const Index in1 = inputWidth(shapes, inputFeatures, i);
        Index in2 = 0;
        if (type.takes("input2")) {
            const SecondInput& src = spec.input2;
            in2 = src.kind == SecondInput::Kind::Input ? inputFeatures
                  : src.kind == SecondInput::Kind::Node
                      ? shapes[static_cast<size_t>(src.node)].output.back()
                      : in1;
        }
        const Index scratch = type.scratchPerRow(spec);
        v.forward = saturatingSum(v.forward, saturatingSum(out, scratch));
        Index training = saturatingSum(saturatingSum(out, scratch), saturatingSum(in1, in2));
        if (readers[i + 1] > 1)
            training = saturatingSum(training, out);
        v.training = saturatingSum(v.training, training);
    }
    return v;
}

// Per batch size: each node's output and the gradient flowing into it.
template <typename T>
struct Network<T>::Workspace {
    Index rows = 0;
    std::vector<Matrix<T>> output;   // node i's output
    std::vector<Matrix<T>> grad;     // dLoss/d(output of node i), for nodes read twice
    std::vector<Matrix<T>> gradIn1;  // module i's gradient w.r.t. its first input
    std::vector<Matrix<T>> gradIn2;  // module i's gradient w.r.t. its second input
    Matrix<T> gradInput;             // dLoss/d(network input)
};

template <typename T>
Network<T>::Network(Index inputFeatures, std::vector<LayerSpec> layers, const InitSpec& weightInit,
                    Generator& gen)
    : m_inputFeatures(inputFeatures), m_layers(std::move(layers)), m_weightInit(weightInit) {
    checkShapes({1, inputFeatures}, m_layers);
    // Every value and its gradient, before the first is allocated.
    checkParameterMemory(inputFeatures, m_layers, 2 * sizeof(T), " for weights and gradients");
    for (size_t i = 0; i < m_layers.size(); ++i) {
        try {
            m_modules.push_back(makeModule<T>(m_layers[i], gen));
        } catch (const std::invalid_argument& e) {
            throw NodeError(static_cast<Index>(i), e.what());
        }
    }
    for (Index i = 0; i < size(); ++i)
        if (!layerType(m_layers[static_cast<size_t>(i)].type).isLazy)
            applyInit(i, gen);

    m_readers.assign(m_modules.size() + 1, 0);
    m_twoInput.assign(m_modules.size(), nullptr);
    for (size_t k = 0; k < m_modules.size(); ++k) {
        ++m_readers[k];  // node k reads node k-1 (the input for k = 0)
        const SecondInput& src = m_layers[k].input2;
        if (!takesSecondInput(m_layers[k]) || src.kind == SecondInput::Kind::Previous)
            continue;
        m_twoInput[k] = dynamic_cast<Bilinear<T>*>(m_modules[k].get());
        ++m_readers[src.kind == SecondInput::Kind::Input ? 0 : static_cast<size_t>(src.node + 1)];
    }
}

template <typename T>
Network<T>::~Network() = default;

template <typename T>
void Network<T>::applyInit(Index node, Generator& gen) {
    const LayerSpec& spec = m_layers[static_cast<size_t>(node)];
    const InitSpec& s = spec.init ? *spec.init : m_weightInit;
    if (s.scheme == "default" || !spec.takesInitScheme())
        return;
    for (auto& p : module(node).namedParameters()) {
        if (p.name != "weight")
            continue;
        try {
            initWeight(*p.parameter, s, gen);
        } catch (const std::invalid_argument& e) {
            throw NodeError(node, s.scheme + ": " + e.what());
        }
    }
}

template <typename T>
void Network<T>::setTraining(bool training, Generator* gen) {
    for (auto& m : m_modules)
        m->setTraining(training, gen);
}

template <typename T>
Index Network<T>::outputFeatures() const {
    const auto shapes = inferShapes({1, m_inputFeatures}, m_layers);
    return shapes.empty() ? m_inputFeatures : shapes.back().output.back();
}

template <typename T>
std::string Network<T>::repr() const {
    std::string s = "Sequential(\n";
    for (Index i = 0; i < size(); ++i)
        s += "  (" + std::to_string(i) + "): " + module(i).repr() + "\n";
    return s + ")";
}

template <typename T>
bool Network<T>::isMaterialized() const {
    for (const auto& m : m_modules)
        if (const auto* lazy = dynamic_cast<const LazyLinear<T>*>(m.get()))
            if (!lazy->isMaterialized())
                return false;
    return true;
}

template <typename T>
void Network<T>::materialize(Generator& gen) {
    const auto shapes = inferShapes({1, m_inputFeatures}, m_layers);
    for (Index i = 0; i < size(); ++i) {
        auto* lazy = dynamic_cast<LazyLinear<T>*>(m_modules[static_cast<size_t>(i)].get());
        if (!lazy || lazy->isMaterialized())
            continue;
        const Index in =
            i == 0 ? m_inputFeatures : shapes[static_cast<size_t>(i - 1)].output.back();
        lazy->materialize(in, gen);
        applyInit(i, gen);
    }
}

template <typename T>
std::vector<NetworkParameter<T>> Network<T>::namedParameters() {
    std::vector<NetworkParameter<T>> params;
    for (Index i = 0; i < size(); ++i)
        for (auto& p : module(i).namedParameters())
            params.push_back({std::to_string(i) + "." + p.name, i, p.parameter});
    return params;
}

template <typename T>
Index Network<T>::parameterCount() {
    Index n = 0;
    for (const auto& p : namedParameters())
        n += p.parameter->numel();
    return n;
}

template <typename T>
void Network<T>::zeroGrad() {
    for (auto& m : m_modules)
        m->zeroGrad();
}

template <typename T>
typename Network<T>::Workspace& Network<T>::workspaceFor(Index rows) {
    for (auto& ws : m_workspaces)
        if (ws->rows == rows)
            return *ws;
    // The outputs a forward pass fills, before any is allocated; backward's
    // gradients come on top (the trainer counts them before it trains).
    const RowValues perRow = workspaceValuesPerRow(m_inputFeatures, m_layers);
    checkMemory(mulBytes(valueBytes(perRow.forward, sizeof(T)), toBytes(rows)), "",
                "a batch of " + countOf(rows, "row", "rows"), false, " for layer outputs");
    auto ws = std::make_unique<Workspace>();
    ws->rows = rows;
    const size_t n = m_modules.size();
    ws->output.resize(n);
    ws->grad.resize(n);
    ws->gradIn1.resize(n);
    ws->gradIn2.resize(n);
    m_workspaces.push_back(std::move(ws));
    return *m_workspaces.back();
}

template <typename T>
const Matrix<T>& Network<T>::secondInput(const Workspace& ws, Index node,
                                         const Matrix<T>& x) const {
    const SecondInput& src = m_layers[static_cast<size_t>(node)].input2;
    switch (src.kind) {
        case SecondInput::Kind::Input:
            return x;
        case SecondInput::Kind::Node:
            return ws.output[static_cast<size_t>(src.node)];
        case SecondInput::Kind::Previous:
            break;
    }
    return node == 0 ? x : ws.output[static_cast<size_t>(node - 1)];
}

template <typename T>
const Matrix<T>& Network<T>::forward(const Matrix<T>& x) {
    if (!isMaterialized())
        throw std::logic_error("the network has unmaterialized LazyLinear layers");
    if (x.cols() != m_inputFeatures)
        checkShapes({x.rows(), x.cols()}, m_layers);  // throws PyTorch's message for node 0
    Workspace& ws = workspaceFor(x.rows());
    for (Index i = 0; i < size(); ++i) {
        const size_t k = static_cast<size_t>(i);
        const Matrix<T>& in1 = i == 0 ? x : ws.output[k - 1];
        if (Bilinear<T>* bilinear = m_twoInput[k])
            bilinear->forward(in1, secondInput(ws, i, x), ws.output[k]);
        else
            m_modules[k]->forward(in1, ws.output[k]);
    }
    m_last = &ws;
    m_lastInput = &x;
    return size() == 0 ? x : ws.output.back();
}

template <typename T>
const Matrix<T>& Network<T>::backward(const Matrix<T>& gradOutput, bool inputGrad) {
    if (!m_last)
        throw std::logic_error("backward() before forward()");
    Workspace& ws = *m_last;
    const Matrix<T>& x = *m_lastInput;
    if (size() == 0) {
        ws.gradInput = gradOutput;
        return ws.gradInput;
    }
    // dLoss/d(output of node j), j = -1 for the network input. An output read by
    // one node takes that node's input gradient directly; one read by several
    // (a Bilinear skip) accumulates them, so it starts from zero.
    auto gradOf = [&](Index node) -> Matrix<T>& {
        return node < 0 ? ws.gradInput : ws.grad[static_cast<size_t>(node)];
    };
    auto readers = [&](Index node) { return m_readers[static_cast<size_t>(node + 1)]; };
    for (Index j = -1; j < size() - 1; ++j)
        if (readers(j) > 1 && (j >= 0 || inputGrad))
            gradOf(j).setZero(j < 0 ? x.rows() : ws.output[static_cast<size_t>(j)].rows(),
                              j < 0 ? x.cols() : ws.output[static_cast<size_t>(j)].cols());
    // Where module i writes its gradient for the output of node j.
    auto destination = [&](Index j, Matrix<T>& scratch) -> Matrix<T>* {
        if (j < 0 && !inputGrad)
            return nullptr;
        return readers(j) == 1 ? &gradOf(j) : &scratch;
    };
    auto accumulate = [&](Index j, Matrix<T>* dest, const Matrix<T>& scratch) {
        if (dest == &scratch)
            gradOf(j) += scratch;
    };

    for (Index i = size() - 1; i >= 0; --i) {
        const size_t k = static_cast<size_t>(i);
        const Matrix<T>& g = i == size() - 1 ? gradOutput : ws.grad[k];
        const Matrix<T>& in1 = i == 0 ? x : ws.output[k - 1];
        Matrix<T>* dest1 = destination(i - 1, ws.gradIn1[k]);
        if (Bilinear<T>* bilinear = m_twoInput[k]) {
            const SecondInput& src = m_layers[k].input2;
            const Index j2 = src.kind == SecondInput::Kind::Input ? -1 : src.node;
            Matrix<T>* dest2 = destination(j2, ws.gradIn2[k]);
            bilinear->backward(in1, secondInput(ws, i, x), g, dest1, dest2);
            accumulate(i - 1, dest1, ws.gradIn1[k]);
            accumulate(j2, dest2, ws.gradIn2[k]);
        } else {
            m_modules[k]->backward(in1, ws.output[k], g, dest1);
            accumulate(i - 1, dest1, ws.gradIn1[k]);
        }
    }
    return ws.gradInput;
}

template <typename T>
const Matrix<T>& Network<T>::nodeOutput(Index i) const {
    if (!m_last)
        throw std::logic_error("nodeOutput() before forward()");
    return m_last->output.at(static_cast<size_t>(i));
}

template class Network<float>;
template class Network<double>;

}  // namespace linearlab::nn
