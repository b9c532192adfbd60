/// What to generate: population size, approximate volume, influence-operation share, campaigns, seed,
/// dirt rate and the date window of organic activity. Same options => byte-identical archive.
public struct SynthesisOptions: Sendable, Equatable {
    /// Accounts in users.csv (organic, hard negatives and influence-operation accounts together).
    public var accounts: Int
    /// Approximate total number of posts in tweets.csv (the realised count varies by a few percent).
    public var targetPosts: Int
    /// Share of accounts that belong to influence-operation campaigns (label 1).
    public var ioShare: Double
    /// Number of influence-operation campaigns, each with its own randomly drawn recipe.
    public var campaigns: Int
    /// Seed for every random choice.
    public var seed: UInt64
    /// Rate of injected real-world dirt (0 = clean RFC 4180 files).
    public var dirtRate: Double
    /// First and last day of the observation window (campaign activity lies inside it).
    public var startDate: CalendarDay
    public var endDate: CalendarDay
    /// Accounts with fewer followers than this get hashed userid, display and screen names, as in the
    /// real releases (5,000); 0 disables hashing.
    public var hashBelowFollowers: Int

    /// Options with the defaults used by `botsift synthesize`.
    public init(
        accounts: Int = 2_000, targetPosts: Int = 50_000, ioShare: Double = 0.2, campaigns: Int = 4,
        seed: UInt64 = 1, dirtRate: Double = 0,
        startDate: CalendarDay = CalendarDay(year: 2018, month: 1, day: 1)!,
        endDate: CalendarDay = CalendarDay(year: 2019, month: 6, day: 30)!,
        hashBelowFollowers: Int = 5_000
    ) {
        self.accounts = accounts
        self.targetPosts = targetPosts
        self.ioShare = ioShare
        self.campaigns = campaigns
        self.seed = seed
        self.dirtRate = dirtRate
        self.startDate = startDate
        self.endDate = endDate
        self.hashBelowFollowers = hashBelowFollowers
    }

    /// Number of influence-operation accounts these options produce.
    public var ioAccounts: Int { campaigns == 0 ? 0 : Int((Double(accounts) * ioShare).rounded()) }

    /// Throws a `SynthesisError` naming the first option that cannot produce a sensible archive.
    public func validate() throws {
        func fail(_ option: String, _ problem: String) -> SynthesisError { SynthesisError(option: option, problem: problem) }
        guard accounts >= 10, accounts <= 5_000_000 else { throw fail("accounts", "must be between 10 and 5,000,000 (got \(accounts))") }
        guard targetPosts >= 0, targetPosts <= 2_000_000_000 else { throw fail("posts", "must be between 0 and 2,000,000,000 (got \(targetPosts))") }
        guard ioShare >= 0, ioShare <= 0.9 else { throw fail("io-share", "must be between 0 and 0.9 (got \(ioShare))") }
        guard campaigns >= 0, campaigns <= 64 else { throw fail("campaigns", "must be between 0 and 64 (got \(campaigns))") }
        guard dirtRate >= 0, dirtRate <= 0.5 else { throw fail("dirt", "must be between 0 and 0.5 (got \(dirtRate))") }
        guard hashBelowFollowers >= 0 else { throw fail("hash-below-followers", "must not be negative") }
        let earliest = CalendarDay(year: 2011, month: 1, day: 1)!, latest = CalendarDay(year: 2030, month: 12, day: 31)!
        guard startDate >= earliest, endDate <= latest else {
            throw fail("start/end", "the window must lie within 2011-01-01 ... 2030-12-31 (tweet ids are time-based)")
        }
        guard endDate.daysSinceEpoch - startDate.daysSinceEpoch >= 60 else {
            throw fail("start/end", "the window must span at least 60 days (got \(startDate) ... \(endDate))")
        }
        if campaigns > 0 && ioShare > 0 && ioAccounts < 3 * campaigns {
            throw fail("io-share", "accounts x io-share gives \(ioAccounts) IO accounts, fewer than 3 per campaign; raise --accounts or --io-share or lower --campaigns")
        }
    }
}

/// A rejected option: which one and why, in words a user can act on.
public struct SynthesisError: Error, CustomStringConvertible, Equatable {
    public let option: String
    public let problem: String
    public var description: String { "--\(option): \(problem)" }
}
