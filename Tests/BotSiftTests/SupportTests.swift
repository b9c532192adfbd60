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

@Suite struct FileDigestTests {
    @Test func knownVectors() throws {
        // FIPS 180-2 test vectors.
        #expect(FileDigest.sha256(bytes: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(FileDigest.sha256(bytes: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let path = "/tmp/botsift-digest-\(getpid()).txt"
        try AtomicFileWriter.write("abc", to: path)
        defer { unlink(path) }
        let digest = try FileDigest.sha256(path: path)
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.bytes == 3)
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: FileReadError(path: "/nonexistent/x.csv", reason: "No such file or directory")) {
            try FileDigest.sha256(path: "/nonexistent/x.csv")
        }
        #expect(throws: FileReadError(path: "/nonexistent/x.csv", reason: "No such file or directory")) {
            try FileDigest.sampledSHA256(path: "/nonexistent/x.csv")
        }
        #expect(throws: FileReadError(path: "/tmp", reason: "Is a directory")) {
            try FileDigest.sampledSHA256(path: "/tmp")
        }
    }

    /// The pattern of Scripts/reference/sampled_sha256.py: byte k is (k % 251 + k / 65536) % 256.
    private static func pattern(size: Int) -> [UInt8] {
        (0..<size).map { k in UInt8((k % 251 + k / 65536) % 256) }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes: bytes)
        try writer.commit()
    }

    /// Values printed by `python3 Scripts/reference/sampled_sha256.py`.
    @Test(arguments: [
        (0, "af5570f5a1810b7af78caf4bc70a660f0df51e42baf91d4de5b2328de0e83dfc"),
        (100_000, "9a6557b494b315463e3b71353436357efc539010d66866d4be56d5c6c6aca6a9"),
        (64 * 65536, "44736c2f63e8636f8a7b1fd852384bc103f0f44d062b89d7b977093d7b26c1cd"),
        (64 * 65536 + 1, "8130b08c60e98f59d9ccecc1c4bf583b7bcb634be5b700c08dbb6c5ff2ff57c1"),
        (5_255_225, "e9825bfaf6a5f94da92f29984b9e2887f685ce46c9cf20001dfbffffaf0a1dff"),
    ])
    func sampledDigestMatchesThePythonRecipe(size: Int, expected: String) throws {
        let path = "/tmp/botsift-sampled-\(getpid())-\(size).bin"
        try Self.write(Self.pattern(size: size), to: path)
        defer { unlink(path) }
        let digest = try FileDigest.sampledSHA256(path: path)
        #expect(digest.hex == expected)
        #expect(digest.bytes == size)
    }

    @Test func sampledDigestOfACommittedFileMatchesThePythonRecipe() throws {
        // python3 Scripts/reference/sampled_sha256.py Tests/BotSiftTests/Fixtures/ingest/tiny_users_csv_hashed.csv
        let digest = try FileDigest.sampledSHA256(path: IngestTestSupport.fixture("tiny_users_csv_hashed.csv"))
        #expect(digest.hex == "83899d07fb19064795459bd716a07a8bdfeb7dd5f87c884db4dbae47ba877c20")
        #expect(digest.bytes == 609)
    }

    @Test func fullDigestOfACommittedFileMatchesSha256sum() throws {
        // sha256sum Tests/BotSiftTests/Fixtures/ingest/tiny_users_csv_hashed.csv
        let digest = try FileDigest.sha256(path: IngestTestSupport.fixture("tiny_users_csv_hashed.csv"))
        #expect(digest.hex == "1f3ff75a1f06e27ae2b0ec486917a60bd45d1a685f0732e64b8df9358219459f")
        #expect(digest.bytes == 609)
    }

    /// A byte changed inside a sampled block changes the digest; one between blocks does not (it is a sample).
    @Test func sampledDigestSeesChangesInsideSampledBlocksOnly() throws {
        let size = 5_255_225
        var bytes = Self.pattern(size: size)
        let path = "/tmp/botsift-sampled-edit-\(getpid()).bin"
        defer { unlink(path) }
        func digest(_ bytes: [UInt8]) throws -> String {
            try Self.write(bytes, to: path)
            return try FileDigest.sampledSHA256(path: path).hex
        }
        let original = try digest(bytes)
        #expect(original == "e9825bfaf6a5f94da92f29984b9e2887f685ce46c9cf20001dfbffffaf0a1dff")
        // Block 10 starts at floor(10 * (5255225 - 65536) / 63) = 823760; block 11 at 906136.
        let insideBlock10 = 823_760 + 65_535
        let betweenBlocks10And11 = 823_760 + 65_536
        bytes[insideBlock10] ^= 1
        #expect(try digest(bytes) != original)
        bytes[insideBlock10] ^= 1
        bytes[betweenBlocks10And11] ^= 1
        #expect(try digest(bytes) == original)
    }
}
