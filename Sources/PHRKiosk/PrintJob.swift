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
        guard let program = command.executable(searching: searchPath) else {
            log.write("print: \(command.words[0]) not found on PATH or not executable; check printer_command")
            return .failed
        }
        let child: ChildProcess
        do { child = try ChildProcess.spawn(program, command.arguments(file: file), stderrPath: errorFile) } catch {
            log.write("print: \(error)")
            return .failed
        }
        let ending = await child.wait(timeout: timeout)
        switch ending {
        case .exited(0): return .printed
        case .cancelled: return .cancelled
        case .timedOut:
            log.write("print: \(program) still running after \(timeout); stopped")
            return .failed
        case .exited(let code):
            log.write("print: \(program) exited \(code): " + firstLine(errorFile, hiding: file))
            return .failed
        case .signalled(let signal):
            log.write("print: \(program) killed by signal \(signal): " + firstLine(errorFile, hiding: file))
            return .failed
        }
    }

    /// The command's first line of stderr, with the PDF's path replaced.
    private func firstLine(_ path: String, hiding file: String) -> String {
        let text = readText(path) ?? ""
        let line = text.split(separator: "\n").first.map(String.init) ?? "(no message)"
        return String(line.replacingOccurrences(of: file, with: "{file}").prefix(200))
    }
}
