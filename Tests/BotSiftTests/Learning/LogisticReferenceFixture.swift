import Foundation
import LinAlg
@testable import BotSift

/// One scikit-learn reference case written by `Scripts/reference/logistic_reference.py`.
struct LogisticReferenceCase: Decodable, CustomStringConvertible {
    let name: String
    let C: Double
    let classWeighting: ClassWeighting
    let rows: Int
    let columns: Int
    let raw: [Double]
    let means: [Double]
    let scales: [Double]
    let standardized: [Double]
    let labels: [Int]
    let sampleWeights: [Double]?
    let coefficients: [Double]
    let intercept: Double

    var rawMatrix: Matrix { Matrix(rows: rows, columns: columns, elements: raw) }
    var standardizedMatrix: Matrix { Matrix(rows: rows, columns: columns, elements: standardized) }
    var description: String { name }

    /// Every case in `Fixtures/reference/logistic.json`.
    static let all: [LogisticReferenceCase] = {
        struct File: Decodable { let cases: [LogisticReferenceCase] }
        guard let url = Bundle.module.url(forResource: "logistic", withExtension: "json", subdirectory: "Fixtures/reference"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()
}

/// Comparisons shared by the learning tests.
enum LearningComparison {
    /// Largest absolute element-wise difference; infinite when the lengths differ.
    static func maxAbsDifference(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count else { return .infinity }
        return zip(x, y).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
    }
}
