import Testing
@testable import BotSift

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(BotSiftVersion.current.split(separator: ".").count == 3)
    }
}
