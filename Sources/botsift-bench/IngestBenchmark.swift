#if canImport(Glibc)
import Glibc
#endif
import BotSift

/// `botsift-bench ingest TWEETS.csv[.gz] [--single-thread]`: reads a tweets file into typed records once
/// (threaded by default: a scanning thread plus the calling thread) and prints `ingest_bytes`,
/// `ingest_records`, `ingest_seconds` (wall), `ingest_cpu_seconds` (user + system, all threads),
/// `ingest_mb_per_s`, `ingest_records_per_s`. A checksum over the records keeps the optimiser from skipping work.
func runIngestBenchmark(_ arguments: [String]) throws {
    let threaded = !arguments.contains("--single-thread")
    guard let path = arguments.first(where: { !$0.hasPrefix("--") }) else {
        print("usage: botsift-bench ingest TWEETS.csv[.gz] [--single-thread]")
        exit(2)
    }
    var info = stat()
    guard stat(path, &info) == 0 else {
        print("botsift-bench: cannot open \(path)")
        exit(2)
    }
    let reader = ArchiveReader(ArchiveInput(users: nil, tweets: [.file(path)]), options: IngestOptions(threaded: threaded))
    let cpuStart = cpuSeconds()
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    var checksum: UInt64 = 0
    var records = 0
    let report = try reader.read(account: { _ in }, post: { post in
        records += 1
        checksum = checksum &+ post.textHash &+ UInt64(bitPattern: post.time) &+ UInt64(post.hashtagHashes.count)
    })
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let cpu = cpuSeconds() - cpuStart
    let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    let bytes = Double(info.st_size)
    print("ingest_threaded=\(threaded)")
    print("ingest_bytes=\(Int(bytes))")
    print("ingest_records=\(records)")
    print("ingest_skipped=\(report.recordsSkipped)")
    print("ingest_seconds=\(seconds)")
    print("ingest_cpu_seconds=\(cpu)")
    print("ingest_mb_per_s=\(bytes / 1e6 / seconds)")
    print("ingest_records_per_s=\(Double(records) / seconds)")
    print("ingest_checksum=\(checksum)")
}

/// User plus system CPU time of the whole process so far.
private func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
