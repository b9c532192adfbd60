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
