import Foundation
import LinAlg
import Testing
@testable import BotSift

/// Training on several threads gives the single-threaded results bit for bit: out-of-fold scores, k-means
/// clusters, bootstrap intervals and the model file's bytes.
@Suite struct ParallelFitTests {
    /// Uniform [0, 1) data from a seeded generator.
    static func uniformMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in generator.nextUnit() })
    }

    @Test func outOfFoldScoresAreTheSameOnOneAndTwoThreads() throws {
        let data = TrainerTests.noisyData()
        var single = BotSiftTrainer(configuration: TrainingConfiguration(c: 0.5, folds: 5, seed: 4))
        single.threadCount = 1
        var parallel = single
        parallel.threadCount = 2
        let one = try single.outOfFoldScores(data), two = try parallel.outOfFoldScores(data)
        #expect(one.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(one.map(\.bitPattern) == two.map(\.bitPattern))
    }

    @Test func modelFileBytesAreTheSameOnOneTwoAndThreeThreads() throws {
        let data = TrainerTests.noisyData()
        var trainer = BotSiftTrainer(configuration: TrainingConfiguration(c: 0.5, clusterCount: 4, folds: 4, seed: 21))
        trainer.threadCount = 1
        let single = try trainer.fit(data, fingerprint: TrainerTests.fingerprint, bootstrapResamples: 200)
        #expect(single.model.crossValidation.bootstrap?.rocAUC != nil)
        for threads in [2, 3] {
            trainer.threadCount = threads
            let parallel = try trainer.fit(data, fingerprint: TrainerTests.fingerprint, bootstrapResamples: 200)
            #expect(single.outOfFoldScores.map(\.bitPattern) == parallel.outOfFoldScores.map(\.bitPattern))
            #expect(try ModelFile.encode(single.model) == ModelFile.encode(parallel.model), "\(threads) threads")
        }
    }

    @Test(arguments: [nil, 60] as [Int?])
    func kMeansInitialisationsGiveTheSameFitOnEveryThreadCount(seedingSampleSize: Int?) throws {
        let x = Self.uniformMatrix(rows: 240, columns: 5, seed: 17)
        var kmeans = KMeans(clusterCount: 5, initializations: 5, seed: 2, seedingSampleSize: seedingSampleSize, seedingAttempts: 2)
        kmeans.threadCount = 1
        let single = try kmeans.fit(x)
        // The same fit as the one-initialisation-at-a-time loop: run i seeds where run i − 1's draws ended.
        var generator = SeededGenerator(seed: 2)
        let summary = KMeansDataSummary(x)
        var sequentialBest: FittedKMeans?
        for _ in 0..<5 {
            let initial = kmeans.seedCenters(x, rowNorms: summary.rowNorms, generator: &generator)
            let run = KMeans.lloyd(x, rowNorms: summary.rowNorms, initialCenters: initial, maxIterations: 300,
                                   absoluteTolerance: 1e-4 * summary.meanVariance)
            if sequentialBest.map({ run.inertia < $0.inertia }) ?? true { sequentialBest = run }
        }
        #expect(single == sequentialBest)
        for threads in [2, 4] {
            kmeans.threadCount = threads
            let parallel = try kmeans.fit(x)
            #expect(parallel.centers.elements.map(\.bitPattern) == single.centers.elements.map(\.bitPattern))
            #expect(parallel.inertia.bitPattern == single.inertia.bitPattern && parallel.iterations == single.iterations)
        }
    }

    @Test(arguments: [(nil, 1), (nil, 8), (50, 8), (500, 3)] as [(Int?, Int)])
    func seedingDrawsCountsExactlyWhatSeedingTakes(seedingSampleSize: Int?, clusters: Int) throws {
        let x = Self.uniformMatrix(rows: 200, columns: 3, seed: 3)
        let kmeans = KMeans(clusterCount: clusters, seed: 9, seedingSampleSize: seedingSampleSize, seedingAttempts: 3)
        var used = SeededGenerator(seed: 9)
        _ = kmeans.seedCenters(x, rowNorms: KMeansDataSummary.rowNorms(x), generator: &used)
        var counted = SeededGenerator(seed: 9)
        for _ in 0..<kmeans.seedingDraws(rows: x.rows) { _ = counted.next() }
        #expect(used.next() == counted.next())
    }
}
