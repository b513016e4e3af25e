import ArgumentParser
import PHRStore

/// `phr init`: create the encrypted store.
struct InitCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the encrypted local store (asks for a passphrase twice).",
        discussion: "The store is a SQLCipher 4 file (AES-256, HMAC-SHA512, PBKDF2 256,000 rounds) under $PHR_HOME or ~/.local/share/phr, mode 0600. There is no way to recover a forgotten passphrase.")

    @OptionGroup var store: StoreOptions

    func execute() async throws {
        let first = try store.passphrase(prompt: "New passphrase: ")
        if store.passphraseFile == nil && !store.passphraseStdin {
            let again = try store.passphrase(prompt: "Repeat it: ")
            guard again == first else { throw CLIFailure(.usage, "the two passphrases differ; run `phr init` again") }
        }
        if first.count < 12 {
            Terminal.err("phr: note: a passphrase of 12 or more characters (or 4+ words) is much harder to guess\n")
        }
        let created: Store
        do { created = try Store.create(at: store.path, key: .passphrase(first)) } catch { throw error.cliFailure }
        try? created.write { try $0.audit("init") }
        created.close()
        Terminal.out("Created the encrypted store at \(store.path). Next: phr login --cid <your citizen ID>\n")
    }
}
