import BotSift
import Foundation
import Testing

/// Bad input gets a one-line reason and a non-zero exit status, never a crash or a half-written file.
@Suite struct BadInputTests {
    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func trainedModel() throws -> String {
        let path = CLI.temporaryDirectory().appendingPathComponent("model.json").path
        let result = try CLI.run(["train"] + EndToEndTests.trainArgs + ["--model", path, "--folds", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    @Test func missingRequiredColumnNamesFileAndColumn() throws {
        let dir = CLI.temporaryDirectory()
        let users = try Self.write("user_screen_name,follower_count\nalice,3\n", "users.csv", in: dir)
        let labels = try Self.write("userid,label\n1,1\n", "labels.csv", in: dir)
        let result = try CLI.run(["train", "--users", users, "--labels", labels, "--model", dir.path + "/m.json"])
        #expect(result.status != 0)
        #expect(result.stderr.contains(users))
        #expect(result.stderr.contains("userid"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/m.json"))
    }

    @Test func filesKeepTheRoleTheirOptionGaveThem() throws {
        // A file given with --tweets whose header lacks tweet_time was once reclassified as a users file and scored.
        let dir = CLI.temporaryDirectory()
        let tweets = try Self.write("userid,tweet_text\nu1,hi\n", "posts.csv", in: dir)
        let result = try CLI.run(["predict", "--model", try Self.trainedModel(), "--tweets", tweets, "--out", dir.path + "/s.csv"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(tweets): missing required column \"tweet_time\" in tweets file"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/s.csv"))
    }

    @Test func truncatedAndEditedModelFilesAreRefused() throws {
        let model = try Self.trainedModel()
        let text = try String(contentsOfFile: model, encoding: .utf8)
        let dir = CLI.temporaryDirectory()
        let truncated = try Self.write(String(text.prefix(text.count / 2)), "truncated.json", in: dir)
        var result = try CLI.run(["predict", "--model", truncated] + EndToEndTests.testArgs)
        #expect(result.status != 0)
        #expect(result.stderr.contains("model file \(truncated): is not valid JSON"))

        let edited = try Self.write(
            text.replacingOccurrences(of: "\"clip\" : 10", with: "\"clip\" : 3"), "edited.json", in: dir)
        #expect(edited != model)
        result = try CLI.run(["predict", "--model", edited] + EndToEndTests.testArgs)
        #expect(result.status != 0)
        #expect(result.stderr.contains("checksum does not match its content"))

        let future = try Self.write(
            text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 99"), "future.json", in: dir)
        result = try CLI.run(["predict", "--model", future] + EndToEndTests.testArgs)
        #expect(result.status != 0)
        #expect(result.stderr.contains("has format version 99"))

        result = try CLI.run(["predict", "--model", dir.path + "/absent.json"] + EndToEndTests.testArgs)
        #expect(result.stderr.contains("no such file"))
    }

    @Test func unwritableOutputFailsWithoutPartialFile() throws {
        let model = try Self.trainedModel()
        let result = try CLI.run(["predict", "--model", model, "--out", "/nonexistent-dir/scores.csv"] + EndToEndTests.testArgs)
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent-dir/scores.csv"))
    }

    @Test func spreadsheetFormulasInScreenNamesAreEscaped() throws {
        let model = try Self.trainedModel()
        let dir = CLI.temporaryDirectory()
        let header = "userid,user_screen_name,follower_count,following_count,account_creation_date,account_language\n"
        let users = try Self.write(
            header + "111,=HYPERLINK(\"http://x\"),10,20,2015-01-01,en\n222,@bob,5,5,2016-02-02,en\n+33=,plain,1,1,2017-03-03,en\n",
            "users.csv", in: dir)
        let result = try CLI.run(["predict", "--model", model, "--users", users, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 3)
        #expect(rows.contains { $0.hasPrefix("+33=,") && $0.contains(",plain,") })   // ids stay verbatim
        #expect(rows.contains { $0.hasPrefix("111,") && $0.contains(",\"'=HYPERLINK(\"\"http://x\"\")\",") })
        #expect(rows.contains { $0.hasPrefix("222,") && $0.contains(",'@bob,") })
    }

    @Test func conflictingOptionsAreUsageErrors() throws {
        let result = try CLI.run(["evaluate", "--cv", "5", "--leave-one-campaign-out"] + EndToEndTests.trainArgs)
        #expect(result.status != 0)
        #expect(result.stderr.contains("choose one of --model, --cv K or --leave-one-campaign-out"))
        let both = try CLI.run(["train", "--target-precision", "0.9", "--target-fpr", "0.01", "--model", "/tmp/x.json"]
            + EndToEndTests.trainArgs)
        #expect(both.stderr.contains("give --target-precision or --target-fpr, not both"))
    }

    @Test func helpListsTheSubcommandsWithExamples() throws {
        let help = try CLI.run(["--help"])
        for name in ["train", "evaluate", "predict", "inspect", "synthesize", "doctor"] {
            #expect(help.stdout.contains("  \(name)"))
        }
        for name in ["train", "evaluate", "predict", "inspect"] {
            let sub = try CLI.run([name, "--help"])
            #expect(sub.stdout.contains("botsift \(name)"), "\(name) --help has an example")
        }
    }

    @Test func doctorReportsANonGenericKernel() throws {
        let result = try CLI.run(["doctor"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("BLAS kernel:"))
        #expect(!result.stdout.contains("BLAS kernel:   Prescott"))
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil
            && ProcessInfo.processInfo.environment["OMP_NUM_THREADS"] == nil {
            #expect(result.stdout.contains("BLAS threads:  1"))
        }
    }
}
