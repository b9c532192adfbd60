/// What an archive holds, for `botsift inspect`: counts, time range, posts-per-account quantiles, languages,
/// clients, hashed-id share and the ingest report (bad records by reason). Built in one streaming read.
public struct ArchiveSummary: Sendable, Codable, Equatable {
    /// A value and how many accounts or posts have it.
    public struct Count: Sendable, Codable, Equatable {
        public var value: String
        public var count: Int
    }

    /// Posts per account over all accounts (accounts without posts count as 0); quantiles interpolate
    /// linearly between order statistics, as numpy's default does.
    public struct Distribution: Sendable, Codable, Equatable {
        public var min: Double
        public var q1: Double
        public var median: Double
        public var q3: Double
        public var p90: Double
        public var max: Double
    }

    public var accounts: Int
    public var posts: Int
    /// Accounts whose `userid` is not all digits (Twitter hashes the ids of accounts under 5,000 followers).
    public var hashedAccounts: Int
    public var postsPerAccount: Distribution?
    /// Most frequent first; ties by value.
    public var accountLanguages: [Count]
    public var postLanguages: [Count]
    public var topClients: [Count]
    public var distinctClients: Int
    public var report: IngestReport

    /// Reads the archive once and summarises it; throws what `ArchiveReader.read` throws.
    public static func read(_ input: ArchiveInput, options: IngestOptions = IngestOptions(), topClients: Int = 10) throws -> ArchiveSummary {
        let reader = ArchiveReader(input, options: options)
        var postsPerAccount: [Int] = []
        var accountLanguages: [String: Int] = [:]
        var hashed = 0
        var languageCounts: [Int] = []
        var clientCounts: [Int] = []
        var unknownLanguage = 0
        var unknownClient = 0
        let report = try reader.read(
            account: { account in
                postsPerAccount.append(0)
                accountLanguages[account.language.isEmpty ? "(empty)" : account.language, default: 0] += 1
                if !account.userID.utf8.allSatisfy({ $0 &- 48 < 10 }) { hashed += 1 }
            },
            post: { post in
                postsPerAccount[Int(post.account)] += 1
                if post.language < 0 {
                    unknownLanguage += 1
                } else {
                    if Int(post.language) >= languageCounts.count { languageCounts.append(0) }
                    languageCounts[Int(post.language)] += 1
                }
                if post.client < 0 {
                    unknownClient += 1
                } else {
                    if Int(post.client) >= clientCounts.count { clientCounts.append(0) }
                    clientCounts[Int(post.client)] += 1
                }
            })
        func ranked(_ counts: [String: Int]) -> [Count] {
            counts.map { Count(value: $0.key, count: $0.value) }.sorted { ($1.count, $0.value) < ($0.count, $1.value) }
        }
        var postLanguages = Dictionary(uniqueKeysWithValues: zip(reader.postLanguages, languageCounts))
        if unknownLanguage > 0 { postLanguages["(empty)"] = unknownLanguage }
        var clients = Dictionary(uniqueKeysWithValues: zip(reader.clientNames, clientCounts))
        if unknownClient > 0 { clients["(empty)"] = unknownClient }
        return ArchiveSummary(
            accounts: report.accounts, posts: report.posts, hashedAccounts: hashed,
            postsPerAccount: distribution(postsPerAccount), accountLanguages: ranked(accountLanguages),
            postLanguages: ranked(postLanguages), topClients: Array(ranked(clients).prefix(topClients)),
            distinctClients: reader.clientNames.count, report: report)
    }

    static func distribution(_ values: [Int]) -> Distribution? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let lower = Int(position)
            let upper = Swift.min(lower + 1, sorted.count - 1)
            let fraction = position - Double(lower)
            return Double(sorted[lower]) + fraction * Double(sorted[upper] - sorted[lower])
        }
        return Distribution(
            min: Double(sorted[0]), q1: quantile(0.25), median: quantile(0.5), q3: quantile(0.75), p90: quantile(0.9),
            max: Double(sorted[sorted.count - 1]))
    }

    /// The summary as aligned text lines for a terminal.
    public var text: String {
        func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
        }
        func percent(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "0%" : "\(number(Double(part) * 100 / Double(whole)))%"
        }
        func list(_ counts: [Count], limit: Int = 12) -> String {
            if counts.isEmpty { return "none" }
            let shown = counts.prefix(limit).map { "\($0.value) \($0.count)" }.joined(separator: ", ")
            return counts.count > limit ? shown + ", ... (\(counts.count - limit) more)" : shown
        }
        var lines: [String] = []
        for file in report.files {
            let skipped = file.recordsSkipped > 0 ? ", \(file.recordsSkipped) skipped" : ""
            let label = file.kind + " file:"
            let padded = label + String(repeating: " ", count: max(1, 19 - label.count))
            lines.append("\(padded)\(file.path)\(file.gzip ? " (gzip)" : "") — \(file.recordsRead) records\(skipped)")
            if !file.ignoredColumns.isEmpty {
                lines.append("  unused columns:  \(file.ignoredColumns.joined(separator: ", "))")
            }
        }
        lines.append("accounts:          \(accounts) (hashed ids \(hashedAccounts), \(percent(hashedAccounts, accounts)); "
            + "only in tweets files \(report.accountsOnlyInPosts))")
        lines.append("posts:             \(posts)")
        if let first = report.firstPostTime, let last = report.lastPostTime {
            lines.append("time range:        \(Timestamp.format(first)) to \(Timestamp.format(last)) UTC")
        }
        if let d = postsPerAccount, posts > 0 {
            lines.append("posts per account: min \(number(d.min)), q1 \(number(d.q1)), median \(number(d.median)), "
                + "q3 \(number(d.q3)), p90 \(number(d.p90)), max \(number(d.max))")
        }
        lines.append("account languages: \(list(accountLanguages))")
        if posts > 0 {
            lines.append("post languages:    \(list(postLanguages))")
            lines.append("top clients:       \(list(topClients)) (\(distinctClients) distinct)")
        }
        for note in report.notes { lines.append("note: \(note)") }
        for column in report.unparseableOptionalValues.keys.sorted() {
            lines.append("unparseable optional values read as empty: \(column) \(report.unparseableOptionalValues[column]!)")
        }
        if report.malformed.isEmpty {
            lines.append("bad records:       none")
        } else {
            lines.append("bad records:       \(report.recordsSkipped) skipped")
            for entry in report.malformed {
                lines.append("  \(entry.reason.rawValue): \(entry.count)")
                for example in entry.examples { lines.append("    \(example)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
