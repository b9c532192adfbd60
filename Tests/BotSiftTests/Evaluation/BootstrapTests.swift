import Testing
@testable import BotSift

@Suite struct BootstrapTests {
    static let random = MetricsReferenceCase.all.first { $0.name == "random" }!

    @Test func sameSeedSameIntervalsDifferentSeedDifferent() throws {
        let c = Self.random
        let a = try BootstrapIntervals(labels: c.labels, scores: c.scores, threshold: 0.5, resamples: 200, seed: 5)
        let b = try BootstrapIntervals(labels: c.labels, scores: c.scores, threshold: 0.5, resamples: 200, seed: 5)
        let other = try BootstrapIntervals(labels: c.labels, scores: c.scores, threshold: 0.5, resamples: 200, seed: 6)
        #expect(a == b)
        #expect(a.rocAUC != other.rocAUC)
    }

    @Test func intervalsContainThePointEstimates() throws {
        let c = Self.random
        let intervals = try BootstrapIntervals(labels: c.labels, scores: c.scores, threshold: 0.5, seed: 42)
        let at = Metrics.atThreshold(labels: c.labels, scores: c.scores, threshold: 0.5)
        let auc = try #require(intervals.rocAUC), ap = try #require(intervals.averagePrecision)
        let precision = try #require(intervals.precision), recall = try #require(intervals.recall)
        #expect(auc.contains(c.rocAuc) && ap.contains(c.averagePrecision))
        #expect(precision.contains(at.precision) && recall.contains(at.recall))
        // With 1,000 rows the AUC interval is a few hundredths wide, not zero and not huge.
        #expect(auc.upper - auc.lower > 0.01 && auc.upper - auc.lower < 0.1)
        #expect(intervals.resamples == 1000 && intervals.skippedSingleClassResamples == 0)
    }

    @Test func plainResamplesOfRarePositivesSkipSingleClassOnes() throws {
        // 2 bots in 10 rows: a plain resample lacks bots with probability 0.8^10 ≈ 0.107 (≈ 107 of 1,000).
        let labels = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
        let scores = [0.9, 0.3, 0.8, 0.7, 0.6, 0.5, 0.4, 0.2, 0.1, 0.05]
        let plain = try BootstrapIntervals(labels: labels, scores: scores, threshold: 0.5, seed: 1, sampling: .plain)
        #expect(plain.skippedSingleClassResamples > 60 && plain.skippedSingleClassResamples < 160)
        let stratified = try BootstrapIntervals(labels: labels, scores: scores, threshold: 0.5, seed: 1)
        #expect(stratified.skippedSingleClassResamples == 0)
    }

    @Test func singleClassDataHasNoIntervals() throws {
        let intervals = try BootstrapIntervals(labels: [0, 0, 0], scores: [0.1, 0.2, 0.3], threshold: 0.5, resamples: 10, seed: 0)
        #expect(intervals.skippedSingleClassResamples == 10 && intervals.rocAUC == nil && intervals.recall == nil)
    }

    @Test func perfectSeparationHasDegenerateAUCInterval() throws {
        let intervals = try BootstrapIntervals(
            labels: [0, 0, 0, 1, 1, 1], scores: [0.1, 0.2, 0.3, 0.7, 0.8, 0.9], threshold: 0.5, resamples: 100, seed: 0)
        #expect(intervals.rocAUC == ConfidenceInterval(lower: 1, upper: 1))
    }

    @Test func percentilesInterpolateLikeNumpy() {
        // numpy.percentile(range(1, 11), [2.5, 97.5]) = [1.225, 9.775]: positions 0.225 and 8.775 of 0...9.
        let interval = BootstrapIntervals.percentileInterval((1...10).map(Double.init), level: 0.95)!
        #expect(abs(interval.lower - 1.225) < 1e-12 && abs(interval.upper - 9.775) < 1e-12)
        #expect(BootstrapIntervals.percentileInterval([], level: 0.95) == nil)
    }
}
