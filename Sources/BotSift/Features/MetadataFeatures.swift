#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The fixed account-language list behind the `account_language_*` one-hot columns, so the schema never
/// depends on the data. Languages of the larger state-backed takedown archives, plus other and missing.
enum AccountLanguage {
    /// Languages with their own column, in column order.
    static let listed = ["ar", "en", "es", "fa", "fr", "id", "ja", "pt", "ru", "tr", "zh-cn", "zh-tw"]
    /// Column labels: the listed languages, then `other` (non-empty, not listed) and `missing` (empty).
    static let slots = listed + ["other", "missing"]
    static let otherSlot = listed.count
    static let missingSlot = listed.count + 1

    /// The column for an `account_language` value: case-folded and trimmed; exact match first, then the primary
    /// subtag (`en-gb` -> `en`, `pt-br` -> `pt`). Chinese keeps its script variants: bare `zh` or `zh-hk` is other.
    static func slot(of language: String) -> Int {
        let folded = language.trimmingWhitespace().lowercased()
        if folded.isEmpty { return missingSlot }
        if let exact = listed.firstIndex(of: folded) { return exact }
        let primary = String(folded.prefix { $0 != "-" && $0 != "_" })
        if primary != "zh", let index = listed.firstIndex(of: primary) { return index }
        return otherSlot
    }

    static func summary(ofSlotLabeled label: String) -> String {
        switch label {
        case "other": return "account language is one not listed"
        case "missing": return "account language is empty"
        default: return "account language is \(label)"
        }
    }
}

/// Metadata feature values of one account (see `FeatureCatalogue.metadata` for names and docs/FEATURES.md).
struct MetadataValues {
    var logFollowers = 0.0
    var logFollowing = 0.0
    var logFollowerFollowingRatio = 0.0
    var followerCountsMissing = 0.0
    var accountAgeAtLastPostDays = 0.0
    var accountAgeAtArchiveEndDays = 0.0
    var logPostsPerDayOfAge = 0.0
    var screenNameLength = 0.0
    var screenNameDigits = 0.0
    var screenNameTrailingDigits = 0.0
    var screenNameEntropy = 0.0
    var displayNameLength = 0.0
    var displayNameScreenNameSimilarity = 0.0
    var descriptionLength = 0.0
    var hasDescription = 0.0
    var hasProfileURL = 0.0
    var hasLocation = 0.0
    var accountLanguageSlot = AccountLanguage.missingSlot
    var hashedUserID = 0.0
    var creationDateMissing = 0.0
    var hasNoPosts = 0.0
    var hasSinglePost = 0.0

    /// Values for `account`, whose posts (if any) span `firstPostDay...lastPostDay` (days since 1970) with
    /// `postCount` posts; `archiveEndDay` is the batch's last post day (or last creation day without posts).
    init(account: AccountRecord, postCount: Int, lastPostDay: Int32?, archiveEndDay: Int32?) {
        let followers = Double(max(0, account.followerCount ?? 0))
        let following = Double(max(0, account.followingCount ?? 0))
        logFollowers = log1p(followers)
        logFollowing = log1p(following)
        logFollowerFollowingRatio = logFollowers - logFollowing
        followerCountsMissing = account.followerCount == nil || account.followingCount == nil ? 1 : 0

        if let created = account.creationDay {
            if let lastPostDay {
                let age = max(0, Int(lastPostDay) - Int(created))
                accountAgeAtLastPostDays = Double(age)
                logPostsPerDayOfAge = log1p(Double(postCount) / Double(age + 1))
            }
            if let archiveEndDay {
                accountAgeAtArchiveEndDays = Double(max(0, Int(archiveEndDay) - Int(created)))
            }
        } else {
            creationDateMissing = 1
        }

        // Names and descriptions are mostly ASCII: their Character counts then come from the bytes (see
        // `characterCount`), which skips grapheme breaking; other text takes the Character path.
        if Self.isASCII(account.screenName) {
            let screenName = account.screenName.utf8
            screenNameLength = Double(Self.characterCount(account.screenName))
            screenNameDigits = Double(screenName.count { Self.isASCIIDigit($0) })
            screenNameTrailingDigits = Double(screenName.reversed().prefix { Self.isASCIIDigit($0) }.count)
        } else {
            let screenName = Array(account.screenName)
            screenNameLength = Double(screenName.count)
            screenNameDigits = Double(screenName.count { $0.isASCII && $0.isNumber })
            screenNameTrailingDigits = Double(screenName.reversed().prefix { $0.isASCII && $0.isNumber }.count)
        }
        screenNameEntropy = Self.lowercasedCharacterEntropy(account.screenName)
        displayNameLength = Double(Self.characterCount(account.displayName))
        displayNameScreenNameSimilarity = Self.similarity(account.displayName, account.screenName)
        descriptionLength = Double(Self.characterCount(account.profileDescription))
        hasDescription = Self.isBlank(account.profileDescription) ? 0 : 1
        hasProfileURL = Self.isBlank(account.profileURL) ? 0 : 1
        hasLocation = Self.isBlank(account.reportedLocation) ? 0 : 1
        accountLanguageSlot = AccountLanguage.slot(of: account.language)
        // Every Character is an ASCII digit exactly when every byte is one (a digit with a combining mark is
        // neither), so the bytes decide.
        hashedUserID = !account.userID.isEmpty && account.userID.utf8.allSatisfy(Self.isASCIIDigit) ? 0 : 1
        hasNoPosts = postCount == 0 ? 1 : 0
        hasSinglePost = postCount == 1 ? 1 : 0
    }

    /// Whether every byte is ASCII: eight bytes at a time over the string's contiguous UTF-8 (native strings have
    /// it), bytewise otherwise.
    private static func isASCII(_ text: String) -> Bool {
        let contiguous = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            var highBits: UInt64 = 0
            var offset = 0
            while offset &+ 8 <= bytes.count {
                highBits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset &+= 8
            }
            while offset < bytes.count {
                highBits |= UInt64(bytes[offset])
                offset &+= 1
            }
            return highBits & 0x8080_8080_8080_8080 == 0
        }
        return contiguous ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// `text.count` (Characters). For ASCII text that is the byte count less one per CR LF pair, the only ASCII
    /// grapheme cluster of two bytes.
    static func characterCount(_ text: String) -> Int {
        guard isASCII(text) else { return text.count }
        var count = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if !(byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r")) { count += 1 }
            previous = byte
        }
        return count
    }

    /// `text.trimmingWhitespace().isEmpty` without building a string: every Character is a space, tab, LF or CR.
    /// A CR LF pair is one Character that is none of those, so it makes the text non-blank, as there.
    static func isBlank(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            case UInt8(ascii: "\n"): if previous == UInt8(ascii: "\r") { return false }
            default: return false
            }
            previous = byte
        }
        return true
    }

    /// `characterEntropy` of the lower-cased text. ASCII text (most screen names) is counted in a 128-slot table on
    /// the stack, visited in code order as the sorted scalars are, so the sum is the same; other text is lower-cased
    /// as a String first.
    static func lowercasedCharacterEntropy(_ text: String) -> Double {
        guard isASCII(text) else { return characterEntropy(text.lowercased()) }
        var total = 0
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 128) { counts in
            counts.initialize(repeating: 0)
            for byte in text.utf8 {
                counts[Int(byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte)] &+= 1
                total &+= 1
            }
            return entropyInBits(counts: UnsafeBufferPointer(counts), total: total)
        }
    }

    /// Shannon entropy in bits of the character distribution of `text` (0 for empty text).
    static func characterEntropy(_ text: String) -> Double {
        let characters = text.unicodeScalars.map(\.value).sorted()
        var counts: [Int] = []
        var previous: UInt32?
        for scalar in characters {
            if scalar == previous { counts[counts.count - 1] += 1 } else { counts.append(1) }
            previous = scalar
        }
        return entropyInBits(counts: counts, total: characters.count)
    }

    /// `1 - Levenshtein distance / longer length` over the case-folded letters and digits of both names
    /// (so "John Smith" and "john_smith" are identical); 0 when either is empty.
    static func similarity(_ displayName: String, _ screenName: String) -> Double {
        // ASCII names (most of them) compare as bytes: for ASCII, letters and digits are [A-Za-z0-9] and folding
        // is a bit flip, the same as the Character path below but without grapheme breaking.
        if isASCII(displayName) && isASCII(screenName) {
            func folded(_ name: String) -> [UInt8] {
                name.utf8.compactMap { byte in
                    switch byte {
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte | 0x20
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return byte
                    default: return nil
                    }
                }
            }
            return levenshteinSimilarity(folded(displayName), folded(screenName))
        }
        return levenshteinSimilarity(Array(displayName.lowercased().filter { $0.isLetter || $0.isNumber }),
                                     Array(screenName.lowercased().filter { $0.isLetter || $0.isNumber }))
    }

    /// `1 - Levenshtein distance / longer length`; 0 when either is empty.
    private static func levenshteinSimilarity<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        if a == b { return 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return 1 - Double(previous[b.count]) / Double(max(a.count, b.count))
    }
}
