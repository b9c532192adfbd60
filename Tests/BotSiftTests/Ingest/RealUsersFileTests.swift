import Foundation
import Testing
@testable import BotSift

/// The real users file of Twitter's `china_082019_1` release, read from ../shared/data (never copied into
/// the repository). Reference numbers: Scripts/reference/ingest_users_reference.py (pandas).
@Suite struct RealUsersFileTests {
    static let fileName = "china_082019_1_users_csv_hashed.csv"

    static let path: String? = {
        let repositoryRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            repositoryRoot.appendingPathComponent("../shared/data/\(fileName)").standardizedFileURL.path,
            "/work/shared/data/\(fileName)",
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }()

    @Test(.enabled(if: path != nil, "skipped: \(fileName) not found in ../shared/data or /work/shared/data"))
    func loadsAll744AccountsExactly() throws {
        let (result, _) = try IngestTestSupport.read(users: Self.path!, strict: true)
        let accounts = result.accounts
        #expect(accounts.count == 744)
        #expect(result.report.malformed.isEmpty)
        #expect(result.report.unparseableOptionalValues.isEmpty)
        #expect(Set(accounts.map(\.userID)).count == 744)

        var languages: [String: Int] = [:]
        for account in accounts { languages[account.language, default: 0] += 1 }
        #expect(languages == ["zh-cn": 582, "en": 104, "ru": 36, "zh-tw": 10, "es": 8, "en-gb": 3, "ja": 1])

        #expect(accounts.filter { !$0.userID.allSatisfy(\.isASCII) || !$0.userID.allSatisfy(\.isNumber) }.count == 254)
        #expect(accounts.reduce(0) { $0 + ($1.followerCount ?? 0) } == 5_945_124)
        #expect(accounts.reduce(0) { $0 + ($1.followingCount ?? 0) } == 928_054)
        #expect(accounts.filter { !$0.profileDescription.isEmpty }.count == 189)
        #expect(accounts.filter { $0.profileDescription.contains("\n") }.count == 4)
        #expect(accounts.reduce(0) { $0 + $1.profileDescription.utf8.count } == 7_728)
        #expect(accounts.compactMap(\.creationDay).min() == 14_015)  // 2008-05-16
        #expect(accounts.compactMap(\.creationDay).max() == 18_023)  // 2019-05-07
    }

    @Test(.enabled(if: path != nil, "skipped: \(fileName) not found in ../shared/data or /work/shared/data"))
    func spotChecksIncludingMultiLineDescriptions() throws {
        let (result, _) = try IngestTestSupport.read(users: Self.path!)
        let byID = Dictionary(uniqueKeysWithValues: result.accounts.map { ($0.userID, $0) })
        let poet = try #require(byID["917692198870712320"])
        #expect(poet.displayName == "米奇" && poet.screenName == "ukw77567" && poet.reportedLocation == "los")
        #expect(poet.profileDescription == "《江城子》 苏轼\n十年生死两茫茫，不思量，自难忘。\n千里孤坟，无处话凄凉。 纵使相逢应不识，尘满面，鬓如霜。\n"
            + "夜来幽梦忽还乡，小轩窗，正梳妆。\n相顾无言，惟有泪千行。料得年年肠断处，明月夜，短松冈。")
        #expect(poet.followerCount == 0 && poet.followingCount == 43 && poet.creationDay == 17_449)
        let korean = try #require(byID["262149780"])
        #expect(korean.profileDescription == "83년생이구여~\n결혼1년차 주부에요ㅋ")
        #expect(korean.followerCount == 17_861 && korean.creationDay == 15_040 && korean.language == "zh-cn")
        let first = result.accounts[0]
        #expect(first.userID == "vMm2zemFOF7kmXoDyX24Bo+TorqhNutpZlATYyxsE=" && first.screenName == first.userID)
        #expect(first.followerCount == 1 && first.followingCount == 52 && first.creationDay == 17_408)
        let last = try #require(result.accounts.last)
        #expect(last.userID == "2993185258" && last.displayName == "HK時政直擊")
        #expect(last.reportedLocation == "Tsuen Wan District, Hong Kong" && last.profileURL == "https://t.co/5u2Qw5PaKt")
        #expect(last.index == 743)
    }
}
