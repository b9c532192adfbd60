import Foundation
import LinAlg

/// One reason an account scored high: a feature, its value in the feature's own unit, and its signed
/// contribution to the log-odds (coefficient times clipped standardised value).
public struct ScoreReason: Codable, Equatable, Sendable {
    public let feature: String
    public let value: Double
    public let contribution: Double
    /// Plain words, e.g. "share of posts from automation tools = 0.93 (+2.41)".
    public let text: String
}

/// A scored account: probability, decision at the model's threshold, campaign cluster, and reasons.
public struct AccountScore: Sendable {
    public let account: AccountIdentity
    public let probability: Double
    public let flagged: Bool
    public let cluster: Int
    public let clusterBotShare: Double
    /// The features pushing the score up most, largest contribution first (only positive contributions).
    public let reasons: [ScoreReason]
}

/// The feature schema a model expects differs from what this run computes.
public struct SchemaMismatchError: Error, CustomStringConvertible, Equatable {
    public let detail: String
    public var description: String {
        "the model expects different features than this botsift computes: \(detail). Retrain the model with this botsift version and the same --features."
    }
}

/// Applies a trained model to feature rows, in blocks, so that scoring needs no second copy of a large batch.
public struct ModelScorer: Sendable {
    public let model: BotSiftModel
    /// How many reasons to give per account.
    public let reasonCount: Int

    public init(model: BotSiftModel, reasonCount: Int = 3) {
        self.model = model
        self.reasonCount = reasonCount
    }

    /// Refuses tables whose schema differs from the model's, saying what differs.
    public func checkSchema(of table: FeatureTable) throws {
        if let difference = model.schema.mismatch(comparedTo: table.schema) {
            throw SchemaMismatchError(detail: difference)
        }
    }

    /// Scores the table's rows in blocks of `blockSize`, turns each block into an `Output` with `transform` (output
    /// formatting, which costs more than scoring), and hands the outputs to `body` in row order. Blocks are scored
    /// and transformed on up to `threads` threads (all cores when nil), that many blocks at a time, so memory stays
    /// at a few blocks and the output does not depend on the thread count.
    public func score<Output: Sendable>(
        _ table: FeatureTable, blockSize: Int = 1_024, threads: Int? = nil,
        transform: @Sendable ([AccountScore]) -> Output, _ body: (Output) throws -> Void
    ) throws {
        precondition(blockSize >= 1, "blockSize must be at least 1")
        try checkSchema(of: table)
        let n = table.accounts.count
        let threads = max(1, threads ?? ParallelWork.defaultThreadCount)
        let blockCount = (n + blockSize - 1) / blockSize
        var firstBlock = 0
        while firstBlock < blockCount {
            let blocks = min(threads, blockCount - firstBlock), first = firstBlock
            let outputs = ParallelWork.map(blocks, threads: threads) { offset in
                let start = (first + offset) * blockSize
                return transform(scoreBlock(table, rows: start..<min(n, start + blockSize)))
            }
            for output in outputs { try body(output) }
            firstBlock += blocks
        }
    }

    /// All scores at once (for evaluation, where the batch is labeled and moderate in size).
    public func scoreAll(_ table: FeatureTable, threads: Int? = nil) throws -> [AccountScore] {
        var all: [AccountScore] = []
        all.reserveCapacity(table.accounts.count)
        try score(table, threads: threads, transform: { $0 }) { all.append(contentsOf: $0) }
        return all
    }

    /// A feature value in the unit an analyst thinks in: log1p counts and durations back to plain
    /// numbers, log ratios back to ratios.
    static func readable(_ value: Double, of feature: FeatureDescriptor) -> String {
        if feature.unit == "log ratio" { return Format.number(exp(value)) + "x" }
        if feature.transform == .log1p { return Format.number(expm1(value).rounded()) }
        return Format.number(value)
    }

    private func scoreBlock(_ table: FeatureTable, rows: Range<Int>) -> [AccountScore] {
        let raw = table.values.selectingRows(rows)
        let z = model.scaler.transformClipped(raw, clip: model.clip)
        let probabilities = model.classifier.probabilities(z)
        let clusters = model.clusters.assign(standardized: z)
        let coefficients = model.classifier.coefficients
        let features = model.schema.features
        let d = z.columns
        var out: [AccountScore] = []
        out.reserveCapacity(rows.count)
        let noPostsColumn = model.schema.names.firstIndex(of: "has_no_posts")
        let singlePostColumn = model.schema.names.firstIndex(of: "has_single_post")
        for (i, row) in rows.enumerated() {
            // Posts known for this account (2 = two or more): reasons never cite an imputed value.
            var knownPosts = 2
            if let c = singlePostColumn, raw.elements[i * d + c] == 1 { knownPosts = 1 }
            if let c = noPostsColumn, raw.elements[i * d + c] == 1 { knownPosts = 0 }
            var contributions: [(index: Int, value: Double)] = []
            for j in 0..<d where features[j].minimumPosts <= knownPosts {
                let contribution = coefficients[j] * z.elements[i * d + j]
                if contribution > 0 { contributions.append((j, contribution)) }
            }
            contributions.sort { $0.value != $1.value ? $0.value > $1.value : $0.index < $1.index }
            let reasons = contributions.prefix(reasonCount).map { item -> ScoreReason in
                let feature = features[item.index]
                let value = raw.elements[i * d + item.index]
                return ScoreReason(
                    feature: feature.name, value: value, contribution: item.value,
                    text: "\(feature.summary) = \(Self.readable(value, of: feature)) (\(Format.signed(item.value)))")
            }
            let cluster = clusters[i]
            let profile = model.clusters.profiles.first { $0.index == cluster }
            out.append(AccountScore(
                account: table.accounts[row], probability: probabilities[i],
                flagged: probabilities[i] >= model.threshold.threshold, cluster: cluster,
                clusterBotShare: profile?.botShare ?? 0, reasons: reasons))
        }
        return out
    }
}
