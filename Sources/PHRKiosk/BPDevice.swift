import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kiosk's BP device, through `bp_device_command` (docs/kiosk.md, "The BP device"): a
/// program that takes a measurement and prints it on stdout as one line `SYS/DIA[ PULSE]`,
/// exit status 0. It is started like the printer (``ChildRun``: clean signals, no descriptors
/// of the kiosk, its own process group) and stopped at the timeout or when the visit is wiped.
/// A failure goes to the staff log (how it ended, stderr's first line; never what it printed
/// on stdout, which may be a reading).
public struct BPDevice: Sendable {
    /// The program and its arguments (split on spaces; no shell).
    public let words: [String]
    /// `device_display` of its readings (`bp_device_name`).
    public let name: String
    public let timeout: Duration

    public init?(command: String, name: String, timeout: Duration) {
        let words = command.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return nil }
        self.words = words
        self.name = name
        self.timeout = timeout
    }

    /// How a measurement ended.
    public enum Outcome: Equatable, Sendable {
        case measured(BPInput)
        /// The device failed, timed out or printed no reading (the staff log says which).
        case failed
        /// The waiting task was cancelled (card removed, inactivity, Esc): the device was stopped.
        case cancelled
    }

    /// Runs the device once; its output files live in `directory` (the visit's) and are removed.
    public func measure(in directory: String, log: StaffLog, searchPath: String) async -> Outcome {
        let base = directory + "/bp-\(UUID().uuidString)"
        defer { unlink(base + ".out"); unlink(base + ".err") }
        let device = ChildRun(label: "bp device", setting: "bp_device_command", timeout: timeout, log: log, searchPath: searchPath)
        switch await device.run(words, stdoutPath: base + ".out", stderrPath: base + ".err") {
        case .exited(0): break
        case .cancelled: return .cancelled
        default: return .failed
        }
        let output = readText(base + ".out", limit: 4096) ?? ""   // a reading is one short line
        guard let input = BPInput(deviceOutput: output) else {
            log.write("bp device: \(words[0]) exited 0 but printed no reading in the form SYS/DIA[ PULSE] (\(output.utf8.count) bytes on stdout)")
            return .failed
        }
        return .measured(input)
    }
}
