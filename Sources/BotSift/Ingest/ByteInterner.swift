#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The 64-bit hash botsift uses for hashtags and normalised texts (and for interning), fixed across runs and
/// platforms so hashes can be compared between archives. Not cryptographic.
public enum ContentHash {
    /// Hash of raw bytes.
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: count) &* 0xA076_1D64_78BD_642F)
        if count > 0, let start = bytes.baseAddress {
            var i = 0
            let raw = UnsafeRawPointer(start)
            while i + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            if i < count {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while i < count {
                    word |= UInt64(start[i]) << shift
                    shift += 8
                    i += 1
                }
                h = (h ^ word) &* 0xC4CE_B9FE_1A85_EC53
                h ^= h >> 29
            }
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// Hash of a string's UTF-8 bytes (e.g. to look up a known hashtag, lower-cased, without `#`).
    public static func hash(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { hash($0) }
    }
}

/// Maps byte strings to dense `Int32` codes without building a `String` per lookup: open addressing over
/// hashes, keys kept in one growing byte arena. The `String` of each key is built once, on insertion.
final class ByteInterner {
    private(set) var strings: [String] = []
    private var hashes: [UInt64] = []
    private var keyOffsets: [Int] = []
    private var keyLengths: [Int] = []
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity = 4096
    private var arenaUsed = 0
    private var slots: [Int32]
    private var mask: Int
    private var lastIndex: Int32 = -1

    init() {
        arena = .allocate(capacity: arenaCapacity)
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    deinit { arena.deallocate() }

    var count: Int { strings.count }

    /// The code of `key`, or nil when it was never inserted.
    @inline(__always)
    func code(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        // Consecutive rows often repeat the same key (posts grouped by account).
        if lastIndex >= 0 && matches(Int(lastIndex), key) { return lastIndex }
        let h = hashKey(key)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            if hashes[Int(index)] == h && matches(Int(index), key) {
                lastIndex = index
                return index
            }
            slot = (slot + 1) & mask
        }
    }

    /// Inserts a key known to be absent, with its already validated `String`; returns its new code.
    func insert(_ key: UnsafeBufferPointer<UInt8>, as string: String) -> Int32 {
        let index = Int32(strings.count)
        if arenaUsed + key.count > arenaCapacity {
            let larger = max(arenaCapacity * 2, arenaUsed + key.count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            grown.update(from: arena, count: arenaUsed)
            arena.deallocate()
            arena = grown
            arenaCapacity = larger
        }
        if let base = key.baseAddress { (arena + arenaUsed).update(from: base, count: key.count) }
        keyOffsets.append(arenaUsed)
        keyLengths.append(key.count)
        arenaUsed += key.count
        let h = hashKey(key)
        hashes.append(h)
        strings.append(string)
        if strings.count * 2 > slots.count { rehash() } else { place(index, hash: h) }
        lastIndex = index
        return index
    }

    private func place(_ index: Int32, hash h: UInt64) {
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = index
    }

    private func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for index in 0..<strings.count { place(Int32(index), hash: hashes[index]) }
    }

    @inline(__always) private func hashKey(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        ContentHash.hash(key)
    }

    @inline(__always) private func matches(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = keyLengths[index]
        guard length == key.count else { return false }
        guard length > 0, let base = key.baseAddress else { return true }
        return memcmp(arena + keyOffsets[index], base, length) == 0
    }
}
