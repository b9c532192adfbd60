/// Counts of a binary decision against the labels, laid out like scikit-learn's `confusion_matrix`
/// (`[[tn, fp], [fn, tp]]`), with label 1 (bot) as the positive class.
public struct ConfusionMatrix: Codable, Equatable, Sendable {
    public let trueNegatives: Int
    public let falsePositives: Int
    public let falseNegatives: Int
    public let truePositives: Int

    /// The four counts, named as in scikit-learn's `tn, fp, fn, tp = confusion_matrix(...).ravel()`.
    public init(trueNegatives: Int, falsePositives: Int, falseNegatives: Int, truePositives: Int) {
        self.trueNegatives = trueNegatives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.truePositives = truePositives
    }
}

/// Precision, recall, F1 and false-positive rate of the decision "score >= threshold is a bot". Precision,
/// recall and F1 follow `precision_recall_fscore_support(average="binary", zero_division=0)`: a 0/0 is 0.
public struct ThresholdMetrics: Codable, Equatable, Sendable {
    public let threshold: Double
    public let confusion: ConfusionMatrix
    /// tp / (tp + fp); 0 when nothing is flagged.
    public let precision: Double
    /// tp / (tp + fn); 0 when there are no positive labels.
    public let recall: Double
    /// 2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall; 0 when that is 0/0.
    public let f1: Double
    /// fp / (fp + tn); nil when there are no negative labels.
    public let falsePositiveRate: Double?

    /// Derives the rates from a confusion matrix.
    public init(threshold: Double, confusion c: ConfusionMatrix) {
        func ratio(_ numerator: Int, _ denominator: Int) -> Double {
            denominator == 0 ? 0 : Double(numerator) / Double(denominator)
        }
        self.threshold = threshold
        confusion = c
        precision = ratio(c.truePositives, c.truePositives + c.falsePositives)
        recall = ratio(c.truePositives, c.truePositives + c.falseNegatives)
        f1 = ratio(2 * c.truePositives, 2 * c.truePositives + c.falsePositives + c.falseNegatives)
        let negatives = c.falsePositives + c.trueNegatives
        falsePositiveRate = negatives == 0 ? nil : Double(c.falsePositives) / Double(negatives)
    }
}

/// One bin of a calibration table: the rows whose score falls in [lower, upper) (the last bin includes 1.0).
public struct CalibrationBin: Codable, Equatable, Sendable {
    public let lower: Double
    public let upper: Double
    public let count: Int
    /// Mean score of the rows in the bin; nil when the bin is empty.
    public let meanPredicted: Double?
    /// Share of the bin's rows labeled 1; nil when the bin is empty.
    public let observedPositiveRate: Double?
}

/// Precision among the k highest-scored rows ("if an analyst reviews the top k, how many are bots").
public struct PrecisionAtK: Codable, Equatable, Sendable {
    public let k: Int
    public let positives: Int
    public let precision: Double
    /// True when the k-th and (k+1)-th ranked rows have the same score, so input order decided who made the cut.
    public let cutFallsInsideTie: Bool
}

/// The largest recall reachable while keeping the false-positive rate at or below a target, using only
/// thresholds at observed scores (or flagging nothing).
public struct RecallAtFalsePositiveRate: Codable, Equatable, Sendable {
    public let targetFalsePositiveRate: Double
    public let recall: Double
    /// The false-positive rate actually reached (<= target).
    public let falsePositiveRate: Double
    /// The highest observed score reaching that recall; nil when the best is to flag nothing.
    public let threshold: Double?
}

/// Recall restricted to the positive rows of one campaign (a takedown archive), at the model threshold and at 0.5.
public struct CampaignRecall: Codable, Equatable, Sendable {
    public let campaign: String
    /// Rows carrying this campaign name (any label).
    public let rows: Int
    /// Rows of this campaign labeled 1: the denominator of its recall.
    public let positives: Int
    /// nil when the campaign has no positive rows.
    public let recallAtThreshold: Double?
    public let recallAtHalf: Double?
}

/// Evaluation metrics over `labels` (0/1) and `scores` (probabilities), defined as scikit-learn defines them.
/// Each function requires equal-length inputs and 0/1 labels (checked by `precondition`); the throwing entry
/// points (`EvaluationReport`, `ThresholdRule.choose`) validate user data first.
public enum Metrics {
    /// Area under the ROC curve, equal to `sklearn.metrics.roc_auc_score`; tied scores count half (average
    /// ranks). nil when only one class is present.
    public static func rocAUC(labels: [Int], scores: [Double]) -> Double? {
        checked(labels, scores).rocAUC()
    }

    /// Average precision (area under the precision-recall steps, no interpolation), equal to
    /// `sklearn.metrics.average_precision_score`; tied scores form one step. nil when there are no positives.
    public static func averagePrecision(labels: [Int], scores: [Double]) -> Double? {
        checked(labels, scores).averagePrecision()
    }

    /// The confusion matrix of "score >= threshold is positive" (`sklearn.metrics.confusion_matrix`).
    public static func confusionMatrix(labels: [Int], scores: [Double], threshold: Double) -> ConfusionMatrix {
        checked(labels, scores).confusion(threshold: threshold)
    }

    /// Precision, recall, F1 (zero_division=0) and false-positive rate of "score >= threshold is positive".
    public static func atThreshold(labels: [Int], scores: [Double], threshold: Double) -> ThresholdMetrics {
        ThresholdMetrics(threshold: threshold, confusion: confusionMatrix(labels: labels, scores: scores, threshold: threshold))
    }

    /// Mean squared difference between score and label, equal to `sklearn.metrics.brier_score_loss`;
    /// nil for no rows.
    public static func brierScore(labels: [Int], scores: [Double]) -> Double? {
        precondition(labels.count == scores.count, "labels and scores differ in length")
        guard !scores.isEmpty else { return nil }
        var sum = 0.0
        for (label, score) in zip(labels, scores) {
            let error = score - Double(label)
            sum += error * error
        }
        return sum / Double(scores.count)
    }

    /// Ten equal-width bins [0, 0.1), ..., [0.9, 1.0] with count, mean score and observed positive rate.
    /// Bin edges are `Double(i) / 10`, so a score of exactly 0.3 is in [0.3, 0.4); scores outside [0, 1]
    /// go to the end bins.
    public static func calibrationTable(labels: [Int], scores: [Double]) -> [CalibrationBin] {
        precondition(labels.count == scores.count, "labels and scores differ in length")
        var counts = [Int](repeating: 0, count: 10), positives = counts
        var scoreSums = [Double](repeating: 0, count: 10)
        for (label, score) in zip(labels, scores) {
            let bin = calibrationBin(of: score)
            counts[bin] += 1
            positives[bin] += label
            scoreSums[bin] += score
        }
        return (0..<10).map { bin in
            let count = counts[bin]
            return CalibrationBin(
                lower: Double(bin) / 10, upper: Double(bin + 1) / 10, count: count,
                meanPredicted: count == 0 ? nil : scoreSums[bin] / Double(count),
                observedPositiveRate: count == 0 ? nil : Double(positives[bin]) / Double(count))
        }
    }

    /// The calibration bin index of a score: the largest i in 0...9 with score >= i/10.
    static func calibrationBin(of score: Double) -> Int {
        var bin = max(0, min(9, Int((score * 10).rounded(.down))))
        while bin < 9, score >= Double(bin + 1) / 10 { bin += 1 }
        while bin > 0, score < Double(bin) / 10 { bin -= 1 }
        return bin
    }

    /// Precision among the k highest scores. Rows are ranked by score, highest first, and equal scores keep
    /// input order, so a tie at the cut is broken in favour of earlier rows (flagged in the result).
    /// nil when k < 1 or k exceeds the number of rows.
    public static func precisionAtTopK(labels: [Int], scores: [Double], k: Int) -> PrecisionAtK? {
        precondition(labels.count == scores.count, "labels and scores differ in length")
        guard k >= 1, k <= scores.count else { return nil }
        return precisionAtTopK(labels: labels, scores: scores, order: ScoreRanking(scores: scores).order, k: k)
    }

    /// `precisionAtTopK` with the rows already in rank order (`ScoreRanking.order`); 1 <= k <= rows.
    static func precisionAtTopK(labels: [Int], scores: [Double], order: [Int], k: Int) -> PrecisionAtK {
        let positives = order[..<k].reduce(0) { $0 + labels[$1] }
        let tied = k < order.count && scores[order[k - 1]] == scores[order[k]]
        return PrecisionAtK(k: k, positives: positives, precision: Double(positives) / Double(k), cutFallsInsideTie: tied)
    }

    /// The largest recall with false-positive rate <= `target`, over thresholds at the observed scores and
    /// "flag nothing"; among thresholds with that recall, the highest (fewest false positives). This is
    /// `max(tpr[fpr <= target])` on `roc_curve(drop_intermediate=False)`. nil unless both classes are present.
    public static func recallAtFalsePositiveRate(
        labels: [Int], scores: [Double], target: Double
    ) -> RecallAtFalsePositiveRate? {
        recallAtFalsePositiveRate(checked(labels, scores), target: target)
    }

    /// `recallAtFalsePositiveRate` on rows already grouped by score.
    static func recallAtFalsePositiveRate(_ groups: ScoreGroups, target: Double) -> RecallAtFalsePositiveRate? {
        let allPositives = groups.totalPositives, allNegatives = groups.totalNegatives
        guard allPositives > 0, allNegatives > 0 else { return nil }
        var best = RecallAtFalsePositiveRate(targetFalsePositiveRate: target, recall: 0, falsePositiveRate: 0, threshold: nil)
        var truePositives = 0, falsePositives = 0
        for group in groups.scores.indices {
            truePositives += groups.positives[group]
            falsePositives += groups.negatives[group]
            let rate = Double(falsePositives) / Double(allNegatives)
            guard rate <= target else { break }
            let recall = Double(truePositives) / Double(allPositives)
            if recall > best.recall {
                best = RecallAtFalsePositiveRate(
                    targetFalsePositiveRate: target, recall: recall, falsePositiveRate: rate,
                    threshold: groups.scores[group])
            }
        }
        return best
    }

    /// Recall within each campaign's positive rows at `threshold` and at 0.5, campaigns sorted by name.
    /// Rows whose campaign is nil are left out.
    public static func recallPerCampaign(
        labels: [Int], scores: [Double], campaigns: [String?], threshold: Double
    ) -> [CampaignRecall] {
        precondition(labels.count == scores.count && labels.count == campaigns.count, "inputs differ in length")
        struct Tally { var rows = 0, positives = 0, caughtAtThreshold = 0, caughtAtHalf = 0 }
        var tallies: [String: Tally] = [:]
        for row in labels.indices {
            guard let campaign = campaigns[row] else { continue }
            var tally = tallies[campaign, default: Tally()]
            tally.rows += 1
            if labels[row] == 1 {
                tally.positives += 1
                if scores[row] >= threshold { tally.caughtAtThreshold += 1 }
                if scores[row] >= 0.5 { tally.caughtAtHalf += 1 }
            }
            tallies[campaign] = tally
        }
        return tallies.keys.sorted().map { campaign in
            let tally = tallies[campaign]!
            let denominator = Double(tally.positives)
            return CampaignRecall(
                campaign: campaign, rows: tally.rows, positives: tally.positives,
                recallAtThreshold: tally.positives == 0 ? nil : Double(tally.caughtAtThreshold) / denominator,
                recallAtHalf: tally.positives == 0 ? nil : Double(tally.caughtAtHalf) / denominator)
        }
    }

    /// Groups the rows after checking the preconditions every metric shares.
    private static func checked(_ labels: [Int], _ scores: [Double]) -> ScoreGroups {
        precondition(labels.count == scores.count, "labels and scores differ in length")
        precondition(labels.allSatisfy { $0 == 0 || $0 == 1 }, "labels must be 0 or 1")
        return ScoreGroups(labels: labels, scores: scores)
    }
}
