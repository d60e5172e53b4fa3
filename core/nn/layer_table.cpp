#include "core/nn/layer_table.h"

#include "core/nn/bilinear.h"
#include "core/nn/celu.h"
#include "core/nn/dropout.h"
#include "core/nn/elu.h"
#include "core/nn/gelu.h"
#include "core/nn/hardsigmoid.h"
#include "core/nn/hardswish.h"
#include "core/nn/hardtanh.h"
#include "core/nn/identity.h"
#include "core/nn/lazy_linear.h"
#include "core/nn/leaky_relu.h"
#include "core/nn/linear.h"
#include "core/nn/log_sigmoid.h"
#include "core/nn/memory_budget.h"
#include "core/nn/mish.h"
#include "core/nn/prelu.h"
#include "core/nn/python_format.h"
#include "core/nn/relu.h"
#include "core/nn/relu6.h"
#include "core/nn/selu.h"
#include "core/nn/sigmoid.h"
#include "core/nn/silu.h"
#include "core/nn/softplus.h"
#include "core/nn/softsign.h"
#include "core/nn/tanh.h"
#include "core/nn/tanhshrink.h"

#include <stdexcept>

namespace linearlab::nn {

namespace {

// --- Keywords ---

LayerKeyword features(const char* name, Index LayerSpec::*field, double addDefault = 0) {
    LayerKeyword k;
    k.name = name;
    k.kind = KeywordKind::Features;
    k.features = field;
    k.defaultValue = addDefault;
    return k;
}

LayerKeyword biasKeyword() {
    LayerKeyword k;
    k.name = "bias";
    k.kind = KeywordKind::Flag;
    k.flag = &LayerSpec::bias;
    k.defaultValue = 1;
    return k;
}

LayerKeyword real(const char* name, double defaultValue, double minimum, double maximum) {
    LayerKeyword k;
    k.name = name;
    k.kind = KeywordKind::Real;
    k.defaultValue = defaultValue;
    k.minimum = minimum;
    k.maximum = maximum;
    return k;
}

/// A real keyword whose PyTorch default is an int (Softplus's beta=1).
LayerKeyword integer(const char* name, double defaultValue, double minimum, double maximum) {
    LayerKeyword k = real(name, defaultValue, minimum, maximum);
    k.integerDefault = true;
    return k;
}

LayerKeyword choice(const char* name, std::vector<std::string> choices) {
    LayerKeyword k;
    k.name = name;
    k.kind = KeywordKind::Choice;
    k.defaultChoice = choices.front();
    k.choices = std::move(choices);
    return k;
}

LayerKeyword secondInput() {
    LayerKeyword k;
    k.name = "input2";
    k.kind = KeywordKind::SecondInput;
    return k;
}

// --- Building modules in either precision ---

/// Wraps `make(T{}, spec, gen)`, a generic lambda, as the float and double makers.
template <typename F>
ModuleMakers makers(F make) {
    return {[make](const LayerSpec& s, Generator& g) { return make(float{}, s, g); },
            [make](const LayerSpec& s, Generator& g) { return make(double{}, s, g); }};
}

template <template <typename> class M, typename T, typename... Args>
std::unique_ptr<Module<T>> make(Args&&... args) {
    return std::make_unique<M<T>>(std::forward<Args>(args)...);
}

void checkNonNegative(const Shape& weightShape) {
    // PyTorch's message for a negative dimension. A shape too big to count is not
    // a shape problem: the memory check refuses it in the user's terms.
    for (Index d : weightShape)
        if (d < 0)
            throw std::invalid_argument("Trying to create tensor with negative dimension " +
                                        std::to_string(d) + ": " + shapeString(weightShape));
}

std::string num(Index v) {
    return std::to_string(v);
}

/// out * in + out, saturating: an absurd layer's count stays a huge number.
Index linearParameters(Index in, Index out, bool bias) {
    return saturatingSum(saturatingProduct(out, in), bias ? out : 0);
}

Index noScratch(const LayerSpec&) {
    return 0;
}

// --- The linear family ---

InitDistribution linearReset(const LayerSpec&, const std::string& param, const Shape& shape) {
    return linearResetInit(param, shape);
}

/// Linear and NonDynamicallyQuantizableLinear: same keywords, maths and counts.
template <template <typename> class M>
LayerType linearType(const std::string& name, const std::string& pythonName) {
    LayerType t;
    t.name = name;
    t.hasParameters = true;
    t.takesInitScheme = true;
    t.keywords = {features("in_features", &LayerSpec::in_features),
                  features("out_features", &LayerSpec::out_features), biasKeyword()};
    t.scratchPerRow = noScratch;
    t.make = makers([](auto zero, const LayerSpec& s, Generator& gen) {
        return make<M, decltype(zero)>(LinearOptions(s.in_features, s.out_features).bias(s.bias),
                                       gen);
    });
    t.outputShape = [](const LayerSpec& s, const Shape& in1, const Shape&) {
        checkNonNegative({s.out_features, s.in_features});
        return linearOutputShape(s.in_features, s.out_features, in1);
    };
    t.parameterCount = [](const LayerSpec& s, Index) {
        return linearParameters(s.in_features, s.out_features, s.bias);
    };
    t.pythonConstructor = [pythonName](const LayerSpec& s) {
        return pythonName + "(" + num(s.in_features) + ", " + num(s.out_features) +
               ", bias=" + pythonBool(s.bias) + ")";
    };
    t.repr = [name](const LayerSpec& s) {
        return linearRepr(name, s.in_features, s.out_features, s.bias);
    };
    t.resetInit = linearReset;
    return t;
}

LayerType lazyLinearType() {
    LayerType t;
    t.name = "LazyLinear";
    t.hasParameters = true;
    t.takesInitScheme = true;
    t.isLazy = true;
    t.keywords = {features("out_features", &LayerSpec::out_features, 8), biasKeyword()};
    t.scratchPerRow = noScratch;
    t.make = makers([](auto zero, const LayerSpec& s, Generator&) {
        return make<LazyLinear, decltype(zero)>(s.out_features, s.bias);
    });
    t.outputShape = [](const LayerSpec& s, const Shape& in1, const Shape&) {
        checkNonNegative({s.out_features});
        if (in1.empty())
            throw std::invalid_argument("tuple index out of range");
        Shape out = in1;
        out.back() = s.out_features;
        return out;
    };
    // Counted with the in_features the first batch will give it.
    t.parameterCount = [](const LayerSpec& s, Index inWidth) {
        return inWidth > 0 ? linearParameters(inWidth, s.out_features, s.bias) : 0;
    };
    t.pythonConstructor = [](const LayerSpec& s) {
        return "nn.LazyLinear(" + num(s.out_features) + ", bias=" + pythonBool(s.bias) + ")";
    };
    // PyTorch shows an unmaterialized in_features as 0.
    t.repr = [](const LayerSpec& s) { return linearRepr("LazyLinear", 0, s.out_features, s.bias); };
    t.resetInit = linearReset;
    return t;
}

BilinearOptions bilinearOptions(const LayerSpec& s) {
    return BilinearOptions(s.in1_features, s.in2_features, s.out_features).bias(s.bias);
}

LayerType bilinearType() {
    LayerType t;
    t.name = "Bilinear";
    t.hasParameters = true;
    t.takesInitScheme = true;
    t.keywords = {features("in1_features", &LayerSpec::in1_features),
                  features("in2_features", &LayerSpec::in2_features),
                  features("out_features", &LayerSpec::out_features), biasKeyword(), secondInput()};
    t.make = makers([](auto zero, const LayerSpec& s, Generator& gen) {
        return make<Bilinear, decltype(zero)>(bilinearOptions(s), gen);
    });
    t.outputShape = [](const LayerSpec& s, const Shape& in1, const Shape& in2) {
        checkNonNegative({s.out_features, s.in1_features, s.in2_features});
        return bilinearOutputShape(bilinearOptions(s), in1, in2);
    };
    t.parameterCount = [](const LayerSpec& s, Index) {
        return saturatingSum(
            saturatingProduct(saturatingProduct(s.out_features, s.in1_features), s.in2_features),
            s.bias ? s.out_features : 0);
    };
    t.scratchPerRow = [](const LayerSpec& s) {
        return bilinearScratchPerRow(s.in1_features, s.in2_features, s.out_features);
    };
    t.pythonConstructor = [](const LayerSpec& s) {
        return "nn.Bilinear(" + num(s.in1_features) + ", " + num(s.in2_features) + ", " +
               num(s.out_features) + ", bias=" + pythonBool(s.bias) + ")";
    };
    t.repr = [](const LayerSpec& s) { return bilinearRepr(bilinearOptions(s)); };
    t.resetInit = [](const LayerSpec&, const std::string& param, const Shape& shape) {
        return bilinearResetInit(param, shape);
    };
    return t;
}

// --- Parameter-free layers ---

/// A keyword argument as Python code passes it: "beta=2", "alpha=1.0",
/// "approximate='tanh'", spelled as the design spells it.
std::string pythonArgument(const LayerKeyword& k, const LayerSpec& s) {
    if (k.kind == KeywordKind::Choice)
        return k.name + "='" + s.choice(k.name) + "'";
    return k.name + "=" + pythonNumber(s.number(k.name));
}

/// Identity and the activations: shape in = shape out, no parameters, every
/// keyword of the constructor passed by name, the repr from the module itself.
LayerType parameterFree(const std::string& name, bool isActivation,
                        std::vector<LayerKeyword> keywords, ModuleMakers makeModule) {
    LayerType t;
    t.name = name;
    t.isActivation = isActivation;
    t.keywords = std::move(keywords);
    t.make = std::move(makeModule);
    t.outputShape = [](const LayerSpec&, const Shape& in1, const Shape&) { return in1; };
    t.parameterCount = [](const LayerSpec&, Index) { return Index(0); };
    t.scratchPerRow = noScratch;
    const std::vector<LayerKeyword> reals = t.keywords;
    t.pythonConstructor = [name, reals](const LayerSpec& s) {
        std::string args;
        for (const auto& k : reals)
            args += (args.empty() ? "" : ", ") + pythonArgument(k, s);
        return "nn." + name + "(" + args + ")";
    };
    const ModuleMakers m = t.make;
    t.repr = [m](const LayerSpec& s) {
        Generator unused(0);
        return m.f32(s, unused)->repr();
    };
    return t;
}

/// PReLU: element-wise, with num_parameters learnable slopes that start at init.
LayerType preluType() {
    LayerType t;
    t.name = "PReLU";
    t.isActivation = true;
    t.hasParameters = true;
    LayerKeyword count = features("num_parameters", &LayerSpec::num_parameters, 1);
    count.required = false;
    t.keywords = {count, real("init", 0.25, -1e3, 1e3)};
    t.make = makers([](auto zero, const LayerSpec& s, Generator&) {
        return make<PReLU, decltype(zero)>(s.num_parameters, s.number("init"));
    });
    t.outputShape = [](const LayerSpec& s, const Shape& in1, const Shape&) {
        checkNonNegative({s.num_parameters});
        return preluOutputShape(s.num_parameters, in1);
    };
    t.parameterCount = [](const LayerSpec& s, Index) { return s.num_parameters; };
    // backward keeps x * g for the slopes' sum: a row of the input (its width, for
    // one slope per channel; counted as that width too for a shared slope).
    t.scratchPerRow = [](const LayerSpec& s) { return s.num_parameters; };
    t.pythonConstructor = [](const LayerSpec& s) {
        return "nn.PReLU(num_parameters=" + num(s.num_parameters) +
               ", init=" + pythonNumber(s.number("init")) + ")";
    };
    t.repr = [](const LayerSpec& s) {
        return "PReLU(num_parameters=" + num(s.num_parameters) + ")";
    };
    t.resetInit = [](const LayerSpec& s, const std::string&, const Shape&) {
        InitDistribution d;
        d.kind = InitDistribution::Kind::Constant;
        d.value = s.option("init");
        d.call = "torch.empty(num_parameters).fill_(init)";
        d.formula = "every slope = init = " + initNumber(d.value);
        return d;
    };
    return t;
}

template <template <typename> class M>
LayerType activation(const std::string& name) {
    return parameterFree(name, true, {}, makers([](auto zero, const LayerSpec&, Generator&) {
                             return make<M, decltype(zero)>();
                         }));
}

std::vector<LayerType> buildTable() {
    std::vector<LayerType> table;
    table.push_back(linearType<Linear>("Linear", "nn.Linear"));
    table.push_back(bilinearType());
    table.push_back(lazyLinearType());
    table.push_back(
        parameterFree("Identity", false, {}, makers([](auto zero, const LayerSpec&, Generator&) {
                          return make<Identity, decltype(zero)>();
                      })));
    // Defined in the exported script, as torch.nn.modules.linear has it.
    table.push_back(linearType<NonDynamicallyQuantizableLinear>("NonDynamicallyQuantizableLinear",
                                                                "NonDynamicallyQuantizableLinear"));
    LayerType dropout = parameterFree("Dropout", false, {real("p", 0.5, 0, 1)},
                                      makers([](auto zero, const LayerSpec& s, Generator&) {
                                          return make<Dropout, decltype(zero)>(s.number("p"));
                                      }));
    dropout.outputShape = [](const LayerSpec& s, const Shape& in1, const Shape&) {
        const double p = s.option("p");
        if (p < 0 || p > 1)
            throw std::invalid_argument("dropout probability has to be between 0 and 1, but got " +
                                        pythonNumber(s.number("p")));
        return in1;
    };
    table.push_back(std::move(dropout));

    table.push_back(activation<ReLU>("ReLU"));
    table.push_back(parameterFree("LeakyReLU", true, {real("negative_slope", 0.01, -1e3, 1e3)},
                                  makers([](auto zero, const LayerSpec& s, Generator&) {
                                      return make<LeakyReLU, decltype(zero)>(
                                          s.number("negative_slope"));
                                  })));
    table.push_back(activation<Tanh>("Tanh"));
    table.push_back(activation<Sigmoid>("Sigmoid"));
    table.push_back(parameterFree("GELU", true, {choice("approximate", {"none", "tanh"})},
                                  makers([](auto zero, const LayerSpec& s, Generator&) {
                                      return make<GELU, decltype(zero)>(s.choice("approximate"));
                                  })));
    table.push_back(activation<SiLU>("SiLU"));
    table.push_back(parameterFree(
        "Softplus", true, {integer("beta", 1, 1e-4, 1e3), integer("threshold", 20, 0, 1e4)},
        makers([](auto zero, const LayerSpec& s, Generator&) {
            return make<Softplus, decltype(zero)>(s.number("beta"), s.number("threshold"));
        })));
    table.push_back(parameterFree("ELU", true, {real("alpha", 1.0, -1e3, 1e3)},
                                  makers([](auto zero, const LayerSpec& s, Generator&) {
                                      return make<ELU, decltype(zero)>(s.number("alpha"));
                                  })));
    table.push_back(activation<SELU>("SELU"));
    LayerType celu = parameterFree("CELU", true, {real("alpha", 1.0, -1e3, 1e3)},
                                   makers([](auto zero, const LayerSpec& s, Generator&) {
                                       return make<CELU, decltype(zero)>(s.number("alpha"));
                                   }));
    // torch's celu divides by alpha before it computes anything.
    celu.outputShape = [](const LayerSpec& s, const Shape& in1, const Shape&) {
        if (s.option("alpha") == 0)
            throw std::invalid_argument("ZeroDivisionError: alpha cannot be 0 for CELU");
        return in1;
    };
    table.push_back(std::move(celu));
    table.push_back(activation<ReLU6>("ReLU6"));
    LayerType hardtanh = parameterFree(
        "Hardtanh", true, {real("min_val", -1.0, -1e4, 1e4), real("max_val", 1.0, -1e4, 1e4)},
        makers([](auto zero, const LayerSpec& s, Generator&) {
            return make<Hardtanh, decltype(zero)>(s.number("min_val"), s.number("max_val"));
        }));
    // nn.Hardtanh asserts max_val > min_val, an AssertionError without words.
    hardtanh.outputShape = [](const LayerSpec& s, const Shape& in1, const Shape&) {
        if (!(s.option("max_val") > s.option("min_val")))
            throw std::invalid_argument(
                "AssertionError: Hardtanh needs max_val > min_val, got "
                "min_val=" +
                pythonNumber(s.number("min_val")) +
                ", max_val=" + pythonNumber(s.number("max_val")));
        return in1;
    };
    table.push_back(std::move(hardtanh));
    table.push_back(activation<Hardsigmoid>("Hardsigmoid"));
    table.push_back(activation<Hardswish>("Hardswish"));
    table.push_back(activation<Mish>("Mish"));
    table.push_back(activation<Softsign>("Softsign"));
    table.push_back(activation<Tanhshrink>("Tanhshrink"));
    table.push_back(activation<LogSigmoid>("LogSigmoid"));
    table.push_back(preluType());
    return table;
}

}  // namespace

const LayerKeyword* LayerType::keyword(const std::string& n) const {
    for (const auto& k : keywords)
        if (k.name == n)
            return &k;
    return nullptr;
}

LayerSpec LayerType::defaultSpec(Index inWidth) const {
    LayerSpec spec;
    spec.type = name;
    const Index width = std::max<Index>(1, inWidth);
    for (const auto& k : keywords) {
        if (k.kind == KeywordKind::Features)
            spec.*k.features = k.defaultValue > 0 ? static_cast<Index>(k.defaultValue) : width;
        else if (k.kind == KeywordKind::Flag)
            spec.*k.flag = k.defaultValue != 0;
    }
    return spec;
}

const std::vector<LayerType>& layerTable() {
    static const std::vector<LayerType> table = buildTable();
    return table;
}

const LayerType* findLayerType(const std::string& name) {
    for (const auto& t : layerTable())
        if (t.name == name)
            return &t;
    return nullptr;
}

const LayerType& layerType(const std::string& name) {
    if (const LayerType* t = findLayerType(name))
        return *t;
    throw std::invalid_argument("unknown layer type '" + name + "'");
}

template <>
std::unique_ptr<Module<float>> makeModule<float>(const LayerSpec& spec, Generator& gen) {
    return layerType(spec.type).make.f32(spec, gen);
}

template <>
std::unique_ptr<Module<double>> makeModule<double>(const LayerSpec& spec, Generator& gen) {
    return layerType(spec.type).make.f64(spec, gen);
}

}  // namespace linearlab::nn
