import CSIMDScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Cohort feature values of one account (see `FeatureCatalogue.cohort` and docs/FEATURES.md).
/// Accounts without a creation date get 0 for the creation cohorts; accounts without posts get 0 co-posting.
struct CohortValues {
    var logSameCreationDayAccounts = 0.0
    var logSameCreationWeekAccounts = 0.0
    var copostingMinuteShare = 0.0
}

/// How many accounts of the batch were created on each day and in each ISO week.
struct CreationCohorts {
    private var accountsPerDay: [Int32: Int] = [:]
    private var accountsPerWeek: [Int32: Int] = [:]

    init<S: Sequence>(creationDays: S) where S.Element == Int32 {
        for day in creationDays {
            accountsPerDay[day, default: 0] += 1
            accountsPerWeek[CompactTime.isoWeek(unixDay: day), default: 0] += 1
        }
    }

    /// Fills the creation-cohort values of an account created on `day` (the account itself not counted).
    func fill(_ values: inout CohortValues, creationDay day: Int32?) {
        guard let day else { return }
        values.logSameCreationDayAccounts = log1p(Double(accountsPerDay[day, default: 1] - 1))
        values.logSameCreationWeekAccounts = log1p(Double(accountsPerWeek[CompactTime.isoWeek(unixDay: day), default: 1] - 1))
    }
}

/// For every clock minute of the batch's time span, how many distinct accounts posted in it (saturating at
/// 65,535, exact for the threshold test while `minimumOthers` <= 65,534). Dense: 2 bytes per minute of span
/// (10 years = 10.5 MB, small enough to stay mostly in cache), so lookups are array indexing, not hashing.
struct MinuteOccupancy {
    private let firstMinute: Int32
    private var accountsPerMinute: [UInt16]

    /// An empty occupancy over `firstMinute...lastMinute` (compact minutes).
    init(firstMinute: Int32, lastMinute: Int32) {
        self.firstMinute = firstMinute
        accountsPerMinute = [UInt16](repeating: 0, count: Int(lastMinute) - Int(firstMinute) + 1)
    }

    /// How many posts ahead the counters are prefetched: an account's posts are usually hours apart, so each one
    /// touches its own cache line of a table far larger than the L2 cache.
    private static let prefetchDistance = 8

    /// Counts one account in each distinct minute of its ascending post times.
    mutating func addAccount(sortedTimes: UnsafeBufferPointer<Int32>) {
        let firstMinute = self.firstMinute
        accountsPerMinute.withUnsafeMutableBufferPointer { counts in
            var previous = Int32.min
            for (index, time) in sortedTimes.enumerated() {
                if index &+ Self.prefetchDistance < sortedTimes.count {
                    let ahead = CompactTime.floorDivide(sortedTimes[index &+ Self.prefetchDistance], 60)
                    csimd_prefetch(counts.baseAddress! + Int(ahead - firstMinute))
                }
                let minute = CompactTime.floorDivide(time, 60)
                if minute != previous {
                    let slot = Int(minute - firstMinute)
                    if counts[slot] < UInt16.max { counts[slot] += 1 }
                    previous = minute
                }
            }
        }
    }

    /// Adds the counts of `others`, which cover the same minutes (counted over other sets of accounts), on up to
    /// `threads` threads, each summing its own slice of minutes.
    mutating func merge(_ others: [MinuteOccupancy], threads: Int) {
        for other in others {
            precondition(other.firstMinute == firstMinute && other.accountsPerMinute.count == accountsPerMinute.count,
                         "merged minute counts must cover the same span")
        }
        guard !others.isEmpty else { return }
        accountsPerMinute.withUnsafeMutableBufferPointer { counts in
            let output = DisjointWrites(buffer: counts)
            let total = counts.count, sliceLength = (total + threads - 1) / threads
            _ = ParallelWork.map(threads, threads: threads) { slice in
                let minutes = min(total, slice * sliceLength)..<min(total, (slice + 1) * sliceLength)
                for other in others {
                    other.accountsPerMinute.withUnsafeBufferPointer { added in
                        // Widened, summed and clamped: no branch, so the loop vectorises.
                        for minute in minutes {
                            output.buffer[minute] = UInt16(
                                truncatingIfNeeded: min(UInt32(output.buffer[minute]) &+ UInt32(added[minute]), 65_535))
                        }
                    }
                }
            }
        }
    }

    /// Share of an account's posts (in any order) made in minutes when at least `minimumOthers` other accounts posted.
    func copostingShare(times: UnsafeBufferPointer<Int32>, minimumOthers: Int) -> Double {
        guard !times.isEmpty else { return 0 }
        var qualifying = 0
        accountsPerMinute.withUnsafeBufferPointer { counts in
            for (index, time) in times.enumerated() {
                if index &+ Self.prefetchDistance < times.count {
                    let ahead = CompactTime.floorDivide(times[index &+ Self.prefetchDistance], 60)
                    csimd_prefetch(counts.baseAddress! + Int(ahead - firstMinute))
                }
                let minute = CompactTime.floorDivide(time, 60)
                if Int(counts[Int(minute - firstMinute)]) - 1 >= minimumOthers { qualifying += 1 }
            }
        }
        return Double(qualifying) / Double(times.count)
    }
}
