import LinAlg

/// Deterministic SplitMix64 stream for the LinAlg tests (this test target cannot see BotSift's `SeededGenerator`).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next uniform double in [-1, 1).
    mutating func nextSigned() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-52 - 1
    }

    /// A `rows` x `columns` matrix of uniform values in [-1, 1).
    mutating func matrix(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in nextSigned() })
    }

    /// A vector of uniform values in [-1, 1).
    mutating func vector(_ count: Int) -> [Double] { (0..<count).map { _ in nextSigned() } }
}

/// Reference implementations by plain loops, to compare the BLAS wrappers against.
enum Naive {
    static func product(_ a: Matrix, _ transA: Transpose, _ b: Matrix, _ transB: Transpose) -> Matrix {
        let opA = transA == .none ? a : a.transposed
        let opB = transB == .none ? b : b.transposed
        var c = Matrix(rows: opA.rows, columns: opB.columns)
        for i in 0..<opA.rows {
            for j in 0..<opB.columns {
                var sum = 0.0
                for k in 0..<opA.columns { sum += opA[i, k] * opB[k, j] }
                c[i, j] = sum
            }
        }
        return c
    }

    static func product(_ a: Matrix, _ trans: Transpose, _ x: [Double]) -> [Double] {
        let opA = trans == .none ? a : a.transposed
        return (0..<opA.rows).map { i in (0..<opA.columns).reduce(0.0) { $0 + opA[i, $1] * x[$1] } }
    }

    static func weightedGram(_ a: Matrix, _ w: [Double]) -> Matrix {
        var g = Matrix(rows: a.columns, columns: a.columns)
        for i in 0..<a.columns {
            for j in 0..<a.columns {
                var sum = 0.0
                for r in 0..<a.rows { sum += a[r, i] * w[r] * a[r, j] }
                g[i, j] = sum
            }
        }
        return g
    }
}

/// Largest absolute element-wise difference; infinite when the shapes differ.
func maxAbsDifference(_ x: Matrix, _ y: Matrix) -> Double {
    guard x.rows == y.rows, x.columns == y.columns else { return .infinity }
    return maxAbsDifference(x.elements, y.elements)
}

/// Largest absolute element-wise difference; infinite when the lengths differ.
func maxAbsDifference(_ x: [Double], _ y: [Double]) -> Double {
    guard x.count == y.count else { return .infinity }
    return zip(x, y).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
}
