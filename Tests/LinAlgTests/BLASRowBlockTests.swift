import Testing
@testable import LinAlg

@Suite struct BLASRowBlockTests {
    @Test func rowBlockProductEqualsProductOfCopiedRows() {
        // A is 4 x 3, B is 2 x 3 (used transposed); rows 1..<3 of A times Bᵀ, scaled by -2.
        let a = Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]])
        let b = Matrix([[1, 0, -1], [2, 1, 0]])
        var c = Matrix(rows: 2, columns: 2)
        BLAS.gemm(rowsOf: a, 1..<3, b, .transposed, alpha: -2, into: &c)
        // Row [4,5,6]: (4-6, 8+5) = (-2, 13); row [7,8,9]: (7-9, 14+8) = (-2, 22); times -2.
        #expect(c == Matrix([[4, -26], [4, -44]]))
    }

    @Test func emptyRowBlockLeavesResultUntouched() {
        let a = Matrix([[1, 2]])
        var c = Matrix(rows: 0, columns: 3)
        BLAS.gemm(rowsOf: a, 1..<1, Matrix(rows: 2, columns: 3), into: &c)
        #expect(c.rows == 0)
    }
}
