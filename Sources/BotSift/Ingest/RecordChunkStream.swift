#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Delivers one file's `RecordChunk`s in file order, either filled on the calling thread or by a scanning
/// thread that reads and splits up to two chunks ahead of the caller (so memory stays at three chunks). The
/// scanning thread also prepares a share of each chunk's posts, raised when it waits for the caller and lowered
/// when the caller waits for it, so both cores stay busy. The share changes only who computes a
/// `PreparedPost`, never its value: what a read produces does not depend on threading.
final class RecordChunkStream {
    let producer: RecordChunkProducer
    private let handOff: ChunkHandOff?
    private var thread: pthread_t?
    /// Synchronous mode: the one chunk, refilled in place, and a read error due after its records.
    private var chunk: RecordChunk?
    private var pendingError: Error?
    private let chunkSize: Int

    /// Starts the scanning thread when `threaded` (falling back to the calling thread if it cannot be created).
    init(producer: RecordChunkProducer, threaded: Bool, chunkSize: Int = 4 << 20) {
        self.producer = producer
        self.chunkSize = chunkSize
        guard threaded else {
            handOff = nil
            return
        }
        let handOff = ChunkHandOff(chunkSize: chunkSize, limit: 3)
        let work = ScanningWork(producer: producer, handOff: handOff)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(work).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<ScanningWork>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if status == 0 {
            self.handOff = handOff
            self.thread = thread
        } else {
            Unmanaged<ScanningWork>.fromOpaque(context).release()
            self.handOff = nil
        }
    }

    deinit { stop() }

    /// True when chunks are filled on a scanning thread.
    var isThreaded: Bool { handOff != nil }

    /// The next chunk (hand it back with `recycle` before asking again), nil after the last one. Throws a read
    /// error once the records read before it have been delivered.
    func next() throws -> RecordChunk? {
        if let handOff { return try handOff.next() }
        if let pendingError {
            self.pendingError = nil
            throw pendingError
        }
        if producer.finished { return nil }
        let chunk = self.chunk ?? RecordChunk(capacity: chunkSize)
        self.chunk = chunk
        // One thread: the reader prepares each post as it reaches it, while its bytes are in cache.
        pendingError = producer.fill(chunk, preparedSixteenths: 0)
        return chunk
    }

    /// Gives a chunk back for refilling.
    func recycle(_ chunk: RecordChunk) {
        handOff?.recycle(chunk)
    }

    /// Stops and joins the scanning thread (it finishes at most the chunk it is filling); safe to call twice.
    func stop() {
        guard let thread else { return }
        handOff?.stop()
        pthread_join(thread, nil)
        self.thread = nil
    }

    /// True once the scanning thread has left its loop (always true without one); for tests of shutdown.
    var scanningFinished: Bool { handOff?.producerExited ?? true }
}

/// The scanning thread's loop: fill free chunks and publish them until the input ends, fails, or the reader stops.
private final class ScanningWork: @unchecked Sendable {
    // The producer is used only by the scanning thread until it exits; the hand-off's mutex orders every
    // access from the reader thread (layout after the first chunk, byte counts after the join) after it.
    private let producer: RecordChunkProducer
    private let handOff: ChunkHandOff

    init(producer: RecordChunkProducer, handOff: ChunkHandOff) {
        self.producer = producer
        self.handOff = handOff
    }

    func run() {
        while let (chunk, share) = handOff.takeFree() {
            let failure = producer.fill(chunk, preparedSixteenths: share)
            let last = failure != nil || producer.finished
            handOff.publish(chunk, failure: failure, last: last)
            if last { break }
        }
        handOff.markExited()
    }
}

/// The bounded queue between the scanning thread and the reader: filled chunks in order, free chunks to refill,
/// a read failure, and a stop flag, all guarded by one mutex and condition variable.
private final class ChunkHandOff: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let chunkSize: Int
    private let limit: Int
    private var created = 0
    private var ready: [RecordChunk] = []
    private var free: [RecordChunk] = []
    private var lastPublished = false
    private var failure: Error?
    private var stopping = false
    private var exited = false
    /// Sixteenths of each chunk's posts the scanning thread prepares (see `RecordChunkStream`).
    private var share = 8

    init(chunkSize: Int, limit: Int) {
        self.chunkSize = chunkSize
        self.limit = limit
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    @inline(__always) private func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Scanning thread: a chunk to fill (a new one while fewer than `limit` exist) and the share of its posts to
    /// prepare, or nil when stopping. Having to wait means the reader is the slower side: the share grows.
    func takeFree() -> (RecordChunk, Int)? {
        locked {
            while true {
                if stopping { return nil }
                if let chunk = free.popLast() { return (chunk, share) }
                if created < limit {
                    created += 1
                    return (RecordChunk(capacity: chunkSize), share)
                }
                share = min(share + 1, 16)
                pthread_cond_wait(condition, mutex)
            }
        }
    }

    /// Scanning thread: hands a filled chunk to the reader, with the read failure that follows it, if any.
    func publish(_ chunk: RecordChunk, failure: Error?, last: Bool) {
        locked {
            ready.append(chunk)
            self.failure = failure
            lastPublished = last
            pthread_cond_broadcast(condition)
        }
    }

    func markExited() {
        locked {
            exited = true
            pthread_cond_broadcast(condition)
        }
    }

    var producerExited: Bool { locked { exited } }

    /// Reader: the next filled chunk in file order; nil after the last; the read failure after its chunk.
    /// Having to wait means the scanning thread is the slower side: its share shrinks.
    func next() throws -> RecordChunk? {
        try locked {
            if ready.isEmpty && !lastPublished { share = max(share - 1, 0) }
            while ready.isEmpty && !lastPublished { pthread_cond_wait(condition, mutex) }
            if !ready.isEmpty { return ready.removeFirst() }
            if let failure {
                self.failure = nil
                throw failure
            }
            return nil
        }
    }

    /// Reader: returns a chunk for refilling.
    func recycle(_ chunk: RecordChunk) {
        locked {
            free.append(chunk)
            pthread_cond_broadcast(condition)
        }
    }

    /// Reader: asks the scanning thread to stop after the chunk it is filling.
    func stop() {
        locked {
            stopping = true
            pthread_cond_broadcast(condition)
        }
    }
}
