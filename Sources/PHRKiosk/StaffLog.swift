#if canImport(Glibc)
import Glibc
#endif

/// The staff's log of kiosk problems (printer, USB, identity): one line each, with the time,
/// never with anything of a citizen's record, name or CID. Appended to a 0600 file; a log
/// that cannot be written is skipped (it must never stop a visit).
public struct StaffLog: Sendable {
    public let path: String?

    public init(path: String?) { self.path = path }

    /// Appends `event` (sanitized to one line of printable text, 300 characters at most).
    public func write(_ event: String) {
        guard let path else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        var stamp = [CChar](repeating: 0, count: 32)
        strftime(&stamp, stamp.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        let clean = String(event.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }.prefix(300))
        let time = String(decoding: stamp.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let line = Array((time + " " + clean + "\n").utf8)
        _ = line.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}
