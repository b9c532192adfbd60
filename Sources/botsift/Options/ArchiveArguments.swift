import ArgumentParser
import BotSift

/// Where an archive batch comes from: folders or files as arguments, or explicit `--users/--tweets`.
struct ArchiveArguments: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Archive folders or files (users and tweets CSV, .csv or .csv.gz; '-' reads tweets from stdin).",
        valueName: "archive"))
    var archives: [String] = []

    @Option(help: ArgumentHelp("Users file of the batch.", valueName: "file"))
    var users: String?

    @Option(help: ArgumentHelp("Tweets file of the batch (repeatable).", valueName: "file"))
    var tweets: [String] = []

    /// The batch to read; a usage error when nothing was named.
    func input() throws -> ArchiveInput {
        if !archives.isEmpty && (users != nil || !tweets.isEmpty) {
            throw ValidationError("give archive folders/files or --users/--tweets, not both")
        }
        if !archives.isEmpty { return try ArchiveInput.locate(archives) }
        guard users != nil || !tweets.isEmpty else {
            throw ValidationError("name an archive folder, or --users and --tweets files")
        }
        return ArchiveInput(usersFile: users, tweetsFiles: tweets)
    }
}

/// Options every reading command shares.
struct ReadingOptions: ParsableArguments {
    @Flag(help: "Stop at the first malformed record instead of skipping and counting it.")
    var strict = false

    @Flag(help: "Print nothing but results and errors (no progress, no summaries).")
    var quiet = false

    /// Ingest options with progress on stderr when it is a terminal and not `--quiet`.
    func ingestOptions() -> IngestOptions {
        IngestOptions(strict: strict, progress: quiet ? nil : ProgressReporter.ifTerminal())
    }
}
