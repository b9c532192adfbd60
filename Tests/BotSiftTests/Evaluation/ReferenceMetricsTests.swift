import Foundation
import Testing
@testable import BotSift

/// One test vector with the values scikit-learn and numpy gave for it (Scripts/reference/metrics_reference.py).
struct MetricsReferenceCase: Decodable, Sendable, CustomTestStringConvertible {
    struct AtThreshold: Decodable, Sendable {
        let threshold, precision, recall, f1: Double
        let trueNegatives, falsePositives, falseNegatives, truePositives: Int
    }
    struct Bin: Decodable, Sendable {
        let count: Int
        let meanPredicted: Double?
        let observedPositiveRate: Double?
    }
    struct TopK: Decodable, Sendable { let k: Int; let precision: Double }
    struct RecallAtRate: Decodable, Sendable {
        let target, recall, falsePositiveRate: Double
        let threshold: Double?
    }

    let name: String
    let labels: [Int]
    let scores: [Double]
    let rocAuc, averagePrecision, brier: Double
    let atThresholds: [AtThreshold]
    let calibration: [Bin]
    let precisionAtK: [TopK]
    let recallAtFpr: [RecallAtRate]
    let ruleThresholds: [String: Double?]

    var testDescription: String { name }

    /// All committed cases, decoded from the Fixtures bundle.
    static let all: [MetricsReferenceCase] = {
        struct File: Decodable { let cases: [MetricsReferenceCase] }
        let url = Bundle.module.url(forResource: "metrics", withExtension: "json", subdirectory: "Fixtures/reference")!
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try! decoder.decode(File.self, from: Data(contentsOf: url)).cases
    }()
}

@Suite struct ReferenceMetricsTests {
    static let tolerance = 1e-12

    @Test func fixtureHasEveryVector() {
        #expect(MetricsReferenceCase.all.map(\.name) == [
            "random", "heavy_ties", "all_tied", "perfect_separation", "tiny", "imbalanced_2pct",
        ])
    }

    @Test(arguments: MetricsReferenceCase.all)
    func rankingMetricsMatchScikitLearn(_ c: MetricsReferenceCase) throws {
        let auc = try #require(Metrics.rocAUC(labels: c.labels, scores: c.scores))
        let ap = try #require(Metrics.averagePrecision(labels: c.labels, scores: c.scores))
        let brier = try #require(Metrics.brierScore(labels: c.labels, scores: c.scores))
        #expect(abs(auc - c.rocAuc) <= Self.tolerance)
        #expect(abs(ap - c.averagePrecision) <= Self.tolerance)
        #expect(abs(brier - c.brier) <= Self.tolerance)
    }

    @Test(arguments: MetricsReferenceCase.all)
    func thresholdMetricsMatchScikitLearn(_ c: MetricsReferenceCase) {
        for expected in c.atThresholds {
            let m = Metrics.atThreshold(labels: c.labels, scores: c.scores, threshold: expected.threshold)
            #expect(m.confusion == ConfusionMatrix(
                trueNegatives: expected.trueNegatives, falsePositives: expected.falsePositives,
                falseNegatives: expected.falseNegatives, truePositives: expected.truePositives))
            #expect(abs(m.precision - expected.precision) <= Self.tolerance)
            #expect(abs(m.recall - expected.recall) <= Self.tolerance)
            #expect(abs(m.f1 - expected.f1) <= Self.tolerance)
        }
    }

    @Test(arguments: MetricsReferenceCase.all)
    func calibrationMatchesNumpy(_ c: MetricsReferenceCase) {
        let table = Metrics.calibrationTable(labels: c.labels, scores: c.scores)
        #expect(table.map(\.count) == c.calibration.map(\.count))
        for (bin, expected) in zip(table, c.calibration) {
            #expect((bin.meanPredicted == nil) == (expected.meanPredicted == nil))
            #expect(abs((bin.meanPredicted ?? 0) - (expected.meanPredicted ?? 0)) <= Self.tolerance)
            #expect(abs((bin.observedPositiveRate ?? 0) - (expected.observedPositiveRate ?? 0)) <= Self.tolerance)
        }
    }

    @Test(arguments: MetricsReferenceCase.all)
    func topKAndRecallAtRateMatchReference(_ c: MetricsReferenceCase) throws {
        let topK = [50, 100, 500].compactMap { Metrics.precisionAtTopK(labels: c.labels, scores: c.scores, k: $0) }
        #expect(topK.map(\.k) == c.precisionAtK.map(\.k))
        #expect(topK.map(\.precision) == c.precisionAtK.map(\.precision))
        for expected in c.recallAtFpr {
            let r = try #require(Metrics.recallAtFalsePositiveRate(labels: c.labels, scores: c.scores, target: expected.target))
            #expect(abs(r.recall - expected.recall) <= Self.tolerance)
            #expect(abs(r.falsePositiveRate - expected.falsePositiveRate) <= Self.tolerance)
            #expect(r.threshold == expected.threshold)
        }
    }
}
