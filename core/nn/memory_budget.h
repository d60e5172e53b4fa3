#pragma once
// The one memory budget of the process. Everything a design or a dataset can
// size (parameters and the copies training keeps of them, batch workspaces,
// generated and loaded data) is counted against it before it is allocated, so
// an absurd size fails at once with a sentence naming what was asked instead
// of allocating gigabytes and dying of std::bad_alloc. Byte counts saturate:
// a product that does not fit 64 bits is kTooManyBytes, which is over any
// limit and reads "more than 16 EiB".
#include "core/nn/tensor.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

namespace linearlab::nn {

using Bytes = std::uint64_t;

/// A count of bytes that does not fit 64 bits.
constexpr Bytes kTooManyBytes = std::numeric_limits<Bytes>::max();

/// a * b and a + b, saturating at kTooManyBytes.
Bytes mulBytes(Bytes a, Bytes b);
Bytes addBytes(Bytes a, Bytes b);
/// A non-negative count as bytes (a negative one counts as 0).
Bytes toBytes(Index n);
/// a * b for non-negative counts, saturating at the largest Index, so a
/// parameter count of an absurd layer stays a (huge) number instead of
/// overflowing.
Index saturatingProduct(Index a, Index b);
Index saturatingSum(Index a, Index b);

/// The machine's physical memory (sysconf), or 0 when the system does not say.
Bytes physicalMemory();
/// Half the physical memory; 4 GiB when the system does not say how much it has.
Bytes defaultMemoryLimit();
/// The limit in force: the one set with setMemoryLimit, else the default.
Bytes memoryLimit();
/// Sets the limit for the whole process (any thread); `limit` > 0.
void setMemoryLimit(Bytes limit);
/// Back to defaultMemoryLimit().
void resetMemoryLimit();
/// True when a limit was set rather than defaulted.
bool memoryLimitIsSet();

/// Bytes in binary units, as a user reads them: "512 bytes", "1.5 KiB",
/// "6.0 GiB", "512 MiB" (one decimal below 100, none from 100 on);
/// kTooManyBytes is "more than 16 EiB".
std::string formatBytes(Bytes bytes);

/// "4G", "512M", "1.5GiB", "64 KiB", "1048576": a number (with an optional
/// fraction) and an optional unit K, M, G, T, P, E with or without "i" and "B",
/// in any case; every unit is a power of 1024. Nullopt for anything else, for
/// zero and for sizes that do not fit 64 bits.
std::optional<Bytes> parseByteSize(const std::string& text);

/// A size over the memory limit. `field()` is the design field it belongs to
/// ("data.samples", "batch.size"), empty when it is not one field's; the
/// message starts with it.
class MemoryLimitError : public std::invalid_argument {
public:
    MemoryLimitError(std::string field, const std::string& message)
        : std::invalid_argument(message), m_field(std::move(field)) {}
    const std::string& field() const { return m_field; }

private:
    std::string m_field;
};

/// formatBytes(bytes), with more digits when that would read the same as
/// formatBytes(other): "1.47 GiB" beside a limit of "1.45 GiB", not "1.5 GiB"
/// beside "1.5 GiB".
std::string formatBytesBeside(Bytes bytes, Bytes other);

/// "; the memory limit is 11.7 GiB", the end of every over-limit message; the
/// limit is shown with enough digits to differ from `need` (formatBytesBeside).
std::string memoryLimitClause(Bytes need);

/// Throws MemoryLimitError(field, "<field>: <subject> need(s) <bytes><purpose>;
/// the memory limit is ...") when `bytes` is over memoryLimit(). `subject` is
/// plural when `plural` ("1024 samples ... need"), `purpose` starts with a
/// space when given (" for class names").
void checkMemory(Bytes bytes, const std::string& field, const std::string& subject, bool plural,
                 const std::string& purpose = {});

}  // namespace linearlab::nn
