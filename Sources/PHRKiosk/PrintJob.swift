import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One PDF handed to the printer command in the background. The PDF is removed whatever
/// happens (printed, failed, timed out, or cancelled because the card was pulled); a failure
/// goes to the staff log with the command and how it ended — never the citizen's data.
public struct PrintJob: Sendable {
    public let command: PrinterCommand
    public let timeout: Duration
    public let log: StaffLog
    /// `PATH` to look the program up on.
    public let searchPath: String

    public init(command: PrinterCommand, timeout: Duration, log: StaffLog, searchPath: String) {
        self.command = command
        self.timeout = timeout
        self.log = log
        self.searchPath = searchPath
    }

    /// How a print ended, for the citizen's screen.
    public enum Outcome: Equatable, Sendable { case printed, failed, cancelled }

    /// Prints `file` (a PDF in the visit's directory) and removes it; `errorFile` keeps the
    /// command's stderr for the staff log and is removed too.
    public func run(file: String, errorFile: String) async -> Outcome {
        defer { unlink(file); unlink(errorFile) }
        let printer = ChildRun(label: "print", setting: "printer_command", timeout: timeout, log: log, searchPath: searchPath)
        switch await printer.run([command.words[0]] + command.arguments(file: file), stderrPath: errorFile, hiding: file) {
        case .exited(0): return .printed
        case .cancelled: return .cancelled
        default: return .failed
        }
    }
}
