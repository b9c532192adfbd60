/// Honest generalisation estimates for a training recipe: nested k-fold cross-validation and
/// leave-one-campaign-out, both training the full recipe (threshold chosen on inner folds) per split.
public struct CrossValidation: Sendable {
    public var configuration: TrainingConfiguration

    public init(configuration: TrainingConfiguration) {
        self.configuration = configuration
    }

    /// Result of evaluating one held-out split with a model trained without it.
    public struct HeldOutResult: Codable, Equatable, Sendable {
        /// The held-out campaign (leave-one-campaign-out) or "fold N".
        public var name: String
        public var bots: Int
        public var controls: Int
        public var threshold: Double
        public var rocAUC: Double?
        public var averagePrecision: Double?
        public var precision: Double
        public var recall: Double
        public var falsePositiveRate: Double?
    }

    /// Pooled out-of-fold scores and decisions (each row scored and thresholded by a model that never saw it).
    public struct Pooled: Sendable {
        public var scores: [Double]
        public var flagged: [Bool]
        public var splits: [HeldOutResult]
    }

    /// Outer stratified k-fold: per fold, train the whole recipe on the rest and score the fold.
    public func kFold(_ data: LabeledFeatures, folds: Int) throws -> Pooled {
        let assignment = try Folds.stratified(labels: data.labels, folds: folds, seed: configuration.seed &+ 1)
        return try evaluate(data, splits: (0..<folds).map { fold in
            ("fold \(fold + 1)", assignment.indices.filter { assignment[$0] == fold })
        })
    }

    /// For each campaign: train without its bots (and without a held-out share of controls), then
    /// score that campaign against the held-out controls. Controls are split into as many stratified
    /// parts as there are campaigns (at least 2), so no control is scored by a model that saw it.
    public func leaveOneCampaignOut(_ data: LabeledFeatures) throws -> Pooled {
        let campaigns = Array(Set(zip(data.campaigns, data.labels).filter { $0.1 == 1 }.map(\.0))).sorted()
        guard campaigns.count >= 2 else {
            throw CrossValidationError.tooFewCampaigns(found: campaigns)
        }
        let controls = data.labels.indices.filter { data.labels[$0] == 0 }
        var generator = SeededGenerator(seed: configuration.seed &+ 2)
        var shuffled = controls
        shuffled.shuffle(using: &generator)
        let parts = campaigns.count
        var splits: [(String, [Int])] = []
        for (i, campaign) in campaigns.enumerated() {
            let heldControls = shuffled.enumerated().filter { $0.offset % parts == i }.map(\.element)
            let bots = data.labels.indices.filter { data.labels[$0] == 1 && data.campaigns[$0] == campaign }
            splits.append((campaign, (bots + heldControls).sorted()))
        }
        return try evaluate(data, splits: splits)
    }

    private func evaluate(_ data: LabeledFeatures, splits: [(String, [Int])]) throws -> Pooled {
        var scores = [Double](repeating: .nan, count: data.labels.count)
        var flagged = [Bool](repeating: false, count: data.labels.count)
        var results: [HeldOutResult] = []
        let trainer = BotSiftTrainer(configuration: configuration)
        for (name, test) in splits {
            let testSet = Set(test)
            let train = data.labels.indices.filter { !testSet.contains($0) }
            let fitted = try trainer.fit(
                data.selectingRows(train),
                fingerprint: TrainingDataFingerprint(inputs: [], accountsPerClass: [:], accountsPerCampaign: [:]),
                bootstrapResamples: 0)
            let held = data.selectingRows(test)
            let scored = try ModelScorer(model: fitted.model, reasonCount: 0).scoreAll(held.table)
            let heldScores = scored.map(\.probability)
            for (i, row) in test.enumerated() {
                scores[row] = heldScores[i]
                flagged[row] = scored[i].flagged
            }
            let threshold = fitted.model.threshold.threshold
            let decided = Metrics.atThreshold(labels: held.labels, scores: heldScores, threshold: threshold)
            results.append(HeldOutResult(
                name: name, bots: held.labels.filter { $0 == 1 }.count, controls: held.labels.filter { $0 == 0 }.count,
                threshold: threshold, rocAUC: Metrics.rocAUC(labels: held.labels, scores: heldScores),
                averagePrecision: Metrics.averagePrecision(labels: held.labels, scores: heldScores),
                precision: decided.precision, recall: decided.recall, falsePositiveRate: decided.falsePositiveRate))
        }
        return Pooled(scores: scores, flagged: flagged, splits: results)
    }
}

/// Why a cross-validation could not run.
public enum CrossValidationError: Error, CustomStringConvertible, Equatable {
    case tooFewCampaigns(found: [String])

    public var description: String {
        switch self {
        case .tooFewCampaigns(let found):
            return "leave-one-campaign-out needs bots from at least 2 campaigns; found \(found.count) (\(found.joined(separator: ", "))). Give campaigns in the labels file's third column or several --positive archives."
        }
    }
}
