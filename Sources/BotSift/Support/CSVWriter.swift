/// Builds RFC 4180 CSV text: fields holding a comma, quote, CR or LF are quoted, quotes doubled.
/// With `escapeFormulas`, text cells starting with `=`, `+`, `-` or `@` get a leading apostrophe so a
/// spreadsheet shows them instead of running them (OWASP CSV injection); numbers are never escaped.
public struct CSVWriter: Sendable {
    public var escapeFormulas: Bool
    /// Accumulated output; callers flush it to a file or stream whenever they like.
    public var text: String = ""

    public init(escapeFormulas: Bool = false) {
        self.escapeFormulas = escapeFormulas
    }

    /// Appends one record of text cells and a line feed.
    public mutating func writeRow(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { text.append(",") }
            text.append(encode(field))
        }
        text.append("\n")
    }

    private static let formulaLeaders: [UInt8] = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")]

    /// One cell as it appears in the file.
    public func encode(_ field: String) -> String {
        var value = field
        if escapeFormulas, let first = value.utf8.first, CSVWriter.formulaLeaders.contains(first) {
            value = "'" + value
        }
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return value }
        var quoted = "\""
        for ch in value.unicodeScalars {
            if ch == "\"" { quoted.append("\"\"") } else { quoted.unicodeScalars.append(ch) }
        }
        quoted.append("\"")
        return quoted
    }
}
