import BotSift

/// Screen names, display names, profile texts and ids of accounts.
enum Names {
    private static let syllables = ["li", "wang", "chen", "mei", "xiao", "yu", "ka", "ta", "na", "shi", "ko", "sa", "ra",
                                    "mi", "an", "el", "al", "ma", "ro", "ni", "ve", "da", "ya", "zhi", "hui", "ser", "gei"]
    private static let places = ["Metro", "Bay", "Capital", "Harbour", "Valley", "Global", "National", "Coastal", "City", "North"]
    private static let brandPrefixes = ["Nova", "Acme", "Zen", "Peak", "Urban", "Blue", "Sunny", "Prime", "Luna", "Bright"]
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    private static let latinLanguages: Set<Int> = [Vocabulary.englishIndex, Vocabulary.spanishIndex, Vocabulary.frenchIndex, Vocabulary.portugueseIndex]

    /// Fills names, profile fields and the user id of `plan`.
    static func fill(_ plan: inout AccountPlan, recipe: CampaignRecipe?, index: Int, hashBelow: Int, rng: inout SeededGenerator) {
        let language = Vocabulary.languages[plan.languageIndex]
        switch plan.persona {
        case .newsOutlet:
            let place = rng.pick(places), word = rng.pick(Vocabulary.outletWords)
            plan.displayName = "\(place) \(word)"
            plan.screenName = truncated("\(place)\(word)\(rng.chance(0.4) ? "News" : "")")
            plan.profileDescription = "News and analysis from \(plan.displayName). Follow for breaking stories."
            plan.profileURL = "https://www.\(plan.screenName.lowercased()).com"
            plan.location = rng.chance(0.8) ? rng.pick(regionCities(plan.region)) : ""
        case .brand:
            let prefix = rng.pick(brandPrefixes), word = rng.pick(Vocabulary.brandWords)
            plan.displayName = "\(prefix) \(word)"
            plan.screenName = truncated("\(prefix)\(word)")
            plan.profileDescription = "Official account of \(plan.displayName). Support: @\(truncated(plan.screenName + "Help"))"
            plan.profileURL = "https://www.\(plan.screenName.lowercased()).com"
            plan.location = rng.chance(0.5) ? rng.pick(regionCities(plan.region)) : ""
        default:
            if let recipe, !plan.mimic, recipe.nameStyle != .humanLike {
                plan.screenName = recipe.nameStyle == .digitSuffix ? digitSuffixed(&rng) : randomHandle(&rng)
            } else {
                plan.screenName = humanHandle(language: plan.languageIndex, rng: &rng)
            }
            plan.displayName = personName(language, rng: &rng)
            if let recipe, !plan.mimic {
                let describes = plan.persona == .ioCore ? 0.4 : (plan.persona == .ioDormant ? 0.5 : 0.1)
                if rng.chance(describes) {
                    let narrative = Vocabulary.languages[recipe.languageIndices[0]].narrative
                    plan.profileDescription = (0..<rng.integer(2...4)).map { _ in rng.pick(narrative) }.joined(separator: " | ")
                }
                plan.location = rng.chance(0.2) ? rng.pick(citiesSpeaking(recipe.languageIndices[0])) : ""
                plan.profileURL = rng.chance(0.03) ? "https://\(rng.pick(recipe.domains))" : ""
            } else {
                if rng.chance(0.6) {
                    plan.profileDescription = rng.pick(Vocabulary.descriptions)
                    if rng.chance(0.3) { plan.profileDescription += " | " + rng.pick(Vocabulary.descriptions) }
                }
                let cities = plan.region >= 0 ? regionCities(plan.region) : citiesSpeaking(plan.languageIndex)
                plan.location = rng.chance(0.55) ? rng.pick(cities) : ""
                plan.profileURL = rng.chance(0.1) ? "https://\(rng.pick(Vocabulary.personalDomains))/\(plan.screenName)" : ""
            }
        }
        if plan.followers < hashBelow {
            let hashed = Identifiers.hashedID(seed: plan.seed)
            plan.userID = hashed
            plan.screenName = hashed
            plan.displayName = hashed
        } else {
            plan.userID = Identifiers.numericUserID(creationDay: plan.creationDay, uniquifier: index, random: rng.next())
        }
    }

    static func personName(_ language: Language, rng: inout SeededGenerator) -> String {
        let given = rng.pick(language.givenNames), family = rng.pick(language.familyNames)
        if language.joinsWithoutSpaces { return family + given + (rng.chance(0.3) ? rng.pick(language.givenNames) : "") }
        return rng.chance(0.2) ? given : "\(given) \(family)"
    }

    static func humanHandle(language: Int, rng: inout SeededGenerator) -> String {
        var base: String
        if latinLanguages.contains(language) {
            let l = Vocabulary.languages[language]
            let given = ascii(rng.pick(l.givenNames)), family = ascii(rng.pick(l.familyNames))
            switch rng.below(4) {
            case 0: base = given.lowercased() + family.lowercased()
            case 1: base = given + "_" + family
            case 2: base = given.lowercased() + String(family.prefix(1)).lowercased()
            default: base = family + given
            }
        } else {
            base = (0..<rng.integer(2...4)).map { _ in rng.pick(syllables) }.joined()
            if rng.chance(0.3) { base = base.prefix(1).uppercased() + base.dropFirst() }
        }
        if rng.chance(0.3) { base += String(rng.integer(1...9999)) }
        return truncated(base)
    }

    static func digitSuffixed(_ rng: inout SeededGenerator) -> String {
        let l = Vocabulary.english
        let digits = (0..<rng.integer(6...8)).map { _ in String(rng.below(10)) }.joined()
        let name = (rng.pick(l.givenNames) + rng.pick(l.familyNames)).lowercased()
        return String(name.prefix(15 - digits.count)) + digits
    }

    static func randomHandle(_ rng: inout SeededGenerator) -> String {
        String((0..<15).map { _ in alphanumerics[rng.below(alphanumerics.count)] })
    }

    static func truncated(_ handle: String) -> String { String(handle.prefix(15)) }

    /// Replaces the few accented letters in the Latin name lists by plain ASCII (handles are ASCII).
    static func ascii(_ name: String) -> String {
        let map: [Character: Character] = ["á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ã": "a", "ç": "c", "è": "e", "ë": "e", "ñ": "n", "ô": "o"]
        return String(name.map { map[$0] ?? $0 })
    }

    static func regionCities(_ region: Int) -> [String] {
        region >= 0 ? Region.all[region].cities : ["Earth"]
    }

    static func citiesSpeaking(_ language: Int) -> [String] {
        let regions = Region.all.filter { $0.languages.contains { $0.0 == language } }
        return regions.flatMap(\.cities)
    }
}
