#if canImport(Glibc)
import Glibc
#endif
import LinAlg

/// Release micro-benchmarks; `Scripts/bench` runs them. Each prints one `key=value` line per measurement.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first else {
    print("usage: botsift-bench <benchmark> [arguments]")
    exit(2)
}
switch name {
case "ingest": try runIngestBenchmark(Array(arguments.dropFirst()))
default:
    print("botsift-bench: unknown benchmark '\(name)'")
    exit(2)
}
