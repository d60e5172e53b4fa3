#include "core/data/csv_reader.h"

#include "core/nn/memory_budget.h"
#include "core/nn/plural.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace linearlab::data {
namespace {

// Largest class index or number of distinct labels: the output layer gets this
// many units, so a hostile file must not turn into a huge allocation.
constexpr Index kMaxClassIndex = 100000;

struct Line {
    std::string_view text;
    Index number;  // 1-based, as an editor shows it
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Walks the non-blank lines of the text, numbered; '\r\n' and a UTF-8 byte order
// mark are tolerated. Nothing is stored per line, so memory stays a small
// multiple of the file whatever its shape.
class LineCursor {
public:
    explicit LineCursor(std::string_view text) : m_text(text) {
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
            m_text.remove_prefix(3);
    }
    bool next(Line& line) {
        while (m_pos <= m_text.size()) {
            size_t end = m_text.find('\n', m_pos);
            if (end == std::string_view::npos)
                end = m_text.size();
            ++m_number;
            std::string_view s = m_text.substr(m_pos, end - m_pos);
            m_pos = end + 1;
            if (!s.empty() && s.back() == '\r')
                s.remove_suffix(1);
            if (!trim(s).empty()) {
                line = {s, m_number};
                return true;
            }
        }
        return false;
    }

private:
    std::string_view m_text;
    size_t m_pos = 0;
    Index m_number = 0;
};

char detectDelimiter(std::string_view firstLine) {
    // Tab and ';' files (spreadsheet exports in locales with a decimal comma) are
    // recognised by outnumbering commas in the first line.
    const auto commas = std::count(firstLine.begin(), firstLine.end(), ',');
    const auto semicolons = std::count(firstLine.begin(), firstLine.end(), ';');
    const auto tabs = std::count(firstLine.begin(), firstLine.end(), '\t');
    if (tabs > commas && tabs >= semicolons)
        return '\t';
    if (semicolons > commas)
        return ';';
    return ',';
}

// Splits one line into trimmed cells, honouring "quoted, cells" and "" escapes.
// `cells` is reused across lines so that parsing allocates little per row.
void splitCells(const Line& line, char delim, std::vector<std::string>& cells, size_t& count) {
    count = 0;
    std::string_view s = line.text;
    size_t i = 0;
    while (true) {
        if (cells.size() <= count)
            cells.emplace_back();
        std::string& cell = cells[count++];
        cell.clear();
        // Leading blanks before a quote are allowed.
        size_t j = i;
        while (j < s.size() && (s[j] == ' ' || (s[j] == '\t' && delim != '\t')))
            ++j;
        if (j < s.size() && s[j] == '"') {
            size_t k = j + 1;
            bool closed = false;
            while (k < s.size()) {
                if (s[k] == '"') {
                    if (k + 1 < s.size() && s[k + 1] == '"') {
                        cell += '"';
                        k += 2;
                        continue;
                    }
                    closed = true;
                    ++k;
                    break;
                }
                cell += s[k++];
            }
            if (!closed)
                throw std::invalid_argument("row " + std::to_string(line.number) +
                                            ": unterminated quoted cell");
            while (k < s.size() && s[k] != delim)
                ++k;
            i = k;
        } else {
            size_t k = s.find(delim, i);
            if (k == std::string_view::npos)
                k = s.size();
            cell.assign(trim(s.substr(i, k - i)));
            i = k;
        }
        if (i >= s.size())
            break;
        ++i;  // past the delimiter
    }
}

enum class NumberStatus { Ok, Empty, NotANumber, NotFinite };

NumberStatus parseNumber(std::string_view s, double& value) {
    s = trim(s);
    if (s.empty())
        return NumberStatus::Empty;
    std::string_view digits = s;
    // from_chars is locale-independent (a Qt app sets LC_NUMERIC from the
    // environment, which would make strtod expect a decimal comma) but rejects '+'.
    if (digits.front() == '+' && digits.size() > 1 && digits[1] != '-' && digits[1] != '+')
        digits.remove_prefix(1);
    const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec == std::errc::result_out_of_range)
        return NumberStatus::NotFinite;  // 1e999 overflows to inf in numpy too
    if (result.ec != std::errc() || result.ptr != digits.data() + digits.size())
        return NumberStatus::NotANumber;
    return std::isfinite(value) ? NumberStatus::Ok : NumberStatus::NotFinite;
}

bool isNumber(std::string_view s) {
    double v;
    const NumberStatus st = parseNumber(s, v);
    return st == NumberStatus::Ok || st == NumberStatus::NotFinite;
}

std::string cellPlace(Index row, const std::string& column) {
    return "row " + std::to_string(row) + ", column '" + column + "'";
}

double numberOrThrow(const std::string& cell, Index row, const std::string& column) {
    double v = 0;
    switch (parseNumber(cell, v)) {
        case NumberStatus::Ok:
            return v;
        case NumberStatus::Empty:
            throw std::invalid_argument(cellPlace(row, column) + " is empty");
        case NumberStatus::NotFinite:
            throw std::invalid_argument(cellPlace(row, column) + ": '" + cell + "' is not finite");
        case NumberStatus::NotANumber:
            break;
    }
    throw std::invalid_argument(cellPlace(row, column) + ": '" + cell + "' is not a number");
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string s;
    for (const std::string& n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

Index resolveColumn(const CsvColumn& column, const std::vector<std::string>& names,
                    bool hasHeader) {
    const Index count = static_cast<Index>(names.size());
    if (const Index* index = std::get_if<Index>(&column)) {
        if (*index < 0 || *index >= count)
            throw std::invalid_argument("no column " + std::to_string(*index) + "; the file has " +
                                        nn::countOf(count, "column", "columns") + " (0 to " +
                                        std::to_string(count - 1) + ")");
        return *index;
    }
    const std::string& name = std::get<std::string>(column);
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
        throw std::invalid_argument("no column '" + name + "'; columns are " + joinNames(names) +
                                    (hasHeader ? "" : " (the file has no header)"));
    return static_cast<Index>(it - names.begin());
}

std::string budgetString(uint64_t bytes) {
    constexpr uint64_t kMiB = uint64_t{1} << 20;
    constexpr uint64_t kGiB = uint64_t{1} << 30;
    if (bytes >= kGiB && bytes % kGiB == 0)
        return std::to_string(bytes / kGiB) + " GiB";
    if (bytes >= kMiB && bytes % kMiB == 0)
        return std::to_string(bytes / kMiB) + " MiB";
    return humanFileSize(bytes);
}

// The table's shape, from its first lines: how cells are delimited, whether
// line 1 is a header, the column names and which columns are used.
struct Columns {
    char delimiter = ',';
    bool hasHeader = false;
    std::vector<std::string> names;
    Index target = 0;
    std::vector<Index> features;
};

// As the options say, or true when a cell of the first line is not a number
// while the cell below it is (or, with no second line, when none is a number).
bool firstLineIsHeader(const CsvOptions& options, const std::vector<std::string>& first,
                       const Line* secondLine, char delim) {
    if (options.header)
        return *options.header;
    if (!secondLine)
        return std::none_of(first.begin(), first.end(), isNumber);
    std::vector<std::string> second;
    size_t secondCount = 0;
    splitCells(*secondLine, delim, second, secondCount);
    for (size_t c = 0; c < first.size() && c < secondCount; ++c)
        if (!isNumber(first[c]) && isNumber(second[c]))
            return true;
    return false;
}

// The header's cells, each non-empty and unique, or "0", "1", ... without one.
std::vector<std::string> columnNames(const std::vector<std::string>& first, bool hasHeader,
                                     Index headerRow) {
    std::vector<std::string> names(first.size());
    for (size_t c = 0; c < first.size(); ++c)
        names[c] = hasHeader ? first[c] : std::to_string(c);
    if (!hasHeader)
        return names;
    std::unordered_set<std::string_view> seen;
    for (size_t c = 0; c < names.size(); ++c) {
        const std::string& n = names[c];
        if (n.empty())
            throw std::invalid_argument("row " + std::to_string(headerRow) + ": header of column " +
                                        std::to_string(c) + " is empty");
        if (!seen.insert(n).second)
            throw std::invalid_argument("column name '" + n + "' appears twice in the header");
    }
    return names;
}

// The target (the last column unless chosen) and the features (every other
// column unless chosen), each chosen column existing and used once.
void chooseColumns(const CsvOptions& options, const std::string& source, Columns& cols) {
    const Index columns = static_cast<Index>(cols.names.size());
    cols.target = options.targetColumn
                      ? resolveColumn(*options.targetColumn, cols.names, cols.hasHeader)
                      : columns - 1;
    if (options.featureColumns.empty())
        for (Index c = 0; c < columns; ++c)
            if (c != cols.target)
                cols.features.push_back(c);
    for (const CsvColumn& col : options.featureColumns) {  // none when defaulted above
        const Index c = resolveColumn(col, cols.names, cols.hasHeader);
        const std::string& name = cols.names[static_cast<size_t>(c)];
        if (c == cols.target)
            throw std::invalid_argument("column '" + name + "' is both a feature and the target");
        if (std::find(cols.features.begin(), cols.features.end(), c) != cols.features.end())
            throw std::invalid_argument("column '" + name + "' is chosen twice as a feature");
        cols.features.push_back(c);
    }
    if (cols.features.empty())
        throw std::invalid_argument(source + " has no feature columns besides the target '" +
                                    cols.names[static_cast<size_t>(cols.target)] + "'");
}

Columns readColumns(const std::string& text, const std::string& source, const CsvOptions& options) {
    LineCursor cursor(text);
    Line firstLine;
    if (!cursor.next(firstLine))
        throw std::invalid_argument(source + " is empty");
    Line secondLine;
    const bool haveSecond = LineCursor(cursor).next(secondLine);
    Columns cols;
    cols.delimiter = options.delimiter ? options.delimiter : detectDelimiter(firstLine.text);
    std::vector<std::string> first;
    size_t firstCount = 0;
    splitCells(firstLine, cols.delimiter, first, firstCount);
    first.resize(firstCount);
    cols.hasHeader =
        firstLineIsHeader(options, first, haveSecond ? &secondLine : nullptr, cols.delimiter);
    cols.names = columnNames(first, cols.hasHeader, firstLine.number);
    chooseColumns(options, source, cols);
    return cols;
}

// The data rows: every non-blank line after the header.
LineCursor dataRows(const std::string& text, bool hasHeader) {
    LineCursor c(text);
    Line skip;
    if (hasHeader)
        c.next(skip);
    return c;
}

Index countRows(LineCursor c) {
    Index rows = 0;
    Line line;
    while (c.next(line))
        ++rows;
    return rows;
}

// Features and targets as read. Whether a numeric target is a class index is
// only known once every row is read, so its text labels are numbered later.
struct ParsedRows {
    nn::Matrix<double> x;
    nn::Matrix<double> y;
    bool allNumeric = true;
    std::string firstNonFinite;  // message for a non-finite target, raised if it is numeric
};

// The target cell of data row r (file row `row`) into p.y(r, 0).
void readTarget(const std::string& cell, Index row, Index r, const std::string& targetName,
                CsvOptions::Target mode, ParsedRows& p) {
    double v = 0;
    switch (parseNumber(cell, v)) {
        case NumberStatus::Ok:
            p.y(r, 0) = v;
            break;
        case NumberStatus::Empty:
            throw std::invalid_argument(cellPlace(row, targetName) + " is empty");
        case NumberStatus::NotFinite:
            if (mode == CsvOptions::Target::Regression)
                numberOrThrow(cell, row, targetName);
            if (p.firstNonFinite.empty())
                p.firstNonFinite = cellPlace(row, targetName) + ": '" + cell + "' is not finite";
            p.y(r, 0) = -1;  // never an integer label
            break;
        case NumberStatus::NotANumber:
            if (mode == CsvOptions::Target::Regression)
                numberOrThrow(cell, row, targetName);
            p.allNumeric = false;
            break;
    }
}

ParsedRows parseRows(LineCursor c, Index rows, const Columns& cols, CsvOptions::Target mode) {
    ParsedRows p;
    p.x.resize(rows, static_cast<Index>(cols.features.size()));
    p.y.resize(rows, 1);
    const size_t columns = cols.names.size();
    const std::string& targetName = cols.names[static_cast<size_t>(cols.target)];
    std::vector<std::string> cells;
    size_t count = 0;
    Line line;
    for (Index r = 0; c.next(line); ++r) {
        splitCells(line, cols.delimiter, cells, count);
        if (count != columns)
            throw std::invalid_argument("row " + std::to_string(line.number) + " has " +
                                        nn::countOf(count, "column", "columns") + ", expected " +
                                        std::to_string(columns));
        for (size_t f = 0; f < cols.features.size(); ++f) {
            const size_t col = static_cast<size_t>(cols.features[f]);
            p.x(r, static_cast<Index>(f)) = numberOrThrow(cells[col], line.number, cols.names[col]);
        }
        readTarget(cells[static_cast<size_t>(cols.target)], line.number, r, targetName, mode, p);
    }
    return p;
}

// Text labels numbered in order of first appearance; y gets the numbers.
std::vector<std::string> numberTextLabels(LineCursor c, const Columns& cols,
                                          nn::Matrix<double>& y) {
    const std::string& targetName = cols.names[static_cast<size_t>(cols.target)];
    std::unordered_map<std::string, Index> index;
    std::vector<std::string> classNames;
    std::vector<std::string> cells;
    size_t count = 0;
    Line line;
    for (Index r = 0; c.next(line); ++r) {
        splitCells(line, cols.delimiter, cells, count);
        const std::string label(trim(cells[static_cast<size_t>(cols.target)]));
        auto [it, inserted] = index.emplace(label, static_cast<Index>(classNames.size()));
        if (inserted) {
            if (classNames.size() > static_cast<size_t>(kMaxClassIndex))
                throw std::invalid_argument("target column '" + targetName + "' has more than " +
                                            std::to_string(kMaxClassIndex + 1) +
                                            " distinct labels");
            classNames.push_back(label);
        }
        y(r, 0) = static_cast<double>(it->second);
    }
    return classNames;
}

// Integer labels are the class indices themselves, so "2" means class 2 as it
// would in a PyTorch target tensor; other labels are text, numbered in order
// of first appearance, and keep their names.
std::vector<std::string> classNamesOf(ParsedRows& p, const LineCursor& rows, const Columns& cols) {
    bool integers = p.allNumeric;
    double maxLabel = -1;
    for (Index r = 0; r < p.y.rows() && integers; ++r) {
        const double v = p.y(r, 0);
        if (!(v >= 0 && v <= kMaxClassIndex && v == std::floor(v)))
            integers = false;
        maxLabel = std::max(maxLabel, v);
    }
    std::vector<std::string> classNames;
    if (integers) {
        for (Index k = 0; k < static_cast<Index>(maxLabel) + 1; ++k)
            classNames.push_back(std::to_string(k));
    } else {
        classNames = numberTextLabels(rows, cols, p.y);
    }
    if (classNames.size() < 2)
        throw std::invalid_argument("target column '" +
                                    cols.names[static_cast<size_t>(cols.target)] +
                                    "' has a single class; classification needs at least 2");
    return classNames;
}

// z-scores each column of x in place with its mean and population std.
void standardizeColumns(nn::Matrix<double>& x, std::vector<double>& mean,
                        std::vector<double>& scale) {
    for (Index f = 0; f < x.cols(); ++f) {
        const double m = x.col(f).mean();
        const double sd = std::sqrt((x.col(f).array() - m).square().mean());
        // A constant column would divide by zero; sklearn leaves its scale at 1.
        const double s = sd > 0 ? sd : 1.0;
        x.col(f) = (x.col(f).array() - m) / s;
        mean.push_back(m);
        scale.push_back(s);
    }
}

}  // namespace

std::string humanFileSize(uint64_t bytes) {
    if (bytes < 1000)
        return std::to_string(bytes) + " bytes";
    const char* units[] = {"kB", "MB", "GB", "TB", "PB"};
    double v = static_cast<double>(bytes) / 1000.0;
    int u = 0;
    while (v >= 999.95 && u < 4) {
        v /= 1000.0;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

CsvData CsvReader::read(const std::string& path) const {
    namespace fs = std::filesystem;
    const std::string name = fs::path(path).filename().string();
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);
    if (ec)
        throw std::runtime_error("cannot read " + path + ": " + ec.message());
    if (size > m_options.memoryBudget)
        throw std::runtime_error(name + " is " + humanFileSize(size) + ", more than the " +
                                 budgetString(m_options.memoryBudget) + " budget");
    nn::checkMemory(size, "", name, false, " to read");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::string text(static_cast<size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<uintmax_t>(in.gcount()) != size)
        throw std::runtime_error("cannot read " + path + ": short read");
    return parse(text, name);
}

CsvData CsvReader::parse(const std::string& text, const std::string& source) const {
    const Columns cols = readColumns(text, source, m_options);
    const LineCursor dataStart = dataRows(text, cols.hasHeader);
    const Index rows = countRows(dataStart);
    if (rows == 0)
        throw std::invalid_argument(source + " has a header but no data rows");
    // The table in doubles beside its text, before a cell is parsed.
    const Index columns = static_cast<Index>(cols.features.size()) + 1;
    const nn::Bytes table =
        nn::mulBytes(nn::mulBytes(nn::toBytes(rows), nn::toBytes(columns)), sizeof(double));
    nn::checkMemory(nn::addBytes(text.size(), table), "",
                    source + ": " + std::to_string(rows) + (rows == 1 ? " row" : " rows") + " of " +
                        std::to_string(columns) + " columns",
                    rows != 1, " once parsed");

    // Everything is parsed into locals; the result is assembled only once it is complete.
    const CsvOptions::Target mode = m_options.target;
    ParsedRows parsed = parseRows(dataStart, rows, cols, mode);
    const bool classification = mode == CsvOptions::Target::Classification ||
                                (mode == CsvOptions::Target::Auto && !parsed.allNumeric);
    if (!classification && !parsed.firstNonFinite.empty())
        throw std::invalid_argument(parsed.firstNonFinite);
    std::vector<std::string> classNames;
    if (classification)
        classNames = classNamesOf(parsed, dataStart, cols);
    std::vector<double> mean, stdev;
    if (m_options.standardize)
        standardizeColumns(parsed.x, mean, stdev);

    CsvData out;
    out.dataset.x = std::move(parsed.x);
    out.dataset.y = std::move(parsed.y);
    out.dataset.classification = classification;
    out.dataset.numClasses = static_cast<Index>(classNames.size());
    out.dataset.classNames = std::move(classNames);
    out.dataset.name = source;
    for (Index c : cols.features)
        out.featureNames.push_back(cols.names[static_cast<size_t>(c)]);
    out.targetName = cols.names[static_cast<size_t>(cols.target)];
    out.featureMean = std::move(mean);
    out.featureStd = std::move(stdev);
    out.hasHeader = cols.hasHeader;
    out.delimiter = cols.delimiter;
    return out;
}

}  // namespace linearlab::data
