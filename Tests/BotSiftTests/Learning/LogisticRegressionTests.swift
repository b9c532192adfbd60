import Foundation
import Testing
import LinAlg
@testable import BotSift

@Suite struct LogisticRegressionTests {
    /// The gradient of scikit-learn's lbfgs objective, by plain loops, for checking optimality independently of the solvers.
    static func objectiveGradient(
        _ x: Matrix, labels: [Int], weights: [Double], c: Double, model: FittedLogisticRegression
    ) -> [Double] {
        let weightSum = weights.reduce(0, +)
        var gradient = model.coefficients.map { $0 / (c * weightSum) } + [0]
        for r in 0..<x.rows {
            var z = model.intercept
            for j in 0..<x.columns { z += x[r, j] * model.coefficients[j] }
            let residual = weights[r] * (1 / (1 + exp(-z)) - Double(labels[r])) / weightSum
            for j in 0..<x.columns { gradient[j] += residual * x[r, j] }
            gradient[x.columns] += residual
        }
        return gradient
    }

    /// Seeded overlapping two-class data: Gaussian features, labels from a logistic model.
    static func randomProblem(rows: Int, columns: Int, seed: UInt64) -> (Matrix, [Int]) {
        var rng = SeededGenerator(seed: seed)
        var x = Matrix(rows: rows, columns: columns)
        var labels: [Int] = []
        for r in 0..<rows {
            var z = -0.3
            for j in 0..<columns {
                let value = 2 * rng.nextUnit() - 1 + 2 * rng.nextUnit() - 1
                x[r, j] = value
                z += value * (j % 2 == 0 ? 1.5 : -1) / Double(j + 1)
            }
            labels.append(rng.nextUnit() < 1 / (1 + exp(-z)) ? 1 : 0)
        }
        return (x, labels)
    }

    @Test(arguments: LogisticReferenceCase.all, [LogisticSolver.newton, .lbfgs])
    func matchesScikitLearn(reference: LogisticReferenceCase, solver: LogisticSolver) throws {
        let model = LogisticRegression(c: reference.C, classWeighting: reference.classWeighting, tolerance: 1e-10,
                                       maxIterations: 1000, solver: solver)
        let fitted = try model.fit(reference.standardizedMatrix, labels: reference.labels, sampleWeights: reference.sampleWeights)
        #expect(fitted.solver == solver)
        #expect(LearningComparison.maxAbsDifference(fitted.coefficients, reference.coefficients) < 1e-5)
        #expect(abs(fitted.intercept - reference.intercept) < 1e-5)
        #expect(fitted.gradientNorm <= 1e-10)
    }

    /// Starting from the model of a different problem (the same rows with a tenth of the penalty) still lands on
    /// scikit-learn's optimum, in fewer steps than from the intercept-only start for Newton.
    @Test(arguments: LogisticReferenceCase.all, [LogisticSolver.newton, .lbfgs])
    func startingFromARelatedModelMatchesScikitLearn(reference: LogisticReferenceCase, solver: LogisticSolver) throws {
        let model = LogisticRegression(c: reference.C, classWeighting: reference.classWeighting, tolerance: 1e-10,
                                       maxIterations: 1000, solver: solver)
        var related = model
        related.c = reference.C * 10
        let x = reference.standardizedMatrix
        let start = try related.fit(x, labels: reference.labels, sampleWeights: reference.sampleWeights)
        let cold = try model.fit(x, labels: reference.labels, sampleWeights: reference.sampleWeights)
        let warm = try model.fit(x, labels: reference.labels, sampleWeights: reference.sampleWeights, startingFrom: start)
        #expect(LearningComparison.maxAbsDifference(warm.coefficients, reference.coefficients) < 1e-5)
        #expect(abs(warm.intercept - reference.intercept) < 1e-5)
        #expect(warm.gradientNorm <= 1e-10)
        if solver == .newton { #expect(warm.iterations < cold.iterations) }
        // Starting at the optimum itself takes no step at all.
        #expect(try model.fit(x, labels: reference.labels, sampleWeights: reference.sampleWeights, startingFrom: warm)
            .iterations == 0)
    }

    @Test(arguments: LogisticReferenceCase.all)
    func independentGradientVanishesAtOptimum(reference: LogisticReferenceCase) throws {
        let fitted = try LogisticRegression(c: reference.C, classWeighting: reference.classWeighting, tolerance: 1e-10)
            .fit(reference.standardizedMatrix, labels: reference.labels, sampleWeights: reference.sampleWeights)
        var weights = reference.sampleWeights ?? Array(repeating: 1, count: reference.rows)
        if reference.classWeighting == .balanced {
            var totals = [0.0, 0.0]
            for r in 0..<reference.rows { totals[reference.labels[r]] += weights[r] }
            for r in 0..<reference.rows { weights[r] *= (totals[0] + totals[1]) / (2 * totals[reference.labels[r]]) }
        }
        let gradient = Self.objectiveGradient(reference.standardizedMatrix, labels: reference.labels, weights: weights,
                                              c: reference.C, model: fitted)
        #expect(gradient.allSatisfy { abs($0) < 1e-9 })
    }

    @Test func twoPointProblemMatchesHandSolution() throws {
        // x = ±1 with labels 1 / 0 and C = 1: by symmetry b = 0, and w solves w = 2·σ(−w), w = 0.6748316143423994.
        let x = Matrix([[1], [-1]])
        for solver in [LogisticSolver.newton, .lbfgs] {
            let fitted = try LogisticRegression(tolerance: 1e-12, solver: solver).fit(x, labels: [1, 0])
            #expect(abs(fitted.coefficients[0] - 0.6748316143423994) < 1e-10)
            #expect(abs(fitted.intercept) < 1e-10)
        }
    }

    @Test(arguments: [LogisticSolver.newton, .lbfgs])
    func separableDataConvergesToFiniteOptimum(solver: LogisticSolver) throws {
        // Label 1 exactly when x₀ > 0: without the penalty the optimum is at infinity.
        var rng = SeededGenerator(seed: 9)
        var x = Matrix(rows: 200, columns: 2)
        var labels: [Int] = []
        for r in 0..<200 {
            x[r, 0] = (r % 2 == 0 ? 1 : -1) * (0.5 + rng.nextUnit())
            x[r, 1] = 2 * rng.nextUnit() - 1
            labels.append(x[r, 0] > 0 ? 1 : 0)
        }
        let fitted = try LogisticRegression(c: 1e4, tolerance: 1e-9, maxIterations: 1000, solver: solver)
            .fit(x, labels: labels)
        #expect(fitted.coefficients.allSatisfy(\.isFinite) && fitted.intercept.isFinite)
        #expect(fitted.gradientNorm <= 1e-9)
        #expect(fitted.coefficients[0] > 5)
        let probabilities = fitted.probabilities(x)
        #expect(zip(probabilities, labels).allSatisfy { abs($0 - Double($1)) < 0.05 })
    }

    @Test func newtonAndLBFGSAgree() throws {
        let (x, labels) = Self.randomProblem(rows: 600, columns: 12, seed: 3)
        let newton = try LogisticRegression(c: 0.3, tolerance: 1e-10, solver: .newton).fit(x, labels: labels)
        let lbfgs = try LogisticRegression(c: 0.3, tolerance: 1e-10, maxIterations: 1000, solver: .lbfgs).fit(x, labels: labels)
        #expect(LearningComparison.maxAbsDifference(newton.coefficients, lbfgs.coefficients) < 1e-7)
        #expect(abs(newton.intercept - lbfgs.intercept) < 1e-7)
        #expect(newton.iterations < lbfgs.iterations)
    }

    @Test func automaticSolverChoosesByColumnCount() throws {
        let (narrow, narrowLabels) = Self.randomProblem(rows: 40, columns: 3, seed: 4)
        #expect(try LogisticRegression().fit(narrow, labels: narrowLabels).solver == .newton)
        let (wide, wideLabels) = Self.randomProblem(rows: 40, columns: LogisticRegression.newtonColumnLimit + 1, seed: 5)
        #expect(try LogisticRegression().fit(wide, labels: wideLabels).solver == .lbfgs)
    }

    @Test func balancedWeightingEqualsExplicitSampleWeights() throws {
        let (x, labels) = Self.randomProblem(rows: 120, columns: 3, seed: 6)
        let positives = Double(labels.reduce(0, +)), negatives = Double(labels.count) - positives
        let weights = labels.map { $0 == 1 ? 120 / (2 * positives) : 120 / (2 * negatives) }
        let balanced = try LogisticRegression(classWeighting: .balanced, tolerance: 1e-11).fit(x, labels: labels)
        let explicit = try LogisticRegression(tolerance: 1e-11).fit(x, labels: labels, sampleWeights: weights)
        #expect(LearningComparison.maxAbsDifference(balanced.coefficients, explicit.coefficients) < 1e-9)
        #expect(positives != negatives)
    }

    @Test func zeroWeightRowsAreIgnored() throws {
        let (x, labels) = Self.randomProblem(rows: 100, columns: 2, seed: 7)
        let weights = (0..<100).map { $0 < 70 ? 1.0 : 0.0 }
        let weighted = try LogisticRegression(tolerance: 1e-11).fit(x, labels: labels, sampleWeights: weights)
        let subset = try LogisticRegression(tolerance: 1e-11).fit(x.selectingRows(0..<70), labels: Array(labels[0..<70]))
        #expect(LearningComparison.maxAbsDifference(weighted.coefficients, subset.coefficients) < 1e-9)
    }

    @Test func noFeaturesFitsTheLogOddsIntercept() throws {
        // Three positives and one negative: b = log(3 / 1).
        let fitted = try LogisticRegression(tolerance: 1e-12).fit(Matrix(rows: 4, columns: 0), labels: [0, 1, 1, 1])
        #expect(fitted.coefficients.isEmpty)
        #expect(abs(fitted.intercept - log(3.0)) < 1e-12)
    }

    @Test func singularHessianIsDampedIntoADescentDirection() {
        // [[1, 1], [1, 1]] is singular; the damped solve must still give a finite direction with gᵀd < 0.
        let gradient = [1.0, 0.0]
        let direction = NewtonSolver.newtonDirection(hessian: Matrix([[1, 1], [1, 1]]), gradient: gradient)
        #expect(direction.allSatisfy { $0.isFinite })
        #expect(BLAS.dot(gradient, direction) < 0)
    }

    @Test func decisionFunctionAndProbabilitiesHandComputed() {
        let model = FittedLogisticRegression(coefficients: [1, -2], intercept: 0.5, iterations: 0, gradientNorm: 0, solver: .newton)
        let x = Matrix([[1, 1], [0, 0], [400, 0], [-400, 0]])
        #expect(model.decisionFunction(x) == [-0.5, 0.5, 400.5, -399.5])
        let p = model.probabilities(x)
        #expect(abs(p[0] - 0.3775406687981454) < 1e-15)
        #expect(abs(p[1] - (1 - 0.3775406687981454)) < 1e-15)
        #expect(p[2] == 1 && p[3] > 0 && p[3] < 1e-170)
    }

    @Test func codableRoundTrip() throws {
        let (x, labels) = Self.randomProblem(rows: 50, columns: 2, seed: 8)
        let fitted = try LogisticRegression().fit(x, labels: labels)
        let decoded = try JSONDecoder().decode(FittedLogisticRegression.self, from: JSONEncoder().encode(fitted))
        #expect(decoded == fitted)
    }

    @Test func invalidInputsThrowClearErrors() {
        let x = Matrix([[1], [2], [3]])
        let model = LogisticRegression()
        #expect(throws: LearningError.noRows) { try model.fit(Matrix(rows: 0, columns: 2), labels: []) }
        #expect(throws: LearningError.singleClass(label: 1)) { try model.fit(x, labels: [1, 1, 1]) }
        #expect(throws: LearningError.singleClass(label: 0)) { try model.fit(x, labels: [0, 1, 0], sampleWeights: [1, 0, 2]) }
        #expect(throws: LearningError.labelCountMismatch(rows: 3, labels: 2)) { try model.fit(x, labels: [0, 1]) }
        #expect(throws: LearningError.invalidLabel(value: 2, row: 1)) { try model.fit(x, labels: [0, 2, 1]) }
        #expect(throws: LearningError.sampleWeightCountMismatch(rows: 3, weights: 1)) {
            try model.fit(x, labels: [0, 1, 1], sampleWeights: [1])
        }
        #expect(throws: LearningError.invalidSampleWeight(value: -1, row: 2)) {
            try model.fit(x, labels: [0, 1, 1], sampleWeights: [1, 1, -1])
        }
        #expect(throws: LearningError.nonFiniteValue(row: 2, column: 0)) {
            try model.fit(Matrix([[1], [2], [.nan]]), labels: [0, 1, 1])
        }
        #expect(throws: LearningError.invalidHyperparameter(name: "c", value: 0, reason: "must be a finite number above 0")) {
            try LogisticRegression(c: 0).fit(x, labels: [0, 1, 1])
        }
        let twoColumns = FittedLogisticRegression(coefficients: [1, 2], intercept: 0, iterations: 0, gradientNorm: 0, solver: .newton)
        #expect(throws: LearningError.warmStartColumnMismatch(columns: 1, coefficients: 2)) {
            try model.fit(x, labels: [0, 1, 1], startingFrom: twoColumns)
        }
        let infinite = FittedLogisticRegression(coefficients: [1], intercept: .infinity, iterations: 0, gradientNorm: 0, solver: .newton)
        #expect(throws: LearningError.nonFiniteWarmStart) { try model.fit(x, labels: [0, 1, 1], startingFrom: infinite) }
        #expect(LearningError.singleClass(label: 1).description
            == "every row (with positive weight) has label 1: fitting a classifier needs rows of both classes 0 and 1")
        #expect(LearningError.labelCountMismatch(rows: 3, labels: 2).description == "2 labels for 3 rows: give exactly one label per row")
    }
}

@Suite struct NewtonWarmStartTests {
    static func objective(rows: Int, c: Double) -> LogisticObjective {
        let (x, labels) = LogisticRegressionTests.randomProblem(rows: rows, columns: 4, seed: 12)
        return LogisticObjective(x: x, targets: labels.map(Double.init), weights: Array(repeating: 1, count: rows),
                                 inverseWeightSum: 1 / Double(rows), inverseC: 1 / c)
    }

    @Test func subsampleKeepsPenaltyToDataBalance() {
        let full = Self.objective(rows: 1000, c: 2)
        let subsample = full.everyRow(stride: 4)
        #expect(subsample.x.rows == 250 && subsample.x.row(1) == full.x.row(4))
        // C·S is kept: 1/C_sub = (1/C)·S_sub/S = 0.5·250/1000.
        #expect(abs(subsample.inverseC - 0.125) < 1e-15)
        #expect(abs(subsample.inverseWeightSum - 1.0 / 250) < 1e-15)
    }

    @Test func warmStartReachesTheSameOptimumInFewerFullSteps() {
        let objective = Self.objective(rows: 4000, c: 1)
        let cold = NewtonSolver(tolerance: 1e-10, maxIterations: 100).minimize(objective)
        var warmSolver = NewtonSolver(tolerance: 1e-10, maxIterations: 100)
        warmSolver.warmStartMinimumRows = 2000
        warmSolver.warmStartRows = 500
        let warm = warmSolver.minimize(objective)
        #expect(LearningComparison.maxAbsDifference(cold.theta, warm.theta) < 1e-9)
        #expect(warm.gradientNorm <= 1e-10)
        #expect(warm.iterations < cold.iterations)
    }
}

extension NewtonWarmStartTests {
    @Test func subsampleWithoutPositivesFallsBackToColdStart() {
        // Positives only in odd rows: every 8th row (0, 8, 16, …) is a negative, so the warm start must be skipped.
        let (x, _) = LogisticRegressionTests.randomProblem(rows: 4000, columns: 3, seed: 13)
        let targets = (0..<4000).map { $0 % 2 == 1 && $0 % 3 == 0 ? 1.0 : 0.0 }
        let objective = LogisticObjective(x: x, targets: targets, weights: Array(repeating: 1, count: 4000),
                                          inverseWeightSum: 1.0 / 4000, inverseC: 1)
        #expect(!objective.everyRow(stride: 8).hasBothClasses)
        var solver = NewtonSolver(tolerance: 1e-10, maxIterations: 100)
        solver.warmStartMinimumRows = 2000
        solver.warmStartRows = 500
        let warm = solver.minimize(objective)
        let cold = NewtonSolver(tolerance: 1e-10, maxIterations: 100).minimize(objective)
        #expect(warm.theta == cold.theta)
        #expect(warm.gradientNorm <= 1e-10)
    }
}
