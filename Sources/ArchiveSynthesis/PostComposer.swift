import BotSift

/// Writes the posts of one account: picks kind, text, client, ids, lists and engagement for each
/// post time its `AccountTimeline` yields. Knows the population only to name retweet and reply targets.
struct PostComposer {
    let plan: AccountPlan
    let recipe: CampaignRecipe?
    let population: Population
    private var rng: SeededGenerator
    private let profile: PersonaProfile
    private let primaryClient: String
    private let secondaryClient: String
    private let outletDomain: String
    private let campaignCores: [Int]

    init(plan: AccountPlan, population: Population) {
        self.plan = plan
        self.population = population
        recipe = plan.campaign >= 0 ? population.recipes[plan.campaign] : nil
        var rng = SeededGenerator(seed: mixSeed(plan.seed, 0x7EE7))
        profile = PersonaProfile.of(plan.persona)
        campaignCores = plan.campaign >= 0 ? population.coreAccounts[plan.campaign] : []
        let mobile = Vocabulary.mobileClients[rng.weightedIndex(Vocabulary.mobileClientWeights)]
        switch plan.persona {
        case .newsOutlet:
            primaryClient = rng.pick(Vocabulary.schedulers)
            secondaryClient = rng.pick(["TweetDeck", "Twitter Web App", "Twitter Web Client"])
        case .brand:
            primaryClient = rng.pick(["Hootsuite Inc.", "Sprout Social", "Twitter Web App", "Buffer"])
            secondaryClient = rng.pick(["Twitter for iPhone", "Twitter Web App"])
        case .powerUser:
            primaryClient = rng.pick(Vocabulary.powerClients)
            secondaryClient = mobile
        default:
            let usesApp = rng.chance(0.08) && plan.campaign < 0
            primaryClient = usesApp ? rng.pick(Vocabulary.personalApps) : mobile
            secondaryClient = Vocabulary.mobileClients[rng.weightedIndex(Vocabulary.mobileClientWeights)]
        }
        outletDomain = rng.pick(Vocabulary.newsDomains)
        self.rng = rng
    }

    /// The account's timeline (early phase, main phase, campaign bursts).
    mutating func timeline() -> AccountTimeline {
        let mainProfile = weekProfile()
        let main = PostingProcess(start: plan.activeStart, end: plan.activeEnd, expectedPosts: plan.expectedPosts,
                                  profile: mainProfile, sessionProbability: sessionProbability)
        var early: PostingProcess?
        if plan.earlyPosts > 0 {
            let human = WeekProfile.human(offsetMinutes: plan.offsetMinutes, rng: &rng)
            early = PostingProcess(start: plan.earlyStart, end: plan.earlyEnd, expectedPosts: plan.earlyPosts, profile: human,
                                   sessionProbability: 0.3)
        }
        let bursts = (recipe != nil && plan.rate > 0) ? recipe!.burstMinutes : []
        return AccountTimeline(early: early, main: main, mainStart: plan.activeStart, mainEnd: plan.activeEnd,
                               bursts: bursts, burstParticipation: recipe?.burstParticipation ?? 0)
    }

    private var sessionProbability: Double {
        guard recipe != nil else { return profile.sessionProbability }
        return plan.mimic ? 0.35 : 0.1
    }

    private mutating func weekProfile() -> WeekProfile {
        let offset = plan.offsetMinutes
        if let recipe {
            if plan.mimic { return .human(offsetMinutes: offset, rng: &rng) }
            switch recipe.schedule {
            case .officeHours: return .office(hours: recipe.officeHours, offsetMinutes: offset, leak: 0.02, rng: &rng)
            case .roundTheClock: return .roundTheClock(offsetMinutes: offset, daytimeBoost: 0.1, rng: &rng)
            case .shifts: return .shifts(offsetMinutes: offset, rng: &rng)
            }
        }
        switch plan.persona {
        case .nightOwl: return .human(offsetMinutes: offset, nightShift: 5, rng: &rng)
        case .newsOutlet: return .roundTheClock(offsetMinutes: offset, daytimeBoost: 0.8, rng: &rng)
        case .brand: return .office(hours: 9..<18, offsetMinutes: offset, leak: 0.08, rng: &rng)
        default: return .human(offsetMinutes: offset, rng: &rng)
        }
    }

    /// The 30 tweets.csv fields of a post at `minute` (profile columns from `profileFields`).
    mutating func post(minute: Int64, phase: PostPhase, profileFields: [String]) -> [String] {
        var fields = [String]()
        fields.reserveCapacity(ArchiveSchema.tweetColumns.count)
        fields.append("")  // tweetid, set once the final tweet_time is known
        fields.append(contentsOf: profileFields)

        let language = postLanguage(phase)
        var hashtags: [String] = []
        var urls: [String] = []
        var mentions: [String] = []
        var text: String
        var replyUser = "", replyTweet = "", quoted = "", retweetUser = "", retweetTweet = ""
        var isRetweet = false
        let client: String
        var postMinute = minute

        let campaignWork = recipe != nil && phase != .early
        if campaignWork, let recipe {
            client = plan.mimic ? humanClient() : (rng.chance(0.8) ? recipe.clients[0] : rng.pick(recipe.clients))
            let amplifies = plan.persona == .ioAmplifier || (plan.persona == .ioDormant && recipe.usesAmplification)
            let retweetShare = amplifies ? recipe.amplifierRetweetShare * (plan.mimic ? 0.6 : 1) : (plan.mimic ? 0.25 : 0.15)
            let roll = rng.nextUnit()
            var burstTemplate: Int?
            if case .burst(let b) = phase { burstTemplate = b % recipe.templateCount }
            if (burstTemplate != nil && amplifies) || (burstTemplate == nil && roll < retweetShare) {
                let target = campaignRetweetTarget(amplifies: amplifies)
                let template = burstTemplate ?? rng.zipfIndex(recipe.templateCount)
                let body = campaignTemplate(template)
                text = "RT @\(target.screenName): \(body.text)"
                hashtags = body.hashtags
                urls = body.urls
                isRetweet = true
                retweetUser = target.userID
                retweetTweet = earlierTweetID(before: minute)
                mentions = [target.userID]
            } else if let template = burstTemplate ?? (rng.chance(recipe.duplicateShare * (plan.mimic ? 0.3 : 1)) ? rng.zipfIndex(recipe.templateCount) : nil) {
                let body = campaignTemplate(template)
                text = body.text
                hashtags = body.hashtags
                urls = body.urls
            } else if roll < retweetShare + (plan.mimic ? 0.15 : 0.03) {
                let target = population.accounts[rng.below(population.accounts.count)]
                text = "@\(target.screenName) " + Text.sentence(language, narrative: plan.mimic ? 0.2 : 0.5, rng: &rng)
                replyUser = target.userID
                replyTweet = earlierTweetID(before: minute)
                mentions = [target.userID]
            } else {
                text = Text.sentence(language, narrative: plan.mimic ? 0.2 : 0.5, rng: &rng)
                let tagRate = recipe.hashtagRate * (plan.mimic ? 0.5 : 1)
                let tagCount = Int(tagRate) + (rng.chance(tagRate.truncatingRemainder(dividingBy: 1)) ? 1 : 0)
                for _ in 0..<tagCount {
                    let tag = plan.mimic && rng.chance(0.5) ? rng.pick(Vocabulary.organicHashtags) : rng.pick(recipe.hashtags)
                    if !hashtags.contains(tag) { hashtags.append(tag) }
                }
                if rng.chance(recipe.urlShare) { urls.append(campaignURL()) }
            }
        } else {
            let shares = phase == .early ? PersonaProfile.of(.casual) : profile
            client = phase == .early ? humanClient() : (rng.chance(0.85) ? primaryClient : secondaryClient)
            if Vocabulary.schedulers.contains(client) { postMinute = minute - minute % 5 }
            let roll = rng.nextUnit()
            let narrative = plan.persona == .newsFollower || plan.persona == .newsOutlet ? 0.3 : 0.03
            if roll < shares.retweetShare {
                let target = organicRetweetTarget()
                text = "RT @\(target.screenName): " + Text.sentence(language, narrative: narrative, rng: &rng)
                isRetweet = true
                retweetUser = target.userID
                retweetTweet = earlierTweetID(before: minute)
                mentions = [target.userID]
            } else if roll < shares.retweetShare + shares.replyShare {
                let target = population.accounts[rng.below(population.accounts.count)]
                text = "@\(target.screenName) " + Text.sentence(language, narrative: narrative, rng: &rng)
                replyUser = target.userID
                replyTweet = earlierTweetID(before: minute)
                mentions = [target.userID]
            } else {
                if plan.persona == .newsOutlet && rng.chance(0.1) {
                    var headlineRNG = SeededGenerator(seed: mixSeed(plan.seed, UInt64(rng.below(20))))
                    text = Text.sentence(language, narrative: narrative, rng: &headlineRNG)
                } else {
                    text = Text.sentence(language, narrative: narrative, rng: &rng)
                }
                if roll < shares.retweetShare + shares.replyShare + shares.quoteShare {
                    quoted = earlierTweetID(before: minute)
                }
                let tagCount = Int(shares.hashtagRate) + (rng.chance(shares.hashtagRate.truncatingRemainder(dividingBy: 1)) ? 1 : 0)
                for _ in 0..<tagCount {
                    let tag = rng.pick(Vocabulary.organicHashtags)
                    if !hashtags.contains(tag) { hashtags.append(tag) }
                }
                if rng.chance(shares.urlShare) { urls.append(organicURL()) }
            }
        }
        if !isRetweet && rng.chance(0.05) {
            let other = population.accounts[rng.below(population.accounts.count)]
            if !mentions.contains(other.userID) {
                mentions.append(other.userID)
                text += " @\(other.screenName)"
            }
        }
        for tag in hashtags where !text.contains("#" + tag) { text += " #\(tag)" }
        if !urls.isEmpty { text += " https://t.co/" + Text.token(10, rng: &rng) }

        fields.append(rng.chance(0.03) ? "und" : language.tweetCode)
        fields.append(text)
        fields.append(CalendarDay.timestamp(minutes: postMinute))
        fields.append(client)
        fields.append(replyUser)
        fields.append(replyTweet)
        fields.append(quoted)
        fields.append(isRetweet ? "True" : "False")
        fields.append(retweetUser)
        fields.append(retweetTweet)
        fields.append("")
        fields.append("")
        if isRetweet {
            fields.append(contentsOf: ["0", "0", "0", "0"])
        } else {
            let reach = recipe != nil && !plan.mimic ? 0.05 : 0.02 * Double(plan.followers).squareRoot() + 0.1
            let likes = Int(rng.logNormal(median: reach, sigma: 1.3))
            fields.append(String(Int(Double(likes) * rng.uniform(0, 0.05))))
            fields.append(String(Int(Double(likes) * rng.uniform(0, 0.15))))
            fields.append(String(likes))
            fields.append(String(Int(Double(likes) * rng.uniform(0, 0.4))))
        }
        fields.append(Text.list(hashtags))
        fields.append(Text.list(urls))
        fields.append(Text.list(mentions))
        let millisecond = postMinute * 60_000 + Int64(rng.below(60_000))
        fields[0] = String(Identifiers.snowflake(milliseconds: millisecond, low: rng.next()))
        return fields
    }

    private mutating func postLanguage(_ phase: PostPhase) -> Language {
        if let recipe, phase != .early, !rng.chance(0.8) {
            return Vocabulary.languages[recipe.languageIndices[rng.weightedIndex(recipe.languageWeights)]]
        }
        return Vocabulary.languages[rng.chance(0.88) ? plan.languageIndex : plan.secondaryLanguageIndex]
    }

    private mutating func humanClient() -> String {
        rng.chance(0.85) ? primaryClient : secondaryClient
    }

    private mutating func campaignRetweetTarget(amplifies: Bool) -> AccountPlan {
        let others = campaignCores.count > 1 || (campaignCores.first.map { population.accounts[$0].userID != plan.userID } ?? false)
        guard !campaignCores.isEmpty, amplifies || others else { return organicRetweetTarget() }
        while true {
            let target = population.accounts[campaignCores[rng.zipfIndex(campaignCores.count)]]
            if target.userID != plan.userID { return target }
        }
    }

    private mutating func organicRetweetTarget() -> AccountPlan {
        if !population.prominentAccounts.isEmpty && rng.chance(0.6) {
            return population.accounts[population.prominentAccounts[rng.zipfIndex(population.prominentAccounts.count)]]
        }
        return population.accounts[rng.below(population.accounts.count)]
    }

    /// Template `k` of the campaign: the same text, hashtag and link every time it is used.
    private func campaignTemplate(_ k: Int) -> (text: String, hashtags: [String], urls: [String]) {
        guard let recipe else { return ("", [], []) }
        var templateRNG = SeededGenerator(seed: mixSeed(recipe.seed, UInt64(k)))
        let language = Vocabulary.languages[recipe.languageIndices[templateRNG.weightedIndex(recipe.languageWeights)]]
        let text = Text.sentence(language, narrative: 0.6, rng: &templateRNG)
        let tags = [recipe.hashtags[k % recipe.hashtags.count]]
        let urls = templateRNG.chance(recipe.urlShare)
            ? ["https://\(templateRNG.pick(recipe.domains))/\(Text.token(8, rng: &templateRNG).lowercased())"] : []
        return (text, tags, urls)
    }

    private mutating func campaignURL() -> String {
        "https://\(rng.pick(recipe!.domains))/\(Text.token(8, rng: &rng).lowercased())"
    }

    private mutating func organicURL() -> String {
        switch plan.persona {
        case .newsOutlet: return "https://www.\(outletDomain)/\(Text.token(10, rng: &rng).lowercased())"
        case .brand: return "\(plan.profileURL.isEmpty ? "https://www.example.com" : plan.profileURL)/\(Text.token(6, rng: &rng).lowercased())"
        default:
            let domain = rng.chance(0.5) ? rng.pick(Vocabulary.newsDomains) : rng.pick(Vocabulary.personalDomains)
            return "https://\(domain)/\(Text.token(8, rng: &rng).lowercased())"
        }
    }

    private mutating func earlierTweetID(before minute: Int64) -> String {
        let lag = Int64(rng.exponential(mean: 600)) + 1
        return String(Identifiers.snowflake(milliseconds: (minute - lag) * 60_000 + Int64(rng.below(60_000)), low: rng.next()))
    }
}

/// Sentence, token and list shapes of post text.
enum Text {
    private static let tokenAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// A post body in `language`; `narrative` is the share of words from the political lexicon.
    static func sentence(_ language: Language, narrative: Double, rng: inout SeededGenerator) -> String {
        let count = language.joinsWithoutSpaces ? rng.integer(3...10) : rng.integer(4...16)
        var words: [String] = []
        words.reserveCapacity(count)
        for _ in 0..<count { words.append(rng.chance(narrative) ? rng.pick(language.narrative) : rng.pick(language.words)) }
        if language.joinsWithoutSpaces {
            if count > 5 { words.insert("，", at: count / 2) }
            return words.joined() + rng.pick(["。", "！", "", "？"])
        }
        words[0] = CampaignRecipe.capitalized(words[0])
        return words.joined(separator: " ") + rng.pick([".", "!", "", "?", "..."])
    }

    /// `count` random letters and digits (link slugs, t.co codes).
    static func token(_ count: Int, rng: inout SeededGenerator) -> String {
        String((0..<count).map { _ in tokenAlphabet[rng.below(tokenAlphabet.count)] })
    }

    /// The archives' list form: `[a, b]`, or empty.
    static func list(_ items: [String]) -> String {
        items.isEmpty ? "" : "[" + items.joined(separator: ", ") + "]"
    }
}
