import LinAlg

/// A feature that sets a cluster apart: its name and the cluster centroid's standardised value (signed z-score).
public struct DistinctiveFeature: Codable, Equatable, Sendable {
    public let name: String
    public let z: Double

    public init(name: String, z: Double) {
        self.name = name
        self.z = z
    }
}

/// What an analyst reads about one cluster: how many training accounts it holds, which share of them are labeled
/// bots, where its centre lies in original feature units, and the features that distinguish it most.
public struct ClusterProfile: Codable, Equatable, Sendable {
    /// Position of the cluster's centre in the fitted k-means model.
    public let index: Int
    /// Training accounts assigned to the cluster.
    public let size: Int
    /// Fraction of those accounts labeled bot (0 for an empty cluster).
    public let botShare: Double
    /// The centre in original feature units (standardisation undone).
    public let centroid: [Double]
    /// The features with the largest |z| of the standardised centre, largest first.
    public let distinctive: [DistinctiveFeature]

    public init(index: Int, size: Int, botShare: Double, centroid: [Double], distinctive: [DistinctiveFeature]) {
        self.index = index
        self.size = size
        self.botShare = botShare
        self.centroid = centroid
        self.distinctive = distinctive
    }
}

/// The clustering stage: k-means on standardised account vectors, with a profile per cluster, so that a campaign
/// inside a batch shows up as a cluster with a high bot share and a recognisable signature.
public struct ClusterStage: Sendable {
    /// The k-means settings; `clusterCount` is lowered to the number of rows when there are fewer rows.
    public var kmeans: KMeans
    /// How many distinctive features each profile lists (at most the number of features).
    public var distinctiveCount: Int

    public init(kmeans: KMeans = KMeans(), distinctiveCount: Int = 3) {
        self.kmeans = kmeans
        self.distinctiveCount = distinctiveCount
    }

    /// Fits the clusters. `standardized` rows are accounts; `labels` are 1 (bot) or 0 (human) per row;
    /// `means`/`scales` undo the standardisation (`original = z · scale + mean`); `featureNames` label the columns.
    /// With fewer rows than `kmeans.clusterCount`, k becomes the number of rows instead of failing.
    public func fit(
        standardized: Matrix, labels: [Int], means: [Double], scales: [Double], featureNames: [String]
    ) throws -> FittedClusterStage {
        let plan = try self.plan(standardized: standardized, labels: labels, means: means, scales: scales,
                                 featureNames: featureNames)
        return plan.profile(plan.initializations.fitted(threads: kmeans.threadCount))
    }

    /// Validates the inputs and prepares the k-means initialisations, so that a caller can run them on a pool it
    /// shares with other work and then call `profile`; throws what `fit` throws.
    func plan(
        standardized: Matrix, labels: [Int], means: [Double], scales: [Double], featureNames: [String]
    ) throws -> ClusterStagePlan {
        let (n, d) = (standardized.rows, standardized.columns)
        guard labels.count == n else { throw ClusteringError.lengthMismatch(name: "labels", count: labels.count, expected: n) }
        for (name, count) in [("means", means.count), ("scales", scales.count), ("featureNames", featureNames.count)] where count != d {
            throw ClusteringError.lengthMismatch(name: name, count: count, expected: d)
        }
        if let bad = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw ClusteringError.invalidLabel(row: bad, value: labels[bad])
        }
        guard distinctiveCount >= 0 else {
            throw ClusteringError.invalidHyperparameter(name: "distinctiveCount", value: "\(distinctiveCount)", reason: "must be non-negative")
        }
        var settings = kmeans
        if n >= 1 { settings.clusterCount = min(settings.clusterCount, n) }
        return ClusterStagePlan(
            initializations: try settings.initializationRuns(standardized), labels: labels, means: means,
            scales: scales, featureNames: featureNames, distinctiveCount: distinctiveCount)
    }
}

/// A validated clustering whose k-means initialisations are still to run: `profile` turns the best run into the
/// fitted stage (sizes, bot shares and distinctive features per cluster).
struct ClusterStagePlan: Sendable {
    let initializations: KMeansInitializationRuns
    let labels: [Int]
    let means: [Double]
    let scales: [Double]
    let featureNames: [String]
    let distinctiveCount: Int

    /// The fitted stage for the chosen k-means model (the best of the initialisation runs).
    func profile(_ model: FittedKMeans) -> FittedClusterStage {
        let standardized = initializations.x
        let d = standardized.columns
        let assignment = model.assign(standardized)
        let k = model.centers.rows
        var sizes = [Int](repeating: 0, count: k)
        var bots = [Int](repeating: 0, count: k)
        for (row, cluster) in assignment.enumerated() {
            sizes[cluster] += 1
            bots[cluster] += labels[row]
        }
        let profiles = (0..<k).map { cluster in
            let z = model.centers.row(cluster)
            let ranked = z.indices.sorted { abs(z[$0]) != abs(z[$1]) ? abs(z[$0]) > abs(z[$1]) : $0 < $1 }
            return ClusterProfile(
                index: cluster,
                size: sizes[cluster],
                botShare: sizes[cluster] == 0 ? 0 : Double(bots[cluster]) / Double(sizes[cluster]),
                centroid: (0..<d).map { z[$0] * scales[$0] + means[$0] },
                distinctive: ranked.prefix(distinctiveCount).map { DistinctiveFeature(name: featureNames[$0], z: z[$0]) })
        }
        return FittedClusterStage(model: model, profiles: profiles)
    }
}

/// A fitted clustering stage: the k-means model and one profile per cluster, stored in the model file.
public struct FittedClusterStage: Codable, Equatable, Sendable {
    public let model: FittedKMeans
    public let profiles: [ClusterProfile]

    public init(model: FittedKMeans, profiles: [ClusterProfile]) {
        self.model = model
        self.profiles = profiles
    }

    /// The nearest cluster for each standardised account vector.
    public func assign(standardized: Matrix) -> [Int] {
        model.assign(standardized)
    }

    /// For each standardised account vector, the training bot share of its nearest cluster.
    public func clusterBotShare(standardized: Matrix) -> [Double] {
        assign(standardized: standardized).map { profiles[$0].botShare }
    }
}
