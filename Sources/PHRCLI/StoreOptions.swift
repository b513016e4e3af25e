import ArgumentParser
import Foundation
import PHRRender
import PHRStore
#if canImport(Glibc)
import Glibc
#endif

/// Which profile's store a command uses: `--profile NAME`, else `PHR_PROFILE`, else the
/// default store. One store holds one person's record; profiles keep a family's apart.
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use this profile's store (default: PHR_PROFILE, else the default profile).", valueName: "name"), completion: Completions.profiles)
    var profile: String?

    func validate() throws {
        if let profile, !StoreLocation.isValidProfileName(profile) {
            throw ValidationError("--profile: " + Message.profileNameShape.text(Locale.language))
        }
    }

    /// The profile's name.
    var name: String {
        profile ?? ProcessInfo.processInfo.environment["PHR_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? StoreLocation.defaultProfile
    }

    /// ` --profile NAME` for a next-step hint, or "" for the default profile.
    var flag: String { name == StoreLocation.defaultProfile ? "" : " --profile \(name)" }

    /// The profile's store file; a bad name from `PHR_PROFILE` is a usage error.
    func path() throws(CLIFailure) -> String {
        guard StoreLocation.isValidProfileName(name) else {
            throw CLIFailure(.usage, "PHR_PROFILE: \"\(Sanitize.line(name, limit: 40))\" is not a profile name (letters, digits, - or _)",
                             th: "PHR_PROFILE: ชื่อโปรไฟล์ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข - หรือ _")
        }
        return StoreLocation.file(profile: name)
    }
}

/// Which store a command uses (its profile) and how it is unlocked (``PassphraseOptions``).
struct StoreOptions: ParsableArguments {
    @OptionGroup var profile: ProfileOptions
    @OptionGroup var passphrases: PassphraseOptions

    /// The store file: `phr.db` under `$PHR_HOME`, `$XDG_DATA_HOME/phr` or `~/.local/share/phr`
    /// for the default profile, `profiles/NAME/phr.db` there for profile NAME.
    var path: String { get throws(CLIFailure) { try profile.path() } }

    /// Opens the existing store, asking for the passphrase if needed (at a prompt, up to 3 tries).
    func open() throws(CLIFailure) -> Store {
        let path = try existingPath()
        if !passphrases.explicit, let cached = KeyCache.cached(path: path) {
            do { return try Store.open(at: path, key: cached) } catch {
                KeyCache.forget(path: path)   // stale (e.g. after `phr passwd`): ask instead
            }
        }
        return try passphrases.open(at: path, prompt: prompt).store
    }

    /// The store file, which must exist: checked before any prompt.
    func existingPath() throws(CLIFailure) -> String {
        let path = try path
        guard FileManager.default.fileExists(atPath: path) else {
            if profile.name != StoreLocation.defaultProfile {
                throw CLIFailure(.noData, "there is no profile \(profile.name); create it with `phr profile add \(profile.name)` (phr profile list shows them)",
                                 th: "ไม่มีโปรไฟล์ \(profile.name) สร้างด้วย phr profile add \(profile.name)")
            }
            throw CLIFailure(.noData, "no phr store at \(path); run `phr init` first",
                             th: "ยังไม่มีที่เก็บข้อมูล phr กรุณาเรียก phr init ก่อน")
        }
        return path
    }

    /// The passphrase prompt, naming the profile when it is not the default one.
    var prompt: String {
        let thai = Locale.prefersThai
        return profile.name == StoreLocation.defaultProfile
            ? (thai ? "รหัสผ่านของที่เก็บข้อมูล phr: " : "Passphrase for the phr store: ")
            : (thai ? "รหัสผ่านของโปรไฟล์ \(profile.name): " : "Passphrase for profile \(profile.name): ")
    }
}

/// Where a passphrase comes from. Never argv or a plain environment value: a file
/// (`--passphrase-file`, `PHR_PASSPHRASE_FILE`), standard input (`--passphrase-stdin`), or a
/// prompt without echo on a terminal.
struct PassphraseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the passphrase from the first line of this file.", valueName: "file"), completion: .file())
    var passphraseFile: String?

    @Flag(help: "Read the passphrase from the first line of standard input.")
    var passphraseStdin = false

    /// A new passphrase: from a file or stdin once, else asked twice at a prompt
    /// (``askNew()``), with a hint when it is short.
    func newPassphrase() throws(CLIFailure) -> String {
        guard prompting else {
            let passphrase = try passphrase(prompt: Self.newPrompt)
            Self.noteIfWeak(passphrase)
            return passphrase
        }
        return try Self.askNew()
    }

    /// The prompt for a new passphrase.
    static var newPrompt: String { Locale.prefersThai ? "รหัสผ่านใหม่: " : "New passphrase: " }

    /// Whether the passphrase is typed at a prompt (no file or stdin given, stdin a terminal).
    var prompting: Bool { !explicit && Terminal.stdinIsTTY }

    /// A new passphrase typed twice at the terminal. An empty one, or two that differ, are asked
    /// again (3 tries); a short one is noted after the first entry, before the second.
    static func askNew() throws(CLIFailure) -> String {
        let thai = Locale.prefersThai
        for _ in 0..<3 {
            guard let first = readHidden(newPrompt) else { break }
            if first.isEmpty {
                Terminal.err(thai ? "phr: รหัสผ่านว่างเปล่า กรุณาลองใหม่\n" : "phr: the passphrase is empty; try again\n")
                continue
            }
            noteIfWeak(first)
            guard let second = readHidden(thai ? "พิมพ์รหัสผ่านใหม่อีกครั้ง: " : "Repeat it: ") else { break }
            if second == first { return first }
            Terminal.err(thai ? "phr: รหัสผ่านสองครั้งไม่ตรงกัน กรุณาลองใหม่\n" : "phr: the two passphrases differ; try again\n")
        }
        throw CLIFailure(.usage, "no new passphrase was set (empty, or typed differently twice); nothing was changed",
                         th: "ยังไม่ได้ตั้งรหัสผ่านใหม่ (ว่างเปล่า หรือพิมพ์สองครั้งไม่ตรงกัน) ยังไม่มีการเปลี่ยนแปลงใดๆ")
    }

    /// The hint for a short passphrase, given while it can still be changed.
    static func noteIfWeak(_ passphrase: String) {
        guard passphrase.count < 12 else { return }
        Terminal.err(Locale.prefersThai ? "phr: หมายเหตุ: รหัสผ่านยาว 12 ตัวอักษรขึ้นไป (หรือ 4 คำขึ้นไป) เดาได้ยากกว่ามาก\n"
                                        : "phr: note: a passphrase of 12 or more characters (or 4+ words) is much harder to guess\n")
    }

    /// Opens the store at `path` (which exists) with the passphrase; at a prompt a wrong one is
    /// asked again, up to 3 tries (each a full key derivation). Returns the passphrase too.
    func open(at path: String, prompt: String) throws(CLIFailure) -> (store: Store, passphrase: String) {
        let tries = prompting ? 3 : 1
        for left in (0..<tries).reversed() {
            let passphrase = try self.passphrase(prompt: prompt)
            do { return (try Store.open(at: path, key: .passphrase(passphrase)), passphrase) } catch {
                guard case .wrongKeyOrNotAStore = error, left > 0 else { throw error.cliFailure }
                let tries = left == 1 ? "1 try left" : "\(left) tries left"
                Terminal.err(Locale.prefersThai ? "phr: รหัสผ่านไม่ถูกต้อง กรุณาลองใหม่ (เหลือ \(left) ครั้ง)\n" : "phr: wrong passphrase; try again (\(tries))\n")
            }
        }
        throw StoreError.wrongKeyOrNotAStore.cliFailure
    }

    /// Whether a passphrase source was given (then the keyring cache is not used).
    var explicit: Bool {
        passphraseFile != nil || passphraseStdin || !(ProcessInfo.processInfo.environment["PHR_PASSPHRASE_FILE"] ?? "").isEmpty
    }

    /// The passphrase from the file, stdin or a no-echo prompt.
    func passphrase(prompt: String) throws(CLIFailure) -> String {
        if let file = passphraseFile ?? ProcessInfo.processInfo.environment["PHR_PASSPHRASE_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIFailure(.usage, "cannot read the passphrase file \(file)", th: "อ่านไฟล์รหัสผ่าน \(file) ไม่ได้")
            }
            return try Self.firstLine(data, source: file)
        }
        if passphraseStdin {
            guard let line = Terminal.readLine(limit: 1024) else { throw CLIFailure(.usage, "no passphrase on standard input", th: "ไม่มีรหัสผ่านในอินพุตมาตรฐาน") }
            return try Self.firstLine(Data(line.utf8), source: Locale.prefersThai ? "อินพุตมาตรฐาน" : "standard input")
        }
        guard Terminal.stdinIsTTY else {
            throw CLIFailure(.usage, "no passphrase: use --passphrase-file, PHR_PASSPHRASE_FILE or --passphrase-stdin when not at a terminal",
                             th: "ไม่มีรหัสผ่าน เมื่อไม่ได้ใช้ที่เทอร์มินัลให้ใช้ --passphrase-file, PHR_PASSPHRASE_FILE หรือ --passphrase-stdin")
        }
        return try Self.firstLine(Data((Self.readHidden(prompt) ?? "").utf8), source: Locale.prefersThai ? "ข้อความถาม" : "the prompt")
    }

    static func firstLine(_ data: Data, source: String) throws(CLIFailure) -> String {
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !trimmed.isEmpty else { throw CLIFailure(.usage, "the passphrase from \(source) is empty", th: "รหัสผ่านจาก \(source) ว่างเปล่า") }
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
            return CLIFailure(.output, "a phr store already exists at \(path); use it, or move it away first",
                              th: "มีที่เก็บข้อมูล phr อยู่แล้วที่ \(path) ใช้ที่เก็บนั้น หรือย้ายออกไปก่อน")
        case .damaged(let what):
            return CLIFailure(.storeDamaged, "the store is damaged or was tampered with (\(what)); restore a backup or run `phr db check`",
                              th: "ที่เก็บข้อมูลเสียหายหรือถูกแก้ไข")
        case .empty(let path):
            return CLIFailure(.storeDamaged, "\(path) is empty (0 bytes): it is not a store, and nothing was changed; restore it from a backup, or move it away and run `phr init`",
                              th: "ไฟล์ \(path) ว่างเปล่า (0 ไบต์) ไม่ใช่ที่เก็บข้อมูล ยังไม่มีการเปลี่ยนแปลงใดๆ กรุณากู้คืนจากสำเนา หรือย้ายไฟล์ออกแล้วเรียก phr init")
        case .diskFull:
            return CLIFailure(.io, "the disk is full; free some space and try again (nothing saved was lost)",
                              th: "พื้นที่ดิสก์เต็ม กรุณาเพิ่มพื้นที่แล้วลองใหม่")
        case .busy:
            return CLIFailure(.io, "the store is in use (`phr passwd` re-encrypting it, or another phr command while changing the passphrase); try again when it has finished — nothing was changed",
                              th: "ที่เก็บข้อมูลกำลังถูกใช้งานโดยคำสั่ง phr อื่น กรุณาลองใหม่เมื่อคำสั่งนั้นเสร็จ ยังไม่มีการเปลี่ยนแปลงใดๆ")
        case .io(let message):
            return CLIFailure(.io, "cannot use the store (\(message.prefix(120))); check free space and the disk, then run the command again — what was saved is kept",
                              th: "ใช้ที่เก็บข้อมูลไม่ได้ ตรวจสอบพื้นที่ดิสก์แล้วลองใหม่ ข้อมูลที่บันทึกแล้วยังอยู่")
        case .otherCitizen(let owner, let given):
            let (mine, other) = (owner.masked(distinctFrom: given), given.masked(distinctFrom: owner))
            return CLIFailure(.otherCitizen, "this store holds the record of \(mine), not \(other): one store keeps one person's record; for \(other) make a profile: phr profile add NAME, then phr --profile NAME login --cid …",
                              th: "ที่เก็บข้อมูลนี้เป็นของ \(mine) ไม่ใช่ \(other) หนึ่งที่เก็บมีข้อมูลของคนเดียว สำหรับ \(other) ให้สร้างโปรไฟล์: phr profile add ชื่อ แล้ว phr --profile ชื่อ login --cid …")
        }
    }
}
