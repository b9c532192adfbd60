// SwiftPM needs one source file per C target; most functions are `static inline` in include/CSIMDScan.h. The
// AVX-512 kernels (the 64-byte text normaliser, k-means' seeding distances and cross products) live here so that
// only they are compiled for AVX-512 (function target attributes).
#include "CSIMDScan.h"

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx512f")))
void csimd_seeding_distances4(const float *points, size_t count, size_t stride, const float *const candidates[4],
                              const float *closest, float *const out[4], double potentials[4]) {
    double sums[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < count; i++) {
        const float *row = points + i * stride;
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
        for (size_t j = 0; j < stride; j += 16) {
            const __m512 v = _mm512_loadu_ps(row + j);
            const __m512 q0 = _mm512_sub_ps(v, _mm512_loadu_ps(candidates[0] + j));
            const __m512 q1 = _mm512_sub_ps(v, _mm512_loadu_ps(candidates[1] + j));
            const __m512 q2 = _mm512_sub_ps(v, _mm512_loadu_ps(candidates[2] + j));
            const __m512 q3 = _mm512_sub_ps(v, _mm512_loadu_ps(candidates[3] + j));
            a0 = _mm512_fmadd_ps(q0, q0, a0);
            a1 = _mm512_fmadd_ps(q1, q1, a1);
            a2 = _mm512_fmadd_ps(q2, q2, a2);
            a3 = _mm512_fmadd_ps(q3, q3, a3);
        }
        const float limit = closest[i];
        const float d0 = _mm512_reduce_add_ps(a0), d1 = _mm512_reduce_add_ps(a1);
        const float d2 = _mm512_reduce_add_ps(a2), d3 = _mm512_reduce_add_ps(a3);
        const float m0 = d0 < limit ? d0 : limit, m1 = d1 < limit ? d1 : limit;
        const float m2 = d2 < limit ? d2 : limit, m3 = d3 < limit ? d3 : limit;
        out[0][i] = m0;
        out[1][i] = m1;
        out[2][i] = m2;
        out[3][i] = m3;
        sums[0] += m0;
        sums[1] += m1;
        sums[2] += m2;
        sums[3] += m3;
    }
    for (int t = 0; t < 4; t++) potentials[t] = sums[t];
}

/// `rowCount` (1-8) rows from `row` against the eight centres from `group`, into `out` (row stride `k`). Eight
/// independent sums keep both FMA ports busy through the four-cycle latency.
__attribute__((target("avx512f")))
static inline void csimd_cross_rows(const double *x, size_t row, size_t rowCount, size_t d, const double *centresT,
                                    size_t group, size_t k, size_t kPadded, double *out) {
    const double *r[8];
    for (size_t i = 0; i < 8; i++) r[i] = x + (row + (i < rowCount ? i : 0)) * d;
    __m512d s0 = _mm512_setzero_pd(), s1 = _mm512_setzero_pd(), s2 = _mm512_setzero_pd(), s3 = _mm512_setzero_pd();
    __m512d s4 = _mm512_setzero_pd(), s5 = _mm512_setzero_pd(), s6 = _mm512_setzero_pd(), s7 = _mm512_setzero_pd();
    for (size_t j = 0; j < d; j++) {
        const __m512d centres = _mm512_loadu_pd(centresT + j * kPadded + group);
        s0 = _mm512_fmadd_pd(_mm512_set1_pd(r[0][j]), centres, s0);
        s1 = _mm512_fmadd_pd(_mm512_set1_pd(r[1][j]), centres, s1);
        s2 = _mm512_fmadd_pd(_mm512_set1_pd(r[2][j]), centres, s2);
        s3 = _mm512_fmadd_pd(_mm512_set1_pd(r[3][j]), centres, s3);
        s4 = _mm512_fmadd_pd(_mm512_set1_pd(r[4][j]), centres, s4);
        s5 = _mm512_fmadd_pd(_mm512_set1_pd(r[5][j]), centres, s5);
        s6 = _mm512_fmadd_pd(_mm512_set1_pd(r[6][j]), centres, s6);
        s7 = _mm512_fmadd_pd(_mm512_set1_pd(r[7][j]), centres, s7);
    }
    const size_t width = k - group < 8 ? k - group : 8;
    const __mmask8 mask = (__mmask8)((1u << width) - 1);
    const __m512d minusTwo = _mm512_set1_pd(-2.0);
    const __m512d sums[8] = {s0, s1, s2, s3, s4, s5, s6, s7};
    for (size_t i = 0; i < rowCount; i++) {
        _mm512_mask_storeu_pd(out + (row + i) * k + group, mask, _mm512_mul_pd(sums[i], minusTwo));
    }
}

__attribute__((target("avx512f")))
void csimd_cross_products(const double *x, size_t rows, size_t d, const double *centresT, size_t k, size_t kPadded,
                          double *out) {
    for (size_t row = 0; row < rows; row += 8) {
        const size_t rowCount = rows - row < 8 ? rows - row : 8;
        for (size_t group = 0; group < k; group += 8) {
            csimd_cross_rows(x, row, rowCount, d, centresT, group, k, kPadded, out);
        }
    }
}

#define CSIMD_TEXT_TARGET __attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt,bmi")))

/// What one 64-byte block of text holds (bit i of each mask describes byte i), and the block folded.
typedef struct {
    __mmask64 white, at, linkStart, high, continuation, lead3, lead4, badLead;
    __m512i folded;
} csimd_text_block64;

/// Classifies the 64 bytes `b` (`previous`, `after`: the bytes before and after them, 0 and 0x20 at the ends of
/// a text) as `csimd_classify_text32` does 32.
CSIMD_TEXT_TARGET
static inline csimd_text_block64 csimd_classify_text64(__m512i b, uint8_t previous, uint8_t after) {
    csimd_text_block64 block;
    // Byte i of `next` is byte i + 1 (the last is `after`); byte i of `before` is byte i - 1 (the first `previous`).
    const __m512i up = _mm512_set_epi8(
        63, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38,
        37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11,
        10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    const __m512i down = _mm512_set_epi8(
        62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36,
        35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9,
        8, 7, 6, 5, 4, 3, 2, 1, 0, 0);
    const __m512i next = _mm512_mask_permutexvar_epi8(_mm512_set1_epi8((char)after), ~(1ull << 63), up, b);
    const __m512i lowerBit = _mm512_set1_epi8(0x20);
    block.white = _mm512_cmpeq_epi8_mask(b, lowerBit)
        | _mm512_cmplt_epu8_mask(_mm512_sub_epi8(b, _mm512_set1_epi8(0x09)), _mm512_set1_epi8(5));
    block.at = _mm512_cmpeq_epi8_mask(b, _mm512_set1_epi8('@'));
    block.linkStart = _mm512_cmpeq_epi8_mask(_mm512_or_si512(b, lowerBit), _mm512_set1_epi8('h'))
        & _mm512_cmpeq_epi8_mask(_mm512_or_si512(next, lowerBit), _mm512_set1_epi8('t'));
    const __mmask64 capital = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(b, _mm512_set1_epi8('A')), _mm512_set1_epi8(26));
    // White space becomes a space (0x09-0x0D are white space), ASCII capitals lower case.
    __m512i folded = _mm512_mask_mov_epi8(b, block.white, lowerBit);
    folded = _mm512_mask_add_epi8(folded, capital, folded, lowerBit);
    block.high = _mm512_movepi8_mask(b);
    block.continuation = block.lead3 = block.lead4 = block.badLead = 0;
    if (block.high != 0) {
        // Signed compares: continuation bytes are -128..-65, leads -64..-1.
        block.continuation = _mm512_cmplt_epi8_mask(b, _mm512_set1_epi8(-64));
        block.lead3 = _mm512_cmpge_epu8_mask(b, _mm512_set1_epi8((char)0xE0));
        block.lead4 = _mm512_cmpge_epu8_mask(b, _mm512_set1_epi8((char)0xF0));
        const __mmask64 e0 = _mm512_cmpeq_epi8_mask(b, _mm512_set1_epi8((char)0xE0));
        const __mmask64 ed = _mm512_cmpeq_epi8_mask(b, _mm512_set1_epi8((char)0xED));
        const __mmask64 f0 = _mm512_cmpeq_epi8_mask(b, _mm512_set1_epi8((char)0xF0));
        const __mmask64 f4 = _mm512_cmpeq_epi8_mask(b, _mm512_set1_epi8((char)0xF4));
        block.badLead = _mm512_cmpeq_epi8_mask(_mm512_and_si512(b, _mm512_set1_epi8((char)0xFE)), _mm512_set1_epi8((char)0xC0))
            | _mm512_cmpge_epu8_mask(b, _mm512_set1_epi8((char)0xF5))
            | (e0 & _mm512_cmplt_epu8_mask(next, _mm512_set1_epi8((char)0xA0)))
            | (ed & _mm512_cmpgt_epu8_mask(next, _mm512_set1_epi8((char)0x9F)))
            | (f0 & _mm512_cmplt_epu8_mask(next, _mm512_set1_epi8((char)0x90)))
            | (f4 & _mm512_cmpgt_epu8_mask(next, _mm512_set1_epi8((char)0x8F)));
        // Latin-1 C3 80-9E (not 97) and Cyrillic D0 90-9F gain 0x20; D0 80-8F gain 0x10 and D0 A0-AF lose 0x20,
        // their lead becoming D1.
        const __m512i before = _mm512_mask_permutexvar_epi8(_mm512_set1_epi8((char)previous), ~1ull, down, b);
        const __mmask64 afterC3 = _mm512_cmpeq_epi8_mask(before, _mm512_set1_epi8((char)0xC3));
        const __mmask64 afterD0 = _mm512_cmpeq_epi8_mask(before, _mm512_set1_epi8((char)0xD0));
        const __mmask64 upTo8F = _mm512_cmplt_epi8_mask(b, _mm512_set1_epi8(-112));
        const __mmask64 upTo9E = _mm512_cmplt_epi8_mask(b, _mm512_set1_epi8(-97));
        const __mmask64 upTo9F = _mm512_cmplt_epi8_mask(b, _mm512_set1_epi8(-96));
        const __mmask64 upToAF = _mm512_cmplt_epi8_mask(b, _mm512_set1_epi8(-80));
        const __mmask64 latinCapital = afterC3 & upTo9E & ~_mm512_cmpeq_epi8_mask(b, _mm512_set1_epi8((char)0x97));
        const __mmask64 cyrillic80 = afterD0 & upTo8F;
        const __mmask64 cyrillic90 = afterD0 & upTo9F & ~upTo8F;
        const __mmask64 cyrillicA0 = afterD0 & upToAF & ~upTo9F;
        const __mmask64 toD1 = _mm512_cmpeq_epi8_mask(b, _mm512_set1_epi8((char)0xD0))
            & (_mm512_cmplt_epi8_mask(next, _mm512_set1_epi8(-112))
               | (_mm512_cmplt_epi8_mask(next, _mm512_set1_epi8(-80)) & ~_mm512_cmplt_epi8_mask(next, _mm512_set1_epi8(-96))));
        folded = _mm512_mask_add_epi8(folded, latinCapital | cyrillic90, folded, lowerBit);
        folded = _mm512_mask_add_epi8(folded, cyrillic80, folded, _mm512_set1_epi8(0x10));
        folded = _mm512_mask_sub_epi8(folded, cyrillicA0, folded, lowerBit);
        folded = _mm512_mask_mov_epi8(folded, toD1, _mm512_set1_epi8((char)0xD1));
    }
    block.folded = folded;
    return block;
}

CSIMD_TEXT_TARGET
long csimd_normalize_text_avx512(const uint8_t *text, long count, uint8_t *out) {
    long written = 0;
    // As in `csimd_text_state`: the byte before the block was white space / in a dropped token; bit k of `owed`:
    // byte k of the block must continue a character begun before it.
    uint64_t afterWhite = 1, inDroppedToken = 0, owed = 0;
    uint8_t previous = 0;
    const __m512i spaces = _mm512_set1_epi8(0x20);
    for (long i = 0; i < count; i += 64) {
        const long remaining = count - i;
        // The last block is padded with white space, which changes nothing (masked lanes are never read).
        const __m512i b = remaining >= 64 ? _mm512_loadu_si512((const void *)(text + i))
                                          : _mm512_mask_loadu_epi8(spaces, (1ull << remaining) - 1, text + i);
        const uint8_t after = remaining > 64 ? text[i + 64] : 0x20;
        const csimd_text_block64 masks = csimd_classify_text64(b, previous, after);
        previous = remaining >= 64 ? text[i + 63] : 0x20;
        // UTF-8 structure: continuation bytes exactly where leads (and the block before) owe them.
        if ((masks.high | owed) != 0) {
            const uint64_t leads = masks.high & ~masks.continuation;
            const uint64_t expected = (leads << 1) | (masks.lead3 << 2) | (masks.lead4 << 3) | owed;
            if (expected != masks.continuation || masks.badLead != 0) return -1;
            owed = (leads >> 63) | (masks.lead3 >> 62) | (masks.lead4 >> 61);
        }
        const uint64_t white = masks.white;
        const uint64_t inToken = ~white;
        const uint64_t starts = inToken & ((white << 1) | afterWhite);
        uint64_t dropStarts = starts & masks.at;
        for (uint64_t candidates = starts & masks.linkStart; candidates != 0; candidates &= candidates - 1) {
            const int k = __builtin_ctzll(candidates);
            if (csimd_text_is_link(text + i + k, remaining - k)) dropStarts |= 1ull << k;
        }
        // A token going on from the block before is dropped if that one was.
        dropStarts |= inToken & ~afterWhite & inDroppedToken;
        // Adding a token's first bit carries through the token and clears it.
        const uint64_t dropped = inToken & ~(inToken + dropStarts);
        const uint64_t keptStarts = starts & ~dropStarts;
        afterWhite = white >> 63;
        inDroppedToken = dropped >> 63;
        // One separator before each kept token but the first of the text: the white-space byte before it (folded
        // to a space), or a space written here when that byte was in the block before.
        const uint64_t firstOfText = written == 0 ? (keptStarts & (0 - keptStarts)) >> 1 : 0;
        const uint64_t emitted = (inToken & ~dropped) | ((keptStarts >> 1) & ~firstOfText);
        out[written] = 0x20;
        written += written != 0 ? (long)(keptStarts & 1) : 0;
        _mm512_storeu_si512((void *)(out + written), _mm512_maskz_compress_epi8(emitted, masks.folded));
        written += __builtin_popcountll(emitted);
    }
    return owed == 0 ? written : -1;
}
#else
/// The same products without vector instructions, for other architectures (whose CPUs have no AVX-512F, so the
/// Swift side never calls it).
void csimd_cross_products(const double *x, size_t rows, size_t d, const double *centresT, size_t k, size_t kPadded,
                          double *out) {
    for (size_t i = 0; i < rows; i++) {
        for (size_t c = 0; c < k; c++) {
            double sum = 0;
            for (size_t j = 0; j < d; j++) sum += x[i * d + j] * centresT[j * kPadded + c];
            out[i * k + c] = -2 * sum;
        }
    }
}

/// The same distances without vector instructions, for other architectures (whose CPUs have no AVX-512F, so the
/// Swift side never calls it).
void csimd_seeding_distances4(const float *points, size_t count, size_t stride, const float *const candidates[4],
                              const float *closest, float *const out[4], double potentials[4]) {
    for (int t = 0; t < 4; t++) {
        double sum = 0;
        for (size_t i = 0; i < count; i++) {
            float d = 0;
            for (size_t j = 0; j < stride; j++) {
                const float q = points[i * stride + j] - candidates[t][j];
                d += q * q;
            }
            const float m = d < closest[i] ? d : closest[i];
            out[t][i] = m;
            sum += m;
        }
        potentials[t] = sum;
    }
}

/// The same normalisation without AVX-512, for other architectures (whose CPUs lack it, so the Swift side never
/// calls it).
long csimd_normalize_text_avx512(const uint8_t *text, long count, uint8_t *out) {
    return csimd_normalize_text(text, count, out);
}
#endif
