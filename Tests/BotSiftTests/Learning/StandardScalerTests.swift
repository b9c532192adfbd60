import Foundation
import Testing
import LinAlg
@testable import BotSift

@Suite struct StandardScalerTests {
    @Test func handComputedMeansPopulationStdAndConstantColumn() {
        // Column 0: 1, 2, 3 -> mean 2, population std sqrt(2/3). Column 1 is constant 5 -> scale 1.
        let x = Matrix([[1, 5], [2, 5], [3, 5]])
        let fitted = StandardScaler().fit(x)
        #expect(fitted.means == [2, 5])
        #expect(abs(fitted.scales[0] - (2.0 / 3).squareRoot()) < 1e-15)
        #expect(fitted.scales[1] == 1)
        let transformed = fitted.transform(x)
        let s = (2.0 / 3).squareRoot()
        #expect(LearningComparison.maxAbsDifference(transformed.elements, [-1 / s, 0, 0, 0, 1 / s, 0]) < 1e-15)
    }

    @Test func rowTransformEqualsMatrixTransform() {
        let x = Matrix([[1, -4, 0.5], [2, 8, 0.25], [7, 1, 3]])
        let fitted = StandardScaler().fit(x)
        let transformed = fitted.transform(x)
        for r in 0..<x.rows { #expect(fitted.transform(row: x.row(r)) == transformed.row(r)) }
    }

    @Test func emptyMatrixGivesIdentityTransform() {
        let fitted = StandardScaler().fit(Matrix(rows: 0, columns: 2))
        #expect(fitted == FittedStandardScaler(means: [0, 0], scales: [1, 1]))
        #expect(fitted.transform(row: [3, -1]) == [3, -1])
    }

    @Test(arguments: LogisticReferenceCase.all)
    func matchesScikitLearn(reference: LogisticReferenceCase) {
        let fitted = StandardScaler().fit(reference.rawMatrix)
        #expect(LearningComparison.maxAbsDifference(fitted.means, reference.means) < 1e-12)
        #expect(LearningComparison.maxAbsDifference(fitted.scales, reference.scales) < 1e-12)
        #expect(LearningComparison.maxAbsDifference(fitted.transform(reference.rawMatrix).elements, reference.standardized) < 1e-12)
    }

    @Test func referenceFixtureLoaded() {
        #expect(LogisticReferenceCase.all.count == 5)
    }

    @Test func codableRoundTrip() throws {
        let fitted = StandardScaler().fit(Matrix([[1, 2], [3, 5], [4, 4]]))
        let decoded = try JSONDecoder().decode(FittedStandardScaler.self, from: JSONEncoder().encode(fitted))
        #expect(decoded == fitted)
    }
}
