#pragma once
// Shared helpers for the weight-format tests: sample state dicts, exact
// comparison (bitwise, so NaN and -0.0 count) and fixture loading.
#include "core/io/state_dict.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace linearlab::io::test {

inline NamedTensor makeTensor(const std::string& name, nn::Shape shape, float start = 0.5f) {
    NamedTensor t;
    t.name = name;
    t.shape = std::move(shape);
    std::int64_t n = 1;
    for (auto d : t.shape)
        n *= d;
    std::vector<float> v;
    for (std::int64_t i = 0; i < n; ++i)
        v.push_back(start + 0.25f * static_cast<float>(i) * (i % 2 ? -1.0f : 1.0f));
    t.values = std::move(v);
    return t;
}

/// One tensor of each rank the formats must carry, empty ones included.
inline StateDict sampleStateDict() {
    StateDict sd;
    sd.push_back(makeTensor("0.weight", {2, 3}, 0.1f));
    sd.push_back(makeTensor("0.bias", {2}, -1.5f));
    sd.push_back(makeTensor("1.weight", {2, 3, 4}, 3.0f));
    sd.push_back(makeTensor("empty_rows", {0, 3}));
    sd.push_back(makeTensor("empty_cols", {3, 0}));
    sd.push_back(makeTensor("scalar", {}, 7.0f));
    NamedTensor special = makeTensor("special", {5});
    special.values = {
        std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
        -std::numeric_limits<float>::infinity(), -0.0f, std::numeric_limits<float>::denorm_min()};
    sd.push_back(special);
    return sd;
}

inline bool sameBits(float a, float b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

inline bool sameBits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

/// Empty string when equal, else the first difference; values compared as F.
template <typename F>
std::string compareValues(const NamedTensor& a, const NamedTensor& b, bool bitwise) {
    const std::vector<F> x = a.values.to<F>(), y = b.values.to<F>();
    for (size_t k = 0; k < x.size(); ++k) {
        const bool same = bitwise ? sameBits(x[k], y[k])
                                  : (x[k] == y[k] || (std::isnan(x[k]) && std::isnan(y[k])));
        if (!same)
            return a.name + "[" + std::to_string(k) + "] " + std::to_string(x[k]) + " vs " +
                   std::to_string(y[k]);
    }
    return {};
}

/// Empty string when equal, else the first difference.
inline std::string compare(const StateDict& a, const StateDict& b, bool bitwise = true) {
    if (a.size() != b.size())
        return "sizes " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name)
            return "name " + a[i].name + " vs " + b[i].name;
        if (a[i].shape != b[i].shape)
            return a[i].name + " shape " + nn::shapeString(a[i].shape) + " vs " +
                   nn::shapeString(b[i].shape);
        if (a[i].values.size() != b[i].values.size())
            return a[i].name + " value count";
        // Bit for bit means the same dtype too; otherwise (a fixture's float32
        // view of a float64 tensor) the values are compared as float32.
        const bool sameType = a[i].values.dtype() == b[i].values.dtype();
        if (bitwise && !sameType)
            return a[i].name + " dtype " + nn::dtypeName(a[i].values.dtype()) + " vs " +
                   nn::dtypeName(b[i].values.dtype());
        const std::string difference = sameType ? compareValues<double>(a[i], b[i], bitwise)
                                                : compareValues<float>(a[i], b[i], bitwise);
        if (!difference.empty())
            return difference;
    }
    return {};
}

inline QString fixture(const QString& name) {
    return QStringLiteral(LINEARLAB_FIXTURES_DIR "/io/") + name;
}

inline std::string readFixture(const QString& name) {
    QFile f(fixture(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = f.readAll();
    return std::string(b.constData(), static_cast<size_t>(b.size()));
}

/// {name: {shape, values[, dtype]}} as make_io_fixtures.py writes it, in file order.
inline StateDict expectedFixture(const QString& name) {
    StateDict sd;
    QFile f(fixture(name));
    if (!f.open(QIODevice::ReadOnly))
        return sd;
    const QByteArray text = f.readAll();
    const QJsonObject root = QJsonDocument::fromJson(text).object();
    // QJsonObject sorts its keys; recover file order from the text.
    std::vector<std::pair<qsizetype, QString>> order;
    for (const QString& key : root.keys())
        order.emplace_back(text.indexOf(("\"" + key + "\": {").toUtf8()), key);
    std::sort(order.begin(), order.end());
    for (const auto& [pos, key] : order) {
        const QJsonObject o = root.value(key).toObject();
        NamedTensor t;
        t.name = key.toStdString();
        for (const QJsonValue& d : o.value("shape").toArray())
            t.shape.push_back(d.toInteger());
        std::vector<float> values;
        for (const QJsonValue& v : o.value("values").toArray())
            values.push_back(static_cast<float>(v.toDouble()));
        t.values = std::move(values);
        if (o.contains("dtype"))
            t.dtype = o.value("dtype").toString().toStdString();
        sd.push_back(std::move(t));
    }
    return sd;
}

/// The sample state dict plus what text formats must survive: a name with a
/// comma, quotes and a newline, and the float extremes (1e-38, FLT_MAX, 0.1).
inline StateDict textFormatSample() {
    StateDict sd = sampleStateDict();
    sd.push_back(makeTensor("odd, \"quoted\"\nname", {2}));
    sd.push_back(makeTensor("tiny", {3}, 1e-38f));
    sd.back().values.float32()[1] = 3.4028235e38f;
    sd.back().values.float32()[2] = 0.1f;
    return sd;
}

}  // namespace linearlab::io::test
