/// Append-only byte streams, one per account, stored as chains of blocks carved from 1 MiB chunks.
///
/// Nothing is ever regrouped: an account's bytes stay where they were written, and `gather(stream:into:)`
/// walks its chain. Each block starts with a 4-byte link to the next one. Block sizes grow with the stream,
/// about `sqrt(16 * bytes so far)`, which balances the link bytes against the unused tail of the last block
/// (together about `4 * sqrt(bytes)`): for a 3 KB stream the overhead is about 7%, for 300 KB under 1%. Sizes follow from the stream's own length,
/// so the reader recomputes them instead of storing them.
struct AccountStreams: Sendable {
    private var arena = ByteArena()

    /// Appends `bytes` to the stream described by `stream`, starting new blocks as needed.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, to stream: inout StreamCursor) {
        if !isKnownUniquelyReferenced(&arena) { arena = arena.copy() }
        var source = bytes.baseAddress!
        var remaining = bytes.count
        while remaining > 0 {
            if stream.used == stream.payloadCapacity { startBlock(&stream) }
            let written = min(remaining, Int(stream.payloadCapacity - stream.used))
            let target = arena.pointer(toByte: Int(stream.currentBlock) &* 4 &+ 4 &+ Int(stream.used))
            // Posts are a dozen bytes: a plain loop beats a call to memmove.
            for offset in 0..<written { target.storeBytes(of: source[offset], toByteOffset: offset, as: UInt8.self) }
            source += written
            remaining -= written
            stream.used += UInt32(written)
            stream.length += UInt32(written)
        }
    }

    /// Bytes of arena in use (the untouched tail of the last chunk excluded).
    var retainedBytes: Int { arena.retainedBytes }

    /// Copies the stream described by `stream` into the start of `buffer` (growing it when too small) and
    /// returns its length. Only the largest stream's size is ever needed at once: this is per account, not a
    /// regrouping of all posts.
    func gather(_ stream: StreamCursor, into buffer: inout [UInt8]) -> Int {
        let length = Int(stream.length)
        if buffer.count < length { buffer = [UInt8](repeating: 0, count: max(length, 2 * buffer.count)) }
        buffer.withUnsafeMutableBytes { target in
            var block = Int(stream.firstBlock) * 4, allocated = 0, copied = 0
            while copied < length {
                if allocated > 0 { block = Int(arena.pointer(toByte: block).load(as: UInt32.self)) * 4 }
                let size = Self.blockSize(afterAllocating: allocated)
                let part = min(size - 4, length - copied)
                (target.baseAddress! + copied).copyMemory(from: arena.pointer(toByte: block + 4), byteCount: part)
                copied += part
                allocated += size
            }
        }
        return length
    }

    /// Total size in bytes of the block that follows `allocated` bytes of earlier blocks in one stream.
    @inline(__always)
    static func blockSize(afterAllocating allocated: Int) -> Int {
        let balanced = Int(Double(16 * allocated).squareRoot())
        return min(ByteArena.maximumBlockSize, max(ByteArena.minimumBlockSize, (balanced + 3) & ~3))
    }

    private mutating func startBlock(_ stream: inout StreamCursor) {
        let size = Self.blockSize(afterAllocating: Int(stream.allocated))
        let block = UInt32(arena.allocate(byteCount: size) / 4)
        if stream.allocated == 0 {
            stream.firstBlock = block
        } else {
            arena.pointer(toByte: Int(stream.currentBlock) * 4).storeBytes(of: block, as: UInt32.self)
        }
        stream.currentBlock = block
        stream.allocated += UInt32(size)
        stream.payloadCapacity = UInt32(size - 4)
        stream.used = 0
    }
}

/// Where one stream's chain starts and ends (24 bytes, kept by the owner next to its other per-account state).
/// Block addresses are in 4-byte units (blocks are 4-byte aligned), so 32 bits address 16 GiB of arena.
struct StreamCursor: Sendable {
    fileprivate var firstBlock: UInt32 = 0
    fileprivate var currentBlock: UInt32 = 0
    /// Payload bytes of the current block, and how many of them are written (both 0 before the first block).
    fileprivate var payloadCapacity: UInt32 = 0
    fileprivate var used: UInt32 = 0
    /// Bytes of all blocks, links included.
    fileprivate var allocated: UInt32 = 0
    /// Payload bytes written.
    fileprivate(set) var length: UInt32 = 0
}

/// Reads varints and fixed-width values from contiguous bytes (one account's stream, gathered).
struct ByteReader {
    private let bytes: UnsafePointer<UInt8>
    private let count: Int
    private var offset = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no base address; it is never dereferenced.
        bytes = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<UInt64>.alignment)!
        count = buffer.count
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { offset >= count }

    /// An unsigned LEB128 varint.
    @inline(__always)
    mutating func varint() -> UInt64 {
        precondition(offset < count, "read past the end of an account stream")
        let first = bytes[offset]
        offset &+= 1
        // Most values (hashtag codes, small deltas, header bytes) fit in one byte.
        if first < 0x80 { return UInt64(first) }
        var value = UInt64(first & 0x7F), shift: UInt64 = 7
        while true {
            precondition(offset < count, "read past the end of an account stream")
            let next = bytes[offset]
            offset &+= 1
            // Masking shift: a varint has at most ten bytes, so the shift stays below 64 and no check is needed.
            value |= UInt64(next & 0x7F) &<< shift
            if next < 0x80 { return value }
            shift &+= 7
        }
    }

    /// A little-endian 64-bit value.
    @inline(__always)
    mutating func fixed64() -> UInt64 {
        precondition(offset + 8 <= count, "read past the end of an account stream")
        let value = UnsafeRawPointer(bytes + offset).loadUnaligned(as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: value)
    }
}

/// Raw memory for `AccountStreams`: 1 MiB chunks handed out as blocks by bumping a fill mark. Memory is never
/// touched before it is written, so the unused tail of the last chunk costs address space, not RAM.
/// Copy-on-write is done by `AccountStreams` (it copies the arena when the reference is shared), which is why
/// the unchecked `Sendable` is sound: the arena is only mutated while uniquely referenced.
final class ByteArena: @unchecked Sendable {
    static let chunkSize = 1 << 20
    static let minimumBlockSize = 32
    static let maximumBlockSize = 16 << 10
    /// Streams address blocks with 32 bits in 4-byte units (16 GiB), so an arena never needs more chunks.
    static let maximumChunkCount = 1 << 14
    /// The address of each chunk, in a table sized for `maximumChunkCount` up front (128 KiB of address space,
    /// touched only as chunks are added). A `let`: reading a stored `var` array here paid a dynamic exclusivity
    /// check for every appended post.
    private let chunks: UnsafeMutablePointer<UnsafeMutableRawPointer>
    private var chunkCount = 0
    /// Bytes handed out from the last chunk.
    private var fill = ByteArena.chunkSize

    init() {
        chunks = .allocate(capacity: Self.maximumChunkCount)
    }

    deinit {
        for index in 0..<chunkCount { chunks[index].deallocate() }
        chunks.deallocate()
    }

    /// Reserves `byteCount` (at most `maximumBlockSize`, a multiple of 4) contiguous bytes; returns their address.
    func allocate(byteCount: Int) -> Int {
        if fill + byteCount > Self.chunkSize {
            precondition(chunkCount < Self.maximumChunkCount, "account streams exceed 16 GiB")
            (chunks + chunkCount).initialize(to: UnsafeMutableRawPointer.allocate(byteCount: Self.chunkSize, alignment: 16))
            chunkCount += 1
            fill = 0
        }
        let address = (chunkCount - 1) * Self.chunkSize + fill
        fill += byteCount
        return address
    }

    /// The memory at an address returned by `allocate` (plus an offset inside that block).
    @inline(__always)
    func pointer(toByte address: Int) -> UnsafeMutableRawPointer {
        chunks[address >> 20] + (address & (Self.chunkSize - 1))
    }

    /// Chunks in use: full ones whole, the last one up to its fill mark.
    var retainedBytes: Int {
        chunkCount == 0 ? 0 : (chunkCount - 1) * Self.chunkSize + fill
    }

    /// An independent copy with the same contents and addresses.
    func copy() -> ByteArena {
        let copy = ByteArena()
        for index in 0..<chunkCount {
            let duplicate = UnsafeMutableRawPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
            duplicate.copyMemory(from: chunks[index], byteCount: index == chunkCount - 1 ? fill : Self.chunkSize)
            (copy.chunks + index).initialize(to: duplicate)
        }
        copy.chunkCount = chunkCount
        copy.fill = fill
        return copy
    }
}
