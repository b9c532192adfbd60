import Foundation
import Testing
@testable import BotSift

@Suite struct EvaluationReportTests {
    static let imbalanced = MetricsReferenceCase.all.first { $0.name == "imbalanced_2pct" }!

    /// The imbalanced reference case with its bots split across two campaigns by row parity.
    static func campaigns(for c: MetricsReferenceCase) -> [String?] {
        c.labels.indices.map { c.labels[$0] == 1 ? ($0 % 2 == 0 ? "china_082019_1" : "iran_201906") : nil }
    }

    static func report(resamples: Int = 300) throws -> EvaluationReport {
        let c = imbalanced
        return try EvaluationReport(
            labels: c.labels, scores: c.scores, campaigns: campaigns(for: c), threshold: 0.3,
            thresholdSource: "fixed for the test", bootstrapResamples: resamples, seed: 7)
    }

    @Test func holdsTheReferenceValues() throws {
        let c = Self.imbalanced, report = try Self.report()
        #expect(report.rows == 5000 && report.positives == 100 && report.negatives == 4900)
        #expect(abs(report.rocAUC! - c.rocAuc) <= 1e-12 && abs(report.averagePrecision! - c.averagePrecision) <= 1e-12)
        #expect(abs(report.brierScore - c.brier) <= 1e-12)
        let at03 = c.atThresholds.first { $0.threshold == 0.3 }!, at05 = c.atThresholds.first { $0.threshold == 0.5 }!
        #expect(report.atThreshold.confusion.truePositives == at03.truePositives)
        #expect(report.atThreshold.confusion.falsePositives == at03.falsePositives)
        #expect(report.atHalf.confusion.truePositives == at05.truePositives)
        #expect(report.precisionAtTopK.map(\.k) == [50, 100, 500])
        #expect(report.recallAtFalsePositiveRate.map(\.recall) == c.recallAtFpr.map(\.recall))
        #expect(report.calibration.map(\.count) == c.calibration.map(\.count))
        // Campaign recalls add back up to the overall recall: caught bots / 100.
        let caught = report.campaigns.reduce(0.0) { $0 + $1.recallAtThreshold! * Double($1.positives) }
        #expect(report.campaigns.map(\.campaign) == ["china_082019_1", "iran_201906"])
        #expect(abs(caught / 100 - report.atThreshold.recall) < 1e-12)
        #expect(report.bootstrap?.resamples == 300 && report.bootstrap!.recall!.contains(report.atThreshold.recall))
    }

    @Test func textHasAlignedTablesAndEveryFigure() throws {
        let report = try Self.report()
        let text = report.renderText()
        #expect(text.hasPrefix("Evaluation of 5,000 accounts: 100 bots (label 1), 4,900 not bots (label 0)\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let aucLine = try #require(lines.first { $0.hasPrefix("  ROC AUC") })
        #expect(aucLine.contains(Format.fixed(report.rocAUC!, digits: 4)))
        #expect(aucLine.contains("\(Format.fixed(report.bootstrap!.rocAUC!.lower, digits: 4)) – "))
        #expect(lines.contains { $0.hasPrefix("  Recall at FPR ≤ 0.1%") })
        #expect(lines.contains { $0.hasPrefix("  [0.9, 1.0]") })
        // Alignment: the Value column of the summary table is right-aligned, so every value ends at one column.
        let summary = lines.drop { $0 != "Summary" }.dropFirst().prefix { !$0.isEmpty }
        let valueEnds = Set(summary.dropFirst(2).map { line -> Int in
            let cells = line.dropFirst(2).components(separatedBy: "  ").filter { !$0.isEmpty }
            return line.range(of: cells[1].trimmingCharacters(in: .whitespaces))!.upperBound.utf16Offset(in: line)
        })
        #expect(valueEnds.count == 1)
        #expect(text.contains("95% CI: percentile bootstrap, 300 resamples stratified by class, seed 7."))
    }

    @Test func singleClassReportSaysWhatIsUndefined() throws {
        let report = try EvaluationReport(
            labels: [0, 0, 0], scores: [0.1, 0.6, 0.2], threshold: 0.5, thresholdSource: "test",
            bootstrapResamples: 20, seed: 1)
        #expect(report.rocAUC == nil && report.averagePrecision == nil && report.recallAtFalsePositiveRate.isEmpty)
        #expect(report.notes.contains { $0.hasPrefix("The labels contain no bots (label 1)") })
        #expect(report.notes.contains("Precision in the top 50 is not reported: only 3 accounts."))
        let text = report.renderText()
        #expect(text.contains("ROC AUC") && text.contains("undefined"))
        #expect(text.contains("20 of 20 bootstrap resamples held only one class"))
    }

    @Test func jsonRoundTripsWithSortedKeys() throws {
        let report = try Self.report(resamples: 50)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: data)
        #expect(try encoder.encode(decoded) == data)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\"atHalf\":"))
    }

    @Test func invalidInputsThrow() {
        #expect(throws: EvaluationError.invalidScore(row: 1, value: 1.5)) {
            try EvaluationReport(labels: [0, 1], scores: [0.2, 1.5], threshold: 0.5, thresholdSource: "", seed: 0)
        }
        #expect(throws: EvaluationError.invalidLabel(row: 0, value: 2)) {
            try EvaluationReport(labels: [2, 1], scores: [0.2, 0.5], threshold: 0.5, thresholdSource: "", seed: 0)
        }
        #expect(throws: EvaluationError.campaignCountMismatch(labels: 2, campaigns: 1)) {
            try EvaluationReport(labels: [0, 1], scores: [0.2, 0.5], campaigns: ["a"], threshold: 0.5, thresholdSource: "", seed: 0)
        }
        #expect(throws: EvaluationError.noRows) {
            try EvaluationReport(labels: [], scores: [], threshold: 0.5, thresholdSource: "", seed: 0)
        }
    }
}
