import BotSift

/// How one kind of organic account behaves; rates are posts per active day before volume scaling.
struct PersonaProfile: Sendable {
    let share: Double
    let rateMedian: Double
    let rateSigma: Double
    let retweetShare: Double
    let replyShare: Double
    let quoteShare: Double
    let urlShare: Double
    let hashtagRate: Double
    let sessionProbability: Double
    let followerMedian: Double
    let followerSigma: Double
    let followingMedian: Double
    let zeroPostChance: Double

    static func of(_ persona: Persona) -> PersonaProfile {
        switch persona {
        case .casual:
            return PersonaProfile(share: 0.42, rateMedian: 0.5, rateSigma: 1.3, retweetShare: 0.25, replyShare: 0.2, quoteShare: 0.04,
                                  urlShare: 0.1, hashtagRate: 0.2, sessionProbability: 0.3, followerMedian: 120, followerSigma: 1.4,
                                  followingMedian: 250, zeroPostChance: 0.08)
        case .heavy:
            return PersonaProfile(share: 0.12, rateMedian: 6, rateSigma: 0.8, retweetShare: 0.35, replyShare: 0.3, quoteShare: 0.06,
                                  urlShare: 0.1, hashtagRate: 0.25, sessionProbability: 0.5, followerMedian: 500, followerSigma: 1.3,
                                  followingMedian: 600, zeroPostChance: 0)
        case .newsFollower:
            return PersonaProfile(share: 0.14, rateMedian: 1.5, rateSigma: 1.0, retweetShare: 0.5, replyShare: 0.08, quoteShare: 0.08,
                                  urlShare: 0.35, hashtagRate: 0.4, sessionProbability: 0.35, followerMedian: 200, followerSigma: 1.3,
                                  followingMedian: 900, zeroPostChance: 0.03)
        case .nightOwl:
            return PersonaProfile(share: 0.08, rateMedian: 2, rateSigma: 1.0, retweetShare: 0.3, replyShare: 0.25, quoteShare: 0.05,
                                  urlShare: 0.1, hashtagRate: 0.2, sessionProbability: 0.45, followerMedian: 250, followerSigma: 1.3,
                                  followingMedian: 400, zeroPostChance: 0)
        case .newsOutlet:
            return PersonaProfile(share: 0.08, rateMedian: 8, rateSigma: 0.7, retweetShare: 0.05, replyShare: 0.01, quoteShare: 0.02,
                                  urlShare: 0.95, hashtagRate: 0.5, sessionProbability: 0.1, followerMedian: 40_000, followerSigma: 1.8,
                                  followingMedian: 300, zeroPostChance: 0)
        case .brand:
            return PersonaProfile(share: 0.06, rateMedian: 2, rateSigma: 0.8, retweetShare: 0.1, replyShare: 0.35, quoteShare: 0.03,
                                  urlShare: 0.4, hashtagRate: 0.6, sessionProbability: 0.3, followerMedian: 15_000, followerSigma: 1.6,
                                  followingMedian: 500, zeroPostChance: 0)
        case .powerUser:
            return PersonaProfile(share: 0.10, rateMedian: 3, rateSigma: 0, retweetShare: 0.55, replyShare: 0.25, quoteShare: 0.1,
                                  urlShare: 0.15, hashtagRate: 0.3, sessionProbability: 0.7, followerMedian: 9_000, followerSigma: 1.3,
                                  followingMedian: 2_500, zeroPostChance: 0)
        case .ioCore, .ioAmplifier, .ioDormant:
            return PersonaProfile(share: 0, rateMedian: 6, rateSigma: 0.6, retweetShare: 0.15, replyShare: 0.03, quoteShare: 0.02,
                                  urlShare: 0.3, hashtagRate: 0.8, sessionProbability: 0.1, followerMedian: 20, followerSigma: 1.0,
                                  followingMedian: 25, zeroPostChance: 0.05)
        }
    }

    static let organicPersonas: [Persona] = [.casual, .heavy, .newsFollower, .nightOwl, .newsOutlet, .brand, .powerUser]
}

/// Everything decided about one account before any post is written (O(1) memory per account).
struct AccountPlan: Sendable {
    var persona: Persona
    /// Index into the campaign list; -1 for organic accounts.
    var campaign: Int
    var mimic: Bool
    var languageIndex: Int
    var secondaryLanguageIndex: Int
    var offsetMinutes: Int
    /// Index into `Region.all` for organic accounts; -1 for campaign accounts.
    var region = -1
    var userID = ""
    var screenName = ""
    var displayName = ""
    var location = ""
    var profileDescription = ""
    var profileURL = ""
    var followers = 0
    var following = 0
    var creationDay = 0
    var accountLanguage = ""
    /// Posts per active day before scaling, and the main active window in minutes since the epoch.
    var rate = 0.0
    var activeStart: Int64 = 0
    var activeEnd: Int64 = 0
    /// An early activity phase (old account later going quiet): expected posts and window.
    var earlyPosts = 0.0
    var earlyStart: Int64 = 0
    var earlyEnd: Int64 = 0
    /// Expected posts after scaling (main window).
    var expectedPosts = 0.0
    var seed: UInt64

    var isInfluenceOperation: Bool { campaign >= 0 }
}

/// The whole cast of an archive: campaign recipes and account plans, in file order.
struct Population: Sendable {
    var recipes: [CampaignRecipe]
    var accounts: [AccountPlan]
    /// Per campaign, indices (into `accounts`) of core accounts, the amplification targets.
    var coreAccounts: [[Int]]
    /// Indices of prominent organic accounts (outlets, brands, power users) that organic users retweet.
    var prominentAccounts: [Int]

    init(options: SynthesisOptions) {
        var rng = SeededGenerator(seed: mixSeed(options.seed, 0x909))
        let startDay = options.startDate.daysSinceEpoch, endDay = options.endDate.daysSinceEpoch
        var recipes = (0..<options.campaigns).map { CampaignRecipe.draw(index: $0, options: options) }
        let ioCount = options.ioAccounts
        var plans: [AccountPlan] = []
        plans.reserveCapacity(options.accounts)

        // Organic personas, counts by largest remainder.
        let organicCount = options.accounts - ioCount
        let shares = PersonaProfile.organicPersonas.map { PersonaProfile.of($0).share }
        for (persona, count) in zip(PersonaProfile.organicPersonas, Population.apportion(organicCount, weights: shares)) {
            for _ in 0..<count {
                plans.append(AccountPlan(persona: persona, campaign: -1, mimic: false, languageIndex: 0,
                                         secondaryLanguageIndex: 0, offsetMinutes: 0, seed: 0))
            }
        }
        // Campaign accounts: dormant, core, amplifiers; some built to mimic people.
        var campaignWeights: [Double] = []
        for _ in recipes { campaignWeights.append(rng.uniform(0.5, 1.5)) }
        var sizes = Population.apportion(ioCount, weights: campaignWeights)
        Population.raiseToMinimum(&sizes, minimum: 3)
        for (c, recipe) in recipes.enumerated() {
            let size = sizes[c]
            let dormant = Int((Double(size) * recipe.dormantShare).rounded())
            let active = size - dormant
            let core = recipe.usesAmplification ? max(1, Int((Double(active) * recipe.coreShare).rounded())) : active
            for k in 0..<size {
                let persona: Persona = k < dormant ? .ioDormant : (k < dormant + core ? .ioCore : .ioAmplifier)
                let mimic = persona != .ioDormant && rng.chance(recipe.mimicShare)
                plans.append(AccountPlan(persona: persona, campaign: c, mimic: mimic, languageIndex: 0,
                                         secondaryLanguageIndex: 0, offsetMinutes: 0, seed: 0))
            }
        }
        rng.shuffle(&plans)

        var usedIDs = Set<String>()
        for i in plans.indices {
            plans[i].seed = mixSeed(options.seed, 0xACC0_0000 &+ UInt64(i))
            var accountRNG = SeededGenerator(seed: plans[i].seed)
            let recipe = plans[i].campaign >= 0 ? recipes[plans[i].campaign] : nil
            Population.describe(&plans[i], recipe: recipe, index: i, startDay: startDay, endDay: endDay,
                                hashBelow: options.hashBelowFollowers, rng: &accountRNG)
            while !usedIDs.insert(plans[i].userID).inserted {
                plans[i].userID = Identifiers.numericUserID(creationDay: plans[i].creationDay, uniquifier: i, random: accountRNG.next())
            }
        }

        // Volume: scale rates so the expected total matches the target, with bursts capped at 30% of
        // each campaign's posts (fewer bursts, not fewer participants, so the signal keeps its shape).
        var rateTotal = 0.0
        var campaignRate = [Double](repeating: 0, count: recipes.count)
        var campaignMembers = [Int](repeating: 0, count: recipes.count)
        for plan in plans {
            let main = plan.rate * Double(plan.activeEnd - plan.activeStart) / 1440
            rateTotal += main + plan.earlyPosts
            if plan.campaign >= 0 && plan.rate > 0 {
                campaignRate[plan.campaign] += main
                campaignMembers[plan.campaign] += 1
            }
        }
        let target = Double(options.targetPosts)
        let firstScale = rateTotal > 0 ? target / rateTotal : 0
        var burstTotal = 0.0
        for c in recipes.indices where !recipes[c].burstMinutes.isEmpty {
            let perBurst = Double(campaignMembers[c]) * recipes[c].burstParticipation * Population.postsPerBurst
            let budget = 0.3 * campaignRate[c] * firstScale
            let keep = min(recipes[c].burstMinutes.count, Int(budget / max(perBurst, 1e-9)))
            recipes[c] = recipes[c].keepingBursts(keep)
            burstTotal += Double(keep) * perBurst
        }
        let scale = rateTotal > 0 ? max(0, target - burstTotal) / rateTotal : 0
        for i in plans.indices {
            plans[i].expectedPosts = plans[i].rate * Double(plans[i].activeEnd - plans[i].activeStart) / 1440 * scale
            plans[i].earlyPosts *= scale
        }

        var cores = [[Int]](repeating: [], count: recipes.count)
        var prominent: [Int] = []
        for (i, plan) in plans.enumerated() {
            if plan.persona == .ioCore { cores[plan.campaign].append(i) }
            if plan.persona == .newsOutlet || plan.persona == .brand || plan.persona == .powerUser { prominent.append(i) }
        }
        self.recipes = recipes
        self.accounts = plans
        self.coreAccounts = cores
        self.prominentAccounts = prominent
    }

    /// Average posts an account makes when it joins a burst (1, 2 or 3, equally likely).
    static let postsPerBurst = 2.0

    /// Splits `total` into integer parts proportional to `weights` (largest remainder).
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let sum = weights.reduce(0, +)
        let exact = weights.map { Double(total) * $0 / sum }
        var parts = exact.map { Int($0) }
        let order = exact.indices.sorted { exact[$0] - Double(parts[$0]) > exact[$1] - Double(parts[$1]) }
        var remaining = total - parts.reduce(0, +)
        for i in order where remaining > 0 {
            parts[i] += 1
            remaining -= 1
        }
        return parts
    }

    /// Moves units from the largest parts so every part reaches `minimum` (when the total allows).
    static func raiseToMinimum(_ parts: inout [Int], minimum: Int) {
        for i in parts.indices where parts[i] < minimum {
            while parts[i] < minimum, let donor = parts.indices.max(by: { parts[$0] < parts[$1] }), parts[donor] > minimum {
                parts[donor] -= 1
                parts[i] += 1
            }
        }
    }

    private static let creationYearWeights: [Double] = [0.01, 0.04, 0.12, 0.12, 0.12, 0.11, 0.10, 0.09, 0.08, 0.07, 0.06, 0.05, 0.03]

    /// Fills in profile, creation date, activity window and rate of one account.
    static func describe(_ plan: inout AccountPlan, recipe: CampaignRecipe?, index: Int, startDay: Int, endDay: Int,
                         hashBelow: Int, rng: inout SeededGenerator) {
        let profile = PersonaProfile.of(plan.persona)
        let dayMinutes: Int64 = 1440
        if let recipe {
            // Influence-operation account.
            let languageChoice = recipe.languageIndices[rng.weightedIndex(recipe.languageWeights)]
            plan.languageIndex = languageChoice
            plan.secondaryLanguageIndex = recipe.languageIndices[rng.below(recipe.languageIndices.count)]
            plan.offsetMinutes = recipe.operatorUTCOffsetMinutes
            let accountLanguage = rng.chance(0.7) ? Vocabulary.languages[recipe.languageIndices[0]] : rng.pick(Vocabulary.languages)
            plan.accountLanguage = rng.pick(accountLanguage.accountCodes)
            let first = recipe.firstDay.daysSinceEpoch, last = recipe.lastDay.daysSinceEpoch
            let earliest = CalendarDay(year: 2011, month: 1, day: 1)!.daysSinceEpoch
            if plan.persona == .ioDormant {
                plan.creationDay = earliest + rng.below(CalendarDay(year: 2016, month: 1, day: 1)!.daysSinceEpoch - earliest)
                let earlyLength = rng.integer(150...700)
                let earlyEnd = min(plan.creationDay + 5 + earlyLength, first - 120)
                if earlyEnd > plan.creationDay + 10 {
                    plan.earlyStart = Int64(plan.creationDay + 5) * dayMinutes
                    plan.earlyEnd = Int64(earlyEnd) * dayMinutes
                    plan.earlyPosts = rng.logNormal(median: 0.06, sigma: 0.7) * Double(earlyEnd - plan.creationDay - 5)
                }
            } else if !recipe.cohortDays.isEmpty && !plan.mimic && rng.chance(recipe.cohortShare) {
                plan.creationDay = rng.pick(recipe.cohortDays).daysSinceEpoch
            } else {
                plan.creationDay = max(earliest, first - rng.integer(5...900))
            }
            let joinDelay = plan.persona == .ioDormant ? rng.integer(0...20) : rng.integer(0...40)
            let startDayActive = max(first + joinDelay, plan.creationDay + rng.integer(1...10))
            let endDayActive = max(startDayActive + 7, last - (rng.chance(0.3) ? rng.below(max(1, (last - first) / 2)) : 0))
            plan.activeStart = Int64(startDayActive) * dayMinutes
            plan.activeEnd = Int64(min(endDayActive, endDay + 1)) * dayMinutes
            if plan.activeEnd <= plan.activeStart { plan.activeEnd = plan.activeStart + 7 * dayMinutes }
            plan.rate = rng.chance(profile.zeroPostChance) ? 0 : recipe.activity * rng.logNormal(median: profile.rateMedian, sigma: profile.rateSigma)
            if plan.mimic {
                plan.followers = Int(rng.logNormal(median: 120, sigma: 1.2))
                plan.following = Int(rng.logNormal(median: 300, sigma: 0.9))
            } else {
                let median = plan.persona == .ioCore ? recipe.followerMedian * 5 : (plan.persona == .ioDormant ? 150 : recipe.followerMedian)
                plan.followers = Int(rng.logNormal(median: median, sigma: plan.persona == .ioCore ? 1.6 : 1.0))
                plan.following = Int(recipe.followsMany ? rng.logNormal(median: 900, sigma: 0.6) : rng.logNormal(median: 25, sigma: 1.0))
            }
        } else {
            plan.region = rng.weightedIndex(Region.all.map(\.weight))
            let region = Region.all[plan.region]
            plan.offsetMinutes = region.offsetMinutes
            plan.languageIndex = region.languages[rng.weightedIndex(region.languages.map(\.1))].0
            plan.secondaryLanguageIndex = rng.chance(0.5) ? Vocabulary.englishIndex : region.languages[rng.below(region.languages.count)].0
            plan.accountLanguage = rng.pick(Vocabulary.languages[rng.chance(0.85) ? plan.languageIndex : Vocabulary.englishIndex].accountCodes)
            let year = 2007 + rng.weightedIndex(creationYearWeights)
            let yearStart = CalendarDay(year: year, month: 1, day: 1)!.daysSinceEpoch
            plan.creationDay = min(yearStart + rng.below(365), endDay - 30)
            var startActive = max(plan.creationDay + 1, startDay)
            var endActive = endDay + 1
            if rng.chance(0.1) { startActive += rng.below(max(1, (endActive - startActive) / 2)) }
            if rng.chance(0.1) { endActive -= rng.below(max(1, (endActive - startActive) / 2)) }
            plan.activeStart = Int64(startActive) * dayMinutes
            plan.activeEnd = Int64(max(endActive, startActive + 14)) * dayMinutes
            let rate = plan.persona == .powerUser
                ? rng.pareto(minimum: profile.rateMedian, alpha: 1.8)
                : rng.logNormal(median: profile.rateMedian, sigma: profile.rateSigma)
            plan.rate = rng.chance(profile.zeroPostChance) ? 0 : min(rate, 400)
            // Some people tweeted years ago, went quiet and came back: the organic twin of a dormant account.
            let oldEnough = CalendarDay(year: 2016, month: 1, day: 1)!.daysSinceEpoch
            let earliest = CalendarDay(year: 2011, month: 1, day: 1)!.daysSinceEpoch
            if (plan.persona == .casual || plan.persona == .newsFollower) && plan.creationDay < oldEnough && rng.chance(0.12) {
                let earlyStart = max(plan.creationDay + 1, earliest)
                let earlyEnd = min(earlyStart + rng.integer(90...700), startDay - 200)
                if earlyEnd > earlyStart + 10 {
                    plan.earlyStart = Int64(earlyStart) * dayMinutes
                    plan.earlyEnd = Int64(earlyEnd) * dayMinutes
                    plan.earlyPosts = rng.logNormal(median: 0.06, sigma: 0.7) * Double(earlyEnd - earlyStart)
                }
            }
            plan.followers = Int(rng.logNormal(median: profile.followerMedian, sigma: profile.followerSigma))
            plan.following = Int(rng.logNormal(median: profile.followingMedian, sigma: 1.0))
            if plan.persona == .newsOutlet || plan.persona == .brand { plan.followers = max(plan.followers, 800) }
        }
        Names.fill(&plan, recipe: recipe, index: index, hashBelow: hashBelow, rng: &rng)
    }
}
