import ArgumentParser
import PHRStore

/// `phr unlock`: cache the store key in the kernel keyring for a while.
struct UnlockCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Remember the store key in the kernel session keyring for a while, so commands do not ask again.",
        discussion: "The key stays in the kernel (never on disk) and expires on its own; `phr lock` forgets it at once. Not for shared kiosks.")

    @Option(help: "Minutes to remember the key (1-480).")
    var minutes = 15

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...480).contains(minutes) else { throw ValidationError("--minutes must be 1 to 480") }
    }

    func execute() async throws {
        let passphrase = try store.passphrase(prompt: "Passphrase for the phr store: ")
        do { try Store.open(at: store.path, key: .passphrase(passphrase)).close() } catch { throw error.cliFailure }
        guard KeyCache.remember(path: store.path, passphrase: passphrase, seconds: UInt32(minutes * 60)) else {
            throw CLIFailure(.failure, "the kernel keyring is not available here (e.g. inside a restricted container); phr will keep asking for the passphrase")
        }
        Terminal.err("The store stays unlocked for \(minutes) min (phr lock ends it now).\n")
    }
}

/// `phr lock`: forget the cached key.
struct LockCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Forget the store key cached by `phr unlock`; the next command asks for the passphrase.")

    func execute() async throws {
        let had = KeyCache.forget(path: StoreLocation.file)
        Terminal.err(had ? "Locked: the cached key is gone.\n" : "Nothing was unlocked.\n")
    }
}
