import BotSift

/// THE ORACLE for `FieldParsing.normalizedTextHash`: a frozen, verbatim copy of the implementation it replaced
/// (commit d06238a, per-token with eight-byte ASCII runs), kept only so the faster one can be checked against
/// it byte for byte (differential tests) and timed against it in the same run (`botsift-bench texthash`).
/// Do not optimise or "fix" it: its output is the specification. The same file lives in Tests/BotSiftTests/Ingest
/// and Sources/botsift-bench; keep the two copies identical.
enum ReferenceTextNormalisation {
    /// A reusable byte buffer for the normalised copy (the replaced code's `FieldParsing.Scratch`).
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

    @inline(__always) static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte | (byte &- 65 < 26 ? 0x20 : 0)
    }

    /// Hash of a tweet text after normalisation: case-folded, tokens starting with `@` or `http://`/`https://`
    /// dropped, runs of white space collapsed to one space. 0 when nothing is left; nil when not valid UTF-8.
    /// One pass: validation, tokenising and folding happen together.
    static func normalizedTextHash(_ text: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> UInt64? {
        let n = text.count
        guard n > 0, let p = text.baseAddress else { return 0 }
        scratch.reserve(n + 8)
        let out = scratch.bytes
        var w = 0
        var i = 0
        while true {
            while i < n && isWhiteSpace(p[i]) { i += 1 }
            if i >= n { break }
            let first = p[i]
            if first == UInt8(ascii: "@") || isLink(UnsafeBufferPointer(start: p + i, count: n - i)) {
                while i < n {
                    let byte = p[i]
                    if byte < 0x80 {
                        if isWhiteSpace(byte) { break }
                        i += 1
                    } else {
                        let length = sequenceLength(p, i, n)
                        if length == 0 { return nil }
                        i += length
                    }
                }
                continue
            }
            if w > 0 {
                out[w] = 0x20
                w += 1
            }
            while i < n {
                let byte = p[i]
                if byte < 0x80 {
                    if isWhiteSpace(byte) { break }
                    // Fold and copy eight bytes as one word, then keep the leading run of printable ASCII
                    // bytes (carries from later bytes only reach higher bytes, so that run is folded exactly).
                    if i + 8 <= n {
                        let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                        let ones: UInt64 = 0x0101_0101_0101_0101
                        let highBits: UInt64 = 0x8080_8080_8080_8080
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
                // Runs of three-byte characters (CJK, most of the BMP) need no folding: check the two
                // continuation bytes with one 16-bit test and copy four bytes at a time.
                if byte &- 0xE1 < 0x0F && byte != 0xED && i + 4 <= n {
                    let tail = UnsafeRawPointer(p + i + 1).loadUnaligned(as: UInt16.self)
                    if tail & 0xC0C0 == 0x8080 {
                        let chunk = UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)
                        UnsafeMutableRawPointer(out + w).storeBytes(of: chunk, as: UInt32.self)
                        w += 3
                        i += 3
                        continue
                    }
                }
                // Four-byte characters (emoji): one 32-bit test for the three continuation bytes.
                if byte &- 0xF0 < 5 && i + 4 <= n {
                    let chunk = UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)
                    let second = p[i + 1]
                    if chunk & 0xC0C0_C000 == 0x8080_8000 && !(byte == 0xF0 && second < 0x90) && !(byte == 0xF4 && second > 0x8F) {
                        UnsafeMutableRawPointer(out + w).storeBytes(of: chunk, as: UInt32.self)
                        w += 4
                        i += 4
                        continue
                    }
                }
                let length = sequenceLength(p, i, n)
                if length == 0 { return nil }
                if length == 2 {
                    let folded = folded2(byte, p[i + 1])
                    out[w] = folded.0
                    out[w + 1] = folded.1
                } else {
                    out[w] = byte
                    out[w + 1] = p[i + 1]
                    out[w + 2] = p[i + 2]
                    if length == 4 { out[w + 3] = p[i + 3] }
                }
                w += length
                i += length
            }
        }
        guard w > 0 else { return 0 }
        let hash = ContentHash.hash(scratch.view(w))
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
