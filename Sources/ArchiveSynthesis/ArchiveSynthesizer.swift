#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import BotSift

/// Generates a labeled synthetic takedown archive (users.csv, tweets.csv, labels.csv, truth.csv) in the
/// Twitter information-operations schema. Streams account by account, so memory grows with accounts,
/// never with posts; every file is written atomically; same options => byte-identical files.
public struct ArchiveSynthesizer: Sendable {
    public let options: SynthesisOptions

    public init(options: SynthesisOptions) { self.options = options }

    /// File names written into the output directory.
    public static let fileNames = (users: "users.csv", tweets: "tweets.csv", labels: "labels.csv", truth: "truth.csv")

    /// Validates the options, creates `directory` if needed, writes the four files and says what they hold.
    public func write(to directory: String) throws -> SynthesisSummary {
        try options.validate()
        try ArchiveSynthesizer.makeDirectory(directory)
        let population = Population(options: options)
        let dirty = options.dirtRate > 0
        var summary = SynthesisSummary()
        summary.campaigns = population.recipes
        let path = { (name: String) in directory.hasSuffix("/") ? directory + name : directory + "/" + name }
        let names = ArchiveSynthesizer.fileNames

        // users.csv: one row per account, profile dirt decided per account.
        let users = try CSVSink(path: path(names.users), quoteEveryField: true, crlf: dirty, byteOrderMark: dirty)
        try users.row(ArchiveSchema.userColumns)
        for plan in population.accounts {
            var dirt = DirtInjector(rate: options.dirtRate, seed: mixSeed(plan.seed, 0xD127))
            let profile = dirt.profile(of: plan, counts: &summary.dirt)
            try users.row(dirt.usersRow(profile, counts: &summary.dirt))
            summary.accountsByPersona[plan.persona, default: 0] += 1
            summary.accountsByCampaign[campaignName(plan, population), default: 0] += 1
            if plan.mimic { summary.mimicAccounts += 1 }
        }
        try users.commit()

        // tweets.csv: each account's posts in time order, one account after another.
        let tweets = try CSVSink(path: path(names.tweets), quoteEveryField: true, crlf: false, byteOrderMark: dirty)
        try tweets.row(ArchiveSchema.tweetColumns)
        for plan in population.accounts {
            var dirt = DirtInjector(rate: options.dirtRate, seed: mixSeed(plan.seed, 0xD127))
            var profileCounts = DirtCounts()
            let profile = dirt.profile(of: plan, counts: &profileCounts)
            var rowDirt = DirtInjector(rate: options.dirtRate, seed: mixSeed(plan.seed, 0xD177))
            var composer = PostComposer(plan: plan, population: population)
            var timeline = composer.timeline()
            var contentRNG = SeededGenerator(seed: mixSeed(plan.seed, 0x71E))
            var posts = 0
            while let next = timeline.next(&contentRNG) {
                let fields = composer.post(minute: next.minute, phase: next.phase, profileFields: profile)
                summary.firstPostMinute = min(summary.firstPostMinute ?? next.minute, next.minute)
                summary.lastPostMinute = max(summary.lastPostMinute ?? next.minute, next.minute)
                summary.dirt.multilineFields += profileCounts.multilineFields
                summary.dirt.quoteFields += profileCounts.quoteFields
                summary.dirt.emojiFields += profileCounts.emojiFields
                try tweets.row(rowDirt.tweetsRow(fields, counts: &summary.dirt))
                posts += 1
            }
            summary.posts += posts
            summary.postsByPersona[plan.persona, default: 0] += posts
            summary.postsByCampaign[campaignName(plan, population), default: 0] += posts
        }
        try tweets.commit()

        // labels.csv and truth.csv: clean, minimally quoted.
        let labels = try CSVSink(path: path(names.labels), quoteEveryField: false, crlf: false, byteOrderMark: false)
        let truth = try CSVSink(path: path(names.truth), quoteEveryField: false, crlf: false, byteOrderMark: false)
        try labels.row(ArchiveSchema.labelColumns)
        try truth.row(ArchiveSchema.truthColumns)
        for plan in population.accounts {
            let campaign = campaignName(plan, population)
            try labels.row([plan.userID, plan.isInfluenceOperation ? "1" : "0", campaign])
            try truth.row([plan.userID, plan.persona.rawValue, plan.mimic ? "human" : "", campaign])
        }
        try labels.commit()
        try truth.commit()

        summary.fileBytes = [names.users: users.bytes, names.tweets: tweets.bytes, names.labels: labels.bytes, names.truth: truth.bytes]
        summary.largestPendingBytes = max(users.largestPending, tweets.largestPending, labels.largestPending, truth.largestPending)
        if dirty {
            summary.dirt.byteOrderMarks = 2
            summary.dirt.crlfFiles = 1
        }
        return summary
    }

    private func campaignName(_ plan: AccountPlan, _ population: Population) -> String {
        plan.campaign >= 0 ? population.recipes[plan.campaign].name : ArchiveSchema.organicCampaign
    }

    private static func makeDirectory(_ directory: String) throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw SynthesisError(option: "out", problem: "\(directory) exists and is not a directory") }
            return
        }
        guard mkdir(directory, 0o755) == 0 else {
            throw SynthesisError(option: "out", problem: "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
    }
}

/// Injects real-world dirt at a given rate and counts exactly what it injected. Decisions come from
/// their own generator, so a dirty archive carries the same accounts and posts as the clean one.
struct DirtInjector {
    let rate: Double
    private var rng: SeededGenerator
    private static let countColumns = [23, 24, 25, 26]  // quote, reply, like, retweet counts in tweets.csv
    private static let textColumn = 12, timeColumn = 13
    private static let badTimes = ["", "not available", "2019-13-01 10:00", "31/12/2018 10:00", "2019-02-30 25:61"]

    init(rate: Double, seed: UInt64) {
        self.rate = rate
        rng = SeededGenerator(seed: seed)
    }

    /// The ten profile fields of an account, display name, location and description possibly dirtied.
    mutating func profile(of plan: AccountPlan, counts: inout DirtCounts) -> [String] {
        var displayName = plan.displayName, location = plan.location, description = plan.profileDescription
        if rate > 0 {
            let hashed = plan.displayName == plan.userID
            if !hashed && rng.chance(rate) { displayName = emoji(displayName, counts: &counts) }
            if !location.isEmpty && rng.chance(rate / 2) { location = emoji(location, counts: &counts) }
            if !description.isEmpty && rng.chance(rate * 2) { description = text(description, counts: &counts) }
        }
        return [plan.userID, displayName, plan.screenName, location, description, plan.profileURL, String(plan.followers),
                String(plan.following), CalendarDay(daysSinceEpoch: plan.creationDay).description, plan.accountLanguage]
    }

    /// A users.csv row from profile fields, sometimes with an empty follower or following count.
    mutating func usersRow(_ profile: [String], counts: inout DirtCounts) -> [String] {
        guard rate > 0, rng.chance(rate / 2) else { return profile }
        var row = profile
        row[rng.chance(0.5) ? 6 : 7] = ""
        counts.emptyNumericFields += 1
        return row
    }

    /// A tweets.csv row, possibly malformed (wrong field count or bad tweet_time), with an empty
    /// engagement count, or with dirty text.
    mutating func tweetsRow(_ fields: [String], counts: inout DirtCounts) -> [String] {
        guard rate > 0 else { return fields }
        var row = fields
        if rng.chance(rate * 0.05) {
            switch rng.below(3) {
            case 0:
                row.removeLast()
                counts.wrongFieldCountRows += 1
            case 1:
                row.append(rng.pick(["extra", "", "0"]))
                counts.wrongFieldCountRows += 1
            default:
                row[DirtInjector.timeColumn] = rng.pick(DirtInjector.badTimes)
                counts.badTimeRows += 1
            }
            return row
        }
        if rng.chance(rate / 2) {
            row[rng.pick(DirtInjector.countColumns)] = ""
            counts.emptyNumericFields += 1
        }
        if rng.chance(rate) { row[DirtInjector.textColumn] = text(row[DirtInjector.textColumn], counts: &counts) }
        return row
    }

    /// Text with one kind of dirt: an embedded line break, doubled quotes with a comma, or emoji and CJK.
    private mutating func text(_ value: String, counts: inout DirtCounts) -> String {
        switch rng.below(3) {
        case 0:
            counts.multilineFields += 1
            let breakText = rng.pick(["\n", "\r\n", "\n\n"])
            guard let space = value.firstIndex(of: " ") else { return value + breakText + "..." }
            return value[..<space] + breakText + value[value.index(after: space)...]
        case 1:
            counts.quoteFields += 1
            return value + rng.pick([" \"so-called, experts\"", " she said, \"no\"", " \"really, \"\"truly\"\"\""])
        default:
            return emoji(value, counts: &counts)
        }
    }

    private mutating func emoji(_ value: String, counts: inout DirtCounts) -> String {
        counts.emojiFields += 1
        return value + " " + rng.pick(Vocabulary.emoji) + (rng.chance(0.5) ? " 加油" : "")
    }
}
