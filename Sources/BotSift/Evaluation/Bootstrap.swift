#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How bootstrap resamples are drawn.
public enum BootstrapSampling: String, Codable, Equatable, Sendable {
    /// Positives and negatives are resampled separately, each keeping its count. Evaluation sets here are built
    /// (takedown archives plus chosen controls), so the class mix is a design choice, not a sampled quantity.
    case stratifiedByClass
    /// Rows are resampled from the whole set; the class mix varies between resamples.
    case plain
}

/// A two-sided confidence interval.
public struct ConfidenceInterval: Codable, Equatable, Sendable {
    public let lower: Double
    public let upper: Double

    /// An interval from `lower` to `upper` (inclusive).
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// True when `value` lies within [lower, upper].
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// Percentile-bootstrap 95% confidence intervals for ROC AUC, average precision, and precision and recall at a
/// threshold. Resamples that hold only one class are skipped for every metric and counted.
public struct BootstrapIntervals: Codable, Equatable, Sendable {
    public let resamples: Int
    /// Resamples left out because they held only one class (AUCs are undefined on them).
    public let skippedSingleClassResamples: Int
    public let seed: UInt64
    public let sampling: BootstrapSampling
    public let level: Double
    public let threshold: Double
    /// nil when every resample was skipped.
    public let rocAUC: ConfidenceInterval?
    public let averagePrecision: ConfidenceInterval?
    public let precision: ConfidenceInterval?
    public let recall: ConfidenceInterval?

    /// Draws `resamples` resamples of the rows with a `SeededGenerator(seed:)`; each interval is the 2.5th and
    /// 97.5th percentile (numpy's default linear interpolation) of the metric over the kept resamples.
    /// Each resample costs O(rows): rows are ranked once and each resample is regrouped by counting. Resamples
    /// run on all cores; the intervals are the same for any thread count.
    public init(
        labels: [Int], scores: [Double], threshold: Double, resamples: Int = 1000, seed: UInt64,
        sampling: BootstrapSampling = .stratifiedByClass
    ) throws {
        try self.init(
            labels: labels, scores: scores, ranking: nil, threshold: threshold, resamples: resamples, seed: seed,
            sampling: sampling, threadCount: ParallelWork.defaultThreadCount)
    }

    /// The public initialiser with the rows' `ranking` when the caller already has it, and the thread count.
    init(
        labels: [Int], scores: [Double], ranking: ScoreRanking?, threshold: Double, resamples: Int, seed: UInt64,
        sampling: BootstrapSampling, threadCount: Int
    ) throws {
        try EvaluationInput.validate(labels: labels, scores: scores, probabilities: false)
        guard resamples >= 1 else { throw EvaluationError.invalidResampleCount(resamples) }
        let plan = ResamplePlan(
            labels: labels, ranking: ranking ?? ScoreRanking(scores: scores), sampling: sampling, threshold: threshold)
        let chunks = ResamplePlan.chunks(resamples: resamples, threads: threadCount)
        let outcomes = ParallelWork.map(chunks.count, threads: threadCount) { chunk in
            plan.run(chunks[chunk], seed: seed)
        }.joined()
        var aucs: [Double] = [], averagePrecisions: [Double] = [], precisions: [Double] = [], recalls: [Double] = []
        var skipped = 0
        for outcome in outcomes {
            guard let outcome else {
                skipped += 1
                continue
            }
            aucs.append(outcome.rocAUC)
            averagePrecisions.append(outcome.averagePrecision)
            precisions.append(outcome.atThreshold.precision)
            recalls.append(outcome.atThreshold.recall)
        }
        self.resamples = resamples
        skippedSingleClassResamples = skipped
        self.seed = seed
        self.sampling = sampling
        level = 0.95
        self.threshold = threshold
        rocAUC = Self.percentileInterval(aucs, level: level)
        self.averagePrecision = Self.percentileInterval(averagePrecisions, level: level)
        precision = Self.percentileInterval(precisions, level: level)
        recall = Self.percentileInterval(recalls, level: level)
    }

    /// The central `level` interval of `values` by linear interpolation between order statistics
    /// (numpy.percentile's default); nil for no values.
    static func percentileInterval(_ values: [Double], level: Double) -> ConfidenceInterval? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let below = Int(position.rounded(.down))
            let above = min(below + 1, sorted.count - 1)
            return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
        }
        let tail = (1 - level) / 2
        return ConfidenceInterval(lower: quantile(tail), upper: quantile(1 - tail))
    }
}

/// What one bootstrap resample measured (nil when it held only one class).
struct ResampleOutcome: Sendable {
    let rocAUC: Double
    let averagePrecision: Double
    let atThreshold: ThresholdMetrics
}

/// Everything a bootstrap resample needs that does not change between resamples, laid out for one sequential pass.
///
/// Rows are drawn from pools (both classes apart, or all rows together), each listed in rank order; resample r
/// takes, pool by pool, `size` draws `generator.next(upperBound: size)` from one `SeededGenerator(seed:)` that
/// runs through all resamples in order. A resample counts draws per pool entry, then walks the rows in rank order
/// once, reading each row's count, to get the per-score-group tallies that ROC AUC, average precision and the
/// confusion matrix at the threshold are computed from, exactly as `ScoreGroups` computes them.
///
/// Resamples are split into contiguous chunks, one per thread. A chunk starting at resample r first advances its
/// own generator through the draws of resamples 0..<r (cheap: no counting), so every resample sees the same
/// random numbers whichever thread runs it and however the resamples are split.
struct ResamplePlan: Sendable {
    /// A pool's entries occupy `offset..<offset + size` of the per-resample draw counts.
    struct Pool: Sendable {
        let offset: Int
        let size: Int
        /// True when every entry is a positive row, false when none is, nil when mixed.
        let allPositive: Bool?
    }

    let pools: [Pool]
    /// For the row at each rank (highest score first), where its draw count is kept.
    let slotOfRank: [Int32]
    /// 1 when the row at the rank is labeled 1.
    let positiveAtRank: [UInt8]
    /// 1 when the row at the rank is the last of its score group.
    let endsGroupAtRank: [UInt8]
    /// 1 for slots of positive rows (used to tally positives drawn from a mixed pool).
    let positiveAtSlot: [UInt8]
    /// Leading score groups at or above the threshold: the ones flagged as bots.
    let flaggedGroups: Int
    let threshold: Double

    init(labels: [Int], ranking: ScoreRanking, sampling: BootstrapSampling, threshold: Double) {
        let rankedRows = ranking.order
        let poolRows: [[Int]] = switch sampling {
        case .stratifiedByClass: [rankedRows.filter { labels[$0] == 1 }, rankedRows.filter { labels[$0] == 0 }]
        case .plain: [rankedRows]
        }
        var pools: [Pool] = []
        var slotOfRow = [Int32](repeating: 0, count: labels.count)
        var positiveAtSlot = [UInt8](repeating: 0, count: labels.count)
        var offset = 0
        for rows in poolRows {
            for (entry, row) in rows.enumerated() {
                slotOfRow[row] = Int32(offset + entry)
                positiveAtSlot[offset + entry] = labels[row] == 1 ? 1 : 0
            }
            let allPositive: Bool? = switch sampling {
            case .stratifiedByClass: pools.isEmpty
            case .plain: nil
            }
            pools.append(Pool(offset: offset, size: rows.count, allPositive: allPositive))
            offset += rows.count
        }
        self.pools = pools
        self.positiveAtSlot = positiveAtSlot
        slotOfRank = rankedRows.map { slotOfRow[$0] }
        positiveAtRank = rankedRows.map { labels[$0] == 1 ? 1 : 0 }
        endsGroupAtRank = rankedRows.indices.map { rank in
            rank + 1 == rankedRows.count || ranking.groupOfRow[rankedRows[rank + 1]] != ranking.groupOfRow[rankedRows[rank]]
                ? 1 : 0
        }
        flaggedGroups = ScoreGroups.flaggedGroupCount(scores: ranking.groupScores, threshold: threshold)
        self.threshold = threshold
    }

    /// Skipping a resample's draws costs about this fraction of computing the resample (measured on 20,000 rows);
    /// chunks are sized so that every thread, skip included, has about the same work.
    static let skipCostShare = 0.25

    /// `threads` contiguous, non-empty chunks covering `0..<resamples`, later ones shorter by the skipping their
    /// thread does first: chunk j starts at `resamples · (1 − q^j) / (1 − q^threads)` with q = 1 − skipCostShare.
    static func chunks(resamples: Int, threads: Int) -> [Range<Int>] {
        let count = max(1, min(threads, resamples))
        let q = 1 - skipCostShare
        var starts = (0..<count).map { j in
            Int((Double(resamples) * (1 - pow(q, Double(j))) / (1 - pow(q, Double(count)))).rounded())
        }
        starts.append(resamples)
        return (0..<count).map { starts[$0]..<starts[$0 + 1] }.filter { !$0.isEmpty }
    }

    /// The outcomes of the resamples in `range`, in order.
    func run(_ range: Range<Int>, seed: UInt64) -> [ResampleOutcome?] {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<range.lowerBound {
            for pool in pools {
                let bound = UInt64(pool.size)
                for _ in 0..<pool.size { _ = generator.next(upperBound: bound) }
            }
        }
        var counts = [Int32](repeating: 0, count: slotOfRank.count)
        return counts.withUnsafeMutableBufferPointer { counts in
            range.map { _ in resample(generator: &generator, counts: counts) }
        }
    }

    /// Draws one resample into `counts` and measures it.
    private func resample(generator: inout SeededGenerator, counts: UnsafeMutableBufferPointer<Int32>) -> ResampleOutcome? {
        counts.update(repeating: 0)
        var totalPositives = 0, totalNegatives = 0
        positiveAtSlot.withUnsafeBufferPointer { positiveAtSlot in
            for pool in pools {
                let bound = UInt64(pool.size)
                let base = counts.baseAddress! + pool.offset
                switch pool.allPositive {
                case true?:
                    for _ in 0..<pool.size { base[Int(generator.next(upperBound: bound))] &+= 1 }
                    totalPositives += pool.size
                case false?:
                    for _ in 0..<pool.size { base[Int(generator.next(upperBound: bound))] &+= 1 }
                    totalNegatives += pool.size
                case nil:
                    let positives = positiveAtSlot.baseAddress! + pool.offset
                    var drawnPositives = 0
                    for _ in 0..<pool.size {
                        let entry = Int(generator.next(upperBound: bound))
                        base[entry] &+= 1
                        drawnPositives &+= Int(positives[entry])
                    }
                    totalPositives += drawnPositives
                    totalNegatives += pool.size - drawnPositives
                }
            }
        }
        guard totalPositives > 0, totalNegatives > 0 else { return nil }
        // One walk down the ranks: the same sums, in the same order, as ScoreGroups.rocAUC, averagePrecision and
        // confusion(threshold:) over the resample's groups.
        var twiceArea = 0, positivesAbove = 0, flagged = 0, groupsDone = 0
        var averagePrecision = 0.0
        var truePositivesAtThreshold = 0, falsePositivesAtThreshold = 0
        var groupPositives = 0, groupNegatives = 0
        let allPositives = Double(totalPositives)
        slotOfRank.withUnsafeBufferPointer { slots in
            positiveAtRank.withUnsafeBufferPointer { positive in
                endsGroupAtRank.withUnsafeBufferPointer { endsGroup in
                    for rank in 0..<slots.count {
                        let count = Int(counts[Int(slots[rank])])
                        let isPositive = Int(positive[rank])
                        groupPositives &+= count &* isPositive
                        groupNegatives &+= count &* (1 &- isPositive)
                        guard endsGroup[rank] != 0 else { continue }
                        twiceArea &+= groupNegatives &* (2 &* positivesAbove &+ groupPositives)
                        positivesAbove &+= groupPositives
                        flagged &+= groupPositives &+ groupNegatives
                        if groupPositives > 0 {
                            averagePrecision += Double(groupPositives) / allPositives
                                * (Double(positivesAbove) / Double(flagged))
                        }
                        groupsDone &+= 1
                        if groupsDone == flaggedGroups {
                            truePositivesAtThreshold = positivesAbove
                            falsePositivesAtThreshold = flagged &- positivesAbove
                        }
                        groupPositives = 0
                        groupNegatives = 0
                    }
                }
            }
        }
        let confusion = ConfusionMatrix(
            trueNegatives: totalNegatives - falsePositivesAtThreshold, falsePositives: falsePositivesAtThreshold,
            falseNegatives: totalPositives - truePositivesAtThreshold, truePositives: truePositivesAtThreshold)
        return ResampleOutcome(
            rocAUC: Double(twiceArea) / (2 * allPositives * Double(totalNegatives)),
            averagePrecision: averagePrecision,
            atThreshold: ThresholdMetrics(threshold: threshold, confusion: confusion))
    }
}
