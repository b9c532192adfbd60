import CBLASLAPACK

/// Whether an operand enters a product as itself or transposed.
public enum Transpose: Sendable {
    case none
    case transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// Safe wrappers over CBLAS level 1-3 routines for row-major `Matrix` and `[Double]` vectors.
/// Shapes are checked with preconditions: a mismatch is a programming error, not bad input.
public enum BLAS {
    /// `C = alpha * op(A) * op(B) + beta * C` (dgemm).
    public static func gemm(
        _ a: Matrix, _ transA: Transpose,
        _ b: Matrix, _ transB: Transpose = .none,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) {
        let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        dgemm(a, firstElement: 0, m: m, k: k, transA, b, transB, alpha: alpha, beta: beta, into: &c)
    }

    /// `C = alpha * A * op(B) + beta * C`: `gemm` with `A` as is. (Swift cannot skip a defaulted unlabeled
    /// `transA` before `B`, so the untransposed-`A` call shape needs its own overload.)
    public static func gemm(
        _ a: Matrix, _ b: Matrix, _ transB: Transpose = .none,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) {
        gemm(a, .none, b, transB, alpha: alpha, beta: beta, into: &c)
    }

    /// `C = alpha * A[rows] * op(B) + beta * C` over a contiguous block of A's rows, read in place: streams a
    /// tall matrix through dgemm in cache-sized pieces without copying each block out (k-means, scoring).
    public static func gemm(
        rowsOf a: Matrix, _ rows: Range<Int>,
        _ b: Matrix, _ transB: Transpose = .none,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= a.rows, "gemm: rows \(rows) outside 0..<\(a.rows)")
        dgemm(a, firstElement: rows.lowerBound * a.columns, m: rows.count, k: a.columns, .none, b, transB,
              alpha: alpha, beta: beta, into: &c)
    }

    /// The checked dgemm call behind both `gemm` forms: `op(A)` is `m x k` starting at element `firstElement` of `a`.
    private static func dgemm(
        _ a: Matrix, firstElement: Int, m: Int, k: Int, _ transA: Transpose,
        _ b: Matrix, _ transB: Transpose, alpha: Double, beta: Double, into c: inout Matrix
    ) {
        let (kb, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        precondition(k == kb, "gemm: inner dimensions differ (\(k) vs \(kb))")
        precondition(c.rows == m && c.columns == n, "gemm: result must be \(m) x \(n), is \(c.rows) x \(c.columns)")
        guard m > 0, n > 0 else { return }
        if k == 0 {
            scal(beta, &c.elements)
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasRowMajor, transA.cblas, transB.cblas,
                        Int32(m), Int32(n), Int32(k), alpha,
                        pa.baseAddress! + firstElement, Int32(max(a.columns, 1)),
                        pb.baseAddress, Int32(max(b.columns, 1)),
                        beta, pc.baseAddress, Int32(max(n, 1)))
                }
            }
        }
    }

    /// `op(A) * op(B)` as a new matrix.
    public static func product(_ a: Matrix, _ transA: Transpose, _ b: Matrix, _ transB: Transpose = .none) -> Matrix {
        let m = transA == .none ? a.rows : a.columns
        let n = transB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        gemm(a, transA, b, transB, into: &c)
        return c
    }

    /// `A * op(B)` as a new matrix.
    public static func product(_ a: Matrix, _ b: Matrix, _ transB: Transpose = .none) -> Matrix {
        product(a, .none, b, transB)
    }

    /// `y = alpha * op(A) * x + beta * y` (dgemv).
    public static func gemv(
        _ a: Matrix, _ trans: Transpose, _ x: [Double],
        alpha: Double = 1, beta: Double = 0, into y: inout [Double]
    ) {
        let (m, n) = trans == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        precondition(x.count == n, "gemv: x has \(x.count) elements, needs \(n)")
        precondition(y.count == m, "gemv: y has \(y.count) elements, needs \(m)")
        guard m > 0 else { return }
        if n == 0 {
            scal(beta, &y)
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(
                        CblasRowMajor, trans.cblas, Int32(a.rows), Int32(a.columns), alpha,
                        pa.baseAddress, Int32(max(a.columns, 1)), px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// `y = alpha * A * x + beta * y`: `gemv` with `A` as is.
    public static func gemv(_ a: Matrix, _ x: [Double], alpha: Double = 1, beta: Double = 0, into y: inout [Double]) {
        gemv(a, .none, x, alpha: alpha, beta: beta, into: &y)
    }

    /// `op(A) * x` as a new vector.
    public static func product(_ a: Matrix, _ trans: Transpose, _ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: trans == .none ? a.rows : a.columns)
        gemv(a, trans, x, into: &y)
        return y
    }

    /// `A * x` as a new vector.
    public static func product(_ a: Matrix, _ x: [Double]) -> [Double] {
        product(a, .none, x)
    }

    /// The Gram matrix `Aᵀ diag(w) A` (both triangles filled), the Newton Hessian of weighted least squares
    /// and logistic regression. Rows are scaled by `sqrt(w)` and the product formed with one dsyrk.
    public static func weightedGram(_ a: Matrix, weights w: [Double]? = nil) -> Matrix {
        let n = a.columns
        var scaled = a
        if let w {
            precondition(w.count == a.rows, "weightedGram: \(w.count) weights for \(a.rows) rows")
            scaled.elements.withUnsafeMutableBufferPointer { p in
                for r in 0..<a.rows {
                    precondition(w[r] >= 0, "weightedGram: weights must be non-negative")
                    let s = w[r].squareRoot()
                    for c in 0..<n { p[r * n + c] *= s }
                }
            }
        }
        var g = Matrix(rows: n, columns: n)
        guard n > 0, a.rows > 0 else { return g }
        scaled.elements.withUnsafeBufferPointer { pa in
            g.elements.withUnsafeMutableBufferPointer { pg in
                cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(n), Int32(a.rows), 1,
                            pa.baseAddress, Int32(n), 0, pg.baseAddress, Int32(n))
            }
        }
        for r in 0..<n {
            for c in 0..<r { g.elements[r * n + c] = g.elements[c * n + r] }
        }
        return g
    }

    /// `xᵀ y` (ddot).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: lengths differ (\(x.count) vs \(y.count))")
        guard !x.isEmpty else { return 0 }
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in cblas_ddot(Int32(x.count), px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// `y += alpha * x` (daxpy).
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: lengths differ (\(x.count) vs \(y.count))")
        guard !x.isEmpty else { return }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in cblas_daxpy(Int32(x.count), alpha, px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// `x *= alpha` (dscal).
    public static func scal(_ alpha: Double, _ x: inout [Double]) {
        guard !x.isEmpty else { return }
        x.withUnsafeMutableBufferPointer { px in cblas_dscal(Int32(px.count), alpha, px.baseAddress, 1) }
    }

    /// Euclidean norm (dnrm2).
    public static func norm(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        return x.withUnsafeBufferPointer { px in cblas_dnrm2(Int32(x.count), px.baseAddress, 1) }
    }
}
