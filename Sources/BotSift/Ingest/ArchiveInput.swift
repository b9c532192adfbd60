#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where one CSV comes from: a path (`.csv` or `.csv.gz`, detected by content) or standard input.
public enum InputSource: Sendable, Equatable {
    case file(String)
    case standardInput

    /// The path, or `<stdin>`, as used in messages.
    public var displayName: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "<stdin>"
        }
    }
}

/// The files of one batch: users files and tweets files (releases split tweets; a batch of several
/// archives, such as takedowns plus controls, has several users files). Read as one batch, in order.
public struct ArchiveInput: Sendable, Equatable {
    public var users: [InputSource]
    public var tweets: [InputSource]

    public init(users: [InputSource], tweets: [InputSource]) {
        self.users = users
        self.tweets = tweets
    }

    /// One archive: at most one users file.
    public init(users: InputSource?, tweets: [InputSource]) {
        self.init(users: users.map { [$0] } ?? [], tweets: tweets)
    }

    /// Files whose roles were named (`--users`, `--tweets`): each is read as what it was given as, never
    /// reclassified by name or header, so a tweets file without `tweet_time` gets the missing-column error. `-` is
    /// standard input.
    public init(usersFile: String?, tweetsFiles: [String]) {
        func source(_ path: String) -> InputSource { path == "-" ? .standardInput : .file(path) }
        self.init(users: usersFile.map(source), tweets: tweetsFiles.map(source))
    }

    /// Several archives read as one batch (so batch-relative cohort features see them all together).
    public static func combining(_ inputs: [ArchiveInput]) -> ArchiveInput {
        ArchiveInput(users: inputs.flatMap(\.users), tweets: inputs.flatMap(\.tweets))
    }

    /// Sorts command-line arguments into users and tweets files. A directory contributes its `*users*.csv[.gz]`
    /// and `*tweets*.csv[.gz]` files; a file is classified by name, else by its header; `-` is a tweets file on stdin.
    public static func locate(_ paths: [String]) throws -> ArchiveInput {
        var input = ArchiveInput(users: [], tweets: [])
        func addUsers(_ source: InputSource) throws {
            if let existing = input.users.first, existing != source {
                throw IngestError(
                    .unrecognisedInput,
                    "two users files given (\(existing.displayName) and \(source.displayName)); pass one archive at a time")
            }
            input.users = [source]
        }
        for path in paths {
            if path == "-" {
                input.tweets.append(.standardInput)
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw IngestError(.unreadableInput, "\(path): cannot open: \(String(cString: strerror(errno)))")
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let names = try directoryEntries(path)
                var found = false
                for name in names {
                    let full = path.hasSuffix("/") ? path + name : path + "/" + name
                    switch kindByName(name) {
                    case .users?:
                        try addUsers(.file(full))
                        found = true
                    case .tweets?:
                        input.tweets.append(.file(full))
                        found = true
                    case nil:
                        continue
                    }
                }
                if !found {
                    throw IngestError(
                        .unrecognisedInput,
                        "\(path): no archive files found (expected names like *users*.csv[.gz] and *tweets*.csv[.gz])")
                }
                continue
            }
            switch try kindByName(fileName(path)) ?? kindByHeader(path) {
            case .users: try addUsers(.file(path))
            case .tweets: input.tweets.append(.file(path))
            }
        }
        if input.users.isEmpty && input.tweets.isEmpty {
            throw IngestError(.unrecognisedInput, "no input: give a users file, tweets files or an archive directory")
        }
        return input
    }

    enum FileKind: String { case users, tweets }

    static func kindByName(_ name: String) -> FileKind? {
        let lower = name.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz") else { return nil }
        if lower.contains("tweets") { return .tweets }
        if lower.contains("users") { return .users }
        return nil
    }

    private static func kindByHeader(_ path: String) throws -> FileKind {
        let scanner = CSVScanner(source: try ByteSource(.file(path)), chunkSize: 64 * 1024)
        guard try scanner.nextRecord() else {
            throw IngestError(.emptyFile, "\(path): file is empty (expected a header row naming columns such as userid)")
        }
        let names = (0..<scanner.fieldCount).map { ArchiveReader.headerName(scanner.field($0)) }
        if names.contains("tweet_time") || names.contains("tweetid") { return .tweets }
        if names.contains("userid") { return .users }
        throw IngestError(
            .unrecognisedInput,
            "\(path): not a users or tweets file: its header has no userid, tweetid or tweet_time column "
                + "(found: \(names.prefix(12).joined(separator: ", ")))")
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    private static func directoryEntries(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else {
            throw IngestError(.unreadableInput, "\(path): cannot list directory: \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}
