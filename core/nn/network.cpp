#include "core/nn/network.h"

#include "core/nn/init.h"
#include "core/nn/layer_table.h"
#include "core/nn/lazy_linear.h"

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
    if (s.scheme == "default")
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
