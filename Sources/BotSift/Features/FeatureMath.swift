#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Shannon entropy in bits of a histogram given as counts in a canonical (data-order-independent) order;
/// 0 for an empty histogram. The canonical order keeps the floating-point sum identical for any post order.
func entropyInBits<C: Collection>(counts: C, total: Int) -> Double where C.Element: BinaryInteger {
    guard total > 0 else { return 0 }
    let n = Double(total)
    var entropy = 0.0
    for count in counts where count > 0 {
        let p = Double(count) / n
        entropy -= p * log2(p)
    }
    return entropy
}

/// Time arithmetic on the compact timestamps kept per post: `Int32` seconds since 2000-01-01 00:00 UTC
/// (covers 1931-2068; archive tweets are 2006 onwards).
enum CompactTime {
    /// 2000-01-01 00:00 UTC in Unix seconds; a whole number of days (10,957).
    static let epochUnixSeconds: Int64 = 946_684_800
    static let epochUnixDay: Int32 = 10_957

    /// Unix seconds to compact seconds, clamped to the `Int32` range.
    @inline(__always)
    static func compact(_ unixSeconds: Int64) -> Int32 {
        Int32(clamping: unixSeconds - epochUnixSeconds)
    }

    /// Floor division (rounds towards minus infinity, unlike `/`).
    @inline(__always)
    static func floorDivide(_ a: Int32, _ b: Int32) -> Int32 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Remainder of floor division by a positive `b`: always in `0..<b`.
    @inline(__always)
    static func floorModulo(_ a: Int32, _ b: Int32) -> Int32 {
        let remainder = a % b
        return remainder < 0 ? remainder + b : remainder
    }

    /// Days since 1970-01-01 of a compact time.
    @inline(__always)
    static func unixDay(_ time: Int32) -> Int32 { epochUnixDay + floorDivide(time, 86_400) }

    /// Day of week of a Unix day, 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    @inline(__always)
    static func weekday(unixDay: Int32) -> Int32 { floorModulo(unixDay + 3, 7) }

    /// Monday-based week number of a Unix day: two days share it exactly when they are in the same ISO week.
    @inline(__always)
    static func isoWeek(unixDay: Int32) -> Int32 { floorDivide(unixDay + 3, 7) }
}

/// Counts the distinct non-zero values among 64-bit hashes in time proportional to their number, with an
/// open-addressing table reused across accounts (no sorting, no per-value allocation). The counts are integers,
/// so they do not depend on the order of the hashes.
struct DistinctHashCounter {
    private var slots: [UInt64] = []

    /// How many hashes are non-zero, and how many distinct non-zero values they hold (0 marks "absent").
    mutating func count(_ hashes: UnsafeBufferPointer<UInt64>) -> (count: Int, distinct: Int) {
        var capacity = 16
        while capacity < 2 * hashes.count { capacity <<= 1 }
        if slots.count < capacity { slots = [UInt64](repeating: 0, count: capacity) }
        let mask = capacity - 1
        let shift = UInt64(64 - capacity.trailingZeroBitCount)
        var count = 0, distinct = 0
        slots.withUnsafeMutableBufferPointer { table in
            for hash in hashes where hash != 0 {
                count += 1
                // Fibonacci hashing: the top bits of hash * 2^64/φ spread even sequential values.
                var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while table[slot] != hash {
                    if table[slot] == 0 {
                        table[slot] = hash
                        distinct += 1
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
            table.baseAddress!.update(repeating: 0, count: capacity)
        }
        return (count, distinct)
    }
}

/// -1 when `x < y`, else 0, by arithmetic (Hacker's Delight 2-12): the compiler keeps it free of branches, which it
/// does not always do for a comparison.
@inline(__always)
private func lessThanMask(_ x: Int64, _ y: Int64) -> Int {
    let difference = x &- y
    return Int(truncatingIfNeeded: (difference ^ ((x ^ y) & (difference ^ x))) >> 63)
}

/// The median of `values` in expected linear time (quickselect with a median-of-three pivot); may reorder them.
/// For an even count, the mean of the two middle values. Each round copies the range three ways (below, equal to,
/// above the pivot) into the other of two buffers without branching: gaps are unpredictable, so a
/// compare-and-branch partition mispredicted on about every other element, and an in-place branch-free one waits
/// on its own stores. The equal band keeps runs of equal gaps (bots posting on a timer) linear.
func median(_ values: UnsafeMutableBufferPointer<Int64>) -> Double {
    precondition(!values.isEmpty, "median of no values")
    let count = values.count
    return withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { scratch in
        var source = values.baseAddress!, target = scratch.baseAddress!
        let upper = count / 2
        var low = 0, high = count
        // The largest value known to lie below the current range (for the lower middle of an even count).
        var largestBelow = Int64.min
        while high - low > 1 {
            let a = source[low], b = source[low + (high - low) / 2], c = source[high - 1]
            let pivot = max(min(a, b), min(max(a, b), c))
            // Every value is written at both ends; only the end it belongs to moves on.
            var front = low, back = high - 1
            for index in low..<high {
                let value = source[index]
                target[front] = value
                target[back] = value
                front &-= lessThanMask(value, pivot)
                back &+= lessThanMask(pivot, value)
            }
            // target[low..<front] < pivot, target[front...back] == pivot, target[back + 1..<high] > pivot.
            swap(&source, &target)
            /// The largest value below the pivot (only needed for the lower middle of an even count).
            func largestLess() -> Int64 {
                UnsafeBufferPointer(start: source + low, count: front - low).max().map { max($0, largestBelow) } ?? largestBelow
            }
            if upper < front {
                high = front
            } else if upper > back {
                if count % 2 == 0 { largestBelow = front <= back ? pivot : largestLess() }
                low = back + 1
            } else {
                guard count % 2 == 0 else { return Double(pivot) }
                let lower = upper > front ? pivot : largestLess()
                return (Double(lower) + Double(pivot)) / 2
            }
        }
        let middle = source[low]
        guard count % 2 == 0 else { return Double(middle) }
        return (Double(largestBelow) + Double(middle)) / 2
    }
}
