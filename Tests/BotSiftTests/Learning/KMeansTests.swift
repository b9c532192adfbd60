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

        let seededFirst = try KMeans(clusterCount: 6, seed: 5).initialCenters(x)
        let seededSecond = try KMeans(clusterCount: 6, seed: 6).initialCenters(x)
        #expect(seededFirst != seededSecond)
        #expect(seededFirst == (try KMeans(clusterCount: 6, seed: 5).initialCenters(x)))
    }

    /// The portable loop always; the AVX-512 kernel when this CPU has it.
    static let seedingPaths = SeedingPoints.kernelAvailable ? [false, true] : [false]

    @Test(arguments: seedingPaths)
    func fusedSeedingDistancesMatchNaiveFloat64(usesKernel: Bool) {
        // 37 rows x 19 columns (stride padded to 24, or 32 for the kernel); five candidates take two passes, the
        // second padded.
        let x = uniformMatrix(rows: 37, columns: 19, seed: 31)
        let points = SeedingPoints(x, rows: nil, largestRowNorm: KMeansDataSummary.rowNorms(x).max()!, usesKernel: usesKernel)
        #expect(points.stride == (usesKernel ? 32 : 24))
        let candidates = [3, 0, 36, 17, 3]
        let closest = (0..<37).map { Float($0) * 0.05 }
        var out = [Float](repeating: 0, count: 8 * 37)
        let potentials = points.distances(to: candidates, closest: closest, into: &out)
        #expect(potentials.count == 5)
        for (t, candidate) in candidates.enumerated() {
            var naivePotential = 0.0
            for i in 0..<37 {
                let squared = (0..<19).reduce(0.0) { s, j in s + (x[i, j] - x[candidate, j]) * (x[i, j] - x[candidate, j]) }
                let expected = min(Double(closest[i]), squared)
                #expect(abs(Double(out[t * 37 + i]) - expected) <= 1e-5 * max(1, expected))
                naivePotential += expected
            }
            #expect(abs(potentials[t] - naivePotential) <= 1e-5 * naivePotential)
        }
        #expect(out[0 * 37 + 3] == 0 && out[4 * 37 + 3] == 0)  // a point's distance to itself is exactly 0
    }

    @Test func seededSampleIsDistinctAscendingAndReproducible() {
        var first = SeededGenerator(seed: 8), second = SeededGenerator(seed: 8)
        let sample = KMeans.seededSample(rows: 1000, count: 250, generator: &first)
        #expect(sample.count == 250 && Set(sample).count == 250)
        #expect(sample == sample.sorted() && sample.first! >= 0 && sample.last! < 1000)
        #expect(sample == KMeans.seededSample(rows: 1000, count: 250, generator: &second))
        var whole = SeededGenerator(seed: 8)
        #expect(KMeans.seededSample(rows: 40, count: 40, generator: &whole) == Array(0..<40))
    }

    @Test func sampledSeedingReachesTheFullSeedingOptimumOnSeparatedBlobs() throws {
        // Five well-separated blobs of 400 rows; seeding on 150 sampled rows must still put one seed in each blob,
        // so both fits end at the same centres and inertia.
        var generator = SeededGenerator(seed: 12)
        let blobCentres: [[Double]] = [[0, 0, 0], [30, 0, 0], [0, 30, 0], [0, 0, 30], [30, 30, 30]]
        let x = Matrix((0..<2000).map { i in blobCentres[i % 5].map { $0 + generator.nextUnit() * 2 - 1 } })
        let sampled = try KMeans(clusterCount: 5, initializations: 1, seed: 2, seedingSampleSize: 150).fit(x)
        let full = try KMeans(clusterCount: 5, initializations: 1, seed: 2, seedingSampleSize: nil).fit(x)
        #expect(abs(sampled.inertia - full.inertia) <= 1e-9 * full.inertia)
        let initial = try KMeans(clusterCount: 5, seed: 2, seedingSampleSize: 150).initialCenters(x)
        func nearestBlob(_ seed: [Double]) -> Int {
            let squared = blobCentres.map { centre in zip(seed, centre).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
            return squared.indices.min { squared[$0] < squared[$1] }!
        }
        let blobsSeeded = Set((0..<5).map { nearestBlob(initial.row($0)) })
        #expect(blobsSeeded.count == 5)
        let rows = Set((0..<2000).map { x.row($0) })
        #expect((0..<5).allSatisfy { rows.contains(initial.row($0)) })  // seeds are rows of X, exact in Float64
    }

    @Test func moreSeedingAttemptsNeverRaiseTheSeedingPotential() throws {
        // 300 rows (below the sample size, so no sampling draw): the first of four attempts is the single attempt,
        // so the best of four has at most its potential, and with these seeds strictly less.
        let x = uniformMatrix(rows: 300, columns: 4, seed: 41)
        func potential(_ centres: Matrix) -> Double {
            (0..<x.rows).reduce(0.0) { total, i in
                total + (0..<centres.rows).map { c in
                    (0..<4).reduce(0.0) { $0 + (x[i, $1] - centres[c, $1]) * (x[i, $1] - centres[c, $1]) }
                }.min()!
            }
        }
        var strictlyLower = 0
        for seed: UInt64 in 0..<5 {
            let single = potential(try KMeans(clusterCount: 6, seed: seed, seedingAttempts: 1).initialCenters(x))
            let best = potential(try KMeans(clusterCount: 6, seed: seed, seedingAttempts: 4).initialCenters(x))
            #expect(best <= single * (1 + 1e-6), "seed \(seed)")
            if best < single * (1 - 1e-6) { strictlyLower += 1 }
        }
        #expect(strictlyLower > 0)
    }

    @Test(arguments: seedingPaths)
    func valuesBeyondFloat32RangeStillSeedCorrectly(usesKernel: Bool) throws {
        // Scaled by 1e30, squared distances (~1e62) overflow Float32; seeding rescales by a power of two.
        var scaled = twoGroups
        for i in scaled.elements.indices { scaled.elements[i] *= 1e30 }
        let points = SeedingPoints(
            scaled, rows: nil, largestRowNorm: KMeansDataSummary.rowNorms(scaled).max()!, usesKernel: usesKernel)
        var out = [Float](repeating: 0, count: 4 * 6)
        _ = points.distances(to: [0], closest: [Float](repeating: .infinity, count: 6), into: &out)
        // Squared distances from (0, 0): 1, 1, 200, 221, 221 (times one common power of two), all finite.
        #expect(out[0..<6].allSatisfy { $0.isFinite })
        #expect(abs(out[3] / out[1] - 200) < 1e-3 && abs(out[4] / out[1] - 221) < 1e-3 && abs(out[5] / out[1] - 221) < 1e-3)
        let fitted = try KMeans(clusterCount: 2, initializations: 1, seed: 3).fit(scaled)
        #expect(abs(fitted.inertia - 8.0 / 3 * 1e60) < 1e-12 * 1e60)
        let labels = fitted.assign(scaled)
        #expect(labels[0] == labels[1] && labels[1] == labels[2] && labels[3] == labels[4] && labels[4] == labels[5])
        #expect(labels[0] != labels[3])
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
        #expect(throws: ClusteringError.invalidHyperparameter(
            name: "seedingSampleSize", value: "2",
            reason: "must be at least clusterCount (3) so that every centre can be seeded")) {
            try KMeans(clusterCount: 3, seedingSampleSize: 2).fit(twoGroups)
        }
        #expect(throws: ClusteringError.invalidHyperparameter(name: "seedingAttempts", value: "0", reason: "must be at least 1")) {
            try KMeans(clusterCount: 2, seedingAttempts: 0).fit(twoGroups)
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

/// `−2 X Cᵀ` from the AVX-512 kernel (when this CPU has it) and from GEMM, against a naive sum.
@Suite struct KMeansCrossProductTests {
    @Test(arguments: [(1, 1), (7, 5), (8, 60), (9, 3), (17, 13)] as [(Int, Int)])
    func kernelAndGEMMMatchTheNaiveProducts(clusters: Int, columns: Int) {
        var generator = SeededGenerator(seed: UInt64(clusters * 100 + columns))
        let rows = 1_029  // not a multiple of the kernel's eight rows or of the 1,024-row blocks
        let x = Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in generator.nextUnit() * 4 - 2 })
        let centers = Matrix(rows: clusters, columns: columns,
                             elements: (0..<(clusters * columns)).map { _ in generator.nextUnit() * 4 - 2 })
        let paths = KMeans.CrossProducts.kernelAvailable ? [false, true] : [false]
        for usesKernel in paths {
            let products = KMeans.CrossProducts(centers, usesKernel: usesKernel)
            // A block of rows 5..<1029, as the assignment pass asks for.
            var block = Matrix(rows: rows - 5, columns: clusters)
            products.compute(rowsOf: x, 5..<rows, into: &block)
            for i in 5..<rows {
                for c in 0..<clusters {
                    let naive = -2 * (0..<columns).reduce(0.0) { $0 + x[i, $1] * centers[c, $1] }
                    #expect(abs(block[i - 5, c] - naive) <= 1e-12 * max(1, abs(naive)), "kernel \(usesKernel) row \(i) centre \(c)")
                }
            }
        }
    }
}
