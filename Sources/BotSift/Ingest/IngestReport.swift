#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How an archive read treats bad records and reports progress.
public struct IngestOptions: Sendable {
    /// When true the first malformed record stops the read with an `IngestError`; otherwise it is skipped and counted.
    public var strict: Bool
    /// How many `file:line: reason` examples the report keeps per reason.
    public var maxExamplesPerReason: Int
    /// Called with the bytes read so far, at most about ten times a second (from the scanning thread when `threaded`).
    public var progress: (@Sendable (IngestProgress) -> Void)?
    /// When true a second thread reads and splits the files (and hashes post texts) ahead of the thread that
    /// calls `read`, which still runs every callback in file order. Records, counts and errors are identical.
    /// Defaults to true when the machine has more than one processor online.
    public var threaded: Bool

    public init(
        strict: Bool = false, maxExamplesPerReason: Int = 5, threaded: Bool = sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1,
        progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) {
        self.strict = strict
        self.maxExamplesPerReason = maxExamplesPerReason
        self.threaded = threaded
        self.progress = progress
    }
}

/// Progress of one input file: bytes taken from it (compressed bytes for `.gz`) out of its size when known.
public struct IngestProgress: Sendable {
    public var path: String
    public var bytesRead: Int
    public var totalBytes: Int?
}

/// Why a record was skipped (or, in strict mode, why the read stopped).
public enum MalformedReason: String, Sendable, Codable, CaseIterable, Comparable {
    case wrongFieldCount = "wrong field count"
    case unterminatedQuote = "unterminated quote at end of file"
    case textAfterClosingQuote = "text after closing quote"
    case missingRequiredValue = "missing required value"
    case unparseableRequiredValue = "unparseable required value"
    case invalidUTF8 = "invalid UTF-8"
    case duplicateAccount = "duplicate userid in users file"

    public static func < (lhs: MalformedReason, rhs: MalformedReason) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An error meant for a user: the message names the file (and line and column where they apply) and what to do.
public struct IngestError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure, for callers that react differently to each.
    public enum Kind: Sendable, Equatable {
        case unreadableInput
        case emptyFile
        case missingColumn
        case malformedRecord(MalformedReason)
        case unrecognisedInput
        case badLabel
    }

    public var kind: Kind
    public var message: String
    public var description: String { message }

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// What one archive read saw: per-file counts, totals, the post time range and every skipped record by reason.
public struct IngestReport: Sendable, Codable, Equatable {
    /// One input file.
    public struct FileSummary: Sendable, Codable, Equatable {
        public var path: String
        /// `users` or `tweets`.
        public var kind: String
        public var gzip: Bool
        /// Data rows read into records (the header excluded).
        public var recordsRead: Int
        public var recordsSkipped: Int
        /// Header columns that botsift does not use (kept for the analyst; e.g. `poll_choices`).
        public var ignoredColumns: [String]
    }

    /// Count and first examples (`file:line: reason`) for one reason.
    public struct Malformed: Sendable, Codable, Equatable {
        public var reason: MalformedReason
        public var count: Int
        public var examples: [String]
    }

    public var files: [FileSummary] = []
    /// Accounts emitted: users-file rows plus accounts seen only in tweets files.
    public var accounts = 0
    public var accountsOnlyInPosts = 0
    public var posts = 0
    /// Earliest and latest `tweet_time` (seconds since 1970 UTC); nil without posts.
    public var firstPostTime: Int64?
    public var lastPostTime: Int64?
    /// Skipped records by reason, in `MalformedReason` order.
    public var malformed: [Malformed] = []
    /// Optional fields whose value could not be parsed and was read as empty, by column name.
    public var unparseableOptionalValues: [String: Int] = [:]
    /// Things worth telling the analyst that are not errors (header-only files, for example).
    public var notes: [String] = []

    public init() {}

    /// Total records skipped over all reasons.
    public var recordsSkipped: Int { malformed.reduce(0) { $0 + $1.count } }

    /// A few lines for a terminal: totals, then bad records by reason with examples.
    public var summary: String {
        var lines: [String] = []
        for file in files {
            let skipped = file.recordsSkipped > 0 ? ", \(file.recordsSkipped) skipped" : ""
            lines.append("\(file.kind) file \(file.path)\(file.gzip ? " (gzip)" : ""): \(file.recordsRead) records\(skipped)")
        }
        lines.append("accounts: \(accounts) (\(accountsOnlyInPosts) only in tweets files), posts: \(posts)")
        if let first = firstPostTime, let last = lastPostTime {
            lines.append("posts from \(Timestamp.format(first)) to \(Timestamp.format(last)) UTC")
        }
        for note in notes { lines.append("note: \(note)") }
        for column in unparseableOptionalValues.keys.sorted() {
            lines.append("unparseable optional values read as empty: \(column): \(unparseableOptionalValues[column]!)")
        }
        if malformed.isEmpty {
            lines.append("bad records: none")
        } else {
            lines.append("bad records: \(recordsSkipped) skipped")
            for entry in malformed {
                lines.append("  \(entry.reason.rawValue): \(entry.count)")
                for example in entry.examples { lines.append("    \(example)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    mutating func recordMalformed(_ reason: MalformedReason, example: String, maxExamples: Int) {
        if let index = malformed.firstIndex(where: { $0.reason == reason }) {
            malformed[index].count += 1
            if malformed[index].examples.count < maxExamples { malformed[index].examples.append(example) }
        } else {
            malformed.append(Malformed(reason: reason, count: 1, examples: maxExamples > 0 ? [example] : []))
            malformed.sort { $0.reason < $1.reason }
        }
    }
}
