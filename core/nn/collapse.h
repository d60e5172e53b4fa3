#pragma once
// Stacked linear layers are one linear layer: consecutive Linear-family and
// Identity nodes with no nonlinearity between them compute x W^T + b with
// W = W_k ... W_2 W_1 and b the first bias carried through the rest. This finds
// those runs in a design and folds a run's weights into one Linear.
//
// Dropout counts as Identity: collapse is about the function the network
// computes in eval mode, where Dropout passes its input through. (While
// training it zeroes entries, so a collapsed design trains differently.)
// Bilinear is not linear in its input (x1^T A x2 of x1 = x2 is quadratic) and
// ends a run like any activation.
#include "core/nn/layer_spec.h"
#include "core/nn/network.h"

#include <string>
#include <vector>

namespace linearlab::nn {

/// True for nodes that are affine maps of their input in eval mode: Linear,
/// NonDynamicallyQuantizableLinear, LazyLinear, Identity and Dropout.
bool isAffineNode(const LayerSpec& spec);
/// True for the Linear family (the nodes with a weight a run multiplies).
bool isLinearNode(const LayerSpec& spec);

/// Nodes first..last (two or more, at least one of them a Linear) that act as
/// one Linear(in_features, out_features, bias).
struct LinearRun {
    Index first = 0;
    Index last = 0;
    Index in_features = 0;
    Index out_features = 0;
    bool bias = false;  ///< any Linear of the run has a bias
    /// The product's rank can be at most the narrowest width along the run.
    Index rankBound = 0;

    /// "nodes 0–2 = Linear(2, 1)"
    std::string label() const;
    bool contains(Index node) const { return node >= first && node <= last; }
};

/// Every maximal run in `layers` for a network input of `inputFeatures`, in
/// order. Widths come from shape inference: a node with a shape problem (and
/// every node after it) is in no run. A run also ends at a node a later
/// Bilinear reads as input2, since that output must survive the collapse.
std::vector<LinearRun> findLinearRuns(Index inputFeatures, const std::vector<LayerSpec>& layers);

/// Why a design has no run, as facts for the caller to word (the CLI in
/// English through nothingToCollapse, the window in its own language).
struct NoRunReason {
    enum class Kind {
        NoLinear,           ///< the design has no Linear layer
        NonlinearityAfter,  ///< `node` (a `type`) follows a Linear and is not affine
        LoneLinear,         ///< `node` (a `type`) has no affine neighbour
    };
    Kind kind = Kind::NoLinear;
    Index node = -1;
    std::string type;
};

/// Why `layers` has no run (meaningful when findLinearRuns found none).
NoRunReason whyNoRun(const std::vector<LayerSpec>& layers);

/// whyNoRun in one line: "nothing to collapse: every Linear is followed by a
/// nonlinearity (node 1: ReLU)".
std::string nothingToCollapse(const std::vector<LayerSpec>& layers);

/// The design's layers with each run replaced by one Linear(in_features,
/// out_features, bias). A Bilinear's input2 naming a node is renumbered to that
/// node's new index.
std::vector<LayerSpec> collapsedLayers(const std::vector<LayerSpec>& layers,
                                       const std::vector<LinearRun>& runs);

/// Per node of `layers`, its index in collapsedLayers(): a run's last node maps
/// to the run's Linear, its other nodes to -1.
std::vector<Index> collapsedNodeIndex(Index nodes, const std::vector<LinearRun>& runs);

/// One Linear's parameters: weight (out_features, in_features); bias (1,
/// out_features), or empty when there is none.
template <typename T>
struct AffineMap {
    Matrix<T> weight;
    Matrix<T> bias;
};

/// One Linear of a run, as its parameters are held: weight (out, in); bias
/// (1, out), or null for bias=False.
template <typename T>
struct LinearFactor {
    const Matrix<T>* weight = nullptr;
    const Matrix<T>* bias = nullptr;
};

/// The factors, first to last, as one map of `inFeatures` inputs: W = W_k ...
/// W_1, b = W_k(...(W_2 b_1 + b_2)...) + b_k, a missing bias taken as 0; the
/// bias is empty when `bias` is false (no factor has one). No factors: the identity.
template <typename T>
AffineMap<T> composeAffine(Index inFeatures, const std::vector<LinearFactor<T>>& factors,
                           bool bias);

/// The run's nodes of a materialized `network` as one map: W = W_k ... W_1
/// (Identity and Dropout are the identity), b = W_k(...(W_2 b_1 + b_2)...) + b_k
/// with a missing bias taken as 0; empty bias when no node of the run has one.
template <typename T>
AffineMap<T> collapseRun(Network<T>& network, const LinearRun& run);

/// Copies every parameter of `network` into the collapsed network `collapsed`
/// (built from collapsedLayers(network.layers(), runs) and materialized): a
/// node outside the runs keeps its tensors, a run's Linear gets collapseRun's.
template <typename T>
void copyCollapsedParameters(Network<T>& network, const std::vector<LinearRun>& runs,
                             Network<T>& collapsed);

}  // namespace linearlab::nn
