#if canImport(Glibc)
import Glibc
#endif
@_spi(Benchmarks) import BotSift

/// `botsift-bench texthash TWEETS.csv [rows] [repeats] [--sse2] [--dump FILE]`: the normalised-text hash over the
/// `tweet_text` column of the first `rows` (default 1,000,000) records, extracted once into a flat buffer; prints the
/// median thread CPU time of `repeats` (default 5) passes in ns per row and MB/s of text. It times the normaliser
/// `train` and `predict` use (the AVX-512 one where the CPU has it); `--sse2` times the SSE2 one. (Identity with the previous
/// implementation is checked by `TextHashDifferentialTests` against its frozen copy; `--dump FILE` also writes every
/// row's hash, 9 bytes each, so two builds can be compared on the whole archive with `cmp`.)
func runTextHashBenchmark(_ arguments: [String]) throws {
    var arguments = arguments
    var dumpPath: String?
    let usesKernel = TextHashBenchmarkSupport.kernelAvailable && !arguments.contains("--sse2")
    arguments.removeAll { $0 == "--sse2" }
    if let flag = arguments.firstIndex(of: "--dump"), flag + 1 < arguments.count {
        dumpPath = arguments[flag + 1]
        arguments.removeSubrange(flag...(flag + 1))
    }
    guard let path = arguments.first else {
        print("usage: botsift-bench texthash TWEETS.csv [rows] [repeats] [--sse2] [--dump FILE]")
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
                        TextHashBenchmarkSupport.normalizedTextHashes(texts, ends: ends, usesKernel: usesKernel, into: $0)
                    }
                })
            }
            let time = median(seconds)
            print("texthash_rows=\(ends.count) texthash_text_bytes=\(texts.count) repeats=\(repeats) "
                + "normaliser=\(usesKernel ? "avx512" : "sse2")")
            print("texthash_empty=\(hashes.filter { $0 == 0 }.count) texthash_invalid=\(hashes.filter { $0 == nil }.count)")
            print("ns_per_row=\(Format.fixed(time / Double(ends.count) * 1e9, digits: 1)) "
                + "mb_per_s=\(Format.fixed(Double(texts.count) / 1e6 / time, digits: 0))")
        }
    }
    if let dumpPath { try dumpHashes(hashes, to: dumpPath) }
}

/// Writes each hash as a presence byte (0 for nil) followed by its eight little-endian bytes.
private func dumpHashes(_ hashes: [UInt64?], to path: String) throws {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(hashes.count * 9)
    for hash in hashes {
        bytes.append(hash == nil ? 0 : 1)
        let value = hash ?? 0
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }
    guard let file = fopen(path, "wb") else { throw TextHashDumpError(path: path) }
    defer { fclose(file) }
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw TextHashDumpError(path: path) }
}

/// The hash dump file could not be written.
private struct TextHashDumpError: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot write \(path)" }
}

/// CPU seconds the calling thread spends in `body` (steadier than wall time on a shared machine).
private func threadCPUSeconds(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}
