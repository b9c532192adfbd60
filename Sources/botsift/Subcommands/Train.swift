import ArgumentParser
import BotSift

/// `botsift train`: labeled archives in, a model file out, with cross-validated metrics and clusters printed.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model on labeled takedown archives and control accounts.",
        discussion: """
            The decision threshold is chosen on out-of-fold scores from stratified k-fold cross-validation
            over accounts (never on the fitted training scores). Prints accounts per class and campaign, the
            features used, cross-validated metrics, the threshold and the clusters found.

            Examples:
              botsift train --users Data/sample/train/users.csv --tweets Data/sample/train/tweets.csv \\
                  --labels Data/sample/train/labels.csv --model model.json
              botsift train --positive china_082019_1/ --negative controls/ --target-precision 0.9 --model m.json
            """
    )

    @OptionGroup(title: "Labeled input") var input: LabeledInputArguments
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup var reading: ReadingOptions

    @Option(help: ArgumentHelp("Where to write the model (JSON).", valueName: "file"))
    var model: String

    @Flag(help: ArgumentHelp(
        "Also record the SHA-256 of every input's whole content in the model (reads the inputs a second time).",
        discussion: "By default the model records a sampled SHA-256 (size and 64 blocks of 64 KiB) that tells files apart cheaply; see docs/MODEL_FILE.md."))
    var fullDigest = false

    func run() throws {
        let labeled = try input.load()
        let fingerprinting = labeled.startFingerprinting(fullDigest: fullDigest)
        let (table, report) = try ArchiveFeatures.extract(
            labeled.input, configuration: try training.featureConfiguration(), options: reading.ingestOptions())
        if !reading.quiet { printError(report.summary) }
        let aligned = LabeledFeatures.align(table, with: labeled.labels)
        if !aligned.missing.isEmpty {
            printError("warning: \(aligned.missing.count) labeled accounts are not in the archive (first: \(aligned.missing.prefix(3).joined(separator: ", ")))")
        }
        let data = aligned.features
        let fingerprint = TrainingDataFingerprint(
            inputs: try fingerprinting.wait(),
            accountsPerClass: ["bot": data.labels.filter { $0 == 1 }.count, "control": data.labels.filter { $0 == 0 }.count],
            accountsPerCampaign: Dictionary(
                zip(data.campaigns, data.labels).filter { $0.1 == 1 }.map { ($0.0, 1) }, uniquingKeysWith: +))
        let outcome = try BotSiftTrainer(configuration: try training.trainingConfiguration()).fit(data, fingerprint: fingerprint)
        try ModelFile.save(outcome.model, to: model)
        print(TrainingSummary.render(outcome.model, unlabeled: aligned.unlabeled))
        print("\nmodel written to \(model)")
    }
}

/// The text `train` prints: data, features, cross-validated metrics, threshold, clusters.
enum TrainingSummary {
    static func render(_ model: BotSiftModel, unlabeled: Int) -> String {
        var out: [String] = []
        let data = model.trainingData
        out.append("Training data")
        var counts = TextTable(["class / campaign", "accounts"])
        counts.add(["control (0)", String(data.accountsPerClass["control"] ?? 0)])
        counts.add(["bot (1)", String(data.accountsPerClass["bot"] ?? 0)])
        for (campaign, n) in data.accountsPerCampaign.sorted(by: { $0.key < $1.key }) {
            counts.add(["  campaign \(campaign.isEmpty ? "(none)" : campaign)", String(n)])
        }
        out.append(counts.render())
        if unlabeled > 0 { out.append("  (\(unlabeled) accounts in the archive had no label and were not used)") }
        let families = model.schema.configuration.families.map(\.rawValue).joined(separator: ", ")
        out.append("\nFeatures: \(model.schema.features.count) (\(families)); schema version \(model.schema.version)")
        out.append("\nCross-validated (\(model.hyperparameters.folds)-fold, out-of-fold scores)")
        out.append(model.crossValidation.renderText())
        out.append("\nThreshold: \(Format.fixed(model.threshold.threshold, digits: 4)) — \(model.threshold.explanation)")
        out.append("\nStrongest coefficients (standardised units)")
        var coefficients = TextTable(["feature", "coefficient"])
        let ranked = zip(model.schema.features, model.classifier.coefficients).sorted { abs($0.1) > abs($1.1) }
        for (feature, w) in ranked.prefix(8) { coefficients.add([feature.name, Format.signed(w, digits: 3)]) }
        out.append(coefficients.render())
        out.append("\nClusters (k-means on standardised features)")
        out.append(ClusterTable.render(model.clusters.profiles))
        return out.joined(separator: "\n")
    }
}

/// The clusters table: size, bot share, distinctive features.
enum ClusterTable {
    static func render(_ profiles: [ClusterProfile], extraColumn: (title: String, values: [Int: String])? = nil) -> String {
        var header = ["cluster", "size", "bot share"]
        if let extra = extraColumn { header.append(extra.title) }
        header.append("distinctive features (z)")
        var table = TextTable(header, leftAligned: [0, header.count - 1])
        for p in profiles.sorted(by: { $0.botShare != $1.botShare ? $0.botShare > $1.botShare : $0.index < $1.index }) {
            var row = [String(p.index), String(p.size), Format.fixed(p.botShare, digits: 2)]
            if let extra = extraColumn { row.append(extra.values[p.index] ?? "0") }
            row.append(p.distinctive.map { "\($0.name) \(Format.signed($0.z, digits: 1))" }.joined(separator: ", "))
            table.add(row)
        }
        return table.render()
    }
}
