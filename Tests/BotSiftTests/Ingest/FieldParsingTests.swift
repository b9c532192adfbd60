import Testing
@testable import BotSift

/// Field-level parsers: text normalisation, UTF-8 validation, lists, booleans, counts.
@Suite struct FieldParsingTests {
    static func withBytes<T>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        bytes.withUnsafeBufferPointer { body($0) }
    }

    static func textHash(_ text: String) -> UInt64? {
        withBytes(Array(text.utf8)) { FieldParsing.normalizedTextHash(
            $0, scratch: FieldParsing.Scratch(capacity: 4), usesKernel: FieldParsing.textKernelAvailable) }
    }

    /// Texts and their hand-normalised forms (also replayed against the reference by `TextHashDifferentialTests`).
    static let normalisationCases: [(String, String)] = [
        ("Hello WORLD", "hello world"),
        ("  Tabs\tand\n\nNEWLINES\r\n  collapse ", "tabs and newlines collapse"),
        ("RT @User: LONGWORDSINCAPITALS and https://t.co/AbC http://x.y HTTPS://Z", "rt longwordsincapitals and"),
        ("ÀÉÎÕÜ × Straße ÞORN", "àéîõü × straße þorn"),
        ("ПРИВЕТ ЁЖ Ѐ Мир", "привет ёж ѐ мир"),
        ("香港加油 😀👍🏽 ΑΒΓ", "香港加油 😀👍🏽 ΑΒΓ"),
        ("@only @mentions https://and.links", ""),
        ("", ""),
        ("MixedCASEwordsLongerThanEightBytes,Commas;AND[Brackets]", "mixedcasewordslongerthaneightbytes,commas;and[brackets]"),
        ("email@example.com keeps", "email@example.com keeps"),
        ("httpfoo http:/not-a-link", "httpfoo http:/not-a-link"),
    ]

    @Test(arguments: normalisationCases)
    func textIsNormalisedBeforeHashing(_ input: String, _ normalised: String) {
        let expected = normalised.isEmpty ? 0 : ContentHash.hash(normalised)
        #expect(Self.textHash(input) == expected)
    }

    /// Byte strings that are not valid UTF-8.
    static let invalidUTF8Cases: [[UInt8]] = [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xBD], [0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xFF],
    ]

    @Test(arguments: invalidUTF8Cases)
    func invalidUTF8IsRejected(_ bytes: [UInt8]) {
        #expect(Self.withBytes(bytes) { FieldParsing.isValidUTF8($0) } == false)
        #expect(Self.withBytes(bytes) { FieldParsing.normalizedTextHash(
            $0, scratch: FieldParsing.Scratch(), usesKernel: FieldParsing.textKernelAvailable) } == nil)
    }

    @Test func validUTF8IsAccepted() {
        for text in ["", "plain ascii longer than eight", "香港", "😀", "Ω", "\u{10FFFF}", "\u{D7FF}\u{E000}"] {
            #expect(Self.withBytes(Array(text.utf8)) { FieldParsing.isValidUTF8($0) }, "\(text)")
        }
    }

    /// The word compare against a bytewise search, with the target at every offset and neighbours that differ from
    /// it by one bit or one unit (the bytes a borrow could confuse with it).
    @Test func firstOffsetInEightBytesMatchesABytewiseSearch() {
        for target in [UInt8(ascii: ","), UInt8(ascii: "\""), 0x00, 0x80, 0xFF] {
            let neighbours = [target &+ 1, target &- 1, target ^ 0x01, target ^ 0x80, 0x00, 0xFF].filter { $0 != target }
            for position in 0...8 {
                for neighbour in neighbours {
                    var bytes = [UInt8](repeating: neighbour, count: 8)
                    if position < 8 { bytes[position] = target }
                    if position < 7 { bytes[7] = target }
                    let expected = bytes.firstIndex(of: target)
                    let found = bytes.withUnsafeBufferPointer { FieldParsing.firstOffset(of: target, inEightBytesAt: $0.baseAddress!) }
                    #expect(found == expected, "target \(target) at \(position) among \(neighbour)")
                }
            }
        }
    }

    @Test func listItemsAreCountedAndTrimmed() {
        func items(_ text: String) -> [String] {
            var found: [String] = []
            let count = Self.withBytes(Array(text.utf8)) { field in
                var items = FieldParsing.ListItems(field)
                while let item = items.next() { found.append(String(decoding: item, as: UTF8.self)) }
                var counted = FieldParsing.ListItems(field)
                return counted.count()
            }
            #expect(Int(count) == found.count)
            return found
        }
        #expect(items("[a, b]") == ["a", "b"])
        #expect(items("['HongKong', \"香港\"]") == ["HongKong", "香港"])
        #expect(items("[]") == [])
        #expect(items("") == [])
        #expect(items(" [x] ") == ["x"])
        #expect(items("[a,,b, ]") == ["a", "b"])
        #expect(items("plain") == ["plain"])
        #expect(items("[aPwZ2Vfua5FUPGm0OFgaw50LoXRZIoxwfZqc9jryjOI=, 1802521749]")
            == ["aPwZ2Vfua5FUPGm0OFgaw50LoXRZIoxwfZqc9jryjOI=", "1802521749"])
        // Commas at every offset of the eight-byte scan, with empty and padded items between them.
        for length in 0...17 {
            let word = String(repeating: "w", count: length)
            let expected = length == 0 ? ["z"] : [word, word, "z"]
            #expect(items("[\(word),\(word), ,z]") == expected, "item length \(length)")
            #expect(items("\(word),'\(word)',,z") == expected, "item length \(length)")
        }
    }

    @Test func booleansAndCounts() {
        func boolean(_ text: String) -> Bool? {
            switch Self.withBytes(Array(text.utf8), { FieldParsing.boolean($0) }) {
            case .value(let value): return value
            case .empty, .invalid: return nil
            }
        }
        #expect(["True", "TRUE", "true", "1", " true "].map(boolean) == [true, true, true, true, true])
        #expect(["False", "false", "0"].map(boolean) == [false, false, false])
        #expect(["yes", "2", "tru"].map(boolean) == [nil, nil, nil])
        func count(_ text: String) -> Int? {
            if case .value(let value) = Self.withBytes(Array(text.utf8), { FieldParsing.count($0) }) { return value }
            return nil
        }
        #expect(["0", "17116", "52.0", " 7 ", "52.00"].map(count) == [0, 17_116, 52, 7, 52])
        #expect(["-1", "1e3", "52.5", "", "x"].map(count) == [nil, nil, nil, nil, nil])
    }
}
