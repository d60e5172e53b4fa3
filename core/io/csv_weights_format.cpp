#include "core/io/csv_weights_format.h"

#include "core/io/dimension_text.h"
#include "core/io/io_util.h"
#include "core/nn/plural.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>
#include <vector>

namespace linearlab::io {

namespace {

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

// "2x3", "0x3", and "scalar" for a 0-dim tensor.
std::string dimsJoinedByX(const nn::Shape& shape) {
    if (shape.empty())
        return "scalar";
    std::string s;
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? "x" : "") + std::to_string(shape[i]);
    return s;
}

// Reads the format record by record; every error names the line.
class CsvWeightsReader {
public:
    CsvWeightsReader(const std::string& text, const ReadLimits& limits)
        : m_text(text), m_limits(limits) {}

    StateDict read() {
        StateDict out;
        Record r;
        while (m_p < m_text.size()) {
            ++m_line;
            readRecord(r);
            if (m_line == 1)
                checkHeader(r);
            else if (!(r.fieldCount == 1 && r.fields[0].empty()))  // not a blank line
                out.push_back(tensorFrom(r, out.size()));
        }
        if (m_line == 0)
            throw std::runtime_error("CSV is empty; expected the header row name,shape,values");
        return out;
    }

private:
    // Name, shape (and dtype) are kept as text; values are converted as they
    // arrive, in the row's dtype, so a hostile row of commas costs 4 or 8 bytes
    // per field, not a string each.
    struct Record {
        std::vector<std::string> fields;
        std::vector<float> values;
        std::vector<double> values64;  // a float64 row's
        size_t fieldCount = 0;
    };

    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("CSV line " + std::to_string(m_line) + ": " + what);
    }

    // Splits the record at m_p into r, up to and past its line break.
    void readRecord(Record& r) {
        r = Record{};
        std::string field;
        bool atFieldStart = true;
        while (m_p < m_text.size()) {
            const char c = m_text[m_p++];
            if (c == '"' && atFieldStart) {
                readQuoted(field);
                atFieldStart = false;
                continue;
            }
            if (c == ',') {
                endField(r, field);
                atFieldStart = true;
                continue;
            }
            if (c == '\n')
                break;
            if (c == '\r') {
                if (m_p < m_text.size() && m_text[m_p] == '\n')
                    ++m_p;
                break;
            }
            field += c;
            atFieldStart = false;
        }
        endField(r, field);
    }

    // The rest of a quoted field, after its opening quote; "" is one quote.
    void readQuoted(std::string& field) {
        for (;;) {
            if (m_p >= m_text.size())
                fail("unterminated quoted field");
            const char c = m_text[m_p++];
            if (c != '"') {
                field += c;
            } else if (m_p < m_text.size() && m_text[m_p] == '"') {
                field += '"';
                ++m_p;
            } else {
                return;
            }
        }
    }

    void endField(Record& r, std::string& field) const {
        if (++r.fieldCount <= textFields() || m_line == 1) {
            if (r.fields.size() < 4)
                r.fields.push_back(field);
        } else if (m_hasDtype && r.fields[2] == "float64") {
            double v;
            if (!detail::parseDouble(field.data(), field.data() + field.size(), v))
                fail("'" + field.substr(0, 40) + "' is not a number");
            r.values64.push_back(v);
        } else {
            float v;
            if (!detail::parseFloat(field.data(), field.data() + field.size(), v))
                fail("'" + field.substr(0, 40) + "' is not a number");
            r.values.push_back(v);
        }
        field.clear();
    }

    // Fields before the values: name, shape and, with a dtype column, dtype.
    size_t textFields() const { return m_hasDtype ? 3 : 2; }

    // name,shape,values (every tensor float32) or name,shape,dtype,values.
    void checkHeader(const Record& r) {
        m_hasDtype = r.fieldCount == 4 && r.fields[2] == "dtype";
        const size_t last = m_hasDtype ? 3 : 2;
        if (r.fieldCount != last + 1 || r.fields[0] != "name" || r.fields[1] != "shape" ||
            r.fields[last] != "values")
            fail("expected the header row name,shape,values or name,shape,dtype,values");
    }

    // "scalar", or dims joined by 'x': "2x3", "0x3".
    nn::Shape parseShape(const std::string& text) const {
        nn::Shape shape;
        if (text == "scalar")
            return shape;
        size_t s = 0;
        for (;;) {
            std::int64_t v = 0;
            const detail::DimensionError error = detail::readDimension(text, s, v);
            if (error == detail::DimensionError::TooManyDigits)
                fail("dimension too large");
            if (error == detail::DimensionError::NotADigit)
                fail("shape '" + text + "' is not dims joined by 'x'");
            if (static_cast<int>(shape.size()) >= m_limits.maxRank)
                fail("shape has more than " + std::to_string(m_limits.maxRank) + " dimensions");
            shape.push_back(v);
            if (s == text.size())
                return shape;
            if (text[s++] != 'x')
                fail("shape '" + text + "' is not dims joined by 'x'");
        }
    }

    // The tensor a data row holds, after `before` tensors, none of them of its name.
    NamedTensor tensorFrom(Record& r, size_t before) {
        if (r.fields.size() < textFields())
            fail(m_hasDtype ? "expected name,shape,dtype,values..."
                            : "expected name,shape,values...");
        const bool f64 = m_hasDtype && r.fields[2] == "float64";
        if (m_hasDtype && !f64 && r.fields[2] != "float32")
            fail("dtype '" + r.fields[2].substr(0, 40) + "' is not float32 or float64");
        NamedTensor t;
        t.name = r.fields[0];
        if (!m_names.insert(t.name).second)
            fail("tensor '" + t.name + "' appears twice");
        if (static_cast<std::int64_t>(before) >= m_limits.maxTensors)
            fail("more than " + std::to_string(m_limits.maxTensors) + " tensors");
        t.shape = parseShape(r.fields[1]);
        const std::int64_t count = detail::checkedNumel(t.shape, "tensor '" + t.name + "'");
        // An empty tensor is written with no value fields at all.
        const std::int64_t given =
            static_cast<std::int64_t>(f64 ? r.values64.size() : r.values.size());
        if (given != count)
            fail("tensor '" + t.name + "' of shape " + nn::shapeString(t.shape) + " needs " +
                 nn::countOf(count, "value", "values") + ", row has " + std::to_string(given));
        if (f64) {
            t.dtype = "float64";
            t.values = std::move(r.values64);
        } else {
            t.values = std::move(r.values);
        }
        return t;
    }

    const std::string& m_text;
    const ReadLimits& m_limits;
    size_t m_p = 0;
    size_t m_line = 0;
    bool m_hasDtype = false;
    // Names seen so far: a hash set keeps the duplicate check constant per row.
    std::unordered_set<std::string> m_names;
};

}  // namespace

std::string encodeCsvWeights(const StateDict& tensors) {
    // A dtype column only when a tensor needs it: float32 files stay as they were.
    const bool withDtype = std::any_of(tensors.begin(), tensors.end(), [](const NamedTensor& t) {
        return t.values.dtype() == nn::DType::Float64;
    });
    std::string out = withDtype ? "name,shape,dtype,values\n" : "name,shape,values\n";
    for (const NamedTensor& t : tensors) {
        detail::checkValueCount(t);
        out += csvField(t.name) + "," + dimsJoinedByX(t.shape);
        if (withDtype)
            out += std::string(",") + nn::dtypeName(t.values.dtype());
        if (t.values.dtype() == nn::DType::Float64) {
            for (double v : t.values.float64())
                out += "," + detail::formatDouble(v);
        } else {
            for (float v : t.values.float32())
                out += "," + detail::formatFloat(v);
        }
        out += "\n";
    }
    return out;
}

StateDict decodeCsvWeights(const std::string& text, const ReadLimits& limits) {
    return CsvWeightsReader(text, limits).read();
}

}  // namespace linearlab::io
