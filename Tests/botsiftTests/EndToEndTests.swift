import BotSift
import Foundation
import Testing

/// The README tour, run as a user would: train -> evaluate -> predict on the shipped sample, checking the
/// numbers and files produced, not only exit codes.
@Suite(.serialized) struct EndToEndTests {
    static let trainArgs = [
        "--users", CLI.sample("train/users.csv"), "--tweets", CLI.sample("train/tweets.csv"),
        "--labels", CLI.sample("train/labels.csv"), "--quiet",
    ]
    static let testArgs = [
        "--users", CLI.sample("test/users.csv"), "--tweets", CLI.sample("test/tweets.csv"),
    ]

    /// userid -> label from a labels.csv (userid,label,campaign; ids contain no commas or quotes).
    static func labels(_ path: String) throws -> [String: Int] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [String: Int] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            out[String(cells[0])] = Int(cells[1])!
        }
        return out
    }

    static func train(_ directory: URL, extra: [String] = []) throws -> (String, CLI.Result) {
        let model = directory.appendingPathComponent("model.json").path
        let result = try CLI.run(["train"] + trainArgs + ["--model", model] + extra)
        return (model, result)
    }

    @Test func trainWritesAModelWhoseCountsAndCrossValidationAreReal() throws {
        let dir = CLI.temporaryDirectory()
        let (path, result) = try Self.train(dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Threshold: "))
        #expect(result.stdout.contains("Clusters (k-means on standardised features)"))
        let model = try ModelFile.load(from: path)
        let truth = try Self.labels(CLI.sample("train/labels.csv"))
        #expect(model.trainingData.accountsPerClass["bot"] == truth.values.filter { $0 == 1 }.count)
        #expect(model.trainingData.accountsPerClass["control"] == truth.values.filter { $0 == 0 }.count)
        #expect(model.trainingData.inputs.map(\.name) == ["users.csv", "tweets.csv", "labels.csv"])
        #expect(model.clusters.profiles.count == 8)
        #expect(model.clusters.profiles.map(\.size).reduce(0, +) == truth.count)
        // The sample carries real signal: a broken pipeline scores near 0.5.
        let auc = try #require(model.crossValidation.rocAUC)
        #expect(auc > 0.95)
        #expect(model.threshold.threshold > 0 && model.threshold.threshold < 1)
    }

    @Test func trainingTwiceGivesByteIdenticalModelFiles() throws {
        let (a, ra) = try Self.train(CLI.temporaryDirectory())
        let (b, rb) = try Self.train(CLI.temporaryDirectory())
        #expect(ra.status == 0 && rb.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        let (c, _) = try Self.train(CLI.temporaryDirectory(), extra: ["--seed", "7"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) != Data(contentsOf: URL(fileURLWithPath: c)))
    }

    @Test func fullDigestIsRecordedOnlyWithTheFlag() throws {
        let (sampledPath, sampledRun) = try Self.train(CLI.temporaryDirectory())
        let (fullPath, fullRun) = try Self.train(CLI.temporaryDirectory(), extra: ["--full-digest"])
        #expect(sampledRun.status == 0 && fullRun.status == 0, "\(sampledRun.stderr)\(fullRun.stderr)")
        let sampledText = try String(contentsOfFile: sampledPath, encoding: .utf8)
        let fullText = try String(contentsOfFile: fullPath, encoding: .utf8)
        #expect(!sampledText.contains("\"sha256\""))
        #expect(sampledText.components(separatedBy: "\"sampledSHA256\"").count - 1 == 3)
        #expect(fullText.components(separatedBy: "\"sha256\"").count - 1 == 3)

        let sampled = try ModelFile.load(from: sampledPath).trainingData.inputs
        let full = try ModelFile.load(from: fullPath).trainingData.inputs
        let paths = ["train/users.csv", "train/tweets.csv", "train/labels.csv"].map(CLI.sample)
        // tweets.csv (4.9 MB) is larger than 64 blocks of 64 KiB, so its digest is a sample; the others are whole.
        #expect(sampled.map(\.sampledSHA256) == (try paths.map { try FileDigest.sampledSHA256(path: $0).hex }))
        #expect(sampled.map(\.sampledSHA256) == full.map(\.sampledSHA256))
        #expect(full.map(\.sha256) == (try paths.map { try FileDigest.sha256(path: $0).hex }))
        #expect(full.map(\.bytes) == sampled.map(\.bytes))
    }

    @Test func evaluateAndPredictAgreeWithEachOtherAndWithTheLabels() throws {
        let dir = CLI.temporaryDirectory()
        let (modelPath, trained) = try Self.train(dir)
        #expect(trained.status == 0)
        let model = try ModelFile.load(from: modelPath)

        let evaluation = try CLI.run(
            ["evaluate", "--model", modelPath, "--labels", CLI.sample("test/labels.csv"), "--json", "--quiet",
             "--bootstrap", "200"] + Self.testArgs)
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(evaluation.stdout.utf8)) as! [String: Any]
        let truth = try Self.labels(CLI.sample("test/labels.csv"))
        #expect(report["rows"] as? Int == truth.count)
        #expect(report["positives"] as? Int == truth.values.filter { $0 == 1 }.count)

        let scoresPath = dir.appendingPathComponent("scores.csv").path
        let predicted = try CLI.run(["predict", "--model", modelPath, CLI.sample("test"), "--out", scoresPath, "--quiet"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        #expect(predicted.stdout.isEmpty)
        let lines = try String(contentsOfFile: scoresPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("userid,score,label,screen_name,cluster,cluster_bot_share,reason_1") == true)
        #expect(lines.count - 1 == truth.count)
        var labels: [Int] = []
        var scores: [Double] = []
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            let score = try #require(Double(cells[1]))
            #expect(score >= 0 && score <= 1)
            if abs(score - model.threshold.threshold) > 1e-6 {
                #expect((cells[2] == "1") == (score >= model.threshold.threshold))
            }
            labels.append(try #require(truth[String(cells[0])]))
            scores.append(score)
        }
        // evaluate's ROC AUC is the AUC of predict's scores against the labels (scores rounded to 6 decimals).
        let auc = try #require(Metrics.rocAUC(labels: labels, scores: scores))
        #expect(abs(auc - (report["rocAUC"] as! Double)) < 1e-3)
        #expect(auc > 0.9)
    }

    @Test func predictWritesJSONLinesWithReasons() throws {
        let (modelPath, _) = try Self.train(CLI.temporaryDirectory())
        let result = try CLI.run(["predict", "--model", modelPath, "--format", "jsonl", "--quiet"] + Self.testArgs)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 600)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(Set(first.keys) == ["userid", "score", "label", "screen_name", "cluster", "cluster_bot_share", "reasons"])
        let flagged = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["label"] as? Int == 1 }
        #expect(!flagged.isEmpty)
        for row in flagged {
            let reasons = row["reasons"] as! [[String: Any]]
            #expect(reasons.count == 3)
            let contributions = reasons.map { $0["contribution"] as! Double }
            #expect(contributions == contributions.sorted(by: >))
            #expect(contributions.allSatisfy { $0 > 0 })
        }
    }

    @Test func crossValidationAndLeaveOneCampaignOutReportEveryCampaign() throws {
        let loco = try CLI.run(["evaluate", "--leave-one-campaign-out", "--json", "--bootstrap", "0"] + Self.trainArgs)
        #expect(loco.status == 0, "\(loco.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(loco.stdout.utf8)) as! [String: Any]
        let splits = json["splits"] as! [[String: Any]]
        let campaigns = Set(try Self.labels(CLI.sample("train/labels.csv")).count > 0
            ? try String(contentsOfFile: CLI.sample("train/labels.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",")[2] }.filter { $0 != "organic" }.map(String.init)
            : [])
        #expect(Set(splits.map { $0["name"] as! String }) == campaigns)
        for split in splits { #expect((split["bots"] as! Int) > 0 && (split["controls"] as! Int) > 0) }
    }
}
