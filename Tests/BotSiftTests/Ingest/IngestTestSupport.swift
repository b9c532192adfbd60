import Foundation
@testable import BotSift

/// Temporary files, CSV writing and an independent reference splitter for the ingest tests.
enum IngestTestSupport {
    static let usersHeader = [
        "userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description",
        "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language",
    ]

    /// A fresh empty directory under the system temporary directory.
    static func makeDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "botsift-ingest-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to `name` in a fresh directory; returns the path.
    static func write(_ bytes: [UInt8], named name: String = "data.csv", in directory: String? = nil) throws -> String {
        let path = (try directory ?? makeDirectory()) + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func write(_ text: String, named name: String = "data.csv", in directory: String? = nil) throws -> String {
        try write(Array(text.utf8), named: name, in: directory)
    }

    /// RFC 4180 quoting: a field is quoted when it holds a comma, quote, CR or LF (or when `always`).
    static func csvField(_ value: String, always: Bool = false) -> String {
        let needsQuotes = always || value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func csvRow(_ fields: [String], always: Bool = false, lineEnd: String = "\n") -> String {
        fields.map { csvField($0, always: always) }.joined(separator: ",") + lineEnd
    }

    /// The path of a file in Tests/BotSiftTests/Fixtures/ingest.
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("ingest/\(name)").path
    }

    /// Gzip-compresses `path` with the system gzip into `path.gz`; returns the new path.
    static func gzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-k", "-f", path]
        try process.run()
        process.waitUntilExit()
        return path + ".gz"
    }

    /// Everything a read produced.
    struct ReadResult {
        var accounts: [AccountRecord] = []
        var posts: [PostRecord] = []
        var report = IngestReport()
    }

    static func read(users: String? = nil, tweets: [String] = [], strict: Bool = false) throws -> (ReadResult, ArchiveReader) {
        let reader = ArchiveReader(
            ArchiveInput(users: users.map { .file($0) }, tweets: tweets.map { .file($0) }),
            options: IngestOptions(strict: strict))
        var result = ReadResult()
        result.report = try reader.read(account: { result.accounts.append($0) }, post: { result.posts.append($0) })
        return (result, reader)
    }

    /// The error message a read throws, or nil when it does not throw.
    static func errorMessage(users: String? = nil, tweets: [String] = [], strict: Bool = false) -> String? {
        do {
            _ = try read(users: users, tweets: tweets, strict: strict)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Splits `bytes` into records of fields with a plain byte-at-a-time state machine that follows the same
    /// rules as `CSVScanner` (BOM dropped, blank lines skipped, text after a closing quote kept as unquoted
    /// text, unterminated quote runs to the end). Independent of the scanner's chunking and memchr paths.
    static func referenceRecords(_ bytes: [UInt8]) -> [[[UInt8]]] {
        var records: [[[UInt8]]] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = bytes.count
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        while i < n {
            if bytes[i] == lf { i += 1; continue }
            if bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf { i += 2; continue }
            if bytes[i] == cr && i + 1 == n { i += 1; continue }
            var fields: [[UInt8]] = []
            var field: [UInt8] = []
            var recordDone = false
            while !recordDone {
                field = []
                var quotedEnded = false
                if i < n && bytes[i] == quote {
                    i += 1
                    while i < n {
                        if bytes[i] == quote {
                            if i + 1 < n && bytes[i + 1] == quote {
                                field.append(quote)
                                i += 2
                                continue
                            }
                            i += 1
                            quotedEnded = true
                            break
                        }
                        field.append(bytes[i])
                        i += 1
                    }
                    if !quotedEnded { fields.append(field); recordDone = true; break }
                    if i == n { fields.append(field); recordDone = true; break }
                    if bytes[i] == comma { fields.append(field); i += 1; continue }
                    if bytes[i] == lf { fields.append(field); i += 1; recordDone = true; break }
                    if bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf { fields.append(field); i += 2; recordDone = true; break }
                    if bytes[i] == cr && i + 1 == n { fields.append(field); i += 1; recordDone = true; break }
                }
                while i < n && bytes[i] != comma && bytes[i] != lf {
                    field.append(bytes[i])
                    i += 1
                }
                if i < n && bytes[i] == comma {
                    fields.append(quotedEnded ? [] : field)
                    i += 1
                    continue
                }
                if field.last == cr { field.removeLast() }
                fields.append(quotedEnded ? [] : field)
                if i < n { i += 1 }
                recordDone = true
            }
            records.append(fields)
        }
        return records
    }
}
