import Foundation
import Testing
@testable import BotSift

/// The training-data fingerprint in model files: sampled digest always, full SHA-256 only on request, and model
/// files written before the sampled digest existed still load with their checksum intact.
@Suite struct TrainingDataFingerprintTests {
    /// The encoder settings `ModelFile` checksums with (compact, sorted keys).
    static func canonical<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `trainingData` of Models/default.botsift.json at commit 44589f0, before `sampledSHA256` existed, in the
    /// compact sorted-key form the checksum is taken over.
    static let oldForm = """
        {"accountsPerCampaign":{"cn_falcon_0e":27,"ir_indigo_0e":34,"ru_cobalt_0e":42,"sa_ember_0e":37},\
        "accountsPerClass":{"bot":140,"control":560},"inputs":[\
        {"bytes":135806,"name":"users.csv","sha256":"4bec149ad05f5af187245f91b3656ca304283e11da647614ecae1ed069be633d"},\
        {"bytes":4934713,"name":"tweets.csv","sha256":"87e2d129ee4304c0b9a3f8a290bb1ab365675a2e058546f9159dc35599adc14d"},\
        {"bytes":35905,"name":"labels.csv","sha256":"398fce7b90f56cd680e876df0d6d0a69608a1c561c836b902eaa8cb91ac5c7d3"}]}
        """

    @Test func oldFormDecodesAndReencodesByteForByte() throws {
        let fingerprint = try JSONDecoder().decode(TrainingDataFingerprint.self, from: Data(Self.oldForm.utf8))
        #expect(fingerprint.inputs.map(\.name) == ["users.csv", "tweets.csv", "labels.csv"])
        #expect(fingerprint.inputs.map(\.sha256) == [
            "4bec149ad05f5af187245f91b3656ca304283e11da647614ecae1ed069be633d",
            "87e2d129ee4304c0b9a3f8a290bb1ab365675a2e058546f9159dc35599adc14d",
            "398fce7b90f56cd680e876df0d6d0a69608a1c561c836b902eaa8cb91ac5c7d3",
        ])
        #expect(fingerprint.inputs.allSatisfy { $0.sampledSHA256 == nil })
        #expect(fingerprint.inputs.map(\.bytes) == [135806, 4934713, 35905])
        #expect(fingerprint.accountsPerClass == ["bot": 140, "control": 560])
        // The model checksum is taken over the re-encoded model, so an old file stays valid only if
        // re-encoding adds no key.
        #expect(try Self.canonical(fingerprint) == Self.oldForm)
    }

    @Test func fullDigestIsOmittedUnlessRecorded() throws {
        let sampledOnly = TrainingDataFingerprint.Input(name: "users.csv", sampledSHA256: "ab12", sha256: nil, bytes: 7)
        #expect(try Self.canonical(sampledOnly) == #"{"bytes":7,"name":"users.csv","sampledSHA256":"ab12"}"#)
        let both = TrainingDataFingerprint.Input(name: "users.csv", sampledSHA256: "ab12", sha256: "cd34", bytes: 7)
        #expect(try Self.canonical(both) == #"{"bytes":7,"name":"users.csv","sampledSHA256":"ab12","sha256":"cd34"}"#)
        let decoded = try JSONDecoder().decode(TrainingDataFingerprint.Input.self, from: Data(try Self.canonical(sampledOnly).utf8))
        #expect(decoded == sampledOnly)
    }

    @Test func archiveInputsGetSampledDigestsAndFullOnesOnRequest() throws {
        let users = IngestTestSupport.fixture("tiny_users_csv_hashed.csv")
        let tweets = IngestTestSupport.fixture("tiny_tweets_csv_hashed.csv")
        let labeled = LabeledArchive(input: try ArchiveInput.locate([users, tweets]), labels: [], labelFiles: [])
        let sampled = try labeled.startFingerprinting(fullDigest: false).wait()
        let full = try labeled.startFingerprinting(fullDigest: true).wait()
        #expect(sampled.map(\.name) == ["tiny_users_csv_hashed.csv", "tiny_tweets_csv_hashed.csv"])
        #expect(sampled.allSatisfy { $0.sha256 == nil })
        #expect(sampled.map(\.sampledSHA256) == full.map(\.sampledSHA256))
        // sampled_sha256.py and sha256sum of the users fixture.
        #expect(full[0].sampledSHA256 == "83899d07fb19064795459bd716a07a8bdfeb7dd5f87c884db4dbae47ba877c20")
        #expect(full[0].sha256 == "1f3ff75a1f06e27ae2b0ec486917a60bd45d1a685f0732e64b8df9358219459f")
        #expect(full[0].bytes == 609)
        #expect(full[1].sha256 == (try FileDigest.sha256(path: tweets).hex))
    }
}
