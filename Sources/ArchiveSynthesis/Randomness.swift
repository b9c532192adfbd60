#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import BotSift

/// Mixes two 64-bit values into one well-spread seed (SplitMix64 finaliser), so every account and
/// campaign gets its own generator derived from the archive seed, independent of generation order.
func mixSeed(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var z = a &+ 0x9E37_79B9_7F4A_7C15 &* (b &+ 1)
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// Distribution helpers used by the generator; all draw from the seeded xoshiro stream.
extension SeededGenerator {
    /// A uniform integer in `0..<bound` (multiply-high reduction; `bound` must be positive).
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in the closed range.
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { nextUnit() < p }

    /// A uniform double in `[low, high)`.
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * nextUnit() }

    /// A standard normal draw (Box-Muller, one value per call).
    mutating func normal() -> Double {
        let u1 = 1 - nextUnit(), u2 = nextUnit()
        return sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
    }

    /// A log-normal draw with the given median and log-scale spread.
    mutating func logNormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    /// An exponential draw with the given mean.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - nextUnit()) }

    /// A Pareto draw with scale `minimum` and tail index `alpha` (heavier tail for smaller alpha).
    mutating func pareto(minimum: Double, alpha: Double) -> Double { minimum / pow(1 - nextUnit(), 1 / alpha) }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn with probability proportional to `weights` (non-negative, positive sum).
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var target = nextUnit() * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.count - 1
    }

    /// An index in `0..<count` favouring small indices (Zipf-like with exponent 1).
    mutating func zipfIndex(_ count: Int) -> Int {
        let x = pow(Double(count + 1), nextUnit()) - 1
        return min(count - 1, Int(x))
    }

    /// Shuffles in place (Fisher-Yates), reproducibly.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }
}
