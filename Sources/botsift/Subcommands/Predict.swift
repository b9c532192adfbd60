import ArgumentParser
import BotSift

#if canImport(Glibc)
import Glibc
#endif

/// `botsift predict`: scores every account of a batch, with cluster and reasons, as CSV or JSON Lines.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a batch of accounts with a trained model.",
        discussion: """
            One row per account: userid, score (probability of being a bot / influence-operation account),
            label at the model's threshold, screen name, cluster and the cluster's bot share, and the three
            features pushing the score up most with their signed contributions (coefficient x standardised
            value, in log-odds). CSV (text cells starting with = + - @ are escaped for spreadsheets) or JSON
            Lines; stdout unless --out, which is written atomically.

            Examples:
              botsift predict --model model.json Data/sample/test --out scores.csv
              botsift predict --model model.json --users U.csv --tweets T.csv --format jsonl
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case csv
        case jsonl
    }

    @Option(help: ArgumentHelp("Trained model file.", valueName: "file"))
    var model: String

    @OptionGroup(title: "Batch to score") var archive: ArchiveArguments
    @OptionGroup var reading: ReadingOptions

    @Option(help: ArgumentHelp("Write scores here (atomically) instead of stdout.", valueName: "file"))
    var out: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .csv

    func run() throws {
        let trained = try ModelFile.load(from: model)
        let input = try archive.input()
        let scorer = ModelScorer(model: trained, reasonCount: 3)
        let (table, report) = try ArchiveFeatures.extract(
            input, configuration: trained.schema.configuration, options: reading.ingestOptions())
        try scorer.checkSchema(of: table)
        if !reading.quiet { printError(report.summary) }
        let sink: any ScoreSink = try out.map { try FileSink(path: $0) } ?? StandardOutputSink()
        var flagged = 0
        var rows = 0
        if format == .csv { try sink.write(ScoreRows.csvHeader) }
        let format = self.format
        // Blocks are formatted on every core (formatting costs more than scoring) and written in row order.
        try scorer.score(table, transform: { block in
            var text = ""
            for score in block { text += format == .csv ? ScoreRows.csv(score) : ScoreRows.jsonLine(score) }
            return (text: text, rows: block.count, flagged: block.count { $0.flagged })
        }) { formatted in
            rows += formatted.rows
            flagged += formatted.flagged
            try sink.write(formatted.text)
        }
        try sink.finish()
        if !reading.quiet {
            printError("scored \(rows) accounts; \(flagged) flagged at threshold \(Format.fixed(trained.threshold.threshold, digits: 4))" + (out.map { "; written to \($0)" } ?? ""))
        }
    }
}

/// Formats scored accounts as CSV rows or JSON lines.
enum ScoreRows {
    static let csvHeader = "userid,score,label,screen_name,cluster,cluster_bot_share,reason_1,contribution_1,reason_2,contribution_2,reason_3,contribution_3\n"

    static func csv(_ s: AccountScore) -> String {
        // userids are written verbatim (hashed ids may start with + or =) so that joins on them work;
        // free text (screen names, reasons) is escaped against spreadsheet formulas.
        let plain = CSVWriter()
        let writer = CSVWriter(escapeFormulas: true)
        var cells = [
            plain.encode(s.account.userID), Format.fixed(s.probability, digits: 6), s.flagged ? "1" : "0",
            writer.encode(s.account.screenName), String(s.cluster), Format.fixed(s.clusterBotShare, digits: 3),
        ]
        for i in 0..<3 {
            if i < s.reasons.count {
                cells.append(writer.encode(s.reasons[i].text))
                cells.append(Format.fixed(s.reasons[i].contribution, digits: 3))
            } else {
                cells += ["", ""]
            }
        }
        return cells.joined(separator: ",") + "\n"
    }

    static func jsonLine(_ s: AccountScore) -> String {
        let reasons = s.reasons.map {
            "{\"feature\":\(quoted($0.feature)),\"value\":\(number($0.value)),\"contribution\":\(Format.fixed($0.contribution, digits: 4)),\"text\":\(quoted($0.text))}"
        }
        return "{\"userid\":\(quoted(s.account.userID)),\"score\":\(Format.fixed(s.probability, digits: 6)),\"label\":\(s.flagged ? 1 : 0),\"screen_name\":\(quoted(s.account.screenName)),\"cluster\":\(s.cluster),\"cluster_bot_share\":\(Format.fixed(s.clusterBotShare, digits: 3)),\"reasons\":[\(reasons.joined(separator: ","))]}\n"
    }

    private static func number(_ x: Double) -> String { x.isFinite ? Format.number(x) : "null" }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Where predict writes.
protocol ScoreSink {
    func write(_ text: String) throws
    func finish() throws
}

/// An output file, written atomically.
struct FileSink: ScoreSink {
    let writer: AtomicFileWriter
    init(path: String) throws { writer = try AtomicFileWriter(path: path) }
    func write(_ text: String) throws { try writer.write(text) }
    func finish() throws { try writer.commit() }
}

/// Standard output.
struct StandardOutputSink: ScoreSink {
    func write(_ text: String) throws { StandardStream.output.write(text) }
    func finish() throws {}
}
