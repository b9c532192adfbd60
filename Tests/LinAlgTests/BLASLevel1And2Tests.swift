import Testing
import LinAlg

@Suite struct BLASLevel1And2Tests {
    @Test func gemvHandComputedBothWays() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(BLAS.product(a, [1, 0, -1]) == [-2, -2])
        #expect(BLAS.product(a, .transposed, [1, -1]) == [-3, -3, -3])
    }

    @Test(arguments: [Transpose.none, Transpose.transposed])
    func gemvMatchesNaiveWithAlphaBeta(trans: Transpose) {
        var rng = SplitMix64(seed: trans == .none ? 21 : 22)
        let a = rng.matrix(9, 4)
        let x = rng.vector(trans == .none ? 4 : 9)
        let y0 = rng.vector(trans == .none ? 9 : 4)
        var y = y0
        BLAS.gemv(a, trans, x, alpha: -2, beta: 0.25, into: &y)
        let expected = zip(Naive.product(a, trans, x), y0).map { -2 * $0 + 0.25 * $1 }
        #expect(maxAbsDifference(y, expected) < 1e-10)
    }

    @Test func gemvWithEmptyShapes() {
        var y = [3.0, 4.0]
        BLAS.gemv(Matrix(rows: 2, columns: 0), [], beta: 3, into: &y)
        #expect(y == [9, 12])
        #expect(BLAS.product(Matrix(rows: 0, columns: 3), [1, 2, 3]) == [])
        #expect(BLAS.product(Matrix(rows: 0, columns: 3), .transposed, []) == [0, 0, 0])
    }

    @Test func dotAxpyScalNormHandComputed() {
        #expect(BLAS.dot([1, 2, 3], [4, -5, 6]) == 12)
        var y = [1.0, 1.0, 1.0]
        BLAS.axpy(2, [1, 2, 3], &y)
        #expect(y == [3, 5, 7])
        BLAS.scal(-0.5, &y)
        #expect(y == [-1.5, -2.5, -3.5])
        #expect(BLAS.norm([3, 4]) == 5)
        #expect(abs(BLAS.norm([1e200, 1e200]) - 1e200 * 2.0.squareRoot()) < 1e186)  // no overflow
    }

    @Test func level1MatchesNaiveOnRandomVectors() {
        var rng = SplitMix64(seed: 31)
        let x = rng.vector(1000), y0 = rng.vector(1000)
        #expect(abs(BLAS.dot(x, y0) - zip(x, y0).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-10)
        var y = y0
        BLAS.axpy(0.75, x, &y)
        #expect(maxAbsDifference(y, zip(x, y0).map { 0.75 * $0 + $1 }) < 1e-10)
        var z = x
        BLAS.scal(3, &z)
        #expect(maxAbsDifference(z, x.map { 3 * $0 }) < 1e-10)
        #expect(abs(BLAS.norm(x) - x.reduce(0) { $0 + $1 * $1 }.squareRoot()) < 1e-10)
    }

    @Test func level1OnEmptyVectors() {
        #expect(BLAS.dot([], []) == 0)
        #expect(BLAS.norm([]) == 0)
        var empty: [Double] = []
        BLAS.axpy(2, [], &empty)
        BLAS.scal(2, &empty)
        #expect(empty.isEmpty)
    }
}
