/// Assignments of rows to cross-validation folds (a fold index per row), for the lead's CV loops.
public enum Folds {
    /// Stratified k-fold: each class's rows are shuffled with `SeededGenerator(seed:)` and dealt round-robin,
    /// continuing from the fold where the previous class (in increasing label order) stopped. Every fold gets
    /// floor or ceil of its share of each class, and fold sizes differ by at most one. Throws when `folds` < 2
    /// or a class has fewer rows than folds (a fold would lack that class; use fewer folds).
    public static func stratified(labels: [Int], folds: Int, seed: UInt64) throws -> [Int] {
        guard folds >= 2 else { throw EvaluationError.invalidFoldCount(folds) }
        var rowsByLabel: [Int: [Int]] = [:]
        for (row, label) in labels.enumerated() { rowsByLabel[label, default: []].append(row) }
        for (label, rows) in rowsByLabel where rows.count < folds {
            throw EvaluationError.classTooSmallForFolds(label: label, members: rows.count, folds: folds)
        }
        var generator = SeededGenerator(seed: seed)
        var assignment = [Int](repeating: 0, count: labels.count)
        var nextFold = 0
        for label in rowsByLabel.keys.sorted() {
            var rows = rowsByLabel[label]!
            for position in stride(from: rows.count - 1, to: 0, by: -1) {
                let other = Int(generator.next(upperBound: UInt64(position + 1)))
                rows.swapAt(position, other)
            }
            for row in rows {
                assignment[row] = nextFold
                nextFold = (nextFold + 1) % folds
            }
        }
        return assignment
    }

    /// One fold per distinct group (e.g. campaign), numbered in sorted group order: fold i holds every row of
    /// the i-th group, for leave-one-campaign-out evaluation. The caller decides what group unlabeled or
    /// control rows carry.
    public static func byGroup(groups: [String]) -> [Int] {
        let names = Set(groups).sorted()
        let foldOfName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return groups.map { foldOfName[$0]! }
    }
}
