import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// SHA-256 digests of input files for the training-data fingerprint in model files: a sampled digest whose
/// cost does not grow with the file (the default), and the full digest streamed in 4 MiB blocks (on request).
public enum FileDigest {
    /// Bytes in one sampled block (64 KiB).
    static let sampleBlockBytes = 65_536
    /// Blocks read by `sampledSHA256(path:)` from a file larger than `sampleBlockCount * sampleBlockBytes`.
    static let sampleBlockCount = 64

    /// Lower-case hex SHA-256 of a fixed sample of the file at `path`, and its size in bytes. The hashed bytes
    /// are the size as 8 bytes little-endian, then the whole file when it is at most 64 blocks of 64 KiB, else
    /// 64 blocks of 64 KiB, block i starting at floor(i * (size - 65536) / 63): about 4 MiB read at most,
    /// whatever the size. Identifies a file against mix-ups; it is not a proof of the full content.
    public static func sampledSHA256(path: String) throws -> (hex: String, bytes: Int) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw readError(path) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw readError(path) }
        let size = Int(status.st_size)
        var hasher = SHA256()
        withUnsafeBytes(of: UInt64(size).littleEndian) { hasher.update(bufferPointer: $0) }
        var block = [UInt8](repeating: 0, count: sampleBlockBytes)
        if size <= sampleBlockCount * sampleBlockBytes {
            var offset = 0
            while offset < size {
                let length = min(sampleBlockBytes, size - offset)
                try readFully(fd, into: &block, count: length, at: offset, path: path)
                block.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
                offset += length
            }
        } else {
            for i in 0..<sampleBlockCount {
                let offset = i * (size - sampleBlockBytes) / (sampleBlockCount - 1)
                try readFully(fd, into: &block, count: sampleBlockBytes, at: offset, path: path)
                block.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
        }
        return (hex(hasher.finalize()), size)
    }

    /// Lower-case hex SHA-256 of the whole file at `path` and its size in bytes (reads every byte).
    public static func sha256(path: String) throws -> (hex: String, bytes: Int) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw readError(path) }
        defer { close(fd) }
        var hasher = SHA256()
        var block = [UInt8](repeating: 0, count: 4 << 20)
        var total = 0
        while true {
            let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw readError(path)
            }
            if n == 0 { break }
            block.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            total += n
        }
        return (hex(hasher.finalize()), total)
    }

    /// Lower-case hex SHA-256 of in-memory bytes.
    public static func sha256<Bytes: Sequence>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// Reads exactly `count` bytes at `offset` into `buffer` with pread, retrying on interruption and short reads;
    /// an early end of file means the file shrank while being read.
    private static func readFully(_ fd: Int32, into buffer: inout [UInt8], count: Int, at offset: Int, path: String) throws {
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw readError(path)
            }
            if n == 0 {
                throw FileReadError(path: path, reason: "file ended at byte \(offset + filled), before its size when opened (changed while being read?)")
            }
            filled += n
        }
    }

    private static func readError(_ path: String) -> FileReadError {
        FileReadError(path: path, reason: String(cString: strerror(errno)))
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An input file could not be read; names the path and the system's reason.
public struct FileReadError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "cannot read \(path): \(reason)" }
}
