import Foundation
import LinAlg
import Testing
@testable import BotSift

/// Six points in two obvious groups of three: centres (1/3, 1/3) and (31/3, 31/3), inertia 2 · 4/3 = 8/3.
private let twoGroups = Matrix([[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]])

/// Uniform [0, 1) data from a seeded generator, for property tests.
private func uniformMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    return Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in generator.nextUnit() })
}

/// One dataset of the committed scikit-learn reference (`Scripts/reference/kmeans_reference.py`).
private struct KMeansReferenceCase: Decodable, CustomTestStringConvertible {
    let name: String
    let rows: Int
    let columns: Int
    let clusters: Int
    let x: [Double]
    let inertia: Double
    var testDescription: String { name }
}

private struct KMeansReferenceFile: Decodable {
    let cases: [KMeansReferenceCase]
}

@Suite struct KMeansTests {
    @Test func twoObviousGroupsGiveExactCentresAndInertia() throws {
        let fitted = try KMeans(clusterCount: 2, initializations: 1, seed: 3).fit(twoGroups)
        let centres = [fitted.centers.row(0), fitted.centers.row(1)].sorted { $0[0] < $1[0] }
        let third: Double = 1.0 / 3, thirtyOneThirds: Double = 31.0 / 3
        #expect(centres == [[third, third], [thirtyOneThirds, thirtyOneThirds]])
        #expect(abs(fitted.inertia - 8.0 / 3) < 1e-12)
        let labels = fitted.assign(twoGroups)
        #expect(labels[0] == labels[1] && labels[1] == labels[2])
        #expect(labels[3] == labels[4] && labels[4] == labels[5])
        #expect(labels[0] != labels[3])
    }

    @Test(arguments: try loadReferenceCases())
    fileprivate func inertiaWithinOnePercentOfScikitLearn(_ reference: KMeansReferenceCase) throws {
        let x = Matrix(rows: reference.rows, columns: reference.columns, elements: reference.x)
        let fitted = try KMeans(clusterCount: reference.clusters, initializations: 10, seed: 0).fit(x)
        let ratio = fitted.inertia / reference.inertia
        #expect(ratio > 0.99 && ratio < 1.01, "\(reference.name): botsift \(fitted.inertia), scikit-learn \(reference.inertia)")
    }

    @Test func sameSeedGivesIdenticalBitsAndOtherSeedsSeedDifferently() throws {
        let x = uniformMatrix(rows: 300, columns: 4, seed: 11)
        let a = try KMeans(clusterCount: 6, initializations: 3, seed: 5).fit(x)
        let b = try KMeans(clusterCount: 6, initializations: 3, seed: 5).fit(x)
        #expect(a.centers.elements.map(\.bitPattern) == b.centers.elements.map(\.bitPattern))
        #expect(a.inertia.bitPattern == b.inertia.bitPattern && a.iterations == b.iterations)

        let norms = KMeansDataSummary.rowNorms(x)
        var first = SeededGenerator(seed: 5), second = SeededGenerator(seed: 6)
        let seededFirst = KMeans.seedCenters(x, rowNorms: norms, count: 6, generator: &first)
        let seededSecond = KMeans.seedCenters(x, rowNorms: norms, count: 6, generator: &second)
        #expect(seededFirst != seededSecond)
    }

    @Test func emptyClusterMovesToFarthestPoint() {
        // The centre at (100, 100) attracts nobody; it moves to the farthest point from its centre, (0, 1)
        // (distance 1, tied with (1, 0) and (10, 11), lowest index wins). Then (0, 0) and (1, 0) average to
        // (0.5, 0), no label changes, and inertia is 0.25 + 0.25 + 0 + 4/3.
        let initial = Matrix([[0, 0], [10, 10], [100, 100]])
        let fitted = KMeans.lloyd(twoGroups, rowNorms: KMeansDataSummary.rowNorms(twoGroups), initialCenters: initial,
                                  maxIterations: 100, absoluteTolerance: 0)
        let thirtyOneThirds: Double = 31.0 / 3
        #expect(fitted.centers == Matrix([[0.5, 0], [thirtyOneThirds, thirtyOneThirds], [0, 1]]))
        #expect(abs(fitted.inertia - 11.0 / 6) < 1e-12)
        #expect(fitted.iterations == 2)
    }

    @Test func assignAndDistancesMatchNaiveComputation() throws {
        let x = uniformMatrix(rows: 2500, columns: 5, seed: 21)  // more than one GEMM block
        let fitted = try KMeans(clusterCount: 7, initializations: 2, seed: 1).fit(x)
        let distances = fitted.distances(x)
        let labels = fitted.assign(x)
        var naiveInertia = 0.0
        for i in 0..<x.rows {
            let naive = (0..<7).map { j in
                (0..<5).reduce(0.0) { s, c in s + (x[i, c] - fitted.centers[j, c]) * (x[i, c] - fitted.centers[j, c]) }
            }
            for j in 0..<7 { #expect(abs(distances[i, j] - naive[j]) < 1e-12) }
            let best = naive.indices.min { naive[$0] < naive[$1] }!
            #expect(labels[i] == best)
            naiveInertia += naive[best]
        }
        #expect(abs(fitted.inertia - naiveInertia) < 1e-9 * naiveInertia)
    }

    @Test func invalidInputsThrowTypedErrors() {
        #expect(throws: ClusteringError.tooFewRows(rows: 6, clusters: 7)) { try KMeans(clusterCount: 7).fit(twoGroups) }
        #expect(throws: ClusteringError.invalidHyperparameter(name: "clusterCount", value: "0", reason: "must be at least 1")) {
            try KMeans(clusterCount: 0).fit(twoGroups)
        }
        #expect(throws: ClusteringError.invalidHyperparameter(name: "tolerance", value: "-1.0", reason: "must be finite and non-negative")) {
            try KMeans(clusterCount: 2, tolerance: -1).fit(twoGroups)
        }
        var withNaN = twoGroups
        withNaN[4, 1] = .nan
        #expect(throws: ClusteringError.nonFiniteValue(row: 4, column: 1)) { try KMeans(clusterCount: 2).fit(withNaN) }
        #expect(throws: ClusteringError.noFeatures) { try KMeans(clusterCount: 1).fit(Matrix(rows: 3, columns: 0)) }
    }

    @Test func duplicatePointsDoNotBreakFitting() throws {
        // Four copies of one point and k = 3: every potential is zero; fitting still returns finite centres.
        let x = Matrix([[2, 2], [2, 2], [2, 2], [2, 2]])
        let fitted = try KMeans(clusterCount: 3, initializations: 2).fit(x)
        #expect(fitted.inertia == 0)
        #expect(fitted.centers.elements.allSatisfy { $0 == 2 })
    }
}

private func loadReferenceCases() throws -> [KMeansReferenceCase] {
    let url = try #require(Bundle.module.url(forResource: "kmeans", withExtension: "json", subdirectory: "Fixtures/reference"))
    return try JSONDecoder().decode(KMeansReferenceFile.self, from: Data(contentsOf: url)).cases
}

@Suite struct KMeansClusterCountTests {
    @Test func silhouetteMatchesHandComputation() {
        // Line points {0, 1} and {4, 5}: s(0) = s(5) = (4.5 − 1) / 4.5 = 7/9, s(1) = s(4) = (3.5 − 1) / 3.5 = 5/7.
        let x = Matrix([[0], [1], [4], [5]])
        let score = KMeans.silhouetteScore(x, labels: [0, 0, 1, 1], clusters: 2)
        #expect(abs(score - (7.0 / 9 + 5.0 / 7) / 2) < 1e-12)
    }

    @Test func threeSeparatedBlobsGiveThree() throws {
        var generator = SeededGenerator(seed: 9)
        let centres: [[Double]] = [[0, 0], [20, 0], [0, 20]]
        let rows = (0..<300).map { i in centres[i % 3].map { $0 + generator.nextUnit() * 2 - 1 } }
        let k = try KMeans.chooseClusterCount(Matrix(rows), candidates: 2...6, sampleSize: 120, seed: 1)
        #expect(k == 3)
    }

    @Test func impossibleCandidatesAreRejected() {
        #expect(throws: ClusteringError.invalidHyperparameter(
            name: "candidates", value: "1...3", reason: "silhouettes need at least 2 clusters")) {
            try KMeans.chooseClusterCount(twoGroups, candidates: 1...3, sampleSize: 6, seed: 0)
        }
        #expect(throws: ClusteringError.invalidHyperparameter(
            name: "sampleSize", value: "100", reason: "a sample of 6 rows supports at most 5 clusters, 6 requested")) {
            try KMeans.chooseClusterCount(twoGroups, candidates: 2...6, sampleSize: 100, seed: 0)
        }
    }
}
