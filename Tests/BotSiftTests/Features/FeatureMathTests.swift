import Testing
@testable import BotSift

@Suite struct FeatureMathTests {
    @Test func medianByQuickselectMatchesSortedMiddle() {
        func medianOf(_ values: [Int64]) -> Double {
            var copy = values
            return copy.withUnsafeMutableBufferPointer { median($0) }
        }
        #expect(medianOf([7]) == 7)
        #expect(medianOf([60, 30, 583_200, 17_910]) == 8_985)   // (60 + 17910) / 2
        #expect(medianOf([5, 5, 5, 1, 9]) == 5)
        #expect(medianOf([3, 1, 2, 2, 2, 2]) == 2)
        var generator = SeededGenerator(seed: 11)
        for count in 1...60 {
            let values = (0..<count).map { _ in Int64(generator.next() % 10) }
            let sorted = values.sorted()
            let expected = count % 2 == 1 ? Double(sorted[count / 2])
                : (Double(sorted[count / 2 - 1]) + Double(sorted[count / 2])) / 2
            #expect(medianOf(values) == expected)
        }
        // Wide values (gaps up to years), long runs of one value (timer bots), sorted and reversed input.
        for count in [61, 250, 1_001] {
            let wide = (0..<count).map { _ in Int64(generator.next() % 40_000_000) }
            let runs = (0..<count).map { index in index % 7 == 0 ? Int64(generator.next() % 5_000) : 600 }
            for values in [wide, runs, wide.sorted(), wide.sorted().reversed()] {
                let sorted = values.sorted()
                let expected = count % 2 == 1 ? Double(sorted[count / 2])
                    : (Double(sorted[count / 2 - 1]) + Double(sorted[count / 2])) / 2
                #expect(medianOf(values) == expected)
            }
        }
        #expect(medianOf([Int64](repeating: 600, count: 10_000)) == 600)
    }

    @Test func distinctHashCounterCountsExactlyAndResetsBetweenCalls() {
        var counter = DistinctHashCounter()
        func count(_ hashes: [UInt64]) -> (Int, Int) {
            hashes.withUnsafeBufferPointer { counter.count($0) }
        }
        #expect(count([]) == (0, 0))
        #expect(count([11, 11, 0, 22, 33]) == (4, 3))            // 0 is "no text"
        #expect(count([11]) == (1, 1))                            // nothing left over from the previous call
        // 1,000 values from 300 distinct ones, forcing collisions and probing.
        let many = (0..<1_000).map { UInt64($0 % 300 + 1) << 40 }
        #expect(count(many) == (1_000, 300))
        #expect(count([5, 5]) == (2, 1))
    }
}
