#pragma once
// What the memory-limit tests share: the process's resident memory, read from
// /proc/self/statm, to show that refusing a size allocated none of it, and a
// guard that restores the limit a test set.
#include "core/nn/memory_budget.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>

namespace linearlab::test {

/// Resident bytes of this process now (statm's second field, in pages).
inline std::uint64_t residentBytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    unsigned long long size = 0, resident = 0;
    const int read = std::fscanf(f, "%llu %llu", &size, &resident);
    std::fclose(f);
    return read == 2 ? resident * static_cast<std::uint64_t>(sysconf(_SC_PAGE_SIZE)) : 0;
}

/// Well below anything the refused sizes would have touched.
constexpr std::uint64_t kRssSlack = std::uint64_t{200} << 20;

/// Sets the memory limit for one test and puts the default back after it.
class MemoryLimitGuard {
public:
    explicit MemoryLimitGuard(nn::Bytes limit) { nn::setMemoryLimit(limit); }
    ~MemoryLimitGuard() { nn::resetMemoryLimit(); }
    MemoryLimitGuard(const MemoryLimitGuard&) = delete;
    MemoryLimitGuard& operator=(const MemoryLimitGuard&) = delete;
};

constexpr nn::Bytes kKiB = 1024, kMiB = kKiB << 10, kGiB = kMiB << 10;

}  // namespace linearlab::test
