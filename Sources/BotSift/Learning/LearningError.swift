/// Why an estimator refused to fit: bad shapes, labels, weights or hyper-parameters. Meant for users, so every
/// case says what is wrong and what to do about it.
public enum LearningError: Error, CustomStringConvertible, Equatable {
    /// The matrix has no rows (or no row carries positive weight).
    case noRows
    /// Every row with positive weight has the same label; a classifier needs both classes.
    case singleClass(label: Int)
    /// The number of labels differs from the number of rows.
    case labelCountMismatch(rows: Int, labels: Int)
    /// A label outside {0, 1}.
    case invalidLabel(value: Int, row: Int)
    /// The number of sample weights differs from the number of rows.
    case sampleWeightCountMismatch(rows: Int, weights: Int)
    /// A sample weight that is negative, NaN or infinite.
    case invalidSampleWeight(value: Double, row: Int)
    /// A feature value that is NaN or infinite.
    case nonFiniteValue(row: Int, column: Int)
    /// A hyper-parameter outside its valid range.
    case invalidHyperparameter(name: String, value: Double, reason: String)
    /// A warm-start model whose coefficient count differs from the matrix's column count.
    case warmStartColumnMismatch(columns: Int, coefficients: Int)
    /// A warm-start model with a NaN or infinite coefficient or intercept.
    case nonFiniteWarmStart

    /// The explanation shown to users.
    public var description: String {
        switch self {
        case .noRows:
            return "no rows with positive weight to fit on: check that the feature table is not empty"
        case .singleClass(let label):
            return "every row (with positive weight) has label \(label): fitting a classifier needs rows of both classes 0 and 1"
        case .labelCountMismatch(let rows, let labels):
            return "\(labels) labels for \(rows) rows: give exactly one label per row"
        case .invalidLabel(let value, let row):
            return "label \(value) in row \(row) is not 0 or 1: labels must be 0 (organic) or 1 (bot / operation)"
        case .sampleWeightCountMismatch(let rows, let weights):
            return "\(weights) sample weights for \(rows) rows: give exactly one weight per row"
        case .invalidSampleWeight(let value, let row):
            return "sample weight \(value) in row \(row) is not a finite non-negative number"
        case .nonFiniteValue(let row, let column):
            return "feature value in row \(row), column \(column) is NaN or infinite: impute or drop it before fitting"
        case .invalidHyperparameter(let name, let value, let reason):
            return "hyper-parameter \(name) = \(value) is invalid: \(reason)"
        case .warmStartColumnMismatch(let columns, let coefficients):
            return "the starting model has \(coefficients) coefficients but the data has \(columns) columns: start from a model of the same features"
        case .nonFiniteWarmStart:
            return "the starting model has a NaN or infinite coefficient or intercept: start from a finite model or from none"
        }
    }
}
