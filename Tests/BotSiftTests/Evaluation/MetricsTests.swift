import Testing
@testable import BotSift

@Suite struct MetricsTests {
    // Positives at 0.9, 0.7, 0.3; negatives at 0.7, 0.3 (a tie in each negative's group).
    let tiedLabels = [1, 1, 0, 1, 0]
    let tiedScores = [0.9, 0.7, 0.7, 0.3, 0.3]

    @Test func rocAUCCountsTiesAsHalf() throws {
        // Six positive-negative pairs: 0.9>0.7 (1), 0.9>0.3 (1), 0.7=0.7 (1/2), 0.7>0.3 (1), 0.3<0.7 (0),
        // 0.3=0.3 (1/2) -> 4/6.
        let auc = try #require(Metrics.rocAUC(labels: tiedLabels, scores: tiedScores))
        #expect(abs(auc - 4.0 / 6.0) < 1e-15)
        // scikit-learn's documentation example: [0,0,1,1] with [0.1,0.4,0.35,0.8] -> 3 of 4 pairs ordered.
        #expect(Metrics.rocAUC(labels: [0, 0, 1, 1], scores: [0.1, 0.4, 0.35, 0.8]) == 0.75)
    }

    @Test func averagePrecisionStepsOverTiedGroups() throws {
        // Groups: 0.9 -> tp 1 of 1 flagged (P 1); 0.7 -> tp 2 of 3 (P 2/3); 0.3 -> tp 3 of 5 (P 3/5);
        // each group adds recall 1/3: AP = (1 + 2/3 + 3/5) / 3 = 34/45.
        let ap = try #require(Metrics.averagePrecision(labels: tiedLabels, scores: tiedScores))
        #expect(abs(ap - 34.0 / 45.0) < 1e-15)
    }

    @Test func singleClassMetricsAreNil() {
        #expect(Metrics.rocAUC(labels: [0, 0, 0], scores: [0.1, 0.5, 0.9]) == nil)
        #expect(Metrics.rocAUC(labels: [1, 1], scores: [0.1, 0.5]) == nil)
        #expect(Metrics.averagePrecision(labels: [0, 0, 0], scores: [0.1, 0.5, 0.9]) == nil)
        // All positives: every group has precision 1, so AP = 1 (as scikit-learn says).
        #expect(Metrics.averagePrecision(labels: [1, 1], scores: [0.1, 0.5]) == 1)
        #expect(Metrics.recallAtFalsePositiveRate(labels: [1, 1], scores: [0.1, 0.5], target: 0.01) == nil)
        #expect(Metrics.atThreshold(labels: [1, 1], scores: [0.1, 0.5], threshold: 0.3).falsePositiveRate == nil)
    }

    @Test func thresholdMetricsCountScoreEqualToThresholdAsPositive() {
        // >= 0.7 flags rows 0, 1, 2: tp 2, fp 1, fn 1 (row 3), tn 1 (row 4).
        let m = Metrics.atThreshold(labels: tiedLabels, scores: tiedScores, threshold: 0.7)
        #expect(m.confusion == ConfusionMatrix(trueNegatives: 1, falsePositives: 1, falseNegatives: 1, truePositives: 2))
        #expect(m.precision == 2.0 / 3.0)  // 2 / (2 + 1)
        #expect(m.recall == 2.0 / 3.0)  // 2 / (2 + 1)
        #expect(m.f1 == 4.0 / 6.0)  // 2*2 / (2*2 + 1 + 1)
        #expect(m.falsePositiveRate == 0.5)  // 1 / (1 + 1)
    }

    @Test func nothingFlaggedGivesZeroDivisionZero() {
        let m = Metrics.atThreshold(labels: tiedLabels, scores: tiedScores, threshold: 0.95)
        #expect(m.confusion == ConfusionMatrix(trueNegatives: 2, falsePositives: 0, falseNegatives: 3, truePositives: 0))
        #expect(m.precision == 0 && m.recall == 0 && m.f1 == 0 && m.falsePositiveRate == 0)
    }

    @Test func brierIsMeanSquaredError() {
        // ((0.2 - 0)^2 + (0.6 - 1)^2) / 2 = (0.04 + 0.16) / 2 = 0.1
        let brier = Metrics.brierScore(labels: [0, 1], scores: [0.2, 0.6])!
        #expect(abs(brier - 0.1) < 1e-16)
        #expect(Metrics.brierScore(labels: [], scores: []) == nil)
    }

    @Test func calibrationBinsAreHalfOpenWithLastClosed() {
        let table = Metrics.calibrationTable(labels: [0, 0, 1, 1, 1, 0], scores: [0.0, 0.05, 0.1, 0.3, 0.95, 1.0])
        #expect(table.map(\.count) == [2, 1, 0, 1, 0, 0, 0, 0, 0, 2])
        #expect(table[0].meanPredicted == 0.025)  // (0.0 + 0.05) / 2
        #expect(table[0].observedPositiveRate == 0)
        #expect(table[1].lower == 0.1 && table[1].observedPositiveRate == 1)  // 0.1 sits in [0.1, 0.2)
        #expect(table[3].count == 1)  // 0.3 sits in [0.3, 0.4), not [0.2, 0.3)
        #expect(table[2].meanPredicted == nil && table[2].observedPositiveRate == nil)
        #expect(abs(table[9].meanPredicted! - 0.975) < 1e-15)  // (0.95 + 1.0) / 2; 1.0 is in the last bin
        #expect(table[9].observedPositiveRate == 0.5)
    }

    @Test func precisionAtTopKBreaksTiesByInputOrder() throws {
        // 45 bots at 0.9, then ten rows at 0.5 (five non-bots first, then five bots), then five at 0.1.
        let labels = [Int](repeating: 1, count: 45) + [0, 0, 0, 0, 0, 1, 1, 1, 1, 1] + [0, 0, 0, 0, 0]
        let scores = [Double](repeating: 0.9, count: 45) + [Double](repeating: 0.5, count: 10)
            + [Double](repeating: 0.1, count: 5)
        // The top 50: the 45 bots and the first five tied rows (non-bots): 45 / 50.
        let top = try #require(Metrics.precisionAtTopK(labels: labels, scores: scores, k: 50))
        #expect(top == PrecisionAtK(k: 50, positives: 45, precision: 0.9, cutFallsInsideTie: true))
        #expect(Metrics.precisionAtTopK(labels: labels, scores: scores, k: 45)?.cutFallsInsideTie == false)
        #expect(Metrics.precisionAtTopK(labels: labels, scores: scores, k: 100) == nil)
    }

    @Test func recallAtFalsePositiveRateUsesObservedScores() throws {
        // Bots at 0.9, 0.8, 0.6, 0.4; ten non-bots at 0.85, 0.5, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05, 0.02, 0.01.
        let labels = [1, 1, 1, 1] + [Int](repeating: 0, count: 10)
        let scores = [0.9, 0.8, 0.6, 0.4, 0.85, 0.5, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05, 0.02, 0.01]
        // FPR <= 0.1 allows one false positive (0.85): thresholds down to 0.6 catch 3 of 4 bots; 0.5 would
        // make FPR 0.2.
        let tenth = try #require(Metrics.recallAtFalsePositiveRate(labels: labels, scores: scores, target: 0.1))
        #expect(tenth == RecallAtFalsePositiveRate(targetFalsePositiveRate: 0.1, recall: 0.75, falsePositiveRate: 0.1, threshold: 0.6))
        // FPR 0: only the 0.9 bot, above the first non-bot.
        let zero = try #require(Metrics.recallAtFalsePositiveRate(labels: labels, scores: scores, target: 0))
        #expect(zero == RecallAtFalsePositiveRate(targetFalsePositiveRate: 0, recall: 0.25, falsePositiveRate: 0, threshold: 0.9))
        // When the top score is a non-bot, FPR 0 means flagging nothing.
        let none = try #require(Metrics.recallAtFalsePositiveRate(labels: [0, 1], scores: [0.9, 0.1], target: 0))
        #expect(none == RecallAtFalsePositiveRate(targetFalsePositiveRate: 0, recall: 0, falsePositiveRate: 0, threshold: nil))
    }

    @Test func recallPerCampaignCountsOnlyThatCampaignsBots() {
        let result = Metrics.recallPerCampaign(
            labels: [1, 1, 1, 0, 0], scores: [0.9, 0.4, 0.6, 0.7, 0.2], campaigns: ["a", "a", "b", nil, "b"],
            threshold: 0.8)
        #expect(result == [
            // a: bots at 0.9 and 0.4 -> 1 of 2 at 0.8, 1 of 2 at 0.5.
            CampaignRecall(campaign: "a", rows: 2, positives: 2, recallAtThreshold: 0.5, recallAtHalf: 0.5),
            // b: one bot at 0.6 (0 at 0.8, 1 at 0.5) and one non-bot that does not count.
            CampaignRecall(campaign: "b", rows: 2, positives: 1, recallAtThreshold: 0, recallAtHalf: 1),
        ])
        let noBots = Metrics.recallPerCampaign(labels: [0], scores: [0.9], campaigns: ["c"], threshold: 0.5)
        #expect(noBots == [CampaignRecall(campaign: "c", rows: 1, positives: 0, recallAtThreshold: nil, recallAtHalf: nil)])
    }

    @Test func textFormattingIsFixedAndGrouped() {
        #expect(Format.fixed(0.5, digits: 4) == "0.5000")
        #expect(Format.fixed(-1.25, digits: 2) == "-1.25")
        #expect(Format.fixed(0.99996, digits: 4) == "1.0000")
        #expect(Format.fixed(0.0421, digits: 4) == "0.0421")
        #expect(Format.fixed(12, digits: 0) == "12")
        #expect(Format.grouped(1_234_567) == "1,234,567")
        #expect(Format.grouped(999) == "999")
        #expect(Format.percent(0.001) == "0.1%")
    }
}
