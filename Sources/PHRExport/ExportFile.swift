import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why an export could not be written.
public enum ExportError: Error, Sendable, Equatable {
    /// The target exists and overwriting was not asked for.
    case exists(String)
    /// The target could not be written (permissions, missing directory, disk full).
    case cannotWrite(String, reason: String)
}

/// Writes export files the safe way: into a temporary file (0600) in the target's directory,
/// flushed to disk, then renamed over the target, so a reader never sees half a file and a
/// crash leaves the old file (or none). Existing targets are kept unless `force`.
public enum ExportFile {
    /// Writes `data` to `path`.
    public static func write(_ data: Data, to path: String, force: Bool) throws(ExportError) {
        try write(to: path, force: force) { temp throws(ExportError) in
            let fd = open(temp, O_WRONLY | O_TRUNC)
            guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            var failure: Int32 = 0
            data.withUnsafeBytes { buf in
                var off = 0
                while off < buf.count {
                    let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                    if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                    off += n
                }
            }
            if failure == 0, fsync(fd) != 0 { failure = errno }
            if failure != 0 { throw .cannotWrite(path, reason: String(cString: strerror(failure))) }
        }
    }

    /// Creates a 0600 temporary file next to `path`, lets `fill` write it (by path), then
    /// renames it to `path`. The temporary file is removed on any failure.
    public static func write(to path: String, force: Bool, fill: (String) throws(ExportError) -> Void) throws(ExportError) {
        if !force, FileManager.default.fileExists(atPath: path) { throw .exists(path) }
        let url = URL(fileURLWithPath: path)
        var template = Array((url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        fchmod(fd, 0o600)
        close(fd)
        let temp = String(cString: template)
        do throws(ExportError) {
            try fill(temp)
            guard rename(temp, path) == 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        } catch {
            unlink(temp)
            throw error
        }
    }
}
