#ifndef CSIMDTEXT_H
#define CSIMDTEXT_H

// Sixteen-byte classification and case folding for BotSift's tweet-text normaliser
// (FieldParsing.normalizedTextHash). SSE2 is baseline on x86-64, so no compiler flags are needed; other targets get
// a portable scalar loop with the same results.

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// What one 16-byte block of text holds: bit i of each mask describes byte i.
typedef struct {
    /// White space: 0x20 and 0x09-0x0D.
    uint32_t white;
    /// '@' (a token starting here is dropped).
    uint32_t at;
    /// 'h' or 'H' followed by 't' or 'T' (a token starting here may be a link).
    uint32_t linkStart;
    /// Bytes 0x80-0xFF (all zero below, and the UTF-8 masks too, when this is 0).
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

/// Classifies the 16 bytes at `bytes` (17 must be readable: the byte after the block is looked at for the leads
/// that need it) and writes them to `folded` case-folded (ASCII capitals, Latin-1 C3 80-9E except 97, Cyrillic
/// D0 80-AF to lower case, assuming well-formed UTF-8) with 0x09-0x0D turned into spaces. `previous` is the byte
/// before the block (0 at the start of a text): a continuation byte at position 0 is folded according to it.
static inline csimd_text_block csimd_classify_text16(const uint8_t *bytes, uint8_t previous, uint8_t *folded) {
    csimd_text_block block;
#if defined(__SSE2__)
    const __m128i b = _mm_loadu_si128((const __m128i *)bytes);
    const __m128i next = _mm_loadu_si128((const __m128i *)(bytes + 1));
    // Signed comparisons: bytes 0x80-0xFF are negative, continuation bytes -128..-65.
    const __m128i space = _mm_cmpeq_epi8(b, _mm_set1_epi8(0x20));
    const __m128i control = _mm_cmplt_epi8(_mm_add_epi8(b, _mm_set1_epi8(0x80 - 0x09)), _mm_set1_epi8(-128 + 5));
    block.white = (uint32_t)_mm_movemask_epi8(_mm_or_si128(space, control));
    block.at = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8('@')));
    const __m128i lowerBit = _mm_set1_epi8(0x20);
    const __m128i h = _mm_cmpeq_epi8(_mm_or_si128(b, lowerBit), _mm_set1_epi8('h'));
    const __m128i t = _mm_cmpeq_epi8(_mm_or_si128(next, lowerBit), _mm_set1_epi8('t'));
    block.linkStart = (uint32_t)_mm_movemask_epi8(_mm_and_si128(h, t));
    block.high = (uint32_t)_mm_movemask_epi8(b);
    // ASCII capitals: b + 0x3F maps 'A'..'Z' to -128..-103 and nothing else below -102.
    const __m128i capital = _mm_cmplt_epi8(_mm_add_epi8(b, _mm_set1_epi8(0x3F)), _mm_set1_epi8(-102));
    __m128i out = _mm_or_si128(b, _mm_and_si128(capital, lowerBit));
    out = _mm_or_si128(_mm_andnot_si128(control, out), _mm_and_si128(control, lowerBit));
    if (block.high == 0) {
        block.continuation = block.lead3 = block.lead4 = block.badLead = 0;
    } else {
        block.continuation = (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(b, _mm_set1_epi8(-64)));
        block.lead3 = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(b, _mm_set1_epi8(-33))) & block.high;
        block.lead4 = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(b, _mm_set1_epi8(-17))) & block.high;
        const uint32_t above_f4 = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(b, _mm_set1_epi8(-12))) & block.high;
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
        block.badLead = (uint32_t)_mm_movemask_epi8(bad) | above_f4;
        // Latin-1 and Cyrillic capitals: the byte after a C3 or D0 lead changes, and a D0 lead may become D1.
        const __m128i before = _mm_or_si128(_mm_slli_si128(b, 1), _mm_cvtsi32_si128(previous));
        const __m128i afterC3 = _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xC3));
        const __m128i afterD0 = _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xD0));
        const __m128i d0 = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xD0));
        {
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
                _mm_and_si128(_mm_or_si128(latinCapital, cyrillic90), lowerBit),
                _mm_or_si128(_mm_and_si128(cyrillic80, _mm_set1_epi8(0x10)),
                             _mm_and_si128(cyrillicA0, _mm_set1_epi8((char)0xE0))));
            const __m128i nextUpTo8F = _mm_cmplt_epi8(next, _mm_set1_epi8(-112));
            const __m128i nextUpTo9F = _mm_cmplt_epi8(next, _mm_set1_epi8(-96));
            const __m128i nextUpToAF = _mm_cmplt_epi8(next, _mm_set1_epi8(-80));
            const __m128i toD1 = _mm_and_si128(d0, _mm_or_si128(nextUpTo8F, _mm_andnot_si128(nextUpTo9F, nextUpToAF)));
            out = _mm_sub_epi8(_mm_add_epi8(out, delta), toD1);
        }
    }
    _mm_storeu_si128((__m128i *)folded, out);
#else
    block.white = block.at = block.linkStart = block.high = 0;
    block.continuation = block.lead3 = block.lead4 = block.badLead = 0;
    for (int i = 0; i < 16; i++) {
        const uint8_t byte = bytes[i], after = bytes[i + 1], before = i == 0 ? previous : bytes[i - 1];
        const uint32_t bit = (uint32_t)1 << i;
        const int control = byte >= 0x09 && byte <= 0x0D;
        uint8_t out = byte;
        if (byte == 0x20 || control) block.white |= bit;
        if (control) out = 0x20;
        if (byte == '@') block.at |= bit;
        if ((byte | 0x20) == 'h' && (after | 0x20) == 't') block.linkStart |= bit;
        if (byte >= 'A' && byte <= 'Z') out = byte | 0x20;
        if (byte >= 0x80) {
            block.high |= bit;
            if (byte < 0xC0) block.continuation |= bit;
            if (byte >= 0xE0) block.lead3 |= bit;
            if (byte >= 0xF0) block.lead4 |= bit;
            if (byte == 0xC0 || byte == 0xC1 || byte > 0xF4 || (byte == 0xE0 && (after < 0xA0 || after >= 0xC0))
                || (byte == 0xED && (after >= 0xA0 || after < 0x80)) || (byte == 0xF0 && (after < 0x90 || after >= 0xC0))
                || (byte == 0xF4 && (after >= 0x90 || after < 0x80))) block.badLead |= bit;
            if (before == 0xC3 && byte <= 0x9E && byte != 0x97) out = byte + 0x20;
            if (before == 0xD0 && byte <= 0x8F) out = byte + 0x10;
            if (before == 0xD0 && byte >= 0x90 && byte <= 0x9F) out = byte + 0x20;
            if (before == 0xD0 && byte >= 0xA0 && byte <= 0xAF) out = byte - 0x20;
            if (byte == 0xD0 && ((after >= 0x80 && after <= 0x8F) || (after >= 0xA0 && after <= 0xAF))) out = 0xD1;
        }
        folded[i] = out;
    }
    if (block.high == 0) block.continuation = block.lead3 = block.lead4 = block.badLead = 0;
#endif
    return block;
}

/// Copies 16 bytes from `source` to `destination` (any alignment; the ranges may overlap only if equal).
static inline void csimd_copy16(uint8_t *destination, const uint8_t *source) {
#if defined(__SSE2__)
    _mm_storeu_si128((__m128i *)destination, _mm_loadu_si128((const __m128i *)source));
#else
    memcpy(destination, source, 16);
#endif
}

/// Lays out the last `count` (1 to 16) bytes of a text, which end at `end`, for one more block: they go to
/// destination[16 - count ..< 16], followed by 32 bytes of 0x20 (white space at the end of a text changes nothing,
/// and makes the block and the byte after it readable). Returns where the block starts. `length`, the whole
/// text's length, says whether 16 bytes before `end` may be read (then the copy is one 16-byte load).
static inline const uint8_t *csimd_padded_tail(uint8_t destination[48], const uint8_t *end, int count, int length) {
    memset(destination + 16, 0x20, 32);
    if (length >= 16) {
        memcpy(destination, end - 16, 16);
    } else if (count >= 8) {
        memcpy(destination + 8, end - 8, 8);
        memcpy(destination + 16 - count, end - count, 8);
    } else if (count >= 4) {
        memcpy(destination + 12, end - 4, 4);
        memcpy(destination + 16 - count, end - count, 4);
    } else {
        destination[15] = end[-1];
        destination[16 - count] = end[-count];
        destination[16 - count + (count >> 1)] = end[-count + (count >> 1)];
    }
    return destination + 16 - count;
}

#endif
