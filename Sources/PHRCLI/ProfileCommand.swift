import ArgumentParser
import Foundation
import PHRModel
import PHRRender
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
                return Terminal.out(Locale.prefersThai ? "ยังไม่มีโปรไฟล์: phr init สร้างโปรไฟล์หลัก phr profile add ชื่อ สร้างโปรไฟล์อื่น\n"
                                                        : "no profiles yet: phr init creates the default one, phr profile add NAME another\n")
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
            discussion: """
                With --shared-passphrase the new store uses the default profile's passphrase \
                (checked against it), and `phr passwd` changes it for every store that shares it; \
                without, it gets a passphrase of its own.

                --from-caregiver reads, with the login of the profile in use, the citizens the \
                ministry lists in your care (CareGiver mode 2) and offers a profile for each: at a \
                terminal it asks which and their profile names; otherwise it prints each one with \
                the command that makes it (--cid and --name pick one). A profile made this way \
                belongs to that citizen from the start, so only they can log in to it.
                """)

        @Argument(help: ArgumentHelp("The profile's name: 1 to 32 letters, digits, - or _ (with --from-caregiver use --name).", valueName: "name"))
        var name: String?

        @Flag(help: "Use the default profile's passphrase instead of a new one.")
        var sharedPassphrase = false

        @Flag(help: "Offer a profile for each citizen in your care (read from the service, after phr login).")
        var fromCaregiver = false

        @Option(name: .customLong("name"), help: ArgumentHelp("With --from-caregiver: the new profile's name.", valueName: "name"))
        var profileName: String?

        @Option(help: ArgumentHelp("With --from-caregiver: the citizen in your care to make the profile for (13 digits).", valueName: "cid"))
        var cid: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var server: ServerOptions

        func validate() throws {
            if fromCaregiver {
                if name != nil { throw ValidationError(Message.caregiverNameOption.text(Locale.language)) }
                if let cid, (try? CitizenID(cid)) == nil { throw ValidationError(Message.caregiverCid.text(Locale.language)) }
            } else {
                if profileName != nil || cid != nil { throw ValidationError(Message.nameCidNeedCaregiver.text(Locale.language)) }
                guard name != nil else { throw ValidationError(Message.profileNameNeeded.text(Locale.language)) }
            }
            for n in [name, profileName].compactMap({ $0 }) {
                guard StoreLocation.isValidProfileName(n) else {
                    throw ValidationError(Message.profileNameShape.text(Locale.language))
                }
                guard n != StoreLocation.defaultProfile else { throw ValidationError(Message.defaultProfileByInit.text(Locale.language)) }
            }
        }

        func execute() async throws {
            guard fromCaregiver, name == nil else { return try create(name!, for: nil) }
            let opened = try store.open()
            let relations: [CareRelation]
            do {
                defer { opened.close() }
                relations = try await ShowCommand.careRelations(opened, server: server, caringForCitizen: false)
            }
            var inCare = relations.filter { !$0.caresForCitizen }
            if let cid, let wanted = try? CitizenID(cid) {
                inCare = inCare.filter { $0.cid == wanted }
                guard !inCare.isEmpty else {
                    throw CLIFailure(.noData, "the ministry does not list \(wanted.masked) in your care; phr show caregivers shows whom it lists",
                                     th: "กระทรวงสาธารณสุขไม่ได้ระบุว่า \(wanted.masked) อยู่ในความดูแลของคุณ ดูรายชื่อด้วย phr show caregivers")
                }
            }
            guard !inCare.isEmpty else {
                return Terminal.out(Locale.prefersThai
                    ? "ไม่มีผู้ที่อยู่ในความดูแลของคุณในระบบของกระทรวงสาธารณสุข (CareGiver mode 2)\n"
                    : "The ministry lists no one in your care (CareGiver mode 2).\n")
            }
            if let profileName {
                guard inCare.count == 1 else {
                    throw CLIFailure(.usage, "\(inCare.count) citizens are in your care: add --cid to say whom the profile \(profileName) is for",
                                     th: "มีผู้อยู่ในความดูแล \(inCare.count) คน เพิ่ม --cid เพื่อระบุว่าโปรไฟล์ \(profileName) เป็นของใคร")
                }
                return try create(profileName, for: inCare[0])
            }
            var taken = Set(StoreLocation.profiles())
            guard Terminal.stdinIsTTY else {
                // Off a terminal: what it would make, and the command for each.
                var out = Locale.prefersThai ? "ผู้อยู่ในความดูแลของคุณ และคำสั่งสร้างโปรไฟล์ให้แต่ละคน:\n" : "In your care, and the command that makes each one's profile:\n"
                for r in inCare {
                    let suggestion = Self.suggestedName(r, taken: taken)
                    taken.insert(suggestion)
                    out += "  \(Sanitize.line(r.name.display, limit: 80)) (\(r.cid.masked))\n"
                        + "    phr\(store.profile.flag) profile add --from-caregiver --cid \(r.cid.digits) --name \(suggestion)\(sharedPassphrase ? " --shared-passphrase" : "")\n"
                }
                return Terminal.out(out)
            }
            for r in inCare {
                let who = "\(Sanitize.line(r.name.display, limit: 80)) (\(r.cid.masked))"
                let answer = Terminal.ask(Locale.prefersThai ? "สร้างโปรไฟล์ให้ \(who)? [y/N] " : "Make a profile for \(who)? [y/N] ")?.lowercased()
                guard answer == "y" || answer == "yes" else { continue }
                let suggestion = Self.suggestedName(r, taken: taken)
                var chosen = suggestion
                while true {
                    let typed = (Terminal.ask(Locale.prefersThai ? "ชื่อโปรไฟล์ [\(suggestion)]: " : "Profile name [\(suggestion)]: ") ?? "")
                        .trimmingCharacters(in: .whitespaces)
                    chosen = typed.isEmpty ? suggestion : typed
                    if StoreLocation.isValidProfileName(chosen), chosen != StoreLocation.defaultProfile, !taken.contains(chosen) { break }
                    Terminal.err(Locale.prefersThai ? "ใช้ตัวอักษรอังกฤษ ตัวเลข - หรือ _ ไม่เกิน 32 ตัว และไม่ซ้ำกับโปรไฟล์ที่มี\n"
                                                    : "Use 1 to 32 letters, digits, - or _, not the name of an existing profile.\n")
                }
                // A refusal for one citizen (e.g. they have a profile already) is said, and the
                // next one is offered.
                if let refused = createOrRefusal(chosen, for: r) {
                    guard refused.exit == .otherCitizen else { throw refused }
                    _ = Self.report(refused)
                    continue
                }
                taken.insert(chosen)
            }
        }

        /// A profile name for `r`: their first name when it is one (Latin letters), else
        /// family-N, not one of `taken`.
        static func suggestedName(_ r: CareRelation, taken: Set<String>) -> String {
            let first = r.name.first.lowercased()
            if StoreLocation.isValidProfileName(first), first != StoreLocation.defaultProfile, !taken.contains(first) { return first }
            return (1...).lazy.map { "family-\($0)" }.first { !taken.contains($0) }!
        }

        /// ``create(_:for:)``, its failure returned rather than thrown.
        func createOrRefusal(_ name: String, for relation: CareRelation) -> CLIFailure? {
            do { try create(name, for: relation) } catch { return error }
            return nil
        }

        /// Creates the profile `name`; for a citizen in the caregiver's care, bound to them at
        /// once, after checking that no profile opened by the same passphrase holds them already.
        func create(_ name: String, for relation: CareRelation?) throws(CLIFailure) {
            let path = StoreLocation.file(profile: name)
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CLIFailure(.output, "the profile \(name) already exists (\(path)); choose another name", th: "มีโปรไฟล์ \(name) อยู่แล้ว ใช้ชื่ออื่น")
            }
            let passphrases = store.passphrases
            let passphrase: String
            if sharedPassphrase {
                let main = StoreLocation.file()
                guard FileManager.default.fileExists(atPath: main) else {
                    throw CLIFailure(.noData, "there is no default profile to share a passphrase with; run `phr init` first, or leave out --shared-passphrase",
                                     th: "ยังไม่มีโปรไฟล์หลักที่จะใช้รหัสผ่านร่วมกัน เรียก phr init ก่อน หรือไม่ต้องใส่ --shared-passphrase")
                }
                passphrase = try passphrases.passphrase(prompt: Locale.prefersThai ? "รหัสผ่านของโปรไฟล์หลัก: " : "Passphrase of the default profile: ")
                do { try Store.open(at: main, key: .passphrase(passphrase)).close() } catch { throw error.cliFailure }
            } else {
                passphrase = try passphrases.newPassphrase()
            }
            if let relation, let holder = Profiles.holding(relation.cid, passphrase: passphrase) {
                throw CLIFailure(.otherCitizen, "the profile \(holder) already holds the record of \(relation.cid.masked); use phr --profile \(holder) …",
                                 th: "โปรไฟล์ \(holder) เก็บข้อมูลของ \(relation.cid.masked) อยู่แล้ว ใช้ phr --profile \(holder) …")
            }
            let created = try Profiles.create(at: path, passphrase: passphrase)
            defer { created.close() }
            if let relation {
                do { try created.claim(for: relation.cid) } catch { throw error.cliFailure }
                let who = Sanitize.line(relation.name.display, limit: 80)
                Terminal.out(Locale.prefersThai
                             ? "สร้างโปรไฟล์ \(name) ของ \(who) (\(relation.cid.masked)) แล้ว เข้าสู่ระบบได้เฉพาะผู้นี้ "
                               + "ขั้นต่อไป: phr --profile \(name) login --cid \(relation.cid.digits)\n"
                             : "Created the profile \(name) for \(who) (\(relation.cid.masked)), "
                               + "which only that citizen can log in to. Next: phr --profile \(name) login --cid \(relation.cid.digits)\n")
                return
            }
            Terminal.out(Locale.prefersThai
                         ? "สร้างโปรไฟล์ \(name) (\(sharedPassphrase ? "ใช้รหัสผ่านของโปรไฟล์หลัก" : "มีรหัสผ่านของตัวเอง")) ที่ \(path) แล้ว "
                           + "ขั้นต่อไป: phr --profile \(name) login --cid <เลขประจำตัวประชาชน>\n"
                         : "Created the profile \(name) (\(sharedPassphrase ? "the default profile's passphrase" : "its own passphrase")) at \(path). "
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
            guard StoreLocation.isValidProfileName(name) else { throw ValidationError(Message.profileNameShape.text(Locale.language)) }
            guard name != StoreLocation.defaultProfile else {
                throw ValidationError("the default profile is not removed by phr; its store is \(StoreLocation.file())",
                                      th: "phr ไม่ลบโปรไฟล์หลัก ที่เก็บข้อมูลของโปรไฟล์นี้อยู่ที่ \(StoreLocation.file())")
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
                let question = Locale.prefersThai ? "ข้อมูลของ \(name) จะถูกลบจากเครื่องนี้ถาวร พิมพ์ชื่อโปรไฟล์เพื่อยืนยัน: "
                                                  : "This deletes \(name)'s record from this computer for good. Type the profile name to confirm: "
                guard Terminal.ask(question) == name else {
                    throw CLIFailure(.usage, "the name did not match; nothing was removed", th: "ชื่อไม่ตรงกัน ไม่ได้ลบอะไร")
                }
            }
            KeyCache.forget(path: path)
            do { try FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) } catch {
                throw CLIFailure(.io, "could not remove \(path): \(error.localizedDescription); check its permissions",
                                 th: "ลบ \(path) ไม่ได้ ตรวจสอบสิทธิ์ของไฟล์")
            }
            Terminal.err(Locale.prefersThai ? "ลบโปรไฟล์ \(name) และที่เก็บข้อมูลของโปรไฟล์แล้ว\n" : "Removed the profile \(name) and its store.\n")
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

    /// The profile whose store `passphrase` opens and that belongs to `citizen`, if any (a
    /// profile with another passphrase cannot be looked into).
    static func holding(_ citizen: CitizenID, passphrase: String) -> String? {
        StoreLocation.profiles().first { name in
            guard let store = try? Store.open(at: StoreLocation.file(profile: name), key: .passphrase(passphrase)) else { return false }
            defer { store.close() }
            return (try? store.owner()) == citizen
        }
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
