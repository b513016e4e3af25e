import Foundation
import PHRModel

/// The kiosk file's settings (docs/kiosk.md, "Configuration"), checked once at start.
public struct KioskSettings: Sendable {
    public var hospitalCode: HospitalCode
    /// Inactivity before a visit is wiped, in seconds.
    public var timeout: TimeInterval
    public var printerCommand: PrinterCommand?
    public var printTimeout: Duration
    public var staffLog: StaffLog
    /// Typed by a staff member to let a visit go on after a card/record mismatch; without it
    /// a mismatch ends the visit.
    public var staffConfirmCode: String?
    public var exportDir: String?
    /// The BP device (`bp_device_command`, `bp_device_name`, `bp_device_timeout_seconds`); without
    /// it a BP is typed in.
    public var bpDevice: BPDevice?
    /// The menu's actions (a subset of ``allActions``), without those that lack their setting.
    public var actions: Set<String>
    /// One reader (default: the first with a card).
    public var reader: String?
    public var thai: Bool

    public static let allActions: Set<String> = ["summary", "kinds", "print", "export", "share", "measure"]

    /// Reads the settings through `value` (the file's value for a key); `file` names the file
    /// in messages. Throws ``KioskError/badSetting(_:)`` with what to fix.
    public init(file: String, value: (String) -> String?) throws(KioskError) {
        guard let hcode = value("hospital_code").flatMap(HospitalCode.init) else {
            throw .badSetting("\(file): set hospital_code = \"<5-digit unit code>\" for this kiosk")
        }
        hospitalCode = hcode
        let seconds = value("timeout_seconds").map { Double($0) } ?? 120
        guard let seconds, (5...3_600).contains(seconds) else { throw .badSetting("\(file): timeout_seconds must be 5 to 3600") }
        timeout = seconds
        printerCommand = value("printer_command").flatMap(PrinterCommand.init)
        let printSeconds = value("print_timeout_seconds").map { Int($0) } ?? 60
        guard let printSeconds, (5...600).contains(printSeconds) else { throw .badSetting("\(file): print_timeout_seconds must be 5 to 600") }
        printTimeout = .seconds(printSeconds)
        staffLog = StaffLog(path: value("staff_log"))
        staffConfirmCode = value("staff_confirm_code").flatMap { $0.isEmpty ? nil : $0 }
        exportDir = value("export_dir")
        let deviceSeconds = value("bp_device_timeout_seconds").map { Int($0) } ?? 90
        guard let deviceSeconds, (10...600).contains(deviceSeconds) else { throw .badSetting("\(file): bp_device_timeout_seconds must be 10 to 600") }
        let deviceName = value("bp_device_name") ?? "BP monitor"
        guard !deviceName.isEmpty, deviceName.count <= 60, deviceName.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw .badSetting("\(file): bp_device_name must be 1 to 60 printable characters")
        }
        bpDevice = value("bp_device_command").flatMap { BPDevice(command: $0, name: deviceName, timeout: .seconds(deviceSeconds)) }
        let listed = value("actions").map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) } ?? Self.allActions
        guard listed.isSubset(of: Self.allActions) else {
            throw .badSetting("\(file): actions may be \(Self.allActions.sorted().joined(separator: ","))")
        }
        actions = listed
        if actions.contains("print") && printerCommand == nil { actions.remove("print") }
        if actions.contains("export") && exportDir == nil { actions.remove("export") }
        reader = value("reader")
        thai = (value("language") ?? "th") != "en"
    }
}
