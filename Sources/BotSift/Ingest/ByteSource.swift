#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CZlib

/// A forward-only stream of bytes from a file or standard input, gunzipped on the fly when the data starts
/// with the gzip magic bytes (so `.csv.gz` works whatever the file is called, and `-` accepts either form).
final class ByteSource {
    /// Name used in messages: the path, or `<stdin>`.
    let displayName: String
    /// Size of the underlying file in bytes when known (regular files); compressed size for gzip input.
    let totalBytes: Int?
    /// Bytes taken from the underlying descriptor so far (compressed bytes for gzip input).
    private(set) var rawBytesRead = 0
    let isGzip: Bool

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes read while sniffing the magic number, handed out before anything else.
    private var pending: [UInt8]
    private var pendingOffset = 0
    private var inflater: Inflater?

    /// Opens `source`; throws an `IngestError` naming the path when it cannot be opened or read.
    init(_ source: InputSource) throws {
        switch source {
        case .standardInput:
            displayName = "<stdin>"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            totalBytes = nil
        case .file(let path):
            displayName = path
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw IngestError(.unreadableInput, "\(path): cannot open: \(String(cString: strerror(errno)))")
            }
            descriptor = fd
            ownsDescriptor = true
            var info = stat()
            let known = fstat(fd, &info) == 0
            if known && (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw IngestError(.unreadableInput, "\(path): is a directory, expected a .csv or .csv.gz file")
            }
            totalBytes = known && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        }
        var sniffed = [UInt8](repeating: 0, count: 64 * 1024)
        var count = 0
        while count < 2 {
            let n = try Self.readDescriptor(descriptor, name: displayName, into: &sniffed, from: count)
            if n == 0 { break }
            count += n
        }
        rawBytesRead = count
        pending = Array(sniffed[0..<count])
        isGzip = count >= 2 && pending[0] == 0x1F && pending[1] == 0x8B
        if isGzip { inflater = try Inflater(name: displayName) }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Fills up to `capacity` bytes at `destination`; returns 0 only at the end of the data.
    func read(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        guard let inflater else { return try readRaw(into: destination, capacity: capacity) }
        return try inflater.inflate(into: destination, capacity: capacity) { buffer, size in
            try self.readRaw(into: buffer, capacity: size)
        }
    }

    private func readRaw(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        if pendingOffset < pending.count {
            let n = min(capacity, pending.count - pendingOffset)
            pending.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + pendingOffset, count: n) }
            pendingOffset += n
            if pendingOffset == pending.count { pending = [] ; pendingOffset = 0 }
            return n
        }
        while true {
            let n = Glibc.read(descriptor, destination, capacity)
            if n >= 0 {
                rawBytesRead += n
                return n
            }
            if errno == EINTR { continue }
            throw IngestError(.unreadableInput, "\(displayName): read failed: \(String(cString: strerror(errno)))")
        }
    }

    private static func readDescriptor(_ fd: Int32, name: String, into buffer: inout [UInt8], from offset: Int) throws -> Int {
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw IngestError(.unreadableInput, "\(name): read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// zlib inflate over gzip members (concatenated members are read one after another, as `gzip -d` does).
private final class Inflater {
    private var stream = z_stream()
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 20
    private let name: String
    private var inputExhausted = false
    private var finished = false

    init(name: String) throws {
        self.name = name
        input = .allocate(capacity: inputCapacity)
        // 15 + 16: gzip wrapper only, maximum window.
        let status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw IngestError(.unreadableInput, "\(name): cannot start gzip decoding (zlib status \(status))")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    func inflate(
        into destination: UnsafeMutablePointer<UInt8>, capacity: Int,
        readRaw: (UnsafeMutablePointer<UInt8>, Int) throws -> Int
    ) throws -> Int {
        if finished { return 0 }
        stream.next_out = destination
        stream.avail_out = UInt32(min(capacity, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputExhausted {
                let n = try readRaw(input, inputCapacity)
                if n == 0 { inputExhausted = true } else {
                    stream.next_in = input
                    stream.avail_in = UInt32(n)
                }
            }
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // Another gzip member may follow; anything else after the end is an error.
                if stream.avail_in == 0 && !inputExhausted {
                    let n = try readRaw(input, inputCapacity)
                    if n == 0 { inputExhausted = true } else {
                        stream.next_in = input
                        stream.avail_in = UInt32(n)
                    }
                }
                if stream.avail_in == 0 && inputExhausted {
                    finished = true
                    break
                }
                inflateReset(&stream)
                continue
            }
            if status == Z_BUF_ERROR && inputExhausted {
                throw IngestError(.unreadableInput, "\(name): gzip data ends early (truncated .gz file)")
            }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw IngestError(.unreadableInput, "\(name): corrupt gzip data: \(detail)")
            }
        }
        return capacity - Int(stream.avail_out)
    }
}
