#if canImport(Glibc)
import Glibc
#endif
import BotSift
import LinAlg

/// `botsift-bench kmeans DIR [k] [columns] [initializations] [maxIterations] [seed] [seedingSampleSize|all] [seedingAttempts]`: fits
/// k-means on the row-major little-endian float64 `DIR/X.f64` written by `Scripts/reference/make_learning_data.py`
/// and prints, loading excluded, the k-means++ seeding time alone (`KMeans.initialCenters`, run first) and the whole
/// fit's wall and CPU seconds, inertia and iterations. `Scripts/bench-kmeans` compares with scikit-learn.
func runKMeansBenchmark(_ arguments: [String]) {
    let usage = "usage: botsift-bench kmeans DIR [k=16] [columns=64] [initializations=1] [maxIterations=300] [seed=0] "
        + "[seedingSampleSize=100000|all] [seedingAttempts=4]"
    guard let directory = arguments.first, arguments.count <= 8 else {
        print(usage)
        exit(2)
    }
    let numbers = arguments.dropFirst().prefix(5).map { Int($0) }
    guard numbers.allSatisfy({ $0 != nil && $0! >= 0 }) else {
        print("botsift-bench kmeans: k, columns, initializations, maxIterations and seed must be non-negative integers")
        exit(2)
    }
    let option = { (index: Int, fallback: Int) in index < numbers.count ? numbers[index]! : fallback }
    let (k, columns, initializations, maxIterations, seed) = (option(0, 16), option(1, 64), option(2, 1), option(3, 300), option(4, 0))
    var seedingSampleSize: Int? = KMeans().seedingSampleSize
    var seedingAttempts = KMeans().seedingAttempts
    if arguments.count >= 7 {
        guard arguments[6] == "all" || Int(arguments[6]) != nil else {
            print(usage)
            exit(2)
        }
        seedingSampleSize = Int(arguments[6])
    }
    if arguments.count == 8 {
        guard let attempts = Int(arguments[7]), attempts >= 1 else {
            print(usage)
            exit(2)
        }
        seedingAttempts = attempts
    }
    let x = loadFloat64Matrix(path: directory + "/X.f64", columns: columns)
    let kmeans = KMeans(clusterCount: k, initializations: initializations, maxIterations: maxIterations,
                        seed: UInt64(seed), seedingSampleSize: seedingSampleSize, seedingAttempts: seedingAttempts)
    do {
        let seedingStart = monotonicSeconds(), seedingStartCPU = processCPUSeconds()
        _ = try kmeans.initialCenters(x)
        let seedingSeconds = monotonicSeconds() - seedingStart, seedingCPUSeconds = processCPUSeconds() - seedingStartCPU
        let start = monotonicSeconds(), startCPU = processCPUSeconds()
        let fitted = try kmeans.fit(x)
        let seconds = monotonicSeconds() - start, cpuSeconds = processCPUSeconds() - startCPU
        print("kmeans_rows=\(x.rows) kmeans_columns=\(x.columns) kmeans_k=\(k) kmeans_core=\(BLASRuntime.coreName) "
            + "kmeans_seed=\(seed) kmeans_seeding_sample=\(seedingSampleSize.map(String.init) ?? "all") "
            + "kmeans_seeding_attempts=\(seedingAttempts)")
        print("kmeans_seeding_seconds=\(seedingSeconds)")
        print("kmeans_seeding_cpu_seconds=\(seedingCPUSeconds)")
        print("kmeans_seconds=\(seconds)")
        print("kmeans_cpu_seconds=\(cpuSeconds)")
        print("kmeans_inertia=\(fitted.inertia)")
        print("kmeans_iterations=\(fitted.iterations)")
    } catch {
        print("botsift-bench kmeans: \(error)")
        exit(1)
    }
}

/// Reads a whole raw float64 file as a matrix with `columns` columns; exits with a message on any failure.
func loadFloat64Matrix(path: String, columns: Int) -> Matrix {
    guard let file = fopen(path, "rb") else {
        print("botsift-bench: cannot open \(path)")
        exit(1)
    }
    defer { fclose(file) }
    fseek(file, 0, SEEK_END)
    let bytes = ftell(file)
    fseek(file, 0, SEEK_SET)
    let count = bytes / MemoryLayout<Double>.size
    guard bytes % (columns * MemoryLayout<Double>.size) == 0 else {
        print("botsift-bench: \(path) holds \(bytes) bytes, not a whole number of \(columns)-column float64 rows")
        exit(1)
    }
    var elements = [Double](repeating: 0, count: count)
    let read = elements.withUnsafeMutableBytes { fread($0.baseAddress, 1, bytes, file) }
    guard read == bytes else {
        print("botsift-bench: short read from \(path) (\(read) of \(bytes) bytes)")
        exit(1)
    }
    return Matrix(rows: count / columns, columns: columns, elements: elements)
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// User plus system CPU seconds of this process: a measure that other processes on a busy machine disturb less.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    return user + system
}
