import BotSift

/// Relative posting intensity for each hour of the local week (index weekday * 24 + hour, Monday = 0),
/// scaled so the busiest hour is 1. Thinning a Poisson process by it gives circadian and weekly rhythm.
struct WeekProfile: Sendable {
    var weights: [Double]
    let offsetMinutes: Int

    /// Mean weight over the week: the share of candidate times that are kept.
    var mean: Double { weights.reduce(0, +) / Double(weights.count) }

    func weight(atMinute minute: Double) -> Double {
        let local = Int64(minute) + Int64(offsetMinutes)
        let day = local >= 0 ? local / 1440 : (local - 1439) / 1440
        let weekday = Int(((day % 7) + 7 + 3) % 7)
        let hour = Int((local - day * 1440) / 60)
        return weights[weekday * 24 + hour]
    }

    private static let humanDay: [Double] = [0.30, 0.15, 0.08, 0.05, 0.04, 0.06, 0.15, 0.35, 0.55, 0.65, 0.65, 0.70,
                                             0.80, 0.75, 0.70, 0.70, 0.75, 0.80, 0.90, 1.00, 1.00, 0.95, 0.80, 0.55]

    /// A person: low at night, peaks in the evening; personal chronotype shift and noise; weekends later.
    static func human(offsetMinutes: Int, nightShift: Int = 0, rng: inout SeededGenerator) -> WeekProfile {
        let shift = rng.integer(-1...2) + nightShift
        let weekendShift = shift + rng.integer(1...2)
        let weekendLevel = rng.uniform(0.7, 1.4)
        var weights: [Double] = []
        for weekday in 0..<7 {
            for hour in 0..<24 {
                let weekend = weekday >= 5
                let source = ((hour - (weekend ? weekendShift : shift)) % 24 + 24) % 24
                weights.append(humanDay[source] * (weekend ? weekendLevel : 1) * rng.logNormal(median: 1, sigma: 0.25))
            }
        }
        return WeekProfile(weights: weights, offsetMinutes: offsetMinutes).normalised()
    }

    /// Working hours on weekdays (lunch dip), `leak` elsewhere: brands' social teams and office-bound operators.
    static func office(hours: Range<Int>, offsetMinutes: Int, leak: Double, rng: inout SeededGenerator) -> WeekProfile {
        var weights: [Double] = []
        for weekday in 0..<7 {
            for hour in 0..<24 {
                if weekday < 5 && hours.contains(hour) {
                    let lunch = hour == 12 ? 0.4 : 1.0
                    weights.append(lunch * rng.uniform(0.75, 1.0))
                } else {
                    weights.append(leak)
                }
            }
        }
        return WeekProfile(weights: weights, offsetMinutes: offsetMinutes).normalised()
    }

    /// Every hour of every day with `daytimeBoost` extra in local daytime (automation, newsrooms).
    static func roundTheClock(offsetMinutes: Int, daytimeBoost: Double, rng: inout SeededGenerator) -> WeekProfile {
        var weights: [Double] = []
        for _ in 0..<7 {
            for hour in 0..<24 {
                let daytime = (7..<23).contains(hour) ? daytimeBoost : 0
                weights.append(rng.uniform(0.8, 1.0) + daytime)
            }
        }
        return WeekProfile(weights: weights, offsetMinutes: offsetMinutes).normalised()
    }

    /// Two shifts, 07:00-23:00 local, seven days a week.
    static func shifts(offsetMinutes: Int, rng: inout SeededGenerator) -> WeekProfile {
        var weights: [Double] = []
        for _ in 0..<7 {
            for hour in 0..<24 { weights.append((7..<23).contains(hour) ? rng.uniform(0.8, 1.0) : 0.03) }
        }
        return WeekProfile(weights: weights, offsetMinutes: offsetMinutes).normalised()
    }

    private func normalised() -> WeekProfile {
        let top = weights.max() ?? 1
        return WeekProfile(weights: weights.map { $0 / top }, offsetMinutes: offsetMinutes)
    }
}

/// A thinned Poisson process over one window with optional session follow-ups: yields post minutes in
/// increasing order, one at a time, holding only its current time.
struct PostingProcess: Sendable {
    private var time: Double
    private let end: Double
    private let meanGap: Double
    private let profile: WeekProfile
    private let sessionProbability: Double
    private var inSession = false

    /// `expectedPosts` in `[start, end)` minutes; session follow-ups (gap ~4 minutes) chain with `sessionProbability`.
    init(start: Int64, end: Int64, expectedPosts: Double, profile: WeekProfile, sessionProbability: Double) {
        time = Double(start)
        self.end = Double(end)
        self.profile = profile
        self.sessionProbability = sessionProbability
        let basePosts = expectedPosts * (1 - sessionProbability)
        let candidateRate = basePosts / (profile.mean * Double(max(1, end - start)))
        meanGap = candidateRate > 0 ? 1 / candidateRate : .infinity
    }

    /// The next post minute, or nil when the window is exhausted.
    mutating func next(_ rng: inout SeededGenerator) -> Int64? {
        guard meanGap.isFinite else { return nil }
        if inSession && rng.chance(sessionProbability) {
            time += 0.5 + rng.exponential(mean: 4)
            return time < end ? Int64(time) : nil
        }
        while true {
            time += rng.exponential(mean: meanGap)
            if time >= end { return nil }
            if rng.nextUnit() < profile.weight(atMinute: time) {
                inSession = true
                return Int64(time)
            }
        }
    }
}

/// Where a post comes from in an account's life.
enum PostPhase: Sendable, Equatable {
    /// Years-old activity before the account went quiet.
    case early
    /// The account's main activity (campaign work for influence-operation accounts).
    case main
    /// A coordinated burst of the campaign (index into the recipe's burst list).
    case burst(Int)
}

/// One account's post times in increasing order: early phase, then main phase merged with the campaign
/// bursts the account joins. Holds O(1) state; nothing is collected.
struct AccountTimeline: Sendable {
    private var early: PostingProcess?
    private var main: PostingProcess
    private let bursts: [Int64]
    private let burstParticipation: Double
    private let mainStart: Int64
    private let mainEnd: Int64
    private var burstIndex = 0
    private var burstPostsLeft = 0
    private var burstTime: Int64 = 0
    private var pendingMain: Int64?
    private var mainStarted = false

    init(early: PostingProcess?, main: PostingProcess, mainStart: Int64, mainEnd: Int64, bursts: [Int64], burstParticipation: Double) {
        self.early = early
        self.main = main
        self.mainStart = mainStart
        self.mainEnd = mainEnd
        self.bursts = bursts
        self.burstParticipation = burstParticipation
    }

    /// The next post (minute and phase), or nil when the account has posted everything.
    mutating func next(_ rng: inout SeededGenerator) -> (minute: Int64, phase: PostPhase)? {
        if early != nil {
            if let minute = early!.next(&rng) { return (minute, .early) }
            early = nil
        }
        if !mainStarted {
            mainStarted = true
            pendingMain = main.next(&rng)
        }
        let burst = peekBurst(&rng)
        if let b = burst, pendingMain == nil || b.minute < pendingMain! {
            burstPostsLeft -= 1
            burstTime = b.minute + Int64(rng.below(2))
            return (b.minute, .burst(b.index))
        }
        guard let minute = pendingMain else { return nil }
        pendingMain = main.next(&rng)
        return (minute, .main)
    }

    /// The next burst post this account makes, deciding participation burst by burst.
    private mutating func peekBurst(_ rng: inout SeededGenerator) -> (minute: Int64, index: Int)? {
        while burstPostsLeft == 0 {
            guard burstIndex < bursts.count else { return nil }
            let minute = bursts[burstIndex]
            burstIndex += 1
            if minute >= mainStart && minute < mainEnd && rng.chance(burstParticipation) {
                burstPostsLeft = rng.integer(1...3)
                burstTime = minute + Int64(rng.below(3))
            }
        }
        return (burstTime, burstIndex - 1)
    }
}
