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
            while start <= n {
                var end = start
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

    @inline(__always) private static func isListPadding(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")
    }

    /// Hash of a tweet text after normalisation: case-folded, tokens starting with `@` or `http://`/`https://`
    /// dropped, runs of white space collapsed to one space. 0 when nothing is left; nil when not valid UTF-8.
    /// One pass: validation, tokenising and folding happen together, eight bytes at a time wherever
    /// `plainWord` accepts them (whole runs of words, separators included), per token elsewhere. The normalised
    /// bytes are then hashed: `ContentHash` seeds its state with the length, so hashing cannot be fused into
    /// the pass without changing the values.
    static func normalizedTextHash(_ text: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> UInt64? {
        let n = text.count
        guard n > 0, let p = text.baseAddress else { return 0 }
        scratch.reserve(n + 8)
        let out = scratch.bytes
        // Output never runs ahead of input (each separator stands for at least one white-space byte), so the
        // eight-byte stores at out + w, w <= i < n, stay inside the n + 8 bytes reserved.
        var w = 0
        var i = 0
        tokens: while true {
            while i < n && isWhiteSpace(p[i]) { i += 1 }
            if i >= n { break }
            if p[i] == UInt8(ascii: "@") || isLink(UnsafeBufferPointer(start: p + i, count: n - i)) {
                guard let end = endOfToken(p, i + 1, n) else { return nil }
                i = end
                continue
            }
            if w > 0 {
                out[w] = 0x20
                w += 1
            }
            // Inside a kept token. `separatorPending`: the last byte written is a single space that ended an
            // eight-byte word; it stands only if the token after it is kept, so it is taken back otherwise.
            // `owed`: 0x80 in each byte from i on that must be a continuation byte of a character begun before i.
            var separatorPending = false
            var owed: UInt64 = 0
            while i < n {
                let count = min(n &- i, 8)
                let word = count == 8 ? load(p + i) : loadTail(p, i, n)
                switch plainWord(word, owed: owed, afterSeparator: separatorPending, at: p + i, n - i) {
                case .plain(let folded, let owedAfter):
                    UnsafeMutableRawPointer(out + w).storeBytes(of: folded, as: UInt64.self)
                    w &+= count
                    i &+= count
                    owed = owedAfter
                    separatorPending = (word &>> ((count &- 1) &* 8)) & 0xFF == 0x20
                    continue
                case .invalid:
                    return nil
                case .detour:
                    break
                }
                // A word ending in a space owes nothing, so after taking its space back i is at a token start.
                if separatorPending {
                    w -= 1
                    continue tokens
                }
                let byte = p[i]
                if owed != 0 {
                    guard byte & 0xC0 == 0x80 else { return nil }
                    out[w] = byte
                    w += 1
                    i += 1
                    owed >>= 8
                    continue
                }
                if byte < 0x80 {
                    if isWhiteSpace(byte) { continue tokens }
                    // The leading run of printable ASCII bytes, folded as one word (carries from later bytes
                    // only reach higher bytes, so that run is folded exactly).
                    if count == 8 {
                        let stops = (word & highBits) | ((word &- ones &* 0x21) & ~word & highBits)
                        let atLeastA = (word &+ ones &* (0x80 - 0x41)) & highBits
                        let pastZ = (word &+ ones &* (0x80 - 0x5B)) & highBits
                        let lowered = word | ((atLeastA & ~pastZ & ~(word & highBits)) >> 2)
                        UnsafeMutableRawPointer(out + w).storeBytes(of: lowered, as: UInt64.self)
                        let run = stops == 0 ? 8 : stops.trailingZeroBitCount >> 3
                        if run > 0 {
                            w += run
                            i += run
                            continue
                        }
                    }
                    out[w] = asciiLowercased(byte)
                    w += 1
                    i += 1
                    continue
                }
                let length = sequenceLength(p, i, n)
                if length == 0 { return nil }
                if length == 2 {
                    let folded = folded2(byte, p[i + 1])
                    out[w] = folded.0
                    out[w + 1] = folded.1
                } else {
                    for k in 0..<length { out[w + k] = p[i + k] }
                }
                w += length
                i += length
            }
            if owed != 0 { return nil }
            if separatorPending { w -= 1 }
        }
        guard w > 0 else { return 0 }
        let hash = ContentHash.hash(scratch.view(w))
        return hash == 0 ? 1 : hash
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    @inline(__always) private static func load(_ address: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(address).loadUnaligned(as: UInt64.self)
    }

    /// The last `n - i` (1 to 7) bytes as the low bytes of a word, padded with `x`, a byte `plainWord`
    /// accepts and that changes nothing (only the real bytes of its result are kept).
    @inline(__always) private static func loadTail(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt64 {
        let count = n - i
        var word: UInt64 = 0
        if n >= 8 {
            word = load(p + n - 8) &>> (64 - 8 * count)
        } else {
            for k in 0..<count { word |= UInt64(p[i + k]) &<< (8 * k) }
        }
        return word | (ones &* UInt64(UInt8(ascii: "x"))) &<< (8 * count)
    }

    /// 0x80 in each byte of `word` equal to `byte`, and possibly in bytes above such a byte; 0 in the others.
    /// For tests where a false alarm only costs a detour through the per-token path.
    @inline(__always) private static func bytesMaybeEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits
    }

    /// What `plainWord` makes of eight bytes.
    private enum WordOutcome {
        /// The bytes normalised, and the continuation bytes the last character still owes (as `owed`).
        case plain(UInt64, owed: UInt64)
        /// Not plain: the per-token path takes over.
        case detour
        /// Not valid UTF-8.
        case invalid
    }

    /// Eight bytes of text inside a kept token (`rest`, `restCount`: the text from the word on), with ASCII
    /// capitals folded, when normalising them means only that: every byte is a space or at least 0x20, each
    /// space (and the first byte when `afterSeparator`) is followed by the start of a kept token (not white
    /// space, not `@`, not a link), so no white space collapses and no token is dropped; the non-ASCII bytes
    /// are well-formed UTF-8 with leads C2-DF or E1-EF but not ED (the ones needing no look at their second
    /// byte), counting the continuation bytes `owed` from before; and no Latin-1 (C3 80-9F) or Cyrillic
    /// (D0 80-AF) capital needs folding. Continuation bytes out of place make the text invalid.
    @inline(__always)
    private static func plainWord(
        _ word: UInt64, owed: UInt64, afterSeparator: Bool, at rest: UnsafePointer<UInt8>, _ restCount: Int
    ) -> WordOutcome {
        let high = word & highBits
        let low7 = word ^ high
        guard (word | (low7 &+ ones &* 0x60)) & highBits == highBits else { return .detour }
        // Spaces (the only white space left) and the token starts after them; a false alarm in either
        // only causes a detour.
        let spaces = bytesMaybeEqual(word, 0x20)
        let tokenStarts = (spaces << 8) | (afterSeparator ? 0x80 : 0)
        guard tokenStarts & (spaces | bytesMaybeEqual(word, UInt8(ascii: "@"))) == 0 else { return .detour }
        // Tokens starting with h or H are dropped only when they are links.
        var linkCandidates = tokenStarts & bytesMaybeEqual(word | ones &* 0x20, UInt8(ascii: "h"))
        while linkCandidates != 0 {
            let k = linkCandidates.trailingZeroBitCount >> 3
            if isLink(UnsafeBufferPointer(start: rest + k, count: restCount - k)) { return .detour }
            linkCandidates &= linkCandidates &- 1
        }
        var owedAfter: UInt64 = 0
        if high | owed != 0 {
            // Continuation bytes (10xxxxxx) exactly where leads (11xxxxxx) owe them: one after each lead, a
            // second after E0-FF, a third after F0-FF.
            let bit6 = (word << 1) & highBits, bit5 = (word << 2) & highBits, bit4 = (word << 3) & highBits
            let leads = high & bit6
            let leads3 = leads & bit5
            let leads4 = leads3 & bit4
            guard (leads << 8) | (leads3 << 16) | (leads4 << 24) | owed == high & ~bit6 else { return .invalid }
            // Leads whose validity depends on more: C0, C1 (no value bits 1-4), E0, ED, F0-FF.
            let hasValueBits = ((word & (ones &* 0x1E)) &+ ones &* 0x7F) & highBits
            let special = (leads & ~leads3 & ~hasValueBits) | leads4
                | (leads3 & (bytesMaybeEqual(word, 0xE0) | bytesMaybeEqual(word, 0xED)))
            // The byte after each byte (continuation bytes 80-BF after a C3 or D0 lead): below A0 / B0 means
            // a capital.
            let next: UInt64 = restCount > 8 ? UInt64(rest[8]) : 0
            let followingLow7 = ((word >> 8) | (next << 56)) & ~highBits
            let capitals = (bytesMaybeEqual(word, 0xC3) & ~(followingLow7 &+ ones &* 0x60))
                | (bytesMaybeEqual(word, 0xD0) & ~(followingLow7 &+ ones &* 0x50))
            guard (special | capitals) & highBits == 0 else { return .detour }
            owedAfter = (leads >> 56) | (leads3 >> 48) | (leads4 >> 40)
        }
        let upper = (low7 &+ ones &* (0x80 - 0x41)) & ~(low7 &+ ones &* (0x80 - 0x5B)) & ~high
        return .plain(word | ((upper & highBits) >> 2), owed: owedAfter)
    }

    /// Index of the first white-space byte from `start` on, or `n`: the end of a dropped token; nil when the
    /// token is not valid UTF-8.
    @inline(__always)
    private static func endOfToken(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int? {
        var i = start
        while i + 8 <= n {
            // Non-ASCII bytes and bytes below 0x21 (exact for the lowest one flagged).
            let word = load(p + i)
            let stops = (word & highBits) | ((word &- ones &* 0x21) & ~word & highBits)
            if stops == 0 {
                i += 8
                continue
            }
            i += stops.trailingZeroBitCount >> 3
            let byte = p[i]
            if byte >= 0x80 {
                let length = sequenceLength(p, i, n)
                if length == 0 { return nil }
                i += length
            } else {
                if isWhiteSpace(byte) { return i }
                i += 1
            }
        }
        while i < n {
            let byte = p[i]
            if byte < 0x80 {
                if isWhiteSpace(byte) { return i }
                i += 1
            } else {
                let length = sequenceLength(p, i, n)
                if length == 0 { return nil }
                i += length
            }
        }
        return n
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

    @inline(__always) private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte &- 0x09 < 5
    }

    private static func isLink(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.count >= 7, asciiLowercased(token[0]) == UInt8(ascii: "h"), asciiLowercased(token[1]) == UInt8(ascii: "t"),
              asciiLowercased(token[2]) == UInt8(ascii: "t"), asciiLowercased(token[3]) == UInt8(ascii: "p") else { return false }
        var i = 4
        if asciiLowercased(token[i]) == UInt8(ascii: "s") { i += 1 }
        return i + 3 <= token.count && token[i] == UInt8(ascii: ":") && token[i + 1] == UInt8(ascii: "/")
            && token[i + 2] == UInt8(ascii: "/")
    }
}
