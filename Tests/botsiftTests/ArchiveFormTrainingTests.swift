import BotSift
import Foundation
import Testing

/// `train --positive <takedown> --negative <controls>`: every account of a takedown archive is a bot whose
/// campaign is the archive's name, every control account is 0, and both are read as one batch.
@Suite struct ArchiveFormTrainingTests {
    /// Splits the sample's train archive into a takedown folder (bots) and a control folder, line by line
    /// (the sample's rows are single-line and its userids contain no quotes or commas).
    static func splitSample(into dir: URL) throws -> (takedown: String, controls: String, bots: Int, controlCount: Int) {
        let labels = try EndToEndTests.labels(CLI.sample("train/labels.csv"))
        let takedown = dir.appendingPathComponent("china_082019_1"), controls = dir.appendingPathComponent("controls")
        for folder in [takedown, controls] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for file in ["users.csv", "tweets.csv"] {
            let lines = try String(contentsOfFile: CLI.sample("train/" + file), encoding: .utf8).split(separator: "\n")
            var bot = [lines[0]], control = [lines[0]]
            for line in lines.dropFirst() {
                let cells = line.split(separator: ",", maxSplits: 2)
                let id = String(cells[file == "users.csv" ? 0 : 1].dropFirst().dropLast())
                if labels[id] == 1 { bot.append(line) } else { control.append(line) }
            }
            try (bot.joined(separator: "\n") + "\n").write(to: takedown.appendingPathComponent(file), atomically: true, encoding: .utf8)
            try (control.joined(separator: "\n") + "\n").write(to: controls.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let bots = labels.values.filter { $0 == 1 }.count
        return (takedown.path, controls.path, bots, labels.count - bots)
    }

    @Test func takedownAndControlArchivesTrainOneModel() throws {
        let dir = CLI.temporaryDirectory()
        let split = try Self.splitSample(into: dir)
        let model = dir.appendingPathComponent("m.json").path
        let result = try CLI.run(["train", "--positive", split.takedown, "--negative", split.controls, "--model", model, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let trained = try ModelFile.load(from: model)
        #expect(trained.trainingData.accountsPerClass == ["bot": split.bots, "control": split.controlCount])
        #expect(trained.trainingData.accountsPerCampaign == ["china_082019_1": split.bots])
        #expect(trained.trainingData.inputs.count == 4)
        // Same accounts and posts as the labels-file form, read as one batch: the same features, so the
        // same cross-validated AUC (fold assignment depends only on labels and seed, rows are sorted by userid).
        let labelsForm = try EndToEndTests.train(CLI.temporaryDirectory())
        let reference = try ModelFile.load(from: labelsForm.0)
        #expect(trained.crossValidation.rocAUC == reference.crossValidation.rocAUC)
        // Client and language codes are numbered in reading order, so entropies sum in another order: equal to 1e-12.
        for (a, b) in zip(trained.classifier.coefficients, reference.classifier.coefficients) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func anAccountInBothATakedownAndAControlArchiveIsRefused() throws {
        let dir = CLI.temporaryDirectory()
        let split = try Self.splitSample(into: dir)
        let result = try CLI.run(["train", "--positive", split.takedown, split.controls, "--negative", split.controls,
                                  "--model", dir.path + "/m.json"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is in both \(split.controls) and \(split.controls)")
            || result.stderr.contains("one a takedown and one a control archive"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/m.json"))
    }
}
