#include "core/io/safetensors_format.h"

#include "core/data/little_endian.h"

#include "core/io/element_type.h"
#include "core/io/io_util.h"
#include "core/io/json_string.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace linearlab::io {

namespace {

using detail::ElementType;

struct DType {
    const char* safetensorsName;
    ElementType type;
};

constexpr DType kDTypes[] = {
    {"F32", ElementType::Float32},   {"F64", ElementType::Float64}, {"F16", ElementType::Float16},
    {"BF16", ElementType::BFloat16}, {"I64", ElementType::Int64},   {"I32", ElementType::Int32},
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
    ElementType type = ElementType::Float32;
    nn::Shape shape;
    std::int64_t begin = 0;
    std::int64_t end = 0;
};

// [2,3]: serde_json's compact list, as the reference writer spaces its header.
std::string compactList(const std::vector<std::int64_t>& items) {
    std::string s = "[";
    for (size_t i = 0; i < items.size(); ++i)
        s += (i ? "," : "") + std::to_string(items[i]);
    return s + "]";
}

// The 8-byte header length, which must leave the header inside the file.
std::uint64_t checkedHeaderLength(const std::string& bytes) {
    std::uint64_t n = 0;
    if (!data::readLE(bytes, 0, n))
        throw std::runtime_error("file is " + std::to_string(bytes.size()) +
                                 " bytes, too small for a safetensors header length");
    if (n > kSafetensorsMaxHeaderBytes)
        throw std::runtime_error("header length " + std::to_string(n) + " exceeds 100 MB");
    if (n > bytes.size() - 8)
        throw std::runtime_error("header length " + std::to_string(n) +
                                 " runs past the end of the " + std::to_string(bytes.size()) +
                                 "-byte file");
    return n;
}

// The header as a JSON object. Qt sorts an object's keys, so the file's order
// is not visible in it: HeaderScanner recovers it, and finds repeated keys.
QJsonObject parseHeaderObject(const QByteArray& headerText) {
    if (headerText.isEmpty() || headerText.at(0) != '{')
        throw std::runtime_error("header is not a JSON object");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(headerText, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        throw std::runtime_error("header is not valid JSON (" +
                                 parseError.errorString().toStdString() + " at offset " +
                                 std::to_string(parseError.offset) + ")");
    return doc.object();
}

// Walks JSON text that Qt has already accepted, so it only needs to find where
// tokens end; every index is still bounds-checked, and a surprise is an error
// rather than a wrong key list.
class HeaderScanner {
public:
    explicit HeaderScanner(const QByteArray& text) : m_s(text) {}

    // The top-level object's keys as the file spells them, in file order, in
    // one pass: safetensors orders zero-size tensors, which share an offset, by
    // their place in the header.
    std::vector<QString> keysInTextOrder() {
        std::vector<QString> keys;
        expect('{');
        skipSpace();
        if (peek() == '}')
            return keys;
        for (;;) {
            skipSpace();
            const qsizetype start = m_p;
            skipString();
            keys.push_back(decodedKey(start, m_p));
            skipSpace();
            expect(':');
            skipValue();
            skipSpace();
            if (peek() != ',')
                break;
            ++m_p;
        }
        expect('}');
        return keys;
    }

private:
    [[noreturn]] void fail() const {
        throw std::runtime_error("header could not be scanned at offset " + std::to_string(m_p));
    }
    char peek() const { return m_p < m_s.size() ? m_s.at(m_p) : '\0'; }
    void skipSpace() {
        while (m_p < m_s.size() && (m_s.at(m_p) == ' ' || m_s.at(m_p) == '\n' ||
                                    m_s.at(m_p) == '\r' || m_s.at(m_p) == '\t'))
            ++m_p;
    }
    void expect(char c) {
        if (peek() != c)
            fail();
        ++m_p;
    }
    // From an opening quote to just past its closing one.
    void skipString() {
        expect('"');
        while (m_p < m_s.size() && m_s.at(m_p) != '"')
            m_p += m_s.at(m_p) == '\\' ? 2 : 1;
        expect('"');
    }
    // A string, a number or literal, or a whole nested object or list; stops
    // before the ',' or '}' that follows it.
    void skipValue() {
        skipSpace();
        int depth = 0;
        for (;;) {
            const char c = peek();
            if (c == '\0')
                fail();
            if (c == '"') {
                skipString();
            } else {
                if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (depth == 0)
                        return;  // the end of the object a number or literal stood in
                    --depth;
                } else if (c == ',' && depth == 0) {
                    return;
                }
                ++m_p;
            }
            if (depth == 0 && (c == '"' || c == '}' || c == ']'))
                return;
        }
    }
    // A plain key is its UTF-8 bytes (Qt has checked them); one with escapes is
    // decoded by Qt's own parser, so that it is the very string the object holds.
    QString decodedKey(qsizetype quotedBegin, qsizetype quotedEnd) const {
        const QByteArray quoted = m_s.mid(quotedBegin, quotedEnd - quotedBegin);
        if (!quoted.contains('\\'))
            return QString::fromUtf8(quoted.constData() + 1, quoted.size() - 2);
        const QJsonDocument one = QJsonDocument::fromJson('[' + quoted + ']');
        if (!one.isArray() || one.array().size() != 1 || !one.array().at(0).isString())
            fail();
        return one.array().at(0).toString();
    }

    const QByteArray& m_s;
    qsizetype m_p = 0;
};

// The keys in file order, each exactly once, at most limits.maxTensors of
// them naming tensors (__metadata__ is not one). The hash set keeps the
// duplicate check constant per key.
std::vector<QString> checkedKeys(const QByteArray& headerText, const QJsonObject& root,
                                 const ReadLimits& limits) {
    std::vector<QString> keys = HeaderScanner(headerText).keysInTextOrder();
    const std::int64_t tensors =
        static_cast<std::int64_t>(keys.size()) - (root.contains("__metadata__") ? 1 : 0);
    if (tensors > limits.maxTensors)
        throw std::runtime_error("header lists " + std::to_string(tensors) +
                                 " tensors, more than " + std::to_string(limits.maxTensors));
    QSet<QString> seen;
    seen.reserve(static_cast<qsizetype>(keys.size()));
    for (const QString& key : keys) {
        if (seen.contains(key))
            throw std::runtime_error("header lists '" + key.toStdString() + "' twice");
        seen.insert(key);
    }
    if (static_cast<qsizetype>(keys.size()) != root.size())
        throw std::runtime_error("header could not be scanned: " + std::to_string(keys.size()) +
                                 " keys in the text, " + std::to_string(root.size()) +
                                 " in the object");
    return keys;
}

// __metadata__ maps strings to strings, as the reference reader insists.
void checkMetadata(const QJsonValue& value) {
    if (!value.isObject())
        throw std::runtime_error("__metadata__ is not an object");
    const QJsonObject meta = value.toObject();
    for (auto m = meta.begin(); m != meta.end(); ++m)
        if (!m.value().isString())
            throw std::runtime_error("__metadata__ value for '" + m.key().toStdString() +
                                     "' is not a string");
}

ElementType elementTypeNamed(const std::string& dtypeName, const std::string& what) {
    for (const DType& d : kDTypes)
        if (dtypeName == d.safetensorsName)
            return d.type;
    throw std::runtime_error(what + " has unsupported dtype '" + dtypeName + "'");
}

nn::Shape shapeOf(const QJsonArray& shapeArray, const std::string& what, const ReadLimits& limits) {
    if (shapeArray.size() > limits.maxRank)
        throw std::runtime_error(what + " has " + std::to_string(shapeArray.size()) +
                                 " dimensions, more than " + std::to_string(limits.maxRank));
    nn::Shape shape;
    for (const QJsonValue& d : shapeArray)
        shape.push_back(jsonIndex(d, what + " shape entry"));
    return shape;
}

// data_offsets [begin, end] into e, checked to span exactly the bytes that
// e's dtype and shape need.
void readOffsets(const QJsonArray& offsets, const std::string& what, Entry& e) {
    if (offsets.size() != 2)
        throw std::runtime_error(what + " data_offsets is not [begin, end]");
    e.begin = jsonIndex(offsets[0], what + " data_offsets");
    e.end = jsonIndex(offsets[1], what + " data_offsets");
    if (e.end < e.begin)
        throw std::runtime_error(what + " data_offsets [" + std::to_string(e.begin) + ", " +
                                 std::to_string(e.end) + "] end before they begin");
    const std::int64_t count = detail::checkedNumel(e.shape, what);
    const std::int64_t byteLength = detail::checkedMul(count, detail::itemSize(e.type), what);
    if (byteLength != e.end - e.begin)
        throw std::runtime_error(what + " shape " + nn::shapeString(e.shape) + " needs " +
                                 std::to_string(byteLength) + " bytes but data_offsets span " +
                                 std::to_string(e.end - e.begin));
}

// One tensor's header entry {dtype, shape, data_offsets}, self-consistent.
Entry describedTensor(const QString& key, const QJsonValue& value, const ReadLimits& limits) {
    Entry e;
    e.name = key.toStdString();
    const std::string what = "tensor '" + e.name + "'";
    if (!value.isObject())
        throw std::runtime_error(what + " is not described by an object");
    const QJsonObject info = value.toObject();
    const QJsonValue dtypeValue = info.value("dtype");
    const QJsonValue shapeValue = info.value("shape");
    const QJsonValue offsetsValue = info.value("data_offsets");
    if (!dtypeValue.isString() || !shapeValue.isArray() || !offsetsValue.isArray())
        throw std::runtime_error(what + " needs a string dtype, a shape list and data_offsets");
    e.type = elementTypeNamed(dtypeValue.toString().toStdString(), what);
    e.shape = shapeOf(shapeValue.toArray(), what, limits);
    readOffsets(offsetsValue.toArray(), what, e);
    return e;
}

// The buffer must be tiled exactly: sorted by offsets, each tensor starts
// where the previous ended and the last ends at the end of the file. The sort
// is stable over entries in header order, so zero-size tensors, which share
// an offset, keep a written state dict's order.
void sortAndCheckTiling(std::vector<Entry>& entries, std::int64_t dataSize) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
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
}

// Called only once the offsets are known to lie inside `data`.
NamedTensor readTensor(const Entry& e, const char* data) {
    NamedTensor t;
    t.name = e.name;
    t.dtype = detail::torchName(e.type);
    t.shape = e.shape;
    const int size = detail::itemSize(e.type);
    const char* p = data + e.begin;
    t.values = detail::loadElements(e.type, (e.end - e.begin) / size,
                                    [&](std::int64_t i) { return p + i * size; });
    return t;
}

}  // namespace

std::string encodeSafetensors(const StateDict& tensors) {
    std::string header = "{\"__metadata__\":{\"format\":\"pt\"}";
    std::int64_t offset = 0;
    for (const NamedTensor& t : tensors) {
        detail::checkValueCount(t);
        const auto end = offset + static_cast<std::int64_t>(t.values.byteSize());
        const bool f64 = t.values.dtype() == nn::DType::Float64;
        header += "," + detail::jsonString(t.name) + ":{\"dtype\":\"" + (f64 ? "F64" : "F32") +
                  "\",\"shape\":" + compactList(t.shape) +
                  ",\"data_offsets\":" + compactList({offset, end}) + "}";
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
        out.append(static_cast<const char*>(t.values.data()), t.values.byteSize());
    return out;
}

StateDict decodeSafetensors(const std::string& bytes, const ReadLimits& limits) {
    const std::uint64_t n = checkedHeaderLength(bytes);
    const QByteArray headerText =
        QByteArray::fromRawData(bytes.data() + 8, static_cast<qsizetype>(n));
    const QJsonObject root = parseHeaderObject(headerText);
    const std::vector<QString> keys = checkedKeys(headerText, root, limits);
    std::vector<Entry> entries;
    entries.reserve(keys.size());
    // QJsonObject finds a key by binary search over its sorted keys.
    for (const QString& key : keys) {
        if (key == QLatin1String("__metadata__"))
            checkMetadata(root.value(key));
        else
            entries.push_back(describedTensor(key, root.value(key), limits));
    }
    sortAndCheckTiling(entries, static_cast<std::int64_t>(bytes.size() - 8 - n));
    StateDict out;
    out.reserve(entries.size());
    detail::DecodedTotal decoded(limits);
    for (const Entry& e : entries) {
        decoded.add((e.end - e.begin) / detail::itemSize(e.type), detail::heldAs(e.type),
                    "tensor '" + e.name + "'");
        out.push_back(readTensor(e, bytes.data() + 8 + n));
    }
    return out;
}

}  // namespace linearlab::io
