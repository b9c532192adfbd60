import Testing
@testable import LinAlg

@Suite struct MatrixTests {
    @Test func gemmMatchesHandComputedProduct() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        #expect(BLAS.product(a, .none, b) == Matrix([[58, 64], [139, 154]]))
    }
}
