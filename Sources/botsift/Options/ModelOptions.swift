import ArgumentParser
import BotSift

/// The training recipe as command-line options (train, and evaluate --cv / --leave-one-campaign-out).
struct TrainingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Feature families, comma-separated, from metadata,timing,behaviour,cohort,language (language is off by default: it ties a model to its training campaigns' languages).",
        valueName: "families"))
    var features: String = FeatureFamily.defaults.map(\.rawValue).joined(separator: ",")

    @Option(name: .customLong("C"), help: "Inverse L2 regularisation strength of the logistic regression.")
    var c: Double = 1

    @Option(help: ArgumentHelp("Class weighting: balanced or none.", valueName: "weighting"))
    var classWeight: String = "balanced"

    @Option(help: "Number of k-means clusters shown as campaigns.")
    var clusters: Int = 8

    @Option(help: "Cross-validation folds used to choose the threshold on out-of-fold scores.")
    var folds: Int = 5

    @Option(help: ArgumentHelp("Choose the threshold reaching this out-of-fold precision (e.g. 0.9).", valueName: "P"))
    var targetPrecision: Double?

    @Option(help: ArgumentHelp("Choose the threshold keeping the out-of-fold false-positive rate at most F.", valueName: "F"))
    var targetFpr: Double?

    @Option(help: "Seed for folds, k-means and bootstrap resamples.")
    var seed: UInt64 = 0

    func validate() throws {
        _ = try featureConfiguration()
        _ = try trainingConfiguration()
    }

    func featureConfiguration() throws -> FeatureConfiguration {
        var families: [FeatureFamily] = []
        for name in features.split(separator: ",").map({ String($0).trimmingWhitespace() }) where !name.isEmpty {
            guard let family = FeatureFamily(rawValue: name == "behavior" ? "behaviour" : name) else {
                throw ValidationError("unknown feature family '\(name)'; choose from \(FeatureFamily.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !families.contains(family) { families.append(family) }
        }
        guard !families.isEmpty else { throw ValidationError("--features needs at least one family") }
        return FeatureConfiguration(families: FeatureFamily.allCases.filter(families.contains))
    }

    func trainingConfiguration() throws -> TrainingConfiguration {
        guard c > 0, c.isFinite else { throw ValidationError("-C must be a positive number, got \(c)") }
        guard let weighting = ClassWeighting(rawValue: classWeight) else {
            throw ValidationError("--class-weight must be 'balanced' or 'none', got '\(classWeight)'")
        }
        guard clusters >= 1 else { throw ValidationError("--clusters must be at least 1") }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
        let rule: ThresholdRule
        switch (targetPrecision, targetFpr) {
        case (.some, .some):
            throw ValidationError("give --target-precision or --target-fpr, not both")
        case (.some(let p), nil):
            guard p > 0, p <= 1 else { throw ValidationError("--target-precision must be in (0, 1], got \(p)") }
            rule = .targetPrecision(p)
        case (nil, .some(let f)):
            guard f >= 0, f < 1 else { throw ValidationError("--target-fpr must be in [0, 1), got \(f)") }
            rule = .targetFalsePositiveRate(f)
        case (nil, nil):
            rule = .bestF1
        }
        return TrainingConfiguration(
            c: c, classWeighting: weighting, clusterCount: clusters, folds: folds, thresholdRule: rule, seed: seed)
    }
}

/// Labeled training or evaluation data, in either of the two accepted forms.
struct LabeledInputArguments: ParsableArguments {
    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Takedown archives (folders or users files): every account is a bot, campaign = archive name.",
        valueName: "archive"))
    var positive: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Control archives: every account is labeled 0.", valueName: "archive"))
    var negative: [String] = []

    @Option(help: ArgumentHelp("Users file (with --tweets and --labels).", valueName: "file"))
    var users: String?

    @Option(help: ArgumentHelp("Tweets file (repeatable).", valueName: "file"))
    var tweets: [String] = []

    @Option(help: ArgumentHelp("Labels file: userid,label[,campaign].", valueName: "file"))
    var labels: String?

    func validate() throws {
        let archiveForm = !positive.isEmpty || !negative.isEmpty
        let fileForm = users != nil || !tweets.isEmpty || labels != nil
        if archiveForm && fileForm {
            throw ValidationError("use --positive/--negative archives or --users/--tweets/--labels, not both")
        }
        if archiveForm && (positive.isEmpty || negative.isEmpty) {
            throw ValidationError("--positive needs --negative control archives too (and vice versa)")
        }
        if !archiveForm && labels == nil {
            throw ValidationError("give --labels with --users/--tweets, or --positive and --negative archives")
        }
        if !archiveForm && users == nil && tweets.isEmpty {
            throw ValidationError("give --users and/or --tweets with --labels")
        }
    }

    /// The batch and its labels.
    func load() throws -> LabeledArchive {
        if !positive.isEmpty {
            return try LabeledArchive.fromArchives(positive: positive, negative: negative)
        }
        let input = ArchiveInput(usersFile: users, tweetsFiles: tweets)
        return LabeledArchive(input: input, labels: try LabelFile.read(labels!), labelFiles: [labels!])
    }
}
