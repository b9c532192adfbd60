#if canImport(Glibc)
import Glibc
#endif
import BotSift
import LinAlg

/// `botsift-bench logreg DIR [TOLERANCE [SOLVER]]`: fits `LogisticRegression(c: 1)` to `DIR/X.f64` and `DIR/y.f64`
/// (written by `Scripts/reference/make_learning_data.py`) and prints the wall time of the fit, iterations, final
/// gradient norm and training log-loss, for `Scripts/bench-learning` to compare with scikit-learn.
enum LogisticBenchmark {
    static func run(_ arguments: [String]) {
        BLASRuntime.reexecWithFastKernelIfNeeded()
        BLASRuntime.applyDefaultThreadCount()
        guard let directory = arguments.first else {
            print("usage: botsift-bench logreg DIR [TOLERANCE [newton|lbfgs|automatic]]")
            exit(2)
        }
        let tolerance = arguments.count > 1 ? Double(arguments[1]) : 1e-4
        let solver = arguments.count > 2 ? LogisticSolver(rawValue: arguments[2]) : .automatic
        guard let tolerance, let solver else {
            print("logreg: bad tolerance or solver in \(arguments.dropFirst())")
            exit(2)
        }
        let labelValues = readDoubles(path: directory + "/y.f64")
        let features = readDoubles(path: directory + "/X.f64")
        guard !labelValues.isEmpty, features.count % labelValues.count == 0 else {
            print("logreg: X.f64 has \(features.count) values, not a multiple of \(labelValues.count) labels")
            exit(1)
        }
        let x = Matrix(rows: labelValues.count, columns: features.count / labelValues.count, elements: features)
        let labels = labelValues.map { Int($0) }

        let start = monotonicSeconds(), cpuStart = cpuSeconds()
        let fitted: FittedLogisticRegression
        do {
            fitted = try LogisticRegression(c: 1, tolerance: tolerance, solver: solver).fit(x, labels: labels)
        } catch {
            print("logreg: \(error)")
            exit(1)
        }
        let seconds = monotonicSeconds() - start, cpu = cpuSeconds() - cpuStart

        let scores = fitted.decisionFunction(x)
        var totalLoss = 0.0
        for i in scores.indices {
            let z = scores[i]
            totalLoss += max(z, 0) + log1p(exp(-abs(z))) - labelValues[i] * z
        }
        print("logreg_kernel=\(BLASRuntime.coreName)")
        print("logreg_shape=\(x.rows)x\(x.columns)")
        print("logreg_solver=\(fitted.solver.rawValue)")
        print("logreg_tolerance=\(tolerance)")
        print("logreg_seconds=\(seconds)")
        print("logreg_cpu_seconds=\(cpu)")
        print("logreg_iterations=\(fitted.iterations)")
        print("logreg_gradient_norm=\(fitted.gradientNorm)")
        print("logreg_log_loss=\(totalLoss / Double(scores.count))")
    }

    /// All little-endian float64 values of a raw file.
    private static func readDoubles(path: String) -> [Double] {
        guard let file = fopen(path, "rb") else {
            print("logreg: cannot open \(path)")
            exit(1)
        }
        defer { fclose(file) }
        fseek(file, 0, SEEK_END)
        let count = ftell(file) / 8
        fseek(file, 0, SEEK_SET)
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = fread(buffer.baseAddress, 8, count, file)
        }
        #if _endian(big)
        return values.map { Double(bitPattern: UInt64(littleEndian: $0.bitPattern)) }
        #else
        return values
        #endif
    }

    /// Wall-clock seconds.
    private static func monotonicSeconds() -> Double { clockSeconds(CLOCK_MONOTONIC) }

    /// CPU seconds used by this process (all threads): robust to other processes competing for the cores.
    private static func cpuSeconds() -> Double { clockSeconds(CLOCK_PROCESS_CPUTIME_ID) }

    private static func clockSeconds(_ clock: clockid_t) -> Double {
        var now = timespec()
        clock_gettime(clock, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}
