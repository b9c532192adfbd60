#if canImport(Glibc)
import Glibc
#endif
@testable import ArchiveSynthesis

/// Test helpers: temporary directories, whole-file reads, and a minimal RFC 4180 splitter written
/// independently of the real reader (which is built elsewhere), so the tests check the file format itself.
enum ArchiveFiles {
    static func temporaryDirectory() -> String {
        var template = Array("/tmp/botsift-synth-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }!
        return String(cString: p)
    }

    static func bytes(_ path: String) -> [UInt8] {
        guard let f = fopen(path, "rb") else { return [] }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// FNV-1a over a file's bytes.
    static func fingerprint(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes(path) { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// Records of a CSV file: quoted fields may hold commas, doubled quotes, CR and LF; records end at
    /// LF or CRLF outside quotes; a leading UTF-8 BOM is skipped.
    static func records(_ path: String) -> [[String]] {
        var data = bytes(path)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        while i < data.count {
            let b = data[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < data.count && data[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") {
                inQuotes = true
            } else if b == UInt8(ascii: ",") {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if b == 10 || (b == 13 && i + 1 < data.count && data[i + 1] == 10) {
                if b == 13 { i += 1 }
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                records.append(record)
                record = []
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(String(decoding: field, as: UTF8.self))
            records.append(record)
        }
        return records
    }

    /// Minutes since the epoch for a strict `YYYY-MM-DD HH:MM`, or nil.
    static func minutes(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let day = CalendarDay(iso: String(parts[0])) else { return nil }
        let hm = parts[1].split(separator: ":")
        guard hm.count == 2, hm[0].count == 2, hm[1].count == 2, let h = Int(hm[0]), let m = Int(hm[1]),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return Int64(day.daysSinceEpoch) * 1440 + Int64(h * 60 + m)
    }

    /// Archive written once per options within a test process run (generation is the slow part).
    static func write(_ options: SynthesisOptions) throws -> (directory: String, summary: SynthesisSummary) {
        let directory = temporaryDirectory()
        let summary = try ArchiveSynthesizer(options: options).write(to: directory)
        return (directory, summary)
    }
}
