#ifndef CSIMDTEXT_H
#define CSIMDTEXT_H

// BotSift's tweet-text normaliser (FieldParsing.normalizedTextHash hashes what csimd_normalize_text writes):
// 32-byte classification and case folding, then token and UTF-8 bookkeeping on the blocks' bitmasks.
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

/// The UTF-8 structure of 16 bytes `b` for `csimd_classify_text32`: masks in the low 16 bits; `special` marks the
/// leads whose validity `csimd_text_bad_lead` decides (C0, C1, E0, ED, F0-FF).
static inline void csimd_text16_utf8(__m128i b, uint32_t *continuation, uint32_t *lead3, uint32_t *lead4,
                                     uint32_t *special) {
    // Signed comparisons: continuation bytes are -128..-65, leads -64..-1, ASCII non-negative.
    const uint32_t high = (uint32_t)_mm_movemask_epi8(b);
    *continuation = (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(b, _mm_set1_epi8(-64)));
    *lead3 = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(b, _mm_set1_epi8(-33))) & high;
    *lead4 = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(b, _mm_set1_epi8(-17))) & high;
    const __m128i c0c1 = _mm_cmpeq_epi8(_mm_and_si128(b, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xC0));
    const __m128i e0 = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xE0));
    const __m128i ed = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xED));
    *special = (uint32_t)_mm_movemask_epi8(_mm_or_si128(c0c1, _mm_or_si128(e0, ed))) | *lead4;
}

/// Bit set in each byte of 16 bytes `b` that is a Latin-1 or Cyrillic capital's second byte (after C3: 80-9E;
/// after D0: 80-AF), judging by `before`, the bytes one back.
static inline __m128i csimd_text16_capitals(__m128i b, __m128i before) {
    const __m128i afterC3 = _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xC3));
    const __m128i afterD0 = _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xD0));
    return _mm_or_si128(_mm_and_si128(afterC3, _mm_cmplt_epi8(b, _mm_set1_epi8(-97))),
                        _mm_and_si128(afterD0, _mm_cmplt_epi8(b, _mm_set1_epi8(-80))));
}

/// 16 bytes `folded` (from `b`; `next`, `before`: the bytes one further on and one back) with Latin-1 and Cyrillic
/// capitals folded: the byte after a C3 or D0 lead changes, and a D0 lead may become D1.
static inline __m128i csimd_text16_fold(__m128i b, __m128i next, __m128i before, __m128i folded) {
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

/// True when a sequence with lead byte `lead` (C0, C1, E0, ED or F0-FF) and next byte `next` is never valid UTF-8.
static inline int csimd_text_bad_lead(uint8_t lead, uint8_t next) {
    switch (lead) {
    case 0xE0: return next < 0xA0;
    case 0xED: return next > 0x9F;
    case 0xF0: return next < 0x90;
    case 0xF1: case 0xF2: case 0xF3: return 0;
    case 0xF4: return next > 0x8F;
    default: return 1;
    }
}

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
    block.continuation = block.lead3 = block.lead4 = block.badLead = 0;
    if (block.high != 0) {
        uint32_t continuation0, continuation1, lead30, lead31, lead40, lead41, special0, special1;
        csimd_text16_utf8(low, &continuation0, &lead30, &lead40, &special0);
        csimd_text16_utf8(high, &continuation1, &lead31, &lead41, &special1);
        block.continuation = continuation0 | (continuation1 << 16);
        block.lead3 = lead30 | (lead31 << 16);
        block.lead4 = lead40 | (lead41 << 16);
        for (uint32_t special = special0 | (special1 << 16); special != 0; special &= special - 1) {
            const int k = __builtin_ctz(special);
            if (csimd_text_bad_lead(bytes[k], k == 31 ? after : bytes[k + 1])) block.badLead |= (uint32_t)1 << k;
        }
        // Folding only where there is a capital (a D0 lead at the end may fold by `after`).
        const __m128i lowBefore = _mm_or_si128(_mm_slli_si128(low, 1), _mm_cvtsi32_si128(previous));
        const __m128i highBefore = _mm_loadu_si128((const __m128i *)(bytes + 15));
        const __m128i capitals = _mm_or_si128(csimd_text16_capitals(low, lowBefore), csimd_text16_capitals(high, highBefore));
        const int lastFolds = bytes[31] == 0xD0 && ((after & 0xF0) == 0x80 || (after & 0xF0) == 0xA0);
        if (_mm_movemask_epi8(capitals) != 0 || lastFolds) {
            out0 = csimd_text16_fold(low, lowNext, lowBefore, out0);
            out1 = csimd_text16_fold(high, highNext, highBefore, out1);
        }
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

/// True when the `count` bytes at `token` start with `http://` or `https://` (ASCII letters in any case).
static inline int csimd_text_is_link(const uint8_t *token, long count) {
    if (count < 7 || (token[0] | 0x20) != 'h' || (token[1] | 0x20) != 't' || (token[2] | 0x20) != 't'
        || (token[3] | 0x20) != 'p') return 0;
    const long i = (token[4] | 0x20) == 's' ? 5 : 4;
    return i + 3 <= count && token[i] == ':' && token[i + 1] == '/' && token[i + 2] == '/';
}

/// What `csimd_normalize_text` carries from one 32-byte block to the next.
typedef struct {
    /// Bytes of normalised text written so far.
    long written;
    /// 1 when the byte before the block is white space (or the text starts there).
    uint64_t afterWhite;
    /// 1 when the byte before the block belongs to a dropped token.
    uint64_t inDroppedToken;
    /// Bit k: byte k of the block must be a continuation byte of a character begun before it.
    uint64_t owed;
    /// The byte before the block (a continuation byte at the block's start folds according to it).
    uint8_t previous;
} csimd_text_state;

/// Normalises the 32 bytes at `block` onto `out`, except the first `skip` (already seen; the bytes from there to
/// the end of the block end the text), with `folded` 96 bytes of room. `after` is the byte after the block;
/// `remaining` bytes from `block + skip` on may be read by a link test. Token starts, dropped tokens and UTF-8
/// structure follow from bit arithmetic on the block's masks; kept bytes are copied as whole runs. Returns 0 when
/// the bytes are not valid UTF-8.
static inline __attribute__((always_inline)) int csimd_normalize_block(csimd_text_state *state, const uint8_t *block,
                                                                       uint8_t after, int skip, long remaining,
                                                                       uint8_t *folded, uint8_t *out) {
    const csimd_text_block masks = csimd_classify_text32(block, state->previous, after, folded);
    state->previous = block[31];
    const uint8_t *first = block + skip;
    folded += skip;
    // Bytes past the end of the text (the last `skip` bits) count as white space.
    const uint64_t past = (0xFFFFFFFFull << (32 - skip)) & 0xFFFFFFFFull;
    const uint64_t high = (uint64_t)masks.high >> skip;
    // UTF-8 structure: continuation bytes exactly where leads (and the block before) owe them.
    if ((high | state->owed) != 0) {
        const uint64_t continuation = (uint64_t)masks.continuation >> skip;
        const uint64_t leads = high & ~continuation;
        const uint64_t expected = (leads << 1) | (((uint64_t)masks.lead3 >> skip) << 2)
            | (((uint64_t)masks.lead4 >> skip) << 3) | state->owed;
        if ((expected & 0xFFFFFFFFull) != continuation || (masks.badLead >> skip) != 0) return 0;
        state->owed = expected >> 32;
    }
    const uint64_t white = ((uint64_t)masks.white >> skip) | past;
    const uint64_t inToken = ~white & 0xFFFFFFFFull;
    const uint64_t starts = inToken & ((white << 1) | state->afterWhite);
    uint64_t dropStarts = starts & ((uint64_t)masks.at >> skip);
    for (uint64_t candidates = starts & ((uint64_t)masks.linkStart >> skip); candidates != 0; candidates &= candidates - 1) {
        const int k = __builtin_ctzll(candidates);
        if (csimd_text_is_link(first + k, remaining - k)) dropStarts |= 1ull << k;
    }
    // A token going on from the block before is dropped if that one was.
    dropStarts |= inToken & ~state->afterWhite & state->inDroppedToken;
    // Adding a token's first bit carries through the token and clears it.
    const uint64_t dropped = inToken & ~(inToken + dropStarts);
    const uint64_t keptStarts = starts & ~dropStarts;
    state->afterWhite = white >> 31;
    state->inDroppedToken = (dropped >> 31) & 1;
    // One separator before each kept token but the first of the text: the white-space byte before it, or a space
    // written here when that byte was in the block before.
    const uint64_t firstOfText = state->written == 0 ? (keptStarts & (0 - keptStarts)) >> 1 : 0;
    uint64_t emitted = (inToken & ~dropped) | ((keptStarts >> 1) & ~firstOfText);
    out[state->written] = 0x20;
    state->written += state->written != 0 ? (long)(keptStarts & 1) : 0;
    // The first run of kept bytes (none: start 32, count 0), then any others.
    int start = __builtin_ctzll(emitted | (1ull << 32));
    for (;;) {
        const int count = __builtin_ctzll(~(emitted >> start));
        csimd_copy32(out + state->written, folded + start);
        state->written += count;
        emitted &= emitted + (emitted & (0 - emitted));
        if (emitted == 0) break;
        start = __builtin_ctzll(emitted);
    }
    return 1;
}

/// Normalises the `count` (at least 1) bytes at `text` for hashing: ASCII, Latin-1 and Cyrillic capitals folded,
/// tokens starting with `@` or `http://`/`https://` dropped, white space (0x20, 0x09-0x0D) runs collapsed to one
/// space, none at either end. Writes the result to `out`, which needs `count + 192` bytes (the part after the
/// result is working room), and returns its length; -1 when the text is not valid UTF-8 (anywhere, including in
/// dropped tokens). Works on 32-byte blocks; the last 1 to 31 bytes are the block ending with the text, its first
/// bytes skipped, and a text under 32 bytes is padded with white space (which changes nothing).
static inline long csimd_normalize_text(const uint8_t *text, long count, uint8_t *out) {
    // Output never runs ahead of input (each byte written stands for a distinct byte read at or before it), so
    // 32-byte stores at out + w, w < (block start) + 32, end before out + count + 64. Then 96 bytes for a folded
    // block (copies start up to 63 bytes into it) and 32 for a short text padded with white space.
    uint8_t *folded = out + count + 64;
    csimd_text_state state = {0, 1, 0, 0, 0};
    if (count < 32) {
        uint8_t *padded = out + count + 160;
        csimd_padded_text32(padded, text, (int)count);
        if (!csimd_normalize_block(&state, padded, 0x20, 0, count, folded, out)) return -1;
    } else {
        long i = 0;
        for (; i + 32 <= count; i += 32) {
            const uint8_t after = i + 32 < count ? text[i + 32] : 0x20;
            if (!csimd_normalize_block(&state, text + i, after, 0, count - i, folded, out)) return -1;
        }
        if (i < count
            && !csimd_normalize_block(&state, text + count - 32, 0x20, (int)(32 - (count - i)), count - i, folded, out)) {
            return -1;
        }
    }
    return state.owed == 0 ? state.written : -1;
}

/// `csimd_normalize_text` on 64-byte AVX-512 blocks: the same result for every input. The block's masks come from
/// byte compares straight into mask registers (the bytes one back and one on by byte permutes), the last block is
/// a masked load padded with white space, and the kept bytes of a block are packed with one byte compress. `out`
/// needs `count + 192` bytes, as for `csimd_normalize_text`. Call only on CPUs with AVX-512 F, BW, VBMI and VBMI2
/// (`CPUFeatures.avx512BytePacking` in LinAlg); elsewhere it is `csimd_normalize_text`.
long csimd_normalize_text_avx512(const uint8_t *text, long count, uint8_t *out);

#endif
