#include "core/io/json_weights_format.h"

#include "core/io/dimension_text.h"
#include "core/io/io_util.h"
#include "core/io/json_string.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <type_traits>
#include <unordered_set>

namespace linearlab::io {

namespace {

template <typename F>
std::string jsonNumber(F v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "Infinity" : "-Infinity";
    if constexpr (std::is_same_v<F, float>)
        return detail::formatFloat(v);
    else
        return detail::formatDouble(v);
}

// Writes values[pos..] nested along shape[d..], as tolist() would print them.
template <typename F>
void writeNested(std::string& out, const std::vector<F>& values, const nn::Shape& shape, size_t d,
                 size_t& pos) {
    if (d == shape.size()) {
        out += jsonNumber(values[pos++]);
        return;
    }
    out += '[';
    for (nn::Index i = 0; i < shape[d]; ++i) {
        if (i)
            out += ", ";
        writeNested(out, values, shape, d + 1, pos);
    }
    out += ']';
}

class JsonReader {
public:
    JsonReader(const std::string& text, const ReadLimits& limits) : m_s(text), m_limits(limits) {}

    StateDict read() {
        StateDict out;
        // Names seen so far: a hash set keeps the duplicate check constant per tensor.
        std::unordered_set<std::string> names;
        expect('{');
        skipSpace();
        if (peek() == '}') {
            ++m_p;
        } else {
            for (;;) {
                std::string name = parseString();
                if (!names.insert(name).second)
                    fail("tensor '" + name + "' appears twice");
                if (static_cast<std::int64_t>(out.size()) >= m_limits.maxTensors)
                    fail("more than " + std::to_string(m_limits.maxTensors) + " tensors");
                expect(':');
                out.push_back(parseTensor(std::move(name)));
                skipSpace();
                if (peek() == ',') {
                    ++m_p;
                    continue;
                }
                expect('}');
                break;
            }
        }
        skipSpace();
        if (m_p != m_s.size())
            fail("unexpected text after the top-level object");
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("JSON offset " + std::to_string(m_p) + ": " + what);
    }
    char peek() const { return m_p < m_s.size() ? m_s[m_p] : '\0'; }
    void skipSpace() {
        while (m_p < m_s.size() &&
               (m_s[m_p] == ' ' || m_s[m_p] == '\n' || m_s[m_p] == '\r' || m_s[m_p] == '\t'))
            ++m_p;
    }
    void expect(char c) {
        skipSpace();
        if (peek() != c)
            fail(std::string("expected '") + c + "'");
        ++m_p;
    }
    static void appendUtf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xc0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xe0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        } else {
            out += static_cast<char>(0xf0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        }
    }
    std::uint32_t hex4() {
        if (m_s.size() - m_p < 4)
            fail("truncated \\u escape");
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_s[m_p++];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else
                fail("bad \\u escape");
        }
        return v;
    }
    std::string parseString() {
        expect('"');
        std::string out;
        for (;;) {
            if (m_p >= m_s.size())
                fail("unterminated string");
            const char c = m_s[m_p++];
            if (c == '"')
                return out;
            if (static_cast<unsigned char>(c) < 0x20)
                fail("control character in string");
            if (c == '\\')
                parseEscape(out);
            else
                out += c;
        }
    }
    // The escape after a backslash, appended to `out` as UTF-8.
    void parseEscape(std::string& out) {
        if (m_p >= m_s.size())
            fail("unterminated escape");
        const char e = m_s[m_p++];
        switch (e) {
            case '"':
            case '\\':
            case '/':
                out += e;
                return;
            case 'b':
                out += '\b';
                return;
            case 'f':
                out += '\f';
                return;
            case 'n':
                out += '\n';
                return;
            case 'r':
                out += '\r';
                return;
            case 't':
                out += '\t';
                return;
            case 'u':
                appendUtf8(out, parseCodePoint());
                return;
            default:
                fail("bad escape");
        }
    }
    // The code point of a \uXXXX escape whose 'u' was just read; a UTF-16
    // surrogate pair (two escapes) makes one code point.
    std::uint32_t parseCodePoint() {
        const std::uint32_t cp = hex4();
        if (cp >= 0xd800 && cp < 0xdc00 && m_s.compare(m_p, 2, "\\u") == 0) {
            m_p += 2;
            const std::uint32_t lo = hex4();
            if (lo < 0xdc00 || lo >= 0xe000)
                fail("unpaired surrogate");
            return 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        }
        if (cp >= 0xd800 && cp < 0xe000)
            fail("unpaired surrogate");
        return cp;
    }
    // The numbers of "values", read straight into the tensor's type (text to
    // double to float would round twice): float32, or float64 when `wide`.
    struct Numbers {
        bool wide = false;
        std::vector<float> f32;
        std::vector<double> f64;
        size_t size() const { return wide ? f64.size() : f32.size(); }
    };

    /// Held as a file of that dtype would hold it (detail::heldAs).
    static bool isWide(const std::string& dtype) {
        return dtype == "float64" || dtype == "int64" || dtype == "int32";
    }
    void parseNumber(Numbers& out) {
        skipSpace();
        const size_t start = m_p;
        while (m_p < m_s.size()) {
            const char c = m_s[m_p];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' ||
                c == 'E' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                ++m_p;
            else
                break;
        }
        bool ok;
        if (out.wide) {
            double v;
            ok = detail::parseDouble(m_s.data() + start, m_s.data() + m_p, v);
            out.f64.push_back(v);
        } else {
            float v;
            ok = detail::parseFloat(m_s.data() + start, m_s.data() + m_p, v);
            out.f32.push_back(v);
        }
        if (!ok)
            fail("expected a number");
    }
    std::int64_t parseDim() {
        skipSpace();
        std::int64_t v = 0;
        switch (detail::readDimension(m_s, m_p, v)) {
            case detail::DimensionError::TooManyDigits:
                fail("dimension too large");
            case detail::DimensionError::NotADigit:
                fail("shape entries must be non-negative integers");
            case detail::DimensionError::None:
                break;
        }
        return v;
    }

    struct Nesting {
        std::vector<std::int64_t> dims;  // list length seen at each level
        int leafRank = -1;               // number of lists around every number
        int deepestList = -1;
    };

    void parseValues(int level, Nesting& n, Numbers& values) {
        skipSpace();
        if (peek() != '[') {
            if (n.leafRank == -1)
                n.leafRank = level;
            else if (n.leafRank != level)
                fail("values mix numbers and lists at the same depth");
            parseNumber(values);
            return;
        }
        if (level >= m_limits.maxRank)
            fail("values nest deeper than " + std::to_string(m_limits.maxRank) + " lists");
        ++m_p;
        n.deepestList = std::max(n.deepestList, level);
        std::int64_t length = 0;
        skipSpace();
        if (peek() == ']') {
            ++m_p;
        } else {
            for (;;) {
                parseValues(level + 1, n, values);
                ++length;
                skipSpace();
                if (peek() == ',') {
                    ++m_p;
                    continue;
                }
                expect(']');
                break;
            }
        }
        if (static_cast<int>(n.dims.size()) <= level)
            n.dims.resize(static_cast<size_t>(level) + 1, -1);
        auto& seen = n.dims[static_cast<size_t>(level)];
        if (seen == -1)
            seen = length;
        else if (seen != length)
            fail("ragged values: lists of length " + std::to_string(seen) + " and " +
                 std::to_string(length) + " at depth " + std::to_string(level + 1));
    }

    // The "shape" list, [] or [d, d, ...], of at most maxRank dimensions.
    nn::Shape parseShape() {
        nn::Shape shape;
        expect('[');
        skipSpace();
        if (peek() == ']') {
            ++m_p;
            return shape;
        }
        for (;;) {
            if (static_cast<int>(shape.size()) >= m_limits.maxRank)
                fail("shape has more than " + std::to_string(m_limits.maxRank) + " dimensions");
            shape.push_back(parseDim());
            skipSpace();
            if (peek() == ',') {
                ++m_p;
                continue;
            }
            expect(']');
            return shape;
        }
    }

    NamedTensor parseTensor(std::string name) {
        NamedTensor t;
        t.name = std::move(name);
        bool haveShape = false, haveValues = false;
        Nesting nesting;
        Numbers numbers;
        size_t valuesAt = 0;
        expect('{');
        skipSpace();
        if (peek() != '}') {
            for (;;) {
                const std::string key = parseString();
                expect(':');
                if (key == "shape" && !haveShape) {
                    t.shape = parseShape();
                    haveShape = true;
                } else if (key == "values" && !haveValues) {
                    valuesAt = m_p;
                    numbers.wide = isWide(t.dtype);
                    parseValues(0, nesting, numbers);
                    haveValues = true;
                } else if (key == "dtype") {
                    t.dtype = parseString();
                } else {
                    fail("unexpected key '" + key + "' in tensor '" + t.name + "'");
                }
                skipSpace();
                if (peek() != ',')
                    break;
                ++m_p;
            }
        }
        expect('}');
        if (!haveShape || !haveValues)
            fail("tensor '" + t.name + "' needs both \"shape\" and \"values\"");
        checkValuesHaveShape(t, nesting, numbers.size());
        if (t.dtype.empty())
            t.dtype = "float32";
        if (numbers.wide != isWide(t.dtype)) {
            // "dtype" came after "values" (LinearLab writes it first): read the
            // values again, as the type it names.
            const size_t end = m_p;
            m_p = valuesAt;
            numbers = Numbers{};
            numbers.wide = isWide(t.dtype);
            nesting = Nesting{};
            parseValues(0, nesting, numbers);
            m_p = end;
        }
        if (numbers.wide)
            t.values = std::move(numbers.f64);
        else
            t.values = std::move(numbers.f32);
        return t;
    }

    // The nesting seen must be the shape, or for empty tensors a prefix of it.
    void checkValuesHaveShape(const NamedTensor& t, const Nesting& nesting, size_t values) const {
        const std::int64_t count = detail::checkedNumel(t.shape, "tensor '" + t.name + "'");
        bool ok =
            static_cast<std::int64_t>(values) == count && nesting.dims.size() <= t.shape.size();
        for (size_t d = 0; ok && d < nesting.dims.size(); ++d)
            ok = nesting.dims[d] == t.shape[d];
        if (ok && values > 0)
            ok = nesting.leafRank == static_cast<int>(t.shape.size()) &&
                 nesting.deepestList < nesting.leafRank;
        if (!ok)
            fail("values of tensor '" + t.name + "' do not have shape " + nn::shapeString(t.shape));
    }

    const std::string& m_s;
    const ReadLimits& m_limits;
    size_t m_p = 0;
};

}  // namespace

std::string encodeJsonWeights(const StateDict& tensors) {
    std::string out = "{";
    for (size_t i = 0; i < tensors.size(); ++i) {
        const NamedTensor& t = tensors[i];
        detail::checkValueCount(t);
        out += i ? ",\n  " : "\n  ";
        // shapeString's "[2, 3]" is also the list json.dumps writes.
        out += detail::jsonString(t.name) + ": {";
        // float32 files stay as they were; float64 says so, and its values have
        // up to 17 significant digits.
        const bool f64 = t.values.dtype() == nn::DType::Float64;
        if (f64)
            out += "\"dtype\": \"float64\", ";
        out += "\"shape\": " + nn::shapeString(t.shape) + ", \"values\": ";
        size_t pos = 0;
        if (f64)
            writeNested(out, t.values.float64(), t.shape, 0, pos);
        else
            writeNested(out, t.values.float32(), t.shape, 0, pos);
        out += "}";
    }
    out += tensors.empty() ? "}\n" : "\n}\n";
    return out;
}

StateDict decodeJsonWeights(const std::string& text, const ReadLimits& limits) {
    return JsonReader(text, limits).read();
}

}  // namespace linearlab::io
