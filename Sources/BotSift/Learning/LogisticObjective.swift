#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LinAlg

/// The binary logistic-regression objective exactly as scikit-learn's lbfgs solver minimises it:
///
///     f(w, b) = (1/S) · [ Σᵢ sᵢ · logloss(xᵢᵀw + b, yᵢ) + ‖w‖² / (2C) ]
///
/// with S = Σᵢ sᵢ (sample weights times class weights). This is `½‖w‖² + C·Σ sᵢ·logloss` divided by `C·S`,
/// so it has the same minimiser, and its gradient is the one scikit-learn's `tol` is compared against.
/// Parameters are `θ = [w₀ … w_{d-1}, b]`; the intercept `b` is not penalised.
struct LogisticObjective {
    let x: Matrix
    /// Labels as 0.0 / 1.0.
    let targets: [Double]
    /// Per-row weights sᵢ (sample weight times class weight).
    let weights: [Double]
    /// 1 / S.
    let inverseWeightSum: Double
    /// 1 / C.
    let inverseC: Double

    var featureCount: Int { x.columns }
    var parameterCount: Int { x.columns + 1 }

    /// The best intercept-only model, `b = log(Σ sᵢyᵢ / Σ sᵢ(1−yᵢ))` with `w = 0`: a cheap start one step closer
    /// to the optimum than all zeros.
    func interceptOnlyStart() -> [Double] {
        var positive = 0.0, negative = 0.0
        for i in targets.indices {
            if targets[i] == 1 { positive += weights[i] } else { negative += weights[i] }
        }
        var theta = [Double](repeating: 0, count: parameterCount)
        theta[featureCount] = log(positive / negative)
        return theta
    }

    /// Whether both classes carry positive weight (a subsample of rare positives may hold none).
    var hasBothClasses: Bool {
        var positive = false, negative = false
        for i in targets.indices where weights[i] > 0 {
            if targets[i] == 1 { positive = true } else { negative = true }
        }
        return positive && negative
    }

    /// `z = X w + b`, the linear predictor of every row.
    func linearPredictor(_ theta: [Double]) -> [Double] {
        var z = [Double](repeating: theta[featureCount], count: x.rows)
        BLAS.gemv(x, Array(theta[0..<featureCount]), beta: 1, into: &z)
        return z
    }

    /// `u = X d_w + d_b`: how the linear predictor moves along a parameter direction.
    func predictorChange(along direction: [Double]) -> [Double] { linearPredictor(direction) }

    /// The gradient ∇f at `theta`, whose linear predictor is `z`.
    func gradient(theta: [Double], z: [Double]) -> [Double] {
        var residuals = [Double](repeating: 0, count: z.count)
        var interceptGradient = 0.0
        for i in z.indices {
            residuals[i] = weights[i] * (LogisticMath.sigmoid(z[i]) - targets[i])
            interceptGradient += residuals[i]
        }
        var g = [Double](repeating: 0, count: parameterCount)
        var featureGradient = Array(theta[0..<featureCount])
        BLAS.gemv(x, .transposed, residuals, alpha: inverseWeightSum, beta: inverseC * inverseWeightSum,
                  into: &featureGradient)
        g.replaceSubrange(0..<featureCount, with: featureGradient)
        g[featureCount] = interceptGradient * inverseWeightSum
        return g
    }

    /// The Hessian ∇²f at the point whose linear predictor is `z`: `(1/S)·([X 1]ᵀ D [X 1] + diag(I/C, 0))` with
    /// `D = diag(sᵢ pᵢ (1−pᵢ))`. Formed block by block over rows: each block of `[X 1]` is copied with its rows
    /// already scaled by `√Dᵢᵢ` and handed to `BLAS.weightedGram` (dsyrk), so the work stays in cache and no copy of
    /// `X` is made.
    func hessian(z: [Double]) -> Matrix {
        let d = featureCount, augmented = d + 1
        let blockRows = max(1, min(x.rows, Self.blockBytes / (8 * augmented)))
        var hessian = Matrix(rows: augmented, columns: augmented)
        var block = Matrix(rows: blockRows, columns: augmented)
        var start = 0
        while start < x.rows {
            let count = min(blockRows, x.rows - start)
            if count != block.rows { block = Matrix(rows: count, columns: augmented) }
            x.elements.withUnsafeBufferPointer { source in
                block.elements.withUnsafeMutableBufferPointer { target in
                    for r in 0..<count {
                        let p = LogisticMath.sigmoid(z[start + r])
                        let scale = (weights[start + r] * p * (1 - p)).squareRoot()
                        let from = source.baseAddress! + (start + r) * d, to = target.baseAddress! + r * augmented
                        for c in 0..<d { to[c] = from[c] * scale }
                        to[d] = scale
                    }
                }
            }
            BLAS.axpy(1, BLAS.weightedGram(block).elements, &hessian.elements)
            start += count
        }
        for i in 0..<d { hessian[i, i] += inverseC }
        BLAS.scal(inverseWeightSum, &hessian.elements)
        return hessian
    }

    /// The same objective on every `stride`-th row, with the penalty rescaled (`C·S_sub = C·S`) so that penalty and
    /// data keep their balance and the minimiser stays close to the full one: a cheap warm start for big data.
    func everyRow(stride: Int) -> LogisticObjective {
        let kept = Swift.stride(from: 0, to: x.rows, by: stride)
        let keptWeights = kept.map { weights[$0] }
        let keptWeightSum = keptWeights.reduce(0, +)
        return LogisticObjective(
            x: x.selectingRows(kept), targets: kept.map { targets[$0] }, weights: keptWeights,
            inverseWeightSum: 1 / keptWeightSum, inverseC: inverseC * keptWeightSum * inverseWeightSum)
    }

    /// The objective value `f` at `theta`, whose linear predictor is `z`.
    func value(theta: [Double], z: [Double]) -> Double {
        let standingStill = [Double](repeating: 0, count: parameterCount)
        return line(theta: theta, direction: standingStill, z: z, change: [Double](repeating: 0, count: z.count))
            .evaluate(at: 0).value
    }

    /// The objective restricted to the line `theta + t·direction`, evaluated in O(rows) per step length from the
    /// current predictor `z` and its change `u` along the direction (no pass over `X`).
    func line(theta: [Double], direction: [Double], z: [Double], change u: [Double]) -> LogisticLine {
        var weightNormSquared = 0.0, thetaDirection = 0.0, directionDirection = 0.0
        for i in 0..<featureCount {
            weightNormSquared += theta[i] * theta[i]
            thetaDirection += theta[i] * direction[i]
            directionDirection += direction[i] * direction[i]
        }
        return LogisticLine(objective: self, z: z, change: u,
                            penaltyAtZero: weightNormSquared, penaltySlope: thetaDirection, penaltyCurvature: directionDirection)
    }

    /// Bytes of one row block in `hessian`: 1 MiB stays in a 2 MiB L2 cache while dsyrk works on it.
    private static let blockBytes = 1 << 20
}

/// `φ(t) = f(θ + t·d)` and `φ'(t)` for one search direction, as line searches need them.
struct LogisticLine {
    let objective: LogisticObjective
    let z: [Double]
    let change: [Double]
    /// ‖w‖², wᵀd_w and ‖d_w‖², for the penalty `(‖w‖² + 2t·wᵀd_w + t²‖d_w‖²) / (2C)`.
    let penaltyAtZero: Double
    let penaltySlope: Double
    let penaltyCurvature: Double

    /// The objective value and its derivative along the direction at step length `t`.
    func evaluate(at t: Double) -> (value: Double, slope: Double) {
        var loss = 0.0, slope = 0.0
        z.withUnsafeBufferPointer { z in
            change.withUnsafeBufferPointer { change in
                objective.weights.withUnsafeBufferPointer { weights in
                    objective.targets.withUnsafeBufferPointer { targets in
                        for i in 0..<z.count {
                            let zi = z[i] + t * change[i]
                            let (softplus, p) = LogisticMath.softplusAndSigmoid(zi)
                            loss += weights[i] * (softplus - targets[i] * zi)
                            slope += weights[i] * (p - targets[i]) * change[i]
                        }
                    }
                }
            }
        }
        let inverseC = objective.inverseC
        let penalty = 0.5 * inverseC * (penaltyAtZero + 2 * t * penaltySlope + t * t * penaltyCurvature)
        let penaltyDerivative = inverseC * (penaltySlope + t * penaltyCurvature)
        return ((loss + penalty) * objective.inverseWeightSum, (slope + penaltyDerivative) * objective.inverseWeightSum)
    }
}

/// Overflow-free logistic functions.
enum LogisticMath {
    /// `1 / (1 + e^−z)` without overflow for large |z|.
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }

    /// `log(1 + e^z)` and the sigmoid of `z`, sharing one `exp`.
    @inline(__always)
    static func softplusAndSigmoid(_ z: Double) -> (softplus: Double, sigmoid: Double) {
        let e = exp(-abs(z))
        let softplus = max(z, 0) + log1p(e)
        return (softplus, z >= 0 ? 1 / (1 + e) : e / (1 + e))
    }
}
