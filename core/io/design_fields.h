#pragma once
// The checked reading of a design file's JSON objects: Fields reads one object's
// fields with the error texts every section shares ("layers[2].out_features:
// expected a positive integer, got \"ten\"", "...: unknown field"). Used by
// design_file.cpp only; the sections' meaning stays there.
#include "core/io/design_file.h"

#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace linearlab::io::design_fields {

/// Throws DesignError "<path>: expected <what>, got <got as quoted>".
[[noreturn]] void fail(const std::string& path, const std::string& what, const QJsonValue& got);

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

}  // namespace linearlab::io::design_fields
