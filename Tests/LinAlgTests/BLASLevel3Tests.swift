import Testing
import LinAlg

@Suite struct BLASLevel3Tests {
    static let transposeCases: [(Transpose, Transpose)] = [
        (.none, .none), (.none, .transposed), (.transposed, .none), (.transposed, .transposed),
    ]

    @Test(arguments: 0..<4)
    func gemmMatchesNaiveForEveryTransposeOnNonSquareShapes(caseIndex: Int) {
        let (transA, transB) = Self.transposeCases[caseIndex]
        var rng = SplitMix64(seed: 11 + UInt64(caseIndex))
        // op(A) is 5 x 3, op(B) is 3 x 7.
        let a = transA == .none ? rng.matrix(5, 3) : rng.matrix(3, 5)
        let b = transB == .none ? rng.matrix(3, 7) : rng.matrix(7, 3)
        let c0 = rng.matrix(5, 7)
        var c = c0
        BLAS.gemm(a, transA, b, transB, alpha: 1.5, beta: -0.5, into: &c)
        var expected = Naive.product(a, transA, b, transB)
        for i in expected.elements.indices { expected.elements[i] = 1.5 * expected.elements[i] - 0.5 * c0.elements[i] }
        #expect(maxAbsDifference(c, expected) < 1e-10)
        #expect(maxAbsDifference(BLAS.product(a, transA, b, transB), Naive.product(a, transA, b, transB)) < 1e-10)
    }

    @Test func gemmHandComputedTransposedProduct() {
        // Aᵀ B with A = [[1, 2], [3, 4], [5, 6]] (3 x 2) and B = [[1, 0, 2], [0, 1, 1], [1, 1, 0]] (3 x 3).
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[1, 0, 2], [0, 1, 1], [1, 1, 0]])
        #expect(BLAS.product(a, .transposed, b) == Matrix([[6, 8, 5], [8, 10, 8]]))
        // A Aᵀ is 3 x 3 and symmetric.
        #expect(BLAS.product(a, a, .transposed) == Matrix([[5, 11, 17], [11, 25, 39], [17, 39, 61]]))
    }

    @Test func gemmWithEmptyInnerDimensionScalesC() {
        let a = Matrix(rows: 2, columns: 0)
        let b = Matrix(rows: 0, columns: 3)
        var c = Matrix([[1, 2, 3], [4, 5, 6]])
        BLAS.gemm(a, b, alpha: 7, beta: 2, into: &c)
        #expect(c == Matrix([[2, 4, 6], [8, 10, 12]]))
        #expect(BLAS.product(a, b) == Matrix(rows: 2, columns: 3))
    }

    @Test func gemmWithEmptyOuterDimensionsGivesEmptyResults() {
        #expect(BLAS.product(Matrix(rows: 0, columns: 4), Matrix(rows: 4, columns: 3)) == Matrix(rows: 0, columns: 3))
        #expect(BLAS.product(Matrix(rows: 2, columns: 4), Matrix(rows: 4, columns: 0)) == Matrix(rows: 2, columns: 0))
    }

    @Test func weightedGramMatchesHandComputedCase() {
        // Rows (1, 2) weight 2 and (3, -1) weight 0.5: 2·[[1,2],[2,4]] + 0.5·[[9,-3],[-3,1]].
        let a = Matrix([[1, 2], [3, -1]])
        // Rows are scaled by sqrt(w), so the result carries rounding from the square roots.
        #expect(maxAbsDifference(BLAS.weightedGram(a, weights: [2, 0.5]), Matrix([[6.5, 2.5], [2.5, 8.5]])) < 1e-12)
        #expect(BLAS.weightedGram(a) == Matrix([[10, -1], [-1, 5]]))
    }

    @Test func weightedGramMatchesNaiveOnRandomTallMatrix() {
        var rng = SplitMix64(seed: 5)
        let a = rng.matrix(40, 6)
        let w = rng.vector(40).map { abs($0) * 3 }
        let g = BLAS.weightedGram(a, weights: w)
        #expect(maxAbsDifference(g, Naive.weightedGram(a, w)) < 1e-10)
        #expect(g == g.transposed)
        #expect(maxAbsDifference(BLAS.weightedGram(a), Naive.product(a, .transposed, a, .none)) < 1e-10)
    }

    @Test func weightedGramOfEmptyShapes() {
        #expect(BLAS.weightedGram(Matrix(rows: 0, columns: 3), weights: []) == Matrix(rows: 3, columns: 3))
        #expect(BLAS.weightedGram(Matrix(rows: 4, columns: 0)) == Matrix(rows: 0, columns: 0))
    }
}
