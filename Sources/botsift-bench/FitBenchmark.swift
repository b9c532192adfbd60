#if canImport(Glibc)
import Glibc
#endif
import BotSift
import LinAlg

/// `botsift-bench fit [ACCOUNTS=20000] [RUNS=5]`: builds a seeded synthetic labeled feature table (ACCOUNTS rows x the
/// default schema's columns, about 20% bots, rows drawn from several Gaussian clusters per class) and times the parts
/// of `BotSiftTrainer.fit` (out-of-fold scores, final scaler + logistic fit, clusters, evaluation report, bootstrap
/// alone) and the whole `fit`, printing median wall seconds and median process CPU seconds (all threads) of RUNS
/// runs. It also prints digests of the out-of-fold scores and of the model file bytes, so that a change can be
/// checked to leave every result bit-identical.
func runFitBenchmark(_ arguments: [String]) {
    let accounts = arguments.first.flatMap { Int($0) } ?? 20_000
    let runs = arguments.count > 1 ? Int(arguments[1]) ?? 5 : 5
    guard accounts >= 100, runs >= 1 else {
        print("usage: botsift-bench fit [ACCOUNTS>=100] [RUNS>=1]")
        exit(2)
    }
    let data = syntheticLabeledFeatures(accounts: accounts, seed: 2019)
    let configuration = TrainingConfiguration()
    let trainer = BotSiftTrainer(configuration: configuration)
    let fingerprint = TrainingDataFingerprint(inputs: [], accountsPerClass: [:], accountsPerCampaign: [:])

    var timings: [String: [Double]] = [:], cpuTimings: [String: [Double]] = [:]
    func timed<T>(_ part: String, _ body: () throws -> T) rethrows -> T {
        let start = monotonicSeconds(), startCPU = processCPUSeconds()
        let result = try body()
        timings[part, default: []].append(monotonicSeconds() - start)
        cpuTimings[part, default: []].append(processCPUSeconds() - startCPU)
        return result
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    var outOfFoldDigest = "", modelDigest = ""
    do {
        for _ in 0..<runs {
            let outOfFold = try timed("out_of_fold") { try trainer.outOfFoldScores(data) }
            let threshold = try configuration.thresholdRule.choose(labels: data.labels, scores: outOfFold)
            let (scaler, standardized) = try timed("final_fit") { () throws -> (FittedStandardScaler, Matrix) in
                let scaler = StandardScaler().fit(data.table.values)
                let standardized = scaler.transformClipped(data.table.values, clip: configuration.clip)
                _ = try LogisticRegression(c: configuration.c, classWeighting: configuration.classWeighting)
                    .fit(standardized, labels: data.labels)
                return (scaler, standardized)
            }
            _ = try timed("clusters") {
                try ClusterStage(kmeans: KMeans(clusterCount: configuration.clusterCount, seed: configuration.seed)).fit(
                    standardized: standardized, labels: data.labels, means: scaler.means, scales: scaler.scales,
                    featureNames: data.table.schema.names)
            }
            _ = try timed("bootstrap") {
                try BootstrapIntervals(
                    labels: data.labels, scores: outOfFold, threshold: threshold.threshold, seed: configuration.seed)
            }
            _ = try timed("evaluation_report") {
                try EvaluationReport(
                    labels: data.labels, scores: outOfFold, campaigns: data.botCampaigns, threshold: threshold.threshold,
                    thresholdSource: "bench", seed: configuration.seed)
            }
            let outcome = try timed("fit_total") { try trainer.fit(data, fingerprint: fingerprint) }
            outOfFoldDigest = FileDigest.sha256(bytes: outcome.outOfFoldScores.flatMap { bytes(of: $0.bitPattern) })
            modelDigest = FileDigest.sha256(bytes: try ModelFile.encode(outcome.model))
        }
    } catch {
        print("botsift-bench fit: \(error)")
        exit(1)
    }
    print("fit_accounts=\(accounts) fit_columns=\(data.table.values.columns) fit_bots=\(data.labels.reduce(0, +)) "
        + "fit_runs=\(runs) fit_core=\(BLASRuntime.coreName)")
    for part in ["out_of_fold", "final_fit", "clusters", "bootstrap", "evaluation_report", "fit_total"] {
        print("fit_\(part)_median_seconds=\(median(timings[part, default: []])) "
            + "fit_\(part)_median_cpu_seconds=\(median(cpuTimings[part, default: []]))")
    }
    print("fit_out_of_fold_sha256=\(outOfFoldDigest)")
    print("fit_model_sha256=\(modelDigest)")
}

/// A seeded labeled feature table in the default schema: controls come from six Gaussian clusters and bots from
/// three, each cluster with its own centre and spread per feature, and a third of the bot clusters' centres close to
/// control centres, so the classes overlap as real accounts do. Campaign per bot cluster, "organic" for controls.
func syntheticLabeledFeatures(accounts: Int, seed: UInt64) -> LabeledFeatures {
    let schema = FeatureSchema(configuration: FeatureConfiguration())
    let columns = schema.features.count
    var generator = SeededGenerator(seed: seed)
    func gaussian() -> Double {
        let u = max(generator.nextUnit(), 1e-300), v = generator.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    struct Cluster {
        var centre: [Double]
        var spread: [Double]
    }
    let controlClusters = (0..<6).map { _ in
        Cluster(centre: (0..<columns).map { _ in 2 * gaussian() }, spread: (0..<columns).map { _ in 0.5 + generator.nextUnit() })
    }
    let botClusters = (0..<3).map { index in
        let near = controlClusters[index]
        return Cluster(
            centre: near.centre.map { $0 + 0.6 * gaussian() },
            spread: (0..<columns).map { _ in 0.3 + generator.nextUnit() })
    }
    var values = [Double]()
    values.reserveCapacity(accounts * columns)
    var labels: [Int] = [], campaigns: [String] = []
    for _ in 0..<accounts {
        let isBot = generator.nextUnit() < 0.2
        let clusterIndex = Int(generator.next() % UInt64(isBot ? botClusters.count : controlClusters.count))
        let cluster = isBot ? botClusters[clusterIndex] : controlClusters[clusterIndex]
        for column in 0..<columns { values.append(cluster.centre[column] + cluster.spread[column] * gaussian()) }
        labels.append(isBot ? 1 : 0)
        campaigns.append(isBot ? "campaign_\(clusterIndex)" : "organic")
    }
    let identities = (0..<accounts).map { AccountIdentity(userID: "\(1_000_000 + $0)", screenName: "user\($0)") }
    let table = FeatureTable(schema: schema, accounts: identities, values: Matrix(rows: accounts, columns: columns, elements: values))
    return LabeledFeatures(table: table, labels: labels, campaigns: campaigns)
}

/// The little-endian bytes of `value`.
private func bytes(of value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}
