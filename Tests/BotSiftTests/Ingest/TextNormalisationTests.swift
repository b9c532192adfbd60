import Testing
@testable import BotSift

/// The word-at-a-time text normaliser against a plain scalar-by-scalar reference on seeded random texts that
/// mix every case the fast path treats specially (white space kinds, controls, folded Latin-1 and Cyrillic,
/// CJK, emoji, mentions, links in any case, word and tail boundaries at every offset).
@Suite struct TextNormalisationTests {
    /// Reference: split on ASCII white space, drop `@` and http(s):// tokens, fold, join with one space.
    static func referenceNormalised(_ text: String) -> String {
        let whiteSpace: Set<UInt32> = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D]
        var tokens: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if whiteSpace.contains(scalar.value) {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        let kept = tokens.filter { token in
            let lower = token.lowercased()
            return !token.hasPrefix("@") && !lower.hasPrefix("http://") && !lower.hasPrefix("https://")
        }
        return kept.map { token in
            var folded = String.UnicodeScalarView()
            for scalar in token.unicodeScalars {
                let v = scalar.value
                var out = v
                if v >= 0x41 && v <= 0x5A { out = v + 0x20 }
                if v >= 0xC0 && v <= 0xDE && v != 0xD7 { out = v + 0x20 }
                if v >= 0x400 && v <= 0x40F { out = v + 0x50 }
                if v >= 0x410 && v <= 0x42F { out = v + 0x20 }
                folded.append(Unicode.Scalar(out)!)
            }
            return String(folded)
        }.joined(separator: " ")
    }

    static let pieces = [
        "a", "Z", "Hello", "WORLD", "MixedCaseLongerThanEight", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}",
        "\u{01}", "\u{1F}", "@user", "@", "http://t.co/x", "HTTPS://T.CO/Y", "https:/no", "http", "email@x.y",
        "À", "ÉÎ", "×", "Þ", "ß", "ÿ", "Straße", "ПРИВЕТ", "Ёж", "Ѐ", "Џ", "я", "香港", "加油", "😀", "👍🏽", "ΑΒΓ",
        "\"quoted\"", "a,b", "[x]", "#Tag", "0123456789",
    ]

    @Test func fastNormaliserMatchesTheReferenceOnRandomTexts() {
        var generator = SeededGenerator(seed: 99)
        let scratch = FieldParsing.Scratch(capacity: 8)
        var nonEmpty = 0
        for round in 0..<5_000 {
            let count = Int(generator.next() % 24)
            var text = ""
            for _ in 0..<count { text += Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }
            let expectedText = Self.referenceNormalised(text)
            let expected = expectedText.isEmpty ? 0 : ContentHash.hash(expectedText)
            let bytes = Array(text.utf8)
            let actual = bytes.withUnsafeBufferPointer { FieldParsing.normalizedTextHash($0, scratch: scratch, usesKernel: FieldParsing.textKernelAvailable) }
            #expect(actual == expected, "round \(round): \(text.debugDescription) -> \(expectedText.debugDescription)")
            if !expectedText.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 4_000)
    }
}
