/// A group of features that can be switched on or off as a whole (for ablation studies).
public enum FeatureFamily: String, Codable, CaseIterable, Sendable {
    /// Profile fields of the account: counts, names, age, description, hashed id.
    case metadata
    /// When the account posts: rates, inter-arrival statistics, daily and weekly rhythm.
    case timing
    /// What and how the account posts: retweets, hashtags, clients, duplicates.
    case behaviour
    /// Account-language indicators. Off by default: they tie a model to the languages of the campaigns it was
    /// trained on (a new campaign in another language scores low) and flag whole language communities.
    case language
    /// How the account relates to the rest of the batch: creation cohorts, co-posting minutes (computed last,
    /// in a second pass over the batch, so it stays the last family).
    case cohort

    /// The families botsift uses unless told otherwise: all but `language`.
    public static let defaults: [FeatureFamily] = [.metadata, .timing, .behaviour, .cohort]
}

/// Which families to compute, and the cohort parameter. Part of the schema, so it is serialised with the model.
public struct FeatureConfiguration: Codable, Equatable, Sendable {
    /// Enabled families, kept sorted in `FeatureFamily.allCases` order without repeats, so encoding is deterministic.
    public var families: [FeatureFamily] {
        didSet { families = Self.normalised(families) }
    }
    /// A minute counts as a co-posting minute for an account when at least this many other accounts posted in it.
    public var cohortMinimumCoposters: Int

    /// The default families unless told otherwise; `cohortMinimumCoposters` must be in `0...65_534`.
    public init(families: [FeatureFamily] = FeatureFamily.defaults, cohortMinimumCoposters: Int = 3) {
        precondition((0...65_534).contains(cohortMinimumCoposters), "cohortMinimumCoposters must be in 0...65534")
        self.families = Self.normalised(families)
        self.cohortMinimumCoposters = cohortMinimumCoposters
    }

    private enum CodingKeys: String, CodingKey { case families, cohortMinimumCoposters }

    /// Decodes and validates: families are normalised, an out-of-range threshold is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let families = try container.decode([FeatureFamily].self, forKey: .families)
        let threshold = try container.decode(Int.self, forKey: .cohortMinimumCoposters)
        guard (0...65_534).contains(threshold) else {
            throw DecodingError.dataCorruptedError(
                forKey: .cohortMinimumCoposters, in: container,
                debugDescription: "cohortMinimumCoposters must be in 0...65534, found \(threshold)")
        }
        self.init(families: families, cohortMinimumCoposters: threshold)
    }

    /// Whether `family` is switched on.
    public func includes(_ family: FeatureFamily) -> Bool { families.contains(family) }

    private static func normalised(_ families: [FeatureFamily]) -> [FeatureFamily] {
        FeatureFamily.allCases.filter { families.contains($0) }
    }
}

/// How a raw quantity was transformed before it became a feature value.
public enum FeatureTransform: String, Codable, Sendable {
    /// The value is used as computed.
    case identity
    /// `log(1 + x)`, for heavy-tailed counts and durations.
    case log1p
}

/// One column of the feature table: its stable name and what it means.
public struct FeatureDescriptor: Codable, Equatable, Sendable {
    /// Stable snake_case name; models refer to columns by it.
    public var name: String
    public var family: FeatureFamily
    /// Unit of the value after the transform, e.g. "log1p(seconds)", "share (0-1)", "indicator (0/1)".
    public var unit: String
    public var transform: FeatureTransform
    /// Plain words an analyst reads in an explanation, e.g. "share of posts from automation tools".
    public var summary: String
    /// Posts an account needs for this value to be measured rather than imputed (0: always measured; 1: needs a
    /// post, e.g. shares of posts; 2: needs an inter-arrival gap). Explanations skip imputed values.
    public var minimumPosts: Int

    /// A descriptor; see the properties.
    public init(
        name: String, family: FeatureFamily, unit: String, transform: FeatureTransform = .identity, summary: String,
        minimumPosts: Int = 0
    ) {
        self.name = name
        self.family = family
        self.unit = unit
        self.transform = transform
        self.summary = summary
        self.minimumPosts = minimumPosts
    }
}

/// The ordered list of features a configuration produces, with a version. Serialised with a model so that
/// prediction can refuse a model trained on different features.
public struct FeatureSchema: Codable, Equatable, Sendable {
    /// Bumped whenever a feature's name, order, formula or transform changes.
    public static let currentVersion = 1

    public var version: Int
    public var configuration: FeatureConfiguration
    public var features: [FeatureDescriptor]

    /// The schema the current code produces for `configuration`.
    public init(configuration: FeatureConfiguration) {
        version = Self.currentVersion
        self.configuration = configuration
        features = configuration.families.flatMap { FeatureCatalogue.descriptors(of: $0) }
    }

    /// Column names in order.
    public var names: [String] { features.map(\.name) }

    /// nil when identical; otherwise a sentence listing what differs ("here" is this schema, "other" the argument).
    public func mismatch(comparedTo other: FeatureSchema) -> String? {
        var differences: [String] = []
        if version != other.version {
            differences.append("schema version is \(version) here but \(other.version) in the other")
        }
        if configuration.families != other.configuration.families {
            differences.append("families are \(Self.list(configuration.families.map(\.rawValue))) here but "
                + "\(Self.list(other.configuration.families.map(\.rawValue))) in the other")
        }
        if configuration.cohortMinimumCoposters != other.configuration.cohortMinimumCoposters {
            differences.append("cohort co-poster threshold is \(configuration.cohortMinimumCoposters) here but "
                + "\(other.configuration.cohortMinimumCoposters) in the other")
        }
        let mine = names, theirs = other.names
        let mineSet = Set(mine), theirsSet = Set(theirs)
        let onlyInOther = theirs.filter { !mineSet.contains($0) }
        let onlyHere = mine.filter { !theirsSet.contains($0) }
        if !onlyInOther.isEmpty {
            differences.append("missing here (only in the other): \(Self.list(onlyInOther))")
        }
        if !onlyHere.isEmpty {
            differences.append("extra here (not in the other): \(Self.list(onlyHere))")
        }
        let commonMine = mine.filter { theirsSet.contains($0) }
        let commonTheirs = theirs.filter { mineSet.contains($0) }
        if let position = zip(commonMine, commonTheirs).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            differences.append("shared features are in a different order (first difference: '\(commonMine[position])' "
                + "here where the other has '\(commonTheirs[position])')")
        }
        let theirDescriptors = Dictionary(other.features.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for descriptor in features {
            guard let theirs = theirDescriptors[descriptor.name], theirs != descriptor else { continue }
            var changes: [String] = []
            if theirs.family != descriptor.family { changes.append("family \(descriptor.family.rawValue) vs \(theirs.family.rawValue)") }
            if theirs.transform != descriptor.transform { changes.append("transform \(descriptor.transform.rawValue) vs \(theirs.transform.rawValue)") }
            if theirs.unit != descriptor.unit { changes.append("unit '\(descriptor.unit)' vs '\(theirs.unit)'") }
            if theirs.summary != descriptor.summary { changes.append("description '\(descriptor.summary)' vs '\(theirs.summary)'") }
            differences.append("feature '\(descriptor.name)' differs (\(changes.joined(separator: ", ")))")
        }
        guard !differences.isEmpty else { return nil }
        return "Feature schemas differ: " + differences.joined(separator: "; ") + "."
    }

    /// Comma-separated, at most eight items, then how many more.
    private static func list(_ items: [String]) -> String {
        guard !items.isEmpty else { return "none" }
        let shown = items.prefix(8).joined(separator: ", ")
        return items.count > 8 ? "\(shown) and \(items.count - 8) more" : shown
    }
}
