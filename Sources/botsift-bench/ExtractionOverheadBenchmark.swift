#if canImport(Glibc)
import Glibc
#endif
import BotSift

/// `botsift-bench extraction ARCHIVE_DIR [repeats]`: the cost feature extraction adds to reading (issue 4's
/// "no more than 30% on a 1-million-tweet archive"). Times, alternately and `repeats` times each (medians), a read
/// of the archive into typed records that only touches them, and the same read feeding `FeatureExtractor` through
/// `finish`; prints both (medians) and the overhead, wall and CPU, as the median of the ratios of adjacent pairs.
func runExtractionOverheadBenchmark(_ arguments: [String]) throws {
    guard let directory = arguments.first else {
        print("usage: botsift-bench extraction ARCHIVE_DIR [repeats]")
        exit(2)
    }
    let repeats = arguments.dropFirst().first.flatMap(Int.init) ?? 3
    let input = try ArchiveInput.locate([directory])
    var readWall: [Double] = [], readCPU: [Double] = [], fullWall: [Double] = [], fullCPU: [Double] = []
    var posts = 0
    for _ in 0..<repeats {
        var cpu = processCPUSeconds()
        var checksum: UInt64 = 0
        readWall.append(timed {
            let reader = ArchiveReader(input)
            posts = 0
            _ = try? reader.read(account: { checksum &+= UInt64($0.index) }, post: { post in
                posts += 1
                checksum = checksum &+ post.textHash &+ UInt64(bitPattern: post.time)
            })
        })
        readCPU.append(processCPUSeconds() - cpu)
        precondition(checksum != 1, "keeps the optimiser honest")
        cpu = processCPUSeconds()
        var columns = 0
        fullWall.append(timed {
            columns = (try? ArchiveFeatures.extract(input, configuration: FeatureConfiguration()))?.table.values.columns ?? 0
        })
        fullCPU.append(processCPUSeconds() - cpu)
        precondition(columns > 0, "extraction failed")
    }
    let rw = median(readWall), fw = median(fullWall), rc = median(readCPU), fc = median(fullCPU)
    print("extraction_posts=\(posts) repeats=\(repeats)")
    print("read_only_wall_s=\(Format.fixed(rw, digits: 3)) read_only_cpu_s=\(Format.fixed(rc, digits: 3))")
    print("read_and_extract_wall_s=\(Format.fixed(fw, digits: 3)) read_and_extract_cpu_s=\(Format.fixed(fc, digits: 3))")
    // The machine's speed drifts within a run: the overhead is the median of each adjacent pair's ratio.
    let wallRatios = zip(fullWall, readWall).map { $0 / $1 }, cpuRatios = zip(fullCPU, readCPU).map { $0 / $1 }
    print("extraction_overhead_wall=\(Format.percent(median(wallRatios) - 1)) "
        + "extraction_overhead_cpu=\(Format.percent(median(cpuRatios) - 1)) (medians of per-pair ratios)")
}
