import ArgumentParser
import Foundation
import PHRStore

/// `phr db`: maintenance of the encrypted store.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Look after the encrypted store.",
        subcommands: [Check.self, Path.self])

    struct Check: PHRSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the store: SQLite integrity check and the HMAC of every page.")
        @OptionGroup var store: StoreOptions

        func execute() async throws {
            let opened = try store.open()
            defer { opened.close() }
            let problems: [String]
            do { problems = try opened.check() } catch { throw error.cliFailure }
            guard problems.isEmpty else {
                for p in problems.prefix(10) { Terminal.err("phr: \(p)\n") }
                throw CLIFailure(.storeDamaged, "the store is damaged (\(problems[0])); restore a backup", th: "ที่เก็บข้อมูลเสียหาย")
            }
            Terminal.out(Locale.prefersThai ? "ok: ตรวจความสมบูรณ์ผ่าน และ HMAC ของทุกหน้าถูกต้อง\n" : "ok: integrity check passed and every page's HMAC is valid\n")
        }
    }

    struct Path: PHRSubcommand {
        static let configuration = CommandConfiguration(abstract: "Print where the store file is (of the profile in use).")
        @OptionGroup var profile: ProfileOptions

        func execute() async throws {
            Terminal.out(try profile.path() + "\n")
        }
    }
}

/// `phr passwd`: change the passphrase.
struct PasswdCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change the store's passphrase (every page is re-encrypted; a crash leaves the old or the new file, never a mix).",
        discussion: "Other profiles whose store has the same passphrase (made with `phr profile add --shared-passphrase`) get the new one too, unless --only-this-profile.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Read the new passphrase from this file.", valueName: "file"), completion: .file())
    var newPassphraseFile: String?

    @Flag(help: "Change only this profile's passphrase, even where other profiles share it.")
    var onlyThisProfile = false

    func execute() async throws {
        let path = try store.existingPath()
        let (current, old) = try store.passphrases.open(at: path, prompt: "Current passphrase: ")
        current.close()
        let new: String
        if let newPassphraseFile {
            guard let data = FileManager.default.contents(atPath: newPassphraseFile) else {
                throw CLIFailure(.usage, "cannot read \(newPassphraseFile)", th: "อ่านไฟล์ \(newPassphraseFile) ไม่ได้")
            }
            new = try PassphraseOptions.firstLine(data, source: newPassphraseFile)
        } else {
            guard Terminal.stdinIsTTY else {
                throw CLIFailure(.usage, "give the new passphrase with --new-passphrase-file when not at a terminal",
                                 th: "เมื่อไม่ได้ใช้ที่เทอร์มินัล ให้ใส่รหัสผ่านใหม่ด้วย --new-passphrase-file")
            }
            new = try PassphraseOptions.askNew()
        }
        // The profiles that share the old passphrase keep sharing it: they are found before
        // anything changes (a wrong old passphrase fails on this profile's store first).
        let sharing = onlyThisProfile ? [] : Profiles.sharing(old, except: path)
        for target in [path] + sharing.map(\.path) {
            do {
                try Store.rekey(at: target, from: .passphrase(old), to: new)
                KeyCache.forget(path: target)
                let reopened = try Store.open(at: target, key: .passphrase(new))
                try reopened.write { try $0.audit("passwd") }
                reopened.close()
            } catch {
                throw error.cliFailure
            }
        }
        let names = sharing.map(\.name).joined(separator: ", ")
        Terminal.err(Locale.prefersThai
            ? "เปลี่ยนรหัสผ่านแล้ว" + (sharing.isEmpty ? "" : " รวมถึงโปรไฟล์ที่ใช้รหัสผ่านร่วมกัน: " + names) + "\n"
            : "The passphrase is changed" + (sharing.isEmpty ? "" : ", also for the profiles that shared it: " + names) + ".\n")
    }
}
