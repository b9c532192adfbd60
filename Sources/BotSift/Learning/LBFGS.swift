import LinAlg

/// Limited-memory BFGS for the logistic objective, for wide data where forming and factoring the
/// (d+1)² Hessian costs more than it saves. Two passes over `X` per iteration (the step's predictor change and the
/// new gradient); the strong-Wolfe line search itself runs on the cached predictor in O(rows) per trial.
struct LBFGSSolver {
    let tolerance: Double
    let maxIterations: Int
    /// Correction pairs kept (scipy's default, which scikit-learn uses).
    let memory = 10

    /// Minimises from `start` when given, else from the intercept-only model.
    func minimize(_ objective: LogisticObjective, start: [Double]? = nil) -> SolverOutcome {
        var theta = start ?? objective.interceptOnlyStart()
        var z = objective.linearPredictor(theta)
        var value = objective.value(theta: theta, z: z)
        var gradient = objective.gradient(theta: theta, z: z)
        var history: [(step: [Double], gradientChange: [Double], inverseCurvature: Double)] = []
        var iterations = 0
        while LineSearch.maxAbs(gradient) > tolerance, iterations < maxIterations {
            var direction = Self.twoLoopDirection(gradient: gradient, history: history)
            var slopeAtZero = BLAS.dot(gradient, direction)
            if !(slopeAtZero < 0) {
                history.removeAll()
                direction = gradient.map { -$0 }
                slopeAtZero = BLAS.dot(gradient, direction)
            }
            // Without curvature information, start with a step of unit length in the largest component.
            let initialStep = history.isEmpty ? min(1, 1 / LineSearch.maxAbs(direction)) : 1
            let change = objective.predictorChange(along: direction)
            let line = objective.line(theta: theta, direction: direction, z: z, change: change)
            guard let step = LineSearch.strongWolfe(
                line, valueAtZero: value, slopeAtZero: slopeAtZero, initialStep: initialStep) else { break }
            BLAS.axpy(step.length, direction, &theta)
            BLAS.axpy(step.length, change, &z)
            value = step.value
            let newGradient = objective.gradient(theta: theta, z: z)
            let stepTaken = direction.map { step.length * $0 }
            let gradientChange = zip(newGradient, gradient).map { $0 - $1 }
            let curvature = BLAS.dot(stepTaken, gradientChange)
            if curvature > 1e-12 * BLAS.dot(gradientChange, gradientChange) {
                if history.count == memory { history.removeFirst() }
                history.append((stepTaken, gradientChange, 1 / curvature))
            }
            gradient = newGradient
            iterations += 1
        }
        return SolverOutcome(theta: theta, iterations: iterations, gradientNorm: LineSearch.maxAbs(gradient))
    }

    /// `−H g` with `H` the L-BFGS inverse-Hessian approximation (Nocedal & Wright, algorithm 7.4), scaled by
    /// `sᵀy / yᵀy` of the newest pair.
    static func twoLoopDirection(
        gradient: [Double], history: [(step: [Double], gradientChange: [Double], inverseCurvature: Double)]
    ) -> [Double] {
        var q = gradient.map { -$0 }
        var alphas = [Double](repeating: 0, count: history.count)
        for k in history.indices.reversed() {
            alphas[k] = history[k].inverseCurvature * BLAS.dot(history[k].step, q)
            BLAS.axpy(-alphas[k], history[k].gradientChange, &q)
        }
        if let newest = history.last {
            BLAS.scal(1 / (newest.inverseCurvature * BLAS.dot(newest.gradientChange, newest.gradientChange)), &q)
        }
        for k in history.indices {
            let beta = history[k].inverseCurvature * BLAS.dot(history[k].gradientChange, q)
            BLAS.axpy(alphas[k] - beta, history[k].step, &q)
        }
        return q
    }
}

extension LineSearch {
    /// Curvature constant c₂ of the strong Wolfe condition (the usual quasi-Newton choice).
    static let curvatureCondition = 0.9

    /// A step satisfying the strong Wolfe conditions `φ(t) ≤ φ(0) + c₁tφ'(0)` and `|φ'(t)| ≤ c₂|φ'(0)|`, found by
    /// doubling until the minimum is bracketed and then bisecting; `φ` is convex, so the bracket always holds a
    /// minimiser. Returns the step and `φ` there; nil when no acceptable step exists to machine precision.
    static func strongWolfe(
        _ line: LogisticLine, valueAtZero: Double, slopeAtZero: Double, initialStep: Double
    ) -> (length: Double, value: Double)? {
        guard slopeAtZero < 0 else { return nil }
        var low = 0.0, high = Double.infinity, t = initialStep
        for _ in 0..<maxTrials {
            let (value, slope) = line.evaluate(at: t)
            if value > valueAtZero + sufficientDecrease * t * slopeAtZero || slope > -curvatureCondition * slopeAtZero {
                if isRoundingLevelProgress(value: value, slope: slope, valueAtZero: valueAtZero, slopeAtZero: slopeAtZero) {
                    return (t, value)
                }
                high = t
            } else if slope < curvatureCondition * slopeAtZero {
                low = t
            } else {
                return (t, value)
            }
            t = high.isFinite ? 0.5 * (low + high) : 2 * t
        }
        return nil
    }
}
