import ArchiveSynthesis
import ArgumentParser
import BotSift

/// `botsift synthesize`: writes a labeled synthetic takedown archive for demos, tests and benchmarks.
struct Synthesize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a labeled synthetic influence-operation archive (deterministic by seed).",
        discussion: """
            Writes users.csv and tweets.csv in the Twitter information-operations archive schema, plus \
            labels.csv (userid,label,campaign) and truth.csv (userid,persona,mimic,campaign): organic users, \
            hard negatives (news outlets on scheduling tools, brands, power users) and several campaigns, each \
            with its own randomly drawn signature. The same options always give byte-identical files.

            Example:
              botsift synthesize --out /tmp/archive --accounts 5000 --posts 200000 --campaigns 5 --seed 7 --dirt 0.01
            """
    )

    @Option(help: "Directory to write into (created if missing).")
    var out: String

    @Option(help: "Number of accounts.")
    var accounts: Int = SynthesisOptions().accounts

    @Option(help: "Approximate number of posts.")
    var posts: Int = SynthesisOptions().targetPosts

    @Option(help: "Number of influence-operation campaigns.")
    var campaigns: Int = SynthesisOptions().campaigns

    @Option(name: .customLong("io-share"), help: "Share of accounts that belong to campaigns.")
    var ioShare: Double = SynthesisOptions().ioShare

    @Option(help: "Seed for every random choice.")
    var seed: UInt64 = SynthesisOptions().seed

    @Option(help: "Rate of injected real-world dirt (BOM, CRLF, multi-line and quoted text, emoji, empty numbers, malformed rows).")
    var dirt: Double = 0

    @Option(help: "First day of the observation window (YYYY-MM-DD).")
    var start: String = SynthesisOptions().startDate.description

    @Option(help: "Last day of the observation window (YYYY-MM-DD).")
    var end: String = SynthesisOptions().endDate.description

    func run() throws {
        guard let startDate = CalendarDay(iso: start) else { throw ValidationError("--start must be YYYY-MM-DD (got \(start))") }
        guard let endDate = CalendarDay(iso: end) else { throw ValidationError("--end must be YYYY-MM-DD (got \(end))") }
        let options = SynthesisOptions(accounts: accounts, targetPosts: posts, ioShare: ioShare, campaigns: campaigns,
                                       seed: seed, dirtRate: dirt, startDate: startDate, endDate: endDate)
        do {
            try options.validate()
        } catch let error as SynthesisError {
            throw ValidationError(error.description)
        }
        let summary = try ArchiveSynthesizer(options: options).write(to: out)
        print("wrote \(out)")
        print(summary.report)
    }
}
