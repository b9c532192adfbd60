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
}
