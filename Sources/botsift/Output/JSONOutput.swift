import Foundation

/// The one JSON style of `--json` outputs: pretty, sorted keys (stable for diffs and pipelines), slashes
/// unescaped, and non-finite numbers as the strings "nan", "inf", "-inf" instead of an encoding failure.
enum JSONOutput {
    static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
