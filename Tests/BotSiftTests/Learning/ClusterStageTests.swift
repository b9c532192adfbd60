import Foundation
import LinAlg
import Testing
@testable import BotSift

/// Two standardised groups of three accounts: centres (-1, 0, 2) and (1, 0, -3), exact in floating point.
private let standardized = Matrix([
    [-1, 0, 2], [-1, 0.5, 2], [-1, -0.5, 2],
    [1, 0, -3], [1, 0.25, -3], [1, -0.25, -3],
])
private let labels = [1, 1, 0, 0, 0, 0]
private let means: [Double] = [10, 20, 30]
private let scales: [Double] = [2, 4, 0.5]
private let names = ["followers", "tweets_per_day", "account_age"]

@Suite struct ClusterStageTests {
    private func fitTwoGroups() throws -> FittedClusterStage {
        try ClusterStage(kmeans: KMeans(clusterCount: 2, initializations: 2, seed: 4), distinctiveCount: 2)
            .fit(standardized: standardized, labels: labels, means: means, scales: scales, featureNames: names)
    }

    @Test func profilesHoldSizeBotShareUnscaledCentroidAndDistinctiveFeatures() throws {
        let stage = try fitTwoGroups()
        #expect(stage.profiles.count == 2)
        let first = try #require(stage.profiles.first { $0.centroid[0] < 10 })
        let second = try #require(stage.profiles.first { $0.centroid[0] > 10 })
        #expect(first.size == 3 && second.size == 3)
        #expect(first.botShare == 2.0 / 3 && second.botShare == 0)
        // original = z · scale + mean: (-1·2 + 10, 0·4 + 20, 2·0.5 + 30) and (1·2 + 10, 20, -3·0.5 + 30).
        #expect(first.centroid == [8, 20, 31])
        #expect(second.centroid == [12, 20, 28.5])
        #expect(first.distinctive == [DistinctiveFeature(name: "account_age", z: 2), DistinctiveFeature(name: "followers", z: -1)])
        #expect(second.distinctive == [DistinctiveFeature(name: "account_age", z: -3), DistinctiveFeature(name: "followers", z: 1)])
        #expect(stage.profiles.map(\.index) == [0, 1])
    }

    @Test func predictionReportsTheNearestClustersBotShare() throws {
        let stage = try fitTwoGroups()
        let newAccounts = Matrix([[-0.9, 0.1, 1.8], [1.2, 0, -2.5]])
        #expect(stage.clusterBotShare(standardized: newAccounts) == [2.0 / 3, 0])
        let assigned = stage.assign(standardized: newAccounts)
        #expect(stage.profiles[assigned[0]].centroid == [8, 20, 31])
    }

    @Test func fewerRowsThanClustersUsesOneClusterPerRow() throws {
        let two = Matrix([[-1, 0, 2], [1, 0, -3]])
        let stage = try ClusterStage().fit(standardized: two, labels: [1, 0], means: means, scales: scales, featureNames: names)
        #expect(stage.model.centers.rows == 2)
        #expect(stage.profiles.map(\.size) == [1, 1])
        #expect(stage.profiles.map(\.botShare).sorted() == [0, 1])
        #expect(stage.profiles.allSatisfy { $0.distinctive.count == 3 })
    }

    @Test func badInputsThrowTypedErrors() {
        let stage = ClusterStage(kmeans: KMeans(clusterCount: 2))
        #expect(throws: ClusteringError.invalidLabel(row: 2, value: 2)) {
            try stage.fit(standardized: standardized, labels: [1, 0, 2, 0, 0, 0], means: means, scales: scales, featureNames: names)
        }
        #expect(throws: ClusteringError.lengthMismatch(name: "labels", count: 5, expected: 6)) {
            try stage.fit(standardized: standardized, labels: [1, 0, 0, 0, 0], means: means, scales: scales, featureNames: names)
        }
        #expect(throws: ClusteringError.lengthMismatch(name: "scales", count: 2, expected: 3)) {
            try stage.fit(standardized: standardized, labels: labels, means: means, scales: [1, 1], featureNames: names)
        }
        #expect(throws: ClusteringError.tooFewRows(rows: 0, clusters: 2)) {
            try stage.fit(standardized: Matrix(rows: 0, columns: 3), labels: [], means: means, scales: scales, featureNames: names)
        }
    }

    @Test func fittedStageSurvivesAJSONRoundTrip() throws {
        let stage = try fitTwoGroups()
        let decoded = try JSONDecoder().decode(FittedClusterStage.self, from: JSONEncoder().encode(stage))
        #expect(decoded == stage)
    }
}
