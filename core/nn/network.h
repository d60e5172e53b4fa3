#pragma once
// The network of a design: an ordered list of nodes as nn.Sequential, where a
// Bilinear node may also read the network input or any earlier node's output.
#include "core/nn/bilinear.h"
#include "core/nn/generator.h"
#include "core/nn/layer_spec.h"
#include "core/nn/memory_budget.h"
#include "core/nn/module.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace linearlab::nn {

/// A design problem found on one node, in PyTorch's words.
class NodeError : public std::invalid_argument {
public:
    NodeError(Index node, const std::string& message)
        : std::invalid_argument(message), m_node(node) {}
    Index node() const { return m_node; }

private:
    Index m_node;
};

/// What shape inference says of one node.
struct NodeShape {
    Shape output;       ///< empty when `error` is set, or downstream of an error
    std::string error;  ///< PyTorch's message, or empty
};

/// Infers every node's output shape for a network input of `input` (e.g.
/// {batch, features}), down the list. A problem is reported on its node; nodes
/// after it get no shape. Never throws for shape problems.
std::vector<NodeShape> inferShapes(const Shape& input, const std::vector<LayerSpec>& layers);

/// The first problem of a design, as a NodeError, or nothing.
void checkShapes(const Shape& input, const std::vector<LayerSpec>& layers);

/// The learnable values of every node for a network input of `inputFeatures`
/// features, each lazy layer counted with the width it will read (the layer
/// table's counts, saturating). Nodes at or after a shape problem count 0.
std::vector<Index> nodeParameterCounts(Index inputFeatures, const std::vector<LayerSpec>& layers);

/// A node as memory messages name it, by the feature counts its constructor
/// takes: "Linear(40000, 40000)", "Bilinear(8, 20, 3)"; a lazy layer also says
/// the width it will read: "LazyLinear(8) on 1000000000 input features".
std::string nodeLabel(const LayerSpec& spec, Index inWidth);

/// The parameters' bytes at `bytesPerValue` for each value (all the copies kept
/// of it), saturating.
Bytes parameterBytes(Index inputFeatures, const std::vector<LayerSpec>& layers,
                     Bytes bytesPerValue);

/// Checks the parameters against memoryLimit() before anything is allocated:
/// throws NodeError on the first node whose values, at `bytesPerValue` each,
/// bring nodes 0..i over the limit ("Linear(40000, 40000) needs 59.6 GiB for
/// weights and gradients; the memory limit is 11.7 GiB"). `purpose` says what
/// the copies are (" for weights and gradients"). Shape problems are left to
/// checkShapes.
void checkParameterMemory(Index inputFeatures, const std::vector<LayerSpec>& layers,
                          Bytes bytesPerValue, const std::string& purpose);

/// Values the network keeps per input row: for a forward pass, each node's
/// output and its scratch; for training, also the gradient flowing into each
/// node's inputs (and into an output read twice). Saturating.
struct RowValues {
    Index forward = 0;
    Index training = 0;
};
RowValues workspaceValuesPerRow(Index inputFeatures, const std::vector<LayerSpec>& layers);

/// A named parameter of the whole network: "0.weight".
template <typename T>
struct NetworkParameter {
    std::string name;
    Index node;
    Parameter<T>* parameter;
};

template <typename T>
class Network {
public:
    /// Builds every eager node in order from `gen` (each drawing its default
    /// init, as PyTorch's constructors), then applies `weightInit` (or a node's
    /// own) to each weight in node order. Lazy nodes wait for materialize().
    /// Throws NodeError for a shape problem, and for parameters whose values
    /// and gradients (lazy ones included) would exceed memoryLimit(), before
    /// allocating any.
    Network(Index inputFeatures, std::vector<LayerSpec> layers, const InitSpec& weightInit,
            Generator& gen);
    ~Network();
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    Index inputFeatures() const { return m_inputFeatures; }
    Index outputFeatures() const;
    const std::vector<LayerSpec>& layers() const { return m_layers; }
    Index size() const { return static_cast<Index>(m_modules.size()); }
    Module<T>& module(Index i) { return *m_modules[static_cast<size_t>(i)]; }
    const Module<T>& module(Index i) const { return *m_modules[static_cast<size_t>(i)]; }

    /// nn.Sequential's repr, one "(i): <repr>" line per node.
    std::string repr() const;

    /// True once every LazyLinear has its in_features.
    bool isMaterialized() const;
    /// Materializes the lazy nodes in order from `gen`, as PyTorch's first forward
    /// does (after every eager layer drew), then applies their init scheme.
    void materialize(Generator& gen);

    /// model.train() with `gen` for the layers that draw while training (Dropout),
    /// or model.eval() (the default: evaluation, validation and views).
    void setTraining(bool training, Generator* gen = nullptr);

    /// Every parameter with its state-dict name, in module order.
    std::vector<NetworkParameter<T>> namedParameters();
    Index parameterCount();
    void zeroGrad();

    /// x: (N, input_features) -> (N, output_features). Materialized networks only.
    /// Workspaces are kept per batch size, so repeated sizes never allocate; a
    /// new size whose workspace would exceed memoryLimit() throws
    /// MemoryLimitError before allocating it.
    const Matrix<T>& forward(const Matrix<T>& x);
    /// Backpropagates dLoss/dOutput (N, output_features) through the last forward
    /// (whose input must still be alive), accumulating parameter gradients. With
    /// `inputGrad` it also returns dLoss/dInput (N, input_features); without, as
    /// for an input that does not require grad, that product is skipped and the
    /// returned matrix is meaningless.
    const Matrix<T>& backward(const Matrix<T>& gradOutput, bool inputGrad = false);

    /// The output of node i from the last forward: (N, features of node i).
    const Matrix<T>& nodeOutput(Index i) const;

private:
    struct Workspace;
    Workspace& workspaceFor(Index rows);
    void applyInit(Index node, Generator& gen);
    const Matrix<T>& secondInput(const Workspace& ws, Index node, const Matrix<T>& x) const;

    Index m_inputFeatures;
    std::vector<LayerSpec> m_layers;
    InitSpec m_weightInit;
    std::vector<std::unique_ptr<Module<T>>> m_modules;
    std::vector<Bilinear<T>*> m_twoInput;  // per node: a Bilinear with its own input2, or null
    std::vector<int> m_readers;  // per node + 1 (index 0 = network input): how many read it
    std::vector<std::unique_ptr<Workspace>> m_workspaces;
    Workspace* m_last = nullptr;
    const Matrix<T>* m_lastInput = nullptr;
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace linearlab::nn
