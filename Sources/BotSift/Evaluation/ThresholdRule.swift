/// How the model's decision threshold is chosen from (out-of-fold) scores; stored in the model file.
/// Candidate thresholds are the distinct observed scores ("score >= threshold is a bot"). Among candidates that
/// meet a target, the one with the largest recall wins, and among equal recall the highest threshold (fewest
/// false positives), so a tie never adds false positives that buy no recall.
public enum ThresholdRule: Codable, Equatable, Sendable {
    /// The largest recall whose precision >= the target (0 < target <= 1). If no candidate reaches it, the
    /// highest precision (then largest recall), and the choice says the target was not met.
    case targetPrecision(Double)
    /// The largest recall whose false-positive rate <= the target (0 <= target < 1). If even the highest
    /// score exceeds it, a threshold just above the highest score (nothing flagged), marked as not met.
    case targetFalsePositiveRate(Double)
    /// The largest F1; among equal F1, the highest threshold.
    case bestF1
    /// A given threshold, reported with what it achieves.
    case fixed(Double)

    /// Chooses a threshold on `scores` (finite) against `labels` (0/1). Pure: the caller decides which scores
    /// these are (`scoresDescription`, e.g. "out-of-fold", appears in the explanation). Throws on invalid input,
    /// an invalid target, or, for every rule but `fixed`, labels with only one class.
    public func choose(
        labels: [Int], scores: [Double], scoresDescription: String = "out-of-fold"
    ) throws -> ThresholdChoice {
        try EvaluationInput.validate(labels: labels, scores: scores, probabilities: false)
        guard !labels.isEmpty else { throw EvaluationError.noRows }
        if case let .fixed(threshold) = self {
            guard threshold.isFinite else { throw EvaluationError.invalidTarget("fixed threshold \(threshold) is not a number") }
            let achieved = Metrics.atThreshold(labels: labels, scores: scores, threshold: threshold)
            return ThresholdChoice(
                rule: self, achieved: achieved, targetMet: true,
                explanation: "fixed threshold \(Self.format(threshold)); on the \(scoresDescription) scores it gives "
                    + Self.summary(achieved))
        }
        let groups = ScoreGroups(labels: labels, scores: scores)
        guard groups.totalPositives > 0, groups.totalNegatives > 0 else {
            throw EvaluationError.singleClass(needed: "choosing a threshold")
        }
        let candidates = Self.candidates(groups)
        switch self {
        case let .targetPrecision(target):
            guard target > 0, target <= 1 else { throw EvaluationError.invalidTarget("target precision \(target) must be in (0, 1]") }
            if let best = candidates.filter({ $0.precision >= target }).max(by: Self.byRecallThenThreshold) {
                return ThresholdChoice(
                    rule: self, achieved: best, targetMet: true,
                    explanation: "highest-recall threshold whose \(scoresDescription) precision ≥ \(Self.format(target)): "
                        + "\(Self.format(best.threshold)) gives \(Self.summary(best))")
            }
            let best = candidates.max { ($0.precision, $0.recall, $0.threshold) < ($1.precision, $1.recall, $1.threshold) }!
            return ThresholdChoice(
                rule: self, achieved: best, targetMet: false,
                explanation: "target precision \(Self.format(target)) NOT met on the \(scoresDescription) scores; "
                    + "\(Self.format(best.threshold)) has the highest precision reached and gives \(Self.summary(best))")
        case let .targetFalsePositiveRate(target):
            guard target >= 0, target < 1 else {
                throw EvaluationError.invalidTarget("target false-positive rate \(target) must be in [0, 1)")
            }
            let meeting = candidates.filter { ($0.falsePositiveRate ?? 0) <= target }
            if let best = meeting.max(by: Self.byRecallThenThreshold) {
                return ThresholdChoice(
                    rule: self, achieved: best, targetMet: true,
                    explanation: "highest-recall threshold whose \(scoresDescription) false-positive rate ≤ "
                        + "\(Self.format(target)): \(Self.format(best.threshold)) gives \(Self.summary(best))")
            }
            let aboveAll = groups.scores[0].nextUp
            let nothing = Metrics.atThreshold(labels: labels, scores: scores, threshold: aboveAll)
            return ThresholdChoice(
                rule: self, achieved: nothing, targetMet: false,
                explanation: "target false-positive rate \(Self.format(target)) NOT met by any observed score: the "
                    + "highest score alone gives \(Self.format(candidates[0].falsePositiveRate ?? 0)); threshold set "
                    + "just above it (\(Self.format(aboveAll))), so nothing is flagged")
        case .bestF1:
            let best = candidates.max { ($0.f1, $0.threshold) < ($1.f1, $1.threshold) }!
            return ThresholdChoice(
                rule: self, achieved: best, targetMet: true,
                explanation: "threshold with the best \(scoresDescription) F1: \(Self.format(best.threshold)) gives "
                    + Self.summary(best))
        case .fixed:
            preconditionFailure("handled above")
        }
    }

    /// The metrics at every distinct observed score, highest threshold first.
    private static func candidates(_ groups: ScoreGroups) -> [ThresholdMetrics] {
        let allPositives = groups.totalPositives, allNegatives = groups.totalNegatives
        var truePositives = 0, falsePositives = 0
        return groups.scores.indices.map { group in
            truePositives += groups.positives[group]
            falsePositives += groups.negatives[group]
            return ThresholdMetrics(
                threshold: groups.scores[group],
                confusion: ConfusionMatrix(
                    trueNegatives: allNegatives - falsePositives, falsePositives: falsePositives,
                    falseNegatives: allPositives - truePositives, truePositives: truePositives))
        }
    }

    /// Orders candidates by recall, then threshold: the maximum is the largest recall at the highest threshold.
    private static func byRecallThenThreshold(_ a: ThresholdMetrics, _ b: ThresholdMetrics) -> Bool {
        (a.recall, a.threshold) < (b.recall, b.threshold)
    }

    private static func summary(_ m: ThresholdMetrics) -> String {
        "precision \(format(m.precision)), recall \(format(m.recall)), false-positive rate "
            + (m.falsePositiveRate.map { format($0) } ?? "undefined")
    }

    /// Four decimals, enough to tell thresholds apart in an explanation.
    private static func format(_ value: Double) -> String { Format.fixed(value, digits: 4) }
}

extension ThresholdRule {
    private enum CodingKeys: String, CodingKey { case kind, value }

    /// Reads `{"kind": "targetPrecision", "value": 0.9}` (`value` absent for `bestF1`).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "targetPrecision": self = .targetPrecision(try container.decode(Double.self, forKey: .value))
        case "targetFalsePositiveRate": self = .targetFalsePositiveRate(try container.decode(Double.self, forKey: .value))
        case "bestF1": self = .bestF1
        case "fixed": self = .fixed(try container.decode(Double.self, forKey: .value))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "unknown threshold rule \"\(kind)\"; expected targetPrecision, targetFalsePositiveRate, bestF1 or fixed")
        }
    }

    /// Writes the rule as a kind name and, when it has one, its value, so model files read plainly.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .targetPrecision(value):
            try container.encode("targetPrecision", forKey: .kind)
            try container.encode(value, forKey: .value)
        case let .targetFalsePositiveRate(value):
            try container.encode("targetFalsePositiveRate", forKey: .kind)
            try container.encode(value, forKey: .value)
        case .bestF1:
            try container.encode("bestF1", forKey: .kind)
        case let .fixed(value):
            try container.encode("fixed", forKey: .kind)
            try container.encode(value, forKey: .value)
        }
    }
}

/// A chosen threshold with the rule that chose it and what it achieved on the scores it was chosen on.
public struct ThresholdChoice: Codable, Equatable, Sendable {
    public let threshold: Double
    public let rule: ThresholdRule
    public let precision: Double
    public let recall: Double
    /// nil when there were no negative labels (only possible for `fixed`).
    public let falsePositiveRate: Double?
    /// False when the rule's target could not be reached and a fallback was chosen.
    public let targetMet: Bool
    /// One sentence for people, e.g. "highest-recall threshold whose out-of-fold precision ≥ 0.9000: ...".
    public let explanation: String

    init(rule: ThresholdRule, achieved: ThresholdMetrics, targetMet: Bool, explanation: String) {
        threshold = achieved.threshold
        self.rule = rule
        precision = achieved.precision
        recall = achieved.recall
        falsePositiveRate = achieved.falsePositiveRate
        self.targetMet = targetMet
        self.explanation = explanation
    }
}
