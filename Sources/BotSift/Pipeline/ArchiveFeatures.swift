/// Reads an archive (or several, as one batch) and turns it into a feature table in one streaming pass.
public enum ArchiveFeatures {
    /// Features for every account in `input`, plus what the reader saw (counts, skipped records).
    public static func extract(
        _ input: ArchiveInput, configuration: FeatureConfiguration, options: IngestOptions = IngestOptions()
    ) throws -> (table: FeatureTable, report: IngestReport) {
        let reader = ArchiveReader(input, options: options)
        var extractor = FeatureExtractor(configuration: configuration)
        // Through a pointer: a captured `var` is boxed, and every post's access to the box paid a dynamic
        // exclusivity check. The pointer does not outlive the read.
        let report = try withUnsafeMutablePointer(to: &extractor) { extractor in
            try reader.read(account: { extractor.pointee.add($0) }, post: { extractor.pointee.add($0) })
        }
        return (extractor.finish(clientNames: reader.clientNames), report)
    }
}
