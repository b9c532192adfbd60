import CSIMDScan

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
                // The last 1-7 bytes as the low bytes of a word: from the word that ends with the key when the key
                // is that long (one load instead of a byte loop; same value), else byte by byte.
                var word: UInt64 = 0
                let tail = count - i
                if count >= 8 {
                    word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) >> UInt64(64 - 8 * tail)
                } else {
                    var shift: UInt64 = 0
                    while i < count {
                        word |= UInt64(start[i]) << shift
                        shift += 8
                        i += 1
                    }
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
/// hashes, keys kept in one growing byte arena. Each slot carries the key's hash, place and code, so a lookup
/// touches one slot and the key bytes. Strings are built only when asked for (`string(_:)`, `allStrings`), so
/// memory per distinct key is its bytes plus about 64 bytes of table.
final class ByteInterner {
    private struct Slot {
        var hash: UInt64
        var offset: Int
        var length: Int32
        /// Code of the key, or -1 for an empty slot.
        var code: Int32
    }

    /// Arena offset and length of each code's key.
    private var keys: [(offset: Int, length: Int32)] = []
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity = 4096
    private var arenaUsed = 0
    private var slots: UnsafeMutablePointer<Slot>
    private var mask = 1023

    init() {
        arena = .allocate(capacity: arenaCapacity)
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: Self.emptySlot, count: mask + 1)
    }

    deinit {
        arena.deallocate()
        slots.deallocate()
    }

    private static let emptySlot = Slot(hash: 0, offset: 0, length: 0, code: -1)

    var count: Int { keys.count }

    /// The key of `code` as a string (keys are validated UTF-8 before insertion).
    func string(_ code: Int32) -> String {
        let key = keys[Int(code)]
        return String(decoding: UnsafeBufferPointer(start: arena + key.offset, count: Int(key.length)), as: UTF8.self)
    }

    /// Every key, indexed by code.
    var allStrings: [String] { (0..<Int32(keys.count)).map(string) }

    /// Forgets every key (codes start again at 0).
    func removeAll() {
        keys.removeAll()
        arenaUsed = 0
        slots.update(repeating: Self.emptySlot, count: mask + 1)
    }

    /// The code of `key`, or nil when it was never inserted.
    @inline(__always)
    func code(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        code(of: key, hash: ContentHash.hash(key))
    }

    /// `code(of:)` for a key whose `ContentHash.hash` is already known (computed for a look-ahead).
    @inline(__always)
    func code(of key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        let arena = self.arena, slots = self.slots, mask = self.mask
        var index = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[index]
            if slot.code < 0 { return nil }
            if slot.hash == h && Self.equal(arena + slot.offset, Int(slot.length), key) { return slot.code }
            index = (index + 1) & mask
        }
    }

    /// First stage of a look-ahead for a key with hash `hash` (`ContentHash.hash`): starts loading the table slot a
    /// lookup reads first, without waiting for it.
    @inline(__always)
    func prefetchSlot(hash: UInt64) {
        csimd_prefetch(slots + (Int(truncatingIfNeeded: hash) & mask))
    }

    /// Second stage, some hundred nanoseconds after the first: reads that slot (in cache by now) and starts loading
    /// the bytes of the key it holds, so that the lookup itself waits on neither.
    @inline(__always)
    func prefetchKey(hash: UInt64) {
        let slot = slots[Int(truncatingIfNeeded: hash) & mask]
        if slot.code >= 0 { csimd_prefetch(arena + slot.offset) }
    }

    /// Whether the `length` bytes at `stored` are `key`, compared eight bytes at a time inline (keys are short: ids,
    /// client names; a call to memcmp per lookup costs more). Also used by the reader's same-as-previous-row check.
    @inline(__always)
    static func equal(_ stored: UnsafeMutablePointer<UInt8>, _ length: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard length == key.count else { return false }
        guard length > 0, let base = key.baseAddress else { return true }
        let a = UnsafeRawPointer(stored), b = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= length {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < length {
            if stored[i] != base[i] { return false }
            i += 1
        }
        return true
    }

    /// Inserts a key known to be absent and already checked to be valid UTF-8; returns its new code.
    func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let code = Int32(keys.count)
        if arenaUsed + key.count > arenaCapacity {
            let larger = max(arenaCapacity * 2, arenaUsed + key.count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            grown.update(from: arena, count: arenaUsed)
            arena.deallocate()
            arena = grown
            arenaCapacity = larger
        }
        if let base = key.baseAddress { (arena + arenaUsed).update(from: base, count: key.count) }
        let slot = Slot(hash: ContentHash.hash(key), offset: arenaUsed, length: Int32(key.count), code: code)
        keys.append((arenaUsed, Int32(key.count)))
        arenaUsed += key.count
        if keys.count * 2 > mask + 1 { grow() }
        place(slot)
        return code
    }

    private func place(_ slot: Slot) {
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index].code >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private func grow() {
        let old = slots, oldSize = mask + 1
        let size = oldSize * 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Self.emptySlot, count: size)
        mask = size - 1
        for i in 0..<oldSize where old[i].code >= 0 { place(old[i]) }
        old.deallocate()
    }
}
