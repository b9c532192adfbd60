import LinAlg

/// Turns a stream of accounts and posts into a `FeatureTable` in one pass over the posts.
///
/// Contract (the archive reader guarantees it): every account index that posts is added once as an
/// `AccountRecord` before `finish`; accounts and posts may arrive in any order and from several files.
/// Per post, `add` updates per-account counters and a small client/language histogram, and appends about
/// 11-15 bytes (time delta, text hash, retweeted account, hashtag codes; see `PostLog`) to the account's own
/// byte stream, so posts are grouped by account as they arrive and `finish` never regroups them. `finish`
/// decodes one account at a time, sorts its times and counts in code order, so results do not depend on post order.
public struct FeatureExtractor: Sendable {
    /// The families and parameters this extractor computes.
    public let configuration: FeatureConfiguration
    private var accountRecords: [AccountRecord?] = []
    /// Everything `add` touches for one account, side by side so a post costs few cache misses.
    private var accounts: [AccountState] = []
    private var streams = AccountStreams()
    private var hashtagCodes = HashtagInterner()
    private var earliestTime = Int32.max
    private var latestTime = Int32.min
    /// Largest codes seen (-1 when none), to check the client names and size the retweet histogram.
    private var largestClient: Int32 = -1
    private var largestRetweeted: Int32 = -1

    /// An empty extractor.
    public init(configuration: FeatureConfiguration = FeatureConfiguration()) {
        self.configuration = configuration
    }

    /// Registers an account; each index must be added exactly once.
    public mutating func add(_ account: AccountRecord) {
        let index = Int(account.index)
        precondition(index >= 0, "account index must be non-negative, got \(index)")
        reserveAccount(index)
        precondition(accountRecords[index] == nil, "account index \(index) (user id \(account.userID)) was added twice")
        accountRecords[index] = account
    }

    /// Records one post (copies what it keeps, so the reader may reuse the record).
    public mutating func add(_ post: borrowing PostRecord) {
        let index = Int(post.account)
        precondition(index >= 0, "post account index must be non-negative, got \(index)")
        if index >= accounts.count { reserveAccount(index) }
        let retweetedAccount = post.isRetweet ? post.retweetedAccount : -1
        largestRetweeted = max(largestRetweeted, retweetedAccount)
        largestClient = max(largestClient, post.client)
        let time = CompactTime.compact(post.time)
        earliestTime = min(earliestTime, time)
        latestTime = max(latestTime, time)
        accounts[index].record(post, compactTime: time, retweetedAccount: retweetedAccount,
                               streams: &streams, hashtagCodes: &hashtagCodes)
    }

    /// Bytes this extractor holds for posts and per-account aggregates: the account streams, the hashtag codes,
    /// counters, histograms and per-account tables (capacity, so growth slack counts). The account profiles
    /// (`AccountRecord`s, about 170 bytes per account plus long strings) are not included: they do not grow with posts.
    public var retainedBytes: Int {
        streams.retainedBytes + hashtagCodes.retainedBytes
            + accounts.capacity * MemoryLayout<AccountState>.stride
            + accounts.reduce(0) { $0 + CodeCounts.retainedBytes($1.codeCounts) }
    }

    /// Computes the table. `clientNames[i]` is the name of client code `i` (used to classify clients);
    /// every client code seen in a post must be below `clientNames.count`. Accounts are computed on all cores.
    public func finish(clientNames: [String]) -> FeatureTable {
        finish(clientNames: clientNames, threads: ParallelWork.defaultThreadCount)
    }

    /// `finish` on at most `threads` threads; the table is the same for every thread count.
    func finish(clientNames: [String], threads: Int) -> FeatureTable {
        let schema = FeatureSchema(configuration: configuration)
        let accountCount = accounts.count
        for index in 0..<accountCount where accounts[index].counters.posts > 0 && accountRecords[index] == nil {
            preconditionFailure("account index \(index) has posts but no AccountRecord was added")
        }
        precondition(Int(largestClient) < clientNames.count,
                     "client code \(largestClient) has no name (\(clientNames.count) client names given)")
        let order = Self.userIDOrder(accountRecords.map { $0?.userID })
        var rowOfAccount = [Int](repeating: -1, count: accountCount)
        for (row, index) in order.enumerated() { rowOfAccount[index] = row }

        let hasPosts = earliestTime <= latestTime
        let columnCount = schema.features.count
        var values = [Double](repeating: 0, count: order.count * columnCount)
        // Work is proportional to an account's stream bytes: give each thread an equal share of them.
        let ranges = ParallelWork.balancedRanges(weights: accounts.map { Int($0.stream.length) }, parts: threads)
        let rows = FinishingRows(
            extractor: self, rowOfAccount: rowOfAccount, columnCount: columnCount,
            archiveEndDay: hasPosts ? CompactTime.unixDay(latestTime) : order.compactMap { accountRecords[$0]?.creationDay }.max(),
            clientCategories: clientNames.map(ClientCatalogue.category(ofClientNamed:)),
            minutes: configuration.includes(.cohort) && hasPosts
                ? CompactTime.floorDivide(earliestTime, 60)...CompactTime.floorDivide(latestTime, 60) : nil)

        values.withUnsafeMutableBufferPointer { table in
            let output = DisjointWrites(buffer: table)
            // Pass 1, per range of accounts: every family but the cohort columns, and each range's minute counts
            // and post times.
            var passes = ParallelWork.map(ranges.count, threads: threads) { part in
                rows.computeAccountFamilies(ranges[part], into: output.buffer)
            }
            // Pass 2, cohort columns (the last family): creation cohorts, and the co-posting share, which needs
            // every account's minutes counted first. The first range's counts are taken out, so the merge adds to
            // them in place instead of copying them.
            guard configuration.includes(.cohort) else { return }
            var occupancy = passes.first?.occupancy
            if !passes.isEmpty { passes[0].occupancy = nil }
            occupancy?.merge(passes.dropFirst().compactMap(\.occupancy), threads: threads)
            let cohorts = CreationCohorts(creationDays: order.compactMap { accountRecords[$0]?.creationDay })
            let merged = occupancy, rangeTimes = passes.map(\.times)
            _ = ParallelWork.map(ranges.count, threads: threads) { part in
                rows.computeCohortColumns(
                    ranges[part], cohorts: cohorts, occupancy: merged, times: rangeTimes[part], into: output.buffer)
            }
        }
        for (offset, value) in values.enumerated() where !value.isFinite {
            preconditionFailure("feature '\(schema.names[offset % columnCount])' is not finite (\(value))")
        }
        let identities = order.map { AccountIdentity(userID: accountRecords[$0]!.userID, screenName: accountRecords[$0]!.screenName) }
        return FeatureTable(schema: schema, accounts: identities,
                            values: Matrix(rows: order.count, columns: columnCount, elements: values))
    }

    /// What `finish` computes per account, shared read-only by its threads; each call fills the rows of a range
    /// of account indices (rows of different accounts never overlap, so threads write disjoint memory).
    private struct FinishingRows {
        let extractor: FeatureExtractor
        let rowOfAccount: [Int]
        let columnCount: Int
        let archiveEndDay: Int32?
        let clientCategories: [ClientCategory]
        /// The batch's span of compact minutes, when co-posting is computed.
        let minutes: ClosedRange<Int32>?

        private var configuration: FeatureConfiguration { extractor.configuration }

        private func decoder() -> AccountDecoder {
            AccountDecoder(hashtagCodeCount: extractor.hashtagCodes.count,
                           retweetedCodeCount: Int(extractor.largestRetweeted) + 1)
        }

        /// What pass 1 leaves for the co-posting pass: the range's minute counts and its accounts' sorted post times
        /// (both only when co-posting is computed: the times cost 4 bytes per post until `finish` returns, and spare
        /// decoding every stream a second time).
        struct FirstPass: Sendable {
            var occupancy: MinuteOccupancy?
            var times = RangeTimes()
        }

        /// Decodes each account's stream, sorts its times and writes every family but the cohort columns.
        func computeAccountFamilies(_ range: Range<Int>, into table: UnsafeMutableBufferPointer<Double>) -> FirstPass {
            var pass = FirstPass(occupancy: minutes.map { MinuteOccupancy(firstMinute: $0.lowerBound, lastMinute: $0.upperBound) })
            var decoder = decoder()
            var gaps: [Int64] = []
            for index in range {
                guard let account = extractor.accountRecords[index] else { continue }
                let state = extractor.accounts[index]
                let decoded = decoder.decode(
                    state.stream, of: extractor.streams, account: Int32(index), postCount: Int(state.counters.posts))
                var column = rowOfAccount[index] * columnCount
                func write<Values>(_ definitions: [FeatureDefinition<Values>], _ computed: Values) {
                    for definition in definitions {
                        table[column] = definition.value(computed)
                        column += 1
                    }
                }
                decoder.withSortedTimes { accountTimes in
                    let metadata = MetadataValues(
                        account: account, postCount: accountTimes.count,
                        lastPostDay: accountTimes.last.map(CompactTime.unixDay), archiveEndDay: archiveEndDay)
                    if configuration.includes(.metadata) { write(FeatureCatalogue.metadata, metadata) }
                    if configuration.includes(.timing) {
                        write(FeatureCatalogue.timing, TimingValues(
                            sortedTimes: accountTimes, creationDay: account.creationDay, gaps: &gaps))
                    }
                    if configuration.includes(.behaviour) {
                        write(FeatureCatalogue.behaviour, BehaviourValues(
                            counters: state.counters, sortedCodeCounts: state.codeCounts.sorted(),
                            clientCategories: clientCategories, decoded: decoded))
                    }
                    if configuration.includes(.language) { write(FeatureCatalogue.language, metadata) }
                    if pass.occupancy != nil {
                        pass.occupancy!.addAccount(sortedTimes: accountTimes)
                        pass.times.append(index: index, times: accountTimes)
                    }
                }
            }
            return pass
        }

        /// Writes the cohort columns of each account: creation cohorts, and the share of its posts in minutes when
        /// enough other accounts posted (times need no sorting: it only counts).
        func computeCohortColumns(
            _ range: Range<Int>, cohorts: CreationCohorts, occupancy: MinuteOccupancy?, times: RangeTimes,
            into table: UnsafeMutableBufferPointer<Double>
        ) {
            let firstCohortColumn = columnCount - FeatureCatalogue.cohort.count
            var segment = 0
            for index in range {
                guard let account = extractor.accountRecords[index] else { continue }
                var cohort = CohortValues()
                cohorts.fill(&cohort, creationDay: account.creationDay)
                if let occupancy {
                    cohort.copostingMinuteShare = times.times(ofSegment: segment, account: index).withUnsafeBufferPointer {
                        occupancy.copostingShare(times: $0, minimumOthers: configuration.cohortMinimumCoposters)
                    }
                    segment += 1
                }
                var column = rowOfAccount[index] * columnCount + firstCohortColumn
                for definition in FeatureCatalogue.cohort {
                    table[column] = definition.value(cohort)
                    column += 1
                }
            }
        }
    }

    /// The indices of the non-nil `userIDs` sorted by userID (`String` order), ties by index. When every id is
    /// ASCII, byte order is `String` order, so most comparisons are settled by the ids' first eight bytes as one
    /// big-endian integer (the 20,000 hashed ids of the 5M bench archive: 21-26 ms with `String` comparisons alone,
    /// 9.5-9.8 ms this way).
    static func userIDOrder(_ userIDs: [String?]) -> [Int] {
        let present = userIDs.indices.filter { userIDs[$0] != nil }
        guard present.allSatisfy({ userIDs[$0]!.utf8.allSatisfy { $0 < 0x80 } }) else {
            return present.sorted { userIDs[$0]! != userIDs[$1]! ? userIDs[$0]! < userIDs[$1]! : $0 < $1 }
        }
        let keyed = present.map { index -> (prefix: UInt64, index: Int) in
            var prefix: UInt64 = 0
            var shift: UInt64 = 56
            for byte in userIDs[index]!.utf8.prefix(8) {
                prefix |= UInt64(byte) << shift
                shift &-= 8
            }
            return (prefix, index)
        }
        return keyed.sorted { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            let (x, y) = (userIDs[a.index]!, userIDs[b.index]!)
            return x != y ? x < y : a.index < b.index
        }.map(\.index)
    }

    private mutating func reserveAccount(_ index: Int) {
        guard index >= accounts.count else { return }
        let added = index + 1 - accounts.count
        accounts.append(contentsOf: repeatElement(AccountState(), count: added))
        accountRecords.append(contentsOf: repeatElement(nil, count: added))
    }
}

/// The sorted post times of the accounts of one `finish` range, back to back in the order they were added.
struct RangeTimes: Sendable {
    private var times: [Int32] = []
    /// Per account appended: its index and where its times end.
    private var segments: [(account: Int, end: Int)] = []

    mutating func append(index: Int, times accountTimes: UnsafeBufferPointer<Int32>) {
        times.append(contentsOf: accountTimes)
        segments.append((index, times.count))
    }

    /// The times of the `segment`-th account appended, which must be account `index`.
    func times(ofSegment segment: Int, account index: Int) -> ArraySlice<Int32> {
        precondition(segments[segment].account == index, "co-posting pass visited accounts out of order")
        return times[(segment == 0 ? 0 : segments[segment - 1].end)..<segments[segment].end]
    }
}

/// What `FeatureExtractor.add` keeps per account: counters, the client/language counts, the stream cursor
/// and the base of the next time delta.
struct AccountState: Sendable {
    var counters = PostCounters()
    /// `CodeCounts` entries for clients and post languages.
    var codeCounts: [UInt64] = []
    var stream = StreamCursor()
    /// The time of the latest-added post (compact seconds).
    var previousTime: Int32 = 0

    /// Counts one post and appends its `PostLog` bytes to the account's stream.
    @inline(__always)
    mutating func record(_ post: borrowing PostRecord, compactTime time: Int32, retweetedAccount: Int32,
                         streams: inout AccountStreams, hashtagCodes: inout HashtagInterner) {
        counters.record(post)
        if post.client >= 0 { CodeCounts.increment(&codeCounts, key: UInt32(post.client)) }
        if post.language >= 0 { CodeCounts.increment(&codeCounts, key: CodeCounts.languageKey | UInt32(post.language)) }
        let previousTime = self.previousTime
        self.previousTime = time
        let textHash = post.textHash
        post.hashtagHashes.withUnsafeBufferPointer { hashes in
            var kept = 0
            for hash in hashes where hash != 0 { kept += 1 }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: PostLog.maximumLength(hashtagCount: kept)) { bytes in
                var writer = PostLog.encode(time: time, previousTime: previousTime, textHash: textHash,
                                            retweetedAccount: retweetedAccount, hashtagCount: kept, into: bytes.baseAddress!)
                for hash in hashes where hash != 0 { writer.varint(UInt64(hashtagCodes.code(of: hash))) }
                streams.append(UnsafeBufferPointer(rebasing: bytes[..<writer.count]), to: &stream)
            }
        }
    }
}

/// Decodes one account's post stream at a time into reusable scratch space: its times, and the integer counts
/// behind the text, hashtag and retweet features.
struct AccountDecoder {
    /// Room for the decoded account's post times (compact seconds; the first `timeCount`, ascending after `decode`)
    /// and text hashes, grown to the largest account and written through pointers (no per-post append checks).
    private var timeStorage: [Int32] = []
    private var timeCount = 0
    private var hashStorage: [UInt64] = []
    private var bytes: [UInt8] = []
    private var distinctTexts = DistinctHashCounter()
    /// For each hashtag code, the last account that used it: a code is new for an account when this differs.
    private var hashtagLastAccount: [Int32]
    private var retweeted: CodeHistogram

    init(hashtagCodeCount: Int, retweetedCodeCount: Int) {
        hashtagLastAccount = [Int32](repeating: -1, count: hashtagCodeCount)
        retweeted = CodeHistogram(codeCount: retweetedCodeCount)
    }

    /// The decoded account's post times, ascending.
    func withSortedTimes<Value>(_ body: (UnsafeBufferPointer<Int32>) -> Value) -> Value {
        timeStorage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<timeCount])) }
    }

    /// Decodes the `postCount` posts of one account's stream (its whole stream) and sorts the times; `account` is
    /// its index.
    mutating func decode(_ stream: StreamCursor, of streams: AccountStreams, account: Int32, postCount: Int) -> DecodedCounts {
        var counts = DecodedCounts()
        if timeStorage.count < postCount {
            let size = max(postCount, 2 * timeStorage.count)
            timeStorage = [Int32](repeating: 0, count: size)
            hashStorage = [UInt64](repeating: 0, count: size)
        }
        timeCount = postCount
        var textCount = 0
        let length = streams.gather(stream, into: &bytes)
        bytes.withUnsafeBufferPointer { bytes in
            hashtagLastAccount.withUnsafeMutableBufferPointer { lastAccount in
                timeStorage.withUnsafeMutableBufferPointer { times in
                    hashStorage.withUnsafeMutableBufferPointer { hashes in
                        var reader = ByteReader(UnsafeBufferPointer(rebasing: bytes[..<length]))
                        var previousTime: Int32 = 0
                        for index in 0..<postCount {
                            let post = PostLog.readPost(from: &reader, previousTime: previousTime)
                            previousTime = post.time
                            times[index] = post.time
                            hashes[textCount] = post.textHash
                            textCount &+= post.textHash != 0 ? 1 : 0
                            if post.retweetedAccount >= 0 {
                                counts.retweets += 1
                                retweeted.add(post.retweetedAccount)
                            }
                            counts.hashtags += post.hashtagCount
                            for _ in 0..<post.hashtagCount {
                                let code = Int(reader.varint())
                                if lastAccount[code] != account {
                                    lastAccount[code] = account
                                    counts.distinctHashtags += 1
                                }
                            }
                        }
                        precondition(reader.isAtEnd, "account stream holds more posts than were counted")
                    }
                }
            }
        }
        timeStorage.withUnsafeMutableBufferPointer { storage in
            var times = UnsafeMutableBufferPointer(rebasing: storage[..<postCount])
            // Archive files are mostly in time order: check before sorting.
            if zip(times, times.dropFirst()).contains(where: { $0 > $1 }) { times.sort() }
        }
        (counts.texts, counts.distinctTexts) = hashStorage.withUnsafeBufferPointer {
            distinctTexts.count(UnsafeBufferPointer(rebasing: $0[..<textCount]))
        }
        counts.largestRetweetCount = retweeted.largestCount
        retweeted.reset()
        return counts
    }

}
