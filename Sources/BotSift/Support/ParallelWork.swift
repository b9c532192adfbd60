import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Splits CPU-bound work into parts that run on their own threads, for stages whose parts write disjoint memory
/// (feature rows of different accounts, say). Results never depend on how many parts run at once.
enum ParallelWork {
    /// Online processors, at least 1 (the machines botsift targets have 2).
    static var processorCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// Runs `body(part)` for every part in `0..<parts`, concurrently when there are several, and returns when all
    /// have finished. The caller guarantees that parts share nothing mutable but memory they write disjointly,
    /// which is why `body` need not be `@Sendable`.
    static func run(parts: Int, _ body: (Int) -> Void) {
        if parts == 1 {
            body(0)
        } else if parts > 1 {
            withoutActuallyEscaping(body) { body in
                let shared = DisjointWork(body: body)
                DispatchQueue.concurrentPerform(iterations: parts) { shared.body($0) }
            }
        }
    }

    /// A part function handed to worker threads under `run`'s disjoint-writes contract.
    private struct DisjointWork: @unchecked Sendable {
        let body: (Int) -> Void
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
