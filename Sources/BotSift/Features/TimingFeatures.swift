#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Timing feature values of one account (see `FeatureCatalogue.timing` and docs/FEATURES.md).
/// Without posts every value is 0 except the coefficient of variation, imputed 1 (a Poisson process's value,
/// for which burstiness is the imputed 0); with one post the inter-arrival values are imputed the same way.
struct TimingValues {
    var logPosts = 0.0
    var logActiveDays = 0.0
    var logPostsPerActiveDay = 0.0
    var logGapMean = 0.0
    var logGapMedian = 0.0
    var logGapStandardDeviation = 0.0
    var gapCoefficientOfVariation = 1.0
    var gapBurstiness = 0.0
    var gapLogBinEntropy = 0.0
    var shareGapsWithinMinute = 0.0
    var logMaxPostsInMinute = 0.0
    var logMaxPostsInHour = 0.0
    var hourOfDayEntropy = 0.0
    var dayOfWeekEntropy = 0.0
    var weekendShare = 0.0
    var circadianConcentration = 0.0
    var timeOfDaySlotsPerPost = 0.0
    var logLongestSilence = 0.0
    var dormancyReactivation = 0.0
    var logCreationToFirstPostDays = 0.0

    /// A gap longer than this (180 days) followed by a post marks dormancy then reactivation.
    static let dormancySeconds: Int64 = 180 * 86_400

    /// Values from one account's post times in ascending order (compact seconds). `gaps` is scratch space.
    init(sortedTimes times: UnsafeBufferPointer<Int32>, creationDay: Int32?, gaps: inout [Int64]) {
        let n = times.count
        guard n > 0 else { return }
        let posts = Double(n)
        logPosts = log1p(posts)

        var activeDays = 0, maxInMinute = 0, maxInHour = 0
        var runInMinute = 0, runInHour = 0
        var previousMinuteOfDay = -1, previousHourOfDay = -1
        // Fixed-size counts on the stack (no allocation per account); loops below use wrapping arithmetic on
        // values that cannot overflow (counts up to the post count, second of day below 86,400).
        var hourCounts = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var weekdayCounts = (0, 0, 0, 0, 0, 0, 0)
        var slotsLow: UInt64 = 0, slotsHigh: UInt64 = 0
        // Times ascend, so the day changes rarely: calendar work happens per day, cheap arithmetic per post.
        var dayStart = Int64.min, nextDayStart = Int64.min, weekday = 0
        withUnsafeMutableBytes(of: &hourCounts) { hourBytes in
            withUnsafeMutableBytes(of: &weekdayCounts) { weekdayBytes in
                let hours = hourBytes.assumingMemoryBound(to: Int.self), weekdays = weekdayBytes.assumingMemoryBound(to: Int.self)
                for compactTime in times {
                    let time = Int64(compactTime)
                    if time >= nextDayStart {
                        let day = CompactTime.floorDivide(compactTime, 86_400)
                        dayStart = Int64(day) * 86_400
                        nextDayStart = dayStart + 86_400
                        weekday = Int(CompactTime.weekday(unixDay: CompactTime.epochUnixDay + day))
                        activeDays &+= 1
                        previousMinuteOfDay = -1
                        previousHourOfDay = -1
                    }
                    let secondOfDay = Int(UInt32(truncatingIfNeeded: time &- dayStart))
                    let minuteOfDay = secondOfDay / 60, hourOfDay = secondOfDay / 3_600
                    runInMinute = minuteOfDay == previousMinuteOfDay ? runInMinute &+ 1 : 1
                    previousMinuteOfDay = minuteOfDay
                    maxInMinute = max(maxInMinute, runInMinute)
                    runInHour = hourOfDay == previousHourOfDay ? runInHour &+ 1 : 1
                    previousHourOfDay = hourOfDay
                    maxInHour = max(maxInHour, runInHour)
                    hours[hourOfDay] &+= 1
                    weekdays[weekday] &+= 1
                    let slot = secondOfDay / 900
                    if slot < 64 { slotsLow |= 1 &<< UInt64(slot) } else { slotsHigh |= 1 &<< UInt64(slot &- 64) }
                }
            }
        }
        logActiveDays = log1p(Double(activeDays))
        logPostsPerActiveDay = log1p(posts / Double(activeDays))
        logMaxPostsInMinute = log1p(Double(maxInMinute))
        logMaxPostsInHour = log1p(Double(maxInHour))
        var largestWindow = 0
        hourOfDayEntropy = withUnsafeBytes(of: hourCounts) { raw in
            let hours = raw.assumingMemoryBound(to: Int.self)
            for start in 0..<24 {
                largestWindow = max(largestWindow, hours[start] + hours[(start + 1) % 24] + hours[(start + 2) % 24])
            }
            return entropyInBits(counts: hours, total: n)
        }
        dayOfWeekEntropy = withUnsafeBytes(of: weekdayCounts) { raw in
            entropyInBits(counts: raw.assumingMemoryBound(to: Int.self), total: n)
        }
        weekendShare = Double(weekdayCounts.5 + weekdayCounts.6) / posts
        circadianConcentration = Double(largestWindow) / posts
        timeOfDaySlotsPerPost = Double(slotsLow.nonzeroBitCount + slotsHigh.nonzeroBitCount) / posts
        if let creationDay {
            let firstDay = CompactTime.unixDay(times[0])
            logCreationToFirstPostDays = log1p(Double(max(0, Int(firstDay) - Int(creationDay))))
        }

        guard n > 1 else { return }
        if gaps.count < n - 1 { gaps = [Int64](repeating: 0, count: max(n - 1, 2 * gaps.count)) }
        var sum = 0.0, withinMinute = 0, longest: Int64 = 0
        let gapCount = Double(n - 1)
        let (mean, deviation, medianGap, gapEntropy) = gaps.withUnsafeMutableBufferPointer { buffer in
            // Counts of gaps by bit length (log2 bins), on the stack.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 65) { bins in
                bins.initialize(repeating: 0)
                let gapValues = buffer.baseAddress!
                var previous = Int64(times[0])
                for i in 1..<n {
                    let time = Int64(times[i])
                    let gap = time &- previous
                    previous = time
                    gapValues[i &- 1] = gap
                    sum += Double(gap)
                    withinMinute &+= gap <= 60 ? 1 : 0
                    longest = max(longest, gap)
                    bins[63 &- UInt64(gap &+ 1).leadingZeroBitCount] &+= 1
                }
                let mean = sum / gapCount
                var squares = 0.0
                for i in 0..<(n &- 1) { squares += (Double(gapValues[i]) - mean) * (Double(gapValues[i]) - mean) }
                let middle = median(UnsafeMutableBufferPointer(start: gapValues, count: n &- 1))
                return (mean, (squares / gapCount).squareRoot(), middle, entropyInBits(counts: UnsafeBufferPointer(bins), total: n - 1))
            }
        }
        logGapMean = log1p(mean)
        logGapMedian = log1p(medianGap)
        logGapStandardDeviation = log1p(deviation)
        gapCoefficientOfVariation = mean > 0 ? deviation / mean : 0
        gapBurstiness = mean + deviation > 0 ? (deviation - mean) / (deviation + mean) : 0
        gapLogBinEntropy = gapEntropy
        shareGapsWithinMinute = Double(withinMinute) / gapCount
        logLongestSilence = log1p(Double(longest))
        dormancyReactivation = longest > Self.dormancySeconds ? 1 : 0
    }
}
