#pragma once
// Counts heap allocations while armed, for tests that promise "no allocation".
// Include in exactly one file of a test executable: it replaces the global operator
// new/delete and, because Eigen allocates with std::malloc rather than new, malloc
// itself (glibc), or installs the sanitizer's allocation hook when AddressSanitizer
// or ThreadSanitizer owns malloc. Either way malloc, calloc, realloc and every
// operator new are counted; aligned_alloc, posix_memalign and memalign are not.
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace linearlab::test {

/// Routes allocations made by the sanitizer's malloc to noteAllocation(); a no-op
/// where malloc itself is replaced below.
inline void installAllocationHook();

inline std::atomic<bool> g_countAllocations{false};
inline std::atomic<long> g_allocations{0};

inline void noteAllocation() {
    if (g_countAllocations.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
}

/// Counts allocations from construction until stop().
class AllocationCounter {
public:
    AllocationCounter() {
        installAllocationHook();
        g_allocations = 0;
        g_countAllocations = true;
    }
    ~AllocationCounter() { g_countAllocations = false; }
    long stop() {
        g_countAllocations = false;
        return g_allocations.load();
    }
};

}  // namespace linearlab::test

void* operator new(std::size_t n) {
    linearlab::test::noteAllocation();
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
    return operator new(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    linearlab::test::noteAllocation();
    return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept {
    return operator new(n, t);
}
void* operator new(std::size_t n, std::align_val_t a) {
    linearlab::test::noteAllocation();
    const auto align = static_cast<std::size_t>(a);
    if (void* p = std::aligned_alloc(align, (n + align - 1) / align * align))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) {
    return operator new(n, a);
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// The sanitizer owns malloc: it intercepts the malloc family with its own
// allocator, so a replacement here would take malloc from it. Under TSan it also
// crashes at start-up: the dynamic loader calls malloc while the TSan runtime is
// still initialising, and the replacement, instrumented like all our code, enters
// TSan before TSan has a thread state. Both runtimes call these hooks from their
// malloc, calloc, realloc and operator new interceptors; TSan (GCC 12) does not
// from aligned_alloc, posix_memalign and memalign, so the aligned operator new
// above, which calls aligned_alloc, is counted by its own noteAllocation().
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*,
                                                                             std::size_t),
                                                         void (*free_hook)(const volatile void*));
namespace linearlab::test {
inline void installAllocationHook() {
    static const int installed = __sanitizer_install_malloc_and_free_hooks(
        [](const volatile void*, std::size_t) { noteAllocation(); },
        // The sanitizer refuses a null free hook.
        [](const volatile void*) {});
    (void)installed;
}
}  // namespace linearlab::test
#elif defined(__GLIBC__)
// Interposes glibc's malloc family; the __libc_ entry points are its real allocator.
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void __libc_free(void*);
void* malloc(std::size_t n) {
    linearlab::test::noteAllocation();
    return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size) {
    linearlab::test::noteAllocation();
    return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n) {
    linearlab::test::noteAllocation();
    return __libc_realloc(p, n);
}
void free(void* p) {
    __libc_free(p);
}
}
inline void linearlab::test::installAllocationHook() {}
#else
inline void linearlab::test::installAllocationHook() {}
#endif
