#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSIMDScan
import LinAlg

/// The rows k-means++ seeds on, copied to Float32 with each row zero-padded to a multiple of 8 values (16 for the
/// AVX-512 kernel), and the greedy k-means++ draw over them.
///
/// Why Float32 and a fused loop rather than the Float64 GEMM that Lloyd uses: each seeding round needs the
/// distances from every row to only `2 + ⌊ln k⌋` candidates (4 for k = 16), so a round is one pass over the data
/// and its cost is one read of the data plus a few operations per value. Measured per round on 1,000,000 x 64
/// rows, one thread: Float64 dgemm (OpenBLAS SkylakeX kernel) plus the min/sum pass 112-116 ms; Float32 sgemm
/// plus the same pass 49-51 ms; this fused Float32 loop 49-50 ms with `SIMD8` accumulators (59-70 ms with
/// `SIMD16`, which spills registers in the SSE2 code Swift emits by default); merely reading the Float32 copy
/// 24 ms. The fused loop is kept because it forms `Σ (x − c)²` directly (no `|x|² − 2x·c + |c|²` cancellation,
/// so duplicates are exactly 0) and needs no Float32 BLAS surface. Full-data seeding still costs k − 1 such
/// rounds, which is why `KMeans.seedingSampleSize` exists.
/// On CPUs with AVX-512 the same fused pass runs in C, 16 floats per instruction with fused multiply-adds
/// (`csimd_seeding_distances4`, chosen at run time): the seeding of the 20,000 x 60 training table of the 5M bench
/// archive (four greedy seedings) took 34-51 ms before and 20-25 ms with it, and drew the same rows. It rounds
/// differently from the `SIMD8` loop, so a near-tie could draw another row on another CPU, as BLAS kernels do.
/// Seeds are always rows of the original Float64 matrix, so Float32 only affects which rows are drawn.
struct SeedingPoints {
    /// Number of rows being seeded on.
    let count: Int
    /// Floats per stored row: the column count rounded up to a multiple of 8 (the padding is zero).
    let stride: Int
    /// `count x stride` row-major Float32 values, scaled by a power of two when the data would overflow Float32.
    private let values: [Float]
    /// The row of X behind each point; nil when the points are all of X's rows, in order.
    private let sourceRows: [Int]?

    /// Float32 copies of `rows` of `x` (all rows when nil). `largestRowNorm` is the largest `|x_i|²` of X: when
    /// `4·largestRowNorm` (a bound on any squared distance) could overflow Float32, every value is scaled by one
    /// power of two, which scales all squared distances alike and so changes no draw or comparison.
    init(_ x: Matrix, rows: [Int]?, largestRowNorm: Double, usesKernel: Bool = kernelAvailable) {
        let d = x.columns
        let stride = usesKernel ? (d + 15) / 16 * 16 : (d + 7) / 8 * 8
        let count = rows?.count ?? x.rows
        // Keep |x − c|² ≤ 4·largestRowNorm·scale² below 2^100 (Float32 overflows at 2^128).
        let excessExponent = largestRowNorm > 0x1p97 ? Int(largestRowNorm.exponent) - 97 : 0
        let scale = Double(sign: .plus, exponent: -((excessExponent + 1) / 2), significand: 1)
        var values = [Float](repeating: 0, count: count * stride)
        x.elements.withUnsafeBufferPointer { px in
            values.withUnsafeMutableBufferPointer { pv in
                for point in 0..<count {
                    let source = px.baseAddress! + (rows?[point] ?? point) * d
                    let target = pv.baseAddress! + point * stride
                    for j in 0..<d { target[j] = Float(source[j] * scale) }
                }
            }
        }
        self.count = count
        self.stride = stride
        self.values = values
        self.sourceRows = rows
        self.usesKernel = usesKernel
    }

    /// Whether this CPU runs `CSIMDScan`'s AVX-512 distance kernel.
    static let kernelAvailable = CPUFeatures.avx512f
    /// Whether `distances` uses that kernel (rows are then padded to 16 floats) or the portable `SIMD8` loop; the
    /// two differ only in Float32 rounding. Tests run both.
    let usesKernel: Bool

    /// The row of X that point `index` was copied from.
    func sourceRow(_ index: Int) -> Int { sourceRows?[index] ?? index }

    /// Greedy k-means++ as scikit-learn draws it: the first centre uniform, each next one the best (lowest
    /// potential, first on ties) of `2 + ⌊ln k⌋` candidates drawn proportionally to the squared distance to the
    /// centres chosen so far. Returns the chosen point indices and their potential (the sum over points of the
    /// squared distance to the nearest chosen centre).
    func greedyKMeansPlusPlus(count k: Int, generator: inout SeededGenerator) -> (points: [Int], potential: Double) {
        let n = count
        let trials = 2 + Int(log(Double(k)))
        var chosen = [KMeans.uniformIndex(below: n, generator: &generator)]
        var closest = [Float](repeating: .infinity, count: n)
        var candidateDistances = [Float](repeating: 0, count: (trials + 3) / 4 * 4 * n)
        var potential = distances(to: chosen, closest: closest, into: &candidateDistances)[0]
        closest.withUnsafeMutableBufferPointer { pc in
            candidateDistances.withUnsafeBufferPointer { pd in
                for i in 0..<n { pc[i] = pd[i] }
            }
        }
        var cumulative = [Double](repeating: 0, count: n)
        while chosen.count < k {
            closest.withUnsafeBufferPointer { pc in
                cumulative.withUnsafeMutableBufferPointer { pcum in
                    var running = 0.0
                    for i in 0..<n {
                        running += Double(pc[i])
                        pcum[i] = running
                    }
                }
            }
            let candidates = (0..<trials).map { _ in
                min(KMeans.firstIndex(in: cumulative, notBelow: generator.nextUnit() * potential), n - 1)
            }
            let potentials = distances(to: candidates, closest: closest, into: &candidateDistances)
            var best = 0
            for t in 1..<trials where potentials[t] < potentials[best] { best = t }
            potential = potentials[best]
            closest.withUnsafeMutableBufferPointer { pc in
                candidateDistances.withUnsafeBufferPointer { pd in
                    for i in 0..<n { pc[i] = pd[best * n + i] }
                }
            }
            chosen.append(candidates[best])
        }
        return (chosen, potential)
    }

    /// For candidate t and point i, `out[t·n + i] = min(closest[i], |p_i − p_candidate_t|²)`; returns each
    /// candidate's potential `Σ_i out[t·n + i]` (in Float64). Candidates go four to a pass over the points (each
    /// point is loaded once per pass); a short last group repeats its last candidate, so `out` needs room for
    /// the candidate count rounded up to a multiple of four.
    func distances(to candidates: [Int], closest: [Float], into out: inout [Float]) -> [Double] {
        let (n, m) = (count, candidates.count)
        let groups = (m + 3) / 4
        precondition(out.count >= groups * 4 * n && closest.count == n, "distances: buffers too small")
        var potentials = [Double](repeating: 0, count: groups * 4)
        if usesKernel {
            values.withUnsafeBufferPointer { pv in
                closest.withUnsafeBufferPointer { pc in
                    out.withUnsafeMutableBufferPointer { po in
                        potentials.withUnsafeMutableBufferPointer { pp in
                            for group in 0..<groups {
                                let rows: [UnsafePointer<Float>?] = (0..<4).map {
                                    pv.baseAddress! + candidates[min(group * 4 + $0, m - 1)] * stride
                                }
                                let targets: [UnsafeMutablePointer<Float>?] = (0..<4).map { po.baseAddress! + (group * 4 + $0) * n }
                                rows.withUnsafeBufferPointer { pr in
                                    targets.withUnsafeBufferPointer { pt in
                                        csimd_seeding_distances4(pv.baseAddress!, n, stride, pr.baseAddress!, pc.baseAddress!,
                                                                 pt.baseAddress!, pp.baseAddress! + group * 4)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return Array(potentials[0..<m])
        }
        let rowBytes = stride * MemoryLayout<Float>.stride
        values.withUnsafeBytes { pv in
            closest.withUnsafeBufferPointer { pc in
                out.withUnsafeMutableBufferPointer { po in
                    let base = pv.baseAddress!
                    for group in 0..<groups {
                        let ids = (0..<4).map { candidates[min(group * 4 + $0, m - 1)] }
                        let (c0, c1, c2, c3) = (base + ids[0] * rowBytes, base + ids[1] * rowBytes,
                                                base + ids[2] * rowBytes, base + ids[3] * rowBytes)
                        let (o0, o1, o2, o3) = (po.baseAddress! + (group * 4) * n, po.baseAddress! + (group * 4 + 1) * n,
                                                po.baseAddress! + (group * 4 + 2) * n, po.baseAddress! + (group * 4 + 3) * n)
                        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
                        for i in 0..<n {
                            let row = base + i * rowBytes
                            var (a0, a1, a2, a3) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
                            var offset = 0
                            while offset < rowBytes {
                                let v = row.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                                let q0 = v - c0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                                let q1 = v - c1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                                let q2 = v - c2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                                let q3 = v - c3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                                a0 += q0 * q0
                                a1 += q1 * q1
                                a2 += q2 * q2
                                a3 += q3 * q3
                                offset &+= 8 * MemoryLayout<Float>.stride
                            }
                            let limit = pc[i]
                            let (d0, d1, d2, d3) = (min(limit, a0.sum()), min(limit, a1.sum()),
                                                    min(limit, a2.sum()), min(limit, a3.sum()))
                            o0[i] = d0
                            o1[i] = d1
                            o2[i] = d2
                            o3[i] = d3
                            s0 += Double(d0)
                            s1 += Double(d1)
                            s2 += Double(d2)
                            s3 += Double(d3)
                        }
                        potentials.replaceSubrange((group * 4)..<(group * 4 + 4), with: [s0, s1, s2, s3])
                    }
                }
            }
        }
        return Array(potentials[0..<m])
    }
}

extension KMeans {
    /// `count` distinct row indices of `0..<rows`, ascending, drawn uniformly without replacement (partial
    /// Fisher-Yates). Ascending order keeps later passes over the sample moving forward through memory.
    static func seededSample(rows: Int, count: Int, generator: inout SeededGenerator) -> [Int] {
        precondition(count <= rows, "seededSample: \(count) of \(rows) rows")
        var order = Array(0..<rows)
        for i in 0..<count {
            order.swapAt(i, i + uniformIndex(below: rows - i, generator: &generator))
        }
        return order[0..<count].sorted()
    }

    /// How many values `seedCenters` takes from its generator for X with `rows` rows: one per sampled row, then per
    /// greedy seeding one for the first centre and `2 + ⌊ln k⌋` for each further one. `fit` skips this many per
    /// earlier initialisation to run initialisations independently, so it must match `seedCenters` exactly.
    func seedingDraws(rows: Int) -> Int {
        let sampled = seedingSampleSize.map { rows > $0 ? $0 : 0 } ?? 0
        let trials = 2 + Int(log(Double(clusterCount)))
        return sampled + seedingAttempts * (1 + (clusterCount - 1) * trials)
    }

    /// k-means++ initial centres for one initialisation: on a seeded sample of `seedingSampleSize` rows when X
    /// has more rows than that, else on every row; of `seedingAttempts` greedy seedings of those rows, the one with
    /// the lowest potential (first on ties). The centres are rows of X, exact in Float64.
    func seedCenters(_ x: Matrix, rowNorms: [Double], generator: inout SeededGenerator) -> Matrix {
        var sample: [Int]?
        if let size = seedingSampleSize, x.rows > size {
            sample = KMeans.seededSample(rows: x.rows, count: size, generator: &generator)
        }
        let points = SeedingPoints(x, rows: sample, largestRowNorm: rowNorms.max() ?? 0)
        var best = points.greedyKMeansPlusPlus(count: clusterCount, generator: &generator)
        for _ in 1..<seedingAttempts {
            let attempt = points.greedyKMeansPlusPlus(count: clusterCount, generator: &generator)
            if attempt.potential < best.potential { best = attempt }
        }
        return x.selectingRows(best.points.map(points.sourceRow))
    }
}
