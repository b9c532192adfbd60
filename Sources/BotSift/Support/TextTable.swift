/// Plain-text tables with aligned columns for reports people read and paste, built without Foundation.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var header: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(header: [String], alignments: [Alignment]) {
        precondition(header.count == alignments.count, "one alignment per column")
        self.header = header
        self.alignments = alignments
    }

    /// A table whose columns are right-aligned (numbers) except those in `leftAligned` (default: the first).
    public init(_ header: [String], leftAligned: Set<Int> = [0]) {
        self.init(header: header, alignments: header.indices.map { leftAligned.contains($0) ? .left : .right })
    }

    /// Appends a row; missing trailing cells are blank.
    public mutating func add(_ row: [String]) {
        precondition(row.count <= header.count, "row has more cells than the header")
        rows.append(row + Array(repeating: "", count: header.count - row.count))
    }

    /// The table as lines: header, a rule of dashes, then the rows; columns separated by two spaces.
    public func render(indent: String = "  ") -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { column -> String in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .left ? cells[column] + padding : padding + cells[column]
            }
            var text = indent + padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([line(header), line(rule)] + rows.map(line)).joined(separator: "\n")
    }
}

/// Number formatting for people: short, locale-free, deterministic.
public enum Format {
    /// `value` with exactly `digits` decimals, rounded half away from zero ("0.9000", "-1.25", "12").
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e15 else { return "\(value)" }
        let units = Int(scaled), divisor = Int(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return sign + "\(units)" }
        let fraction = String(units % divisor)
        return sign + "\(units / divisor)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// A value as an integer when it is one, else with 3 decimals (1 above 100): for feature values in reasons.
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return fixed(value, digits: abs(value) >= 100 ? 1 : 3)
    }

    /// `+1.23` / `-0.40`: a signed contribution.
    public static func signed(_ value: Double, digits: Int = 2) -> String {
        (value >= 0 ? "+" : "-") + fixed(abs(value), digits: digits)
    }

    /// An integer with thousands separators ("1,234,567").
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A share as a percentage with `digits` decimals ("1%", "0.1%").
    public static func percent(_ share: Double, digits: Int = 1) -> String { fixed(share * 100, digits: digits) + "%" }
}
