import Testing
import LinAlg

@Suite struct CholeskyTests {
    @Test func solvesHandComputedSystem() throws {
        // [[4, 2], [2, 3]] x = [2, 1] has x = [0.5, 0].
        let factor = try Cholesky(Matrix([[4, 2], [2, 3]]))
        #expect(maxAbsDifference(try factor.solve([2, 1]), [0.5, 0]) < 1e-12)
        #expect(factor.order == 2)
    }

    @Test func solvesRandomSPDSystemWithOneAndManyRightHandSides() throws {
        var rng = SplitMix64(seed: 41)
        let b = rng.matrix(12, 6)
        var a = BLAS.weightedGram(b)  // BᵀB + I is symmetric positive definite
        for i in 0..<6 { a[i, i] += 1 }
        let factor = try Cholesky(a)

        let rhs = rng.vector(6)
        let x = try factor.solve(rhs)
        #expect(maxAbsDifference(Naive.product(a, .none, x), rhs) < 1e-10)

        let rhsMatrix = rng.matrix(6, 3)
        let xs = try factor.solve(rhsMatrix)
        #expect(maxAbsDifference(Naive.product(a, .none, xs, .none), rhsMatrix) < 1e-10)
        for column in 0..<3 {
            #expect(maxAbsDifference(xs.column(column), try factor.solve(rhsMatrix.column(column))) < 1e-10)
        }
    }

    @Test func indefiniteMatrixThrowsNotPositiveDefinite() {
        // Leading 1x1 minor is 1 > 0, the 2x2 determinant is 1 - 4 < 0.
        #expect(throws: LinAlgError.notPositiveDefinite(minor: 2)) {
            try Cholesky(Matrix([[1, 2], [2, 1]]))
        }
        #expect(throws: LinAlgError.notPositiveDefinite(minor: 1)) {
            try Cholesky(Matrix([[-1, 0], [0, 1]]))
        }
        #expect(LinAlgError.notPositiveDefinite(minor: 2).description == "matrix is not positive definite (leading minor 2)")
    }

    @Test func emptySystem() throws {
        let factor = try Cholesky(Matrix(rows: 0, columns: 0))
        #expect(try factor.solve([]) == [])
        #expect(try factor.solve(Matrix(rows: 0, columns: 2)) == Matrix(rows: 0, columns: 2))
    }
}
