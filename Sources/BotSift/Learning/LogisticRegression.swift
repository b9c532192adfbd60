import LinAlg

/// How rows are weighted by class, as scikit-learn's `class_weight`.
public enum ClassWeighting: String, Codable, Sendable {
    /// Every row counts once (times its sample weight).
    case none
    /// Each class gets total weight S/2: a row of class k is weighted by `S / (2·S_k)` (`n / (2·n_k)` without
    /// sample weights), so a rare class is not drowned out by a common one.
    case balanced
}

/// Which optimiser fits a `LogisticRegression`.
public enum LogisticSolver: String, Codable, Sendable {
    /// Newton up to `LogisticRegression.newtonColumnLimit` columns, L-BFGS above.
    case automatic
    /// Newton / IRLS with the exact Hessian: few passes over the data, cubic cost in the column count.
    case newton
    /// Limited-memory BFGS: cheap per iteration, more iterations; for wide data.
    case lbfgs
}

/// L2-penalised binary logistic regression in the scikit-learn sense: minimises `½‖w‖² + C·Σ sᵢ·logloss(xᵢᵀw + b, yᵢ)`
/// with the intercept unpenalised, so a fit on the same data and C matches `sklearn.linear_model.LogisticRegression`.
public struct LogisticRegression: Sendable {
    /// Inverse penalty strength; larger C means weaker regularisation.
    public var c: Double
    /// Class weighting multiplied into the sample weights.
    public var classWeighting: ClassWeighting
    /// Stop when `max |∇f| ≤ tolerance`, f being the objective divided by `C·Σsᵢ` (scikit-learn's `tol`).
    public var tolerance: Double
    /// Upper bound on solver iterations.
    public var maxIterations: Int
    /// Optimiser choice.
    public var solver: LogisticSolver

    /// Columns up to which `.automatic` picks Newton: beyond it the (d+1)² Hessian and its factorisation dominate.
    public static let newtonColumnLimit = 500

    /// A model with scikit-learn's defaults except a tighter tolerance (1e-8 instead of 1e-4).
    public init(
        c: Double = 1, classWeighting: ClassWeighting = .none, tolerance: Double = 1e-8, maxIterations: Int = 100,
        solver: LogisticSolver = .automatic
    ) {
        self.c = c
        self.classWeighting = classWeighting
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.solver = solver
    }

    /// Fits coefficients and intercept to rows of `x` with labels in {0, 1} and optional non-negative sample weights.
    /// `startingFrom` (scikit-learn's `warm_start`) starts the solver at a fitted model of the same columns, such as
    /// the model of a related fit: the optimum is unique, so only the number of steps changes, not the answer
    /// beyond `tolerance`. Throws `LearningError` for empty input, a single class, mismatched counts, bad labels,
    /// weights or hyper-parameters, non-finite features, or a starting model with another column count.
    public func fit(
        _ x: Matrix, labels: [Int], sampleWeights: [Double]? = nil, startingFrom warmStart: FittedLogisticRegression? = nil
    ) throws -> FittedLogisticRegression {
        try validateHyperparameters()
        let objective = try makeObjective(x, labels: labels, sampleWeights: sampleWeights)
        let start = try warmStart.map { model in
            guard model.coefficients.count == x.columns else {
                throw LearningError.warmStartColumnMismatch(columns: x.columns, coefficients: model.coefficients.count)
            }
            let theta = model.coefficients + [model.intercept]
            guard theta.allSatisfy(\.isFinite) else { throw LearningError.nonFiniteWarmStart }
            return theta
        }
        let chosen: LogisticSolver = switch solver {
        case .automatic: x.columns <= Self.newtonColumnLimit ? .newton : .lbfgs
        case .newton, .lbfgs: solver
        }
        let outcome = switch chosen {
        case .lbfgs: LBFGSSolver(tolerance: tolerance, maxIterations: maxIterations).minimize(objective, start: start)
        case .newton, .automatic:
            NewtonSolver(tolerance: tolerance, maxIterations: maxIterations).minimize(objective, start: start)
        }
        return FittedLogisticRegression(
            coefficients: Array(outcome.theta[0..<x.columns]), intercept: outcome.theta[x.columns],
            iterations: outcome.iterations, gradientNorm: outcome.gradientNorm, solver: chosen)
    }

    private func validateHyperparameters() throws {
        guard c > 0, c.isFinite else {
            throw LearningError.invalidHyperparameter(name: "c", value: c, reason: "must be a finite number above 0")
        }
        guard tolerance >= 0, tolerance.isFinite else {
            throw LearningError.invalidHyperparameter(name: "tolerance", value: tolerance, reason: "must be finite and at least 0")
        }
        guard maxIterations >= 0 else {
            throw LearningError.invalidHyperparameter(
                name: "maxIterations", value: Double(maxIterations), reason: "must be at least 0")
        }
    }

    /// Checks the data and folds sample and class weights into one weight per row.
    private func makeObjective(_ x: Matrix, labels: [Int], sampleWeights: [Double]?) throws -> LogisticObjective {
        guard labels.count == x.rows else { throw LearningError.labelCountMismatch(rows: x.rows, labels: labels.count) }
        if let sampleWeights, sampleWeights.count != x.rows {
            throw LearningError.sampleWeightCountMismatch(rows: x.rows, weights: sampleWeights.count)
        }
        guard x.rows > 0 else { throw LearningError.noRows }
        if let bad = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw LearningError.invalidLabel(value: labels[bad], row: bad)
        }
        if let sampleWeights, let bad = sampleWeights.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw LearningError.invalidSampleWeight(value: sampleWeights[bad], row: bad)
        }
        if let bad = x.elements.firstIndex(where: { !$0.isFinite }) {
            throw LearningError.nonFiniteValue(row: bad / x.columns, column: bad % x.columns)
        }
        var weights = sampleWeights ?? [Double](repeating: 1, count: x.rows)
        var classTotals = [0.0, 0.0]
        for i in labels.indices { classTotals[labels[i]] += weights[i] }
        switch (classTotals[0] > 0, classTotals[1] > 0) {
        case (false, false): throw LearningError.noRows
        case (true, false): throw LearningError.singleClass(label: 0)
        case (false, true): throw LearningError.singleClass(label: 1)
        case (true, true): break
        }
        if classWeighting == .balanced {
            let total = classTotals[0] + classTotals[1]
            let classWeights = classTotals.map { total / (2 * $0) }
            for i in labels.indices { weights[i] *= classWeights[labels[i]] }
        }
        return LogisticObjective(
            x: x, targets: labels.map(Double.init), weights: weights,
            inverseWeightSum: 1 / weights.reduce(0, +), inverseC: 1 / c)
    }
}

/// A fitted logistic regression: coefficients, intercept and how the solver ended. Stored in the model file.
public struct FittedLogisticRegression: Codable, Equatable, Sendable {
    /// One weight per (standardised) feature column.
    public let coefficients: [Double]
    /// The unpenalised bias term.
    public let intercept: Double
    /// Solver iterations taken.
    public let iterations: Int
    /// `max |∇f|` at the returned parameters; above the requested tolerance means the solver stopped early.
    public let gradientNorm: Double
    /// The solver that ran (never `.automatic`).
    public let solver: LogisticSolver

    /// A fitted model from known parameters (e.g. read back or built by hand for tests).
    public init(coefficients: [Double], intercept: Double, iterations: Int, gradientNorm: Double, solver: LogisticSolver) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.iterations = iterations
        self.gradientNorm = gradientNorm
        self.solver = solver
    }

    /// The log-odds `X w + b` of every row (one gemv).
    public func decisionFunction(_ x: Matrix) -> [Double] {
        precondition(x.columns == coefficients.count, "model has \(coefficients.count) coefficients, matrix has \(x.columns) columns")
        var scores = [Double](repeating: intercept, count: x.rows)
        BLAS.gemv(x, coefficients, beta: 1, into: &scores)
        return scores
    }

    /// The probability of class 1 for every row, through an overflow-free sigmoid.
    public func probabilities(_ x: Matrix) -> [Double] {
        decisionFunction(x).map(LogisticMath.sigmoid)
    }
}
