#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Synchronization

/// Runs independent, index-addressed jobs on a few threads and returns their results in index order, so that
/// training's serial tail (cross-validation folds, bootstrap resamples, k-means initialisations) uses every core
/// while its results stay bit-identical to a single-threaded run: a job may depend only on its index and on
/// values it captures, never on which thread runs it or on what other jobs did.
enum ParallelWork {
    /// The number of online processors (at least 1): the thread count training uses unless told otherwise.
    static let defaultThreadCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// `job(0) ... job(count - 1)` on up to `threads` threads (jobs are handed out one at a time, so uneven jobs
    /// balance), results in index order. With one thread, or one job, everything runs on the calling thread.
    /// When jobs throw, the error of the lowest failing index is rethrown, so the error too is the same for every
    /// thread count (jobs after it may or may not have run).
    static func map<Value: Sendable>(
        _ count: Int, threads: Int, _ job: @Sendable (Int) throws -> Value
    ) throws -> [Value] {
        precondition(count >= 0 && threads >= 1, "ParallelWork.map: count must be >= 0 and threads >= 1")
        let workers = min(threads, count)
        if workers <= 1 { return try (0..<count).map(job) }
        let slots = ResultSlots<Value>(count: count)
        defer { slots.deallocate() }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { break }
                slots.store(Result { try job(index) }, at: index)
            }
        }
        return try slots.results().map { try $0.get() }
    }
}

/// One result slot per job, written by exactly one worker each and read only after all workers have finished
/// (`concurrentPerform` returns after its last iteration), which is why unchecked sendability is sound here.
private struct ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Result<Value, any Error>?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    func store(_ result: Result<Value, any Error>, at index: Int) { storage[index] = result }

    /// Every slot's result, in index order; call only once all jobs have stored theirs.
    func results() -> [Result<Value, any Error>] { storage.map { $0! } }

    func deallocate() {
        storage.deinitialize()
        storage.deallocate()
    }
}
