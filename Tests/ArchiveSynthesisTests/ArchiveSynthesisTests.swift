import BotSift
import Testing
@testable import ArchiveSynthesis

@Suite struct CalendarDayTests {
    @Test func convertsLikePythonDatetime() {
        // Reference: (date(y,m,d) - date(1970,1,1)).days in Python.
        #expect(CalendarDay(year: 2019, month: 6, day: 30)?.daysSinceEpoch == 18077)
        #expect(CalendarDay(year: 2000, month: 2, day: 29)?.daysSinceEpoch == 11016)
        #expect(CalendarDay(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
        #expect(CalendarDay(year: 2019, month: 2, day: 29) == nil)
        #expect(CalendarDay(iso: "2019-06-30")?.description == "2019-06-30")
        #expect(CalendarDay(iso: "2019-6-30") == nil)
        #expect(CalendarDay(daysSinceEpoch: 18077).weekday == 6)  // a Sunday
        // datetime.utcfromtimestamp(25_000_000 * 60)
        #expect(CalendarDay.timestamp(minutes: 25_000_000) == "2017-07-14 02:40")
    }

    @Test func hashedIDsAreBase64Of32Bytes() {
        let id = Identifiers.hashedID(seed: 42)
        #expect(id.utf8.count == 44)
        #expect(id.hasSuffix("="))
        #expect(id != Identifiers.hashedID(seed: 43))
        #expect(id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=" })
    }
}

@Suite struct ArchiveSynthesisTests {
    static let small = SynthesisOptions(accounts: 400, targetPosts: 6_000, ioShare: 0.25, campaigns: 3, seed: 5)

    @Test func sameOptionsGiveByteIdenticalFilesAndOtherSeedsDiffer() throws {
        let a = try ArchiveFiles.write(Self.small), b = try ArchiveFiles.write(Self.small)
        var other = Self.small
        other.seed = 6
        let c = try ArchiveFiles.write(other)
        for name in ["users.csv", "tweets.csv", "labels.csv", "truth.csv"] {
            #expect(ArchiveFiles.fingerprint(a.directory + "/" + name) == ArchiveFiles.fingerprint(b.directory + "/" + name))
            #expect(ArchiveFiles.fingerprint(a.directory + "/" + name) != ArchiveFiles.fingerprint(c.directory + "/" + name))
        }
        #expect(a.summary == b.summary)
        #expect(a.summary.campaigns.map(\.name) != c.summary.campaigns.map(\.name))
    }

    @Test func cleanArchiveFollowsTheSchema() throws {
        let (dir, summary) = try ArchiveFiles.write(Self.small)
        let users = ArchiveFiles.records(dir + "/users.csv"), tweets = ArchiveFiles.records(dir + "/tweets.csv")
        #expect(users.first == ArchiveSchema.userColumns)
        #expect(tweets.first == ArchiveSchema.tweetColumns)
        #expect(ArchiveSchema.tweetColumns.count == 30)
        #expect(users.count == 401)
        #expect(tweets.count - 1 == summary.posts)
        #expect(abs(summary.posts - 6_000) < 900)
        // Every field of the real releases is double-quoted; so are ours.
        #expect(ArchiveFiles.bytes(dir + "/users.csv").prefix(9) == Array("\"userid\",".utf8)[...])
        for row in users.dropFirst() {
            #expect(row.count == 10)
            let followers = Int(row[6]) ?? -1
            #expect(followers >= 0 && Int(row[7]) != nil)
            if followers < 5_000 {
                #expect(row[0].utf8.count == 44 && row[1] == row[0] && row[2] == row[0])
            } else {
                #expect(UInt64(row[0]) != nil)
            }
            #expect(CalendarDay(iso: row[8]) != nil)
        }
        var retweets = 0
        for row in tweets.dropFirst() {
            #expect(row.count == 30)
            #expect(ArchiveFiles.minutes(row[13]) != nil)
            #expect(row[18] == "True" || row[18] == "False")
            if row[18] == "True" {
                retweets += 1
                #expect(!row[19].isEmpty && row[12].hasPrefix("RT @"))
            }
            for list in [row[27], row[28], row[29]] where !list.isEmpty {
                #expect(list.hasPrefix("[") && list.hasSuffix("]"))
            }
            #expect(!row[12].utf8.contains(10) && !row[12].utf8.contains(13) && !row[12].contains("\""))
        }
        #expect(retweets > summary.posts / 10)
    }

    @Test func labelsAndTruthCoverEveryAccountOnce() throws {
        let (dir, summary) = try ArchiveFiles.write(Self.small)
        let users = ArchiveFiles.records(dir + "/users.csv").dropFirst().map { $0[0] }
        let labels = ArchiveFiles.records(dir + "/labels.csv"), truth = ArchiveFiles.records(dir + "/truth.csv")
        #expect(labels.first == ArchiveSchema.labelColumns && truth.first == ArchiveSchema.truthColumns)
        #expect(Set(users).count == users.count)
        #expect(labels.dropFirst().map { $0[0] } == users)
        #expect(truth.dropFirst().map { $0[0] } == users)
        let positives = labels.dropFirst().filter { $0[1] == "1" }
        #expect(positives.count == 100)  // 400 x 0.25
        for (label, fact) in zip(labels.dropFirst(), truth.dropFirst()) {
            let persona = try #require(Persona(rawValue: fact[1]))
            #expect((label[1] == "1") == persona.isInfluenceOperation)
            #expect((label[2] == "organic") == (label[1] == "0"))
            #expect(label[2] == fact[3])
            if !fact[2].isEmpty { #expect(label[1] == "1") }
        }
        #expect(Set(positives.map { $0[2] }) == Set(summary.campaigns.map(\.name)))
        #expect(summary.accountsByCampaign["organic"] == 300)
    }

    /// Joins tweets with truth: (persona, mimic, campaign) per userid.
    private func truthByUser(_ dir: String) -> [String: (persona: String, mimic: Bool, campaign: String)] {
        var out: [String: (persona: String, mimic: Bool, campaign: String)] = [:]
        for row in ArchiveFiles.records(dir + "/truth.csv").dropFirst() { out[row[0]] = (row[1], !row[2].isEmpty, row[3]) }
        return out
    }

    @Test func campaignSignaturesArePresent() throws {
        let options = SynthesisOptions(accounts: 1_200, targetPosts: 30_000, ioShare: 0.3, campaigns: 6, seed: 21)
        let (dir, summary) = try ArchiveFiles.write(options)
        let truth = truthByUser(dir)
        let users = ArchiveFiles.records(dir + "/users.csv").dropFirst()
        let tweets = ArchiveFiles.records(dir + "/tweets.csv").dropFirst()

        // Creation cohorts: most plain accounts of a cohort campaign were created on its few cohort days.
        let cohort = try #require(summary.campaigns.first { !$0.cohortDays.isEmpty })
        let cohortDays = Set(cohort.cohortDays.map(\.description))
        let plain = users.filter { truth[$0[0]]!.campaign == cohort.name && !truth[$0[0]]!.mimic && truth[$0[0]]!.persona != "io_dormant" }
        let onCohortDays = plain.filter { cohortDays.contains($0[8]) }.count
        #expect(Double(onCohortDays) >= 0.5 * Double(plain.count))
        let organicOnThoseDays = users.filter { truth[$0[0]]!.campaign == "organic" && cohortDays.contains($0[8]) }.count
        #expect(organicOnThoseDays <= 3)

        // Office hours: plain accounts post on weekdays inside the operators' office hours.
        let office = try #require(summary.campaigns.first { $0.schedule == .officeHours })
        func inOffice(_ minute: Int64) -> Bool {
            let local = minute + Int64(office.operatorUTCOffsetMinutes)
            let day = CalendarDay(daysSinceEpoch: Int(local / 1440))
            return day.weekday < 5 && office.officeHours.contains(Int(local % 1440) / 60)
        }
        var officeIn = 0, officeAll = 0, organicIn = 0, organicAll = 0
        for row in tweets {
            guard let who = truth[row[1]], let minute = ArchiveFiles.minutes(row[13]) else { continue }
            if who.campaign == office.name && !who.mimic && who.persona != "io_dormant" {
                officeAll += 1
                if inOffice(minute) { officeIn += 1 }
            } else if who.campaign == "organic" {
                organicAll += 1
                if inOffice(minute) { organicIn += 1 }
            }
        }
        #expect(officeAll > 50)
        #expect(Double(officeIn) >= 0.85 * Double(officeAll))
        #expect(Double(organicIn) <= 0.45 * Double(organicAll))

        // Amplification: every retweet by an amplifier points at a core account of its own campaign.
        let amplifying = try #require(summary.campaigns.first { $0.usesAmplification })
        let cores = Set(truth.filter { $0.value.campaign == amplifying.name && $0.value.persona == "io_core" }.map(\.key))
        var amplifierRetweets = 0
        for row in tweets where row[18] == "True" {
            guard let who = truth[row[1]], who.campaign == amplifying.name, who.persona == "io_amplifier" else { continue }
            amplifierRetweets += 1
            #expect(cores.contains(row[19]))
        }
        #expect(amplifierRetweets > 20)

        // Coordinated bursts: at most burst minutes several campaign accounts post within three minutes.
        let bursting = try #require(summary.campaigns.first { !$0.burstMinutes.isEmpty })
        var postersNear: [Int64: Set<String>] = [:]
        for row in tweets {
            guard truth[row[1]]?.campaign == bursting.name, let minute = ArchiveFiles.minutes(row[13]) else { continue }
            for burst in bursting.burstMinutes where minute >= burst && minute <= burst + 4 { postersNear[burst, default: []].insert(row[1]) }
        }
        let crowded = bursting.burstMinutes.filter { (postersNear[$0]?.count ?? 0) >= 3 }.count
        #expect(crowded * 2 >= bursting.burstMinutes.count)
    }

    @Test func injectedDirtIsCountedExactly() throws {
        var options = Self.small
        options.dirtRate = 0.05
        let (dir, summary) = try ArchiveFiles.write(options)
        let usersBytes = ArchiveFiles.bytes(dir + "/users.csv"), tweetsBytes = ArchiveFiles.bytes(dir + "/tweets.csv")
        var boms = 0
        for data in [usersBytes, tweetsBytes] where data.starts(with: [0xEF, 0xBB, 0xBF]) { boms += 1 }
        #expect(boms == summary.dirt.byteOrderMarks && boms == 2)
        #expect(usersBytes.prefix(400).contains(13) && !tweetsBytes.prefix(400).contains(13))
        #expect(summary.dirt.crlfFiles == 1)

        let users = ArchiveFiles.records(dir + "/users.csv").dropFirst(), tweets = ArchiveFiles.records(dir + "/tweets.csv").dropFirst()
        var multiline = 0, quotes = 0, emoji = 0, empty = 0, wrongCount = 0, badTime = 0
        func inspect(_ field: String) {
            if field.utf8.contains(10) { multiline += 1 }  // bytes: "\r\n" is one Character in Swift
            if field.contains("\"") { quotes += 1 }
            if field.unicodeScalars.contains(where: { (0x1F300...0x1FAFF).contains($0.value) }) { emoji += 1 }
        }
        for row in users {
            row.forEach(inspect)
            if row[6].isEmpty { empty += 1 }
            if row[7].isEmpty { empty += 1 }
        }
        for row in tweets {
            row.forEach(inspect)
            guard row.count == 30 else {
                wrongCount += 1
                continue
            }
            if ArchiveFiles.minutes(row[13]) == nil { badTime += 1 }
            for column in [7, 8, 23, 24, 25, 26] where row[column].isEmpty { empty += 1 }
        }
        #expect(multiline == summary.dirt.multilineFields)
        #expect(quotes == summary.dirt.quoteFields)
        #expect(emoji == summary.dirt.emojiFields)
        #expect(empty == summary.dirt.emptyNumericFields)
        #expect(wrongCount == summary.dirt.wrongFieldCountRows)
        #expect(badTime == summary.dirt.badTimeRows)
        #expect(multiline > 0 && quotes > 0 && emoji > 0 && empty > 0 && wrongCount > 0 && badTime > 0)
        // Dirt does not change the accounts: labels are identical to the clean archive's.
        let clean = try ArchiveFiles.write(Self.small)
        #expect(ArchiveFiles.fingerprint(dir + "/labels.csv") == ArchiveFiles.fingerprint(clean.directory + "/labels.csv"))
    }

    @Test func streamsWithoutHoldingPosts() throws {
        let options = SynthesisOptions(accounts: 2_000, targetPosts: 200_000, ioShare: 0.2, campaigns: 4, seed: 3)
        let (dir, summary) = try ArchiveFiles.write(options)
        #expect(abs(summary.posts - 200_000) < 20_000)
        let tweetBytes = try #require(summary.fileBytes["tweets.csv"])
        #expect(tweetBytes > 50_000_000)
        // Text is handed to the file writer every 256 KiB: what is held never grows with the post count.
        #expect(summary.largestPendingBytes < 256 * 1024 + 16 * 1024)
        #expect(ArchiveFiles.bytes(dir + "/labels.csv").count == summary.fileBytes["labels.csv"])
    }

    @Test func rejectsOptionsThatCannotWork() {
        #expect(throws: SynthesisError.self) { try SynthesisOptions(accounts: 5).validate() }
        #expect(throws: SynthesisError.self) { try SynthesisOptions(accounts: 20, ioShare: 0.1, campaigns: 4).validate() }
        #expect(throws: SynthesisError.self) { try SynthesisOptions(dirtRate: 0.9).validate() }
        #expect(throws: SynthesisError.self) {
            try SynthesisOptions(startDate: CalendarDay(year: 2019, month: 1, day: 1)!, endDate: CalendarDay(year: 2019, month: 1, day: 20)!).validate()
        }
        #expect(throws: Never.self) { try SynthesisOptions().validate() }
    }
}
