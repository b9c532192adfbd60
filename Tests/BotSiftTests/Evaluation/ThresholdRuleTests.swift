import Foundation
import Testing
@testable import BotSift

@Suite struct ThresholdRuleTests {
    // Candidates (score >= t), 3 bots and 3 non-bots:
    //   t    tp fp  precision recall  FPR   F1 = 2tp/(2tp+fp+fn)
    //   0.9  1  0   1         1/3     0     2/4 = 0.5
    //   0.8  2  0   1         2/3     0     4/5 = 0.8
    //   0.7  2  1   2/3       2/3     1/3   4/6
    //   0.6  3  1   3/4       1       1/3   6/7
    //   0.5  3  2   3/5       1       2/3   6/8
    //   0.4  3  3   1/2       1       1     6/9
    let labels = [1, 1, 0, 1, 0, 0]
    let scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]

    @Test func targetPrecisionTakesTheLargestRecallMeetingIt() throws {
        let choice = try ThresholdRule.targetPrecision(0.75).choose(labels: labels, scores: scores)
        #expect(choice.threshold == 0.6 && choice.precision == 0.75 && choice.recall == 1)
        #expect(choice.falsePositiveRate == 1.0 / 3.0 && choice.targetMet)
        #expect(choice.explanation.hasPrefix("highest-recall threshold whose out-of-fold precision ≥ 0.7500: 0.6000"))
        // Precision 1 is met at 0.9 and 0.8; 0.8 has the larger recall.
        #expect(try ThresholdRule.targetPrecision(1).choose(labels: labels, scores: scores).threshold == 0.8)
    }

    @Test func unreachablePrecisionFallsBackToHighestPrecisionAndSaysSo() throws {
        // 0.9 -> P 0; 0.8 -> P 1/2, R 1/2; 0.7 -> P 1/3; 0.6 -> P 2/4, R 1. Best precision 1/2, larger recall at 0.6.
        let choice = try ThresholdRule.targetPrecision(0.9).choose(labels: [0, 1, 0, 1], scores: [0.9, 0.8, 0.7, 0.6])
        #expect(choice.threshold == 0.6 && choice.precision == 0.5 && choice.recall == 1)
        #expect(!choice.targetMet)
        #expect(choice.explanation.contains("NOT met"))
    }

    @Test func targetFalsePositiveRateTakesTheLargestRecallWithin() throws {
        // FPR <= 0.34 admits 0.9, 0.8, 0.7, 0.6; 0.6 has recall 1 (0.7 has the same FPR but lower recall).
        let choice = try ThresholdRule.targetFalsePositiveRate(0.34).choose(labels: labels, scores: scores)
        #expect(choice.threshold == 0.6 && choice.recall == 1 && choice.falsePositiveRate == 1.0 / 3.0)
        // FPR 0: 0.9 and 0.8 qualify; 0.8 has the larger recall.
        #expect(try ThresholdRule.targetFalsePositiveRate(0).choose(labels: labels, scores: scores).threshold == 0.8)
    }

    @Test func unreachableFalsePositiveRateFlagsNothing() throws {
        // The top score is a non-bot, so every observed threshold has FPR >= 1/2.
        let choice = try ThresholdRule.targetFalsePositiveRate(0.1).choose(labels: [0, 1, 0, 1], scores: [0.9, 0.8, 0.7, 0.6])
        #expect(choice.threshold == 0.9.nextUp && choice.recall == 0 && choice.falsePositiveRate == 0)
        #expect(!choice.targetMet && choice.explanation.contains("NOT met"))
    }

    @Test func bestF1AndFixed() throws {
        #expect(try ThresholdRule.bestF1.choose(labels: labels, scores: scores).threshold == 0.6)  // F1 6/7
        let fixed = try ThresholdRule.fixed(0.75).choose(labels: labels, scores: scores, scoresDescription: "training")
        #expect(fixed.threshold == 0.75 && fixed.precision == 1 && fixed.recall == 2.0 / 3.0)
        #expect(fixed.explanation.hasPrefix("fixed threshold 0.7500; on the training scores"))
    }

    @Test func tiedScoresAreOneCandidate() throws {
        // Every row at 0.5: the only candidate flags all, precision 2/3.
        let choice = try ThresholdRule.targetPrecision(0.5).choose(labels: [1, 0, 1], scores: [0.5, 0.5, 0.5])
        #expect(choice.threshold == 0.5 && choice.precision == 2.0 / 3.0 && choice.recall == 1)
    }

    @Test func rulesMatchBruteForceReference() throws {
        for c in MetricsReferenceCase.all where c.labels.contains(0) && c.labels.contains(1) {
            func expected(_ key: String) -> Double? { c.ruleThresholds[key] ?? nil }
            func chosen(_ rule: ThresholdRule) throws -> ThresholdChoice { try rule.choose(labels: c.labels, scores: c.scores) }
            for target in [0.9, 0.5] {
                let choice = try chosen(.targetPrecision(target))
                let reference = expected("target_precision_\(target)") ?? expected("highest_precision")
                #expect(choice.threshold == reference, "\(c.name) precision \(target)")
                #expect(choice.targetMet == (expected("target_precision_\(target)") != nil))
            }
            for target in [0.05, 0.01] {
                let choice = try chosen(.targetFalsePositiveRate(target))
                if let reference = expected("target_fpr_\(target)") {
                    #expect(choice.threshold == reference, "\(c.name) fpr \(target)")
                } else {
                    #expect(!choice.targetMet, "\(c.name) fpr \(target)")
                }
            }
            #expect(try chosen(.bestF1).threshold == expected("best_f1"), "\(c.name) best F1")
        }
    }

    @Test func invalidInputsThrow() {
        #expect(throws: EvaluationError.singleClass(needed: "choosing a threshold")) {
            try ThresholdRule.bestF1.choose(labels: [1, 1], scores: [0.2, 0.4])
        }
        #expect(throws: EvaluationError.invalidTarget("target precision 0.0 must be in (0, 1]")) {
            try ThresholdRule.targetPrecision(0).choose(labels: labels, scores: scores)
        }
        #expect(throws: EvaluationError.invalidScore(row: 1, value: .infinity)) {
            try ThresholdRule.bestF1.choose(labels: [1, 0], scores: [0.2, .infinity])
        }
        #expect(throws: EvaluationError.lengthMismatch(labels: 2, scores: 1)) {
            try ThresholdRule.bestF1.choose(labels: [1, 0], scores: [0.2])
        }
    }

    @Test func choiceRoundTripsThroughJSON() throws {
        let choice = try ThresholdRule.targetFalsePositiveRate(0.34).choose(labels: labels, scores: scores)
        let decoded = try JSONDecoder().decode(ThresholdChoice.self, from: JSONEncoder().encode(choice))
        #expect(decoded == choice)
        #expect(decoded.rule == .targetFalsePositiveRate(0.34))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let ruleJSON = String(decoding: try encoder.encode(ThresholdRule.targetPrecision(0.9)), as: UTF8.self)
        #expect(ruleJSON == #"{"kind":"targetPrecision","value":0.9}"#)
        #expect(try JSONDecoder().decode(ThresholdRule.self, from: Data(#"{"kind":"bestF1"}"#.utf8)) == .bestF1)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ThresholdRule.self, from: Data(#"{"kind":"maxRecall"}"#.utf8))
        }
    }
}
