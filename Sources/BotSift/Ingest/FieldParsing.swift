import CSIMDScan
import LinAlg

/// Byte-level parsers for archive field values (counts, booleans, bracketed lists, texts), shared by the
/// archive and label readers. None of them allocates per call; results that need bytes go to a `Scratch`.
enum FieldParsing {
    /// A reusable byte buffer for case-folded and normalised copies of fields.
    final class Scratch {
        private(set) var bytes: UnsafeMutablePointer<UInt8>
        private(set) var capacity: Int

        init(capacity: Int = 4096) {
            self.capacity = capacity
            bytes = .allocate(capacity: capacity)
        }

        deinit { bytes.deallocate() }

        /// Makes room for `count` bytes (old contents are not kept).
        @inline(__always) func reserve(_ count: Int) {
            guard count > capacity else { return }
            bytes.deallocate()
            capacity = max(count, capacity * 2)
            bytes = .allocate(capacity: capacity)
        }

        func view(_ count: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: count) }
    }

    // MARK: - Validation and strings

    /// True when the bytes are well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
    static func isValidUTF8(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = field.count
        guard n > 0, let p = field.baseAddress else { return true }
        var i = 0
        while i < n {
            // Eight ASCII bytes at a time.
            while i + 8 <= n && UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            if p[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(p, i, n)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    /// The field as a `String`, or nil when it is not valid UTF-8.
    static func string(_ field: UnsafeBufferPointer<UInt8>) -> String? {
        guard isValidUTF8(field) else { return nil }
        return String(decoding: field, as: UTF8.self)
    }

    /// The field without leading and trailing ASCII spaces and tabs.
    @inline(__always) static func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = field.count
        while start < end && (field[start] == 0x20 || field[start] == 0x09) { start += 1 }
        while end > start && (field[end - 1] == 0x20 || field[end - 1] == 0x09) { end -= 1 }
        return UnsafeBufferPointer(rebasing: field[start..<end])
    }

    // MARK: - Numbers and booleans

    /// The outcome of parsing an optional field.
    enum Parsed<Value> {
        case empty
        case value(Value)
        case invalid
    }

    /// A non-negative count such as `follower_count`: digits, optionally followed by `.0` (as pandas writes).
    static func count(_ field: UnsafeBufferPointer<UInt8>) -> Parsed<Int> {
        let text = trimmed(field)
        guard !text.isEmpty else { return .empty }
        var value = 0
        var i = 0
        while i < text.count && text[i] &- 48 < 10 {
            guard i < 18 else { return .invalid }
            value = value * 10 + Int(text[i] &- 48)
            i += 1
        }
        guard i > 0 else { return .invalid }
        if i < text.count && text[i] == UInt8(ascii: ".") {
            i += 1
            while i < text.count && text[i] == UInt8(ascii: "0") { i += 1 }
        }
        return i == text.count ? .value(value) : .invalid
    }

    /// `is_retweet`: True/False in any letter case, or 1/0.
    static func boolean(_ field: UnsafeBufferPointer<UInt8>) -> Parsed<Bool> {
        let text = trimmed(field)
        switch text.count {
        case 0:
            return .empty
        case 1:
            if text[0] == UInt8(ascii: "1") { return .value(true) }
            if text[0] == UInt8(ascii: "0") { return .value(false) }
            return .invalid
        case 4:
            return equalsLowercased(text, "true") ? .value(true) : .invalid
        case 5:
            return equalsLowercased(text, "false") ? .value(false) : .invalid
        default:
            return .invalid
        }
    }

    private static func equalsLowercased(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard expected.count == text.count else { return false }
        for i in 0..<text.count where asciiLowercased(text[i]) != expected[i] { return false }
        return true
    }

    /// True when the field has anything but spaces (an id column such as `in_reply_to_tweetid` is present).
    @inline(__always) static func isPresent(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        !trimmed(field).isEmpty
    }

    // MARK: - Case folding

    @inline(__always) static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte | (byte &- 65 < 26 ? 0x20 : 0)
    }

    /// Appends `source` case-folded to `destination` (ASCII, Latin-1 letters À-Þ and basic Cyrillic
    /// А-Я, Ѐ-Џ; other scripts have no case or are kept as they are); returns the bytes written.
    @inline(__always)
    static func appendFolded(_ source: UnsafeBufferPointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        var i = 0
        let n = source.count
        while i < n {
            let byte = source[i]
            if byte >= 0x80 && i + 1 < n {
                let folded = folded2(byte, source[i + 1])
                destination[i] = folded.0
                destination[i + 1] = folded.1
                i += 2
                // Skip the rest of a longer sequence unchanged.
                while i < n && source[i] & 0xC0 == 0x80 {
                    destination[i] = source[i]
                    i += 1
                }
                continue
            }
            destination[i] = asciiLowercased(byte)
            i += 1
        }
        return n
    }

    // MARK: - Lists and text

    /// The items of a bracketed list field (`[a, b]`, `['a', 'b']`, `[]` or empty), one per `next()`: each item is
    /// trimmed of spaces and quotes; empty items are skipped. An iterator rather than a closure, so that the hot
    /// per-row loops capture nothing (a closure's context was retained and released for every row).
    struct ListItems {
        private let text: UnsafeBufferPointer<UInt8>
        private var start = 0

        @inline(__always)
        init(_ field: UnsafeBufferPointer<UInt8>) {
            var text = trimmed(field)
            if let first = text.first, first == UInt8(ascii: "[") { text = UnsafeBufferPointer(rebasing: text[1...]) }
            if let last = text.last, last == UInt8(ascii: "]") { text = UnsafeBufferPointer(rebasing: text[..<(text.count - 1)]) }
            self.text = text
        }

        /// The next non-empty item, or nil after the last.
        @inline(__always)
        mutating func next() -> UnsafeBufferPointer<UInt8>? {
            let n = text.count
            guard let base = text.baseAddress else { return nil }
            while start <= n {
                var end = start
                // Eight bytes at a time to the next comma (items such as hashed user ids are long), then bytewise.
                while end &+ 8 <= n {
                    if let offset = firstOffset(of: UInt8(ascii: ","), inEightBytesAt: base + end) {
                        end &+= offset
                        break
                    }
                    end &+= 8
                }
                while end < n && text[end] != UInt8(ascii: ",") { end += 1 }
                var a = start, b = end
                while a < b && isListPadding(text[a]) { a += 1 }
                while b > a && isListPadding(text[b - 1]) { b -= 1 }
                start = end + 1
                if b > a { return UnsafeBufferPointer(rebasing: text[a..<b]) }
            }
            return nil
        }

        /// The number of items left.
        @inline(__always)
        mutating func count() -> Int32 {
            var items: Int32 = 0
            while next() != nil { items += 1 }
            return items
        }
    }

    /// The offset (0-7) of the first byte equal to `byte` among the eight at `address`, or nil: one word compare
    /// (the lowest flagged byte of the zero-byte test is exact; only bytes above it can be false alarms).
    @inline(__always)
    static func firstOffset(of byte: UInt8, inEightBytesAt address: UnsafePointer<UInt8>) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let word = UnsafeRawPointer(address).loadUnaligned(as: UInt64.self) ^ (ones &* UInt64(byte))
        let matches = (word &- ones) & ~word & 0x8080_8080_8080_8080
        return matches == 0 ? nil : matches.trailingZeroBitCount &>> 3
    }

    @inline(__always) private static func isListPadding(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")
    }

    /// Whether this CPU runs `csimd_normalize_text_avx512` (the 64-byte AVX-512 normaliser).
    static let textKernelAvailable = CPUFeatures.avx512BytePacking

    /// Hash of a tweet text after normalisation: case-folded, tokens starting with `@` or `http://`/`https://`
    /// dropped, runs of white space collapsed to one space. 0 when nothing is left; nil when not valid UTF-8.
    /// `csimd_normalize_text` does the normalising in one pass over 32-byte SSE2 blocks (classification, folding,
    /// validation and token bookkeeping on bitmasks, kept bytes copied as whole runs); with `usesKernel` (only
    /// where `textKernelAvailable`), `csimd_normalize_text_avx512` does it on 64-byte blocks, with the same result.
    /// The normalised bytes are then hashed: `ContentHash` seeds its state with the length, so hashing cannot be
    /// fused into the pass without changing the values.
    static func normalizedTextHash(_ text: UnsafeBufferPointer<UInt8>, scratch: Scratch, usesKernel: Bool) -> UInt64? {
        let n = text.count
        guard n > 0, let p = text.baseAddress else { return 0 }
        scratch.reserve(n + 192)
        let written = usesKernel ? csimd_normalize_text_avx512(p, n, scratch.bytes) : csimd_normalize_text(p, n, scratch.bytes)
        guard written >= 0 else { return nil }
        guard written > 0 else { return 0 }
        let hash = ContentHash.hash(scratch.view(written))
        return hash == 0 ? 1 : hash
    }

    /// Length of the well-formed UTF-8 sequence with a non-ASCII lead byte at `i`, or 0 when it is malformed.
    @inline(__always)
    private static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let lead = p[i]
        @inline(__always) func continuation(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            let second = p[i + 1]
            if lead == 0xE0 && second < 0xA0 { return 0 }
            if lead == 0xED && second > 0x9F { return 0 }
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            let second = p[i + 1]
            if lead == 0xF0 && second < 0x90 { return 0 }
            if lead == 0xF4 && second > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }

    /// Case folding of one two-byte UTF-8 sequence (Latin-1 À-Þ, Cyrillic Ѐ-Я), as in `appendFolded`.
    @inline(__always)
    private static func folded2(_ lead: UInt8, _ next: UInt8) -> (UInt8, UInt8) {
        if lead == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97 { return (0xC3, next + 0x20) }
        if lead == 0xD0 {
            if next >= 0x90 && next <= 0x9F { return (0xD0, next + 0x20) }
            if next >= 0xA0 && next <= 0xAF { return (0xD1, next - 0x20) }
            if next >= 0x80 && next <= 0x8F { return (0xD1, next + 0x10) }
        }
        return (lead, next)
    }
}
