import Testing
@testable import BotSift

/// Expected values computed with Python's `calendar.timegm`.
@Suite struct TimestampTests {
    static func bytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var copy = text
        return copy.withUTF8 { body($0) }
    }

    @Test func archiveForms() {
        #expect(Timestamp.parse("2019-08-01 12:30") == 1_564_662_600)
        #expect(Timestamp.parse("2019-08-01 12:30:05") == 1_564_662_605)
        #expect(Timestamp.parse("2017-08-30") == 1_504_051_200)
        #expect(Self.bytes("2017-08-30") { Timestamp.parseDate($0) } == 1_504_051_200)
        #expect(Timestamp.parse("2000-02-29") == 951_782_400)
    }

    @Test func iso8601WithZoneOrOffset() {
        #expect(Timestamp.parse("2019-08-01T12:30:05Z") == 1_564_662_605)
        #expect(Timestamp.parse("2019-08-01T12:30:05.123Z") == 1_564_662_605)
        #expect(Timestamp.parse("2019-08-01T20:30:05+08:00") == 1_564_662_605)
        #expect(Timestamp.parse("2019-08-01T07:30:05-0500") == 1_564_662_605)
        #expect(Timestamp.parse("2019-08-01T14:30:05+02") == 1_564_662_605)
        #expect(Self.bytes("1970-01-01T00:00Z") { Timestamp.parseISO8601($0) } == 0)
    }

    @Test func twitterAPIForm() {
        #expect(Timestamp.parse("Wed Oct 10 20:19:24 +0000 2018") == 1_539_202_764)
        #expect(Timestamp.parse("Wed Oct 10 22:19:24 +0200 2018") == 1_539_202_764)
        #expect(Self.bytes("wed oct 10 20:19:24 +0000 2018") { Timestamp.parseTwitterAPI($0) } == 1_539_202_764)
    }

    @Test func epochSeconds() {
        #expect(Timestamp.parse("1539202764") == 1_539_202_764)
        #expect(Timestamp.parse("1539202764.0") == 1_539_202_764)
        #expect(Timestamp.parse("-3600") == -3_600)
        #expect(Self.bytes("0") { Timestamp.parseEpochSeconds($0) } == 0)
    }

    @Test(arguments: [
        "", "2019-13-01 10:00", "2019-02-29", "2019-04-31 00:00", "2019-08-01 24:00", "2019-08-01 12:60",
        "2019-08-01 12:30:61", "2019-08-01T12:30:05+25:00", "2019-08-01 12:30 UTC", "2019-8-1", "19-08-01",
        "Wed Foo 10 20:19:24 +0000 2018", "Wed Oct 10 20:19:24 2018", "12.5", "1e9", "abc", "2019-08-01T12:30:05Zjunk",
    ])
    func rejectsMalformedOrImpossible(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatIsTheInverseAtMinuteResolution() {
        #expect(Timestamp.format(1_564_662_600) == "2019-08-01 12:30")
        #expect(Timestamp.format(-3_600) == "1969-12-31 23:00")
        #expect(Timestamp.format(951_782_400) == "2000-02-29 00:00")
    }

    @Test func daysFromCivilDate() {
        #expect(Timestamp.days(year: 1970, month: 1, day: 1) == 0)
        #expect(Timestamp.days(year: 2008, month: 5, day: 16) == 14_015)
        #expect(Timestamp.days(year: 1900, month: 2, day: 29) == nil)
    }

    /// Every day number of 1960-2110 (the fast path's years 1970-2099 and either side) against Hinnant's
    /// days_from_civil, with every impossible day of each month (0, 29-32 where they do not exist) rejected by the
    /// Gregorian rule (2000 a leap year, 1900 and 2100 not), and dates one after another one day apart.
    @Test func daysMatchDaysFromCivilOnEveryDateAroundTheFastPath() {
        var expectedNext = Timestamp.daysFromCivil(year: 1960, month: 1, day: 1)
        var checked = 0
        for year: Int64 in 1960...2110 {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            for month: Int64 in 1...12 {
                let length: Int64 = month == 2 ? (leap ? 29 : 28) : ([4, 6, 9, 11].contains(month) ? 30 : 31)
                for day: Int64 in 0...32 {
                    let days = Timestamp.days(year: year, month: month, day: day)
                    guard day >= 1 && day <= length else {
                        #expect(days == nil, "\(year)-\(month)-\(day)")
                        continue
                    }
                    #expect(days == Timestamp.daysFromCivil(year: year, month: month, day: day), "\(year)-\(month)-\(day)")
                    #expect(days == expectedNext, "\(year)-\(month)-\(day)")
                    expectedNext += 1
                    checked += 1
                }
            }
        }
        #expect(checked == 55_152)
    }
}
