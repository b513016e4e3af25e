import ArgumentParser
import Foundation
import PHRStore

/// `phr init`: create the encrypted store.
struct InitCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the encrypted local store (asks for a passphrase twice).",
        discussion: "The store is a SQLCipher 4 file (AES-256, HMAC-SHA512, PBKDF2 256,000 rounds) under $PHR_HOME or ~/.local/share/phr, mode 0600. There is no way to recover a forgotten passphrase.")

    @OptionGroup var store: StoreOptions

    func execute() async throws {
        let path = try store.path
        // Refused before anything is typed.
        if FileManager.default.fileExists(atPath: path) { throw StoreError.alreadyExists(path).cliFailure }
        let created = try Profiles.create(at: path, passphrase: try store.passphrases.newPassphrase())
        created.close()
        Terminal.out(Locale.prefersThai
            ? "สร้างที่เก็บข้อมูลแบบเข้ารหัสที่ \(path) แล้ว ขั้นต่อไป: phr\(store.profile.flag) login --cid <เลขประจำตัวประชาชน>\n"
            : "Created the encrypted store at \(path). Next: phr\(store.profile.flag) login --cid <your citizen ID>\n")
    }
}
