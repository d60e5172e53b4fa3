#include "core/io/project_file.h"

#include "core/data/little_endian.h"

#include "core/io/design_file.h"
#include "core/io/file_util.h"
#include "core/io/io_util.h"
#include "core/io/json_number_spelling.h"
#include "core/io/network_state.h"
#include "core/io/scheduler_section.h"
#include "core/io/weights_file.h"
#include "core/nn/generator.h"
#include "core/nn/network.h"
#include "core/nn/plural.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstring>
#include <set>

namespace linearlab::io {

namespace {

const char* const kFormat = "linearlab-project";

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw DesignError(path + ": " + problem);
}

/// Checks that `object` holds only `known` keys, so a typo or a field from a
/// newer writer is never silently dropped.
void rejectUnknown(const QJsonObject& object, const std::string& path,
                   const std::set<QString>& known) {
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!known.count(it.key()))
            fail((path.empty() ? "" : path + ".") + it.key().toStdString(), "unknown field");
}

nn::Index nonNegativeInteger(const QJsonValue& v, const std::string& path) {
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d != std::floor(d) || d < 0 || d > 9.0e15)
        fail(path, "expected a non-negative integer");
    return static_cast<nn::Index>(d);
}

/// Base64 text holding exactly `bytes` bytes, decoded. The length is checked
/// before decoding, so a hostile shape never makes us allocate more than the
/// file itself already takes.
QByteArray decodeExact(const QJsonValue& v, std::int64_t bytes, const std::string& path) {
    if (!v.isString())
        fail(path, "expected a base64 string");
    const QByteArray text = v.toString().toLatin1();
    const std::int64_t expected = 4 * ((bytes + 2) / 3);
    if (text.size() != expected)
        fail(path, "expected " + std::to_string(bytes) + " bytes (" + std::to_string(expected) +
                       " base64 characters), got " + std::to_string(text.size()) + " characters");
    const auto decoded =
        QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != bytes)
        fail(path, "not valid base64");
    return decoded.decoded;
}

QString encode(const void* data, size_t bytes) {
    return QString::fromLatin1(
        QByteArray(static_cast<const char*>(data), static_cast<qsizetype>(bytes)).toBase64());
}

QJsonValue encodeHistory(const std::vector<train::LossPoint>& points) {
    std::vector<double> flat;
    flat.reserve(points.size() * 2);
    for (const auto& p : points) {
        flat.push_back(p.step);
        flat.push_back(p.loss);
    }
    return encode(flat.data(), flat.size() * sizeof(double));
}

std::vector<train::LossPoint> decodeHistory(const QJsonValue& v, const std::string& path) {
    if (!v.isString())
        fail(path, "expected a base64 string");
    // Length of the decoded data, from the text, before decoding: 16 bytes a point.
    const qsizetype chars = v.toString().size();
    const std::int64_t bytes = chars / 4 * 3;
    std::int64_t points = bytes / 16;
    // Padding makes the decoded length up to two bytes shorter than chars / 4 * 3.
    if (4 * ((points * 16 + 2) / 3) != chars)
        fail(path, "expected base64 of (step, loss) float64 pairs, got " + std::to_string(chars) +
                       " characters");
    const QByteArray raw = decodeExact(v, points * 16, path);
    std::vector<train::LossPoint> out(static_cast<size_t>(points));
    for (std::int64_t i = 0; i < points; ++i) {
        out[static_cast<size_t>(i)].step = data::loadLE<double>(raw.constData() + 16 * i);
        out[static_cast<size_t>(i)].loss = data::loadLE<double>(raw.constData() + 16 * i + 8);
    }
    return out;
}

StateDict readWeightsList(const QJsonValue& value, const ReadLimits& limits) {
    if (!value.isArray())
        fail("weights", "expected an array of tensors");
    const QJsonArray list = value.toArray();
    if (list.size() > limits.maxTensors)
        fail("weights", std::to_string(list.size()) + " tensors, more than the limit of " +
                            std::to_string(limits.maxTensors));
    StateDict dict;
    std::set<std::string> names;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const std::string path = "weights[" + std::to_string(i) + "]";
        if (!list[i].isObject())
            fail(path, "expected an object");
        const QJsonObject o = list[i].toObject();
        rejectUnknown(o, path, {"name", "dtype", "shape", "data"});
        NamedTensor t;
        if (!o.value("name").isString() || o.value("name").toString().isEmpty())
            fail(path + ".name", "expected a non-empty string");
        t.name = o.value("name").toString().toStdString();
        if (!names.insert(t.name).second)
            fail(path + ".name", "\"" + t.name + "\" appears twice");
        nn::DType dtype = nn::DType::Float32;
        if (o.contains("dtype")) {
            const auto named = nn::dtypeNamed(o.value("dtype").toString().toStdString());
            if (!named)
                fail(path + ".dtype", "expected \"float32\" or \"float64\"");
            dtype = *named;
        }
        t.dtype = nn::dtypeName(dtype);
        const QJsonValue shape = o.value("shape");
        if (!shape.isArray())
            fail(path + ".shape", "expected an array of dimensions");
        const QJsonArray dims = shape.toArray();
        if (dims.size() > limits.maxRank)
            fail(path + ".shape", std::to_string(dims.size()) + " dimensions, more than " +
                                      std::to_string(limits.maxRank));
        for (qsizetype d = 0; d < dims.size(); ++d)
            t.shape.push_back(
                nonNegativeInteger(dims[d], path + ".shape[" + std::to_string(d) + "]"));
        std::int64_t bytes = 0;
        try {
            bytes = detail::checkedMul(detail::checkedNumel(t.shape, path + ".shape"),
                                       static_cast<std::int64_t>(nn::dtypeSize(dtype)),
                                       path + ".shape");
        } catch (const std::runtime_error& e) {
            throw DesignError(e.what());
        }
        const QByteArray raw = decodeExact(o.value("data"), bytes, path + ".data");
        auto copied = [&](auto zero) {
            std::vector<decltype(zero)> v(static_cast<size_t>(bytes) / sizeof zero);
            if (!v.empty())
                std::memcpy(v.data(), raw.constData(), static_cast<size_t>(bytes));
            return TensorValues(std::move(v));
        };
        t.values = dtype == nn::DType::Float64 ? copied(0.0) : copied(0.0f);
        dict.push_back(std::move(t));
    }
    return dict;
}

/// history.<key>: a number, or null for none yet (NaN in memory).
void readLastValue(const QJsonObject& history, const char* key, double& out) {
    if (!history.contains(key))
        return;
    const QJsonValue v = history.value(key);
    if (v.isNull())
        out = train::TrainingProgress::kNone;
    else if (v.isDouble())
        out = v.toDouble();
    else
        fail(std::string("history.") + key, "expected a number or null");
}

QJsonValue lastValue(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

/// Refuses a newer project with a message that says what to do about it.
void checkVersion(const QJsonObject& root, const std::string& who) {
    const QJsonValue v = root.value("version");
    if (!root.contains("version"))
        fail("version", "missing");
    const nn::Index version = nonNegativeInteger(v, "version");
    if (version < 1)
        fail("version", "expected a positive integer");
    if (version > kProjectFormatVersion)
        throw DesignError(who + " is a version " + std::to_string(version) +
                          " project, newer than this LinearLab reads (" +
                          std::to_string(kProjectFormatVersion) + "); please update LinearLab");
}

/// The weights must fit the design as load_state_dict(strict=True) demands, so a
/// project never opens with parameters its network cannot take.
void checkWeightsFitDesign(const train::Design& design, const StateDict& weights) {
    std::unique_ptr<nn::Network<float>> network;
    try {
        nn::Generator gen(design.seed);
        network = std::make_unique<nn::Network<float>>(design.inputFeatures, design.layers,
                                                       design.weightInit, gen);
    } catch (const std::invalid_argument& e) {
        fail("weights", std::string("the design cannot hold weights: ") + e.what());
    }
    try {
        loadStateDict(*network, weights, LazyKeys::MayBeAbsent);
    } catch (const std::invalid_argument& e) {
        fail("weights", e.what());
    }
}

Project parseProject(const QJsonObject& root, const ReadLimits& limits, const std::string& who,
                     const std::set<std::string>* fractional = nullptr) {
    if (root.value("format").toString() != kFormat)
        fail("format", std::string("expected \"") + kFormat + "\"");
    checkVersion(root, who);
    rejectUnknown(root, "", {"format", "version", "design", "weights", "history"});

    Project p;
    if (!root.value("design").isObject())
        fail("design", "expected the design object");
    try {
        const std::set<std::string> inDesign =
            fractional ? pathsUnder(*fractional, "design.") : std::set<std::string>{};
        p.design =
            designFromJson(root.value("design").toObject(), fractional ? &inDesign : nullptr);
    } catch (const DesignError& e) {
        throw DesignError(std::string("design.") + e.what());
    }
    if (root.contains("weights") && !root.value("weights").isNull()) {
        p.weights = readWeightsList(root.value("weights"), limits);
        checkWeightsFitDesign(p.design, *p.weights);
    }
    if (root.contains("history")) {
        if (!root.value("history").isObject())
            fail("history", "expected an object");
        const QJsonObject h = root.value("history").toObject();
        rejectUnknown(
            h, "history",
            {"step", "epoch", "train_loss", "validation_loss", "train_accuracy",
             "validation_accuracy", "train", "validation", "accuracy", "lr", "scheduler"});
        train::TrainingProgress& progress = p.progress;
        if (h.contains("step"))
            progress.step = nonNegativeInteger(h.value("step"), "history.step");
        if (h.contains("epoch"))
            progress.epoch = nonNegativeInteger(h.value("epoch"), "history.epoch");
        if (h.contains("train"))
            progress.trainHistory = decodeHistory(h.value("train"), "history.train");
        if (h.contains("validation"))
            progress.validationHistory = decodeHistory(h.value("validation"), "history.validation");
        if (h.contains("accuracy"))
            progress.accuracyHistory = decodeHistory(h.value("accuracy"), "history.accuracy");
        // Version 1 kept no last losses: the curves' last points are the best guess.
        if (!progress.trainHistory.empty())
            progress.trainLoss = progress.trainHistory.back().loss;
        if (!progress.validationHistory.empty())
            progress.validationLoss = progress.validationHistory.back().loss;
        if (!progress.accuracyHistory.empty())
            progress.validationAccuracy = progress.accuracyHistory.back().loss;
        readLastValue(h, "train_loss", progress.trainLoss);
        readLastValue(h, "validation_loss", progress.validationLoss);
        readLastValue(h, "train_accuracy", progress.trainAccuracy);
        readLastValue(h, "validation_accuracy", progress.validationAccuracy);
        if (h.contains("lr"))
            progress.lrHistory = decodeHistory(h.value("lr"), "history.lr");
        if (h.contains("scheduler"))
            progress.scheduler = schedulerStateFromJson(h.value("scheduler"), p.design.scheduler);
    }
    return p;
}

}  // namespace

QJsonObject projectToJson(const Project& project) {
    QJsonObject root;
    root["format"] = kFormat;
    root["version"] = kProjectFormatVersion;
    root["design"] = designToJson(project.design);
    if (project.weights) {
        QJsonArray list;
        for (const NamedTensor& t : *project.weights) {
            if (static_cast<std::int64_t>(t.values.size()) != detail::checkedNumel(t.shape, t.name))
                throw std::invalid_argument(t.name + ": " +
                                            nn::countOf(t.values.size(), "value", "values") +
                                            " for shape " + nn::shapeString(t.shape));
            QJsonArray shape;
            for (nn::Index d : t.shape)
                shape.append(static_cast<double>(d));
            list.append(QJsonObject{{"name", QString::fromStdString(t.name)},
                                    {"dtype", nn::dtypeName(t.values.dtype())},
                                    {"shape", shape},
                                    {"data", encode(t.values.data(), t.values.byteSize())}});
        }
        root["weights"] = list;
    }
    const train::TrainingProgress& progress = project.progress;
    root["history"] = QJsonObject{{"step", static_cast<double>(progress.step)},
                                  {"epoch", static_cast<double>(progress.epoch)},
                                  {"train_loss", lastValue(progress.trainLoss)},
                                  {"validation_loss", lastValue(progress.validationLoss)},
                                  {"train_accuracy", lastValue(progress.trainAccuracy)},
                                  {"validation_accuracy", lastValue(progress.validationAccuracy)},
                                  {"train", encodeHistory(progress.trainHistory)},
                                  {"validation", encodeHistory(progress.validationHistory)},
                                  {"accuracy", encodeHistory(progress.accuracyHistory)}};
    if (!progress.lrHistory.empty() || progress.scheduler) {
        QJsonObject history = root["history"].toObject();
        history["lr"] = encodeHistory(progress.lrHistory);
        if (progress.scheduler)
            history["scheduler"] = schedulerStateToJson(*progress.scheduler);
        root["history"] = history;
    }
    return root;
}

Project projectFromJson(const QJsonObject& root, const ReadLimits& limits,
                        const std::set<std::string>* fractional) {
    return parseProject(root, limits, "this file", fractional);
}

std::set<std::string> projectFractions(const Project& project) {
    std::set<std::string> paths;
    for (const std::string& p : designFractions(project.design))
        paths.insert("design." + p);
    return paths;
}

Project readProject(const QString& path, const ReadLimits& limits) {
    const std::string name = path.toStdString();
    const QByteArray bytes = QByteArray::fromStdString(readWholeFile(path, limits.maxFileBytes));
    try {
        const std::set<std::string> fractional = fractionalNumbers(bytes);
        return parseProject(parseJsonObject(bytes), limits, name, &fractional);
    } catch (const DesignError& e) {
        const std::string what = e.what();
        if (what.rfind(name, 0) == 0)
            throw;
        throw DesignError(name + ": " + what);
    }
}

void writeProject(const QString& path, const Project& project) {
    writeFileAtomically(
        path, withFractions(QJsonDocument(projectToJson(project)).toJson(QJsonDocument::Compact),
                            projectFractions(project)));
}

Project readDesignOrProject(const QString& path, const ReadLimits& limits) {
    const std::string name = path.toStdString();
    const QByteArray bytes = QByteArray::fromStdString(readWholeFile(path, limits.maxFileBytes));
    try {
        const QJsonObject root = parseJsonObject(bytes);
        const std::set<std::string> fractional = fractionalNumbers(bytes);
        const QString format = root.value("format").toString();
        if (format == kFormat)
            return parseProject(root, limits, name, &fractional);
        if (format != "linearlab")
            throw DesignError(
                "format: expected \"linearlab\" (a design) or \"linearlab-project\" (a project)");
        Project p;
        p.design = designFromJson(root, &fractional);
        return p;
    } catch (const DesignError& e) {
        const std::string what = e.what();
        if (what.rfind(name, 0) == 0)
            throw;
        throw DesignError(name + ": " + what);
    }
}

bool isProjectFile(const QString& path) {
    return QFileInfo(path).suffix().compare(QLatin1String("linearlab"), Qt::CaseInsensitive) == 0;
}

WeightsOrProject readWeightsOrProject(const QString& path, const ReadLimits& limits) {
    if (!isProjectFile(path))
        return {readWeights(path, limits), LazyKeys::Required};
    Project project = readProject(path, limits);
    if (!project.weights)
        throw DesignError(path.toStdString() + ": the project holds no weights");
    return {std::move(*project.weights), LazyKeys::MayBeAbsent};
}

}  // namespace linearlab::io
