/// The rows' scores collapsed to their distinct values, highest first, with how many positives and negatives
/// share each value. Every ranking metric is a walk down these groups, which is how tied scores are handled
/// the way scikit-learn's curves handle them: a tie is one step, never split.
struct ScoreGroups {
    /// Distinct scores, strictly decreasing.
    var scores: [Double]
    var positives: [Int]
    var negatives: [Int]

    /// Sums of `positives` and `negatives`; whoever edits the counts keeps these in step.
    var totalPositives: Int
    var totalNegatives: Int

    init(scores: [Double], positives: [Int], negatives: [Int]) {
        self.scores = scores
        self.positives = positives
        self.negatives = negatives
        totalPositives = positives.reduce(0, +)
        totalNegatives = negatives.reduce(0, +)
    }

    /// Groups `scores` (labels 0/1, same length).
    init(labels: [Int], scores: [Double]) {
        self.init(labels: labels, ranking: ScoreRanking(scores: scores))
    }

    /// Groups rows already ranked by score (labels 0/1, one per ranked row).
    init(labels: [Int], ranking: ScoreRanking) {
        var positives = [Int](repeating: 0, count: ranking.groupScores.count)
        var negatives = positives
        for (row, group) in ranking.groupOfRow.enumerated() {
            if labels[row] == 1 { positives[group] += 1 } else { negatives[group] += 1 }
        }
        self.init(scores: ranking.groupScores, positives: positives, negatives: negatives)
    }

    /// Number of leading groups whose score is >= `threshold` (the groups flagged positive).
    func flaggedGroupCount(threshold: Double) -> Int {
        Self.flaggedGroupCount(scores: scores, threshold: threshold)
    }

    /// Number of leading entries of `scores` (strictly decreasing) that are >= `threshold`.
    static func flaggedGroupCount(scores: [Double], threshold: Double) -> Int {
        var low = 0, high = scores.count
        while low < high {
            let mid = (low + high) / 2
            if scores[mid] >= threshold { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The confusion matrix when every score >= `threshold` is called positive.
    func confusion(threshold: Double) -> ConfusionMatrix {
        let flagged = flaggedGroupCount(threshold: threshold)
        var truePositives = 0, falsePositives = 0
        for group in 0..<flagged {
            truePositives += positives[group]
            falsePositives += negatives[group]
        }
        return ConfusionMatrix(
            trueNegatives: totalNegatives - falsePositives, falsePositives: falsePositives,
            falseNegatives: totalPositives - truePositives, truePositives: truePositives)
    }

    /// Area under the ROC curve: the trapezoid over the group steps, which equals the Mann-Whitney statistic
    /// with average ranks for ties. Summed in integers (times 2) and divided once, so it is exact to rounding.
    /// nil unless both classes are present.
    func rocAUC() -> Double? {
        let allPositives = totalPositives, allNegatives = totalNegatives
        guard allPositives > 0, allNegatives > 0 else { return nil }
        var twiceArea = 0, positivesAbove = 0
        for group in scores.indices {
            twiceArea += negatives[group] * (2 * positivesAbove + positives[group])
            positivesAbove += positives[group]
        }
        return Double(twiceArea) / (2 * Double(allPositives) * Double(allNegatives))
    }

    /// Average precision, step-wise: the sum over groups of (recall gained in the group) x (precision at the
    /// group's threshold). nil when there are no positives (recall is undefined).
    func averagePrecision() -> Double? {
        let allPositives = totalPositives
        guard allPositives > 0 else { return nil }
        var sum = 0.0, truePositives = 0, flagged = 0
        for group in scores.indices {
            truePositives += positives[group]
            flagged += positives[group] + negatives[group]
            if positives[group] > 0 {
                sum += Double(positives[group]) / Double(allPositives) * (Double(truePositives) / Double(flagged))
            }
        }
        return sum
    }
}

/// A stable descending order of the rows by score and the distinct-score group each row belongs to; built once
/// so that bootstrap resamples can be regrouped by counting, without sorting again.
struct ScoreRanking {
    /// Row indices, highest score first; equal scores keep input order.
    var order: [Int]
    /// Distinct scores, strictly decreasing.
    var groupScores: [Double]
    /// For each row, the index of its score in `groupScores`.
    var groupOfRow: [Int]

    init(scores: [Double]) {
        order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        groupScores = []
        groupOfRow = [Int](repeating: 0, count: scores.count)
        for row in order {
            if groupScores.last != scores[row] { groupScores.append(scores[row]) }
            groupOfRow[row] = groupScores.count - 1
        }
    }
}
