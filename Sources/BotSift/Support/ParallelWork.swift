#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Synchronization

/// Runs independent, index-addressed jobs on a few threads and returns their results in index order, so that the
/// serial stages after reading (feature `finish`, cross-validation folds, bootstrap resamples, k-means
/// initialisations) use every core while their results stay bit-identical to a single-threaded run: a job may
/// depend only on its index and on values it captures, never on which thread runs it or on what other jobs did.
enum ParallelWork {
    /// The number of online processors (at least 1): the thread count used unless told otherwise.
    static let defaultThreadCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// `job(0) ... job(count - 1)` on up to `threads` threads (jobs are handed out one at a time, so uneven jobs
    /// balance), results in index order. With one thread, or one job, everything runs on the calling thread.
    /// When jobs throw, the error of the lowest failing index is rethrown, so the error too is the same for every
    /// thread count (jobs after it may or may not have run).
    static func map<Value: Sendable, Failure: Error>(
        _ count: Int, threads: Int, _ job: @Sendable (Int) throws(Failure) -> Value
    ) throws(Failure) -> [Value] {
        precondition(count >= 0 && threads >= 1, "ParallelWork.map: count must be >= 0 and threads >= 1")
        let workers = min(threads, count)
        if workers <= 1 {
            var values: [Value] = []
            values.reserveCapacity(count)
            for index in 0..<count { values.append(try job(index)) }
            return values
        }
        let slots = ResultSlots<Value, Failure>(count: count)
        defer { slots.deallocate() }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { break }
                slots.store(Result { () throws(Failure) -> Value in try job(index) }, at: index)
            }
        }
        var values: [Value] = []
        values.reserveCapacity(count)
        for result in slots.results() { values.append(try result.get()) }
        return values
    }

    /// Cuts `0..<weights.count` into at most `parts` contiguous, non-empty ranges of roughly equal total weight
    /// (each index also counts 1, so zero weights still spread).
    static func balancedRanges(weights: [Int], parts: Int) -> [Range<Int>] {
        let count = weights.count
        guard count > 0 else { return [] }
        let total = weights.reduce(count, +)
        var ranges: [Range<Int>] = []
        var start = 0, accumulated = 0
        for index in 0..<count {
            accumulated += weights[index] + 1
            let boundary = total * (ranges.count + 1) / max(1, parts)
            if accumulated >= boundary && ranges.count < parts - 1 {
                ranges.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < count { ranges.append(start..<count) }
        return ranges
    }
}

extension ParallelWork {
    /// A value that one job of a `map` produces and later jobs of the same `map` wait for. `map` hands jobs out in
    /// index order, so a waiting job's producer (a lower index) has already started and will finish: waits cannot
    /// deadlock as long as every producer has a lower index than its consumers. The producer must publish exactly
    /// once, nil when it failed (its error then reaches the caller of `map`).
    final class Handoff<Value: Sendable>: @unchecked Sendable {
        private let ready = DispatchSemaphore(value: 0)
        /// Written once before `ready` is signalled, read only after waiting on it.
        private var value: Value?

        func publish(_ value: Value?) {
            self.value = value
            ready.signal()
        }

        /// The published value, once there is one (nil when the producer failed).
        func wait() -> Value? {
            ready.wait()
            defer { ready.signal() }
            return value
        }
    }
}

/// One result slot per job, written by exactly one worker each and read only after all workers have finished
/// (`concurrentPerform` returns after its last iteration), which is why unchecked sendability is sound here.
private struct ResultSlots<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Result<Value, Failure>?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    func store(_ result: Result<Value, Failure>, at index: Int) { storage[index] = result }

    /// Every slot's result, in index order; call only once all jobs have stored theirs.
    func results() -> [Result<Value, Failure>] { storage.map { $0! } }

    func deallocate() {
        storage.deinitialize()
        storage.deallocate()
    }
}

/// Memory that parallel jobs write at disjoint offsets (feature rows of different accounts), shared under
/// `ParallelWork.map`'s contract; the owner keeps the memory alive until `map` returns.
struct DisjointWrites<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}
