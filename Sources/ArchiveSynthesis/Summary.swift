/// Dirt injected into an archive, counted as it was written (field occurrences across users.csv and
/// tweets.csv; labels.csv and truth.csv are always clean).
public struct DirtCounts: Sendable, Equatable {
    /// Files starting with a UTF-8 byte-order mark.
    public var byteOrderMarks = 0
    /// Files with CRLF line endings.
    public var crlfFiles = 0
    /// Quoted fields containing a line break.
    public var multilineFields = 0
    /// Fields containing doubled quotes and a comma.
    public var quoteFields = 0
    /// Fields with emoji (and CJK) appended.
    public var emojiFields = 0
    /// Numeric fields left empty (follower/following counts, engagement counts).
    public var emptyNumericFields = 0
    /// tweets.csv rows with one field too few or too many.
    public var wrongFieldCountRows = 0
    /// tweets.csv rows whose tweet_time is empty or not `YYYY-MM-DD HH:MM`.
    public var badTimeRows = 0

    public init() {}

    /// All injected items together.
    public var total: Int {
        byteOrderMarks + crlfFiles + multilineFields + quoteFields + emojiFields + emptyNumericFields
            + wrongFieldCountRows + badTimeRows
    }
}

/// What an archive holds: accounts and posts per persona and campaign, recipes, bytes and dirt.
public struct SynthesisSummary: Sendable, Equatable {
    public var accountsByPersona: [Persona: Int] = [:]
    /// Accounts per campaign name, controls under `organic`.
    public var accountsByCampaign: [String: Int] = [:]
    public var postsByPersona: [Persona: Int] = [:]
    public var postsByCampaign: [String: Int] = [:]
    /// Influence-operation accounts built to look human.
    public var mimicAccounts = 0
    public var posts = 0
    /// The recipes actually used (bursts trimmed to the volume budget).
    public var campaigns: [CampaignRecipe] = []
    /// Bytes per written file name.
    public var fileBytes: [String: Int] = [:]
    /// Earliest and latest tweet_time written (minutes since the epoch, UTC).
    public var firstPostMinute: Int64?
    public var lastPostMinute: Int64?
    public var dirt = DirtCounts()
    /// Largest amount of generated text held in memory before it was handed to a file writer: bounded
    /// by the flush threshold, however many posts are written (the generator streams).
    public var largestPendingBytes = 0

    /// A plain-text report for the command line and the sample README.
    public var report: String {
        var lines: [String] = []
        let accounts = accountsByPersona.values.reduce(0, +)
        lines.append("accounts: \(accounts)   posts: \(posts)   influence-operation accounts: \(accounts - (accountsByCampaign["organic"] ?? 0)) (\(mimicAccounts) mimic people)")
        if let first = firstPostMinute, let last = lastPostMinute {
            lines.append("tweet_time: \(CalendarDay.timestamp(minutes: first)) ... \(CalendarDay.timestamp(minutes: last)) UTC")
        }
        lines.append("persona          accounts     posts")
        for persona in Persona.allCases where accountsByPersona[persona] != nil {
            lines.append(pad(persona.rawValue, 14) + padLeft(accountsByPersona[persona] ?? 0, 10) + padLeft(postsByPersona[persona] ?? 0, 10))
        }
        lines.append("campaign         accounts     posts   recipe")
        lines.append(pad("organic", 14) + padLeft(accountsByCampaign["organic"] ?? 0, 10) + padLeft(postsByCampaign["organic"] ?? 0, 10))
        for recipe in campaigns {
            lines.append(pad(recipe.name, 14) + padLeft(accountsByCampaign[recipe.name] ?? 0, 10) + padLeft(postsByCampaign[recipe.name] ?? 0, 10)
                         + "   \(recipe.firstDay)..\(recipe.lastDay) " + recipe.signature)
        }
        for name in fileBytes.keys.sorted() { lines.append("\(name): \(fileBytes[name]!) bytes") }
        if dirt.total > 0 {
            lines.append("dirt: \(dirt.byteOrderMarks) BOM, \(dirt.crlfFiles) CRLF file, \(dirt.multilineFields) multi-line fields, "
                         + "\(dirt.quoteFields) quote+comma fields, \(dirt.emojiFields) emoji fields, \(dirt.emptyNumericFields) empty numbers, "
                         + "\(dirt.wrongFieldCountRows) wrong-field-count rows, \(dirt.badTimeRows) bad tweet_time rows")
        } else {
            lines.append("dirt: none")
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func padLeft(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
