import Foundation

/// Everything a trained botsift model is, in one JSON document: what to compute (feature schema), how to
/// standardise it, the classifier, the decision threshold and how it was chosen, the campaign clusters,
/// the hyper-parameters and seed, a fingerprint of the training data and the cross-validated metrics.
/// The file carries a SHA-256 of its own content so that a truncated or hand-edited file is refused.
public struct BotSiftModel: Codable, Sendable {
    /// Version of this file layout; bumped on any incompatible change.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var botsiftVersion: String
    public var schema: FeatureSchema
    public var scaler: FittedStandardScaler
    /// Standardised values are clipped to ±`clip` before scoring, so one absurd value in a new batch
    /// cannot dominate a score.
    public var clip: Double
    public var classifier: FittedLogisticRegression
    public var threshold: ThresholdChoice
    public var clusters: FittedClusterStage
    public var hyperparameters: TrainingConfiguration
    public var trainingData: TrainingDataFingerprint
    /// Metrics on out-of-fold scores from the cross-validation that chose the threshold.
    public var crossValidation: EvaluationReport

    public init(
        schema: FeatureSchema, scaler: FittedStandardScaler, clip: Double, classifier: FittedLogisticRegression,
        threshold: ThresholdChoice, clusters: FittedClusterStage, hyperparameters: TrainingConfiguration,
        trainingData: TrainingDataFingerprint, crossValidation: EvaluationReport
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.botsiftVersion = BotSiftVersion.current
        self.schema = schema
        self.scaler = scaler
        self.clip = clip
        self.classifier = classifier
        self.threshold = threshold
        self.clusters = clusters
        self.hyperparameters = hyperparameters
        self.trainingData = trainingData
        self.crossValidation = crossValidation
    }
}

/// Where the training data came from: digests of every input file and the counts per class and campaign.
public struct TrainingDataFingerprint: Codable, Equatable, Sendable {
    /// One input file: its name, size and digests (see docs/MODEL_FILE.md for the sampling rule).
    public struct Input: Codable, Equatable, Sendable {
        /// The file name as given (directory part dropped, so the fingerprint does not depend on where it lived).
        public var name: String
        /// `FileDigest.sampledSHA256`: size plus 64 evenly spaced 64 KiB blocks. Nil only in model files
        /// written before it was recorded (those carry `sha256`).
        public var sampledSHA256: String?
        /// SHA-256 of the whole file; recorded only when asked for (`train --full-digest`), omitted otherwise.
        public var sha256: String?
        public var bytes: Int

        public init(name: String, sampledSHA256: String?, sha256: String?, bytes: Int) {
            self.name = name
            self.sampledSHA256 = sampledSHA256
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    public var inputs: [Input]
    /// Accounts per class: keys "bot" and "control".
    public var accountsPerClass: [String: Int]
    /// Labeled bot accounts per campaign name.
    public var accountsPerCampaign: [String: Int]

    public init(inputs: [Input], accountsPerClass: [String: Int], accountsPerCampaign: [String: Int]) {
        self.inputs = inputs
        self.accountsPerClass = accountsPerClass
        self.accountsPerCampaign = accountsPerCampaign
    }
}

/// Why a model file could not be used; every message names the file.
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "model file \(path): \(reason)" }
}

/// Reads and writes `BotSiftModel` files: sorted-key JSON (byte-identical for identical models),
/// written atomically, with a content checksum verified on load.
public enum ModelFile {
    private struct Envelope: Codable {
        var model: BotSiftModel
        var contentSHA256: String
    }

    /// The exact bytes of the file for `model`.
    public static func encode(_ model: BotSiftModel) throws -> Data {
        let body = try canonicalJSON(model)
        let envelope = Envelope(model: model, contentSHA256: FileDigest.sha256(bytes: body))
        var data = try encoder().encode(envelope)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Writes `model` to `path` atomically (temporary file + rename): a crash mid-save leaves the old file intact.
    public static func save(_ model: BotSiftModel, to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes: Array(try encode(model)))
        try writer.commit()
    }

    /// Loads and verifies a model file: JSON well-formed, format version supported, checksum intact.
    public static func load(from path: String) throws -> BotSiftModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError(path: path, reason: "cannot be read (\(readReason(path)))")
        }
        return try decode(data, path: path)
    }

    /// Decodes and verifies model-file bytes; `path` only labels errors.
    public static func decode(_ data: Data, path: String) throws -> BotSiftModel {
        guard !data.isEmpty else { throw ModelFileError(path: path, reason: "is empty") }
        let top: Any
        do {
            top = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ModelFileError(path: path, reason: "is not valid JSON (truncated or damaged): \(error.localizedDescription)")
        }
        guard let object = top as? [String: Any], let model = object["model"] as? [String: Any] else {
            throw ModelFileError(path: path, reason: "is not a botsift model (no \"model\" object)")
        }
        guard let version = model["formatVersion"] as? Int else {
            throw ModelFileError(path: path, reason: "has no formatVersion; is it a botsift model?")
        }
        guard version == BotSiftModel.currentFormatVersion else {
            let made = (model["botsiftVersion"] as? String).map { " by botsift \($0)" } ?? ""
            throw ModelFileError(
                path: path,
                reason: "has format version \(version)\(made); this botsift (\(BotSiftVersion.current)) reads version \(BotSiftModel.currentFormatVersion). Retrain the model with this version.")
        }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch let error as DecodingError {
            throw ModelFileError(path: path, reason: "is damaged: \(describe(error))")
        }
        let expected = FileDigest.sha256(bytes: try canonicalJSON(envelope.model))
        guard expected == envelope.contentSHA256 else {
            throw ModelFileError(
                path: path,
                reason: "checksum does not match its content: it was edited or damaged after training. Retrain, or restore the file.")
        }
        return envelope.model
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        return encoder
    }

    private static func canonicalJSON(_ model: BotSiftModel) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(model)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the top level" : String(keys.dropFirst(keys.hasPrefix(".") ? 1 : 0))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" in \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad value at \(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func readReason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        return isDirectory.boolValue ? "it is a directory" : "permission denied or I/O error"
    }
}
