import Testing
@testable import BotSift

/// `ParallelWork.map` returns results in index order, runs every job once, and fails the same way on any thread count.
@Suite struct ParallelWorkTests {
    struct JobFailure: Error, Equatable {
        let index: Int
    }

    @Test func resultsComeBackInIndexOrderOnEveryThreadCount() {
        for threads in [1, 2, 3, 16] {
            let squares = ParallelWork.map(50, threads: threads) { $0 * $0 }
            #expect(squares == (0..<50).map { $0 * $0 }, "\(threads) threads")
        }
        #expect(ParallelWork.map(0, threads: 2) { $0 }.isEmpty)
    }

    @Test func theLowestFailingIndexIsRethrown() {
        for threads in [1, 2, 4] {
            #expect(throws: JobFailure(index: 3)) {
                try ParallelWork.map(20, threads: threads) { index in
                    if index % 4 == 3 { throw JobFailure(index: index) }
                    return index
                }
            }
        }
    }

    /// Later jobs wait for a value job 0 publishes; on every thread count they see it (no deadlock, no stale read),
    /// and a producer that fails releases its waiters so that its own error comes back.
    @Test func laterJobsWaitForAHandoffFromJobZero() {
        for threads in [1, 2, 3, 8] {
            let base = ParallelWork.Handoff<Int>()
            let values = ParallelWork.map(12, threads: threads) { job -> Int in
                if job == 0 {
                    var sum = 0
                    for i in 0..<200_000 { sum &+= i % 7 }  // long enough that waiters really wait
                    base.publish(sum)
                    return sum
                }
                return base.wait()! + job
            }
            let sum = (0..<200_000).reduce(0) { $0 &+ $1 % 7 }
            #expect(values == [sum] + (1..<12).map { sum + $0 }, "\(threads) threads")
        }
        for threads in [1, 2, 4] {
            let failed = ParallelWork.Handoff<Int>()
            #expect(throws: JobFailure(index: 0)) {
                try ParallelWork.map(6, threads: threads) { job -> Int in
                    if job == 0 {
                        failed.publish(nil)
                        throw JobFailure(index: 0)
                    }
                    return failed.wait() ?? -1
                }
            }
        }
    }
}
