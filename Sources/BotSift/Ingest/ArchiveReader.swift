/// Reads one takedown archive (users file, then tweets files) into `AccountRecord`s and `PostRecord`s,
/// streaming: no row or per-post string is kept. Columns are found by header name. Bad records are skipped
/// and counted in the `IngestReport`, or stop the read in strict mode. See docs/INGEST.md.
public final class ArchiveReader {
    public let input: ArchiveInput
    public let options: IngestOptions

    private let accounts = ByteInterner()
    private let clients = ByteInterner()
    private let languages = ByteInterner()
    private let amplified = ByteInterner()
    /// Line of each account's users-file row (0 for accounts seen only in tweets files), for duplicate messages.
    private var accountLines: [Int] = []
    private let keyScratch = FieldParsing.Scratch()
    /// The account, client and (lower-cased) language of the last accepted tweets row: archives list an account's
    /// tweets together, mostly from one client in one language, so most rows resolve them by one comparison each.
    private let recentAccount = RecentKey(), recentClient = RecentKey(), recentLanguage = RecentKey()
    /// The account a row has just introduced (a users row, or a tweets row of a new account), until `readFile` emits
    /// it; kept here rather than returned so that the common tweets row copies no 160-byte optional record around.
    private var pendingAccount: AccountRecord?
    /// Prepares the posts the scanning thread left to this thread.
    private let preparation = PostPreparation()
    private var report = IngestReport()
    /// Bytes per read chunk (tests use small ones to put chunk boundaries everywhere).
    var chunkSize = 1 << 20

    public init(_ input: ArchiveInput, options: IngestOptions = IngestOptions()) {
        self.input = input
        self.options = options
    }

    /// The `userid` of an account index from `AccountRecord.index` / `PostRecord.account`.
    public func userID(ofAccount index: Int32) -> String { accounts.string(index) }
    /// Client names; index = `PostRecord.client`.
    public var clientNames: [String] { clients.allStrings }
    /// Lower-cased post languages; index = `PostRecord.language`.
    public var postLanguages: [String] { languages.allStrings }
    /// Retweeted `retweet_userid`s; index = `PostRecord.retweetedAccount`.
    public var amplifiedAccounts: [String] { amplified.allStrings }

    /// Users file first (every account once, in file order), then posts; an account seen only in a tweets file
    /// is emitted (with `origin: .postsFile`) just before its first post. Throws `IngestError`, or what the
    /// closures throw. Each call starts afresh.
    public func read(account: (AccountRecord) throws -> Void, post: (PostRecord) throws -> Void) throws -> IngestReport {
        for interner in [accounts, clients, languages, amplified] { interner.removeAll() }
        for recent in [recentAccount, recentClient, recentLanguage] { recent.forget() }
        accountLines = []
        report = IngestReport()
        for users in input.users {
            try readFile(users, kind: .users, account: account, post: post)
        }
        for tweets in input.tweets {
            try readFile(tweets, kind: .tweets, account: account, post: post)
        }
        return report
    }

    // MARK: - Columns

    /// Header cell as a column name: BOM and surrounding spaces removed, lower-cased.
    static func headerName(_ field: UnsafeBufferPointer<UInt8>) -> String {
        var name = String(decoding: field, as: UTF8.self)
        if name.hasPrefix("\u{FEFF}") { name.removeFirst() }
        return name.trimmingWhitespace().lowercased()
    }

    /// Indices (-1 when absent) of the columns botsift reads.
    struct Columns {
        var userID = -1
        var displayName = -1, screenName = -1, location = -1, description = -1, profileURL = -1
        var followers = -1, following = -1, creationDate = -1, accountLanguage = -1
        var tweetLanguage = -1, text = -1, time = -1, client = -1
        var replyUser = -1, replyTweet = -1, quotedTweet = -1, isRetweet = -1, retweetUser = -1, retweetTweet = -1
        var hashtags = -1, urls = -1, mentions = -1

        static var profileColumns: [(String, WritableKeyPath<Columns, Int>)] { [
            ("userid", \.userID), ("user_display_name", \.displayName), ("user_screen_name", \.screenName),
            ("user_reported_location", \.location), ("user_profile_description", \.description),
            ("user_profile_url", \.profileURL), ("follower_count", \.followers), ("following_count", \.following),
            ("account_creation_date", \.creationDate), ("account_language", \.accountLanguage),
        ] }
        static var postColumns: [(String, WritableKeyPath<Columns, Int>)] { [
            ("tweet_language", \.tweetLanguage), ("tweet_text", \.text), ("tweet_time", \.time),
            ("tweet_client_name", \.client), ("in_reply_to_userid", \.replyUser),
            ("in_reply_to_tweetid", \.replyTweet), ("quoted_tweet_tweetid", \.quotedTweet),
            ("is_retweet", \.isRetweet), ("retweet_userid", \.retweetUser), ("retweet_tweetid", \.retweetTweet),
            ("hashtags", \.hashtags), ("urls", \.urls), ("user_mentions", \.mentions),
        ] }
    }

    /// Required columns and what needs them, as the missing-column error says.
    static let requiredColumns: [ArchiveInput.FileKind: [(name: String, neededFor: String)]] = [
        .users: [("userid", "to identify each account and join it to its tweets")],
        .tweets: [
            ("userid", "to attribute each tweet to its account"),
            ("tweet_time", "for every timing and activity feature"),
        ],
    ]

    /// A file's header: its column names and the columns botsift reads.
    struct FileLayout {
        var names: [String]
        var columns = Columns()
        var used = Set<Int>()
        var kind: ArchiveInput.FileKind

        init(header: RecordFields, kind: ArchiveInput.FileKind) {
            self.kind = kind
            names = (0..<header.count).map { ArchiveReader.headerName(header.field($0)) }
            let wanted = kind == .users ? Columns.profileColumns : Columns.profileColumns + Columns.postColumns
            for (name, keyPath) in wanted {
                if let index = names.firstIndex(of: name) {
                    columns[keyPath: keyPath] = index
                    used.insert(index)
                }
            }
        }

        /// The first required column the header lacks, with what needs it.
        var missingColumn: (name: String, neededFor: String)? {
            ArchiveReader.requiredColumns[kind]!.first { !names.contains($0.name) }
        }

        var hasRequiredColumns: Bool { missingColumn == nil }
    }

    // MARK: - Files

    private struct RowFailure: Error {
        var reason: MalformedReason
        var column: Int?
        var detail: String
    }

    private func readFile(
        _ source: InputSource, kind: ArchiveInput.FileKind,
        account: (AccountRecord) throws -> Void, post: (PostRecord) throws -> Void
    ) throws {
        let bytes = try ByteSource(source)
        let path = bytes.displayName
        let stream = RecordChunkStream(
            producer: RecordChunkProducer(source: bytes, kind: kind, progress: options.progress), threaded: options.threaded,
            chunkSize: max(chunkSize, 16))
        defer { stream.stop() }
        var chunk = try stream.next()
        while let empty = chunk, empty.records.isEmpty {
            stream.recycle(empty)
            chunk = try stream.next()
        }
        guard let first = chunk else {
            let example = kind == .users ? "userid, user_screen_name, ..." : "tweetid, userid, tweet_time, ..."
            throw IngestError(.emptyFile, "\(path): \(kind.rawValue) file is empty (expected a header row: \(example))")
        }
        if let problem = first.records[0].problem {
            throw IngestError(.malformedRecord(Self.reason(of: problem)), "\(path):1: header row: \(Self.reason(of: problem).rawValue)")
        }
        let layout = stream.producer.layout!
        let names = layout.names
        if let (name, neededFor) = layout.missingColumn {
            throw IngestError(
                .missingColumn,
                "\(path): missing required column \"\(name)\" in \(kind.rawValue) file (needed \(neededFor)); "
                    + "found columns: \(names.joined(separator: ", "))")
        }
        let columns = layout.columns
        let expectedFields = names.count
        var summary = IngestReport.FileSummary(
            path: path, kind: kind.rawValue, gzip: bytes.isGzip, recordsRead: 0, recordsSkipped: 0,
            ignoredColumns: names.indices.filter { !layout.used.contains($0) }.map { names[$0] })
        var record = PostRecord(account: 0, time: 0)
        var posts = 0
        var firstTime = Int64.max, lastTime = Int64.min
        var firstRecord = 1
        // Key hashes of the row after the current one, and of the one after that (see the prefetch below); the
        // lookups of a row reuse what its look-ahead hashed.
        var nextRow: (row: Int, hashes: LookAheadHashes) = (-1, LookAheadHashes())
        var lookAhead: (row: Int, hashes: LookAheadHashes) = (-1, LookAheadHashes())
        /// Hashes of the keys of tweets row `row` that a lookup will resolve through a table (none when the row
        /// is past the chunk or malformed, or its account is the one just read).
        func lookAheadHashes(_ chunk: RecordChunkView, _ row: Int) -> LookAheadHashes {
            var hashes = LookAheadHashes()
            guard row < chunk.records.count, chunk.records[row].fieldCount == expectedFields else { return hashes }
            let fields = chunk.fields(row)
            let account = FieldParsing.trimmed(fields.field(columns.userID))
            if !recentAccount.matches(account) { hashes.account = ContentHash.hash(account) }
            if columns.retweetUser >= 0 {
                let retweeted = FieldParsing.trimmed(fields.field(columns.retweetUser))
                if !retweeted.isEmpty { hashes.amplified = ContentHash.hash(retweeted) }
            }
            return hashes
        }
        while let current = chunk {
            // The view (it holds references to the chunk's arrays) ends before the chunk is recycled, so the
            // scanning thread refills them in place.
            do {
                let view = current.view()
                for index in firstRecord..<view.records.count {
                    let entry = view.records[index]
                    var emitsAccount = false
                    do throws(RowFailure) {
                        if let problem = entry.problem {
                            switch problem {
                            case .unterminatedQuote(let column), .textAfterClosingQuote(let column):
                                throw RowFailure(reason: Self.reason(of: problem), column: column - 1, detail: "")
                            }
                        }
                        guard entry.fieldCount == expectedFields else {
                            throw RowFailure(
                                reason: .wrongFieldCount, column: nil,
                                detail: "expected \(expectedFields) fields as in the header, found \(entry.fieldCount)")
                        }
                        if kind == .users {
                            pendingAccount = try readUserRow(view.fields(index), columns, line: current.line(ofRecord: index))
                            emitsAccount = true
                        } else {
                            // The account and retweeted-account tables outgrow the L2 cache: prefetch in two stages
                            // (the slots two rows ahead, then the keys those slots hold one row ahead) so that neither
                            // the look-ahead nor the lookup waits on memory.
                            let hashes = index == nextRow.row ? nextRow.hashes : LookAheadHashes()
                            let next = index + 1 == lookAhead.row ? lookAhead.hashes : lookAheadHashes(view, index + 1)
                            if let hash = next.account { accounts.prefetchKey(hash: hash) }
                            if let hash = next.amplified { amplified.prefetchKey(hash: hash) }
                            nextRow = (index + 1, next)
                            lookAhead = (index + 2, lookAheadHashes(view, index + 2))
                            if let hash = lookAhead.hashes.account { accounts.prefetchSlot(hash: hash) }
                            if let hash = lookAhead.hashes.amplified { amplified.prefetchSlot(hash: hash) }
                            emitsAccount = try readPostRow(view, index, columns, hashes: hashes, into: &record)
                        }
                    } catch {
                        let line = current.line(ofRecord: index)
                        var message = "\(path):\(line): "
                        if let column = error.column {
                            let name = column < names.count ? names[column] : "beyond the header"
                            message += "column \(column + 1) (\(name)): "
                        }
                        message += error.reason.rawValue
                        if !error.detail.isEmpty { message += ": \(error.detail)" }
                        if options.strict { throw IngestError(.malformedRecord(error.reason), message) }
                        summary.recordsSkipped += 1
                        report.recordMalformed(error.reason, example: message, maxExamples: options.maxExamplesPerReason)
                        continue
                    }
                    summary.recordsRead += 1
                    if emitsAccount, let newAccount = pendingAccount.take() { try account(newAccount) }
                    if kind == .tweets {
                        posts += 1
                        firstTime = min(firstTime, record.time)
                        lastTime = max(lastTime, record.time)
                        try post(record)
                    }
                }
            }
            firstRecord = 0
            nextRow.row = -1
            lookAhead.row = -1
            stream.recycle(current)
            chunk = try stream.next()
        }
        stream.stop()
        if posts > 0 {
            report.posts += posts
            report.firstPostTime = min(report.firstPostTime ?? .max, firstTime)
            report.lastPostTime = max(report.lastPostTime ?? .min, lastTime)
        }
        if summary.recordsRead == 0 && summary.recordsSkipped == 0 {
            report.notes.append(
                kind == .users
                    ? "\(path): users file has a header but no accounts"
                    : "\(path): tweets file has a header but no tweets (an archive with accounts but no posts)")
        }
        report.files.append(summary)
        if let progress = options.progress {
            progress(IngestProgress(path: path, bytesRead: bytes.rawBytesRead, totalBytes: bytes.totalBytes))
        }
    }

    private static func reason(of problem: RecordProblem) -> MalformedReason {
        switch problem {
        case .unterminatedQuote: return .unterminatedQuote
        case .textAfterClosingQuote: return .textAfterClosingQuote
        }
    }

    // MARK: - Rows

    /// Validates a users-file row and interns its account; returns the record to emit.
    private func readUserRow(_ row: RecordFields, _ columns: Columns, line: Int) throws(RowFailure) -> AccountRecord {
        let id = FieldParsing.trimmed(row.field(columns.userID))
        guard !id.isEmpty else { throw RowFailure(reason: .missingRequiredValue, column: columns.userID, detail: "empty userid") }
        if let existing = accounts.code(of: id) {
            throw RowFailure(
                reason: .duplicateAccount, column: columns.userID,
                detail: "\"\(String(decoding: id, as: UTF8.self))\" (first at line \(accountLines[Int(existing)]))")
        }
        var record = try accountRecord(row, columns, id: id, origin: .usersFile)
        record.index = accounts.insert(id)
        accountLines.append(line)
        report.accounts += 1
        return record
    }

    private func accountRecord(
        _ row: RecordFields, _ columns: Columns, id: UnsafeBufferPointer<UInt8>, origin: AccountRecord.Origin
    ) throws(RowFailure) -> AccountRecord {
        func text(_ column: Int, trimmed: Bool = false) throws(RowFailure) -> String {
            guard column >= 0 else { return "" }
            let field = row.field(column)
            guard let value = FieldParsing.string(trimmed ? FieldParsing.trimmed(field) : field) else {
                throw RowFailure(reason: .invalidUTF8, column: column, detail: "")
            }
            return value
        }
        func count(_ column: Int, _ name: String) -> Int? {
            guard column >= 0 else { return nil }
            switch FieldParsing.count(row.field(column)) {
            case .empty: return nil
            case .value(let value): return value
            case .invalid:
                report.unparseableOptionalValues[name, default: 0] += 1
                return nil
            }
        }
        guard let userID = FieldParsing.string(id) else {
            throw RowFailure(reason: .invalidUTF8, column: columns.userID, detail: "")
        }
        var creationDay: Int32?
        if columns.creationDate >= 0 {
            let field = FieldParsing.trimmed(row.field(columns.creationDate))
            if !field.isEmpty {
                if let seconds = Timestamp.parse(field) {
                    creationDay = Int32(truncatingIfNeeded: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
                } else {
                    report.unparseableOptionalValues["account_creation_date", default: 0] += 1
                }
            }
        }
        return AccountRecord(
            index: -1, userID: userID, screenName: try text(columns.screenName),
            displayName: try text(columns.displayName), reportedLocation: try text(columns.location),
            profileDescription: try text(columns.description), profileURL: try text(columns.profileURL),
            followerCount: count(columns.followers, "follower_count"),
            followingCount: count(columns.following, "following_count"), creationDay: creationDay,
            language: try text(columns.accountLanguage, trimmed: true).lowercased(), origin: origin)
    }

    /// Code of a value to be inserted once the row is accepted (see `lookUp`).
    private static let newValue: Int32 = -2

    /// The interned code of `key`: -1 when empty, `newValue` when not seen yet (after checking it is valid UTF-8).
    /// `hash` is the key's `ContentHash.hash` when a look-ahead already computed it.
    @inline(__always)
    private func lookUp(
        _ interner: ByteInterner, _ key: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil, column: Int
    ) throws(RowFailure) -> Int32 {
        if key.isEmpty { return -1 }
        if let code = interner.code(of: key, hash: hash ?? ContentHash.hash(key)) { return code }
        guard FieldParsing.isValidUTF8(key) else { throw RowFailure(reason: .invalidUTF8, column: column, detail: "") }
        return Self.newValue
    }

    /// Validates tweets-file row `index` of `chunk` into `record` (its `PreparedPost`, from the chunk or computed
    /// here, holds the time, hashes and list counts); returns true when the row's account is new, leaving its record
    /// to emit first in `pendingAccount`. `hashes` are the row's key hashes its look-ahead computed, if any.
    private func readPostRow(
        _ chunk: RecordChunkView, _ index: Int, _ columns: Columns, hashes: LookAheadHashes, into record: inout PostRecord
    ) throws(RowFailure) -> Bool {
        let row = chunk.fields(index)
        let prepared: PreparedPost
        if index < chunk.prepared.count {
            prepared = chunk.prepared[index]
            record.hashtagHashes.removeAll(keepingCapacity: true)
            if prepared.hashtagEnd > prepared.hashtagStart {
                chunk.hashtagHashes.withUnsafeBufferPointer { hashes in
                    record.hashtagHashes.append(
                        contentsOf: UnsafeBufferPointer(rebasing: hashes[Int(prepared.hashtagStart)..<Int(prepared.hashtagEnd)]))
                }
            }
        } else {
            record.hashtagHashes.removeAll(keepingCapacity: true)
            prepared = preparation.prepare(row, columns, hashtags: &record.hashtagHashes)
        }
        let id = FieldParsing.trimmed(row.field(columns.userID))
        guard !id.isEmpty else { throw RowFailure(reason: .missingRequiredValue, column: columns.userID, detail: "empty userid") }
        switch prepared.timeState {
        case .parsed:
            record.time = prepared.time
        case .empty:
            throw RowFailure(reason: .missingRequiredValue, column: columns.time, detail: "empty tweet_time")
        case .unparseable:
            let timeField = FieldParsing.trimmed(row.field(columns.time))
            let shown = String(decoding: UnsafeBufferPointer(rebasing: timeField.prefix(40)), as: UTF8.self)
            throw RowFailure(reason: .unparseableRequiredValue, column: columns.time, detail: "\"\(shown)\" is not a time")
        }
        guard prepared.textIsValid else { throw RowFailure(reason: .invalidUTF8, column: columns.text, detail: "") }
        record.textHash = prepared.textHash
        guard prepared.hashtagsAreValid else { throw RowFailure(reason: .invalidUTF8, column: columns.hashtags, detail: "") }
        record.hashtagCount = prepared.hashtagCount
        record.urlCount = prepared.urlCount
        record.mentionCount = prepared.mentionCount
        func present(_ column: Int) -> Bool { column >= 0 && FieldParsing.isPresent(row.field(column)) }
        record.isReply = present(columns.replyUser) || present(columns.replyTweet)
        record.isQuote = present(columns.quotedTweet)
        if columns.isRetweet >= 0 {
            switch FieldParsing.boolean(row.field(columns.isRetweet)) {
            case .empty: record.isRetweet = false
            case .value(let value): record.isRetweet = value
            case .invalid:
                report.unparseableOptionalValues["is_retweet", default: 0] += 1
                record.isRetweet = false
            }
        } else {
            record.isRetweet = present(columns.retweetUser) || present(columns.retweetTweet)
        }

        var client: Int32 = -1
        var clientField = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        if columns.client >= 0 {
            clientField = FieldParsing.trimmed(row.field(columns.client))
            client = try recentClient.code(of: clientField) { key throws(RowFailure) in
                try lookUp(clients, key, column: columns.client)
            }
        }
        var language: Int32 = -1
        var languageLength = 0
        if columns.tweetLanguage >= 0 {
            let field = FieldParsing.trimmed(row.field(columns.tweetLanguage))
            keyScratch.reserve(field.count)
            for i in 0..<field.count { keyScratch.bytes[i] = FieldParsing.asciiLowercased(field[i]) }
            languageLength = field.count
            let folded = keyScratch.view(languageLength)
            language = try recentLanguage.code(of: folded) { key throws(RowFailure) in
                try lookUp(languages, key, column: columns.tweetLanguage)
            }
        }
        var retweeted: Int32 = -1
        if record.isRetweet && columns.retweetUser >= 0 {
            retweeted = try lookUp(
                amplified, FieldParsing.trimmed(row.field(columns.retweetUser)), hash: hashes.amplified, column: columns.retweetUser)
        }
        let existingAccount = recentAccount.code(of: id) { accounts.code(of: $0, hash: hashes.account ?? ContentHash.hash($0)) ?? -1 }
        let isNewAccount = existingAccount < 0
        if isNewAccount { pendingAccount = try accountRecord(row, columns, id: id, origin: .postsFile) }

        // The row is accepted: intern new values and emit.
        if client == Self.newValue {
            client = clients.insert(clientField)
            recentClient.remember(clientField, code: client)
        }
        if language == Self.newValue {
            // `keyScratch` still holds the lower-cased language: nothing above writes to it.
            language = languages.insert(keyScratch.view(languageLength))
            recentLanguage.remember(keyScratch.view(languageLength), code: language)
        }
        if retweeted == Self.newValue {
            retweeted = amplified.insert(FieldParsing.trimmed(row.field(columns.retweetUser)))
        }
        record.client = client
        record.language = language
        record.retweetedAccount = retweeted
        if isNewAccount {
            record.account = accounts.insert(id)
            recentAccount.remember(id, code: record.account)
            pendingAccount!.index = record.account
            accountLines.append(0)
            report.accounts += 1
            report.accountsOnlyInPosts += 1
        } else {
            record.account = existingAccount
        }
        return isNewAccount
    }
}

/// Hashes of the keys of a tweets row ahead of the current one, for `ByteInterner`'s two-stage prefetch.
private struct LookAheadHashes {
    var account: UInt64?
    var amplified: UInt64?
}

/// The last non-empty key resolved through an interner and its code, so that a run of equal keys is resolved by one
/// byte comparison instead of hashing and a table probe.
private final class RecentKey {
    private let bytes = FieldParsing.Scratch(capacity: 64)
    private var length = -1
    private var code: Int32 = -1

    /// Whether `key` equals the remembered key: never after `forget` (`length` is then -1), nor for an empty key
    /// (none is ever remembered).
    @inline(__always)
    func matches(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteInterner.equal(bytes.bytes, length, key)
    }

    /// The code of `key`: the remembered one when `key` is the remembered key, else `lookUp(key)`, which is
    /// remembered when it is a code (not negative: empty, or not interned yet).
    @inline(__always)
    func code<Failure: Error>(
        of key: UnsafeBufferPointer<UInt8>, lookUp: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Int32
    ) throws(Failure) -> Int32 {
        if matches(key) { return code }
        let found = try lookUp(key)
        if found >= 0 { remember(key, code: found) }
        return found
    }

    /// Remembers a non-empty `key` with its code.
    @inline(__always)
    func remember(_ key: UnsafeBufferPointer<UInt8>, code: Int32) {
        guard let base = key.baseAddress, !key.isEmpty else { return }
        bytes.reserve(key.count)
        bytes.bytes.update(from: base, count: key.count)
        length = key.count
        self.code = code
    }

    func forget() { length = -1 }
}
