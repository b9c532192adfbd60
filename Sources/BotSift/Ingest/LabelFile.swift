/// One labeled account: `label` 1 marks an influence-operation (or bot) account, 0 a control account.
public struct LabeledAccount: Sendable, Equatable {
    public var userID: String
    public var label: Int
    /// The takedown or campaign the account belongs to, when the file has that column and it is not empty.
    public var campaign: String?

    public init(userID: String, label: Int, campaign: String? = nil) {
        self.userID = userID
        self.label = label
        self.campaign = campaign
    }
}

/// Reader for label files: CSV `userid,label[,campaign]` (label 0/1 or true/false), with or without a header
/// row (a header is recognised by a first cell `userid`; its columns are then found by name). Strict: any bad
/// row throws an `IngestError` saying `file:line:column` and what is wrong, a userid listed twice (byte for byte, as
/// the archive reader tells accounts apart) included.
public enum LabelFile {
    /// 1 for `1` or `true`, 0 for `0` or `false` (letters in any case), nil for anything else: the archive's
    /// boolean spellings (`FieldParsing.boolean`).
    static func label(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard case .value(let isBot) = FieldParsing.boolean(bytes) else { return nil }
        return isBot ? 1 : 0
    }

    /// Every row of the file, in file order.
    public static func read(_ path: String) throws -> [LabeledAccount] {
        let source = try ByteSource(path == "-" ? .standardInput : .file(path))
        let name = source.displayName
        let scanner = CSVScanner(source: source, chunkSize: 1 << 20)
        guard try scanner.nextRecord() else {
            throw IngestError(.emptyFile, "\(name): label file is empty (expected rows userid,label[,campaign])")
        }
        var userColumn = 0, labelColumn = 1, campaignColumn = 2
        var hasHeader = false
        if scanner.fieldCount > 0 && ArchiveReader.headerName(scanner.field(0)) == "userid" {
            hasHeader = true
            let names = (0..<scanner.fieldCount).map { ArchiveReader.headerName(scanner.field($0)) }
            guard let label = names.firstIndex(of: "label") else {
                throw IngestError(
                    .missingColumn,
                    "\(name): missing required column \"label\" in label file (needed for the 0/1 class of each account); "
                        + "found columns: \(names.joined(separator: ", "))")
            }
            userColumn = 0
            labelColumn = label
            campaignColumn = names.firstIndex(of: "campaign") ?? -1
        }
        var accounts: [LabeledAccount] = []
        // Userids seen (the code of a userid is its position in `firstLines`) and campaign names made once each:
        // byte-level tables, not `String` dictionaries (reading 20,000 rows: 22-25 ms with them, 12-20 ms now).
        let userIDs = ByteInterner()
        var firstLines: [Int] = []
        let campaignCodes = ByteInterner()
        var campaignNames: [String] = []
        var atRecord = !hasHeader
        while try atRecord || scanner.nextRecord() {
            atRecord = false
            let line = scanner.recordLine()
            if let problem = scanner.problem {
                switch problem {
                case .unterminatedQuote(let column):
                    throw IngestError(.malformedRecord(.unterminatedQuote), "\(name):\(line):\(column): unterminated quote at end of file")
                case .textAfterClosingQuote(let column):
                    throw IngestError(.malformedRecord(.textAfterClosingQuote), "\(name):\(line):\(column): text after closing quote")
                }
            }
            let needed = max(userColumn, labelColumn) + 1
            guard scanner.fieldCount >= needed else {
                throw IngestError(
                    .malformedRecord(.wrongFieldCount),
                    "\(name):\(line): expected userid,label[,campaign], found \(scanner.fieldCount) field\(scanner.fieldCount == 1 ? "" : "s")")
            }
            func validBytes(_ column: Int) throws -> UnsafeBufferPointer<UInt8> {
                let field = FieldParsing.trimmed(scanner.field(column))
                guard FieldParsing.isValidUTF8(field) else {
                    throw IngestError(.malformedRecord(.invalidUTF8), "\(name):\(line):\(column + 1): invalid UTF-8")
                }
                return field
            }
            let userBytes = try validBytes(userColumn)
            guard !userBytes.isEmpty else {
                throw IngestError(.malformedRecord(.missingRequiredValue), "\(name):\(line):\(userColumn + 1): missing userid")
            }
            let labelBytes = try validBytes(labelColumn)
            guard let label = Self.label(labelBytes) else {
                throw IngestError(
                    .badLabel, "\(name):\(line):\(labelColumn + 1): label must be 0, 1, true or false, found \"\(String(decoding: labelBytes, as: UTF8.self))\"")
            }
            if let code = userIDs.code(of: userBytes) {
                throw IngestError(
                    .badLabel,
                    "\(name):\(line):\(userColumn + 1): duplicate userid \"\(String(decoding: userBytes, as: UTF8.self))\" (first at line \(firstLines[Int(code)]))")
            }
            _ = userIDs.insert(userBytes)
            firstLines.append(line)
            var campaign: String?
            if campaignColumn >= 0 && campaignColumn < scanner.fieldCount {
                let value = try validBytes(campaignColumn)
                if !value.isEmpty {
                    if let code = campaignCodes.code(of: value) {
                        campaign = campaignNames[Int(code)]
                    } else {
                        _ = campaignCodes.insert(value)
                        campaignNames.append(String(decoding: value, as: UTF8.self))
                        campaign = campaignNames.last
                    }
                }
            }
            accounts.append(LabeledAccount(userID: String(decoding: userBytes, as: UTF8.self), label: label, campaign: campaign))
        }
        return accounts
    }
}
