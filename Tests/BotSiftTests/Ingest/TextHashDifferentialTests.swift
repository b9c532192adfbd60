import Testing
@testable import BotSift

/// `FieldParsing.normalizedTextHash`, with each normaliser this CPU runs (SSE2 on 32-byte blocks, AVX-512 on 64-byte
/// blocks), against `ReferenceTextNormalisation`, the frozen copy of the implementation they replaced: the same
/// hash, the same 0 for nothing left and the same nil for invalid UTF-8, on the existing hand-written cases, on edge
/// cases around eight-byte words and 16-, 32- and 64-byte blocks, on probes at every offset of two 64-byte blocks,
/// and on 200,000 seeded random texts.
@Suite struct TextHashDifferentialTests {
    /// `usesKernel` values to test: the SSE2 normaliser always, the AVX-512 one where the CPU has it.
    static let normalisers = FieldParsing.textKernelAvailable ? [false, true] : [false]

    static func library(_ bytes: [UInt8], _ scratch: FieldParsing.Scratch, _ usesKernel: Bool) -> UInt64? {
        bytes.withUnsafeBufferPointer { FieldParsing.normalizedTextHash($0, scratch: scratch, usesKernel: usesKernel) }
    }

    static func reference(_ bytes: [UInt8], _ scratch: ReferenceTextNormalisation.Scratch) -> UInt64? {
        bytes.withUnsafeBufferPointer { ReferenceTextNormalisation.normalizedTextHash($0, scratch: scratch) }
    }

    /// Texts whose separators, dropped tokens and capitals sit on and around eight-byte word boundaries, with
    /// their hand-normalised forms.
    static let boundaryCases: [(String, String)] = [
        ("seven77 next", "seven77 next"),
        ("seven77 @user next", "seven77 next"),
        ("seven77 http://t.co/x next", "seven77 next"),
        ("seven77 HTTPS://T.CO/X", "seven77"),
        ("seven77 hello", "seven77 hello"),
        ("seven77 Hello Http:/x", "seven77 hello http:/x"),
        ("seven77  two spaces", "seven77 two spaces"),
        ("seven77\ttab", "seven77 tab"),
        ("seven77 ", "seven77"),
        ("eight888 ", "eight888"),
        ("six666 @x", "six666"),
        ("a b c d e f g h i j", "a b c d e f g h i j"),
        ("ABCDEFGÀBCDEF", "abcdefgàbcdef"),
        ("abcdefgП", "abcdefgп"),
        ("abcdef Привет МИР дом", "abcdef привет мир дом"),
        ("Élections vérité × ß ÿ", "élections vérité × ß ÿ"),
        ("香港加油 早上很好 @x 城市", "香港加油 早上很好 城市"),
        ("x\u{01}y z\u{7F}", "x\u{01}y z\u{7F}"),
        ("RT @Pf+6I4msFBuGMj0qWqoE6U0nEp1M4w=: Gobierno otra amigos", "rt gobierno otra amigos"),
        ("  @a @b  ", ""),
        ("h", "h"),
        ("abcdefghhttp://x", "abcdefghhttp://x"),
        ("hoy café https://t.co/x", "hoy café"),
        ("hoy cafП https://t.co/x", "hoy cafп"),
    ]

    @Test(arguments: normalisers) func existingAndBoundaryCasesMatchTheReference(usesKernel: Bool) {
        let scratch = FieldParsing.Scratch(capacity: 4)
        let referenceScratch = ReferenceTextNormalisation.Scratch(capacity: 4)
        for (text, normalised) in FieldParsingTests.normalisationCases + Self.boundaryCases {
            let bytes = Array(text.utf8)
            let expected = normalised.isEmpty ? 0 : ContentHash.hash(normalised)
            #expect(Self.reference(bytes, referenceScratch) == expected, "reference: \(text.debugDescription)")
            #expect(Self.library(bytes, scratch, usesKernel) == expected, "library: \(text.debugDescription)")
        }
        for bytes in FieldParsingTests.invalidUTF8Cases {
            #expect(Self.reference(bytes, referenceScratch) == nil)
            #expect(Self.library(bytes, scratch, usesKernel) == nil, "\(bytes)")
        }
    }

    /// Replays `TextNormalisationTests`' random texts (same seed and pieces) against the reference.
    @Test(arguments: normalisers) func textNormalisationCasesMatchTheReference(usesKernel: Bool) {
        var generator = SeededGenerator(seed: 99)
        let scratch = FieldParsing.Scratch(capacity: 8)
        let referenceScratch = ReferenceTextNormalisation.Scratch(capacity: 8)
        for _ in 0..<5_000 {
            let count = Int(generator.next() % 24)
            var text = ""
            for _ in 0..<count { text += TextNormalisationTests.pieces[Int(generator.next() % UInt64(TextNormalisationTests.pieces.count))] }
            let bytes = Array(text.utf8)
            #expect(Self.library(bytes, scratch, usesKernel) == Self.reference(bytes, referenceScratch), "\(text.debugDescription)")
        }
    }

    /// Texts whose capitals, multi-byte characters, dropped tokens and white-space runs sit on and around 16- and
    /// 32-byte boundaries (a block's last byte, a character split between blocks, a token starting a block, the
    /// last block of a text overlapping the one before), with their hand-normalised forms.
    static let blockBoundaryCases: [(String, String)] = [
        (String(repeating: "A", count: 15) + "É", String(repeating: "a", count: 15) + "é"),
        (String(repeating: "a", count: 15) + "Я", String(repeating: "a", count: 15) + "я"),
        (String(repeating: "a", count: 15) + "Ѐx", String(repeating: "a", count: 15) + "ѐx"),
        (String(repeating: "a", count: 16) + "Ñ", String(repeating: "a", count: 16) + "ñ"),
        (String(repeating: "a", count: 13) + "香B", String(repeating: "a", count: 13) + "香b"),
        (String(repeating: "a", count: 14) + "😀 Z", String(repeating: "a", count: 14) + "😀 z"),
        (String(repeating: "a", count: 15) + " @user B", String(repeating: "a", count: 15) + " b"),
        (String(repeating: "a", count: 15) + " HTTPS://t.co/x", String(repeating: "a", count: 15)),
        (String(repeating: "a", count: 16) + "@x", String(repeating: "a", count: 16) + "@x"),
        (String(repeating: "a", count: 16) + " http://t.co/x", String(repeating: "a", count: 16)),
        (String(repeating: "a", count: 15) + "  b", String(repeating: "a", count: 15) + " b"),
        (String(repeating: "x", count: 14) + " \t\n\r Y", String(repeating: "x", count: 14) + " y"),
        ("@" + String(repeating: "u", count: 20) + " OK", "ok"),
        ("http://" + String(repeating: "t", count: 20) + "  K", "k"),
        (String(repeating: " ", count: 17), ""),
        (String(repeating: " ", count: 16) + "Hé", "hé"),
        ("RT @" + String(repeating: "u", count: 28) + ": Hola", "rt hola"),
        ("ab " + String(repeating: "cD", count: 20) + " Ef", "ab " + String(repeating: "cd", count: 20) + " ef"),
        ("Ünïcode", "ünïcode"),
        (String(repeating: "A", count: 31) + "É", String(repeating: "a", count: 31) + "é"),
        (String(repeating: "a", count: 31) + "Я", String(repeating: "a", count: 31) + "я"),
        (String(repeating: "a", count: 31) + "Ѐ" + String(repeating: "B", count: 33), String(repeating: "a", count: 31) + "ѐ" + String(repeating: "b", count: 33)),
        (String(repeating: "a", count: 29) + "香B", String(repeating: "a", count: 29) + "香b"),
        (String(repeating: "a", count: 30) + "😀 Z", String(repeating: "a", count: 30) + "😀 z"),
        (String(repeating: "a", count: 32) + " @u x", String(repeating: "a", count: 32) + " x"),
        (String(repeating: "a", count: 31) + " @u x", String(repeating: "a", count: 31) + " x"),
        (String(repeating: "a", count: 31) + "  b", String(repeating: "a", count: 31) + " b"),
        (String(repeating: "a", count: 27) + " https://t.co/abc", String(repeating: "a", count: 27)),
        ("@" + String(repeating: "u", count: 40) + " OK", "ok"),
        ("Hi @" + String(repeating: "u", count: 70) + " OK ", "hi ok"),
        (String(repeating: "Ab ", count: 11) + "Ñ", String(repeating: "ab ", count: 11) + "ñ"),
        (String(repeating: "A", count: 63) + "É", String(repeating: "a", count: 63) + "é"),
        (String(repeating: "a", count: 63) + "Я", String(repeating: "a", count: 63) + "я"),
        (String(repeating: "a", count: 63) + "Ѐ" + String(repeating: "B", count: 65), String(repeating: "a", count: 63) + "ѐ" + String(repeating: "b", count: 65)),
        (String(repeating: "a", count: 62) + "香B", String(repeating: "a", count: 62) + "香b"),
        (String(repeating: "a", count: 61) + "😀 Z", String(repeating: "a", count: 61) + "😀 z"),
        (String(repeating: "a", count: 64) + " @u x", String(repeating: "a", count: 64) + " x"),
        (String(repeating: "a", count: 63) + " @u x", String(repeating: "a", count: 63) + " x"),
        (String(repeating: "a", count: 63) + "  b", String(repeating: "a", count: 63) + " b"),
        (String(repeating: "a", count: 59) + " https://t.co/abc", String(repeating: "a", count: 59)),
        ("@" + String(repeating: "u", count: 130) + " OK", "ok"),
        ("Hi @" + String(repeating: "u", count: 140) + " OK ", "hi ok"),
        (String(repeating: " ", count: 64) + "Hé", "hé"),
    ]

    /// Bytes that are not valid UTF-8 at block boundaries: a lead as the text's or a block's last byte, a stray
    /// continuation byte starting a block, an invalid byte inside a dropped token that spans two blocks.
    static let blockBoundaryInvalidCases: [[UInt8]] = [
        Array(repeating: 0x61, count: 15) + [0xC3],
        Array(repeating: 0x61, count: 15) + [0xC3, 0x20, 0x61],
        Array(repeating: 0x61, count: 15) + [0xE4, 0xBD, 0x20],
        Array(repeating: 0x61, count: 16) + [0x80, 0x61],
        Array(repeating: 0x61, count: 14) + [0xF0, 0x9F, 0x98],
        Array(repeating: 0x61, count: 15) + [0xE0, 0x9F, 0x80],
        Array(repeating: 0x61, count: 15) + [0xED, 0xA0, 0x80],
        Array(repeating: 0x61, count: 15) + [0xF4, 0x90, 0x80, 0x80],
        Array("@".utf8) + Array(repeating: 0x75, count: 14) + [0xFF] + Array(" ok".utf8),
        Array("http://".utf8) + Array(repeating: 0x74, count: 9) + [0xBF] + Array(" ok".utf8),
        Array("@".utf8) + Array(repeating: 0x75, count: 20) + [0xC3],
        Array(repeating: 0x61, count: 31) + [0xC3],
        Array(repeating: 0x61, count: 31) + [0xD0, 0x20, 0x61],
        Array(repeating: 0x61, count: 32) + [0x80, 0x61],
        Array(repeating: 0x61, count: 30) + [0xF0, 0x9F, 0x98],
        Array(repeating: 0x61, count: 33) + [0xE4],
        Array(repeating: 0x61, count: 31) + [0xED, 0xBF, 0xBF],
        Array("@".utf8) + Array(repeating: 0x75, count: 30) + [0xFF] + Array(" ok".utf8),
        Array("ok @".utf8) + Array(repeating: 0x75, count: 60) + [0xC1, 0x81],
        Array(repeating: 0x61, count: 63) + [0xC3],
        Array(repeating: 0x61, count: 63) + [0xD0, 0x20, 0x61],
        Array(repeating: 0x61, count: 64) + [0x80, 0x61],
        Array(repeating: 0x61, count: 62) + [0xF0, 0x9F, 0x98],
        Array(repeating: 0x61, count: 63) + [0xED, 0xBF, 0xBF],
        Array("@".utf8) + Array(repeating: 0x75, count: 62) + [0xFF] + Array(" ok".utf8),
    ]

    @Test(arguments: normalisers) func blockBoundaryCasesAreNormalised(usesKernel: Bool) {
        let scratch = FieldParsing.Scratch(capacity: 4)
        let referenceScratch = ReferenceTextNormalisation.Scratch(capacity: 4)
        for (text, normalised) in Self.blockBoundaryCases {
            let bytes = Array(text.utf8)
            let expected = normalised.isEmpty ? 0 : ContentHash.hash(normalised)
            #expect(Self.reference(bytes, referenceScratch) == expected, "reference: \(text.debugDescription)")
            #expect(Self.library(bytes, scratch, usesKernel) == expected, "library: \(text.debugDescription)")
        }
        for bytes in Self.blockBoundaryInvalidCases {
            #expect(Self.reference(bytes, referenceScratch) == nil, "reference: \(bytes)")
            #expect(Self.library(bytes, scratch, usesKernel) == nil, "library: \(bytes)")
        }
    }

    /// Probes that the block path treats specially: folded leads, multi-byte characters, token starts,
    /// white-space runs and invalid sequences.
    static let blockProbes: [[UInt8]] = [
        "É", "Я", "Ѐ", "А", "Р", "Џ", "×", "ß", "Þ", "香", "😀", "👍🏽", " @user x", "@user", " http://t.co/x y",
        " HTTPS://T.CO/x", " hTtp:/x", " h", " ht", " Http", "  ", " \t\n\r ", "\t", " ", "@Я", " @a\u{00C9}b",
    ].map { Array($0.utf8) } + [
        [0x80], [0xC3], [0xD0], [0xE4, 0xBD], [0xF0, 0x9F, 0x98], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0x80],
        [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF5], [0xFF],
        Array(" @us".utf8) + [0xC3] + Array("er".utf8), Array(" http://x".utf8) + [0xFF],
    ]

    /// Every probe after 0 to 143 bytes of ASCII filler (two kinds: capitals only, and short words with single
    /// spaces), followed by nothing, one byte, or a longer tail: each probe lands at every position of a 32- and a
    /// 64-byte block, in texts shorter and longer than one block and with every length of last block, and the
    /// result matches the reference.
    @Test(arguments: normalisers) func probesAtEveryBlockOffsetMatchTheReference(usesKernel: Bool) {
        let scratch = FieldParsing.Scratch(capacity: 4)
        let referenceScratch = ReferenceTextNormalisation.Scratch(capacity: 4)
        let fillers = [Array(String(repeating: "ABCDEFGHIJKLMNOP", count: 9).utf8), Array(String(repeating: "Ab cD ", count: 24).utf8)]
        let tails: [[UInt8]] = [[], Array("z".utf8), Array(" tail TEXT Ñ after ÉTÉ".utf8)]
        var cases = 0, invalid = 0
        for filler in fillers {
            for offset in 0..<144 {
                for probe in Self.blockProbes {
                    for tail in tails {
                        let bytes = Array(filler[0..<offset]) + probe + tail
                        let expected = Self.reference(bytes, referenceScratch)
                        #expect(Self.library(bytes, scratch, usesKernel) == expected, "\(bytes)")
                        cases += 1
                        if expected == nil { invalid += 1 }
                    }
                }
            }
        }
        // Valid and invalid texts are both well represented.
        #expect(cases == 2 * 144 * Self.blockProbes.count * 3 && invalid > cases / 5 && invalid < cases / 2, "\(invalid) of \(cases)")
    }

    /// Pieces that random texts are built from, biased towards what the fast path must notice.
    static let fixedPieces: [[UInt8]] = [
        " ", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "@", "@", "h", "H", "http://", "https://",
        "HTTPS://", "Http://t.co/", "http:/", "https:", "htt", "\u{01}", "\u{1F}", "\u{7F}", "#", ":", ".",
        "À", "Þ", "×", "ß", "à", "ÿ", "Ё", "Ѐ", "Џ", "А", "Я", "а", "я", "ѐ", "香港", "😀", "👍🏽", "\u{10FFFF}", "\u{E000}",
    ].map { Array($0.utf8) }

    /// Byte sequences that are not valid UTF-8 on their own.
    static let invalidPieces: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xC3], [0xD0], [0xE4, 0xBD],
        [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98],
    ]

    /// One random piece: a fixed piece, a word of random ASCII letters (1 to 12, so words cross word
    /// boundaries), a printable ASCII byte, a random two-byte letter (Latin-1 or Cyrillic, capital or not), a
    /// random CJK character, or (rarely) an invalid sequence.
    static func randomPiece(_ generator: inout SeededGenerator) -> [UInt8] {
        switch generator.next() % 100 {
        case 0..<40:
            return fixedPieces[Int(generator.next() % UInt64(fixedPieces.count))]
        case 40..<70:
            let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
            return (0..<(1 + Int(generator.next() % 12))).map { _ in letters[Int(generator.next() % UInt64(letters.count))] }
        case 70..<80:
            return [UInt8(0x21 + generator.next() % 0x5E)]
        case 80..<90:
            let lead: UInt8 = [0xC2, 0xC3, 0xC3, 0xD0, 0xD0, 0xD1, 0xD8][Int(generator.next() % 7)]
            return [lead, UInt8(0x80 + generator.next() % 0x40)]
        case 90..<99:
            return [UInt8(0xE4 + generator.next() % 6), UInt8(0x80 + generator.next() % 0x40), UInt8(0x80 + generator.next() % 0x40)]
        default:
            return invalidPieces[Int(generator.next() % UInt64(invalidPieces.count))]
        }
    }

    @Test(arguments: normalisers) func randomTextsMatchTheReference(usesKernel: Bool) {
        var generator = SeededGenerator(seed: 20_240_611)
        let scratch = FieldParsing.Scratch(capacity: 16)
        let referenceScratch = ReferenceTextNormalisation.Scratch(capacity: 16)
        var hashed = 0, empty = 0, invalid = 0, mismatches = 0
        for round in 0..<200_000 {
            let length = Int(generator.next() % 301)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(length + 16)
            while bytes.count < length { bytes += Self.randomPiece(&generator) }
            let expected = Self.reference(bytes, referenceScratch)
            let actual = Self.library(bytes, scratch, usesKernel)
            if actual != expected {
                mismatches += 1
                if mismatches <= 5 { Issue.record("round \(round): \(bytes) reference \(String(describing: expected)) library \(String(describing: actual))") }
            }
            switch expected {
            case nil: invalid += 1
            case 0: empty += 1
            default: hashed += 1
            }
        }
        #expect(mismatches == 0)
        // Every outcome is well represented, so the comparison covers each of them.
        #expect(hashed > 100_000 && invalid > 20_000 && empty > 100, "hashed \(hashed) invalid \(invalid) empty \(empty)")
    }
}
