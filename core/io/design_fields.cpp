// The design file's field reader: how a JSON value is quoted in an error and
// the "expected ..., got ..." error itself.
#include "core/io/design_fields.h"

#include "core/nn/python_format.h"

#include <cmath>

namespace linearlab::io {

std::string quoteJsonValue(const QJsonValue& v) {
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

namespace design_fields {

void fail(const std::string& path, const std::string& what, const QJsonValue& got) {
    throw DesignError(path + ": expected " + what + ", got " + quoteJsonValue(got));
}

}  // namespace design_fields

}  // namespace linearlab::io
