/// Why an evaluation input was refused: each case names the row or value at fault and what to do about it.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    case lengthMismatch(labels: Int, scores: Int)
    case campaignCountMismatch(labels: Int, campaigns: Int)
    case invalidLabel(row: Int, value: Int)
    case invalidScore(row: Int, value: Double)
    case noRows
    case singleClass(needed: String)
    case invalidTarget(String)
    case invalidFoldCount(Int)
    case classTooSmallForFolds(label: Int, members: Int, folds: Int)
    case invalidResampleCount(Int)

    /// A one-line message for the command line.
    public var description: String {
        switch self {
        case let .lengthMismatch(labels, scores):
            return "evaluation: \(labels) labels but \(scores) scores; every scored row needs exactly one label"
        case let .campaignCountMismatch(labels, campaigns):
            return "evaluation: \(labels) labels but \(campaigns) campaign entries; give one (possibly empty) per row"
        case let .invalidLabel(row, value):
            return "evaluation: row \(row) has label \(value); labels must be 0 (not a bot) or 1 (bot)"
        case let .invalidScore(row, value):
            return "evaluation: row \(row) has score \(value); scores must be probabilities in [0, 1]"
        case .noRows:
            return "evaluation: no rows to evaluate; check that the labels file matches the scored accounts"
        case let .singleClass(needed):
            return "evaluation: the labels contain only one class, but \(needed) needs both bots and non-bots"
        case let .invalidTarget(what):
            return "evaluation: \(what)"
        case let .invalidFoldCount(folds):
            return "evaluation: \(folds) folds requested; cross-validation needs at least 2"
        case let .classTooSmallForFolds(label, members, folds):
            return "evaluation: class \(label) has \(members) rows, fewer than the \(folds) folds requested; "
                + "use at most \(members) folds or add labeled accounts"
        case let .invalidResampleCount(count):
            return "evaluation: \(count) bootstrap resamples requested; use at least 1 (1,000 is the default)"
        }
    }
}

/// Input checks shared by the throwing entry points (report, threshold rules, bootstrap).
enum EvaluationInput {
    /// Throws unless labels and scores have equal length, labels are 0/1 and scores are finite
    /// (and, when `probabilities` is set, within [0, 1]).
    static func validate(labels: [Int], scores: [Double], probabilities: Bool) throws {
        guard labels.count == scores.count else {
            throw EvaluationError.lengthMismatch(labels: labels.count, scores: scores.count)
        }
        for (row, label) in labels.enumerated() where label != 0 && label != 1 {
            throw EvaluationError.invalidLabel(row: row, value: label)
        }
        for (row, score) in scores.enumerated() {
            let outOfRange = probabilities && (score < 0 || score > 1)
            if !score.isFinite || outOfRange { throw EvaluationError.invalidScore(row: row, value: score) }
        }
    }
}
