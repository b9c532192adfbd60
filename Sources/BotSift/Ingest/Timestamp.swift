/// Allocation-free parsers for the timestamp forms found in takedown archives, returning seconds since
/// 1970-01-01 UTC (nil when the text is not exactly one of the forms or names an impossible date).
/// They work on raw bytes so the CSV reader never builds a `String` or calls `DateFormatter` per row.
public enum Timestamp {
    /// Any supported form: epoch seconds, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, ISO 8601, or Twitter API time.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let first = bytes.first else { return nil }
        if isDigit(first) {
            if bytes.count >= 5 && bytes[4] == UInt8(ascii: "-") {
                return bytes.count == 10 ? parseDate(bytes) : parseISO8601(bytes)
            }
            return parseEpochSeconds(bytes)
        }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { return parseEpochSeconds(bytes) }
        return parseTwitterAPI(bytes)
    }

    /// `parse` for a `String` (tests, command-line arguments).
    public static func parse(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    /// `YYYY-MM-DD` (midnight UTC), the form of `account_creation_date`.
    public static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 10, let day = civilDay(bytes, at: 0) else { return nil }
        return day * 86_400
    }

    /// ISO 8601 and the archive's `tweet_time`: `YYYY-MM-DD` then `T` or space, `HH:MM`, optional `:SS` and
    /// fraction (truncated), optional `Z` or `±HH[:MM]` offset (no offset means UTC).
    public static func parseISO8601(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = bytes.count
        guard n >= 16, let day = civilDay(bytes, at: 0) else { return nil }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "t") else {
            return nil
        }
        guard let hour = twoDigits(bytes, 11), hour < 24, bytes[13] == UInt8(ascii: ":"),
              let minute = twoDigits(bytes, 14), minute < 60 else { return nil }
        var i = 16
        var second: Int64 = 0
        if i < n && bytes[i] == UInt8(ascii: ":") {
            guard i + 2 < n, let s = twoDigits(bytes, i + 1), s < 60 else { return nil }
            second = s
            i += 3
            if i < n && (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",")) {
                i += 1
                let fractionStart = i
                while i < n && isDigit(bytes[i]) { i += 1 }
                guard i > fractionStart else { return nil }
            }
        }
        var offset: Int64 = 0
        if i < n {
            let sign = bytes[i]
            if (sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z")) && i + 1 == n {
                i += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard let parsed = parseOffset(bytes, from: i + 1) else { return nil }
                offset = sign == UInt8(ascii: "+") ? parsed : -parsed
                i = n
            } else {
                return nil
            }
        }
        guard i == n else { return nil }
        return day * 86_400 + hour * 3_600 + minute * 60 + second - offset
    }

    /// Twitter API `created_at`: `Wed Oct 10 20:19:24 +0000 2018` (the weekday name is checked for form only).
    public static func parseTwitterAPI(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 30 else { return nil }
        let space = UInt8(ascii: " ")
        guard bytes[3] == space, bytes[7] == space, bytes[10] == space, bytes[19] == space, bytes[25] == space,
              isLetter(bytes[0]), isLetter(bytes[1]), isLetter(bytes[2]),
              let month = monthNumber(bytes[4], bytes[5], bytes[6]),
              let dayOfMonth = twoDigits(bytes, 8),
              let hour = twoDigits(bytes, 11), hour < 24, bytes[13] == UInt8(ascii: ":"),
              let minute = twoDigits(bytes, 14), minute < 60, bytes[16] == UInt8(ascii: ":"),
              let second = twoDigits(bytes, 17), second < 60,
              bytes[20] == UInt8(ascii: "+") || bytes[20] == UInt8(ascii: "-"),
              let offsetHours = twoDigits(bytes, 21), let offsetMinutes = twoDigits(bytes, 23), offsetMinutes < 60,
              let year = fourDigits(bytes, 26),
              let day = days(year: year, month: month, day: dayOfMonth) else { return nil }
        let offset = (offsetHours * 60 + offsetMinutes) * 60 * (bytes[20] == UInt8(ascii: "+") ? 1 : -1)
        return day * 86_400 + hour * 3_600 + minute * 60 + second - offset
    }

    /// Integer seconds since 1970 (optional sign); a fraction of zeros (`1538000000.0`) is accepted.
    public static func parseEpochSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        let digitsStart = i
        var value: Int64 = 0
        while i < n && isDigit(bytes[i]) {
            guard i - digitsStart < 15 else { return nil }
            value = value * 10 + Int64(bytes[i] &- 48)
            i += 1
        }
        guard i > digitsStart else { return nil }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n && bytes[i] == UInt8(ascii: "0") { i += 1 }
        }
        guard i == n else { return nil }
        return negative ? -value : value
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date, nil when the date does not exist. Years 1970-2099
    /// (every tweet's) take a path without divisions, as every fourth year there is a leap year (2000 too): it was
    /// a fifth of the time of parsing an archive's `tweet_time`. Other years use Howard Hinnant's days_from_civil.
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64? {
        guard month >= 1, month <= 12, day >= 1 else { return nil }
        if year >= 1970 && year < 2100 {
            let isLeapYear = year & 3 == 0
            let (daysBefore, length) = monthOfCommonYear(month)
            guard day <= length || (isLeapYear && month == 2 && day == 29) else { return nil }
            let y = year - 1970
            // (y + 1) / 4: the leap years 1972, 1976, ... before `year`.
            return y * 365 + (y + 1) >> 2 + daysBefore + (isLeapYear && month > 2 ? 1 : 0) + day - 1
        }
        guard day <= daysInMonth(year: year, month: month) else { return nil }
        return daysFromCivil(year: year, month: month, day: day)
    }

    /// Howard Hinnant's days_from_civil for a valid date (any year).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month (1-12) and day of month of a day count since 1970-01-01 (Howard Hinnant's civil_from_days);
    /// the inverse of `days(year:month:day:)`.
    public static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    /// `YYYY-MM-DD HH:MM` (UTC) for reports; the inverse of `parse` at minute resolution.
    public static func format(_ seconds: Int64) -> String {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - day * 86_400
        let (year, month, dayOfMonth) = civil(days: day)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2)) \(pad(secondOfDay / 3_600, 2)):\(pad(secondOfDay % 3_600 / 60, 2))"
    }

    // MARK: - Pieces

    private static func civilDay(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int64? {
        guard let year = fourDigits(bytes, i), bytes[i + 4] == UInt8(ascii: "-"), let month = twoDigits(bytes, i + 5),
              bytes[i + 7] == UInt8(ascii: "-"), let day = twoDigits(bytes, i + 8) else { return nil }
        return days(year: year, month: month, day: day)
    }

    private static func parseOffset(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int64? {
        let remaining = bytes.count - i
        guard remaining >= 2, let hours = twoDigits(bytes, i), hours < 24 else { return nil }
        var minutes: Int64 = 0
        if remaining == 5 && bytes[i + 2] == UInt8(ascii: ":") {
            guard let m = twoDigits(bytes, i + 3) else { return nil }
            minutes = m
        } else if remaining == 4 {
            guard let m = twoDigits(bytes, i + 2) else { return nil }
            minutes = m
        } else if remaining != 2 {
            return nil
        }
        guard minutes < 60 else { return nil }
        return (hours * 60 + minutes) * 60
    }

    /// Days before `month` (1-12) and its length, in a year that is not a leap year.
    @inline(__always)
    private static func monthOfCommonYear(_ month: Int64) -> (daysBefore: Int64, length: Int64) {
        switch month {
        case 1: return (0, 31)
        case 2: return (31, 28)
        case 3: return (59, 31)
        case 4: return (90, 30)
        case 5: return (120, 31)
        case 6: return (151, 30)
        case 7: return (181, 31)
        case 8: return (212, 31)
        case 9: return (243, 30)
        case 10: return (273, 31)
        case 11: return (304, 30)
        default: return (334, 31)
        }
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func monthNumber(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int64? {
        switch (UInt32(a | 0x20) << 16) | (UInt32(b | 0x20) << 8) | UInt32(c | 0x20) {
        case 0x6A616E: return 1  // jan
        case 0x666562: return 2  // feb
        case 0x6D6172: return 3  // mar
        case 0x617072: return 4  // apr
        case 0x6D6179: return 5  // may
        case 0x6A756E: return 6  // jun
        case 0x6A756C: return 7  // jul
        case 0x617567: return 8  // aug
        case 0x736570: return 9  // sep
        case 0x6F6374: return 10  // oct
        case 0x6E6F76: return 11  // nov
        case 0x646563: return 12  // dec
        default: return nil
        }
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }
    @inline(__always) private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 97 < 26 }

    @inline(__always) private static func twoDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int64? {
        guard i + 1 < bytes.count else { return nil }
        let a = bytes[i] &- 48, b = bytes[i + 1] &- 48
        guard a < 10, b < 10 else { return nil }
        return Int64(a) * 10 + Int64(b)
    }

    @inline(__always) private static func fourDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int64? {
        guard let high = twoDigits(bytes, i), let low = twoDigits(bytes, i + 2) else { return nil }
        return high * 100 + low
    }
}
