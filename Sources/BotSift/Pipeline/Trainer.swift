import LinAlg

/// The training recipe, stored in the model file: classifier strength and weighting, clustering,
/// cross-validation folds, threshold rule, clipping and the seed behind every random choice.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    /// Inverse L2 strength of the logistic regression (scikit-learn's `C`).
    public var c: Double
    public var classWeighting: ClassWeighting
    public var clusterCount: Int
    /// Folds of the stratified cross-validation whose out-of-fold scores choose the threshold.
    public var folds: Int
    public var thresholdRule: ThresholdRule
    /// Standardised values are clipped to ±clip.
    public var clip: Double
    public var seed: UInt64

    public init(
        c: Double = 1, classWeighting: ClassWeighting = .balanced, clusterCount: Int = 8, folds: Int = 5,
        thresholdRule: ThresholdRule = .bestF1, clip: Double = 10, seed: UInt64 = 0
    ) {
        self.c = c
        self.classWeighting = classWeighting
        self.clusterCount = clusterCount
        self.folds = folds
        self.thresholdRule = thresholdRule
        self.clip = clip
        self.seed = seed
    }
}

/// Feature rows with their labels and campaigns: the input to training and evaluation.
public struct LabeledFeatures: Sendable {
    public let table: FeatureTable
    /// 1 for bot / influence-operation accounts, 0 for controls; one per table row.
    public let labels: [Int]
    /// Campaign per row ("" when unknown); controls usually carry "organic" or "".
    public let campaigns: [String]

    public init(table: FeatureTable, labels: [Int], campaigns: [String]) {
        precondition(labels.count == table.accounts.count && campaigns.count == labels.count,
                     "one label and one campaign per feature row")
        self.table = table
        self.labels = labels
        self.campaigns = campaigns
    }

    /// Joins a feature table with a label list by userid, matched byte for byte as the reader tells accounts apart
    /// (a userid listed twice takes its last entry). Labeled accounts absent from the table are returned in
    /// `missing`; table rows without a label are dropped and counted in `unlabeled`.
    public static func align(_ table: FeatureTable, with labeled: [LabeledAccount])
        -> (features: LabeledFeatures, missing: [String], unlabeled: Int)
    {
        // Label positions by userID in a `ByteInterner` (the entry's code is its position; for a userid listed twice
        // the last entry wins): its hash costs a fraction of `String`'s (20,000 accounts: 26-33 ms with a
        // `[String: LabeledAccount]` and a `Set<String>`, 10 ms this way).
        let positions = ByteInterner()
        var entryOfCode: [Int] = []
        let codeOfEntry = labeled.enumerated().map { position, entry in
            var id = entry.userID
            let code = Int(id.withUTF8 { positions.code(of: $0) ?? positions.insert($0) })
            if code == entryOfCode.count { entryOfCode.append(position) } else { entryOfCode[code] = position }
            return code
        }
        var rows: [Int] = []
        var labels: [Int] = []
        var campaigns: [String] = []
        var found = [Bool](repeating: false, count: entryOfCode.count)
        for (row, account) in table.accounts.enumerated() {
            var id = account.userID
            guard let code = id.withUTF8({ positions.code(of: $0) }).map({ Int($0) }) else { continue }
            let entry = labeled[entryOfCode[code]]
            rows.append(row)
            labels.append(entry.label)
            campaigns.append(entry.campaign ?? "")
            found[code] = true
        }
        let missing = labeled.indices.filter { !found[codeOfEntry[$0]] }.map { labeled[$0].userID }
        let subset = table.selectingRows(rows)
        return (LabeledFeatures(table: subset, labels: labels, campaigns: campaigns), missing, table.accounts.count - rows.count)
    }

    /// Campaign per row for per-campaign recall: the campaign for bots, nil for controls (whose campaign
    /// column, e.g. "organic", names no campaign to recall).
    public var botCampaigns: [String?] {
        zip(labels, campaigns).map { $0.0 == 1 && !$0.1.isEmpty ? $0.1 : nil }
    }

    /// The rows at `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> LabeledFeatures {
        LabeledFeatures(
            table: table.selectingRows(indices), labels: indices.map { labels[$0] },
            campaigns: indices.map { campaigns[$0] })
    }
}

extension FeatureTable {
    /// The accounts at `rows`, in that order, with the same schema.
    public func selectingRows(_ rows: [Int]) -> FeatureTable {
        FeatureTable(schema: schema, accounts: rows.map { accounts[$0] }, values: values.selectingRows(rows))
    }
}

/// What training produced: the model, plus the out-of-fold scores the threshold was chosen on.
public struct TrainingOutcome: Sendable {
    public let model: BotSiftModel
    /// Cross-validated probability per training row (each from a model that never saw that row).
    public let outOfFoldScores: [Double]
}

/// Trains a botsift model: stratified k-fold cross-validation over accounts gives out-of-fold scores,
/// the threshold rule picks the decision threshold on those (never on in-sample scores), then scaler,
/// logistic regression and clusters are fitted on all rows.
public struct BotSiftTrainer: Sendable {
    public var configuration: TrainingConfiguration
    /// Threads for the fold fits, k-means initialisations and bootstrap resamples. Every result is the same for
    /// any count (each job depends only on its index); internal so that tests can force one thread.
    var threadCount = ParallelWork.defaultThreadCount

    public init(configuration: TrainingConfiguration = TrainingConfiguration()) {
        self.configuration = configuration
    }

    /// Fits the full model on `data`; `fingerprint` records where the data came from.
    public func fit(_ data: LabeledFeatures, fingerprint: TrainingDataFingerprint, bootstrapResamples: Int = 1000)
        throws -> TrainingOutcome
    {
        let scaler = StandardScaler().fit(data.table.values)
        let standardized = scaler.transformClipped(data.table.values, clip: configuration.clip)
        // The initialisations run on this trainer's pool below, so the k-means thread count is not used.
        let kmeans = KMeans(clusterCount: configuration.clusterCount, seed: configuration.seed)
        let clustering = try ClusterStage(kmeans: kmeans).plan(
            standardized: standardized, labels: data.labels, means: scaler.means, scales: scaler.scales,
            featureNames: data.table.schema.names)
        // The classifier on all rows and the k-means initialisations need only the standardised rows, so they share
        // one pool with the fold models, which start from that classifier: the classifier first (the longest job),
        // then the initialisations, then the folds, which by then rarely wait for it.
        let initializations = clustering.initializations
        let folds = try Folds.stratified(labels: data.labels, folds: configuration.folds, seed: configuration.seed)
        let fullClassifier = ParallelWork.Handoff<FittedLogisticRegression>()
        let firstFold = 1 + initializations.count
        let jobs = try ParallelWork.map(firstFold + configuration.folds, threads: threadCount) { job -> TrainingJob in
            if job == 0 {
                do {
                    let classifier = try logisticRegression.fit(standardized, labels: data.labels)
                    fullClassifier.publish(classifier)
                    return .classifier(classifier)
                } catch {
                    fullClassifier.publish(nil)
                    throw error
                }
            }
            if job < firstFold { return .clustering(initializations.run(job - 1)) }
            // Without the classifier, job 0 failed and its error is what `map` rethrows.
            guard let start = fullClassifier.wait() else { return .fold(HeldOutFold(rows: [], probabilities: [])) }
            return .fold(try heldOutFold(job - firstFold, of: folds, data, startingFrom: start))
        }
        var classifier: FittedLogisticRegression?
        var runs: [FittedKMeans] = [], heldOut: [HeldOutFold] = []
        for job in jobs {
            switch job {
            case .classifier(let fitted): classifier = fitted
            case .clustering(let run): runs.append(run)
            case .fold(let fold): heldOut.append(fold)
            }
        }
        guard let classifier else { preconditionFailure("job 0 returns the classifier or throws") }
        let clusters = clustering.profile(initializations.best(of: runs))
        let outOfFold = Self.assemble(heldOut, rows: data.labels.count)
        let threshold = try configuration.thresholdRule.choose(labels: data.labels, scores: outOfFold)
        let report = try EvaluationReport(
            labels: data.labels, scores: outOfFold, campaigns: data.botCampaigns, threshold: threshold.threshold,
            thresholdSource: "chosen on these out-of-fold scores: \(threshold.explanation)",
            bootstrapResamples: bootstrapResamples, seed: configuration.seed, threadCount: threadCount)
        let model = BotSiftModel(
            schema: data.table.schema, scaler: scaler, clip: configuration.clip, classifier: classifier,
            threshold: threshold, clusters: clusters, hyperparameters: configuration, trainingData: fingerprint,
            crossValidation: report)
        return TrainingOutcome(model: model, outOfFoldScores: outOfFold)
    }

    /// Probability for every row from a model trained on the other folds.
    public func outOfFoldScores(_ data: LabeledFeatures) throws -> [Double] {
        let folds = try Folds.stratified(labels: data.labels, folds: configuration.folds, seed: configuration.seed)
        let heldOut = try ParallelWork.map(configuration.folds, threads: threadCount) { fold in
            try heldOutFold(fold, of: folds, data, startingFrom: nil)
        }
        return Self.assemble(heldOut, rows: data.labels.count)
    }

    /// One result of the pool in `fit`.
    private enum TrainingJob: Sendable {
        case classifier(FittedLogisticRegression)
        case clustering(FittedKMeans)
        case fold(HeldOutFold)
    }

    /// A fold's held-out rows and their probabilities from the model fitted on the other folds.
    private struct HeldOutFold: Sendable {
        let rows: [Int]
        let probabilities: [Double]
    }

    /// The logistic regression of this recipe.
    private var logisticRegression: LogisticRegression {
        LogisticRegression(c: configuration.c, classWeighting: configuration.classWeighting)
    }

    /// Fits the rows outside fold `fold` of `assignment` and scores the rows inside it. The solver starts from
    /// `start` when given: the model fitted on all rows lies close to every fold's optimum, which cuts Newton's steps
    /// from about 12 to 4, and the optimum itself does not depend on the start.
    private func heldOutFold(
        _ fold: Int, of assignment: [Int], _ data: LabeledFeatures, startingFrom start: FittedLogisticRegression?
    ) throws -> HeldOutFold {
        let test = assignment.indices.filter { assignment[$0] == fold }
        guard !test.isEmpty else { return HeldOutFold(rows: [], probabilities: []) }
        let train = assignment.indices.filter { assignment[$0] != fold }
        let fitted = try fitClassifier(
            data.table.values.selectingRows(train), labels: train.map { data.labels[$0] }, startingFrom: start)
        return HeldOutFold(rows: test, probabilities: fitted.probabilities(data.table.values.selectingRows(test)))
    }

    /// Every row's held-out probability, from the folds' results.
    private static func assemble(_ folds: [HeldOutFold], rows: Int) -> [Double] {
        var scores = [Double](repeating: .nan, count: rows)
        for fold in folds {
            for (i, row) in fold.rows.enumerated() { scores[row] = fold.probabilities[i] }
        }
        return scores
    }

    /// Scaler plus logistic regression on raw feature rows, the solver starting from `start` when given.
    func fitClassifier(_ x: Matrix, labels: [Int], startingFrom start: FittedLogisticRegression? = nil) throws
        -> StandardizedClassifier
    {
        let scaler = StandardScaler().fit(x)
        let classifier = try logisticRegression.fit(
            scaler.transformClipped(x, clip: configuration.clip), labels: labels, startingFrom: start)
        return StandardizedClassifier(scaler: scaler, clip: configuration.clip, classifier: classifier)
    }
}

/// A scaler, a clip and a logistic regression applied together to raw feature rows.
struct StandardizedClassifier: Sendable {
    let scaler: FittedStandardScaler
    let clip: Double
    let classifier: FittedLogisticRegression

    func standardize(_ x: Matrix) -> Matrix { scaler.transformClipped(x, clip: clip) }

    func probabilities(_ x: Matrix) -> [Double] { classifier.probabilities(standardize(x)) }
}

extension FittedStandardScaler {
    /// Standardised rows clipped to ±clip: the model's input transform, so that one absurd value in a
    /// new batch cannot dominate a score.
    public func transformClipped(_ x: Matrix, clip: Double) -> Matrix {
        var z = transform(x)
        z.elements.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = min(max(p[i], -clip), clip) }
        }
        return z
    }
}
