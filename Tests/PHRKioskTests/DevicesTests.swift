import Foundation
import Testing
@testable import PHRKiosk

/// A directory of the test's own, removed afterwards.
func scratch() throws -> String {
    let path = NSTemporaryDirectory() + "phr-kiosk-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct USBDriveTests {
    /// A mount table and a sysfs tree of the test's own, naming the test's directory.
    func probe(_ dir: String, device: String, removable: String?, partitionOf disk: String? = nil) throws -> USBDrive.Probe {
        let sys = dir + "/sys"
        let mountPoint = dir + "/usb stick"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let escaped = mountPoint.replacingOccurrences(of: " ", with: "\\040")
        try "/dev/sda1 / ext4 rw 0 0\n\(device) \(escaped) vfat rw 0 0\n".write(toFile: dir + "/mounts", atomically: true, encoding: .utf8)
        let name = String(device.split(separator: "/").last!)
        if let disk {
            let diskDir = sys + "/devices/usb/block/" + disk
            try FileManager.default.createDirectory(atPath: diskDir + "/" + name, withIntermediateDirectories: true)
            try "1\n".write(toFile: diskDir + "/" + name + "/partition", atomically: true, encoding: .utf8)
            if let removable { try removable.write(toFile: diskDir + "/removable", atomically: true, encoding: .utf8) }
            try FileManager.default.createDirectory(atPath: sys + "/class/block", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: sys + "/class/block/" + name, withDestinationPath: diskDir + "/" + name)
        } else {
            try FileManager.default.createDirectory(atPath: sys + "/class/block/" + name, withIntermediateDirectories: true)
            if let removable { try removable.write(toFile: sys + "/class/block/" + name + "/removable", atomically: true, encoding: .utf8) }
        }
        return USBDrive.Probe(mountTable: dir + "/mounts", sysfsRoot: sys)
    }

    @Test func aRemovableDeviceMountedThereIsADrive() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let drive = try probe(dir, device: "/dev/sdb", removable: "1\n").drive(at: dir + "/usb stick")
        #expect(drive?.device == "/dev/sdb")
        #expect((drive?.freeBytes ?? 0) > 0)
    }

    @Test func aPartitionIsRemovableWhenItsDiskIs() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try probe(dir, device: "/dev/sdb1", removable: "1\n", partitionOf: "sdb").drive(at: dir + "/usb stick") != nil)
    }

    @Test func aFixedDiskIsNotAUSBDrive() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try probe(dir, device: "/dev/sdb1", removable: "0\n", partitionOf: "sdb").drive(at: dir + "/usb stick") == nil)
    }

    @Test func anEmptyMountPointIsNotAUSBDrive() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let probe = try probe(dir, device: "/dev/sdb", removable: "1\n")
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        #expect(probe.drive(at: dir + "/empty") == nil, "a directory with nothing mounted on it")
        #expect(probe.drive(at: dir + "/missing") == nil)
    }
}

@Suite struct PrinterCommandTests {
    @Test func filePlaceholderIsReplacedWhereverItIs() {
        let command = PrinterCommand("cp {file} /srv/spool/")!
        #expect(command.arguments(file: "/run/x.pdf") == ["/run/x.pdf", "/srv/spool/"])
    }

    @Test func withoutPlaceholderThePathIsAppended() {
        #expect(PrinterCommand("lp -d front-desk")!.arguments(file: "/run/x.pdf") == ["-d", "front-desk", "/run/x.pdf"])
    }

    @Test func programIsFoundOnPATH() {
        #expect(ChildRun.find(PrinterCommand("sh -c true")!.words[0], on: "/nonexistent:/usr/bin:/bin") != nil)
        #expect(ChildRun.find(PrinterCommand("no-such-printer-program {file}")!.words[0], on: "/usr/bin:/bin") == nil)
        #expect(ChildRun.find(PrinterCommand("/bin/sh")!.words[0], on: "") == "/bin/sh")
        #expect(PrinterCommand("   ") == nil)
    }
}
