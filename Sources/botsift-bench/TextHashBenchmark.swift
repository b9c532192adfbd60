#if canImport(Glibc)
import Glibc
#endif
@_spi(Benchmarks) import BotSift

/// `botsift-bench texthash TWEETS.csv [rows] [repeats]`: the normalised-text hash over the `tweet_text` column of
/// the first `rows` (default 1,000,000) records, extracted once into a flat buffer. First checks that the library's
/// `normalizedTextHash` gives exactly the frozen reference's result (hash, 0 or nil) for every text, and exits 1
/// naming the first difference otherwise; then times reference and library alternately, `repeats` (default 5)
/// times each, and prints medians of thread CPU time in ns per row and MB/s of text, and their ratio (same run, same texts).
func runTextHashBenchmark(_ arguments: [String]) throws {
    guard let path = arguments.first else {
        print("usage: botsift-bench texthash TWEETS.csv [rows] [repeats]")
        exit(2)
    }
    let rows = arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
    let repeats = arguments.dropFirst(2).first.flatMap(Int.init) ?? 5
    let (bytes, ends) = try TextHashBenchmarkSupport.tweetTexts(path: path, limit: rows)
    var referenceHashes = [UInt64?](repeating: nil, count: ends.count)
    var libraryHashes = [UInt64?](repeating: nil, count: ends.count)
    bytes.withUnsafeBufferPointer { texts in
        ends.withUnsafeBufferPointer { ends in
            func runReference() { referenceHashes.withUnsafeMutableBufferPointer { referenceTextHashes(texts, ends, into: $0) } }
            func runLibrary() {
                libraryHashes.withUnsafeMutableBufferPointer {
                    TextHashBenchmarkSupport.normalizedTextHashes(texts, ends: ends, into: $0)
                }
            }
            runReference()
            runLibrary()
            if let k = (0..<ends.count).first(where: { referenceHashes[$0] != libraryHashes[$0] }) {
                let start = k == 0 ? 0 : ends[k - 1]
                let text = String(decoding: texts[start..<ends[k]], as: UTF8.self)
                print("texthash_mismatch_row=\(k) text=\(text.debugDescription) "
                    + "reference=\(String(describing: referenceHashes[k])) library=\(String(describing: libraryHashes[k]))")
                exit(1)
            }
            var referenceSeconds: [Double] = [], librarySeconds: [Double] = []
            for _ in 0..<repeats {
                referenceSeconds.append(threadCPUSeconds(runReference))
                librarySeconds.append(threadCPUSeconds(runLibrary))
            }
            let rowCount = Double(ends.count), megabytes = Double(texts.count) / 1e6
            let reference = median(referenceSeconds), library = median(librarySeconds)
            print("texthash_rows=\(ends.count) texthash_text_bytes=\(texts.count) repeats=\(repeats) identical=true")
            print("texthash_empty=\(libraryHashes.filter { $0 == 0 }.count) texthash_invalid=\(libraryHashes.filter { $0 == nil }.count)")
            print("reference_ns_per_row=\(Format.fixed(reference / rowCount * 1e9, digits: 1)) "
                + "reference_mb_per_s=\(Format.fixed(megabytes / reference, digits: 0))")
            print("library_ns_per_row=\(Format.fixed(library / rowCount * 1e9, digits: 1)) "
                + "library_mb_per_s=\(Format.fixed(megabytes / library, digits: 0))")
            print("speedup=\(Format.fixed(reference / library, digits: 2))")
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

/// The reference's hash of each text, the same loop as `TextHashBenchmarkSupport.normalizedTextHashes`.
private func referenceTextHashes(
    _ texts: UnsafeBufferPointer<UInt8>, _ ends: UnsafeBufferPointer<Int>, into hashes: UnsafeMutableBufferPointer<UInt64?>
) {
    let scratch = ReferenceTextNormalisation.Scratch()
    var start = 0
    for k in 0..<ends.count {
        hashes[k] = ReferenceTextNormalisation.normalizedTextHash(UnsafeBufferPointer(rebasing: texts[start..<ends[k]]), scratch: scratch)
        start = ends[k]
    }
}
