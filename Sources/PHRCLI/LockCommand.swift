import ArgumentParser
import PHRRender
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
        guard (1...480).contains(minutes) else { throw ValidationError(Message.minutesRange.text(Locale.language)) }
    }

    func execute() async throws {
        let path = try store.existingPath()   // no store: refused before the prompt
        let (opened, passphrase) = try store.passphrases.open(at: path, prompt: store.prompt)
        opened.close()
        guard KeyCache.remember(path: path, passphrase: passphrase, seconds: UInt32(minutes * 60)) else {
            throw CLIFailure(.failure, .keyringUnavailable)
        }
        Terminal.err(Message.unlockedFor.text(Locale.language, ["minutes": "\(minutes)"]) + "\n")
    }
}

/// `phr lock`: forget the cached keys.
struct LockCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Forget the store keys cached by `phr unlock` (of every profile); the next command asks for the passphrase.")

    func execute() async throws {
        let locked = StoreLocation.profiles().filter { KeyCache.forget(path: StoreLocation.file(profile: $0)) }
        Terminal.err((locked.isEmpty ? Message.nothingUnlocked.text(Locale.language)
                      : Message.locked.text(Locale.language, ["profiles": locked.joined(separator: ", ")])) + "\n")
    }
}
