import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import BotSift

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhenNeededAndDoublesQuotes() {
        var w = CSVWriter()
        w.writeRow(["plain", "a,b", "say \"hi\"", "two\nlines", ""])
        #expect(w.text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n")
    }

    @Test func escapesFormulaLeadersOnlyWhenAsked() {
        let escaping = CSVWriter(escapeFormulas: true)
        #expect(escaping.encode("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(escaping.encode("+1") == "'+1")
        #expect(escaping.encode("@user") == "'@user")
        #expect(escaping.encode("-x") == "'-x")
        #expect(escaping.encode("ok") == "ok")
        #expect(CSVWriter().encode("=1") == "=1")
    }
}

@Suite struct AtomicFileWriterTests {
    private func temporaryDirectory() -> String {
        var template = Array("/tmp/botsift-test-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }!
        return String(cString: p)
    }

    private func contents(_ path: String) -> String? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func commitReplacesAndAbandonLeavesOldFileIntact() throws {
        let dir = temporaryDirectory()
        let path = dir + "/out.csv"
        try AtomicFileWriter.write("old\n", to: path)
        do {
            let w = try AtomicFileWriter(path: path)
            try w.write("half-written")
            // dropped without commit: simulates an error mid-write
        }
        #expect(contents(path) == "old\n")
        let w = try AtomicFileWriter(path: path)
        try w.write("new\n")
        try w.commit()
        #expect(contents(path) == "new\n")
        // no temporary files left behind
        let d = opendir(dir)!
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(d)
        #expect(names == ["out.csv"])
    }

    @Test func unwritableDirectoryIsAClearError() {
        #expect(throws: FileWriteError.self) { try AtomicFileWriter.write("x", to: "/nonexistent-dir/out.csv") }
    }
}
