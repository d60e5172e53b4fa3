#pragma once
// The one table of layer types. Each entry is everything LinearLab knows about a
// PyTorch class: its keywords with PyTorch's defaults, how to build it, its
// output shape, parameter count, Python constructor and repr. The network, the
// design-file reader and writer, code export, the summary and the GUI all read
// it; adding a layer type is one entry here plus the module's own file.
#include "core/nn/generator.h"
#include "core/nn/init_distribution.h"
#include "core/nn/layer_spec.h"
#include "core/nn/module.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace linearlab::nn {

/// How a keyword is stored in a LayerSpec and shown in the node editor.
enum class KeywordKind {
    Features,     ///< a positive integer field (in_features, out_features, ...); required
    Flag,         ///< a bool field (bias)
    Real,         ///< a real number in LayerSpec::options (negative_slope, alpha, ...)
    SecondInput,  ///< Bilinear's input2: "previous", "input" or an earlier node's index
    Choice,       ///< one of a few strings in LayerSpec::choices (GELU's approximate)
};

/// One keyword argument of a layer's constructor, with PyTorch's default.
struct LayerKeyword {
    std::string name;  ///< PyTorch's keyword: "in_features", "negative_slope"
    KeywordKind kind = KeywordKind::Real;
    /// Features: the LayerSpec field it sets; Flag: likewise.
    Index LayerSpec::*features = nullptr;
    bool LayerSpec::*flag = nullptr;
    /// Real and Flag: PyTorch's default. Features: what "Add layer" puts there,
    /// 0 for the width of the layer's input.
    double defaultValue = 0;
    /// Features: a design must give it (in_features); false for one with a
    /// PyTorch default (PReLU's num_parameters=1), which then takes defaultValue.
    bool required = true;
    /// Real: the range the node editor offers.
    double minimum = -1e6, maximum = 1e6;
    /// Real: PyTorch's default is an int (Softplus's beta=1), printed without ".0".
    bool integerDefault = false;
    /// Choice: the strings PyTorch accepts, and its default among them.
    std::vector<std::string> choices;
    std::string defaultChoice;
};

/// Builds the module for a spec, in float or double.
struct ModuleMakers {
    std::function<std::unique_ptr<Module<float>>(const LayerSpec&, Generator&)> f32;
    std::function<std::unique_ptr<Module<double>>(const LayerSpec&, Generator&)> f64;
};

struct LayerType {
    std::string name;  ///< PyTorch's class name
    bool isActivation = false;
    bool hasParameters = false;
    /// Its weight takes the design's init scheme (the linear family); PReLU's does not.
    bool takesInitScheme = false;
    /// Parameters are drawn at the first forward, after every eager layer (LazyLinear).
    bool isLazy = false;
    std::vector<LayerKeyword> keywords;
    ModuleMakers make;
    /// Output shape for inputs in1 (and in2, the second input, for Bilinear); throws
    /// std::invalid_argument in PyTorch's words when the layer cannot take them.
    std::function<Shape(const LayerSpec&, const Shape& in1, const Shape& in2)> outputShape;
    /// Learnable values for an input of width `inWidth`; saturates at the largest
    /// Index for a layer too big to count, so the memory check can refuse it.
    std::function<Index(const LayerSpec&, Index inWidth)> parameterCount;
    /// Values one batch row needs beyond the layer's output and its input
    /// gradients, for forward and backward together (Bilinear's outer products
    /// of its inputs and their gradient); the batch workspace estimate adds it.
    std::function<Index(const LayerSpec&)> scratchPerRow;
    /// The Python expression that builds it: "nn.Linear(20, 40, bias=True)".
    std::function<std::string(const LayerSpec&)> pythonConstructor;
    /// PyTorch's repr before any forward, without allocating parameters.
    std::function<std::string(const LayerSpec&)> repr;
    /// What reset_parameters draws parameter `param` from for a weight of
    /// `weightShape` (null for layers without parameters).
    std::function<InitDistribution(const LayerSpec&, const std::string& param,
                                   const Shape& weightShape)>
        resetInit;

    /// The keyword called `name`, or null.
    const LayerKeyword* keyword(const std::string& name) const;
    /// True when the constructor takes keyword `name`.
    bool takes(const std::string& name) const { return keyword(name) != nullptr; }
    /// A spec of this type as "Add layer" makes it: feature counts of `inWidth`
    /// (or the keyword's own default), every other keyword at PyTorch's default.
    LayerSpec defaultSpec(Index inWidth) const;
};

/// Every type, in menu order: the linear family, then the activations.
const std::vector<LayerType>& layerTable();
/// The entry for `name`, or null for a name the table does not hold.
const LayerType* findLayerType(const std::string& name);
/// The entry for `name`; throws std::invalid_argument ("unknown layer type 'Foo'").
const LayerType& layerType(const std::string& name);

/// The module for `spec`, drawing its default init from `gen` as PyTorch's
/// constructor does. Throws std::invalid_argument for an unknown type.
template <typename T>
std::unique_ptr<Module<T>> makeModule(const LayerSpec& spec, Generator& gen);

}  // namespace linearlab::nn
