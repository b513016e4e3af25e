import Foundation
import PHRRender
#if canImport(Glibc)
import Glibc
#endif

/// The kiosk's screen and keyboard: full-screen pages for an 80×24 terminal, keys read one at
/// a time (no echo, no line editing by the terminal, Ctrl-C as a key, escape sequences decoded
/// into ``KioskKey``s), and a wait that wakes every 200 ms so the caller can watch the card,
/// the inactivity clock and signals.
public final class KioskTerminal {
    private var saved = termios()
    private let raw: Bool

    public init() {
        raw = isatty(0) == 1
        guard raw else { return }
        tcgetattr(0, &saved)
        var t = saved
        t.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        t.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &t)
        write("\u{1B}[?25l")   // hide the cursor
    }

    /// Puts the terminal back as it was.
    public func restore() {
        write("\u{1B}[?25h\u{1B}[0m")
        if raw { tcsetattr(0, TCSANOW, &saved) }
    }

    /// Clears the screen and the scrollback, so nothing of the last citizen can be scrolled to.
    public func wipe() {
        write("\u{1B}[0m\u{1B}[H\u{1B}[2J\u{1B}[3J")
    }

    /// A whole page: a title bar, then `body` cut to the screen.
    public func page(title: String, status: String, body: String) {
        wipe()
        write(titleBar(title, status))
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).prefix(Int(size().rows) - 2)
        write(lines.joined(separator: "\r\n"))
    }

    /// Redraws only the title bar (the countdown), keeping the cursor where it was.
    public func updateTitle(_ title: String, _ status: String) {
        write("\u{1B}7\u{1B}[1;1H" + titleBar(title, status) + "\u{1B}8")
    }

    /// Writes `text` at the end of the page (prompt lines).
    public func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var off = 0
            while off < buffer.count {
                let n = Glibc.write(1, buffer.baseAddress! + off, buffer.count - off)
                if n <= 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }

    /// Waits up to 200 ms for one key; nil when none came (the caller checks card, clock and
    /// signals, then waits again). An Esc followed at once by more bytes is a cursor or paging
    /// key, read whole; only an Esc alone is ``KioskKey/escape``.
    public func next() -> KioskKey? {
        guard let byte = readByte(waiting: 200) else { return nil }
        guard byte == 0x1B else { return KioskKey.byte(byte) }
        var sequence: [UInt8] = []
        while let more = readByte(waiting: 50) {
            sequence.append(more)
            if more == 0x1B { return .escape }   // Esc pressed twice
            if KioskKey.endsSequence(more, length: sequence.count) || sequence.count > 8 { break }
        }
        return sequence.isEmpty ? .escape : KioskKey.sequence(sequence)
    }

    private func readByte(waiting milliseconds: Int32) -> UInt8? {
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, milliseconds) > 0 else { return nil }
        var byte: UInt8 = 0
        let n = read(0, &byte, 1)
        if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) {
            KioskSignals.requestStop()   // the terminal went away (hang-up): wipe and stop, like SIGHUP
            return nil
        }
        return n == 1 ? byte : nil
    }

    private func titleBar(_ title: String, _ status: String) -> String {
        let width = Int(size().cols)
        let room = max(0, width - TextWidth.columns(title) - TextWidth.columns(status) - 2)
        return "\u{1B}[7m " + title + String(repeating: " ", count: room) + status + " \u{1B}[0m\r\n"
    }

    /// Rows of the terminal.
    public var rows: Int { Int(size().rows) }

    private func size() -> (rows: UInt16, cols: UInt16) {
        var w = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &w) == 0, w.ws_row > 0, w.ws_col > 0 { return (w.ws_row, w.ws_col) }
        return (24, 80)
    }
}
