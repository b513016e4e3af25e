import ArgumentParser
import Foundation
import PHRStore
#if canImport(Glibc)
import Glibc
#endif

/// How a command unlocks the store. The passphrase never comes from argv or a plain
/// environment value: a file (`--passphrase-file`, `PHR_PASSPHRASE_FILE`), standard input
/// (`--passphrase-stdin`), or a prompt without echo on a terminal.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the passphrase from the first line of this file.", valueName: "file"))
    var passphraseFile: String?

    @Flag(help: "Read the passphrase from the first line of standard input.")
    var passphraseStdin = false

    /// The store file (`$PHR_HOME/phr.db`, `$XDG_DATA_HOME/phr/phr.db` or `~/.local/share/phr/phr.db`).
    var path: String { StoreLocation.file }

    /// Opens the existing store, asking for the passphrase if needed.
    func open() throws(CLIFailure) -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure(.noData, "no phr store at \(path); run `phr init` first",
                             th: "ยังไม่มีที่เก็บข้อมูล phr กรุณาเรียก phr init ก่อน")
        }
        if !explicit, let cached = KeyCache.cached(path: path) {
            do { return try Store.open(at: path, key: cached) } catch {
                KeyCache.forget(path: path)   // stale (e.g. after `phr passwd`): ask instead
            }
        }
        let passphrase = try self.passphrase(prompt: "Passphrase for the phr store: ")
        do { return try Store.open(at: path, key: .passphrase(passphrase)) } catch { throw error.cliFailure }
    }

    /// Whether a passphrase source was given (then the keyring cache is not used).
    var explicit: Bool {
        passphraseFile != nil || passphraseStdin || !(ProcessInfo.processInfo.environment["PHR_PASSPHRASE_FILE"] ?? "").isEmpty
    }

    /// The passphrase from the file, stdin or a no-echo prompt.
    func passphrase(prompt: String) throws(CLIFailure) -> String {
        if let file = passphraseFile ?? ProcessInfo.processInfo.environment["PHR_PASSPHRASE_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIFailure(.usage, "cannot read the passphrase file \(file)")
            }
            return try Self.firstLine(data, source: file)
        }
        if passphraseStdin {
            guard let line = Terminal.readLine(limit: 1024) else { throw CLIFailure(.usage, "no passphrase on standard input") }
            return try Self.firstLine(Data(line.utf8), source: "standard input")
        }
        guard Terminal.stdinIsTTY else {
            throw CLIFailure(.usage, "no passphrase: use --passphrase-file, PHR_PASSPHRASE_FILE or --passphrase-stdin when not at a terminal")
        }
        return try Self.firstLine(Data((Self.readHidden(prompt) ?? "").utf8), source: "the prompt")
    }

    static func firstLine(_ data: Data, source: String) throws(CLIFailure) -> String {
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !trimmed.isEmpty else { throw CLIFailure(.usage, "the passphrase from \(source) is empty") }
        return trimmed
    }

    /// Prompts on stderr and reads a line from the terminal with echo off.
    static func readHidden(_ prompt: String) -> String? {
        Terminal.err(prompt)
        var old = termios()
        let haveTTY = tcgetattr(0, &old) == 0
        if haveTTY {
            var quiet = old
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSAFLUSH, &quiet)
        }
        defer {
            if haveTTY { tcsetattr(0, TCSAFLUSH, &old) }
            Terminal.err("\n")
        }
        return Terminal.readLine(limit: 1024)
    }
}

extension StoreError: CLIFailureConvertible {
    public var cliFailure: CLIFailure {
        switch self {
        case .wrongKeyOrNotAStore:
            return CLIFailure(.wrongPassphrase, "wrong passphrase or not a phr store; try again (nothing was changed)",
                              th: "รหัสผ่านไม่ถูกต้อง หรือไฟล์นี้ไม่ใช่ที่เก็บข้อมูล phr")
        case .notFound(let path):
            return CLIFailure(.noData, "no phr store at \(path); run `phr init` first", th: "ยังไม่มีที่เก็บข้อมูล กรุณาเรียก phr init")
        case .alreadyExists(let path):
            return CLIFailure(.output, "a phr store already exists at \(path); use it, or move it away first")
        case .damaged(let what):
            return CLIFailure(.storeDamaged, "the store is damaged or was tampered with (\(what)); restore a backup or run `phr db check`",
                              th: "ที่เก็บข้อมูลเสียหายหรือถูกแก้ไข")
        case .diskFull:
            return CLIFailure(.io, "the disk is full; free some space and try again (nothing saved was lost)",
                              th: "พื้นที่ดิสก์เต็ม กรุณาเพิ่มพื้นที่แล้วลองใหม่")
        case .busy:
            return CLIFailure(.io, "the store is in use (`phr passwd` re-encrypting it, or another phr command while changing the passphrase); try again when it has finished — nothing was changed",
                              th: "ที่เก็บข้อมูลกำลังถูกใช้งานโดยคำสั่ง phr อื่น กรุณาลองใหม่เมื่อคำสั่งนั้นเสร็จ ยังไม่มีการเปลี่ยนแปลงใดๆ")
        case .io(let message):
            return CLIFailure(.io, "cannot use the store (\(message.prefix(120))); check free space and the disk, then run the command again — what was saved is kept",
                              th: "ใช้ที่เก็บข้อมูลไม่ได้ ตรวจสอบพื้นที่ดิสก์แล้วลองใหม่ ข้อมูลที่บันทึกแล้วยังอยู่")
        }
    }
}
