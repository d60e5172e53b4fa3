#pragma once
// Comparing whole designs in tests, with train::Design's operator==: every field
// by its path, for QCOMPARE's message (the fields away from their defaults) and
// for naming the fields two designs differ in.
#include "core/nn/loss_table.h"
#include "core/nn/optimizer_table.h"
#include "core/train/design.h"
#include "core/train/scheduler_table.h"

#include <QtTest>

#include <map>
#include <sstream>
#include <string>
#include <variant>

namespace linearlab::train {

namespace detail {

/// Every field as "path" -> value text, in path order.
using FieldMap = std::map<std::string, std::string>;

template <typename T>
std::string text(const T& value) {
    std::ostringstream s;
    s.precision(17);
    s << value;
    return s.str();
}

inline std::string text(const std::array<double, 2>& v) {
    return "(" + text(v[0]) + ", " + text(v[1]) + ")";
}

template <typename T>
std::string text(const std::optional<T>& value) {
    return value ? text(*value) : "unset";
}

/// An optimizer keyword's value, whichever kind it holds.
inline std::string text(const std::optional<nn::OptimizerValue>& v) {
    return v ? std::visit([](const auto& x) { return text(x); }, *v) : "unset";
}

inline void addInit(FieldMap& f, const std::string& p, const nn::InitSpec& i) {
    f[p + "scheme"] = i.scheme;
    f[p + "gain"] = text(i.gain);
    f[p + "a"] = text(i.a);
    f[p + "b"] = text(i.b);
    f[p + "mode"] = i.mode;
    f[p + "nonlinearity"] = i.nonlinearity;
    f[p + "mean"] = text(i.mean);
    f[p + "std"] = text(i.std);
    f[p + "val"] = text(i.val);
}

inline void addLayer(FieldMap& f, const std::string& p, const nn::LayerSpec& l) {
    f[p + "type"] = l.type;
    f[p + "in_features"] = text(l.in_features);
    f[p + "out_features"] = text(l.out_features);
    f[p + "in1_features"] = text(l.in1_features);
    f[p + "in2_features"] = text(l.in2_features);
    f[p + "bias"] = text(l.bias);
    for (const auto& [name, value] : l.options)
        f[p + name] = text(value);
    f[p + "input2"] = l.input2.toString();
    if (l.init)
        addInit(f, p + "init.", *l.init);
}

inline FieldMap fields(const Design& d) {
    FieldMap f;
    f["inputFeatures"] = text(d.inputFeatures);
    for (size_t i = 0; i < d.layers.size(); ++i)
        addLayer(f, "layers[" + std::to_string(i) + "].", d.layers[i]);
    f["seed"] = text(d.seed);
    addInit(f, "weightInit.", d.weightInit);
    const auto& s = d.data.synthetic;
    f["data.synthetic.dataset"] = s.dataset;
    f["data.synthetic.samples"] = text(s.samples);
    f["data.synthetic.seed"] = text(s.seed);
    f["data.synthetic.noise"] = text(s.noise);
    f["data.synthetic.classes"] = text(s.classes);
    f["data.synthetic.in_features"] = text(s.in_features);
    f["data.synthetic.out_features"] = text(s.out_features);
    f["data.file"] = d.data.file;
    f["data.target"] = d.data.target;
    f["data.classification"] = text(d.data.classification);
    f["data.standardize"] = text(d.data.standardize);
    f["data.validation_split"] = text(d.data.validation_split);
    f["batch.size"] = text(d.batch.size);
    f["batch.shuffle"] = text(d.batch.shuffle);
    f["batch.drop_last"] = text(d.batch.drop_last);
    f["loss"] = d.loss;
    for (nn::LossKeyword k : nn::lossKeywords()) {
        const auto v = nn::keywordValue(d.lossOptions, k);
        f[std::string("lossOptions.") + nn::keywordName(k)] = v ? nn::lossValueText(*v) : "unset";
    }
    const auto& o = d.optimizer;
    f["optimizer.type"] = o.type;
    for (nn::OptimizerKeyword k : nn::optimizerKeywords())
        f[std::string("optimizer.") + nn::keywordName(k)] = text(nn::keywordValue(o, k));
    f["train.epochs"] = text(d.train.epochs);
    f["train.steps"] = text(d.train.steps);
    f["scheduler.type"] = d.scheduler.type;
    for (const auto& [k, value] : d.scheduler.keywords)
        f[std::string("scheduler.") + keywordName(k)] = pythonValue(value);
    f["dtype"] = nn::dtypeName(d.dtype);
    return f;
}

}  // namespace detail

/// "data.standardize: 1 vs 0; ...": the fields `a` and `b` differ in, or empty.
inline std::string differences(const Design& a, const Design& b) {
    const detail::FieldMap fa = detail::fields(a);
    const detail::FieldMap fb = detail::fields(b);
    detail::FieldMap all = fa;
    all.insert(fb.begin(), fb.end());
    std::string out;
    for (const auto& [path, unused] : all) {
        const auto x = fa.find(path);
        const auto y = fb.find(path);
        const std::string vx = x == fa.end() ? "(none)" : x->second;
        const std::string vy = y == fb.end() ? "(none)" : y->second;
        if (vx != vy)
            out += (out.empty() ? "" : "; ") + path + ": " + vx + " vs " + vy;
    }
    return out;
}

/// The fields away from their defaults, for QCOMPARE's message (found by
/// argument-dependent lookup). QCOMPARE cuts long messages short; where designs
/// set many fields, QVERIFY2(a == b, differences(a, b).c_str()) names the culprits.
inline char* toString(const Design& d) {
    Design blank;
    for (const nn::LayerSpec& l : d.layers) {
        blank.layers.emplace_back();
        if (l.init)
            blank.layers.back().init = nn::InitSpec();
    }
    const detail::FieldMap defaults = detail::fields(blank);
    std::string out;
    for (const auto& [path, value] : detail::fields(d)) {
        const auto it = defaults.find(path);
        if (it == defaults.end() || it->second != value)
            out += (out.empty() ? "" : " ") + path + "=" + value;
    }
    return qstrdup(out.empty() ? "(the default design)" : out.c_str());
}

}  // namespace linearlab::train
