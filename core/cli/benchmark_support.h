#pragma once
// What linearlab-bench's parts share: JSON spelling, clocks and medians.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace linearlab::cli::bench {

using Clock = std::chrono::steady_clock;

inline std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

inline std::string jsonNumber(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

/// A count held in a double, in full: %g's six digits would round 121372672.
inline std::string jsonInteger(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

inline double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t mid = v.size() / 2;
    return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/// "a, b, c", for the lists in error messages.
inline std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

}  // namespace linearlab::cli::bench
