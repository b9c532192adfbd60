#if canImport(Glibc)
import Glibc
#endif
import LinAlg

/// Release micro-benchmarks; `Scripts/bench` runs them. Each prints one `key=value` line per measurement.
/// The fast OpenBLAS kernel and one BLAS thread first, so every benchmark measures what botsift ships.
BLASRuntime.reexecWithFastKernelIfNeeded()
BLASRuntime.applyDefaultThreadCount()
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first else {
    print("usage: botsift-bench <benchmark> [arguments]")
    exit(2)
}
switch name {
case "dgemm":
    runDGEMMBenchmark(Array(arguments.dropFirst()))
case "logreg":
    LogisticBenchmark.run(Array(arguments.dropFirst()))
case "kmeans":
    runKMeansBenchmark(Array(arguments.dropFirst()))
case "features":
    runFeatureBenchmark(arguments: Array(arguments.dropFirst()))
case "ingest":
    try runIngestBenchmark(Array(arguments.dropFirst()))
case "fit":
    runFitBenchmark(Array(arguments.dropFirst()))
case "extraction":
    try runExtractionOverheadBenchmark(Array(arguments.dropFirst()))
case "texthash":
    try runTextHashBenchmark(Array(arguments.dropFirst()))
default:
    print("botsift-bench: unknown benchmark '\(name)'")
    exit(2)
}
