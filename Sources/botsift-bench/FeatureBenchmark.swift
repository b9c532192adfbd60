#if canImport(Glibc)
import Glibc
#endif
import BotSift

/// `botsift-bench features [N]`: synthesises N posts over N/200 accounts in memory (time-ordered across
/// accounts, as in an archive file) and times feature extraction alone: `add` for every record, then `finish`.
/// Prints the best of five runs, in thread CPU time, the extractor's own storage per post when all posts are in
/// (`FeatureExtractor.retainedBytes`), and how much the first run raised the process's peak resident memory.
func runFeatureBenchmark(arguments: [String]) {
    let postCount = arguments.first.flatMap { Int($0) } ?? 1_000_000
    let accountCount = max(1, postCount / 200)
    var generator = SeededGenerator(seed: 2019)
    let clientNames = ["Twitter for iPhone", "Twitter for Android", "Twitter Web App", "IFTTT", "dlvr.it",
                       "Hootsuite Inc.", "Tweetbot for iΟS", "TweetDeck", "Buffer", "custom app"]
    let accounts = (0..<accountCount).map { i in
        AccountRecord(index: Int32(i), userID: i % 4 == 0 ? "\(1_000_000 + i)" : "hashed\(i)", screenName: "user\(i)",
                      displayName: "User \(i)", followerCount: i % 5_000, followingCount: 300,
                      creationDay: 15_000 + Int32(i % 2_000), language: i % 3 == 0 ? "ar" : "en")
    }
    // Two years of posts, in time order; each post picks a random account.
    let start: Int64 = 1_500_000_000, span: UInt64 = 2 * 365 * 86_400
    var times = (0..<postCount).map { _ in start + Int64(generator.next() % span) }
    times.sort()
    let posts = times.map { time -> PostRecord in
        let isRetweet = generator.next() % 5 < 2
        let hashtagCount = Int(generator.next() % 3)
        return PostRecord(
            account: Int32(generator.next() % UInt64(accountCount)), time: time,
            client: Int32(generator.next() % UInt64(clientNames.count)), language: Int32(generator.next() % 8),
            isRetweet: isRetweet, isReply: generator.next() % 7 == 0, isQuote: generator.next() % 20 == 0,
            retweetedAccount: isRetweet ? Int32(generator.next() % 5_000) : -1, hashtagCount: Int32(hashtagCount),
            urlCount: Int32(generator.next() % 2), mentionCount: Int32(generator.next() % 3),
            hashtagHashes: (0..<hashtagCount).map { _ in generator.next() % 1_000 + 1 },
            textHash: generator.next() % 20 == 0 ? 0 : generator.next() % UInt64(max(1, postCount / 2)) + 1)
    }

    var bestAdd = Double.infinity, bestFinish = Double.infinity, columns = 0, retainedBytes = 0
    let peakBeforeExtraction = peakResidentBytes()
    var peakGrowth = 0
    for run in 0..<5 {
        let began = threadCPUSeconds()
        var extractor = FeatureExtractor()
        for account in accounts { extractor.add(account) }
        // Borrow each record, as the archive reader does, instead of copying it (and its hashtag array) per call.
        posts.withUnsafeBufferPointer { records in
            for i in records.indices { extractor.add(records[i]) }
        }
        let added = threadCPUSeconds()
        retainedBytes = extractor.retainedBytes
        let table = extractor.finish(clientNames: clientNames)
        let finished = threadCPUSeconds()
        if run == 0 { peakGrowth = peakResidentBytes() - peakBeforeExtraction }
        columns = table.values.columns
        bestAdd = min(bestAdd, added - began)
        bestFinish = min(bestFinish, finished - added)
    }
    let total = bestAdd + bestFinish
    print("features_posts=\(postCount)")
    print("features_accounts=\(accountCount)")
    print("features_columns=\(columns)")
    print("features_add_seconds=\(bestAdd)")
    print("features_finish_seconds=\(bestFinish)")
    print("features_posts_per_second=\(Int(Double(postCount) / total))")
    print("features_retained_bytes=\(retainedBytes)")
    print("features_retained_bytes_per_post=\(Double(retainedBytes) / Double(postCount))")
    print("features_peak_rss_growth_bytes=\(peakGrowth)")
}

/// The process's peak resident set size so far, in bytes (Linux reports kilobytes).
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1_024
}

/// CPU seconds used by this thread: on a shared machine, wall time would also count other people's work.
func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
