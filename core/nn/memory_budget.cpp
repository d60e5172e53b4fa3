#include "core/nn/memory_budget.h"

#include "core/nn/plural.h"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace linearlab::nn {

namespace {

// 0: not set, the default applies.
std::atomic<Bytes> g_limit{0};

constexpr Bytes kKiB = 1024;
constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// The power of 1024 a unit stands for, or -1 for no unit we know.
int unitPower(const std::string& unit) {
    const std::string u = lower(unit);
    if (u.empty() || u == "b")
        return 0;
    const std::string letters = "kmgtpe";
    const size_t at = letters.find(u[0]);
    if (at == std::string::npos)
        return -1;
    const std::string rest = u.substr(1);
    if (rest.empty() || rest == "b" || rest == "i" || rest == "ib")
        return static_cast<int>(at) + 1;
    return -1;
}

}  // namespace

Bytes mulBytes(Bytes a, Bytes b) {
    Bytes r = 0;
    return __builtin_mul_overflow(a, b, &r) ? kTooManyBytes : r;
}

Bytes addBytes(Bytes a, Bytes b) {
    Bytes r = 0;
    return __builtin_add_overflow(a, b, &r) ? kTooManyBytes : r;
}

Bytes toBytes(Index n) {
    return n < 0 ? 0 : static_cast<Bytes>(n);
}

Index saturatingProduct(Index a, Index b) {
    Index r = 0;
    if (a < 0 || b < 0)
        return 0;
    return __builtin_mul_overflow(a, b, &r) ? std::numeric_limits<Index>::max() : r;
}

Index saturatingSum(Index a, Index b) {
    Index r = 0;
    return __builtin_add_overflow(a, b, &r) ? std::numeric_limits<Index>::max() : r;
}

Bytes physicalMemory() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0)
        return 0;
    return mulBytes(static_cast<Bytes>(pages), static_cast<Bytes>(pageSize));
}

Bytes defaultMemoryLimit() {
    // Half the machine: room for the system and the window around the model,
    // and a swap storm is never the first sign of a design that is too big.
    static const Bytes limit = [] {
        const Bytes physical = physicalMemory();
        return physical > 0 ? physical / 2 : Bytes{4} << 30;
    }();
    return limit;
}

Bytes memoryLimit() {
    const Bytes set = g_limit.load(std::memory_order_relaxed);
    return set ? set : defaultMemoryLimit();
}

void setMemoryLimit(Bytes limit) {
    if (limit == 0)
        throw std::invalid_argument("the memory limit must be positive");
    g_limit.store(limit, std::memory_order_relaxed);
}

void resetMemoryLimit() {
    g_limit.store(0, std::memory_order_relaxed);
}

bool memoryLimitIsSet() {
    return g_limit.load(std::memory_order_relaxed) != 0;
}

namespace {

/// formatBytes with `extra` more decimals than it shows.
std::string formatBytes(Bytes bytes, int extra) {
    if (bytes == kTooManyBytes)
        return "more than 16 EiB";
    if (bytes < kKiB)
        return countOf(bytes, "byte", "bytes");
    double v = static_cast<double>(bytes) / static_cast<double>(kKiB);
    size_t unit = 0;
    for (;;) {
        // Decide the digits on the rounded value, so 1023.96 MiB reads "1.0 GiB"
        // and 99.96 MiB "100 MiB".
        const int decimals = (v < 99.95 ? 1 : 0) + extra;
        const double scale = std::pow(10.0, decimals);
        const double shown = std::round(v * scale) / scale;
        if (shown >= 1024 && unit + 1 < std::size(kUnits)) {
            v /= 1024;
            ++unit;
            continue;
        }
        char text[48];
        std::snprintf(text, sizeof text, "%.*f %s", decimals, shown, kUnits[unit]);
        return text;
    }
}

}  // namespace

std::string formatBytes(Bytes bytes) {
    return formatBytes(bytes, 0);
}

std::string formatBytesBeside(Bytes bytes, Bytes other) {
    // Enough digits that a need just over the limit does not read as equal to it.
    for (int extra = 0; extra <= 3; ++extra) {
        std::string text = formatBytes(bytes, extra);
        if (bytes == other || text != formatBytes(other, extra))
            return text;
    }
    return std::to_string(bytes) + " bytes";
}

std::optional<Bytes> parseByteSize(const std::string& input) {
    size_t begin = 0, end = input.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(input[begin])))
        ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(input[end - 1])))
        --end;
    const std::string s = input.substr(begin, end - begin);
    // Digits, then an optional fraction, read by hand: strtod would follow the
    // locale's decimal separator, which Qt sets from the environment.
    size_t i = 0;
    Bytes whole = 0;
    bool digits = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        whole = addBytes(mulBytes(whole, 10), static_cast<Bytes>(s[i] - '0'));
        if (whole == kTooManyBytes)
            return std::nullopt;
        digits = true;
        ++i;
    }
    long double fraction = 0, scale = 1;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            scale /= 10;
            fraction += static_cast<long double>(s[i] - '0') * scale;
            digits = true;
            ++i;
        }
    }
    if (!digits)
        return std::nullopt;
    size_t unitBegin = i;
    while (unitBegin < s.size() && s[unitBegin] == ' ')
        ++unitBegin;
    const int power = unitPower(s.substr(unitBegin));
    if (power < 0)
        return std::nullopt;
    Bytes multiplier = 1;
    for (int p = 0; p < power; ++p)
        multiplier *= kKiB;
    const Bytes wholeBytes = mulBytes(whole, multiplier);
    const Bytes fractionBytes = static_cast<Bytes>(fraction * static_cast<long double>(multiplier));
    const Bytes total = addBytes(wholeBytes, fractionBytes);
    if (total == kTooManyBytes || total == 0)
        return std::nullopt;
    return total;
}

std::string memoryLimitClause(Bytes need) {
    const Bytes limit = memoryLimit();
    return "; the memory limit is " + formatBytesBeside(limit, need);
}

void checkMemory(Bytes bytes, const std::string& field, const std::string& subject, bool plural,
                 const std::string& purpose) {
    if (bytes <= memoryLimit())
        return;
    throw MemoryLimitError(
        field, (field.empty() ? "" : field + ": ") + subject + (plural ? " need " : " needs ") +
                   formatBytesBeside(bytes, memoryLimit()) + purpose + memoryLimitClause(bytes));
}

}  // namespace linearlab::nn
