/// An append-only sequence kept as fixed-size chunks. A plain array copies every element on each doubling and
/// touches about twice the final memory; here growth never copies, so each page is faulted in once.
struct ChunkedStore<Element> {
    /// Elements per chunk (65,536: 2 MiB of 32-byte post facts).
    static var chunkCapacity: Int { 1 << 16 }

    private var fullChunks: [[Element]] = []
    private var currentChunk: [Element] = []
    /// Number of elements appended.
    private(set) var count = 0

    @inline(__always)
    mutating func append(_ element: Element) {
        // The allocator may round capacity up; chunks still hold exactly `chunkCapacity` elements.
        if currentChunk.count == currentChunk.capacity || currentChunk.count == Self.chunkCapacity { startChunk() }
        currentChunk.append(element)
        count += 1
    }

    /// Calls `body` with each chunk's elements, in append order.
    func forEachChunk(_ body: (UnsafeBufferPointer<Element>) -> Void) {
        for chunk in fullChunks { chunk.withUnsafeBufferPointer(body) }
        currentChunk.withUnsafeBufferPointer(body)
    }

    private mutating func startChunk() {
        if !currentChunk.isEmpty { fullChunks.append(currentChunk) }
        currentChunk = []
        currentChunk.reserveCapacity(Self.chunkCapacity)
    }
}

extension ChunkedStore: Sendable where Element: Sendable {}
