import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Facts about the terminal `phr` writes to, and plain line I/O on it.
enum Terminal {
    /// Whether standard output is a terminal (progress bars, colour and pagers only then).
    static var stdoutIsTTY: Bool { isatty(1) == 1 }

    /// Whether standard error is a terminal.
    static var stderrIsTTY: Bool { isatty(2) == 1 }

    /// Whether standard input is a terminal (prompts) or a pipe (scripted input).
    static var stdinIsTTY: Bool { isatty(0) == 1 }

    /// `COLUMNS` when set, else the columns of the terminal on stdout/stderr, else 80.
    static var width: Int {
        var size = winsize()
        // COLUMNS, when set, is what the user asked for (also when the output is piped).
        if let c = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), c > 0 { return c }
        for fd: Int32 in [1, 2] where ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }

    /// Whether colour is allowed: a TTY, `NO_COLOR` unset or empty (https://no-color.org: only a
    /// non-empty value turns colour off), `TERM` not dumb.
    static var colorAllowed: Bool {
        guard stdoutIsTTY, getenv("NO_COLOR").map({ $0.pointee == 0 }) ?? true else { return false }
        if let term = getenv("TERM").map({ String(cString: $0) }), term == "dumb" { return false }
        return true
    }

    /// Writes `text` to stdout, unbuffered.
    static func out(_ text: String) {
        out(Data(text.utf8))
    }

    /// Writes raw bytes to stdout (a PDF, say), unbuffered.
    static func out(_ data: Data) {
        data.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                let n = write(1, buf.baseAddress! + off, buf.count - off)
                if n < 0 { if errno == EINTR { continue }; return }   // closed pipe: stop quietly
                off += n
            }
        }
    }

    /// Writes `text` to stdout, through a pager (`$PAGER`, else `less -FRX`) when stdout is a
    /// terminal and the text is taller than it.
    static func page(_ text: String) {
        var size = winsize()
        let rows = ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_row > 0 ? Int(size.ws_row) : 24
        guard stdoutIsTTY, text.reduce(0, { $0 + ($1 == "\n" ? 1 : 0) }) >= rows else { return out(text) }
        let pager = ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", pager]
        let pipe = Pipe()
        process.standardInput = pipe
        do { try process.run() } catch { return out(text) }
        signal(SIGPIPE, SIG_IGN)   // the reader may quit the pager before the end
        try? pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        // The pager could not be run at all (not installed): print the text as it is.
        if process.terminationStatus == 127 { out(text) }
    }

    /// Writes `text` to stderr, unbuffered (prompts and progress go here, data to stdout).
    static func err(_ text: String) {
        FileHandleStderr.write(text)
    }

    /// Reads one line from stdin without its newline; nil at end of input. Lines longer than
    /// `limit` bytes are cut, so a hostile pipe cannot grow memory without bound.
    static func readLine(limit: Int = 4096) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(0, &byte, 1)
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 10 { break }
            if bytes.count < limit { bytes.append(byte) }
        }
        if bytes.last == 13 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Prints `prompt` to stderr and reads a line.
    static func ask(_ prompt: String) -> String? {
        err(prompt)
        return readLine()
    }
}
