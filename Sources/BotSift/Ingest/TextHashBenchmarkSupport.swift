/// What `botsift-bench texthash` needs from inside the library to time and check the text normaliser on a real
/// archive: the raw `tweet_text` fields and `FieldParsing.normalizedTextHash` over them. SPI (`@_spi(Benchmarks)`),
/// so it is not part of the public API.
@_spi(Benchmarks) public enum TextHashBenchmarkSupport {
    /// The `tweet_text` fields (quotes unescaped) of the first `limit` records of the tweets file at `path`,
    /// concatenated, with each text's end offset; records too short to have the column are skipped.
    public static func tweetTexts(path: String, limit: Int) throws -> (bytes: [UInt8], ends: [Int]) {
        let scanner = CSVScanner(source: try ByteSource(.file(path)))
        guard try scanner.nextRecord() else { return ([], []) }
        let names = (0..<scanner.fieldCount).map { ArchiveReader.headerName(scanner.field($0)) }
        guard let column = names.firstIndex(of: "tweet_text") else {
            throw IngestError(.unrecognisedInput, "\(path): no tweet_text column")
        }
        var bytes: [UInt8] = []
        var ends: [Int] = []
        while ends.count < limit, try scanner.nextRecord() {
            guard scanner.fieldCount > column else { continue }
            bytes.append(contentsOf: scanner.field(column))
            ends.append(bytes.count)
        }
        return (bytes, ends)
    }

    /// Whether this CPU can run the AVX-512 normaliser (`usesKernel` below).
    public static var kernelAvailable: Bool { FieldParsing.textKernelAvailable }

    /// `hashes[k]` = the normalised-text hash of text `k` of `texts` (delimited by `ends`, as `tweetTexts` gives),
    /// by the AVX-512 normaliser when `usesKernel`, else by the SSE2 one.
    public static func normalizedTextHashes(
        _ texts: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, usesKernel: Bool,
        into hashes: UnsafeMutableBufferPointer<UInt64?>
    ) {
        let scratch = FieldParsing.Scratch()
        var start = 0
        for k in 0..<ends.count {
            hashes[k] = FieldParsing.normalizedTextHash(
                UnsafeBufferPointer(rebasing: texts[start..<ends[k]]), scratch: scratch, usesKernel: usesKernel)
            start = ends[k]
        }
    }
}
