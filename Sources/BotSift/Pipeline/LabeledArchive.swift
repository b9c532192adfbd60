import Dispatch

/// An archive batch together with its labels, from either labeled form: a labels file, or takedown
/// archives (all accounts bots, campaign = archive name) plus control archives (all accounts 0).
public struct LabeledArchive: Sendable {
    public var input: ArchiveInput
    public var labels: [LabeledAccount]
    /// Label files used (part of the training fingerprint).
    public var labelFiles: [String]

    public init(input: ArchiveInput, labels: [LabeledAccount], labelFiles: [String]) {
        self.input = input
        self.labels = labels
        self.labelFiles = labelFiles
    }

    /// One batch from takedown and control archives. Each archive's accounts are listed from its users
    /// file (or its tweets when it has none); an account in both a takedown and a control archive is an error.
    public static func fromArchives(positive: [String], negative: [String], options: IngestOptions = IngestOptions())
        throws -> LabeledArchive
    {
        var inputs: [ArchiveInput] = []
        var labels: [LabeledAccount] = []
        var labelOf: [String: (label: Int, archive: String)] = [:]
        for (paths, label) in [(positive, 1), (negative, 0)] {
            for path in paths {
                let input = try ArchiveInput.locate([path])
                let campaign = label == 1 ? archiveName(path) : "control"
                for id in try accountIDs(in: input, options: options) {
                    if let earlier = labelOf[id] {
                        if earlier.label != label {
                            throw LabelConflictError(userID: id, firstArchive: earlier.archive, secondArchive: path)
                        }
                        continue
                    }
                    labelOf[id] = (label, path)
                    labels.append(LabeledAccount(userID: id, label: label, campaign: campaign))
                }
                inputs.append(input)
            }
        }
        return LabeledArchive(input: ArchiveInput.combining(inputs), labels: labels, labelFiles: [])
    }

    /// Starts fingerprinting every input file on a background thread, so that with `fullDigest` the full
    /// SHA-256 pass overlaps feature extraction instead of adding a sequential read; `wait()` collects the result.
    public func startFingerprinting(fullDigest: Bool) -> PendingFingerprint {
        PendingFingerprint { try self.fingerprintInputs(fullDigest: fullDigest) }
    }

    /// Every file behind this batch with its sampled SHA-256 (about 4 MiB read per file) and, with
    /// `fullDigest`, the SHA-256 of its whole content, for the model's training-data fingerprint.
    public func fingerprintInputs(fullDigest: Bool) throws -> [TrainingDataFingerprint.Input] {
        var paths: [String] = []
        for source in input.users + input.tweets {
            if case .file(let path) = source { paths.append(path) }
        }
        paths += labelFiles
        return try paths.map { path in
            let sampled = try FileDigest.sampledSHA256(path: path)
            let full = fullDigest ? try FileDigest.sha256(path: path) : nil
            if let full, full.bytes != sampled.bytes {
                throw FileReadError(path: path, reason: "size changed from \(sampled.bytes) to \(full.bytes) bytes while being fingerprinted")
            }
            return TrainingDataFingerprint.Input(
                name: baseName(path), sampledSHA256: sampled.hex, sha256: full?.hex, bytes: sampled.bytes)
        }
    }

    /// Campaign name for a takedown archive: the folder name, or the users file name without the
    /// release suffixes (`china_082019_1_users_csv_hashed.csv` -> `china_082019_1`).
    public static func archiveName(_ path: String) -> String {
        var name = baseName(path.hasSuffix("/") ? String(path.dropLast()) : path)
        for suffix in [".gz", ".csv", "_hashed", "_csv", "_users", "_tweets"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        return name.isEmpty ? path : name
    }

    private static func accountIDs(in input: ArchiveInput, options: IngestOptions) throws -> [String] {
        let listing = input.users.isEmpty ? input : ArchiveInput(users: input.users, tweets: [])
        let reader = ArchiveReader(listing, options: options)
        var ids: [String] = []
        _ = try reader.read(account: { ids.append($0.userID) }, post: { _ in })
        return ids
    }
}

/// Training-data fingerprints being computed on a background thread.
public final class PendingFingerprint: @unchecked Sendable {
    // Written once by the worker before `done` is signalled, read only after waiting on it.
    private var result: Result<[TrainingDataFingerprint.Input], any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> [TrainingDataFingerprint.Input]) {
        DispatchQueue.global().async {
            self.result = Result(catching: work)
            self.done.signal()
        }
    }

    /// Blocks until hashing has finished; rethrows a read error.
    public func wait() throws -> [TrainingDataFingerprint.Input] {
        done.wait()
        done.signal()
        return try result!.get()
    }
}

/// The same account appears in a takedown archive and in a control archive.
public struct LabelConflictError: Error, CustomStringConvertible, Equatable {
    public let userID: String
    public let firstArchive: String
    public let secondArchive: String
    public var description: String {
        "account \(userID) is in both \(firstArchive) and \(secondArchive), one a takedown and one a control archive; remove it from one"
    }
}

/// The last path component.
func baseName(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
}
