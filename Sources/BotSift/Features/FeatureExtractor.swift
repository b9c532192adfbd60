import LinAlg

/// Turns a stream of accounts and posts into a `FeatureTable` in one pass over the posts.
///
/// Contract (the archive reader guarantees it): every account index that posts is added once as an
/// `AccountRecord` before `finish`; accounts and posts may arrive in any order and from several files.
/// Per post, `add` does array appends and counter increments only: the post's compact facts (32 bytes plus
/// 16 per hashtag) are kept, never its row. `finish` groups them by account with a counting sort, sorts each
/// account's times, texts and hashtags, and computes every feature, so results do not depend on post order.
public struct FeatureExtractor: Sendable {
    /// The families and parameters this extractor computes.
    public let configuration: FeatureConfiguration
    private var accountRecords: [AccountRecord?] = []
    private var counters: [PostCounters] = []
    private var posts = ChunkedStore<PostFacts>()
    private var hashtags = ChunkedStore<HashtagFact>()

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
    public mutating func add(_ post: PostRecord) {
        let index = Int(post.account)
        precondition(index >= 0, "post account index must be non-negative, got \(index)")
        if index >= counters.count { reserveAccount(index) }
        counters[index].record(post)
        posts.append(PostFacts(
            account: post.account, time: CompactTime.compact(post.time),
            codes: PostCodes(client: post.client, language: post.language,
                             retweetedAccount: post.isRetweet ? post.retweetedAccount : -1),
            textHash: post.textHash))
        if !post.hashtagHashes.isEmpty {
            post.hashtagHashes.withUnsafeBufferPointer { hashes in
                for hash in hashes { hashtags.append(HashtagFact(account: post.account, hash: hash)) }
            }
        }
    }

    /// Computes the table. `clientNames[i]` is the name of client code `i` (used to classify clients);
    /// every client code seen in a post must be below `clientNames.count`.
    public func finish(clientNames: [String]) -> FeatureTable {
        let schema = FeatureSchema(configuration: configuration)
        let accountCount = counters.count
        for index in 0..<accountCount where counters[index].posts > 0 && accountRecords[index] == nil {
            preconditionFailure("account index \(index) has posts but no AccountRecord was added")
        }
        let order = (0..<accountCount).compactMap { index in accountRecords[index].map { (index, $0) } }
            .sorted { ($0.1.userID, $0.0) < ($1.1.userID, $1.0) }
            .map(\.0)

        var grouped = GroupedPosts(posts: posts, hashtags: hashtags, counters: counters)
        let postStart = grouped.postStart, hashtagStart = grouped.hashtagStart
        let largestClient = grouped.largestClient, largestLanguage = grouped.largestLanguage
        let largestRetweeted = grouped.largestRetweeted
        precondition(Int(largestClient) < clientNames.count,
                     "client code \(largestClient) has no name (\(clientNames.count) client names given)")

        var scratch = BehaviourScratch(
            clients: CodeHistogram(codeCount: clientNames.count),
            languages: CodeHistogram(codeCount: Int(largestLanguage) + 1),
            retweetedAccounts: CodeHistogram(codeCount: Int(largestRetweeted) + 1),
            clientCategories: clientNames.map(ClientCatalogue.category(ofClientNamed:)))
        let columnCount = schema.features.count
        var values = [Double](repeating: 0, count: order.count * columnCount)

        grouped.times.withUnsafeMutableBufferPointer { allTimes in
            grouped.textHashes.withUnsafeBufferPointer { allTexts in
                grouped.hashtags.withUnsafeBufferPointer { allHashtags in
                    grouped.codes.withUnsafeBufferPointer { allCodes in
                        for index in 0..<accountCount {
                            var accountTimes = UnsafeMutableBufferPointer(rebasing: allTimes[postStart[index]..<postStart[index + 1]])
                            // Archive files are mostly in time order: check before sorting.
                            if zip(accountTimes, accountTimes.dropFirst()).contains(where: { $0 > $1 }) { accountTimes.sort() }
                        }
                        let archiveEndDay = allTimes.max().map(CompactTime.unixDay)
                            ?? order.compactMap { accountRecords[$0]?.creationDay }.max()
                        var occupancy: MinuteOccupancy?
                        if configuration.includes(.cohort), let first = allTimes.min(), let last = allTimes.max() {
                            var counts = MinuteOccupancy(firstMinute: CompactTime.floorDivide(first, 60),
                                                         lastMinute: CompactTime.floorDivide(last, 60))
                            for index in 0..<accountCount {
                                counts.addAccount(sortedTimes: UnsafeBufferPointer(
                                    rebasing: allTimes[postStart[index]..<postStart[index + 1]]))
                            }
                            occupancy = counts
                        }
                        let cohorts = CreationCohorts(creationDays: order.compactMap { accountRecords[$0]?.creationDay })
                        var gaps: [Int64] = []

                        for (row, index) in order.enumerated() {
                            let account = accountRecords[index]!
                            let postRange = postStart[index]..<postStart[index + 1]
                            let accountTimes = UnsafeBufferPointer(rebasing: allTimes[postRange])
                            var column = row * columnCount
                            func write<Values>(_ definitions: [FeatureDefinition<Values>], _ computed: Values) {
                                for definition in definitions {
                                    values[column] = definition.value(computed)
                                    column += 1
                                }
                            }
                            if configuration.includes(.metadata) {
                                write(FeatureCatalogue.metadata, MetadataValues(
                                    account: account, postCount: accountTimes.count,
                                    lastPostDay: accountTimes.last.map(CompactTime.unixDay), archiveEndDay: archiveEndDay))
                            }
                            if configuration.includes(.timing) {
                                write(FeatureCatalogue.timing, TimingValues(
                                    sortedTimes: accountTimes, creationDay: account.creationDay, gaps: &gaps))
                            }
                            if configuration.includes(.behaviour) {
                                write(FeatureCatalogue.behaviour, BehaviourValues(
                                    counters: counters[index],
                                    codes: UnsafeBufferPointer(rebasing: allCodes[postRange]),
                                    textHashes: UnsafeBufferPointer(rebasing: allTexts[postRange]),
                                    hashtagHashes: UnsafeBufferPointer(
                                        rebasing: allHashtags[hashtagStart[index]..<hashtagStart[index + 1]]),
                                    scratch: &scratch))
                            }
                            if configuration.includes(.cohort) {
                                var cohort = CohortValues()
                                cohorts.fill(&cohort, creationDay: account.creationDay)
                                cohort.copostingMinuteShare = occupancy?.copostingShare(
                                    sortedTimes: accountTimes, minimumOthers: configuration.cohortMinimumCoposters) ?? 0
                                write(FeatureCatalogue.cohort, cohort)
                            }
                        }
                    }
                }
            }
        }
        for (offset, value) in values.enumerated() where !value.isFinite {
            preconditionFailure("feature '\(schema.names[offset % columnCount])' is not finite (\(value))")
        }
        let identities = order.map { AccountIdentity(userID: accountRecords[$0]!.userID, screenName: accountRecords[$0]!.screenName) }
        return FeatureTable(schema: schema, accounts: identities,
                            values: Matrix(rows: order.count, columns: columnCount, elements: values))
    }

    private mutating func reserveAccount(_ index: Int) {
        guard index >= counters.count else { return }
        let added = index + 1 - counters.count
        counters.append(contentsOf: repeatElement(PostCounters(), count: added))
        accountRecords.append(contentsOf: repeatElement(nil, count: added))
    }
}

/// The kept post facts regrouped so that each account's posts (and hashtags) are contiguous:
/// account `a` owns `postStart[a]..<postStart[a + 1]` of `times`, `textHashes` and `codes`.
struct GroupedPosts {
    var times: [Int32]
    var textHashes: [UInt64]
    var codes: [PostCodes]
    var hashtags: [UInt64]
    let postStart: [Int]
    let hashtagStart: [Int]
    /// Largest codes seen (-1 when none), to size the histograms.
    private(set) var largestClient: Int32 = -1
    private(set) var largestLanguage: Int32 = -1
    private(set) var largestRetweeted: Int32 = -1

    /// Counting sort on the account index: offsets from the per-account counts, then one scatter pass.
    init(posts: ChunkedStore<PostFacts>, hashtags hashtagFacts: ChunkedStore<HashtagFact>, counters: [PostCounters]) {
        var postStart = [Int](repeating: 0, count: counters.count + 1)
        var hashtagStart = [Int](repeating: 0, count: counters.count + 1)
        for index in counters.indices {
            postStart[index + 1] = postStart[index] + Int(counters[index].posts)
            hashtagStart[index + 1] = hashtagStart[index] + Int(counters[index].keptHashtags)
        }
        self.postStart = postStart
        self.hashtagStart = hashtagStart
        // Every slot is written exactly once by the scatters below (the cursors partition 0..<count).
        times = [Int32](unsafeUninitializedCapacity: posts.count) { _, count in count = posts.count }
        textHashes = [UInt64](unsafeUninitializedCapacity: posts.count) { _, count in count = posts.count }
        codes = [PostCodes](unsafeUninitializedCapacity: posts.count) { _, count in count = posts.count }
        hashtags = [UInt64](unsafeUninitializedCapacity: hashtagFacts.count) { _, count in count = hashtagFacts.count }
        var largestClient: Int32 = -1, largestLanguage: Int32 = -1, largestRetweeted: Int32 = -1
        var cursor = postStart
        // Unsafe buffers: this loop runs once per post, and array writes would re-check uniqueness every time.
        cursor.withUnsafeMutableBufferPointer { cursor in
            times.withUnsafeMutableBufferPointer { times in
                textHashes.withUnsafeMutableBufferPointer { textHashes in
                    codes.withUnsafeMutableBufferPointer { codes in
                        posts.forEachChunk { chunk in
                            for post in chunk {
                                let position = cursor[Int(post.account)]
                                cursor[Int(post.account)] = position + 1
                                times[position] = post.time
                                textHashes[position] = post.textHash
                                codes[position] = post.codes
                                largestClient = max(largestClient, post.codes.client)
                                largestLanguage = max(largestLanguage, post.codes.language)
                                largestRetweeted = max(largestRetweeted, post.codes.retweetedAccount)
                            }
                        }
                    }
                }
            }
        }
        cursor = hashtagStart
        cursor.withUnsafeMutableBufferPointer { cursor in
            hashtags.withUnsafeMutableBufferPointer { grouped in
                hashtagFacts.forEachChunk { chunk in
                    for hashtag in chunk {
                        grouped[cursor[Int(hashtag.account)]] = hashtag.hash
                        cursor[Int(hashtag.account)] += 1
                    }
                }
            }
        }
        self.largestClient = largestClient
        self.largestLanguage = largestLanguage
        self.largestRetweeted = largestRetweeted
    }
}

/// What `FeatureExtractor` keeps of one post.
struct PostFacts: Sendable {
    var account: Int32
    /// Compact seconds (see `CompactTime`).
    var time: Int32
    var codes: PostCodes
    var textHash: UInt64
}

/// One hashtag use, kept for the distinct-hashtag ratio.
struct HashtagFact: Sendable {
    var account: Int32
    var hash: UInt64
}
