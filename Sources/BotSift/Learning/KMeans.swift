#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSIMDScan
import LinAlg

/// Why a clustering could not be fitted; each message says what to change.
public enum ClusteringError: Error, CustomStringConvertible, Equatable {
    /// Fewer rows than requested clusters (k-means needs at least one point per centre).
    case tooFewRows(rows: Int, clusters: Int)
    /// A hyper-parameter outside its valid range.
    case invalidHyperparameter(name: String, value: String, reason: String)
    /// The input has no feature columns, so there is nothing to measure distances on.
    case noFeatures
    /// A NaN, infinite or overflowing value; distances to it are meaningless.
    case nonFiniteValue(row: Int, column: Int)
    /// A per-row or per-column side input whose length does not match the matrix.
    case lengthMismatch(name: String, count: Int, expected: Int)
    /// A label other than 0 (human) or 1 (bot).
    case invalidLabel(row: Int, value: Int)

    public var description: String {
        switch self {
        case .tooFewRows(let rows, let clusters):
            return "k-means needs at least as many rows as clusters: \(rows) rows for \(clusters) clusters; lower the cluster count"
        case .invalidHyperparameter(let name, let value, let reason):
            return "invalid k-means hyper-parameter \(name) = \(value): \(reason)"
        case .noFeatures:
            return "k-means needs at least one feature column; the input has none"
        case .nonFiniteValue(let row, let column):
            return "row \(row), column \(column) is NaN, infinite or too large to square; clean or rescale the features before clustering"
        case .lengthMismatch(let name, let count, let expected):
            return "\(name) has \(count) entries but the matrix needs \(expected)"
        case .invalidLabel(let row, let value):
            return "label \(value) at row \(row) is not 0 (human) or 1 (bot)"
        }
    }
}

/// Lloyd's k-means with scikit-learn's greedy k-means++ seeding, so inertia is comparable with
/// `sklearn.cluster.KMeans`. Lloyd distances come from one row-blocked Float64 cross product per iteration
/// (`|x|² − 2 X Cᵀ + |c|²`, see `CrossProducts`); seeding uses a fused Float32 loop (see `SeedingPoints`) on a seeded sample of
/// `seedingSampleSize` rows, because greedy k-means++ makes k − 1 full passes over the data and dominates the fit
/// on large inputs, and keeps the best of `seedingAttempts` seedings, which the cheap sample pays for. Deterministic: the same data and seed give bit-identical centres on the same BLAS kernel and
/// thread count. Like all expansion-based k-means, it expects roughly centred data (botsift clusters standardised
/// vectors).
public struct KMeans: Sendable {
    /// Number of centres (k).
    public var clusterCount: Int
    /// Independent seeded runs; the one with the lowest inertia wins (scikit-learn's `n_init`).
    public var initializations: Int
    /// Upper bound on Lloyd iterations per run.
    public var maxIterations: Int
    /// Convergence threshold on the total squared centre movement, relative to the mean feature variance.
    public var tolerance: Double
    /// Seed of the `SeededGenerator` that drives every k-means++ draw.
    public var seed: UInt64
    /// Rows k-means++ seeding draws from (a fresh seeded uniform sample per initialisation); Lloyd always runs on
    /// every row. nil seeds on every row, as scikit-learn's `KMeans` does. The default, 100,000, leaves thousands of
    /// sampled rows per centre for k up to a few dozen; a group smaller than about `rows / 100,000` rows is then
    /// unlikely to be sampled, so it gets its own seed less often than with full seeding. Must be at least `clusterCount`.
    public var seedingSampleSize: Int?
    /// Greedy k-means++ seedings drawn per initialisation on the seeding rows; the one with the lowest potential
    /// there starts Lloyd. scikit-learn draws one. On the 16 Gaussian blobs of `Scripts/bench-kmeans` (1,000,000 x
    /// 64, k = 16, seeds 0-4) one seeding reached the best optimum in 1 of 5 fits (scikit-learn: 3 of 5) and the
    /// best of 4 in 5 of 5; a missed blob costs Lloyd 10-20 iterations and ~14% inertia. With the default sample,
    /// 4 seedings took 0.48-0.83 s against 1.5-1.8 s for one seeding of every row.
    public var seedingAttempts: Int
    /// Threads the initialisations run on; the fit is the same for any count (internal so tests can vary it).
    var threadCount = ParallelWork.defaultThreadCount

    /// Hyper-parameters in scikit-learn's terms (`n_clusters`, `n_init`, `max_iter`, `tol`, `random_state`), plus
    /// the seeding sample size (scikit-learn's `KMeans` has none; its `MiniBatchKMeans` has `init_size`) and
    /// seeding attempts. `seedingSampleSize: nil, seedingAttempts: 1` is scikit-learn's seeding exactly.
    public init(
        clusterCount: Int = 8, initializations: Int = 4, maxIterations: Int = 300, tolerance: Double = 1e-4,
        seed: UInt64 = 0, seedingSampleSize: Int? = 100_000, seedingAttempts: Int = 4
    ) {
        self.clusterCount = clusterCount
        self.initializations = initializations
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
        self.seedingSampleSize = seedingSampleSize
        self.seedingAttempts = seedingAttempts
    }

    /// Fits `clusterCount` centres to the rows of `x`; throws on bad hyper-parameters, too few rows,
    /// no columns, or non-finite values.
    public func fit(_ x: Matrix) throws -> FittedKMeans {
        try initializationRuns(x).fitted(threads: threadCount)
    }

    /// The validated initialisations of a fit on `x`, to be run one by one (by `fit`, or alongside other jobs on a
    /// shared pool); throws what `fit` throws.
    func initializationRuns(_ x: Matrix) throws -> KMeansInitializationRuns {
        try validate(x)
        let summary = KMeansDataSummary(x)
        try KMeans.requireFinite(x, rowNorms: summary.rowNorms)
        return KMeansInitializationRuns(settings: self, x: x, rowNorms: summary.rowNorms,
                                        absoluteTolerance: tolerance * summary.meanVariance,
                                        drawsPerInitialization: seedingDraws(rows: x.rows))
    }

    /// The k-means++ centres that `fit` starts its first initialisation from (scikit-learn's `kmeans_plusplus`),
    /// for inspecting the seeding and timing it apart from Lloyd; throws what `fit` throws.
    public func initialCenters(_ x: Matrix) throws -> Matrix {
        try validate(x)
        let rowNorms = KMeansDataSummary.rowNorms(x)
        try KMeans.requireFinite(x, rowNorms: rowNorms)
        var generator = SeededGenerator(seed: seed)
        return seedCenters(x, rowNorms: rowNorms, generator: &generator)
    }

    /// Picks k from `candidates` by the best mean silhouette of k-means (4 initialisations, `seed`) on a seeded
    /// sample of at most `sampleSize` rows; ties go to the smaller k. The sample keeps the cost quadratic in
    /// `sampleSize`, not in the number of rows.
    public static func chooseClusterCount(_ x: Matrix, candidates: ClosedRange<Int>, sampleSize: Int, seed: UInt64) throws -> Int {
        guard candidates.lowerBound >= 2 else {
            throw ClusteringError.invalidHyperparameter(
                name: "candidates", value: "\(candidates)", reason: "silhouettes need at least 2 clusters")
        }
        let sampleRows = min(sampleSize, x.rows)
        guard sampleRows > candidates.upperBound else {
            throw ClusteringError.invalidHyperparameter(
                name: "sampleSize", value: "\(sampleSize)",
                reason: "a sample of \(sampleRows) rows supports at most \(sampleRows - 1) clusters, \(candidates.upperBound) requested")
        }
        var generator = SeededGenerator(seed: seed)
        let sample = x.selectingRows(seededSample(rows: x.rows, count: sampleRows, generator: &generator))
        var best = (k: candidates.lowerBound, score: -Double.infinity)
        for k in candidates {
            let fitted = try KMeans(clusterCount: k, initializations: 4, seed: seed).fit(sample)
            let score = silhouetteScore(sample, labels: fitted.assign(sample), clusters: k)
            if score > best.score { best = (k, score) }
        }
        return best.k
    }

    /// Mean silhouette `(b − a) / max(a, b)` over rows, with Euclidean distances (scikit-learn's
    /// `silhouette_score`); a row alone in its cluster scores 0. Pairwise distances come one row block at a time.
    static func silhouetteScore(_ x: Matrix, labels: [Int], clusters k: Int) -> Double {
        let n = x.rows
        let norms = KMeansDataSummary.rowNorms(x)
        var sizes = [Int](repeating: 0, count: k)
        for label in labels { sizes[label] += 1 }
        var total = 0.0
        var block = Matrix(rows: min(blockRows, n), columns: n)
        var start = 0
        while start < n {
            let end = min(start + blockRows, n)
            if block.rows != end - start { block = Matrix(rows: end - start, columns: n) }
            BLAS.gemm(rowsOf: x, start..<end, x, .transposed, alpha: -2, into: &block)
            for i in start..<end {
                var sums = [Double](repeating: 0, count: k)
                for j in 0..<n where j != i {
                    sums[labels[j]] += max(0, block[i - start, j] + norms[i] + norms[j]).squareRoot()
                }
                let own = labels[i]
                guard sizes[own] > 1 else { continue }
                let a = sums[own] / Double(sizes[own] - 1)
                let b = (0..<k).filter { $0 != own && sizes[$0] > 0 }.map { sums[$0] / Double(sizes[$0]) }.min() ?? 0
                total += (b - a) / max(a, b)
            }
            start = end
        }
        return total / Double(n)
    }

    private func validate(_ x: Matrix) throws {
        guard clusterCount >= 1 else {
            throw ClusteringError.invalidHyperparameter(name: "clusterCount", value: "\(clusterCount)", reason: "must be at least 1")
        }
        guard initializations >= 1 else {
            throw ClusteringError.invalidHyperparameter(name: "initializations", value: "\(initializations)", reason: "must be at least 1")
        }
        guard maxIterations >= 1 else {
            throw ClusteringError.invalidHyperparameter(name: "maxIterations", value: "\(maxIterations)", reason: "must be at least 1")
        }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw ClusteringError.invalidHyperparameter(name: "tolerance", value: "\(tolerance)", reason: "must be finite and non-negative")
        }
        guard seedingAttempts >= 1 else {
            throw ClusteringError.invalidHyperparameter(name: "seedingAttempts", value: "\(seedingAttempts)", reason: "must be at least 1")
        }
        if let seedingSampleSize, seedingSampleSize < clusterCount {
            throw ClusteringError.invalidHyperparameter(
                name: "seedingSampleSize", value: "\(seedingSampleSize)",
                reason: "must be at least clusterCount (\(clusterCount)) so that every centre can be seeded")
        }
        guard x.rows >= clusterCount else { throw ClusteringError.tooFewRows(rows: x.rows, clusters: clusterCount) }
        guard x.columns >= 1 else { throw ClusteringError.noFeatures }
    }

    /// Throws for the first row whose squared norm is not finite: it holds a NaN or infinity, or values too large
    /// to square (reported at its largest-magnitude column).
    static func requireFinite(_ x: Matrix, rowNorms: [Double]) throws {
        guard let row = rowNorms.firstIndex(where: { !$0.isFinite }) else { return }
        let values = x.row(row)
        let column = values.firstIndex(where: { !$0.isFinite })
            ?? values.indices.max(by: { abs(values[$0]) < abs(values[$1]) })!
        throw ClusteringError.nonFiniteValue(row: row, column: column)
    }
}

/// The independent initialisations (seeding plus Lloyd) of one k-means fit. Each run depends only on its index,
/// so runs may go to any thread in any order; `best(of:)` then keeps the lowest inertia (the first on ties).
struct KMeansInitializationRuns: Sendable {
    let settings: KMeans
    let x: Matrix
    let rowNorms: [Double]
    let absoluteTolerance: Double
    /// Generator draws each initialisation makes (see `KMeans.seedingDraws`).
    let drawsPerInitialization: Int

    var count: Int { settings.initializations }

    /// Initialisation `index`: seeded from one SeededGenerator(seed:) that has already made the draws of
    /// initialisations 0..<index, so that the runs are independent of each other.
    @Sendable func run(_ index: Int) -> FittedKMeans {
        var generator = SeededGenerator(seed: settings.seed)
        for _ in 0..<(index * drawsPerInitialization) { _ = generator.next() }
        let initial = settings.seedCenters(x, rowNorms: rowNorms, generator: &generator)
        return KMeans.lloyd(x, rowNorms: rowNorms, initialCenters: initial,
                            maxIterations: settings.maxIterations, absoluteTolerance: absoluteTolerance)
    }

    /// Every run on up to `threads` threads, then the best.
    func fitted(threads: Int) -> FittedKMeans {
        best(of: ParallelWork.map(count, threads: threads, run))
    }

    /// The run with the lowest inertia, the earliest on ties; `runs` are the results of `run(0..<count)` in order.
    func best(of runs: [FittedKMeans]) -> FittedKMeans {
        var best = runs[0]
        for run in runs.dropFirst() where run.inertia < best.inertia { best = run }
        return best
    }
}

/// Centres fitted by `KMeans`: what the cluster stage and the model file keep.
public struct FittedKMeans: Codable, Equatable, Sendable {
    /// k x d centres, one per row.
    public let centers: Matrix
    /// Sum of squared distances from every training row to its nearest centre.
    public let inertia: Double
    /// Lloyd iterations of the winning run.
    public let iterations: Int

    /// Index of the nearest centre for each row of `x` (lowest index on ties), as in scikit-learn's `predict`.
    public func assign(_ x: Matrix) -> [Int] {
        precondition(x.columns == centers.columns, "assign: \(x.columns) columns, centres have \(centers.columns)")
        let rowNorms = KMeansDataSummary.rowNorms(x)
        var labels = [Int32](repeating: 0, count: x.rows)
        var nearest = [Double](repeating: 0, count: x.rows)
        labels.withUnsafeMutableBufferPointer { pl in
            nearest.withUnsafeMutableBufferPointer { pn in
                _ = KMeans.assignmentPass(x, rowNorms: rowNorms, centers: centers, labels: pl, nearest: pn, accumulator: nil)
            }
        }
        return labels.map { Int($0) }
    }

    /// Squared Euclidean distances from each row of `x` to each centre (rows x k), for explanations.
    public func distances(_ x: Matrix) -> Matrix {
        precondition(x.columns == centers.columns, "distances: \(x.columns) columns, centres have \(centers.columns)")
        let rowNorms = KMeansDataSummary.rowNorms(x)
        let centerNorms = KMeansDataSummary.rowNorms(centers)
        var out = Matrix(rows: x.rows, columns: centers.rows)
        KMeans.CrossProducts(centers).compute(rowsOf: x, 0..<x.rows, into: &out)
        let k = centers.rows
        out.elements.withUnsafeMutableBufferPointer { p in
            for i in 0..<x.rows {
                for j in 0..<k { p[i * k + j] = max(0, p[i * k + j] + rowNorms[i] + centerNorms[j]) }
            }
        }
        return out
    }
}

/// Per-row squared norms (computed once per fit) and the mean column variance that scales the tolerance,
/// from one pass over the data.
struct KMeansDataSummary {
    let rowNorms: [Double]
    let meanVariance: Double

    /// Variances are taken about the first row (`E[(x−s)²] − E[x−s]²`), which avoids cancellation for data far
    /// from the origin while keeping a single pass.
    init(_ x: Matrix) {
        let (n, d) = (x.rows, x.columns)
        var norms = [Double](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: d)
        var squares = [Double](repeating: 0, count: d)
        x.elements.withUnsafeBufferPointer { px in
            norms.withUnsafeMutableBufferPointer { pn in
                sums.withUnsafeMutableBufferPointer { psum in
                    squares.withUnsafeMutableBufferPointer { psq in
                        let base = px.baseAddress!
                        for i in 0..<n {
                            let row = base + i * d
                            var norm = 0.0
                            for j in 0..<d {
                                let value = row[j]
                                norm += value * value
                                let shifted = value - base[j]
                                psum[j] += shifted
                                psq[j] += shifted * shifted
                            }
                            pn[i] = norm
                        }
                    }
                }
            }
        }
        rowNorms = norms
        var total = 0.0
        for j in 0..<d {
            let mean = sums[j] / Double(n)
            total += max(0, squares[j] / Double(n) - mean * mean)
        }
        meanVariance = total / Double(d)
    }

    /// `|x_i|²` for every row.
    static func rowNorms(_ x: Matrix) -> [Double] {
        let (n, d) = (x.rows, x.columns)
        var norms = [Double](repeating: 0, count: n)
        x.elements.withUnsafeBufferPointer { px in
            norms.withUnsafeMutableBufferPointer { pn in
                for i in 0..<n {
                    let row = px.baseAddress! + i * d
                    var norm = 0.0
                    for j in 0..<d { norm += row[j] * row[j] }
                    pn[i] = norm
                }
            }
        }
        return norms
    }
}

extension KMeans {
    /// Rows per GEMM block: keeps the block of X and its distance rows in cache while labels and sums are updated.
    static let blockRows = 1024

    /// Per-cluster running sums and counts for the M-step, filled during an assignment pass.
    struct CenterAccumulator {
        var sums: [Double]
        var counts: [Int]
        init(clusters: Int, columns: Int) {
            sums = [Double](repeating: 0, count: clusters * columns)
            counts = [Int](repeating: 0, count: clusters)
        }
    }

    /// `−2 X Cᵀ` for row blocks of X against fixed centres: `CSIMDScan`'s AVX-512 kernel when the CPU has it, else
    /// one GEMM per block. For a few centres OpenBLAS spends longer packing each row block (`dgemm_oncopy`) than
    /// multiplying it; the kernel reads the rows in place. Both sum each product in column order with fused
    /// multiply-adds: on the SkylakeX kernel they gave the same bits (the 5M bench model is byte-identical). On the
    /// 20,000 x 60 training table of the 5M bench archive, k = 8, `botsift-bench kmeans` took 0.59-0.62 CPU-s with
    /// GEMM and the portable seeding loop, and 0.40-0.46 CPU-s with this kernel and the seeding kernel.
    struct CrossProducts {
        /// Whether this CPU runs the kernel (AVX-512F).
        static let kernelAvailable = CPUFeatures.avx512f
        let centers: Matrix
        /// The centres transposed, d rows of `paddedCount` values (zero padding), for the kernel; empty for GEMM.
        private let transposed: [Double]
        private let paddedCount: Int

        init(_ centers: Matrix, usesKernel: Bool = kernelAvailable) {
            self.centers = centers
            let (k, d) = (centers.rows, centers.columns)
            paddedCount = (k + 7) / 8 * 8
            var transposed: [Double] = []
            if usesKernel {
                transposed = [Double](repeating: 0, count: d * paddedCount)
                for c in 0..<k {
                    for j in 0..<d { transposed[j * paddedCount + c] = centers[c, j] }
                }
            }
            self.transposed = transposed
        }

        /// `block[r, c] = −2 · (row rows.lowerBound + r of x) · (centre c)` for every row of `rows`.
        func compute(rowsOf x: Matrix, _ rows: Range<Int>, into block: inout Matrix) {
            guard !transposed.isEmpty, x.columns > 0 else {
                BLAS.gemm(rowsOf: x, rows, centers, .transposed, alpha: -2, into: &block)
                return
            }
            let (d, k) = (x.columns, centers.rows)
            x.elements.withUnsafeBufferPointer { px in
                transposed.withUnsafeBufferPointer { pt in
                    block.elements.withUnsafeMutableBufferPointer { pb in
                        csimd_cross_products(px.baseAddress! + rows.lowerBound * d, rows.count, d, pt.baseAddress!, k,
                                             paddedCount, pb.baseAddress!)
                    }
                }
            }
        }
    }

    /// One pass over `x` in row blocks: `CrossProducts` per block gives `-2 x·c`; each row gets the nearest centre
    /// (lowest index on ties) in `labels` and its clamped squared distance in `nearest`, and is added to
    /// `accumulator` when given. Returns the summed distances and whether any label changed.
    static func assignmentPass(
        _ x: Matrix, rowNorms: [Double], centers: Matrix,
        labels: UnsafeMutableBufferPointer<Int32>, nearest: UnsafeMutableBufferPointer<Double>,
        accumulator: UnsafeMutablePointer<CenterAccumulator>?
    ) -> (inertia: Double, changed: Bool) {
        let (n, d, k) = (x.rows, x.columns, centers.rows)
        let centerNorms = KMeansDataSummary.rowNorms(centers)
        let products = CrossProducts(centers)
        var inertia = 0.0
        var changed = false
        var block = Matrix(rows: min(blockRows, n), columns: k)
        var start = 0
        while start < n {
            let end = min(start + blockRows, n)
            if block.rows != end - start { block = Matrix(rows: end - start, columns: k) }
            products.compute(rowsOf: x, start..<end, into: &block)
            block.elements.withUnsafeBufferPointer { pb in
                centerNorms.withUnsafeBufferPointer { pc in
                    for i in start..<end {
                        let row = pb.baseAddress! + (i - start) * k
                        var best = 0
                        var bestValue = row[0] + pc[0]
                        for j in 1..<k where row[j] + pc[j] < bestValue {
                            best = j
                            bestValue = row[j] + pc[j]
                        }
                        let distance = max(0, bestValue + rowNorms[i])
                        if labels[i] != Int32(best) {
                            changed = true
                            labels[i] = Int32(best)
                        }
                        nearest[i] = distance
                        inertia += distance
                    }
                }
            }
            if let accumulator {
                x.elements.withUnsafeBufferPointer { px in
                    accumulator.pointee.sums.withUnsafeMutableBufferPointer { ps in
                        accumulator.pointee.counts.withUnsafeMutableBufferPointer { pcount in
                            for i in start..<end {
                                let label = Int(labels[i])
                                pcount[label] += 1
                                let source = px.baseAddress! + i * d
                                let target = ps.baseAddress! + label * d
                                for j in 0..<d { target[j] += source[j] }
                            }
                        }
                    }
                }
            }
            start = end
        }
        return (inertia, changed)
    }

    /// A uniform index in `0..<n` from the top bits of one draw (Lemire's multiply-shift, tiny bias), stable across
    /// Swift versions unlike `Int.random(in:using:)`.
    static func uniformIndex(below n: Int, generator: inout SeededGenerator) -> Int {
        Int(UInt64(n).multipliedFullWidth(by: generator.next()).high)
    }

    /// The first index whose value is at least `target` in an ascending array (NumPy's `searchsorted`, side left);
    /// `values.count` when none is.
    static func firstIndex(in values: [Double], notBelow target: Double) -> Int {
        var (low, high) = (0, values.count)
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// One Lloyd run from `initialCenters`, following scikit-learn: stop when no label changes (that pass already
    /// gives the inertia) or when the total squared centre movement is at most `absoluteTolerance` (then one final
    /// assignment to the final centres gives it).
    static func lloyd(
        _ x: Matrix, rowNorms: [Double], initialCenters: Matrix, maxIterations: Int, absoluteTolerance: Double
    ) -> FittedKMeans {
        let (n, d, k) = (x.rows, x.columns, initialCenters.rows)
        var centers = initialCenters
        var labels = [Int32](repeating: -1, count: n)
        var nearest = [Double](repeating: 0, count: n)
        var iterations = 0
        var inertia: Double?
        labels.withUnsafeMutableBufferPointer { pl in
            nearest.withUnsafeMutableBufferPointer { pn in
                while iterations < maxIterations {
                    iterations += 1
                    var accumulator = CenterAccumulator(clusters: k, columns: d)
                    let pass = assignmentPass(x, rowNorms: rowNorms, centers: centers,
                                              labels: pl, nearest: pn, accumulator: &accumulator)
                    let relocated = relocateEmptyClusters(x, labels: pl, nearest: pn, accumulator: &accumulator)
                    if !pass.changed && !relocated {
                        // Same labels as last time, so the same sums in the same order: the centres are already
                        // the means of their clusters, bit for bit, and this pass measured the final inertia.
                        inertia = pass.inertia
                        break
                    }
                    var shift = 0.0
                    for c in 0..<k where accumulator.counts[c] > 0 {
                        let count = Double(accumulator.counts[c])
                        for j in 0..<d {
                            let updated = accumulator.sums[c * d + j] / count
                            let delta = updated - centers[c, j]
                            shift += delta * delta
                            centers[c, j] = updated
                        }
                    }
                    if shift <= absoluteTolerance { break }
                }
                if inertia == nil {
                    inertia = assignmentPass(x, rowNorms: rowNorms, centers: centers,
                                             labels: pl, nearest: pn, accumulator: nil).inertia
                }
            }
        }
        return FittedKMeans(centers: centers, inertia: inertia!, iterations: iterations)
    }

    /// Moves every empty cluster onto the row farthest from its own centre (largest `nearest`, lowest index on
    /// ties, skipping rows that are alone in their cluster), as scikit-learn does. Returns whether any moved.
    static func relocateEmptyClusters(
        _ x: Matrix, labels: UnsafeMutableBufferPointer<Int32>, nearest: UnsafeMutableBufferPointer<Double>,
        accumulator: inout CenterAccumulator
    ) -> Bool {
        let d = x.columns
        var moved = false
        for empty in 0..<accumulator.counts.count where accumulator.counts[empty] == 0 {
            var farthest = -1
            for i in 0..<x.rows where nearest[i] >= 0 && accumulator.counts[Int(labels[i])] > 1 {
                if farthest < 0 || nearest[i] > nearest[farthest] { farthest = i }
            }
            guard farthest >= 0 else { continue }
            let old = Int(labels[farthest])
            for j in 0..<d {
                let value = x[farthest, j]
                accumulator.sums[old * d + j] -= value
                accumulator.sums[empty * d + j] = value
            }
            accumulator.counts[old] -= 1
            accumulator.counts[empty] = 1
            labels[farthest] = Int32(empty)
            nearest[farthest] = -1
            moved = true
        }
        return moved
    }
}
