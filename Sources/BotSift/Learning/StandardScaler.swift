import LinAlg

/// Centres every column on its mean and divides by its population standard deviation, as scikit-learn's
/// `StandardScaler`, so that an L2 penalty treats all features alike. Constant columns keep scale 1.
public struct StandardScaler: Sendable {
    /// A scaler with no hyper-parameters (centring and scaling are always on).
    public init() {}

    /// Per-column means and scales of `x`, computed in two passes for accuracy. An empty matrix gives the
    /// identity transform (means 0, scales 1).
    public func fit(_ x: Matrix) -> FittedStandardScaler {
        let rows = x.rows, columns = x.columns
        var means = [Double](repeating: 0, count: columns)
        var variances = [Double](repeating: 0, count: columns)
        guard rows > 0 else {
            return FittedStandardScaler(means: means, scales: [Double](repeating: 1, count: columns))
        }
        x.elements.withUnsafeBufferPointer { element in
            means.withUnsafeMutableBufferPointer { mean in
                for r in 0..<rows {
                    for c in 0..<columns { mean[c] += element[r * columns + c] }
                }
                for c in 0..<columns { mean[c] /= Double(rows) }
                variances.withUnsafeMutableBufferPointer { variance in
                    for r in 0..<rows {
                        for c in 0..<columns {
                            let deviation = element[r * columns + c] - mean[c]
                            variance[c] += deviation * deviation
                        }
                    }
                    for c in 0..<columns { variance[c] /= Double(rows) }
                }
            }
        }
        let scales = (0..<columns).map { c in
            Self.isConstant(variance: variances[c], mean: means[c], rows: rows) ? 1 : variances[c].squareRoot()
        }
        return FittedStandardScaler(means: means, scales: scales)
    }

    /// scikit-learn's test for a constant column: a variance no larger than the rounding error of computing it.
    private static func isConstant(variance: Double, mean: Double, rows: Int) -> Bool {
        let n = Double(rows), eps = Double.ulpOfOne
        return variance <= n * eps * variance + (n * mean * eps) * (n * mean * eps)
    }
}

/// Fitted column means and scales; `transform` maps a raw feature row to `(value - mean) / scale`.
/// Stored in the model file so that prediction standardises exactly as training did.
public struct FittedStandardScaler: Codable, Equatable, Sendable {
    /// Column means of the training matrix.
    public let means: [Double]
    /// Column population standard deviations of the training matrix (1 for constant columns).
    public let scales: [Double]

    /// A scaler from known means and scales (e.g. read back from a model file); both must have one entry per column.
    public init(means: [Double], scales: [Double]) {
        precondition(means.count == scales.count, "scaler needs one scale per mean (\(means.count) vs \(scales.count))")
        self.means = means
        self.scales = scales
    }

    /// Every row standardised; `x` must have one column per fitted mean.
    public func transform(_ x: Matrix) -> Matrix {
        let columns = means.count
        precondition(x.columns == columns, "scaler was fitted on \(columns) columns, matrix has \(x.columns)")
        var out = x
        out.elements.withUnsafeMutableBufferPointer { element in
            for r in 0..<x.rows {
                for c in 0..<columns {
                    let i = r * columns + c
                    element[i] = (element[i] - means[c]) / scales[c]
                }
            }
        }
        return out
    }

    /// One row standardised; `row` must have one value per fitted mean.
    public func transform(row: [Double]) -> [Double] {
        precondition(row.count == means.count, "scaler was fitted on \(means.count) columns, row has \(row.count)")
        return (0..<row.count).map { (row[$0] - means[$0]) / scales[$0] }
    }
}
