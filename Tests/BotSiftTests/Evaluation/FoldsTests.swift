import Testing
@testable import BotSift

@Suite struct FoldsTests {
    @Test func everyFoldGetsItsShareOfEachClass() throws {
        let labels = [Int](repeating: 1, count: 30) + [Int](repeating: 0, count: 70)
        let folds = try Folds.stratified(labels: labels, folds: 5, seed: 3)
        #expect(folds.count == 100 && folds.allSatisfy { (0..<5).contains($0) })
        for fold in 0..<5 {
            let rows = folds.indices.filter { folds[$0] == fold }
            #expect(rows.filter { labels[$0] == 1 }.count == 6)  // 30 / 5
            #expect(rows.filter { labels[$0] == 0 }.count == 14)  // 70 / 5
        }
    }

    @Test func unevenClassesDealRoundRobinAcrossClasses() throws {
        // 13 non-bots dealt first from fold 0: 5, 4, 4; the 7 bots continue from fold 1: folds 1, 2, 0 get 3, 2, 2.
        let labels = [Int](repeating: 0, count: 13) + [Int](repeating: 1, count: 7)
        let folds = try Folds.stratified(labels: labels, folds: 3, seed: 9)
        func count(_ fold: Int, _ label: Int) -> Int { folds.indices.filter { folds[$0] == fold && labels[$0] == label }.count }
        #expect((0..<3).map { count($0, 0) } == [5, 4, 4])
        #expect((0..<3).map { count($0, 1) } == [2, 3, 2])
        #expect((0..<3).map { count($0, 0) + count($0, 1) } == [7, 7, 6])
    }

    @Test func sameSeedSameFoldsDifferentSeedDifferent() throws {
        let labels = (0..<200).map { $0 % 3 == 0 ? 1 : 0 }
        let a = try Folds.stratified(labels: labels, folds: 4, seed: 1)
        #expect(a == (try Folds.stratified(labels: labels, folds: 4, seed: 1)))
        #expect(a != (try Folds.stratified(labels: labels, folds: 4, seed: 2)))
    }

    @Test func tooFewMembersOrFoldsThrow() {
        #expect(throws: EvaluationError.classTooSmallForFolds(label: 1, members: 2, folds: 3)) {
            try Folds.stratified(labels: [1, 0, 1, 0, 0, 0], folds: 3, seed: 0)
        }
        #expect(throws: EvaluationError.invalidFoldCount(1)) {
            try Folds.stratified(labels: [1, 0], folds: 1, seed: 0)
        }
    }

    @Test func byGroupNumbersGroupsInSortedOrder() {
        #expect(Folds.byGroup(groups: ["iran_1", "china_2", "russia_3", "china_2"]) == [1, 0, 2, 0])
    }
}
