import Testing
@testable import BotSift

/// `FieldParsing.normalizedTextHash` (word-at-a-time) against `ReferenceTextNormalisation`, the frozen copy of the
/// implementation it replaced: the same hash, the same 0 for nothing left and the same nil for invalid UTF-8, on
/// the existing hand-written cases, on edge cases around the eight-byte words, and on 200,000 seeded random texts.
@Suite struct TextHashDifferentialTests {
    static func library(_ bytes: [UInt8], _ scratch: FieldParsing.Scratch) -> UInt64? {
        bytes.withUnsafeBufferPointer { FieldParsing.normalizedTextHash($0, scratch: scratch) }
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

    @Test func existingAndBoundaryCasesMatchTheReference() {
        let scratch = FieldParsing.Scratch(capacity: 4)
        let referenceScratch = ReferenceTextNormalisation.Scratch(capacity: 4)
        for (text, normalised) in FieldParsingTests.normalisationCases + Self.boundaryCases {
            let bytes = Array(text.utf8)
            let expected = normalised.isEmpty ? 0 : ContentHash.hash(normalised)
            #expect(Self.reference(bytes, referenceScratch) == expected, "reference: \(text.debugDescription)")
            #expect(Self.library(bytes, scratch) == expected, "library: \(text.debugDescription)")
        }
        for bytes in FieldParsingTests.invalidUTF8Cases {
            #expect(Self.reference(bytes, referenceScratch) == nil)
            #expect(Self.library(bytes, scratch) == nil, "\(bytes)")
        }
    }

    /// Replays `TextNormalisationTests`' random texts (same seed and pieces) against the reference.
    @Test func textNormalisationCasesMatchTheReference() {
        var generator = SeededGenerator(seed: 99)
        let scratch = FieldParsing.Scratch(capacity: 8)
        let referenceScratch = ReferenceTextNormalisation.Scratch(capacity: 8)
        for _ in 0..<5_000 {
            let count = Int(generator.next() % 24)
            var text = ""
            for _ in 0..<count { text += TextNormalisationTests.pieces[Int(generator.next() % UInt64(TextNormalisationTests.pieces.count))] }
            let bytes = Array(text.utf8)
            #expect(Self.library(bytes, scratch) == Self.reference(bytes, referenceScratch), "\(text.debugDescription)")
        }
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

    @Test func randomTextsMatchTheReference() {
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
            let actual = Self.library(bytes, scratch)
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
