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
    private struct Entry {
        var hash: UInt64
        var offset: Int
        var length: Int
    }

    private(set) var strings: [String] = []
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity = 256
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity = 4096
    private var arenaUsed = 0
    private var slots: UnsafeMutablePointer<Int32>
    private var mask = 1023

    init() {
        entries = .allocate(capacity: entryCapacity)
        arena = .allocate(capacity: arenaCapacity)
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: -1, count: mask + 1)
    }

    deinit {
        entries.deallocate()
        arena.deallocate()
        slots.deallocate()
    }

    var count: Int { strings.count }

    /// Forgets every key (codes start again at 0).
    func removeAll() {
        strings.removeAll()
        arenaUsed = 0
        slots.update(repeating: -1, count: mask + 1)
    }

    /// The code of `key`, or nil when it was never inserted.
    @inline(__always)
    func code(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let entries = self.entries, arena = self.arena, slots = self.slots
        @inline(__always) func matches(_ entry: Entry) -> Bool {
            let length = entry.length
            guard length == key.count else { return false }
            guard length > 0, let base = key.baseAddress else { return true }
            let stored = UnsafeRawPointer(arena + entry.offset), probe = UnsafeRawPointer(base)
            var i = 0
            while i + 8 <= length {
                if stored.loadUnaligned(fromByteOffset: i, as: UInt64.self) != probe.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i += 8
            }
            while i < length {
                if arena[entry.offset + i] != base[i] { return false }
                i += 1
            }
            return true
        }
        let h = ContentHash.hash(key)
        let mask = self.mask
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            let entry = entries[Int(index)]
            if entry.hash == h && matches(entry) { return index }
            slot = (slot + 1) & mask
        }
    }

    /// Inserts a key known to be absent, with its already validated `String`; returns its new code.
    func insert(_ key: UnsafeBufferPointer<UInt8>, as string: String) -> Int32 {
        let index = strings.count
        if arenaUsed + key.count > arenaCapacity {
            let larger = max(arenaCapacity * 2, arenaUsed + key.count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            grown.update(from: arena, count: arenaUsed)
            arena.deallocate()
            arena = grown
            arenaCapacity = larger
        }
        if index == entryCapacity {
            let grown = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity * 2)
            grown.moveInitialize(from: entries, count: index)
            entries.deallocate()
            entries = grown
            entryCapacity *= 2
        }
        if let base = key.baseAddress { (arena + arenaUsed).update(from: base, count: key.count) }
        let h = ContentHash.hash(key)
        (entries + index).initialize(to: Entry(hash: h, offset: arenaUsed, length: key.count))
        arenaUsed += key.count
        strings.append(string)
        if strings.count * 2 > mask + 1 { rehash() } else { place(Int32(index), hash: h) }
        return Int32(index)
    }

    private func place(_ index: Int32, hash h: UInt64) {
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = index
    }

    private func rehash() {
        let size = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        mask = size - 1
        for index in 0..<strings.count { place(Int32(index), hash: entries[index].hash) }
    }
}
