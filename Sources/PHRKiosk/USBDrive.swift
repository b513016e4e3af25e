#if canImport(Glibc)
import Glibc
#endif

/// A USB drive mounted where the kiosk saves PDFs. Saving is allowed only when `export_dir` is
/// itself a mount point (in the mount table) of a block device that the kernel marks
/// removable (sysfs `removable`); an empty directory, or the kiosk's own disk, is not a drive.
public struct USBDrive: Equatable, Sendable {
    /// The mount point (the configured `export_dir`).
    public var mountPoint: String
    /// The mounted device, e.g. `/dev/sdb1`.
    public var device: String
    /// Bytes an unprivileged writer may still use.
    public var freeBytes: UInt64

    /// Where to look: the mount table and the sysfs root. Tests point `sysfsRoot` at a
    /// directory of their own (`PHR_KIOSK_SYSFS_ROOT`); the mount table is always the real one.
    public struct Probe: Sendable {
        public var mountTable: String
        public var sysfsRoot: String

        public init(mountTable: String = "/proc/self/mounts", sysfsRoot: String = "/sys") {
            self.mountTable = mountTable
            self.sysfsRoot = sysfsRoot
        }

        /// The drive mounted at `directory`, or nil when there is none (nothing mounted there,
        /// or a device that is not removable).
        public func drive(at directory: String) -> USBDrive? {
            guard let real = realpath(directory, nil) else { return nil }
            let mountPoint = String(cString: real)
            free(real)
            guard let table = readText(mountTable) else { return nil }
            // The last mount on a path is the one in effect.
            let device = table.split(separator: "\n").compactMap { line -> String? in
                let fields = line.split(separator: " ")
                guard fields.count >= 2, Self.unescape(fields[1]) == mountPoint else { return nil }
                return Self.unescape(fields[0])
            }.last
            guard let device, removable(device) else { return nil }
            var stats = statvfs()
            guard statvfs(mountPoint, &stats) == 0 else { return nil }
            return USBDrive(mountPoint: mountPoint, device: device, freeBytes: UInt64(stats.f_bavail) * UInt64(stats.f_frsize))
        }

        /// Whether sysfs marks the device (or, for a partition, its disk) removable.
        func removable(_ device: String) -> Bool {
            let name = device.split(separator: "/").last.map(String.init) ?? device
            let block = sysfsRoot + "/class/block/" + name
            if readText(block + "/removable")?.hasPrefix("1") == true { return true }
            // A partition (sdb1): the flag is on its disk, the parent directory in sysfs.
            guard readText(block + "/partition") != nil, let real = realpath(block, nil) else { return false }
            let path = String(cString: real)
            free(real)
            let disk = path.split(separator: "/").dropLast().joined(separator: "/")
            return readText("/" + disk + "/removable")?.hasPrefix("1") == true
        }

        /// The mount table escapes space, tab, newline and backslash as `\ooo`.
        static func unescape(_ field: Substring) -> String {
            var bytes: [UInt8] = []
            var chars = Array(field.utf8)[...]
            while let c = chars.popFirst() {
                if c == UInt8(ascii: "\\"), chars.count >= 3, let v = UInt8(String(decoding: chars.prefix(3), as: UTF8.self), radix: 8) {
                    bytes.append(v)
                    chars = chars.dropFirst(3)
                } else {
                    bytes.append(c)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
