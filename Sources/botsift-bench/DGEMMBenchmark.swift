import CBLASLAPACK
import LinAlg

#if canImport(Glibc)
import Glibc
#endif

/// Times `BLAS.gemm` against a direct `cblas_dgemm` call on (rows x 64) * (64 x 16), the shape of
/// k-means distances and logistic-regression products; medians of `repeats` runs.
func runDGEMMBenchmark(_ arguments: [String]) {
    let rows = arguments.first.flatMap(Int.init) ?? 1_000_000
    let repeats = arguments.dropFirst().first.flatMap(Int.init) ?? 5
    let k = 64, n = 16
    var generator = BenchRandom(seed: 1)
    let a = Matrix(rows: rows, columns: k, elements: (0..<(rows * k)).map { _ in generator.unit() - 0.5 })
    let b = Matrix(rows: k, columns: n, elements: (0..<(k * n)).map { _ in generator.unit() - 0.5 })
    var c = Matrix(rows: rows, columns: n)
    var direct = [Double](repeating: 0, count: rows * n)

    var wrapperTimes: [Double] = []
    var directTimes: [Double] = []
    for _ in 0..<repeats {
        wrapperTimes.append(timed { BLAS.gemm(a, b, into: &c) })
        directTimes.append(timed {
            a.elements.withUnsafeBufferPointer { pa in
                b.elements.withUnsafeBufferPointer { pb in
                    direct.withUnsafeMutableBufferPointer { pc in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(n), Int32(k), 1,
                                    pa.baseAddress, Int32(k), pb.baseAddress, Int32(n), 0, pc.baseAddress, Int32(n))
                    }
                }
            }
        })
    }
    precondition(c.elements == direct, "wrapper and direct call disagree")
    let flops = 2.0 * Double(rows) * Double(k) * Double(n)
    let w = median(wrapperTimes), d = median(directTimes)
    print("kernel=\(BLASRuntime.coreName) threads=\(BLASRuntime.threadCount) shape=\(rows)x\(k)x\(n)")
    print("wrapper_ms=\(Int(w * 1000)) wrapper_gflops=\(Int(flops / w / 1e9 * 10) / 10)")
    print("direct_ms=\(Int(d * 1000)) direct_gflops=\(Int(flops / d / 1e9 * 10) / 10)")
    print("wrapper_over_direct=\(Double(Int(w / d * 1000)) / 1000)")
}

/// Wall-clock seconds of one call.
func timed(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// The median of a non-empty list.
func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// A tiny LCG for benchmark inputs (no dependency on the library's generator).
struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
    mutating func unit() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1.0p-53
    }
}
