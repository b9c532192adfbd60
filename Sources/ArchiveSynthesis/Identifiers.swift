/// Account and tweet identifiers shaped like the real ones: hashed base64 ids for small accounts,
/// sequential ids for accounts created before 2014 and Twitter "snowflake" ids (milliseconds since
/// 2010-11-04 shifted left 22 bits) afterwards.
enum Identifiers {
    /// Twitter's snowflake epoch, 2010-11-04 01:42:54.657 UTC, in milliseconds.
    static let snowflakeEpochMilliseconds: Int64 = 1_288_834_974_657
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 44-character base64 of a 32-byte digest derived from the seed (the shape of the releases'
    /// base64 SHA-256 hashed ids).
    static func hashedID(seed: UInt64) -> String {
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        var state = seed
        for round in 0..<4 {
            state = mixSeed(state, UInt64(round) &+ 0x5EED)
            for shift in stride(from: 0, to: 64, by: 8) { digest.append(UInt8(truncatingIfNeeded: state >> UInt64(shift))) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(44)
        var i = 0
        while i + 3 <= digest.count {
            let v = UInt32(digest[i]) << 16 | UInt32(digest[i + 1]) << 8 | UInt32(digest[i + 2])
            for k in stride(from: 18, through: 0, by: -6) { out.append(base64Alphabet[Int((v >> UInt32(k)) & 63)]) }
            i += 3
        }
        let v = UInt32(digest[30]) << 16 | UInt32(digest[31]) << 8
        out.append(base64Alphabet[Int((v >> 18) & 63)])
        out.append(base64Alphabet[Int((v >> 12) & 63)])
        out.append(base64Alphabet[Int((v >> 6) & 63)])
        out.append(UInt8(ascii: "="))
        return String(decoding: out, as: UTF8.self)
    }

    /// A snowflake id for a moment (milliseconds since the Unix epoch) with `low` in the 22 low bits.
    static func snowflake(milliseconds: Int64, low: UInt64) -> UInt64 {
        UInt64(max(0, milliseconds - snowflakeEpochMilliseconds)) << 22 | (low & 0x3F_FFFF)
    }

    /// A numeric user id for an account created on `day`: sequential-looking before 2014, snowflake after.
    /// `uniquifier` (the account's index) keeps ids distinct within an archive.
    static func numericUserID(creationDay: Int, uniquifier: Int, random: UInt64) -> String {
        let snowflakeStart = CalendarDay(year: 2014, month: 1, day: 1)!.daysSinceEpoch
        if creationDay >= snowflakeStart {
            let ms = Int64(creationDay) * 86_400_000 + Int64(random % 86_400_000)
            return String(snowflake(milliseconds: ms, low: UInt64(uniquifier)))
        }
        // About 2.2 billion ids were handed out between 2007 and 2014: grow linearly with the day.
        let start2007 = CalendarDay(year: 2007, month: 1, day: 1)!.daysSinceEpoch
        let base = UInt64(max(0, creationDay - start2007)) * 880_000 + 1_000_000
        return String(base + UInt64(uniquifier % 8_000) * 100 + random % 100)
    }
}
