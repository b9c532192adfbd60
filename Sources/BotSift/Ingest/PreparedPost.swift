/// The values of a tweets-file row that depend only on its own bytes (time, text hash, hashtag hashes, list
/// counts), computed where the row is split, possibly on the scanning thread. `ArchiveReader` checks them in
/// its usual order, so messages and counts do not depend on where they were computed.
struct PreparedPost {
    enum TimeState: UInt8 { case parsed, empty, unparseable }

    var time: Int64 = 0
    var textHash: UInt64 = 0
    /// Range of this row's hashes in `RecordChunk.hashtagHashes`.
    var hashtagStart: Int32 = 0
    var hashtagEnd: Int32 = 0
    var hashtagCount: Int32 = 0
    var urlCount: Int32 = 0
    var mentionCount: Int32 = 0
    var timeState = TimeState.empty
    var textIsValid = true
    var hashtagsAreValid = true
}

/// Computes `PreparedPost`s; owns the scratch buffers, so one per thread.
struct PostPreparation {
    private let textScratch = FieldParsing.Scratch()
    private let tagScratch = FieldParsing.Scratch()
    private let usesTextKernel = FieldParsing.textKernelAvailable

    /// The stateless values of a well-formed row (its field count matches the header).
    func prepare(_ row: RecordFields, _ columns: ArchiveReader.Columns, hashtags: inout [UInt64]) -> PreparedPost {
        var post = PreparedPost()
        let timeField = FieldParsing.trimmed(row.field(columns.time))
        if !timeField.isEmpty {
            if let time = Timestamp.parse(timeField) {
                post.time = time
                post.timeState = .parsed
            } else {
                post.timeState = .unparseable
            }
        }
        if columns.text >= 0 {
            if let hash = FieldParsing.normalizedTextHash(
                row.field(columns.text), scratch: textScratch, usesKernel: usesTextKernel) {
                post.textHash = hash
            } else {
                post.textIsValid = false
            }
        }
        post.hashtagStart = Int32(hashtags.count)
        if columns.hashtags >= 0 {
            let field = row.field(columns.hashtags)
            if FieldParsing.isValidUTF8(field) {
                tagScratch.reserve(field.count)
                let folded = tagScratch.bytes
                var items = FieldParsing.ListItems(field)
                while var tag = items.next() {
                    if tag.first == UInt8(ascii: "#") { tag = UnsafeBufferPointer(rebasing: tag.dropFirst()) }
                    let length = FieldParsing.appendFolded(tag, to: folded)
                    hashtags.append(ContentHash.hash(UnsafeBufferPointer(start: folded, count: length)))
                    post.hashtagCount += 1
                }
            } else {
                post.hashtagsAreValid = false
            }
        }
        post.hashtagEnd = Int32(hashtags.count)
        if columns.urls >= 0 {
            var items = FieldParsing.ListItems(row.field(columns.urls))
            post.urlCount = items.count()
        }
        if columns.mentions >= 0 {
            var items = FieldParsing.ListItems(row.field(columns.mentions))
            post.mentionCount = items.count()
        }
        return post
    }
}
