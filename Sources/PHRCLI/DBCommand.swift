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
            Terminal.out("ok: integrity check passed and every page's HMAC is valid\n")
        }
    }

    struct Path: PHRSubcommand {
        static let configuration = CommandConfiguration(abstract: "Print where the store file is.")
        func execute() async throws {
            Terminal.out(StoreLocation.file + "\n")
        }
    }
}

/// `phr passwd`: change the passphrase.
struct PasswdCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change the store's passphrase (every page is re-encrypted; a crash leaves the old or the new file, never a mix).")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Read the new passphrase from this file.", valueName: "file"))
    var newPassphraseFile: String?

    func execute() async throws {
        let old = try store.passphrase(prompt: "Current passphrase: ")
        let new: String
        if let newPassphraseFile {
            guard let data = FileManager.default.contents(atPath: newPassphraseFile) else {
                throw CLIFailure(.usage, "cannot read \(newPassphraseFile)")
            }
            new = try StoreOptions.firstLine(data, source: newPassphraseFile)
        } else {
            guard Terminal.stdinIsTTY else { throw CLIFailure(.usage, "give the new passphrase with --new-passphrase-file when not at a terminal") }
            new = try StoreOptions.firstLine(Data((StoreOptions.readHidden("New passphrase: ") ?? "").utf8), source: "the prompt")
            guard StoreOptions.readHidden("Repeat it: ") == new else { throw CLIFailure(.usage, "the two passphrases differ; nothing changed") }
        }
        do {
            try Store.rekey(at: store.path, from: .passphrase(old), to: new)
            KeyCache.forget(path: store.path)
            let reopened = try Store.open(at: store.path, key: .passphrase(new))
            try reopened.write { try $0.audit("passwd") }
            reopened.close()
        } catch {
            throw error.cliFailure
        }
        Terminal.err("The passphrase is changed.\n")
    }
}
