/// The bytes `FeatureExtractor` keeps of one post, appended to its account's stream (`AccountStreams`).
/// Everything else about a post is counted online per account, so only what needs the posts themselves stays:
///
///     header     varint: |time - previous time of the account| << 3 | retweeted flag << 2 | hashtag slot
///     extension  varint, only when hashtag slot == 3: hashtags << 2 | time went back << 1 | text is empty
///     text hash  8 bytes little-endian, unless the text is empty
///     retweeted  varint interned retweeted account, when the flag is set (a retweet naming its account)
///     hashtags   varint interned hashtag code, once per non-zero hashtag hash
///
/// The common post (0-2 hashtags, a text, time not earlier than the account's previous post) needs no
/// extension, which leaves the most header bits for the time delta: archive accounts post in time order.
/// Unusual posts cost a byte more, never a wrong value. A typical post takes 11-15 bytes.
enum PostLog {
    private static let retweetedFlag: UInt64 = 4
    private static let extendedSlot: UInt64 = 3
    private static let timeWentBack: UInt64 = 2
    private static let emptyText: UInt64 = 1

    /// An upper bound of the encoded size of a post with `hashtagCount` hashtags.
    static func maximumLength(hashtagCount: Int) -> Int { 10 + 10 + 8 + 5 + 5 * hashtagCount }

    /// Encodes one post up to its hashtag codes into `buffer` (at least `maximumLength` bytes) and returns the
    /// writer, to which the caller appends `hashtagCount` codes (interned non-zero hashtag hashes) with `varint`.
    static func encode(time: Int32, previousTime: Int32, textHash: UInt64, retweetedAccount: Int32,
                       hashtagCount: Int, into buffer: UnsafeMutablePointer<UInt8>) -> ByteWriter {
        var writer = ByteWriter(base: buffer)
        let delta = Int64(time) - Int64(previousTime)
        let retweeted = retweetedAccount >= 0 ? retweetedFlag : 0
        let extended = hashtagCount >= 3 || delta < 0 || textHash == 0
        let slot = extended ? extendedSlot : UInt64(hashtagCount)
        writer.varint(delta.magnitude << 3 | retweeted | slot)
        if extended {
            writer.varint(UInt64(hashtagCount) << 2 | (delta < 0 ? timeWentBack : 0) | (textHash == 0 ? emptyText : 0))
        }
        if textHash != 0 { writer.fixed64(textHash) }
        if retweetedAccount >= 0 { writer.varint(UInt64(retweetedAccount)) }
        return writer
    }

    /// Reads one post's fields up to (not including) its hashtag codes; the caller then reads
    /// `hashtagCount` varints.
    @inline(__always)
    static func readPost(from reader: inout ByteReader, previousTime: Int32) -> PostEntry {
        let header = reader.varint()
        var magnitude = Int64(bitPattern: header >> 3)
        var hashtagCount = Int(header & extendedSlot)
        var hasText = true
        if header & extendedSlot == extendedSlot {
            let extended = reader.varint()
            hashtagCount = Int(extended >> 2)
            if extended & timeWentBack != 0 { magnitude = -magnitude }
            hasText = extended & emptyText == 0
        }
        var textHash: UInt64 = 0
        if hasText { textHash = reader.fixed64() }
        let retweetedAccount = header & retweetedFlag != 0 ? Int32(reader.varint()) : -1
        return PostEntry(time: Int32(Int64(previousTime) + magnitude), textHash: textHash,
                         retweetedAccount: retweetedAccount, hashtagCount: hashtagCount)
    }
}

/// One decoded post entry (its hashtag codes follow in the stream).
struct PostEntry {
    /// Compact seconds (see `CompactTime`).
    var time: Int32
    /// 0 when the text was empty.
    var textHash: UInt64
    /// -1 unless the post is a retweet naming its account.
    var retweetedAccount: Int32
    var hashtagCount: Int
}

/// Writes varints and fixed-width values into a buffer the caller sized with `PostLog.maximumLength`.
struct ByteWriter {
    let base: UnsafeMutablePointer<UInt8>
    /// Bytes written.
    private(set) var count = 0

    init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// Appends an unsigned LEB128 varint.
    @inline(__always)
    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            base[count] = UInt8(truncatingIfNeeded: value) | 0x80
            value >>= 7
            count += 1
        }
        base[count] = UInt8(value)
        count += 1
    }

    /// Appends a little-endian 64-bit value.
    @inline(__always)
    mutating func fixed64(_ value: UInt64) {
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.littleEndian, as: UInt64.self)
        count += 8
    }
}

/// Dense codes for hashtag hashes (first seen, first numbered), so a hashtag use costs 1-3 bytes in the log
/// instead of 8. Open addressing with linear probing; 0 marks an empty slot, so only non-zero hashes are interned.
struct HashtagInterner: Sendable {
    private var keys = [UInt64](repeating: 0, count: 1_024)
    private var codes = [UInt32](repeating: 0, count: 1_024)
    /// Number of distinct hashes interned.
    private(set) var count = 0

    /// The code of a non-zero `hash`, interning it when new.
    @inline(__always)
    mutating func code(of hash: UInt64) -> UInt32 {
        if 4 * (count + 1) > 3 * keys.count { grow() }
        let mask = keys.count - 1
        let shift = UInt64(64 - keys.count.trailingZeroBitCount)
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let key = keys[slot]
            if key == hash { return codes[slot] }
            if key == 0 {
                keys[slot] = hash
                codes[slot] = UInt32(count)
                count += 1
                return codes[slot]
            }
            slot = (slot + 1) & mask
        }
    }

    /// Bytes held by the table.
    var retainedBytes: Int {
        keys.capacity * MemoryLayout<UInt64>.stride + codes.capacity * MemoryLayout<UInt32>.stride
    }

    private mutating func grow() {
        let oldKeys = keys, oldCodes = codes
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        codes = [UInt32](repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        let shift = UInt64(64 - keys.count.trailingZeroBitCount)
        for (key, code) in zip(oldKeys, oldCodes) where key != 0 {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            codes[slot] = code
        }
    }
}
