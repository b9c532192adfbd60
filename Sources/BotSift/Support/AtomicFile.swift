#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Errors writing output files; messages name the path and the system's reason.
public struct FileWriteError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a file atomically: everything goes to a temporary file in the same directory, which is
/// flushed, closed and renamed over the destination only when complete. A crash or error mid-write
/// leaves any old file intact and no half-written output behind.
public final class AtomicFileWriter {
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false

    /// Opens a temporary sibling of `path` for writing.
    public init(path: String) throws {
        self.path = path
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileWriteError(path: path, reason: AtomicFileWriter.lastError()) }
        descriptor = fd
        temporaryPath = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        fchmod(fd, 0o644)
    }

    deinit {
        if !finished {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends text; data is buffered and written in large blocks.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flushBuffer() }
    }

    /// Appends raw bytes.
    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flushBuffer() }
    }

    /// Flushes, syncs and renames the temporary file over `path`. Without this call nothing appears.
    public func commit() throws {
        try flushBuffer()
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw FileWriteError(path: path, reason: AtomicFileWriter.lastError())
        }
        guard close(descriptor) == 0 else { throw FileWriteError(path: path, reason: AtomicFileWriter.lastError()) }
        finished = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = AtomicFileWriter.lastError()
            unlink(temporaryPath)
            throw FileWriteError(path: path, reason: reason)
        }
    }

    /// Writes a whole file atomically in one call.
    public static func write(_ text: String, to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(text)
        try writer.commit()
    }

    private func flushBuffer() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, reason: AtomicFileWriter.lastError())
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
