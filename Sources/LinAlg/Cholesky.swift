import CBLASLAPACK

/// Errors from LAPACK factorisations.
public enum LinAlgError: Error, Equatable, CustomStringConvertible {
    /// The leading minor of the given order (1-based) is not positive definite.
    case notPositiveDefinite(minor: Int)
    /// LAPACK rejected an argument (a programming error surfaced as a value, never a crash).
    case illegalArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let minor):
            return "matrix is not positive definite (leading minor \(minor))"
        case .illegalArgument(let routine, let position):
            return "\(routine): argument \(position) had an illegal value"
        }
    }
}

/// The Cholesky factorisation `A = Uᵀ U` with upper-triangular `U` (dpotrf),
/// used to solve symmetric positive-definite systems such as Newton steps.
public struct Cholesky: Sendable {
    /// Order of the factored matrix.
    public let order: Int
    /// Row-major upper-triangular factor; the strict lower triangle holds leftovers of the input.
    private let factor: [Double]

    /// Factors a symmetric positive-definite matrix; throws `.notPositiveDefinite` otherwise.
    public init(_ a: Matrix) throws {
        precondition(a.rows == a.columns, "Cholesky needs a square matrix, got \(a.rows) x \(a.columns)")
        let n = a.rows
        var f = a.elements
        if n > 0 {
            let info = f.withUnsafeMutableBufferPointer { p in
                LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), botsift_lapack_int(n),
                               p.baseAddress, botsift_lapack_int(n))
            }
            try Cholesky.check(info, routine: "dpotrf")
        }
        order = n
        factor = f
    }

    /// Solves `A x = b` for one right-hand side (dpotrs).
    public func solve(_ b: [Double]) throws -> [Double] {
        precondition(b.count == order, "solve: right-hand side has \(b.count) elements, needs \(order)")
        guard order > 0 else { return [] }
        var x = b
        let info = factor.withUnsafeBufferPointer { pf in
            x.withUnsafeMutableBufferPointer { px in
                LAPACKE_dpotrs(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), botsift_lapack_int(order), 1,
                               pf.baseAddress, botsift_lapack_int(order), px.baseAddress, 1)
            }
        }
        try Cholesky.check(info, routine: "dpotrs")
        return x
    }

    /// Solves `A X = B` for several right-hand sides (the columns of `b`).
    public func solve(_ b: Matrix) throws -> Matrix {
        precondition(b.rows == order, "solve: right-hand side has \(b.rows) rows, needs \(order)")
        guard order > 0, b.columns > 0 else { return b }
        var x = b
        let info = factor.withUnsafeBufferPointer { pf in
            x.elements.withUnsafeMutableBufferPointer { px in
                LAPACKE_dpotrs(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), botsift_lapack_int(order),
                               botsift_lapack_int(b.columns), pf.baseAddress, botsift_lapack_int(order),
                               px.baseAddress, botsift_lapack_int(b.columns))
            }
        }
        try Cholesky.check(info, routine: "dpotrs")
        return x
    }

    private static func check(_ info: botsift_lapack_int, routine: String) throws {
        if info > 0 { throw LinAlgError.notPositiveDefinite(minor: Int(info)) }
        if info < 0 { throw LinAlgError.illegalArgument(routine: routine, position: Int(-info)) }
    }
}
