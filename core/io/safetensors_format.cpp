#include "core/io/safetensors_format.h"

#include "core/data/little_endian.h"

#include "core/io/io_util.h"
#include "core/io/json_string.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace linearlab::io {

namespace {

struct DType {
    const char* safetensorsName;
    const char* torchName;
    int itemSize;
};

constexpr DType kDTypes[] = {
    {"F32", "float32", 4},   {"F64", "float64", 8}, {"F16", "float16", 2},
    {"BF16", "bfloat16", 2}, {"I64", "int64", 8},   {"I32", "int32", 4},
};

// A JSON number that is an exact non-negative integer; QJsonValue holds
// doubles, so anything past 2^53 cannot be trusted to be the written value.
std::int64_t jsonIndex(const QJsonValue& v, const std::string& what) {
    if (!v.isDouble())
        throw std::runtime_error(what + " is not a number");
    const double d = v.toDouble();
    if (!(d >= 0) || d > 9007199254740992.0 || std::floor(d) != d)
        throw std::runtime_error(what + " is not a non-negative integer below 2^53");
    return static_cast<std::int64_t>(d);
}

struct Entry {
    std::string name;
    const DType* dtype;
    nn::Shape shape;
    std::int64_t begin;
    std::int64_t end;
    qsizetype textPos;
};

}  // namespace

std::string encodeSafetensors(const StateDict& tensors) {
    std::string header = "{\"__metadata__\":{\"format\":\"pt\"}";
    std::int64_t offset = 0;
    for (const NamedTensor& t : tensors) {
        detail::checkValueCount(t);
        const auto n = static_cast<std::int64_t>(t.values.size());
        header += "," + detail::jsonString(t.name) + ":{\"dtype\":\"F32\",\"shape\":[";
        for (size_t i = 0; i < t.shape.size(); ++i)
            header += (i ? "," : "") + std::to_string(t.shape[i]);
        const std::int64_t end = offset + 4 * n;
        header +=
            "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(end) + "]}";
        offset = end;
    }
    header += "}";
    // The reference writer pads with spaces so the data starts 8-byte aligned.
    header.append((8 - header.size() % 8) % 8, ' ');
    std::string out;
    out.reserve(8 + header.size() + static_cast<size_t>(offset));
    data::appendLE<std::uint64_t>(out, header.size());
    out += header;
    for (const NamedTensor& t : tensors)
        out.append(reinterpret_cast<const char*>(t.values.data()), t.values.size() * sizeof(float));
    return out;
}

StateDict decodeSafetensors(const std::string& bytes, const ReadLimits& limits) {
    if (bytes.size() < 8)
        throw std::runtime_error("file is " + std::to_string(bytes.size()) +
                                 " bytes, too small for a safetensors header length");
    const auto n = data::loadLE<std::uint64_t>(bytes.data());
    if (n > kSafetensorsMaxHeaderBytes)
        throw std::runtime_error("header length " + std::to_string(n) + " exceeds 100 MB");
    if (n > bytes.size() - 8)
        throw std::runtime_error("header length " + std::to_string(n) +
                                 " runs past the end of the " + std::to_string(bytes.size()) +
                                 "-byte file");
    const QByteArray headerText =
        QByteArray::fromRawData(bytes.data() + 8, static_cast<qsizetype>(n));
    if (headerText.isEmpty() || headerText.at(0) != '{')
        throw std::runtime_error("header is not a JSON object");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(headerText, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        throw std::runtime_error("header is not valid JSON (" +
                                 parseError.errorString().toStdString() + " at offset " +
                                 std::to_string(parseError.offset) + ")");
    const QJsonObject root = doc.object();
    if (root.size() > limits.maxTensors)
        throw std::runtime_error("header lists " + std::to_string(root.size()) +
                                 " tensors, more than " + std::to_string(limits.maxTensors));

    std::vector<Entry> entries;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string name = it.key().toStdString();
        if (name == "__metadata__") {
            if (!it.value().isObject())
                throw std::runtime_error("__metadata__ is not an object");
            const QJsonObject meta = it.value().toObject();
            for (auto m = meta.begin(); m != meta.end(); ++m)
                if (!m.value().isString())
                    throw std::runtime_error("__metadata__ value for '" + m.key().toStdString() +
                                             "' is not a string");
            continue;
        }
        const std::string what = "tensor '" + name + "'";
        if (!it.value().isObject())
            throw std::runtime_error(what + " is not described by an object");
        const QJsonObject info = it.value().toObject();
        const QJsonValue dtypeValue = info.value("dtype");
        const QJsonValue shapeValue = info.value("shape");
        const QJsonValue offsetsValue = info.value("data_offsets");
        if (!dtypeValue.isString() || !shapeValue.isArray() || !offsetsValue.isArray())
            throw std::runtime_error(what + " needs a string dtype, a shape list and data_offsets");
        const std::string dtypeName = dtypeValue.toString().toStdString();
        const DType* dtype = nullptr;
        for (const DType& d : kDTypes)
            if (dtypeName == d.safetensorsName)
                dtype = &d;
        if (!dtype)
            throw std::runtime_error(what + " has unsupported dtype '" + dtypeName + "'");
        const QJsonArray shapeArray = shapeValue.toArray();
        if (shapeArray.size() > limits.maxRank)
            throw std::runtime_error(what + " has " + std::to_string(shapeArray.size()) +
                                     " dimensions, more than " + std::to_string(limits.maxRank));
        nn::Shape shape;
        for (const QJsonValue& d : shapeArray)
            shape.push_back(jsonIndex(d, what + " shape entry"));
        const QJsonArray offsets = offsetsValue.toArray();
        if (offsets.size() != 2)
            throw std::runtime_error(what + " data_offsets is not [begin, end]");
        const std::int64_t begin = jsonIndex(offsets[0], what + " data_offsets");
        const std::int64_t end = jsonIndex(offsets[1], what + " data_offsets");
        if (end < begin)
            throw std::runtime_error(what + " data_offsets [" + std::to_string(begin) + ", " +
                                     std::to_string(end) + "] end before they begin");
        const std::int64_t count = detail::checkedNumel(shape, what);
        const std::int64_t byteLength = detail::checkedMul(count, dtype->itemSize, what);
        if (byteLength != end - begin)
            throw std::runtime_error(what + " shape " + nn::shapeString(shape) + " needs " +
                                     std::to_string(byteLength) + " bytes but data_offsets span " +
                                     std::to_string(end - begin));
        // Zero-size tensors share an offset; their order in the header text
        // (QJsonObject itself sorts keys) keeps a written state dict's order.
        const QByteArray quoted =
            QJsonDocument(QJsonArray{it.key()}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        entries.push_back(
            {name, dtype, std::move(shape), begin, end, headerText.indexOf(quoted + ':')});
    }

    // The buffer must be tiled exactly: sorted by offsets, each tensor starts
    // where the previous ended and the last ends at the end of the file.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        if (a.begin != b.begin)
            return a.begin < b.begin;
        return a.end != b.end ? a.end < b.end : a.textPos < b.textPos;
    });
    const std::int64_t dataSize = static_cast<std::int64_t>(bytes.size() - 8 - n);
    std::int64_t expected = 0;
    for (const Entry& e : entries) {
        if (e.begin != expected)
            throw std::runtime_error("tensor '" + e.name + "' data_offsets begin at " +
                                     std::to_string(e.begin) + ", expected " +
                                     std::to_string(expected) +
                                     " (tensors must be contiguous and not overlap)");
        if (e.end > dataSize)
            throw std::runtime_error("tensor '" + e.name + "' data_offsets end at " +
                                     std::to_string(e.end) + ", past the " +
                                     std::to_string(dataSize) + "-byte data buffer");
        expected = e.end;
    }
    if (expected != dataSize)
        throw std::runtime_error("tensors cover " + std::to_string(expected) + " of " +
                                 std::to_string(dataSize) +
                                 " data bytes (trailing bytes are not allowed)");

    const char* data = bytes.data() + 8 + n;
    StateDict out;
    out.reserve(entries.size());
    for (const Entry& e : entries) {
        NamedTensor t;
        t.name = e.name;
        t.dtype = e.dtype->torchName;
        t.shape = e.shape;
        const std::int64_t count = (e.end - e.begin) / e.dtype->itemSize;
        t.values.resize(static_cast<size_t>(count));
        const char* p = data + e.begin;
        const auto kind = e.dtype - kDTypes;  // index into kDTypes
        for (std::int64_t i = 0; i < count; ++i) {
            const char* q = p + i * e.dtype->itemSize;
            float v;
            switch (kind) {
                case 0:
                    v = data::loadLE<float>(q);
                    break;
                case 1:
                    v = detail::doubleToFloat(data::loadLE<double>(q));
                    break;
                case 2:
                    v = detail::halfToFloat(data::loadLE<std::uint16_t>(q));
                    break;
                case 3:
                    v = detail::bfloat16ToFloat(data::loadLE<std::uint16_t>(q));
                    break;
                case 4:
                    v = static_cast<float>(data::loadLE<std::int64_t>(q));
                    break;
                default:
                    v = static_cast<float>(data::loadLE<std::int32_t>(q));
                    break;
            }
            t.values[static_cast<size_t>(i)] = v;
        }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace linearlab::io
