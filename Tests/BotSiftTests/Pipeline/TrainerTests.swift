import Foundation
import LinAlg
import Testing
@testable import BotSift

/// Training picks its threshold on out-of-fold scores only, and model files round-trip exactly.
@Suite struct TrainerTests {
    /// 240 accounts, one weakly informative column and 40 noise columns: an over-fitting recipe (C = 100)
    /// separates the training rows far better in-sample than out of fold.
    static func noisyData() -> LabeledFeatures {
        var generator = SeededGenerator(seed: 5)
        let rows = 240, columns = 41
        var values: [Double] = []
        var labels: [Int] = []
        for row in 0..<rows {
            let label = row % 3 == 0 ? 1 : 0
            labels.append(label)
            values.append(Double(label) * 0.8 + gaussian(&generator))
            for _ in 1..<columns { values.append(gaussian(&generator)) }
        }
        let configuration = FeatureConfiguration(families: [.metadata])
        var schema = FeatureSchema(configuration: configuration)
        schema.features = (0..<columns).map {
            FeatureDescriptor(name: "f\($0)", family: .metadata, unit: "z", transform: .identity, summary: "feature \($0)")
        }
        let table = FeatureTable(
            schema: schema, accounts: (0..<rows).map { AccountIdentity(userID: String(format: "%04d", $0), screenName: "") },
            values: Matrix(rows: rows, columns: columns, elements: values))
        return LabeledFeatures(table: table, labels: labels, campaigns: labels.map { $0 == 1 ? "op" : "" })
    }

    static func gaussian(_ g: inout SeededGenerator) -> Double {
        let u = max(g.nextUnit(), 1e-300), v = g.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    static let fingerprint = TrainingDataFingerprint(inputs: [], accountsPerClass: [:], accountsPerCampaign: [:])

    @Test func thresholdIsChosenOnOutOfFoldScoresNotOnFittedScores() throws {
        let data = Self.noisyData()
        let configuration = TrainingConfiguration(c: 100, folds: 5, thresholdRule: .bestF1, seed: 3)
        let trainer = BotSiftTrainer(configuration: configuration)
        let outcome = try trainer.fit(data, fingerprint: Self.fingerprint, bootstrapResamples: 0)

        let fromOutOfFold = try ThresholdRule.bestF1.choose(labels: data.labels, scores: outcome.outOfFoldScores)
        #expect(outcome.model.threshold.threshold == fromOutOfFold.threshold)

        let inSample = try trainer.fitClassifier(data.table.values, labels: data.labels).probabilities(data.table.values)
        let fromInSample = try ThresholdRule.bestF1.choose(labels: data.labels, scores: inSample)
        #expect(fromInSample.threshold != fromOutOfFold.threshold)
        // In-sample scores look much better than honest ones on this over-fitting recipe.
        #expect(Metrics.rocAUC(labels: data.labels, scores: inSample)! > Metrics.rocAUC(labels: data.labels, scores: outcome.outOfFoldScores)! + 0.1)
        // The report stored in the model is computed on the out-of-fold scores.
        #expect(outcome.model.crossValidation.rocAUC == Metrics.rocAUC(labels: data.labels, scores: outcome.outOfFoldScores))
    }

    @Test func everyOutOfFoldScoreComesFromAModelThatNeverSawItsRow() throws {
        let data = Self.noisyData()
        let configuration = TrainingConfiguration(c: 100, folds: 4, seed: 9)
        let trainer = BotSiftTrainer(configuration: configuration)
        let scores = try trainer.outOfFoldScores(data)
        let folds = try Folds.stratified(labels: data.labels, folds: 4, seed: 9)
        for fold in 0..<4 {
            let test = folds.indices.filter { folds[$0] == fold }
            let train = folds.indices.filter { folds[$0] != fold }
            let fitted = try trainer.fitClassifier(data.table.values.selectingRows(train), labels: train.map { data.labels[$0] })
            let expected = fitted.probabilities(data.table.values.selectingRows(test))
            for (i, row) in test.enumerated() { #expect(abs(scores[row] - expected[i]) < 1e-12) }
        }
    }

    /// `fit` shares one pool between the all-rows classifier and the k-means runs, and starts the fold models from
    /// that classifier: the parts must equal what each stage gives on its own (the folds to solver tolerance).
    @Test func fitEqualsItsStagesRunOnTheirOwn() throws {
        let data = Self.noisyData()
        let configuration = TrainingConfiguration(c: 100, clusterCount: 3, folds: 4, seed: 9)
        let trainer = BotSiftTrainer(configuration: configuration)
        let outcome = try trainer.fit(data, fingerprint: Self.fingerprint, bootstrapResamples: 0)
        let alone = try trainer.fitClassifier(data.table.values, labels: data.labels)
        #expect(outcome.model.classifier == alone.classifier)
        #expect(outcome.model.scaler == alone.scaler)
        let clusters = try ClusterStage(kmeans: KMeans(clusterCount: 3, seed: 9)).fit(
            standardized: alone.standardize(data.table.values), labels: data.labels, means: alone.scaler.means,
            scales: alone.scaler.scales, featureNames: data.table.schema.names)
        #expect(outcome.model.clusters == clusters)
        let coldFolds = try trainer.outOfFoldScores(data)
        #expect(LearningComparison.maxAbsDifference(outcome.outOfFoldScores, coldFolds) < 1e-7)
        #expect(!outcome.outOfFoldScores.contains { $0.isNaN })
    }

    @Test func modelFileRoundTripsToIdenticalScoresAndBytes() throws {
        let data = Self.noisyData()
        let outcome = try BotSiftTrainer(configuration: TrainingConfiguration(clusterCount: 3, folds: 3))
            .fit(data, fingerprint: Self.fingerprint, bootstrapResamples: 50)
        let bytes = try ModelFile.encode(outcome.model)
        let loaded = try ModelFile.decode(bytes, path: "m.json")
        #expect(try ModelFile.encode(loaded) == bytes)
        let before = try ModelScorer(model: outcome.model).scoreAll(data.table)
        let after = try ModelScorer(model: loaded).scoreAll(data.table)
        #expect(before.map(\.probability) == after.map(\.probability))
        #expect(before.map(\.cluster) == after.map(\.cluster))
        #expect(before.map(\.reasons) == after.map(\.reasons))
    }

    /// Blocks are scored and transformed on several threads; what reaches the caller must be the one-thread result,
    /// block by block in row order, including a last partial block.
    @Test func scoringOnSeveralThreadsKeepsRowOrderAndValues() throws {
        let data = Self.noisyData()
        let model = try BotSiftTrainer(configuration: TrainingConfiguration(clusterCount: 3, folds: 3))
            .fit(data, fingerprint: Self.fingerprint, bootstrapResamples: 0).model
        let scorer = ModelScorer(model: model)
        let single = try scorer.scoreAll(data.table, threads: 1)
        #expect(single.count == data.table.accounts.count)
        for threads in [2, 3, 7] {
            var blocks: [[String]] = []
            try scorer.score(data.table, blockSize: 7, threads: threads, transform: { $0.map(\.account.userID) }) {
                blocks.append($0)
            }
            #expect(blocks.dropLast().allSatisfy { $0.count == 7 } && (1...7).contains(blocks.last?.count ?? 0))
            #expect(blocks.flatMap { $0 } == single.map(\.account.userID))
            let several = try scorer.scoreAll(data.table, threads: threads)
            #expect(several.map(\.probability) == single.map(\.probability))
            #expect(several.map(\.reasons) == single.map(\.reasons))
        }
    }

    @Test func damagedModelBytesGiveClearErrors() throws {
        let data = Self.noisyData()
        let model = try BotSiftTrainer(configuration: TrainingConfiguration(clusterCount: 2, folds: 3))
            .fit(data, fingerprint: Self.fingerprint, bootstrapResamples: 0).model
        let text = String(decoding: try ModelFile.encode(model), as: UTF8.self)
        #expect(throws: ModelFileError(path: "m.json", reason: "is empty")) { try ModelFile.decode(Data(), path: "m.json") }
        let missing = text.replacingOccurrences(of: "\"scaler\"", with: "\"scalar\"")
        do {
            _ = try ModelFile.decode(Data(missing.utf8), path: "m.json")
            Issue.record("a model without a scaler was accepted")
        } catch let error as ModelFileError {
            #expect(error.description == "model file m.json: is damaged: missing \"scaler\" in model")
        }
    }

    @Test func scoringATableWithAnotherSchemaSaysWhatDiffers() throws {
        let data = Self.noisyData()
        let model = try BotSiftTrainer(configuration: TrainingConfiguration(clusterCount: 2, folds: 3))
            .fit(data, fingerprint: Self.fingerprint, bootstrapResamples: 0).model
        var other = data.table.schema
        other.features.removeLast()
        let table = FeatureTable(
            schema: other, accounts: data.table.accounts,
            values: Matrix(rows: data.table.accounts.count, columns: other.features.count))
        do {
            _ = try ModelScorer(model: model).scoreAll(table)
            Issue.record("a table with a different schema was scored")
        } catch let error as SchemaMismatchError {
            #expect(error.description.contains("f40"))
            #expect(error.description.hasPrefix("the model expects different features than this botsift computes"))
        }
    }

    @Test func reasonsAreTheLargestPositiveContributionsInReadableUnits() throws {
        let data = Self.noisyData()
        let model = try BotSiftTrainer(configuration: TrainingConfiguration(clusterCount: 2, folds: 3))
            .fit(data, fingerprint: Self.fingerprint, bootstrapResamples: 0).model
        let scored = try ModelScorer(model: model).scoreAll(data.table)
        let z = model.scaler.transformClipped(data.table.values, clip: model.clip)
        for (row, score) in scored.enumerated().prefix(20) {
            let contributions = (0..<z.columns).map { model.classifier.coefficients[$0] * z[row, $0] }
            let expected = contributions.enumerated().filter { $0.element > 0 }.sorted { $0.element > $1.element }.prefix(3)
            #expect(score.reasons.map(\.feature) == expected.map { "f\($0.offset)" })
            for (reason, item) in zip(score.reasons, expected) { #expect(abs(reason.contribution - item.element) < 1e-12) }
        }
        let log1p = FeatureDescriptor(name: "log_followers", family: .metadata, unit: "log1p(accounts)", transform: .log1p, summary: "")
        #expect(ModelScorer.readable(Foundation.log1p(33), of: log1p) == "33")
        let ratio = FeatureDescriptor(name: "r", family: .metadata, unit: "log ratio", transform: .log1p, summary: "")
        #expect(ModelScorer.readable(log(0.25), of: ratio) == "0.250x")
    }
}

/// Reasons never cite a value the account does not have (an imputed share for an account without posts).
@Suite struct ImputedReasonTests {
    @Test func reasonsSkipFeaturesImputedForThisAccount() throws {
        var generator = SeededGenerator(seed: 8)
        var values: [Double] = []
        var labels: [Int] = []
        for row in 0..<200 {
            let label = row % 2
            let noPosts = row % 5 == 0 ? 1.0 : 0.0
            // `share` carries the signal; accounts without posts get an (artificially high) imputed share.
            let share = noPosts == 1 ? 0.95 : Double(label) * 0.5 + generator.nextUnit() * 0.5
            values += [noPosts, share, generator.nextUnit()]
            labels.append(label)
        }
        var schema = FeatureSchema(configuration: FeatureConfiguration(families: [.metadata]))
        schema.features = [
            FeatureDescriptor(name: "has_no_posts", family: .metadata, unit: "indicator (0/1)", summary: "no posts"),
            FeatureDescriptor(name: "share", family: .behaviour, unit: "share (0-1)", summary: "share", minimumPosts: 1),
            FeatureDescriptor(name: "noise", family: .metadata, unit: "z", summary: "noise"),
        ]
        let table = FeatureTable(
            schema: schema, accounts: (0..<200).map { AccountIdentity(userID: String(1000 + $0), screenName: "") },
            values: Matrix(rows: 200, columns: 3, elements: values))
        let model = try BotSiftTrainer(configuration: TrainingConfiguration(clusterCount: 2, folds: 3))
            .fit(LabeledFeatures(table: table, labels: labels, campaigns: labels.map { _ in "" }),
                 fingerprint: TrainerTests.fingerprint, bootstrapResamples: 0).model
        #expect(model.classifier.coefficients[1] > 0)
        let scored = try ModelScorer(model: model).scoreAll(table)
        for (row, score) in scored.enumerated() {
            if row % 5 == 0 {
                #expect(!score.reasons.contains { $0.feature == "share" })
            } else if values[row * 3 + 1] > 0.9 {
                #expect(score.reasons.first?.feature == "share")
            }
        }
        #expect(FeatureSchema(configuration: FeatureConfiguration()).features.first { $0.name == "log_gap_mean" }?.minimumPosts == 2)
        #expect(FeatureSchema(configuration: FeatureConfiguration()).features.first { $0.name == "retweet_share" }?.minimumPosts == 1)
        #expect(FeatureSchema(configuration: FeatureConfiguration()).features.first { $0.name == "log_posts" }?.minimumPosts == 0)
    }
}

/// Joining a feature table with a label list by userid.
@Suite struct LabelAlignmentTests {
    static func table(_ ids: [String]) -> FeatureTable {
        var schema = FeatureSchema(configuration: FeatureConfiguration(families: [.metadata]))
        schema.features = [FeatureDescriptor(name: "f", family: .metadata, unit: "z", transform: .identity, summary: "f")]
        return FeatureTable(
            schema: schema, accounts: ids.map { AccountIdentity(userID: $0, screenName: "") },
            values: Matrix(rows: ids.count, columns: 1, elements: ids.indices.map(Double.init)))
    }

    @Test func rowsFollowTheTableAndUnmatchedEntriesAreReported() {
        let table = Self.table(["a", "b", "c", "d", "é"])
        let labeled = [
            LabeledAccount(userID: "c", label: 1, campaign: "x"), LabeledAccount(userID: "a", label: 0),
            LabeledAccount(userID: "zz", label: 1, campaign: "y"), LabeledAccount(userID: "b", label: 1),
            LabeledAccount(userID: "e\u{301}", label: 1),  // not the table's precomposed "é": ids match byte for byte
            LabeledAccount(userID: "d", label: 1), LabeledAccount(userID: "d", label: 0, campaign: "later"),
        ]
        let (features, missing, unlabeled) = LabeledFeatures.align(table, with: labeled)
        #expect(features.table.accounts.map(\.userID) == ["a", "b", "c", "d"])
        #expect(features.table.values.elements == [0, 1, 2, 3])
        #expect(features.labels == [0, 1, 1, 0])  // a userid listed twice takes its last entry
        #expect(features.campaigns == ["", "", "x", "later"])
        #expect(missing == ["zz", "e\u{301}"])
        #expect(unlabeled == 1)
    }
}
