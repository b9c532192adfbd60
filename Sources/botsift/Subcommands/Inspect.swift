import ArgumentParser
import BotSift

/// `botsift inspect`: what an archive holds, read once in streaming fashion; the first command on a new archive.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise what a takedown archive holds and how clean it is.",
        discussion: """
            Give an archive directory (its *users*.csv[.gz] and *tweets*.csv[.gz] files are found by name), \
            the files themselves (classified by name, else by header), or - to read a tweets file from standard input.

            Prints accounts, posts, time range, posts per account, languages, top clients, the share of hashed \
            userids, accounts seen only in tweets files, and bad records by reason with file:line examples. \
            Bad records are skipped and counted; with --strict the first one stops the run with exit status 1.

            Examples:
              botsift inspect ~/archives/china_082019_1/
              botsift inspect users.csv tweets.csv.gz --json
              zcat tweets.csv.gz | botsift inspect - --strict
            """
    )

    @Argument(help: "Archive directories, users/tweets files (.csv or .csv.gz), or - for stdin.")
    var paths: [String]

    @OptionGroup var reading: ReadingOptions

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Option(help: "How many clients to list.")
    var topClients = 10

    @Option(help: "How many file:line examples to keep per bad-record reason.")
    var examples = 5

    func run() throws {
        let input = try ArchiveInput.locate(paths)
        var options = reading.ingestOptions()
        options.maxExamplesPerReason = examples
        let summary = try ArchiveSummary.read(input, options: options, topClients: topClients)
        if json {
            print(try JSONOutput.text(summary))
        } else {
            print(summary.text)
        }
    }
}
