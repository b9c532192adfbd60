#ifndef CSIMDTEXT_H
#define CSIMDTEXT_H

// 32-byte classification and case folding for BotSift's tweet-text normaliser (FieldParsing.normalizedTextHash).
// SSE2 is baseline on x86-64, so no compiler flags are needed; other targets get a portable scalar loop with the
// same results.

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// What one 32-byte block of text holds: bit i of each mask describes byte i.
typedef struct {
    /// White space: 0x20 and 0x09-0x0D.
    uint32_t white;
    /// '@' (a token starting here is dropped).
    uint32_t at;
    /// 'h' or 'H' followed by 't' or 'T' (a token starting here may be a link).
    uint32_t linkStart;
    /// Bytes 0x80-0xFF (when this is 0, so are the four UTF-8 masks below).
    uint32_t high;
    /// Continuation bytes 0x80-0xBF.
    uint32_t continuation;
    /// Leads of three- and four-byte sequences (0xE0-0xFF).
    uint32_t lead3;
    /// Leads of four-byte sequences (0xF0-0xFF).
    uint32_t lead4;
    /// Leads that are never valid (C0, C1, F5-FF) and E0, ED, F0, F4 leads whose next byte is out of range.
    uint32_t badLead;
} csimd_text_block;

#if defined(__SSE2__)
/// The ASCII half of `csimd_classify_text32` for 16 bytes `b` (`next`: the bytes one further on): masks in the
/// low 16 bits, returns `b` with capitals folded and 0x09-0x0D turned into spaces.
static inline __m128i csimd_text16_ascii(__m128i b, __m128i next, uint32_t *white, uint32_t *at, uint32_t *linkStart) {
    // Signed comparisons: bytes 0x80-0xFF are negative.
    const __m128i lowerBit = _mm_set1_epi8(0x20);
    const __m128i space = _mm_cmpeq_epi8(b, lowerBit);
    const __m128i control = _mm_cmplt_epi8(_mm_add_epi8(b, _mm_set1_epi8(0x80 - 0x09)), _mm_set1_epi8(-128 + 5));
    *white = (uint32_t)_mm_movemask_epi8(_mm_or_si128(space, control));
    *at = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8('@')));
    const __m128i h = _mm_cmpeq_epi8(_mm_or_si128(b, lowerBit), _mm_set1_epi8('h'));
    const __m128i t = _mm_cmpeq_epi8(_mm_or_si128(next, lowerBit), _mm_set1_epi8('t'));
    *linkStart = (uint32_t)_mm_movemask_epi8(_mm_and_si128(h, t));
    // ASCII capitals: b + 0x3F maps 'A'..'Z' to -128..-103 and nothing else below -102.
    const __m128i capital = _mm_cmplt_epi8(_mm_add_epi8(b, _mm_set1_epi8(0x3F)), _mm_set1_epi8(-102));
    const __m128i out = _mm_or_si128(b, _mm_and_si128(capital, lowerBit));
    return _mm_or_si128(_mm_andnot_si128(control, out), _mm_and_si128(control, lowerBit));
}

/// The UTF-8 half of `csimd_classify_text32` for 16 bytes `b` (`next`, `before`: the bytes one further on and one
/// back): structure masks in the low 16 bits, returns `folded` with Latin-1 and Cyrillic capitals folded.
static inline __m128i csimd_text16_utf8(__m128i b, __m128i next, __m128i before, __m128i folded, uint32_t *continuation,
                                        uint32_t *lead3, uint32_t *lead4, uint32_t *badLead) {
    // Signed comparisons: continuation bytes are -128..-65, leads -64..-1, ASCII non-negative.
    const uint32_t high = (uint32_t)_mm_movemask_epi8(b);
    *continuation = (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(b, _mm_set1_epi8(-64)));
    *lead3 = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(b, _mm_set1_epi8(-33))) & high;
    *lead4 = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(b, _mm_set1_epi8(-17))) & high;
    const uint32_t aboveF4 = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(b, _mm_set1_epi8(-12))) & high;
    const __m128i c0c1 = _mm_cmpeq_epi8(_mm_and_si128(b, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xC0));
    const __m128i nextAtLeastA0 = _mm_cmpgt_epi8(next, _mm_set1_epi8(-97));
    const __m128i nextAtLeast90 = _mm_cmpgt_epi8(next, _mm_set1_epi8(-113));
    const __m128i e0 = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xE0));
    const __m128i ed = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xED));
    const __m128i f0 = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xF0));
    const __m128i f4 = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xF4));
    const __m128i bad = _mm_or_si128(
        _mm_or_si128(c0c1, _mm_andnot_si128(nextAtLeastA0, e0)),
        _mm_or_si128(_mm_and_si128(ed, nextAtLeastA0),
                     _mm_or_si128(_mm_andnot_si128(nextAtLeast90, f0), _mm_and_si128(f4, nextAtLeast90))));
    *badLead = (uint32_t)_mm_movemask_epi8(bad) | aboveF4;
    // Latin-1 and Cyrillic capitals: the byte after a C3 or D0 lead changes, and a D0 lead may become D1.
    const __m128i afterC3 = _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xC3));
    const __m128i afterD0 = _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xD0));
    const __m128i d0 = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xD0));
    const __m128i upTo8F = _mm_cmplt_epi8(b, _mm_set1_epi8(-112));
    const __m128i upTo9E = _mm_cmplt_epi8(b, _mm_set1_epi8(-97));
    const __m128i upTo9F = _mm_cmplt_epi8(b, _mm_set1_epi8(-96));
    const __m128i upToAF = _mm_cmplt_epi8(b, _mm_set1_epi8(-80));
    const __m128i latinCapital =
        _mm_and_si128(afterC3, _mm_andnot_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0x97)), upTo9E));
    const __m128i cyrillic80 = _mm_and_si128(afterD0, upTo8F);
    const __m128i cyrillic90 = _mm_and_si128(afterD0, _mm_andnot_si128(upTo8F, upTo9F));
    const __m128i cyrillicA0 = _mm_and_si128(afterD0, _mm_andnot_si128(upTo9F, upToAF));
    const __m128i delta = _mm_or_si128(
        _mm_and_si128(_mm_or_si128(latinCapital, cyrillic90), _mm_set1_epi8(0x20)),
        _mm_or_si128(_mm_and_si128(cyrillic80, _mm_set1_epi8(0x10)), _mm_and_si128(cyrillicA0, _mm_set1_epi8((char)0xE0))));
    const __m128i nextUpTo8F = _mm_cmplt_epi8(next, _mm_set1_epi8(-112));
    const __m128i nextUpTo9F = _mm_cmplt_epi8(next, _mm_set1_epi8(-96));
    const __m128i nextUpToAF = _mm_cmplt_epi8(next, _mm_set1_epi8(-80));
    const __m128i toD1 = _mm_and_si128(d0, _mm_or_si128(nextUpTo8F, _mm_andnot_si128(nextUpTo9F, nextUpToAF)));
    return _mm_sub_epi8(_mm_add_epi8(folded, delta), toD1);
}
#endif

/// Classifies the 32 bytes at `bytes` and writes them to `folded` case-folded (ASCII capitals, Latin-1 C3 80-9E
/// except 97, Cyrillic D0 80-AF to lower case, assuming well-formed UTF-8) with 0x09-0x0D turned into spaces.
/// `previous` and `after` are the bytes before and after the block (0 and 0x20 at the ends of a text): a
/// continuation byte at position 0 folds according to `previous`, and E0, ED, F0, F4 and D0 leads at position 31
/// are judged by `after`.
static inline csimd_text_block csimd_classify_text32(const uint8_t *bytes, uint8_t previous, uint8_t after,
                                                     uint8_t *folded) {
    csimd_text_block block;
#if defined(__SSE2__)
    const __m128i low = _mm_loadu_si128((const __m128i *)bytes);
    const __m128i high = _mm_loadu_si128((const __m128i *)(bytes + 16));
    const __m128i lowNext = _mm_loadu_si128((const __m128i *)(bytes + 1));
    const __m128i highNext = _mm_or_si128(_mm_srli_si128(high, 1), _mm_slli_si128(_mm_cvtsi32_si128(after), 15));
    uint32_t white0, white1, at0, at1, link0, link1;
    __m128i out0 = csimd_text16_ascii(low, lowNext, &white0, &at0, &link0);
    __m128i out1 = csimd_text16_ascii(high, highNext, &white1, &at1, &link1);
    block.white = white0 | (white1 << 16);
    block.at = at0 | (at1 << 16);
    block.linkStart = link0 | (link1 << 16);
    block.high = (uint32_t)_mm_movemask_epi8(low) | ((uint32_t)_mm_movemask_epi8(high) << 16);
    if (block.high == 0) {
        block.continuation = block.lead3 = block.lead4 = block.badLead = 0;
    } else {
        const __m128i lowBefore = _mm_or_si128(_mm_slli_si128(low, 1), _mm_cvtsi32_si128(previous));
        const __m128i highBefore = _mm_loadu_si128((const __m128i *)(bytes + 15));
        uint32_t continuation0, continuation1, lead30, lead31, lead40, lead41, bad0, bad1;
        out0 = csimd_text16_utf8(low, lowNext, lowBefore, out0, &continuation0, &lead30, &lead40, &bad0);
        out1 = csimd_text16_utf8(high, highNext, highBefore, out1, &continuation1, &lead31, &lead41, &bad1);
        block.continuation = continuation0 | (continuation1 << 16);
        block.lead3 = lead30 | (lead31 << 16);
        block.lead4 = lead40 | (lead41 << 16);
        block.badLead = bad0 | (bad1 << 16);
    }
    _mm_storeu_si128((__m128i *)folded, out0);
    _mm_storeu_si128((__m128i *)(folded + 16), out1);
#else
    block.white = block.at = block.linkStart = block.high = 0;
    block.continuation = block.lead3 = block.lead4 = block.badLead = 0;
    for (int i = 0; i < 32; i++) {
        const uint8_t byte = bytes[i], next = i == 31 ? after : bytes[i + 1], before = i == 0 ? previous : bytes[i - 1];
        const uint32_t bit = (uint32_t)1 << i;
        const int control = byte >= 0x09 && byte <= 0x0D;
        uint8_t out = byte;
        if (byte == 0x20 || control) block.white |= bit;
        if (control) out = 0x20;
        if (byte == '@') block.at |= bit;
        if ((byte | 0x20) == 'h' && (next | 0x20) == 't') block.linkStart |= bit;
        if (byte >= 'A' && byte <= 'Z') out = byte | 0x20;
        if (byte >= 0x80) {
            block.high |= bit;
            if (byte < 0xC0) block.continuation |= bit;
            if (byte >= 0xE0) block.lead3 |= bit;
            if (byte >= 0xF0) block.lead4 |= bit;
            if (byte == 0xC0 || byte == 0xC1 || byte > 0xF4 || (byte == 0xE0 && (next < 0xA0 || next >= 0xC0))
                || (byte == 0xED && (next >= 0xA0 || next < 0x80)) || (byte == 0xF0 && (next < 0x90 || next >= 0xC0))
                || (byte == 0xF4 && (next >= 0x90 || next < 0x80))) block.badLead |= bit;
            if (before == 0xC3 && byte <= 0x9E && byte != 0x97) out = byte + 0x20;
            if (before == 0xD0 && byte <= 0x8F) out = byte + 0x10;
            if (before == 0xD0 && byte >= 0x90 && byte <= 0x9F) out = byte + 0x20;
            if (before == 0xD0 && byte >= 0xA0 && byte <= 0xAF) out = byte - 0x20;
            if (byte == 0xD0 && ((next >= 0x80 && next <= 0x8F) || (next >= 0xA0 && next <= 0xAF))) out = 0xD1;
        }
        folded[i] = out;
    }
    if (block.high == 0) block.continuation = block.lead3 = block.lead4 = block.badLead = 0;
#endif
    return block;
}

/// Copies 32 bytes from `source` to `destination` (any alignment; the ranges must not overlap).
static inline void csimd_copy32(uint8_t *destination, const uint8_t *source) {
#if defined(__SSE2__)
    const __m128i low = _mm_loadu_si128((const __m128i *)source);
    const __m128i high = _mm_loadu_si128((const __m128i *)(source + 16));
    _mm_storeu_si128((__m128i *)destination, low);
    _mm_storeu_si128((__m128i *)(destination + 16), high);
#else
    memcpy(destination, source, 32);
#endif
}

/// Writes a whole text of `count` (1 to 31) bytes to `destination` followed by 0x20 bytes up to 32 in all (white
/// space at the end of a text changes nothing), reading only the `count` bytes.
static inline void csimd_padded_text32(uint8_t destination[32], const uint8_t *source, int count) {
    memset(destination, 0x20, 32);
    const uint8_t *end = source + count;
    if (count >= 16) {
        memcpy(destination + count - 16, end - 16, 16);
        memcpy(destination, source, 16);
    } else if (count >= 8) {
        memcpy(destination + count - 8, end - 8, 8);
        memcpy(destination, source, 8);
    } else if (count >= 4) {
        memcpy(destination + count - 4, end - 4, 4);
        memcpy(destination, source, 4);
    } else {
        destination[0] = source[0];
        destination[count >> 1] = source[count >> 1];
        destination[count - 1] = source[count - 1];
    }
}

#endif
