import ArgumentParser
import BotSift

/// `botsift evaluate`: precision, recall and friends for a model on labeled data, or for a training
/// recipe by nested cross-validation or leave-one-campaign-out.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure precision, recall, AUCs and calibration on labeled data.",
        discussion: """
            With --model: score the labeled batch with a trained model and report metrics at the model's
            threshold and at 0.5, ROC AUC, average precision, precision at top k, recall at 1% and 0.1%
            false-positive rate, Brier score, calibration, confusion matrix, recall per campaign, and bootstrap
            95% confidence intervals. With --cv K: cross-validate a training recipe (every fold trains the full
            recipe, threshold included, without the fold). With --leave-one-campaign-out: train without each
            campaign and test on it — how the model does on a campaign it has not seen.

            Examples:
              botsift evaluate --model model.json --users Data/sample/test/users.csv \\
                  --tweets Data/sample/test/tweets.csv --labels Data/sample/test/labels.csv
              botsift evaluate --leave-one-campaign-out --users U.csv --tweets T.csv --labels L.csv --json out.json
            """
    )

    @OptionGroup(title: "Labeled input") var input: LabeledInputArguments
    @OptionGroup(title: "Training recipe (with --cv or --leave-one-campaign-out)") var training: TrainingOptions
    @OptionGroup var reading: ReadingOptions

    @Option(help: ArgumentHelp("Model to evaluate.", valueName: "file"))
    var model: String?

    @Option(help: ArgumentHelp("Cross-validate the training recipe with K outer folds.", valueName: "K"))
    var cv: Int?

    @Flag(help: "Train without each campaign in turn and test on it.")
    var leaveOneCampaignOut = false

    @Flag(help: "Print the report as JSON instead of text tables.")
    var json = false

    @Option(help: "Bootstrap resamples for the 95% confidence intervals.")
    var bootstrap: Int = 1000

    func validate() throws {
        let modes = [model != nil, cv != nil, leaveOneCampaignOut].filter { $0 }.count
        guard modes == 1 else {
            throw ValidationError("choose one of --model, --cv K or --leave-one-campaign-out")
        }
        if let k = cv, k < 2 { throw ValidationError("--cv needs at least 2 folds") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
    }

    func run() throws {
        let trained = try model.map { try ModelFile.load(from: $0) }
        let labeled = try input.load()
        let features = try trained?.schema.configuration ?? training.featureConfiguration()
        let (table, report) = try ArchiveFeatures.extract(labeled.input, configuration: features, options: reading.ingestOptions())
        if !reading.quiet { printError(report.summary) }
        let aligned = LabeledFeatures.align(table, with: labeled.labels)
        if !aligned.missing.isEmpty && !reading.quiet {
            printError("warning: \(aligned.missing.count) labeled accounts are not in the archive (first: \(aligned.missing.prefix(3).joined(separator: ", ")))")
        }
        let data = aligned.features
        guard !data.labels.isEmpty else {
            throw ValidationError("no labeled account of the labels file is in the archive: check that the userids match")
        }
        if let trained {
            try evaluateModel(trained, on: data)
        } else {
            try crossValidate(data)
        }
    }

    private func evaluateModel(_ trained: BotSiftModel, on data: LabeledFeatures) throws {
        let scores = try ModelScorer(model: trained, reasonCount: 0).scoreAll(data.table)
        let evaluation = try EvaluationReport(
            labels: data.labels, scores: scores.map(\.probability), campaigns: data.botCampaigns,
            threshold: trained.threshold.threshold, thresholdSource: "model threshold: \(trained.threshold.explanation)",
            bootstrapResamples: bootstrap, seed: trained.hyperparameters.seed)
        if json {
            print(try JSONOutput.text(evaluation))
            return
        }
        print("Evaluation of \(model!) on \(data.labels.count) labeled accounts")
        print(evaluation.renderText())
        var perCluster: [Int: (n: Int, bots: Int)] = [:]
        for (score, label) in zip(scores, data.labels) {
            perCluster[score.cluster, default: (0, 0)].n += 1
            perCluster[score.cluster, default: (0, 0)].bots += label
        }
        print("\nClusters (training size and bot share; accounts of this batch in each, with their bot share)")
        print(ClusterTable.render(trained.clusters.profiles, extraColumn: (
            "this batch (bots)", perCluster.mapValues { "\($0.n) (\($0.bots))" })))
    }

    private func crossValidate(_ data: LabeledFeatures) throws {
        let recipe = CrossValidation(configuration: try training.trainingConfiguration())
        let pooled = try leaveOneCampaignOut ? recipe.leaveOneCampaignOut(data) : recipe.kFold(data, folds: cv!)
        let scored = pooled.scores.indices.filter { !pooled.scores[$0].isNaN }
        let labels = scored.map { data.labels[$0] }
        // Each split decided with its own threshold: score the decisions as 0/1 at 0.5.
        let decided = Metrics.atThreshold(
            labels: labels, scores: scored.map { pooled.flagged[$0] ? 1 : 0 }, threshold: 0.5)
        let (precision, recall) = (decided.precision, decided.recall)
        let medianThreshold = pooled.splits.map(\.threshold).sorted()[pooled.splits.count / 2]
        let evaluation = try EvaluationReport(
            labels: labels, scores: scored.map { pooled.scores[$0] }, campaigns: scored.map { data.botCampaigns[$0] },
            threshold: medianThreshold, thresholdSource: "median of the thresholds each split chose on its own training data",
            bootstrapResamples: bootstrap, seed: recipe.configuration.seed)
        let mode = leaveOneCampaignOut ? "leave-one-campaign-out" : "\(cv!)-fold nested cross-validation"
        if json {
            struct Output: Encodable {
                let mode: String
                let splits: [CrossValidation.HeldOutResult]
                let pooledDecisions: [String: Double]
                let pooled: EvaluationReport
            }
            print(try JSONOutput.text(Output(
                mode: mode, splits: pooled.splits,
                pooledDecisions: ["precision": precision, "recall": recall], pooled: evaluation)))
            return
        }
        print("\(mode): every split trains the full recipe (threshold chosen on its own inner folds)")
        var table = TextTable([leaveOneCampaignOut ? "held-out campaign" : "split", "bots", "controls", "threshold",
                               "ROC AUC", "avg prec", "precision", "recall", "FPR"])
        for s in pooled.splits {
            table.add([s.name, String(s.bots), String(s.controls), Format.fixed(s.threshold, digits: 3),
                       s.rocAUC.map { Format.fixed($0, digits: 3) } ?? "n/a",
                       s.averagePrecision.map { Format.fixed($0, digits: 3) } ?? "n/a",
                       Format.fixed(s.precision, digits: 3), Format.fixed(s.recall, digits: 3),
                       s.falsePositiveRate.map { Format.fixed($0, digits: 4) } ?? "n/a"])
        }
        print(table.render())
        print("\nPooled decisions (each account flagged by its own split's model and threshold): precision \(Format.fixed(precision, digits: 3)), recall \(Format.fixed(recall, digits: 3))")
        print("\nPooled out-of-split scores")
        print(evaluation.renderText())
    }
}
