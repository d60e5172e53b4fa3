#include "core/io/csv_weights_format.h"

#include "core/io/dimension_text.h"
#include "core/io/io_util.h"

#include <stdexcept>
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

std::string shapeText(const nn::Shape& shape) {
    if (shape.empty())
        return "scalar";
    std::string s;
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? "x" : "") + std::to_string(shape[i]);
    return s;
}

}  // namespace

std::string encodeCsvWeights(const StateDict& tensors) {
    std::string out = "name,shape,values\n";
    for (const NamedTensor& t : tensors) {
        detail::checkValueCount(t);
        out += csvField(t.name) + "," + shapeText(t.shape);
        for (float v : t.values)
            out += "," + detail::formatFloat(v);
        out += "\n";
    }
    return out;
}

StateDict decodeCsvWeights(const std::string& text, const ReadLimits& limits) {
    StateDict out;
    size_t p = 0;
    size_t lineNo = 0;
    auto fail = [&](const std::string& what) {
        throw std::runtime_error("CSV line " + std::to_string(lineNo) + ": " + what);
    };
    while (p < text.size()) {
        ++lineNo;
        // Split one record into fields; only the name may be quoted. Values
        // are converted as they arrive so a hostile row of commas costs 4
        // bytes per field, not a string each.
        std::vector<std::string> fields;
        std::vector<float> values;
        size_t fieldCount = 0;
        std::string field;
        auto endField = [&]() {
            if (++fieldCount <= 2 || lineNo == 1) {
                if (fields.size() < 3)
                    fields.push_back(field);
            } else {
                float v;
                if (!detail::parseFloat(field.data(), field.data() + field.size(), v))
                    fail("'" + field.substr(0, 40) + "' is not a number");
                values.push_back(v);
            }
            field.clear();
        };
        bool quoted = false;
        bool atFieldStart = true;
        for (;;) {
            if (p >= text.size()) {
                if (quoted)
                    fail("unterminated quoted field");
                break;
            }
            const char c = text[p++];
            if (quoted) {
                if (c == '"') {
                    if (p < text.size() && text[p] == '"') {
                        field += '"';
                        ++p;
                    } else {
                        quoted = false;
                    }
                } else {
                    field += c;
                }
                continue;
            }
            if (c == '"' && atFieldStart) {
                quoted = true;
                atFieldStart = false;
                continue;
            }
            if (c == ',') {
                endField();
                atFieldStart = true;
                continue;
            }
            if (c == '\n')
                break;
            if (c == '\r') {
                if (p < text.size() && text[p] == '\n')
                    ++p;
                break;
            }
            field += c;
            atFieldStart = false;
        }
        endField();
        if (lineNo == 1) {
            if (fieldCount != 3 || fields[0] != "name" || fields[1] != "shape" ||
                fields[2] != "values")
                fail("expected the header row name,shape,values");
            continue;
        }
        if (fieldCount == 1 && fields[0].empty())
            continue;  // blank line
        if (fields.size() < 2)
            fail("expected name,shape,values...");
        NamedTensor t;
        t.name = fields[0];
        for (const NamedTensor& seen : out)
            if (seen.name == t.name)
                fail("tensor '" + t.name + "' appears twice");
        if (static_cast<std::int64_t>(out.size()) >= limits.maxTensors)
            fail("more than " + std::to_string(limits.maxTensors) + " tensors");
        const std::string& shape = fields[1];
        if (shape != "scalar") {
            size_t s = 0;
            for (;;) {
                std::int64_t v = 0;
                const detail::DimensionError error = detail::readDimension(shape, s, v);
                if (error == detail::DimensionError::TooManyDigits)
                    fail("dimension too large");
                if (error == detail::DimensionError::NotADigit)
                    fail("shape '" + shape + "' is not dims joined by 'x'");
                if (static_cast<int>(t.shape.size()) >= limits.maxRank)
                    fail("shape has more than " + std::to_string(limits.maxRank) + " dimensions");
                t.shape.push_back(v);
                if (s == shape.size())
                    break;
                if (shape[s++] != 'x')
                    fail("shape '" + shape + "' is not dims joined by 'x'");
            }
        }
        const std::int64_t count = detail::checkedNumel(t.shape, "tensor '" + t.name + "'");
        // An empty tensor is written with no value fields at all.
        const std::int64_t given = static_cast<std::int64_t>(values.size());
        if (given != count)
            fail("tensor '" + t.name + "' of shape " + nn::shapeString(t.shape) + " needs " +
                 std::to_string(count) + " values, row has " + std::to_string(given));
        t.values = std::move(values);
        out.push_back(std::move(t));
    }
    if (lineNo == 0)
        throw std::runtime_error("CSV is empty; expected the header row name,shape,values");
    return out;
}

}  // namespace linearlab::io
