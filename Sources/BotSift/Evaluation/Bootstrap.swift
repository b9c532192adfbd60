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
    /// Each resample costs O(rows): rows are ranked once and each resample is regrouped by counting.
    public init(
        labels: [Int], scores: [Double], threshold: Double, resamples: Int = 1000, seed: UInt64,
        sampling: BootstrapSampling = .stratifiedByClass
    ) throws {
        try EvaluationInput.validate(labels: labels, scores: scores, probabilities: false)
        guard resamples >= 1 else { throw EvaluationError.invalidResampleCount(resamples) }
        let ranking = ScoreRanking(scores: scores)
        let groupCount = ranking.groupScores.count
        // Rows are drawn from pools listed in rank order. A resample first counts draws per pool entry (one
        // random memory access per draw), then folds the counts into score groups in one sequential pass.
        let rankedRows = ranking.order
        let pools: [[Int]] = switch sampling {
        case .stratifiedByClass: [rankedRows.filter { labels[$0] == 1 }, rankedRows.filter { labels[$0] == 0 }]
        case .plain: [rankedRows]
        }
        let poolGroups = pools.map { $0.map { ranking.groupOfRow[$0] } }
        let poolPositives = pools.map { $0.map { labels[$0] == 1 } }
        var draws = pools.map { [Int32](repeating: 0, count: $0.count) }
        var generator = SeededGenerator(seed: seed)
        var groups = ScoreGroups(
            scores: ranking.groupScores, positives: [Int](repeating: 0, count: groupCount),
            negatives: [Int](repeating: 0, count: groupCount))
        var aucs: [Double] = [], averagePrecisions: [Double] = [], precisions: [Double] = [], recalls: [Double] = []
        var skipped = 0
        for _ in 0..<resamples {
            for group in 0..<groupCount {
                groups.positives[group] = 0
                groups.negatives[group] = 0
            }
            groups.totalPositives = 0
            groups.totalNegatives = 0
            for pool in poolGroups.indices {
                let size = poolGroups[pool].count
                draws[pool].withUnsafeMutableBufferPointer { counts in
                    for entry in counts.indices { counts[entry] = 0 }
                    for _ in 0..<size { counts[Int(generator.next(upperBound: UInt64(size)))] += 1 }
                }
                for entry in 0..<size where draws[pool][entry] > 0 {
                    let group = poolGroups[pool][entry], count = Int(draws[pool][entry])
                    if poolPositives[pool][entry] {
                        groups.positives[group] += count
                        groups.totalPositives += count
                    } else {
                        groups.negatives[group] += count
                        groups.totalNegatives += count
                    }
                }
            }
            guard let auc = groups.rocAUC(), let averagePrecision = groups.averagePrecision() else {
                skipped += 1
                continue
            }
            let atThreshold = ThresholdMetrics(threshold: threshold, confusion: groups.confusion(threshold: threshold))
            aucs.append(auc)
            averagePrecisions.append(averagePrecision)
            precisions.append(atThreshold.precision)
            recalls.append(atThreshold.recall)
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
