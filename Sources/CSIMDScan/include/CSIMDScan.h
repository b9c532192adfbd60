#ifndef CSIMDSCAN_H
#define CSIMDSCAN_H

// Byte-search bitmasks for the CSV record splitter (BotSift's RecordSplitter fast path).
// SSE2 is baseline on x86-64, so no compiler flags are needed; other targets get a portable scalar loop.

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// The tweet-text normaliser (FieldParsing.normalizedTextHash) lives in its own header, imported with this one.
#include "CSIMDText.h"

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

#endif
