#if canImport(Glibc)
import Glibc
#endif
@_spi(Benchmarks) import BotSift

/// `botsift-bench texthash TWEETS.csv [rows] [repeats]`: the normalised-text hash over the `tweet_text` column of
/// the first `rows` (default 1,000,000) records, extracted once into a flat buffer; prints the median thread CPU time
/// of `repeats` (default 5) passes in ns per row and MB/s of text. (Identity with the previous implementation is
/// checked by `TextHashDifferentialTests` against its frozen copy.)
func runTextHashBenchmark(_ arguments: [String]) throws {
    guard let path = arguments.first else {
        print("usage: botsift-bench texthash TWEETS.csv [rows] [repeats]")
        exit(2)
    }
    let rows = arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
    let repeats = arguments.dropFirst(2).first.flatMap(Int.init) ?? 5
    let (bytes, ends) = try TextHashBenchmarkSupport.tweetTexts(path: path, limit: rows)
    var hashes = [UInt64?](repeating: nil, count: ends.count)
    bytes.withUnsafeBufferPointer { texts in
        ends.withUnsafeBufferPointer { ends in
            var seconds: [Double] = []
            for _ in 0..<repeats {
                seconds.append(threadCPUSeconds {
                    hashes.withUnsafeMutableBufferPointer {
                        TextHashBenchmarkSupport.normalizedTextHashes(texts, ends: ends, into: $0)
                    }
                })
            }
            let time = median(seconds)
            print("texthash_rows=\(ends.count) texthash_text_bytes=\(texts.count) repeats=\(repeats)")
            print("texthash_empty=\(hashes.filter { $0 == 0 }.count) texthash_invalid=\(hashes.filter { $0 == nil }.count)")
            print("ns_per_row=\(Format.fixed(time / Double(ends.count) * 1e9, digits: 1)) "
                + "mb_per_s=\(Format.fixed(Double(texts.count) / 1e6 / time, digits: 0))")
        }
    }
}

/// CPU seconds the calling thread spends in `body` (steadier than wall time on a shared machine).
private func threadCPUSeconds(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}
