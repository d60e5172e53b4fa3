#pragma once
// CSV import: a table of numbers (plus, optionally, a text label column) into a
// Dataset. The file is untrusted input: its size is checked against a memory
// budget before reading, every cell is validated, and an error names the row
// and the column. Nothing is half-loaded; a failed read leaves the caller's
// current dataset untouched because the result is only built at the end.
#include "core/data/dataset.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace linearlab::data {

/// A column chosen by header name or by 0-based index (pandas' usecols).
using CsvColumn = std::variant<Index, std::string>;

struct CsvOptions {
    /// ',', ';' or '\t'; 0 detects it from the first line (the most frequent of the three).
    char delimiter = 0;
    /// Unset: the first row is a header when one of its cells is not a number
    /// while the cell below it is (or when it is the only row).
    std::optional<bool> header;
    /// Unset: every column except the target.
    std::vector<CsvColumn> featureColumns;
    /// Unset: the last column.
    std::optional<CsvColumn> targetColumn;
    enum class Target {
        /// Text labels make it classification; all-numeric targets regression.
        Auto,
        Regression,
        /// Non-negative integer labels are class indices; anything else is a text
        /// label, numbered in order of first appearance.
        Classification,
    };
    Target target = Target::Auto;
    /// z-score each feature column with its mean and population std (ddof = 0,
    /// as sklearn's StandardScaler); a constant column is only centred.
    bool standardize = false;
    /// Largest file accepted, checked from the file size before reading.
    uint64_t memoryBudget = uint64_t{512} << 20;
};

/// What a read produced: the dataset plus what is needed to map new inputs the same way.
struct CsvData {
    Dataset<double> dataset;
    /// Names of the chosen columns; a headerless file's columns are named "0", "1", ...
    std::vector<std::string> featureNames;
    std::string targetName;
    /// Per feature column, (features); empty unless options.standardize.
    std::vector<double> featureMean;
    std::vector<double> featureStd;
    bool hasHeader = false;
    char delimiter = ',';
};

/// Rows in messages are counted as an editor counts lines (the header is row 1).
class CsvReader {
public:
    explicit CsvReader(CsvOptions options = {}) : m_options(std::move(options)) {}

    /// Reads `path`. Throws std::runtime_error when the file cannot be read or is
    /// over the budget ("data.csv is 2.1 GB, more than the 512 MiB budget"), and
    /// std::invalid_argument for content errors ("row 12, column 'x2': 'abc' is not a number").
    CsvData read(const std::string& path) const;

    /// Parses CSV text; `source` names it in messages (a file name).
    CsvData parse(const std::string& text, const std::string& source = "input") const;

    const CsvOptions& options() const { return m_options; }

private:
    CsvOptions m_options;
};

/// "2.1 GB", "512 MiB"-style sizes for messages: decimal units for a file, as
/// file managers show them.
std::string humanFileSize(uint64_t bytes);

}  // namespace linearlab::data
