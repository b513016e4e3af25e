#if canImport(Glibc)
import Glibc
#endif

/// A small file's text (sysfs flags, the mount table, a command's stdout or stderr), at most
/// `limit` bytes of it; nil when unreadable.
func readText(_ path: String, limit: Int = 1 << 20) -> String? {
    guard let file = fopen(path, "re") else { return nil }
    defer { fclose(file) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while out.count < limit {
        let n = fread(&buffer, 1, min(buffer.count, limit - out.count), file)
        if n <= 0 { break }
        out += buffer[0..<n]
    }
    return String(decoding: out, as: UTF8.self)
}
