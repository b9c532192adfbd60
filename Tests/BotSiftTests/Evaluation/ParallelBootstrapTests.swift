import Testing
@testable import BotSift

/// The bootstrap's counting walk and its split over threads change nothing: every thread count gives the
/// intervals of the plain algorithm (materialise each resample's rows, score them with `Metrics`), bit for bit.
@Suite struct ParallelBootstrapTests {
    /// 400 rows, about 30% positives, scores rounded to two decimals so that many rows tie (within and across
    /// classes), which exercises the score groups.
    static func tiedScores(seed: UInt64) -> (labels: [Int], scores: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var labels: [Int] = [], scores: [Double] = []
        for _ in 0..<400 {
            let label = generator.nextUnit() < 0.3 ? 1 : 0
            labels.append(label)
            let raw = min(1, max(0, 0.35 * Double(label) + 0.65 * generator.nextUnit()))
            scores.append((raw * 100).rounded() / 100)
        }
        return (labels, scores)
    }

    /// The intervals computed the slow, obvious way: one `SeededGenerator(seed:)` through all resamples; per
    /// resample and pool (positives then negatives, or all rows, each listed highest score first, ties in row
    /// order), `size` draws of `next(upperBound: size)`; the drawn rows scored by the public `Metrics` functions.
    static func naiveIntervals(
        labels: [Int], scores: [Double], threshold: Double, resamples: Int, seed: UInt64, sampling: BootstrapSampling
    ) -> (rocAUC: ConfidenceInterval?, averagePrecision: ConfidenceInterval?, precision: ConfidenceInterval?,
          recall: ConfidenceInterval?, skipped: Int)
    {
        let ranked = labels.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let pools = sampling == .plain ? [ranked] : [ranked.filter { labels[$0] == 1 }, ranked.filter { labels[$0] == 0 }]
        var generator = SeededGenerator(seed: seed)
        var aucs: [Double] = [], precisionsAverage: [Double] = [], precisions: [Double] = [], recalls: [Double] = []
        var skipped = 0
        for _ in 0..<resamples {
            var rows: [Int] = []
            for pool in pools {
                for _ in 0..<pool.count { rows.append(pool[Int(generator.next(upperBound: UInt64(pool.count)))]) }
            }
            let drawnLabels = rows.map { labels[$0] }, drawnScores = rows.map { scores[$0] }
            guard let auc = Metrics.rocAUC(labels: drawnLabels, scores: drawnScores),
                  let averagePrecision = Metrics.averagePrecision(labels: drawnLabels, scores: drawnScores) else {
                skipped += 1
                continue
            }
            let at = Metrics.atThreshold(labels: drawnLabels, scores: drawnScores, threshold: threshold)
            aucs.append(auc)
            precisionsAverage.append(averagePrecision)
            precisions.append(at.precision)
            recalls.append(at.recall)
        }
        func interval(_ values: [Double]) -> ConfidenceInterval? {
            BootstrapIntervals.percentileInterval(values, level: 0.95)
        }
        return (interval(aucs), interval(precisionsAverage), interval(precisions), interval(recalls), skipped)
    }

    @Test(arguments: [BootstrapSampling.stratifiedByClass, .plain])
    func everyThreadCountMatchesTheNaiveResamplesBitForBit(sampling: BootstrapSampling) throws {
        let (labels, scores) = Self.tiedScores(seed: 12)
        let threshold = 0.55
        let naive = Self.naiveIntervals(
            labels: labels, scores: scores, threshold: threshold, resamples: 300, seed: 8, sampling: sampling)
        let single = try BootstrapIntervals(
            labels: labels, scores: scores, ranking: nil, threshold: threshold, resamples: 300, seed: 8,
            sampling: sampling, threadCount: 1)
        #expect(single.rocAUC == naive.rocAUC && single.averagePrecision == naive.averagePrecision)
        #expect(single.precision == naive.precision && single.recall == naive.recall)
        #expect(single.skippedSingleClassResamples == naive.skipped)
        for threads in [2, 3, 7] {
            let parallel = try BootstrapIntervals(
                labels: labels, scores: scores, ranking: nil, threshold: threshold, resamples: 300, seed: 8,
                sampling: sampling, threadCount: threads)
            #expect(parallel == single, "\(threads) threads")
        }
    }

    @Test func singleClassResamplesAreSkippedAlikeOnEveryThreadCount() throws {
        // 2 bots in 12 rows, plain sampling: about 1 resample in 9 has no bot and is skipped.
        let labels = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let scores = [0.9, 0.3, 0.8, 0.7, 0.6, 0.5, 0.4, 0.2, 0.1, 0.05, 0.3, 0.3]
        let naive = Self.naiveIntervals(labels: labels, scores: scores, threshold: 0.5, resamples: 500, seed: 4, sampling: .plain)
        #expect(naive.skipped > 20)
        for threads in [1, 2] {
            let intervals = try BootstrapIntervals(
                labels: labels, scores: scores, ranking: nil, threshold: 0.5, resamples: 500, seed: 4,
                sampling: .plain, threadCount: threads)
            #expect(intervals.skippedSingleClassResamples == naive.skipped)
            #expect(intervals.rocAUC == naive.rocAUC && intervals.recall == naive.recall)
        }
    }

    @Test func chunksCoverEveryResampleOnceInOrderWithShorterLaterChunks() {
        for (resamples, threads) in [(1000, 2), (1000, 3), (7, 4), (3, 8), (1, 2), (10, 1)] {
            let chunks = ResamplePlan.chunks(resamples: resamples, threads: threads)
            #expect(chunks.flatMap { Array($0) } == Array(0..<resamples), "\(resamples) over \(threads)")
            #expect(chunks.count == min(resamples, threads))
        }
        // 1,000 over 2 threads: the second thread first skips the draws of the first chunk, so it gets fewer.
        #expect(ResamplePlan.chunks(resamples: 1000, threads: 2) == [0..<571, 571..<1000])
    }
}
