#ifndef CSIMDSCAN_H
#define CSIMDSCAN_H

// Byte-search bitmasks for the CSV record splitter (BotSift's RecordSplitter fast path), and a prefetch hint
// for look-aheads into tables larger than the cache (the reader's hash tables, the cohort minute counts).
// SSE2 is baseline on x86-64, so no compiler flags are needed; other targets get a portable scalar loop.

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// The tweet-text normaliser (FieldParsing.normalizedTextHash) lives in its own header, imported with this one.
#include "CSIMDText.h"
#include "CSIMDSeeding.h"
#include "CSIMDCross.h"

/// Bit i is set when bytes[i] == byte, for the 64 bytes at `bytes` (any alignment; all 64 must be readable).
static inline uint64_t csimd_byte_mask64(const uint8_t *bytes, uint8_t byte) {
#if defined(__SSE2__)
    const __m128i needle = _mm_set1_epi8((char)byte);
    const uint64_t m0 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)bytes), needle));
    const uint64_t m1 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + 16)), needle));
    const uint64_t m2 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + 32)), needle));
    const uint64_t m3 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + 48)), needle));
    return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
#else
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) mask |= (uint64_t)(bytes[i] == byte) << i;
    return mask;
#endif
}

/// Number of bytes equal to `byte` among the `count` bytes at `bytes`: 16 bytes per compare, the matches summed
/// in byte lanes (at most 255 blocks between flushes) so no population count is needed (it is not baseline).
static inline size_t csimd_count_byte(const uint8_t *bytes, size_t count, uint8_t byte) {
    size_t total = 0, i = 0;
#if defined(__SSE2__)
    const __m128i needle = _mm_set1_epi8((char)byte);
    while (i + 16 <= count) {
        size_t blocks = (count - i) / 16;
        if (blocks > 255) blocks = 255;
        __m128i lanes = _mm_setzero_si128();
        for (size_t b = 0; b < blocks; b++, i += 16) {
            lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + i)), needle));
        }
        const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
        total += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    }
#endif
    for (; i < count; i++) total += bytes[i] == byte;
    return total;
}

/// Asks the CPU to start loading the cache line at `address` (a hint: never faults, never blocks, changes no
/// value), so that a load a few hundred nanoseconds later finds it in cache instead of stalling on memory.
static inline void csimd_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
