// CRC32C (Castagnoli) in hardware: the SSE4.2 `crc32` instruction on x86-64, the CRC extension on
// AArch64. Header-only, so nothing is linked. On x86-64 the instruction is used through a
// `target("sse4.2")` function and a CPUID check, so builds without `-march` still take the fast
// path on CPUs that have it; when the compiler already targets SSE4.2 (`__SSE4_2__`), the check
// folds away. Other targets report no hardware support and Swift falls back to a table.
#ifndef LOUPE_CCRC32C_SHIM_H
#define LOUPE_CCRC32C_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>

/// 1 when the CPU executes the SSE4.2 `crc32` instruction.
static inline int loupe_crc32c_hw_available(void) {
#if defined(__SSE4_2__)
    return 1;
#else
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx & bit_SSE4_2) != 0;
#endif
}

/// Continues `crc` (a finished CRC32C, 0 to start) over `length` bytes at `data`.
__attribute__((target("sse4.2")))
static inline uint32_t loupe_crc32c_hw(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = (const unsigned char *)data;
    uint64_t state = (uint32_t)~crc;
    while (length >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        state = __builtin_ia32_crc32di(state, w);
        p += 8;
        length -= 8;
    }
    uint32_t state32 = (uint32_t)state;
    while (length > 0) {
        state32 = __builtin_ia32_crc32qi(state32, *p++);
        length--;
    }
    return ~state32;
}

#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>

static inline int loupe_crc32c_hw_available(void) { return 1; }

static inline uint32_t loupe_crc32c_hw(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = (const unsigned char *)data;
    uint32_t state = ~crc;
    while (length >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        state = __crc32cd(state, w);
        p += 8;
        length -= 8;
    }
    while (length > 0) {
        state = __crc32cb(state, *p++);
        length--;
    }
    return ~state;
}

#else

static inline int loupe_crc32c_hw_available(void) { return 0; }

static inline uint32_t loupe_crc32c_hw(uint32_t crc, const void *data, size_t length) {
    (void)data;
    (void)length;
    return crc;
}

#endif

#endif
