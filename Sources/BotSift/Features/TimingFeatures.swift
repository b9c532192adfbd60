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
        var hourCounts = [Int](repeating: 0, count: 24)
        var weekdayCounts = [Int](repeating: 0, count: 7)
        var slotsLow: UInt64 = 0, slotsHigh: UInt64 = 0
        // Times ascend, so the day changes rarely: calendar work happens per day, cheap arithmetic per post.
        var dayStart = Int64.min, nextDayStart = Int64.min, weekday = 0
        for compactTime in times {
            let time = Int64(compactTime)
            if time >= nextDayStart {
                let day = CompactTime.floorDivide(compactTime, 86_400)
                dayStart = Int64(day) * 86_400
                nextDayStart = dayStart + 86_400
                weekday = Int(CompactTime.weekday(unixDay: CompactTime.epochUnixDay + day))
                activeDays += 1
                previousMinuteOfDay = -1
                previousHourOfDay = -1
            }
            let secondOfDay = Int(UInt32(truncatingIfNeeded: time - dayStart))
            let minuteOfDay = secondOfDay / 60, hourOfDay = secondOfDay / 3_600
            runInMinute = minuteOfDay == previousMinuteOfDay ? runInMinute + 1 : 1
            previousMinuteOfDay = minuteOfDay
            maxInMinute = max(maxInMinute, runInMinute)
            runInHour = hourOfDay == previousHourOfDay ? runInHour + 1 : 1
            previousHourOfDay = hourOfDay
            maxInHour = max(maxInHour, runInHour)
            hourCounts[hourOfDay] += 1
            weekdayCounts[weekday] += 1
            let slot = secondOfDay / 900
            if slot < 64 { slotsLow |= 1 << UInt64(slot) } else { slotsHigh |= 1 << UInt64(slot - 64) }
        }
        logActiveDays = log1p(Double(activeDays))
        logPostsPerActiveDay = log1p(posts / Double(activeDays))
        logMaxPostsInMinute = log1p(Double(maxInMinute))
        logMaxPostsInHour = log1p(Double(maxInHour))
        hourOfDayEntropy = entropyInBits(counts: hourCounts, total: n)
        dayOfWeekEntropy = entropyInBits(counts: weekdayCounts, total: n)
        weekendShare = Double(weekdayCounts[5] + weekdayCounts[6]) / posts
        var largestWindow = 0
        for start in 0..<24 {
            largestWindow = max(largestWindow, hourCounts[start] + hourCounts[(start + 1) % 24] + hourCounts[(start + 2) % 24])
        }
        circadianConcentration = Double(largestWindow) / posts
        timeOfDaySlotsPerPost = Double(slotsLow.nonzeroBitCount + slotsHigh.nonzeroBitCount) / posts
        if let creationDay {
            let firstDay = CompactTime.unixDay(times[0])
            logCreationToFirstPostDays = log1p(Double(max(0, Int(firstDay) - Int(creationDay))))
        }

        guard n > 1 else { return }
        gaps.removeAll(keepingCapacity: true)
        var sum = 0.0, withinMinute = 0, longest: Int64 = 0
        var binCounts = [Int](repeating: 0, count: 65)
        for i in 1..<n {
            let gap = Int64(times[i]) - Int64(times[i - 1])
            gaps.append(gap)
            sum += Double(gap)
            if gap <= 60 { withinMinute += 1 }
            longest = max(longest, gap)
            binCounts[63 - UInt64(gap + 1).leadingZeroBitCount] += 1
        }
        let gapCount = Double(n - 1)
        let mean = sum / gapCount
        var squares = 0.0
        for gap in gaps { squares += (Double(gap) - mean) * (Double(gap) - mean) }
        let deviation = (squares / gapCount).squareRoot()
        let medianGap = gaps.withUnsafeMutableBufferPointer { median($0) }
        logGapMean = log1p(mean)
        logGapMedian = log1p(medianGap)
        logGapStandardDeviation = log1p(deviation)
        gapCoefficientOfVariation = mean > 0 ? deviation / mean : 0
        gapBurstiness = mean + deviation > 0 ? (deviation - mean) / (deviation + mean) : 0
        gapLogBinEntropy = entropyInBits(counts: binCounts, total: n - 1)
        shareGapsWithinMinute = Double(withinMinute) / gapCount
        logLongestSilence = log1p(Double(longest))
        dormancyReactivation = longest > Self.dormancySeconds ? 1 : 0
    }
}
