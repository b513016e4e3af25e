import ArgumentParser
import Foundation
import PHRStore
#if canImport(Glibc)
import Glibc
#endif

/// `phr profile`: one store per person, so a family keeps each record apart.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Keep each person's record in their own store: list, add or remove profiles.",
        discussion: """
            A store holds one person's record: it belongs to the citizen of its first login, and \
            phr refuses to log in, sync or read another citizen into it. A parent keeps their own \
            record in the default profile and each child's in a profile of its own, then picks one \
            with phr --profile NAME … or PHR_PROFILE=NAME. Each profile has its own encrypted file \
            and either its own passphrase or the default profile's (--shared-passphrase).
            """,
        subcommands: [List.self, Add.self, Remove.self])

    struct List: PHRSubcommand {
        static let configuration = CommandConfiguration(abstract: "List the profiles on this computer (* marks the one in use).")
        @OptionGroup var profile: ProfileOptions

        func execute() async throws {
            let current = profile.name
            let names = StoreLocation.profiles()
            guard !names.isEmpty else {
                return Terminal.out("no profiles yet: phr init creates the default one, phr profile add NAME another\n")
            }
            for name in names {
                let path = StoreLocation.file(profile: name)
                let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0) / 1024
                Terminal.out("\(name == current ? "*" : " ") \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(size) KiB  \(path)\n")
            }
        }
    }

    struct Add: PHRSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a profile: an empty encrypted store for one more person.",
            discussion: "With --shared-passphrase the new store uses the default profile's passphrase (checked against it), and `phr passwd` changes it for every store that shares it; without, it gets a passphrase of its own.")

        @Argument(help: ArgumentHelp("The profile's name: 1 to 32 letters, digits, - or _.", valueName: "name"))
        var name: String

        @Flag(help: "Use the default profile's passphrase instead of a new one.")
        var sharedPassphrase = false

        @OptionGroup var passphrases: PassphraseOptions

        func validate() throws {
            guard StoreLocation.isValidProfileName(name) else {
                throw ValidationError("a profile name is 1 to 32 letters, digits, - or _ (e.g. mali or dad-2)")
            }
            guard name != StoreLocation.defaultProfile else { throw ValidationError("\"default\" is the default profile; it is made by `phr init`") }
        }

        func execute() async throws {
            let path = StoreLocation.file(profile: name)
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CLIFailure(.output, "the profile \(name) already exists (\(path)); choose another name", th: "มีโปรไฟล์ \(name) อยู่แล้ว ใช้ชื่ออื่น")
            }
            let passphrase: String
            if sharedPassphrase {
                let main = StoreLocation.file()
                guard FileManager.default.fileExists(atPath: main) else {
                    throw CLIFailure(.noData, "there is no default profile to share a passphrase with; run `phr init` first, or leave out --shared-passphrase",
                                     th: "ยังไม่มีโปรไฟล์หลักที่จะใช้รหัสผ่านร่วมกัน เรียก phr init ก่อน หรือไม่ต้องใส่ --shared-passphrase")
                }
                passphrase = try passphrases.passphrase(prompt: "Passphrase of the default profile: ")
                do { try Store.open(at: main, key: .passphrase(passphrase)).close() } catch { throw error.cliFailure }
            } else {
                passphrase = try passphrases.newPassphrase()
            }
            try Profiles.create(at: path, passphrase: passphrase).close()
            Terminal.out("Created the profile \(name) (\(sharedPassphrase ? "the default profile's passphrase" : "its own passphrase")) at \(path). "
                         + "Next: phr --profile \(name) login --cid <their citizen ID>\n")
        }
    }

    struct Remove: PHRSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a profile and its encrypted store for good (asks to type the name, or --yes).")

        @Argument(help: ArgumentHelp("The profile to remove.", valueName: "name"))
        var name: String

        @Flag(help: "Do not ask; remove it.")
        var yes = false

        func validate() throws {
            guard StoreLocation.isValidProfileName(name) else { throw ValidationError("a profile name is 1 to 32 letters, digits, - or _") }
            guard name != StoreLocation.defaultProfile else {
                throw ValidationError("the default profile is not removed by phr; its store is \(StoreLocation.file())")
            }
        }

        func execute() async throws {
            let path = StoreLocation.file(profile: name)
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIFailure(.noData, "there is no profile \(name) (phr profile list shows them)", th: "ไม่มีโปรไฟล์ \(name)")
            }
            if !yes {
                guard Terminal.stdinIsTTY else {
                    throw CLIFailure(.usage, "add --yes to remove the profile \(name): its record is deleted from this computer for good",
                                     th: "เพิ่ม --yes เพื่อลบโปรไฟล์ \(name) ข้อมูลในเครื่องนี้จะถูกลบถาวร")
                }
                guard Terminal.ask("This deletes \(name)'s record from this computer for good. Type the profile name to confirm: ") == name else {
                    throw CLIFailure(.usage, "the name did not match; nothing was removed", th: "ชื่อไม่ตรงกัน ไม่ได้ลบอะไร")
                }
            }
            KeyCache.forget(path: path)
            do { try FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) } catch {
                throw CLIFailure(.io, "could not remove \(path): \(error.localizedDescription); check its permissions",
                                 th: "ลบ \(path) ไม่ได้ ตรวจสอบสิทธิ์ของไฟล์")
            }
            Terminal.err("Removed the profile \(name) and its store.\n")
        }
    }
}

/// Creating and finding profile stores.
enum Profiles {
    /// Creates an encrypted store at `path` (the profiles directory 0700 first, so a profile's
    /// directory never sits in a readable one).
    static func create(at path: String, passphrase: String) throws(CLIFailure) -> Store {
        let parent = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        if parent == StoreLocation.profilesDirectory, !FileManager.default.fileExists(atPath: parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw CLIFailure(.io, "cannot create \(parent); check the permissions of \(StoreLocation.directory)",
                                 th: "สร้าง \(parent) ไม่ได้ ตรวจสอบสิทธิ์ของ \(StoreLocation.directory)")
            }
        }
        let created: Store
        do { created = try Store.create(at: path, key: .passphrase(passphrase)) } catch { throw error.cliFailure }
        try? created.write { try $0.audit("init") }
        return created
    }

    /// The stores of every profile but `path` that `passphrase` opens: those that share it.
    static func sharing(_ passphrase: String, except path: String) -> [(name: String, path: String)] {
        StoreLocation.profiles().map { ($0, StoreLocation.file(profile: $0)) }.filter { other in
            guard other.1 != path, let store = try? Store.open(at: other.1, key: .passphrase(passphrase)) else { return false }
            store.close()
            return true
        }
    }
}
