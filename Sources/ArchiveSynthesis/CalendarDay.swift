import BotSift

/// A UTC calendar day stored as days since 1970-01-01, with allocation-light conversions to and from
/// `YYYY-MM-DD` (Howard Hinnant's civil-date algorithms), so generation never touches `DateFormatter`.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let daysSinceEpoch: Int

    /// Wraps a day count.
    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// A valid proleptic Gregorian date, or nil (e.g. February 30).
    public init?(year: Int, month: Int, day: Int) {
        guard let days = Timestamp.days(year: Int64(year), month: Int64(month), day: Int64(day)) else { return nil }
        daysSinceEpoch = Int(days)
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else.
    public init?(iso text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month (1-12) and day of month.
    public var civil: (year: Int, month: Int, day: Int) {
        let (year, month, day) = Timestamp.civil(days: Int64(daysSinceEpoch))
        return (Int(year), Int(month), Int(day))
    }

    /// Day of week with Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday).
    public var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    /// `YYYY-MM-DD`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        CalendarDay.appendDate(daysSinceEpoch, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// Appends `YYYY-MM-DD` for a day count.
    static func appendDate(_ days: Int, to bytes: inout [UInt8]) {
        let (y, m, d) = CalendarDay(daysSinceEpoch: days).civil
        appendDigits(y, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(m, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(d, width: 2, to: &bytes)
    }

    /// `YYYY-MM-DD HH:MM` for minutes since the epoch (UTC), the archives' `tweet_time` form.
    static func timestamp(minutes: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        let days = Int(minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440)
        let minuteOfDay = Int(minutes - Int64(days) * 1440)
        appendDate(days, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendDigits(minuteOfDay / 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(minuteOfDay % 60, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            bytes.append(UInt8(48 + (v / divisor) % 10))
            v %= divisor
            divisor /= 10
        }
    }
}
