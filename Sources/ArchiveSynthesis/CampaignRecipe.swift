import BotSift

/// One influence-operation campaign's signature, drawn at random per campaign so held-out campaigns
/// differ from training ones: when the operators work, how accounts were created, how they amplify,
/// what clients and names they use, how much they copy text, and how many accounts mimic people.
public struct CampaignRecipe: Sendable, Equatable {
    /// When the operators post.
    public enum Schedule: String, Sendable {
        /// Weekdays inside `officeHours` in the operators' time zone, a trickle outside.
        case officeHours = "office_hours"
        /// Automation around the clock, every day.
        case roundTheClock = "round_the_clock"
        /// Two shifts covering 07:00-23:00 local, seven days a week.
        case shifts
    }

    /// How screen names of plain (non-mimic) accounts look.
    public enum NameStyle: String, Sendable {
        /// A name plus 6-8 digits (`lindamark84213765`).
        case digitSuffix = "digit_suffix"
        /// 15 random letters and digits (`RG4ax0bBuN19XZb`), Twitter's suggested-handle shape.
        case randomAlphanumeric = "random"
        /// Names like real people's.
        case humanLike = "human_like"
    }

    /// Label written to labels.csv, e.g. `cn_harbor_0b`.
    public let name: String
    public let operatorCode: String
    public let operatorUTCOffsetMinutes: Int
    /// Days the campaign is active.
    public let firstDay: CalendarDay
    public let lastDay: CalendarDay
    public let schedule: Schedule
    /// Local office hours (start inclusive, end exclusive) used by `.officeHours`.
    public let officeHours: Range<Int>
    /// Days on which a cohort of accounts was created (empty: creation dates spread out).
    public let cohortDays: [CalendarDay]
    /// Share of non-dormant, non-mimic accounts created on `cohortDays`.
    public let cohortShare: Double
    /// Share of accounts that are old, dormant accounts repurposed for the campaign.
    public let dormantShare: Double
    /// Share of active accounts that are core (original content); 1 means no amplifier structure.
    public let coreShare: Double
    /// Share of amplifier posts that retweet a core account.
    public let amplifierRetweetShare: Double
    /// Minutes (since the epoch, UTC) at which the campaign posts in a coordinated burst.
    public let burstMinutes: [Int64]
    /// Probability that an account joins a given burst.
    public let burstParticipation: Double
    public let nameStyle: NameStyle
    /// Posting clients of plain accounts.
    public let clients: [String]
    /// Share of original posts that copy one of the campaign's template texts verbatim.
    public let duplicateShare: Double
    /// Share of accounts built to look human (official clients, human rhythm, varied text).
    public let mimicShare: Double
    public let hashtags: [String]
    public let domains: [String]
    /// Tweet language codes the campaign writes in, most used first.
    public let tweetLanguages: [String]

    let languageIndices: [Int]
    let languageWeights: [Double]
    /// Posts per account relative to a casual user.
    let activity: Double
    let followerMedian: Double
    let followsMany: Bool
    let urlShare: Double
    let hashtagRate: Double
    let templateCount: Int
    let seed: UInt64

    /// True when amplifier accounts retweet a small core.
    public var usesAmplification: Bool { coreShare < 1 }

    /// One line naming the traits, for summaries and the sample README.
    public var signature: String {
        var traits = ["\(schedule.rawValue)(UTC\(CampaignRecipe.offsetText(operatorUTCOffsetMinutes)))"]
        if !cohortDays.isEmpty { traits.append("cohort(\(cohortDays.count) days, \(Int(cohortShare * 100))%)") }
        if dormantShare > 0 { traits.append("dormant(\(Int(dormantShare * 100))%)") }
        if usesAmplification { traits.append("amplify(core \(Int(coreShare * 100))%, rt \(Int(amplifierRetweetShare * 100))%)") }
        if !burstMinutes.isEmpty { traits.append("bursts(\(burstMinutes.count) x \(Int(burstParticipation * 100))%)") }
        traits.append("names:\(nameStyle.rawValue)")
        traits.append("clients:\(clients.joined(separator: "|"))")
        traits.append("dup \(Int(duplicateShare * 100))%")
        traits.append("mimic \(Int(mimicShare * 100))%")
        traits.append("lang \(tweetLanguages.joined(separator: "/"))")
        return traits.joined(separator: ", ")
    }

    static func offsetText(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        return m % 60 == 0 ? "\(sign)\(m / 60)" : "\(sign)\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)"
    }

    /// Draws campaign `index` of an archive from the archive options.
    static func draw(index: Int, options: SynthesisOptions) -> CampaignRecipe {
        var rng = SeededGenerator(seed: mixSeed(options.seed, 0xCA4B_0000 &+ UInt64(index)))
        let op = rng.pick(Operator.all)
        let themeBase = Int(mixSeed(options.seed, 0x7E4E) % UInt64(Vocabulary.themes.count))
        var theme = Vocabulary.themes[(themeBase + index * 5) % Vocabulary.themes.count]
        if index >= Vocabulary.themes.count { theme += String(index / Vocabulary.themes.count + 1) }
        let seedTag = String(options.seed % 256, radix: 16)
        let name = "\(op.code)_\(theme)_\(seedTag.count == 1 ? "0" : "")\(seedTag)"

        let windowStart = options.startDate.daysSinceEpoch, windowEnd = options.endDate.daysSinceEpoch
        let span = windowEnd - windowStart
        let length = min(span, rng.integer(120...420))
        let first = windowStart + rng.below(span - length + 1)
        let last = first + length

        let scheduleRoll = rng.nextUnit()
        let schedule: Schedule = scheduleRoll < 0.55 ? .officeHours : (scheduleRoll < 0.85 ? .roundTheClock : .shifts)
        let officeStart = rng.integer(8...10)
        let officeHours = officeStart..<(officeStart + rng.integer(8...9))

        var cohortDays: [CalendarDay] = []
        var cohortShare = 0.0
        if rng.chance(0.6) {
            let count = rng.integer(2...5)
            let earliest = max(CalendarDay(year: 2011, month: 1, day: 1)!.daysSinceEpoch, first - 420)
            var days = Set<Int>()
            while days.count < count { days.insert(earliest + rng.below(max(1, first - 3 - earliest))) }
            cohortDays = days.sorted().map { CalendarDay(daysSinceEpoch: $0) }
            cohortShare = rng.uniform(0.6, 0.95)
        }
        let dormantShare = rng.chance(0.35) ? rng.uniform(0.2, 0.5) : 0
        let amplifies = rng.chance(0.65)
        let coreShare = amplifies ? rng.uniform(0.05, 0.2) : 1
        let amplifierRetweetShare = amplifies ? rng.uniform(0.7, 0.97) : 0

        var burstMinutes: [Int64] = []
        var burstParticipation = 0.0
        if rng.chance(0.55) {
            let count = rng.integer(12...48)
            burstParticipation = rng.uniform(0.3, 0.8)
            for _ in 0..<count {
                var day = first + rng.below(length + 1)
                var hour = rng.below(24)
                if schedule == .officeHours {
                    while CalendarDay(daysSinceEpoch: day).weekday >= 5 { day = first + rng.below(length + 1) }
                    hour = officeHours.lowerBound + rng.below(officeHours.count)
                } else if schedule == .shifts {
                    hour = 7 + rng.below(16)
                }
                let local = Int64(day) * 1440 + Int64(hour * 60 + rng.below(60))
                burstMinutes.append(local - Int64(op.offsetMinutes))
            }
            burstMinutes.sort()
        }

        let nameRoll = rng.nextUnit()
        let nameStyle: NameStyle = nameRoll < 0.4 ? .digitSuffix : (nameRoll < 0.75 ? .randomAlphanumeric : .humanLike)
        let clientRoll = rng.nextUnit()
        var clients: [String]
        if clientRoll < 0.45 {
            let made = rng.pick(Vocabulary.appNameParts) + rng.pick(Vocabulary.appNameParts) + (rng.chance(0.5) ? " App" : "")
            clients = [made]
            if rng.chance(0.5) { clients.append(rng.pick(Vocabulary.automationClients)) }
        } else if clientRoll < 0.8 {
            clients = ["Twitter Web Client"]
            if rng.chance(0.4) { clients.append("Twitter Web App") }
        } else {
            clients = [rng.pick(Vocabulary.automationClients), rng.pick(Vocabulary.schedulers)]
        }
        if clients.count == 2 && clients[0] == clients[1] { clients.removeLast() }

        var languageIndices: [Int] = [], languageWeights: [Double] = []
        for (language, weight) in op.languages {
            languageIndices.append(language)
            languageWeights.append(weight * rng.uniform(0.5, 1.5))
        }
        let ranked = zip(languageIndices, languageWeights).sorted { $0.1 > $1.1 }
        let primary = Vocabulary.languages[ranked[0].0]
        var hashtags: [String] = []
        for _ in 0..<rng.integer(3...8) {
            let a = rng.pick(primary.narrative), b = rng.pick(primary.narrative)
            let tag = primary.joinsWithoutSpaces ? a + b : CampaignRecipe.capitalized(a) + CampaignRecipe.capitalized(b)
            if !hashtags.contains(tag) { hashtags.append(tag) }
        }
        var domains: [String] = []
        for _ in 0..<rng.integer(1...3) {
            domains.append("\(rng.pick(Vocabulary.domainWords))-\(rng.pick(Vocabulary.domainWords))\(rng.pick([".com", ".net", ".info", ".org"]))")
        }

        return CampaignRecipe(
            name: name, operatorCode: op.code, operatorUTCOffsetMinutes: op.offsetMinutes,
            firstDay: CalendarDay(daysSinceEpoch: first), lastDay: CalendarDay(daysSinceEpoch: last),
            schedule: schedule, officeHours: officeHours, cohortDays: cohortDays, cohortShare: cohortShare,
            dormantShare: dormantShare, coreShare: coreShare, amplifierRetweetShare: amplifierRetweetShare,
            burstMinutes: burstMinutes, burstParticipation: burstParticipation, nameStyle: nameStyle, clients: clients,
            duplicateShare: rng.uniform(0.05, 0.6), mimicShare: rng.uniform(0.05, 0.3), hashtags: hashtags,
            domains: domains, tweetLanguages: ranked.map { Vocabulary.languages[$0.0].tweetCode },
            languageIndices: ranked.map(\.0), languageWeights: ranked.map(\.1),
            activity: rng.logNormal(median: 2.0, sigma: 0.5), followerMedian: rng.uniform(3, 40),
            followsMany: rng.chance(0.5), urlShare: rng.uniform(0.1, 0.6), hashtagRate: rng.uniform(0.1, 1.2),
            templateCount: rng.integer(8...40), seed: rng.next())
    }

    static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }
}

extension CampaignRecipe {
    /// The same recipe with `count` of its bursts kept, spread evenly over the campaign (volume budget).
    func keepingBursts(_ count: Int) -> CampaignRecipe {
        guard count < burstMinutes.count else { return self }
        let kept = (0..<count).map { burstMinutes[$0 * burstMinutes.count / count] }
        return CampaignRecipe(
            name: name, operatorCode: operatorCode, operatorUTCOffsetMinutes: operatorUTCOffsetMinutes, firstDay: firstDay,
            lastDay: lastDay, schedule: schedule, officeHours: officeHours, cohortDays: cohortDays, cohortShare: cohortShare,
            dormantShare: dormantShare, coreShare: coreShare, amplifierRetweetShare: amplifierRetweetShare,
            burstMinutes: kept, burstParticipation: count == 0 ? 0 : burstParticipation, nameStyle: nameStyle,
            clients: clients, duplicateShare: duplicateShare, mimicShare: mimicShare, hashtags: hashtags, domains: domains,
            tweetLanguages: tweetLanguages, languageIndices: languageIndices, languageWeights: languageWeights,
            activity: activity, followerMedian: followerMedian, followsMany: followsMany, urlShare: urlShare,
            hashtagRate: hashtagRate, templateCount: templateCount, seed: seed)
    }
}
