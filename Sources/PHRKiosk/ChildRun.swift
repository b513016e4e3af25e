#if canImport(Glibc)
import Glibc
#endif

/// One run of a program the kiosk is configured with (the printer, the BP device): looked up
/// on `PATH` unless it is a path, started clean (``ChildProcess``), stopped at `timeout` or when
/// the waiting task is cancelled. A failure (not found, cannot start, non-zero exit, signal,
/// timeout) is one staff-log line, `label: program how-it-ended: stderr's first line`, never
/// anything of the citizen.
struct ChildRun: Sendable {
    /// The staff log's prefix (`print`, `bp device`).
    var label: String
    /// The setting that names the program, for "check …".
    var setting: String
    var timeout: Duration
    var log: StaffLog
    /// `PATH` to look the program up on.
    var searchPath: String

    /// Runs `words` (the program, then its arguments); stdout to `stdoutPath` (or /dev/null),
    /// stderr to `stderrPath`; `hiding` is replaced by `{file}` in the log. How it ended, or nil
    /// when it could not start.
    func run(_ words: [String], stdoutPath: String? = nil, stderrPath: String, hiding: String? = nil) async -> ChildProcess.Ending? {
        guard let name = words.first, let program = Self.find(name, on: searchPath) else {
            log.write("\(label): \(words.first ?? "") not found on PATH or not executable; check \(setting)")
            return nil
        }
        let child: ChildProcess
        do { child = try ChildProcess.spawn(program, Array(words.dropFirst()), stdoutPath: stdoutPath, stderrPath: stderrPath) } catch {
            log.write("\(label): \(error)")
            return nil
        }
        let ending = await child.wait(timeout: timeout)
        switch ending {
        case .exited(0), .cancelled: break
        case .timedOut: log.write("\(label): \(program) still running after \(timeout); stopped")
        case .exited(let code): log.write("\(label): \(program) exited \(code): " + firstLine(stderrPath, hiding: hiding))
        case .signalled(let signal): log.write("\(label): \(program) killed by signal \(signal): " + firstLine(stderrPath, hiding: hiding))
        }
        return ending
    }

    /// `program` as written when it has a `/` (if executable), else the first executable
    /// regular file of that name in `path` (a `PATH`-style list); nil when there is none.
    static func find(_ program: String, on path: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + program
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// The command's first line of stderr, with `hiding` (a path) replaced.
    private func firstLine(_ path: String, hiding: String?) -> String {
        let text = readText(path, limit: 4096) ?? ""
        var line = text.split(separator: "\n").first.map(String.init) ?? "(no message)"
        if let hiding { line = line.replacingOccurrences(of: hiding, with: "{file}") }
        return String(line.prefix(200))
    }
}
