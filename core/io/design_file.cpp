#include "core/io/design_file.h"

#include "core/io/file_util.h"
#include "core/nn/layer_table.h"
#include "core/nn/python_format.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <limits>
#include <set>

namespace linearlab::io {

namespace {

constexpr int kFormatVersion = 1;

/// A JSON value as the error message quotes it: "ten", 3.5, true, null, [...].
std::string quote(const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::String:
            return "\"" + v.toString().toStdString() + "\"";
        case QJsonValue::Double: {
            // JSON has one number type; quote 3 as 3, not as Python's 3.0.
            const double d = v.toDouble();
            if (d == std::floor(d) && std::abs(d) < 1e15)
                return std::to_string(static_cast<long long>(d));
            return nn::pythonFloat(d);
        }
        case QJsonValue::Bool:
            return v.toBool() ? "true" : "false";
        case QJsonValue::Null:
            return "null";
        case QJsonValue::Array:
            return "an array";
        case QJsonValue::Object:
            return "an object";
        default:
            return "nothing";
    }
}

[[noreturn]] void fail(const std::string& path, const std::string& what, const QJsonValue& got) {
    throw DesignError(path + ": expected " + what + ", got " + quote(got));
}

/// Reads the fields of one JSON object, checking each, and reports fields left
/// unread as unknown, so a typo never passes silently.
class Fields {
public:
    Fields(const QJsonObject& object, std::string path)
        : m_object(object), m_path(std::move(path)) {}

    bool has(const char* key) const { return m_object.contains(QLatin1String(key)); }
    std::string path(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }
    QJsonValue raw(const char* key) {
        m_read.insert(key);
        return m_object.value(QLatin1String(key));
    }

    std::string string(const char* key, const std::string& fallback) {
        if (!has(key))
            return fallback;
        const QJsonValue v = raw(key);
        if (!v.isString())
            fail(path(key), "a string", v);
        return v.toString().toStdString();
    }
    bool boolean(const char* key, bool fallback) {
        if (!has(key))
            return fallback;
        const QJsonValue v = raw(key);
        if (!v.isBool())
            fail(path(key), "true or false", v);
        return v.toBool();
    }
    double number(const char* key, double fallback) {
        if (!has(key))
            return fallback;
        return numberValue(key);
    }
    std::optional<double> optionalNumber(const char* key) {
        if (!has(key))
            return std::nullopt;
        return numberValue(key);
    }
    double nonNegative(const char* key, double fallback) {
        const double v = number(key, fallback);
        if (v < 0)
            fail(path(key), "a non-negative number", m_object.value(QLatin1String(key)));
        return v;
    }
    /// An integer >= minimum; "positive" for 1, "non-negative" for 0.
    long long integer(const char* key, long long fallback, long long minimum) {
        if (!has(key))
            return fallback;
        const QJsonValue v = raw(key);
        const double d = v.toDouble();
        const char* what = minimum == 1 ? "a positive integer" : "a non-negative integer";
        if (!v.isDouble() || d != std::floor(d) || d < static_cast<double>(minimum) || d > 9.0e15)
            fail(path(key), what, v);
        return static_cast<long long>(d);
    }
    QJsonObject object(const char* key) {
        if (!has(key))
            return {};
        const QJsonValue v = raw(key);
        if (!v.isObject())
            fail(path(key), "an object", v);
        return v.toObject();
    }

    /// Throws for the first field nobody read.
    void rejectUnknown() const {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            const std::string key = it.key().toStdString();
            if (!m_read.count(key))
                throw DesignError(path(key.c_str()) + ": unknown field");
        }
    }

private:
    double numberValue(const char* key) {
        const QJsonValue v = raw(key);
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            fail(path(key), "a number", v);
        return v.toDouble();
    }

    QJsonObject m_object;
    std::string m_path;
    std::set<std::string> m_read;
};

template <typename List>
std::string join(const List& names) {
    std::string s;
    for (const auto& n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

template <typename List>
void requireOneOf(const std::string& path, const std::string& value, const List& names) {
    for (const auto& n : names)
        if (n == value)
            return;
    throw DesignError(path + ": unknown value \"" + value + "\"; expected one of " + join(names));
}

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

nn::LayerSpec readLayer(const QJsonValue& value, const std::string& path, size_t index) {
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
                if (!f.has(key))
                    throw DesignError(f.path(key) + ": missing (" + spec.type + " needs it)");
                spec.*k.features = static_cast<nn::Index>(f.integer(key, 0, 1));
                break;
            case nn::KeywordKind::Flag:
                spec.*k.flag = f.boolean(key, k.defaultValue != 0);
                break;
            case nn::KeywordKind::Real:
                spec.options[k.name] = f.number(key, k.defaultValue);
                break;
            case nn::KeywordKind::SecondInput:
                if (f.has(key))
                    spec.input2 = readSecondInput(f, index);
                break;
        }
    }
    if (type.hasParameters && f.has("init")) {
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
        }
    }
    if (type.hasParameters && s.init) {
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

train::Design designFromJson(const QJsonObject& root) {
    Fields f(root, "");
    const std::string format = f.string("format", "");
    if (format != "linearlab")
        throw DesignError("format: expected \"linearlab\", got " + quote(root.value("format")));
    const long long version = f.integer("version", 0, 1);
    if (!f.has("version"))
        throw DesignError("version: missing");
    if (version > kFormatVersion)
        throw DesignError("version: this file is version " + std::to_string(version) +
                          ", newer than this LinearLab reads (" + std::to_string(kFormatVersion) +
                          "); please update LinearLab");

    train::Design d;
    {
        const QJsonObject o = f.object("input");
        if (!f.has("input"))
            throw DesignError("input: missing (the network input, {\"features\": N})");
        Fields fi(o, "input");
        if (!fi.has("features"))
            throw DesignError("input.features: missing");
        d.inputFeatures = static_cast<nn::Index>(fi.integer("features", 0, 1));
        fi.rejectUnknown();
    }
    if (f.has("layers")) {
        const QJsonValue v = f.raw("layers");
        if (!v.isArray())
            fail("layers", "an array", v);
        const QJsonArray layers = v.toArray();
        for (int i = 0; i < layers.size(); ++i)
            d.layers.push_back(
                readLayer(layers[i], "layers[" + std::to_string(i) + "]", static_cast<size_t>(i)));
    }
    {
        Fields fi(f.object("init"), "init");
        d.seed = static_cast<uint64_t>(fi.integer("seed", 0, 0));
        d.weightInit = readInit(fi, "weight");
        fi.rejectUnknown();
    }
    {
        Fields fd(f.object("data"), "data");
        auto& s = d.data.synthetic;
        s.dataset = fd.string("dataset", s.dataset);
        requireOneOf(fd.path("dataset"), s.dataset, data::syntheticDatasetNames());
        s.samples = static_cast<nn::Index>(fd.integer("samples", s.samples, 1));
        s.seed = static_cast<uint64_t>(fd.integer("seed", 0, 0));
        if (fd.has("noise"))
            s.noise = fd.nonNegative("noise", 0);
        s.classes = static_cast<nn::Index>(fd.integer("classes", s.classes, 2));
        s.in_features = static_cast<nn::Index>(fd.integer("in_features", s.in_features, 1));
        s.out_features = static_cast<nn::Index>(fd.integer("out_features", s.out_features, 1));
        d.data.file = fd.string("file", "");
        d.data.target = fd.string("target", "");
        d.data.classification = fd.boolean("classification", false);
        d.data.standardize = fd.boolean("standardize", false);
        d.data.validation_split = fd.number("validation_split", d.data.validation_split);
        if (d.data.validation_split < 0 || d.data.validation_split >= 1)
            fail("data.validation_split", "a number in [0, 1)",
                 root["data"].toObject()["validation_split"]);
        fd.rejectUnknown();
    }
    {
        Fields fb(f.object("batch"), "batch");
        if (fb.has("size") && fb.has("batch_size"))
            throw DesignError("batch: give size or batch_size, not both");
        d.batch.size =
            static_cast<nn::Index>(fb.integer(fb.has("size") ? "size" : "batch_size", 1, 1));
        d.batch.shuffle = fb.boolean("shuffle", false);
        d.batch.drop_last = fb.boolean("drop_last", false);
        fb.rejectUnknown();
    }
    {
        Fields fl(f.object("loss"), "loss");
        d.loss = fl.string("type", "MSELoss");
        requireOneOf(fl.path("type"), d.loss, nn::lossTypeNames());
        d.lossOptions.delta = fl.optionalNumber("delta");
        if (d.lossOptions.delta && d.loss != "HuberLoss")
            throw DesignError("loss.delta: only HuberLoss takes delta");
        fl.rejectUnknown();
    }
    {
        Fields fo(f.object("optimizer"), "optimizer");
        auto& o = d.optimizer;
        o.type = fo.string("type", "SGD");
        requireOneOf(fo.path("type"), o.type, nn::optimizerTypeNames());
        o.lr = fo.optionalNumber("lr");
        o.momentum = fo.optionalNumber("momentum");
        o.dampening = fo.optionalNumber("dampening");
        o.weight_decay = fo.optionalNumber("weight_decay");
        if (fo.has("nesterov"))
            o.nesterov = fo.boolean("nesterov", false);
        if (fo.has("betas")) {
            const QJsonValue v = fo.raw("betas");
            const QJsonArray a = v.toArray();
            if (!v.isArray() || a.size() != 2 || !a[0].isDouble() || !a[1].isDouble())
                fail("optimizer.betas", "two numbers, [beta1, beta2]", v);
            o.betas = std::array<double, 2>{a[0].toDouble(), a[1].toDouble()};
        }
        o.eps = fo.optionalNumber("eps");
        if (fo.has("amsgrad"))
            o.amsgrad = fo.boolean("amsgrad", false);
        o.alpha = fo.optionalNumber("alpha");
        if (fo.has("centered"))
            o.centered = fo.boolean("centered", false);
        if (o.type == "SGD" && !o.lr)
            o.lr = 0.01;  // torch.optim.SGD requires lr; a design without one gets the lab's 0.01
        fo.rejectUnknown();
    }
    {
        Fields ft(f.object("train"), "train");
        d.train.epochs = static_cast<nn::Index>(ft.integer("epochs", 0, 0));
        d.train.steps = static_cast<nn::Index>(ft.integer("steps", 0, 0));
        ft.rejectUnknown();
    }
    f.rejectUnknown();
    return d;
}

QJsonObject designToJson(const train::Design& d) {
    QJsonObject root;
    root["format"] = "linearlab";
    root["version"] = kFormatVersion;
    root["input"] = QJsonObject{{"features", static_cast<double>(d.inputFeatures)}};
    QJsonArray layers;
    for (const auto& l : d.layers)
        layers.append(writeLayer(l));
    root["layers"] = layers;

    QJsonObject init{{"seed", static_cast<double>(d.seed)}};
    writeInit(init, d.weightInit, "weight");
    root["init"] = init;

    const auto& s = d.data.synthetic;
    QJsonObject data{{"dataset", QString::fromStdString(s.dataset)},
                     {"samples", static_cast<double>(s.samples)},
                     {"seed", static_cast<double>(s.seed)},
                     {"validation_split", d.data.validation_split}};
    if (s.noise)
        data["noise"] = *s.noise;
    if (s.dataset == "blobs" || s.dataset == "spiral")
        data["classes"] = static_cast<double>(s.classes);
    if (s.dataset == "teacher" || s.dataset == "bilinear-teacher") {
        data["in_features"] = static_cast<double>(s.in_features);
        data["out_features"] = static_cast<double>(s.out_features);
    }
    if (!d.data.file.empty()) {
        data["file"] = QString::fromStdString(d.data.file);
        if (!d.data.target.empty())
            data["target"] = QString::fromStdString(d.data.target);
        data["classification"] = d.data.classification;
        data["standardize"] = d.data.standardize;
    }
    root["data"] = data;

    root["batch"] = QJsonObject{{"size", static_cast<double>(d.batch.size)},
                                {"shuffle", d.batch.shuffle},
                                {"drop_last", d.batch.drop_last}};
    QJsonObject loss{{"type", QString::fromStdString(d.loss)}};
    if (d.lossOptions.delta)
        loss["delta"] = *d.lossOptions.delta;
    root["loss"] = loss;

    const auto& o = d.optimizer;
    QJsonObject opt{{"type", QString::fromStdString(o.type)}};
    auto put = [&](const char* key, const std::optional<double>& v) {
        if (v)
            opt[key] = *v;
    };
    put("lr", o.lr);
    put("momentum", o.momentum);
    put("dampening", o.dampening);
    put("weight_decay", o.weight_decay);
    if (o.nesterov)
        opt["nesterov"] = *o.nesterov;
    if (o.betas)
        opt["betas"] = QJsonArray{(*o.betas)[0], (*o.betas)[1]};
    put("eps", o.eps);
    if (o.amsgrad)
        opt["amsgrad"] = *o.amsgrad;
    put("alpha", o.alpha);
    if (o.centered)
        opt["centered"] = *o.centered;
    root["optimizer"] = opt;
    if (d.train.epochs > 0 || d.train.steps > 0) {
        QJsonObject train;
        if (d.train.epochs > 0)
            train["epochs"] = static_cast<double>(d.train.epochs);
        if (d.train.steps > 0)
            train["steps"] = static_cast<double>(d.train.steps);
        root["train"] = train;
    }
    return root;
}

train::Design readDesignFile(const QString& path) {
    const std::string bytes = readWholeFile(path, 16 << 20);
    try {
        return designFromJson(parseJsonObject(QByteArray::fromStdString(bytes)));
    } catch (const DesignError& e) {
        throw DesignError(path.toStdString() + ": " + e.what());
    }
}

void writeDesignFile(const QString& path, const train::Design& design) {
    writeFileAtomically(path, QJsonDocument(designToJson(design)).toJson(QJsonDocument::Indented));
}

}  // namespace linearlab::io
