#if canImport(Glibc)
import Glibc
#endif
import BotSift

/// `botsift-bench ingest TWEETS.csv[.gz]`: reads a tweets file into typed records once and prints
/// `ingest_bytes`, `ingest_records`, `ingest_seconds`, `ingest_mb_per_s`, `ingest_records_per_s`.
/// A checksum over the records keeps the optimiser from skipping work.
func runIngestBenchmark(_ arguments: [String]) throws {
    guard let path = arguments.first else {
        print("usage: botsift-bench ingest TWEETS.csv[.gz]")
        exit(2)
    }
    var info = stat()
    guard stat(path, &info) == 0 else {
        print("botsift-bench: cannot open \(path)")
        exit(2)
    }
    let reader = ArchiveReader(ArchiveInput(users: nil, tweets: [.file(path)]))
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
    let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    let bytes = Double(info.st_size)
    print("ingest_bytes=\(Int(bytes))")
    print("ingest_records=\(records)")
    print("ingest_skipped=\(report.recordsSkipped)")
    print("ingest_seconds=\(seconds)")
    print("ingest_mb_per_s=\(bytes / 1e6 / seconds)")
    print("ingest_records_per_s=\(Double(records) / seconds)")
    print("ingest_checksum=\(checksum)")
}
