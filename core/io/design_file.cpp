#include "core/io/design_file.h"

#include "core/io/design_fields.h"
#include "core/io/file_util.h"
#include "core/io/json_number_spelling.h"
#include "core/io/loss_json.h"
#include "core/io/scheduler_section.h"
#include "core/nn/layer_table.h"
#include "core/nn/python_format.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <limits>
#include <set>

namespace linearlab::io {

namespace {

using design_fields::fail;
using design_fields::Fields;
using design_fields::requireOneOf;

constexpr int kFormatVersion = 1;

nn::InitSpec readInit(Fields& f, const char* schemeKey) {
    nn::InitSpec s;
    s.scheme = f.string(schemeKey, "default");
    requireOneOf(f.path(schemeKey), s.scheme, nn::initSchemes());
    s.gain = f.number("gain", 1.0);
    s.a = f.optionalNumber("a");
    s.b = f.optionalNumber("b");
    s.mode = f.string("mode", "fan_in");
    requireOneOf(f.path("mode"), s.mode, std::vector<std::string>{"fan_in", "fan_out"});
    s.nonlinearity = f.string("nonlinearity", "leaky_relu");
    requireOneOf(
        f.path("nonlinearity"), s.nonlinearity,
        std::vector<std::string>{"linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"});
    s.mean = f.number("mean", 0.0);
    s.std = f.nonNegative("std", 1.0);
    s.val = f.number("val", 0.0);
    return s;
}

void writeInit(QJsonObject& o, const nn::InitSpec& s, const char* schemeKey) {
    o[schemeKey] = QString::fromStdString(s.scheme);
    const std::string& k = s.scheme;
    if (k == "xavier_uniform_" || k == "xavier_normal_" || k == "orthogonal_")
        o["gain"] = s.gain;
    if (k == "kaiming_uniform_" || k == "kaiming_normal_") {
        o["mode"] = QString::fromStdString(s.mode);
        o["nonlinearity"] = QString::fromStdString(s.nonlinearity);
    }
    if (s.a)
        o["a"] = *s.a;
    if (s.b)
        o["b"] = *s.b;
    if (k == "normal_" || k == "trunc_normal_") {
        o["mean"] = s.mean;
        o["std"] = s.std;
    }
    if (k == "constant_")
        o["val"] = s.val;
}

/// Bilinear's input2: "previous", "input" or the index of an earlier node.
nn::SecondInput readSecondInput(Fields& f, size_t index) {
    const QJsonValue v = f.raw("input2");
    if (v.isString() && v.toString() == "previous")
        return nn::SecondInput::previous();
    if (v.isString() && v.toString() == "input")
        return nn::SecondInput::input();
    if (v.isDouble() && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() >= 0 &&
        v.toDouble() < static_cast<double>(index))
        return nn::SecondInput::fromNode(static_cast<nn::Index>(v.toDouble()));
    fail(f.path("input2"),
         "\"previous\", \"input\" or the index of an earlier node (0.." +
             std::to_string(static_cast<long long>(index) - 1) + ")",
         v);
}

nn::LayerSpec readLayer(const QJsonValue& value, const std::string& path, size_t index,
                        const std::set<std::string>* fractional) {
    if (!value.isObject())
        fail(path, "an object", value);
    Fields f(value.toObject(), path);
    nn::LayerSpec spec;
    if (!f.has("type"))
        throw DesignError(path + ".type: missing");
    spec.type = f.string("type", "");
    std::vector<std::string> types;
    for (const auto& t : nn::layerTable())
        types.push_back(t.name);
    requireOneOf(f.path("type"), spec.type, types);

    const nn::LayerType& type = nn::layerType(spec.type);
    for (const auto& k : type.keywords) {
        const char* key = k.name.c_str();
        switch (k.kind) {
            case nn::KeywordKind::Features:
                if (!f.has(key) && k.required)
                    throw DesignError(f.path(key) + ": missing (" + spec.type + " needs it)");
                spec.*k.features = static_cast<nn::Index>(
                    f.integer(key, static_cast<long long>(k.defaultValue), 1));
                break;
            case nn::KeywordKind::Flag:
                spec.*k.flag = f.boolean(key, k.defaultValue != 0);
                break;
            case nn::KeywordKind::Real:
                spec.options[k.name] = f.number(key, k.defaultValue);
                // 2 is a Python int, 2.0 a float; PyTorch's repr shows which. Without
                // the text, a number keeps its default's spelling.
                if (fractional && f.has(key))
                    spec.integerSpelling[k.name] =
                        !fractional->count(f.path(key)) &&
                        spec.options[k.name] == std::floor(spec.options[k.name]);
                break;
            case nn::KeywordKind::SecondInput:
                if (f.has(key))
                    spec.input2 = readSecondInput(f, index);
                break;
            case nn::KeywordKind::Choice:
                if (f.has(key)) {
                    const std::string v = f.string(key, k.defaultChoice);
                    requireOneOf(f.path(key), v, k.choices);
                    spec.choices[k.name] = v;
                }
                break;
        }
    }
    if (type.takesInitScheme && f.has("init")) {
        Fields fi(f.object("init"), f.path("init"));
        spec.init = readInit(fi, "weight");
        fi.rejectUnknown();
    }
    f.rejectUnknown();
    return spec;
}

QJsonObject writeLayer(const nn::LayerSpec& s) {
    QJsonObject o;
    o["type"] = QString::fromStdString(s.type);
    const nn::LayerType& type = nn::layerType(s.type);
    for (const auto& k : type.keywords) {
        const QString key = QString::fromStdString(k.name);
        switch (k.kind) {
            case nn::KeywordKind::Features:
                o[key] = static_cast<double>(s.*k.features);
                break;
            case nn::KeywordKind::Flag:
                o[key] = s.*k.flag;
                break;
            case nn::KeywordKind::Real:
                o[key] = s.option(k.name);
                break;
            case nn::KeywordKind::SecondInput:
                if (s.input2.kind == nn::SecondInput::Kind::Node)
                    o[key] = static_cast<double>(s.input2.node);
                else
                    o[key] = QString::fromStdString(s.input2.toString());
                break;
            case nn::KeywordKind::Choice:
                o[key] = QString::fromStdString(s.choice(k.name));
                break;
        }
    }
    if (type.takesInitScheme && s.init) {
        QJsonObject init;
        writeInit(init, *s.init, "weight");
        o["init"] = init;
    }
    return o;
}

}  // namespace

QJsonObject parseJsonObject(const QByteArray& text) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        int line = 1, column = 1;
        for (int i = 0; i < error.offset && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        throw DesignError("line " + std::to_string(line) + ", column " + std::to_string(column) +
                          ": " + error.errorString().toStdString());
    }
    if (!doc.isObject())
        throw DesignError("expected a JSON object at the top level");
    return doc.object();
}

namespace {

// One reader and one writer per top-level section, in the order a file lists them.

void checkFormat(Fields& root) {
    const std::string format = root.string("format", "");
    if (format != "linearlab")
        throw DesignError("format: expected \"linearlab\", got " +
                          quoteJsonValue(root.raw("format")));
    const long long version = root.integer("version", 0, 1);
    if (!root.has("version"))
        throw DesignError("version: missing");
    if (version > kFormatVersion)
        throw DesignError("version: this file is version " + std::to_string(version) +
                          ", newer than this LinearLab reads (" + std::to_string(kFormatVersion) +
                          "); please update LinearLab");
}

void readInputSection(Fields& root, train::Design& d) {
    const QJsonObject o = root.object("input");
    if (!root.has("input"))
        throw DesignError("input: missing (the network input, {\"features\": N})");
    Fields f(o, "input");
    if (!f.has("features"))
        throw DesignError("input.features: missing");
    d.inputFeatures = static_cast<nn::Index>(f.integer("features", 0, 1));
    f.rejectUnknown();
}

void writeInputSection(QJsonObject& root, const train::Design& d) {
    root["input"] = QJsonObject{{"features", static_cast<double>(d.inputFeatures)}};
}

void readLayersSection(Fields& root, train::Design& d, const std::set<std::string>* fractional) {
    if (!root.has("layers"))
        return;
    const QJsonValue v = root.raw("layers");
    if (!v.isArray())
        fail("layers", "an array", v);
    const QJsonArray layers = v.toArray();
    for (int i = 0; i < layers.size(); ++i)
        d.layers.push_back(readLayer(layers[i], "layers[" + std::to_string(i) + "]",
                                     static_cast<size_t>(i), fractional));
}

void writeLayersSection(QJsonObject& root, const train::Design& d) {
    QJsonArray layers;
    for (const auto& l : d.layers)
        layers.append(writeLayer(l));
    root["layers"] = layers;
}

void readInitSection(Fields& root, train::Design& d) {
    Fields f(root.object("init"), "init");
    d.seed = static_cast<uint64_t>(f.integer("seed", 0, 0));
    d.weightInit = readInit(f, "weight");
    f.rejectUnknown();
}

void writeInitSection(QJsonObject& root, const train::Design& d) {
    QJsonObject init{{"seed", static_cast<double>(d.seed)}};
    writeInit(init, d.weightInit, "weight");
    root["init"] = init;
}

/// Every field of the generated dataset is read whatever the dataset; only the
/// ones it takes are written.
void readDataSection(Fields& root, train::DataSpec& spec) {
    Fields f(root.object("data"), "data");
    auto& s = spec.synthetic;
    s.dataset = f.string("dataset", s.dataset);
    requireOneOf(f.path("dataset"), s.dataset, data::syntheticDatasetNames());
    s.samples = static_cast<nn::Index>(f.integer("samples", s.samples, 1));
    s.seed = static_cast<uint64_t>(f.integer("seed", 0, 0));
    if (f.has("noise"))
        s.noise = f.nonNegative("noise", 0);
    s.classes = static_cast<nn::Index>(f.integer("classes", s.classes, 2));
    s.in_features = static_cast<nn::Index>(f.integer("in_features", s.in_features, 1));
    s.out_features = static_cast<nn::Index>(f.integer("out_features", s.out_features, 1));
    spec.file = f.string("file", "");
    spec.target = f.string("target", "");
    spec.classification = f.boolean("classification", false);
    spec.standardize = f.boolean("standardize", false);
    spec.validation_split = f.number("validation_split", spec.validation_split);
    if (spec.validation_split < 0 || spec.validation_split >= 1)
        fail(f.path("validation_split"), "a number in [0, 1)", f.raw("validation_split"));
    f.rejectUnknown();
}

void writeDataSection(QJsonObject& root, const train::DataSpec& spec) {
    const auto& s = spec.synthetic;
    QJsonObject data{{"dataset", QString::fromStdString(s.dataset)},
                     {"samples", static_cast<double>(s.samples)},
                     {"seed", static_cast<double>(s.seed)},
                     {"validation_split", spec.validation_split}};
    if (s.noise)
        data["noise"] = *s.noise;
    const data::SyntheticDatasetInfo* info = data::findSyntheticDataset(s.dataset);
    if (info && info->takesClasses)
        data["classes"] = static_cast<double>(s.classes);
    if (info && info->takesFeatures) {
        data["in_features"] = static_cast<double>(s.in_features);
        data["out_features"] = static_cast<double>(s.out_features);
    }
    if (!spec.file.empty()) {
        data["file"] = QString::fromStdString(spec.file);
        if (!spec.target.empty())
            data["target"] = QString::fromStdString(spec.target);
        data["classification"] = spec.classification;
        data["standardize"] = spec.standardize;
    }
    root["data"] = data;
}

void readBatchSection(Fields& root, train::BatchSpec& b) {
    Fields f(root.object("batch"), "batch");
    if (f.has("size") && f.has("batch_size"))
        throw DesignError("batch: give size or batch_size, not both");
    b.size = static_cast<nn::Index>(f.integer(f.has("size") ? "size" : "batch_size", b.size, 1));
    b.shuffle = f.boolean("shuffle", b.shuffle);
    b.drop_last = f.boolean("drop_last", b.drop_last);
    f.rejectUnknown();
}

void writeBatchSection(QJsonObject& root, const train::BatchSpec& b) {
    root["batch"] = QJsonObject{
        {"size", static_cast<double>(b.size)}, {"shuffle", b.shuffle}, {"drop_last", b.drop_last}};
}

void readLossSection(Fields& root, train::Design& d) {
    Fields f(root.object("loss"), "loss");
    d.loss = f.string("type", d.loss);
    requireOneOf(f.path("type"), d.loss, nn::lossTypeNames());
    const nn::LossInfo& info = *nn::findLoss(d.loss);
    for (nn::LossKeyword k : nn::lossKeywords()) {
        const char* name = nn::keywordName(k);
        if (!f.has(name))
            continue;
        const QJsonValue json = f.raw(name);
        std::string expected;
        const std::optional<nn::LossValue> read = lossValueFromJson(k, json, expected);
        if (!read)
            fail(f.path(name), expected, json);
        const nn::LossValue& value = *read;
        if (nn::keywordKind(k) == nn::LossValueKind::Choice)
            requireOneOf(f.path(name), std::get<std::string>(value), nn::reductionChoices());
        if (!info.takes(k))
            throw DesignError(f.path(name) + ": " + onlyLossesTaking(k));
        if (const std::string problem = nn::lossValueProblem(k, value); !problem.empty())
            throw DesignError(f.path(name) + ": " + problem);
        nn::setKeywordValue(d.lossOptions, k, value);
    }
    f.rejectUnknown();
}

void writeLossSection(QJsonObject& root, const train::Design& d) {
    QJsonObject loss{{"type", QString::fromStdString(d.loss)}};
    for (nn::LossKeyword k : nn::lossKeywords())
        if (const auto value = nn::keywordValue(d.lossOptions, k))
            loss[nn::keywordName(k)] = lossValueToJson(*value);
    root["loss"] = loss;
}

/// Every keyword of the table is read whatever the type, so that a keyword the
/// type does not take reaches makeOptimizer, which refuses it in Python's words.
void readOptimizerSection(Fields& root, nn::OptimizerOptions& o) {
    Fields f(root.object("optimizer"), "optimizer");
    o.type = f.string("type", o.type);
    requireOneOf(f.path("type"), o.type, nn::optimizerTypeNames());
    for (nn::OptimizerKeyword k : nn::optimizerKeywords()) {
        const char* name = nn::keywordName(k);
        if (!f.has(name))
            continue;
        switch (nn::keywordKind(k)) {
            case nn::OptimizerValueKind::Number:
                nn::setKeywordValue(o, k, *f.optionalNumber(name));
                break;
            case nn::OptimizerValueKind::Flag:
                nn::setKeywordValue(o, k, f.boolean(name, false));
                break;
            case nn::OptimizerValueKind::Pair: {
                // betas, the one pair torch.optim takes.
                const QJsonValue v = f.raw(name);
                const QJsonArray a = v.toArray();
                if (!v.isArray() || a.size() != 2 || !a[0].isDouble() || !a[1].isDouble())
                    fail(f.path(name), "two numbers, [beta1, beta2]", v);
                nn::setKeywordValue(o, k, std::array<double, 2>{a[0].toDouble(), a[1].toDouble()});
                break;
            }
        }
    }
    // torch.optim.SGD requires lr; a design without one gets the table's value,
    // LinearLab's default.
    for (const nn::OptimizerArgument& a : nn::findOptimizer(o.type)->arguments)
        if (a.required && !nn::keywordValue(o, a.keyword))
            nn::setKeywordValue(o, a.keyword, a.defaultValue);
    f.rejectUnknown();
}

QJsonValue toJson(const nn::OptimizerValue& value) {
    if (const auto* number = std::get_if<double>(&value))
        return *number;
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag;
    const auto& pair = std::get<std::array<double, 2>>(value);
    return QJsonArray{pair[0], pair[1]};
}

void writeOptimizerSection(QJsonObject& root, const nn::OptimizerOptions& o) {
    QJsonObject opt{{"type", QString::fromStdString(o.type)}};
    for (nn::OptimizerKeyword k : nn::optimizerKeywords())
        if (const auto value = nn::keywordValue(o, k))
            opt[nn::keywordName(k)] = toJson(*value);
    root["optimizer"] = opt;
}

void readTrainSection(Fields& root, train::TrainSpec& t) {
    Fields f(root.object("train"), "train");
    t.epochs = static_cast<nn::Index>(f.integer("epochs", 0, 0));
    t.steps = static_cast<nn::Index>(f.integer("steps", 0, 0));
    f.rejectUnknown();
}

/// Left out when neither limit is set: no limit is the default.
void writeTrainSection(QJsonObject& root, const train::TrainSpec& t) {
    if (t.epochs <= 0 && t.steps <= 0)
        return;
    QJsonObject train;
    if (t.epochs > 0)
        train["epochs"] = static_cast<double>(t.epochs);
    if (t.steps > 0)
        train["steps"] = static_cast<double>(t.steps);
    root["train"] = train;
}

/// "dtype": torch.set_default_dtype's float32 (the default, left out) or float64.
void readDtype(Fields& root, train::Design& d) {
    const std::string name = root.string("dtype", nn::dtypeName(d.dtype));
    const auto dtype = nn::dtypeNamed(name);
    if (!dtype)
        requireOneOf("dtype", name, std::vector<std::string>{"float32", "float64"});
    d.dtype = *dtype;
}

void writeDtype(QJsonObject& root, const train::Design& d) {
    if (d.dtype != nn::DType::Float32)
        root["dtype"] = nn::dtypeName(d.dtype);
}

}  // namespace

train::Design designFromJson(const QJsonObject& root, const std::set<std::string>* fractional) {
    Fields f(root, "");
    checkFormat(f);
    train::Design d;
    readInputSection(f, d);
    readLayersSection(f, d, fractional);
    readInitSection(f, d);
    readDataSection(f, d.data);
    readBatchSection(f, d.batch);
    readLossSection(f, d);
    readOptimizerSection(f, d.optimizer);
    readTrainSection(f, d.train);
    if (f.has("scheduler"))
        d.scheduler = schedulerFromJson(f.object("scheduler"));
    readDtype(f, d);
    f.rejectUnknown();
    return d;
}

QJsonObject designToJson(const train::Design& d) {
    QJsonObject root;
    root["format"] = "linearlab";
    root["version"] = kFormatVersion;
    writeInputSection(root, d);
    writeLayersSection(root, d);
    writeInitSection(root, d);
    writeDataSection(root, d.data);
    writeBatchSection(root, d.batch);
    writeLossSection(root, d);
    writeOptimizerSection(root, d.optimizer);
    writeTrainSection(root, d.train);
    if (d.scheduler.enabled())
        root["scheduler"] = schedulerToJson(d.scheduler);
    writeDtype(root, d);
    return root;
}

std::set<std::string> designFractions(const train::Design& d) {
    std::set<std::string> paths;
    for (size_t i = 0; i < d.layers.size(); ++i)
        for (const auto& k : nn::layerType(d.layers[i].type).keywords)
            if (k.kind == nn::KeywordKind::Real && !d.layers[i].number(k.name).isInteger)
                paths.insert("layers[" + std::to_string(i) + "]." + k.name);
    return paths;
}

train::Design readDesignFile(const QString& path) {
    const QByteArray text = QByteArray::fromStdString(readWholeFile(path, 16 << 20));
    try {
        const std::set<std::string> fractional = fractionalNumbers(text);
        return designFromJson(parseJsonObject(text), &fractional);
    } catch (const DesignError& e) {
        throw DesignError(path.toStdString() + ": " + e.what());
    }
}

void writeDesignFile(const QString& path, const train::Design& design) {
    const QByteArray text = QJsonDocument(designToJson(design)).toJson(QJsonDocument::Indented);
    writeFileAtomically(path, withFractions(text, designFractions(design)));
}

}  // namespace linearlab::io
