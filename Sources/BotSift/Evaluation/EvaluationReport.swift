/// Everything `botsift evaluate` reports about scores against labels: class counts, metrics at the model
/// threshold and at 0.5, ranking metrics, calibration, per-campaign recall and bootstrap intervals. Encode it
/// with `JSONEncoder` (sorted keys) for pipelines; `renderText()` is for people.
public struct EvaluationReport: Codable, Sendable {
    public let rows: Int
    public let positives: Int
    public let negatives: Int
    public let threshold: Double
    /// Where the threshold came from, e.g. the model file's `ThresholdChoice.explanation`.
    public let thresholdSource: String
    /// Metrics and confusion matrix at the model threshold.
    public let atThreshold: ThresholdMetrics
    public let atHalf: ThresholdMetrics
    /// nil when only one class is present.
    public let rocAUC: Double?
    /// nil when there are no positives.
    public let averagePrecision: Double?
    public let brierScore: Double
    /// For k = 50, 100, 500 where k <= rows.
    public let precisionAtTopK: [PrecisionAtK]
    /// At false-positive rates 1% and 0.1%; empty when only one class is present.
    public let recallAtFalsePositiveRate: [RecallAtFalsePositiveRate]
    public let calibration: [CalibrationBin]
    /// Empty when no campaigns were given.
    public let campaigns: [CampaignRecall]
    /// nil when no resamples were asked for (inner cross-validation splits, `--bootstrap 0`).
    public let bootstrap: BootstrapIntervals?
    /// Plain-language caveats: undefined metrics, conventions that applied, ties at cuts, skipped resamples.
    public let notes: [String]

    /// The k values for precision at top k, and the false-positive rates for recall at a rate.
    public static let topKValues = [50, 100, 500]
    public static let falsePositiveRateTargets = [0.01, 0.001]

    /// Computes the report. `campaigns`, when given, has one entry per row (nil for rows without one).
    /// Throws on mismatched lengths, labels other than 0/1, scores outside [0, 1], or no rows.
    public init(
        labels: [Int], scores: [Double], campaigns: [String?]? = nil, threshold: Double, thresholdSource: String,
        bootstrapResamples: Int = 1000, seed: UInt64
    ) throws {
        try self.init(
            labels: labels, scores: scores, campaigns: campaigns, threshold: threshold, thresholdSource: thresholdSource,
            bootstrapResamples: bootstrapResamples, seed: seed, threadCount: ParallelWork.defaultThreadCount)
    }

    /// The public initialiser with the number of threads the bootstrap resamples run on (the report is the same
    /// for any count). The rows are ranked once and every ranking metric reuses that ranking.
    init(
        labels: [Int], scores: [Double], campaigns: [String?]?, threshold: Double, thresholdSource: String,
        bootstrapResamples: Int, seed: UInt64, threadCount: Int
    ) throws {
        try EvaluationInput.validate(labels: labels, scores: scores, probabilities: true)
        guard !labels.isEmpty else { throw EvaluationError.noRows }
        if let campaigns, campaigns.count != labels.count {
            throw EvaluationError.campaignCountMismatch(labels: labels.count, campaigns: campaigns.count)
        }
        guard threshold.isFinite else { throw EvaluationError.invalidTarget("model threshold \(threshold) is not a number") }
        rows = labels.count
        positives = labels.reduce(0, +)
        negatives = rows - positives
        self.threshold = threshold
        self.thresholdSource = thresholdSource
        let ranking = ScoreRanking(scores: scores)
        let groups = ScoreGroups(labels: labels, ranking: ranking)
        atThreshold = ThresholdMetrics(threshold: threshold, confusion: groups.confusion(threshold: threshold))
        atHalf = ThresholdMetrics(threshold: 0.5, confusion: groups.confusion(threshold: 0.5))
        rocAUC = groups.rocAUC()
        averagePrecision = groups.averagePrecision()
        brierScore = Metrics.brierScore(labels: labels, scores: scores)!
        precisionAtTopK = Self.topKValues.filter { $0 <= labels.count }.map {
            Metrics.precisionAtTopK(labels: labels, scores: scores, order: ranking.order, k: $0)
        }
        recallAtFalsePositiveRate = Self.falsePositiveRateTargets.compactMap {
            Metrics.recallAtFalsePositiveRate(groups, target: $0)
        }
        calibration = Metrics.calibrationTable(labels: labels, scores: scores)
        self.campaigns = campaigns.map {
            Metrics.recallPerCampaign(labels: labels, scores: scores, campaigns: $0, threshold: threshold)
        } ?? []
        bootstrap = bootstrapResamples == 0 ? nil : try BootstrapIntervals(
            labels: labels, scores: scores, ranking: ranking, threshold: threshold, resamples: bootstrapResamples,
            seed: seed, sampling: .stratifiedByClass, threadCount: threadCount)

        var notes: [String] = []
        if positives == 0 || negatives == 0 {
            let missing = positives == 0 ? "bots (label 1)" : "non-bots (label 0)"
            notes.append("The labels contain no \(missing): ROC AUC, recall at a false-positive rate and the "
                + "confidence intervals are undefined and shown as \"undefined\".")
        }
        if positives == 0 {
            notes.append("With no bots, average precision is undefined; precision, recall and F1 are 0 by "
                + "scikit-learn's zero_division=0 convention, not because the model failed.")
        }
        if negatives == 0 { notes.append("With no non-bots, false-positive rates are undefined.") }
        for k in Self.topKValues where k > rows {
            notes.append("Precision in the top \(k) is not reported: only \(rows) accounts.")
        }
        for topK in precisionAtTopK where topK.cutFallsInsideTie {
            notes.append("The top-\(topK.k) cut falls inside a run of equal scores; the tie was broken by input order.")
        }
        if let bootstrap, bootstrap.skippedSingleClassResamples > 0 {
            notes.append("\(bootstrap.skippedSingleClassResamples) of \(bootstrap.resamples) bootstrap resamples held "
                + "only one class and were left out of every interval.")
        }
        self.notes = notes
    }

    /// Aligned plain-text tables (summary metrics with 95% CIs, confusion matrix, calibration, per-campaign
    /// recall, notes and methods) ready to paste into an analyst's report.
    public func renderText() -> String {
        var sections: [String] = []
        sections.append(
            "Evaluation of \(Format.grouped(rows)) accounts: \(Format.grouped(positives)) bots (label 1), "
                + "\(Format.grouped(negatives)) not bots (label 0)\n"
                + "Model threshold \(Self.number(threshold)): \(thresholdSource)")
        sections.append("Summary\n" + summaryTable().render())
        sections.append(
            "Confusion matrix at threshold \(Self.number(threshold)) (rows: actual, columns: predicted)\n"
                + confusionTable().render())
        sections.append("Calibration (10 equal-width score bins)\n" + calibrationTable().render())
        if !campaigns.isEmpty { sections.append("Recall per campaign\n" + campaignTable().render()) }
        let methods = [
            bootstrap.map {
                "95% CI: percentile bootstrap, \(Format.grouped($0.resamples)) resamples "
                    + ($0.sampling == .stratifiedByClass ? "stratified by class" : "of all rows") + ", seed \($0.seed)."
            } ?? "No confidence intervals: no bootstrap resamples were asked for.",
            "A score >= threshold counts as a bot. Metrics follow scikit-learn (roc_auc_score, "
                + "average_precision_score, precision_recall_fscore_support with zero_division=0, brier_score_loss).",
        ]
        sections.append("Notes\n" + (notes + methods).map { "  - " + $0 }.joined(separator: "\n"))
        return sections.joined(separator: "\n\n") + "\n"
    }

    private func summaryTable() -> TextTable {
        var table = TextTable(header: ["Metric", "Value", "95% CI", "Detail"], alignments: [.left, .right, .left, .left])
        func add(_ metric: String, _ value: Double?, _ interval: ConfidenceInterval? = nil, _ detail: String = "") {
            let ci = interval.map { "\(Self.number($0.lower)) – \(Self.number($0.upper))" } ?? ""
            table.rows.append([metric, value.map(Self.number) ?? "undefined", ci, detail])
        }
        let t = Self.number(threshold)
        add("ROC AUC", rocAUC, bootstrap?.rocAUC)
        add("Average precision (PR AUC)", averagePrecision, bootstrap?.averagePrecision)
        add("Precision at \(t)", atThreshold.precision, bootstrap?.precision, "model threshold")
        add("Recall at \(t)", atThreshold.recall, bootstrap?.recall, "model threshold")
        add("F1 at \(t)", atThreshold.f1)
        add("False-positive rate at \(t)", atThreshold.falsePositiveRate)
        add("Precision at 0.5", atHalf.precision)
        add("Recall at 0.5", atHalf.recall)
        add("F1 at 0.5", atHalf.f1)
        add("False-positive rate at 0.5", atHalf.falsePositiveRate)
        for topK in precisionAtTopK {
            add("Precision in top \(topK.k)", topK.precision, nil,
                "\(topK.positives) of \(topK.k) are bots" + (topK.cutFallsInsideTie ? "; tie at the cut" : ""))
        }
        for target in Self.falsePositiveRateTargets {
            let name = "Recall at FPR ≤ \(Format.percent(target, digits: target < 0.01 ? 1 : 0))"
            guard let r = recallAtFalsePositiveRate.first(where: { $0.targetFalsePositiveRate == target }) else {
                add(name, nil)
                continue
            }
            let detail = r.threshold.map { "threshold \(Self.number($0)), FPR \(Self.number(r.falsePositiveRate))" }
                ?? "no score threshold keeps FPR this low"
            add(name, r.recall, nil, detail)
        }
        add("Brier score", brierScore, nil, "mean squared error; lower is better")
        return table
    }

    private func confusionTable() -> TextTable {
        let c = atThreshold.confusion
        var table = TextTable(
            header: ["", "Predicted bot", "Predicted not bot", "Total"], alignments: [.left, .right, .right, .right])
        func row(_ name: String, _ counts: Int...) -> [String] { [name] + counts.map(Format.grouped) }
        table.rows = [
            row("Actual bot", c.truePositives, c.falseNegatives, positives),
            row("Actual not bot", c.falsePositives, c.trueNegatives, negatives),
            row("Total", c.truePositives + c.falsePositives, c.falseNegatives + c.trueNegatives, rows),
        ]
        return table
    }

    private func calibrationTable() -> TextTable {
        var table = TextTable(
            header: ["Scores", "Accounts", "Mean score", "Share bots"], alignments: [.left, .right, .right, .right])
        for bin in calibration {
            let range = "[\(Format.fixed(bin.lower, digits: 1)), \(Format.fixed(bin.upper, digits: 1))"
                + (bin.upper == 1 ? "]" : ")")
            table.rows.append([
                range, Format.grouped(bin.count), bin.meanPredicted.map(Self.number) ?? "-",
                bin.observedPositiveRate.map(Self.number) ?? "-",
            ])
        }
        return table
    }

    private func campaignTable() -> TextTable {
        var table = TextTable(
            header: ["Campaign", "Accounts", "Bots", "Recall at \(Self.number(threshold))", "Recall at 0.5"],
            alignments: [.left, .right, .right, .right, .right])
        for campaign in campaigns {
            table.rows.append([
                campaign.campaign, Format.grouped(campaign.rows), Format.grouped(campaign.positives),
                campaign.recallAtThreshold.map(Self.number) ?? "undefined",
                campaign.recallAtHalf.map(Self.number) ?? "undefined",
            ])
        }
        return table
    }

    /// Metrics and thresholds are shown with four decimals.
    private static func number(_ value: Double) -> String { Format.fixed(value, digits: 4) }
}
