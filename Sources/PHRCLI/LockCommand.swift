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
        let path = try store.existingPath()   // no store: refused before the prompt
        let (opened, passphrase) = try store.passphrases.open(at: path, prompt: store.prompt)
        opened.close()
        guard KeyCache.remember(path: path, passphrase: passphrase, seconds: UInt32(minutes * 60)) else {
            throw CLIFailure(.failure, "the kernel keyring is not available here (e.g. inside a restricted container); phr will keep asking for the passphrase")
        }
        Terminal.err("The store stays unlocked for \(minutes) min (phr lock ends it now).\n")
    }
}

/// `phr lock`: forget the cached keys.
struct LockCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Forget the store keys cached by `phr unlock` (of every profile); the next command asks for the passphrase.")

    func execute() async throws {
        let locked = StoreLocation.profiles().filter { KeyCache.forget(path: StoreLocation.file(profile: $0)) }
        Terminal.err(locked.isEmpty ? "Nothing was unlocked.\n" : "Locked: the cached key is gone (\(locked.joined(separator: ", "))).\n")
    }
}
