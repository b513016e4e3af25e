import ArgumentParser
import Foundation
import PHRClient
import PHRModel
import PHRRender
import PHRStore
import PHRSync

/// `phr status` (alias `whoami`): who is logged in, until when, which servers, and what is stored.
struct StatusCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Who is logged in, until when, the servers used, the last sync and what the store holds.",
        discussion: "Each server is shown with where its address came from: a flag, the environment, config.toml (file:line) or the default.",
        aliases: ["whoami"])

    @OptionGroup var server: ServerOptions
    @OptionGroup var store: StoreOptions

    func execute() async throws {
        let opened = try store.open()
        defer { opened.close() }
        let session = try Sessions.load(opened)
        let settings = server.settings(config: try Config.load(), session: session)
        let (person, counts, synced): (Person?, [RecordKind: Int], [String: SyncState])
        do {
            (person, counts, synced) = try opened.read { r in (try r.person(), try r.counts(), try r.syncStates(prefix: "")) }
        } catch {
            throw error.cliFailure
        }
        let thai = Locale.prefersThai
        var lines = ["\(thai ? "โปรไฟล์" : "profile"):  \(store.profile.name)"]
        if let person {
            let name = (thai ? person.nameTH ?? person.nameEN : person.nameEN ?? person.nameTH)?.display ?? ""
            lines.append("\(thai ? "ชื่อ" : "person"):   \(Sanitize.line(name, limit: 80)) (\(person.cid.masked))")
        }
        if let session {
            let state = session.isValid(margin: 0) ? (thai ? "ใช้ได้ถึง" : "valid until") : (thai ? "หมดอายุเมื่อ" : "expired at")
            lines.append("\(thai ? "เข้าระบบ" : "login"):    \(session.method.rawValue) for \(session.citizen?.masked ?? "?"), \(state) \(Clock.local(session.expiresAt)) — \(Sanitize.line(session.server))")
        } else {
            lines.append(thai ? "เข้าระบบ:  ยังไม่ได้เข้าสู่ระบบ (phr login)" : "login:    not logged in (phr login --cid …)")
        }
        for (i, service) in Service.allCases.enumerated() {
            let address = settings.address(service)
            lines.append("\(i == 0 ? (thai ? "เซิร์ฟเวอร์:" : "servers: ") : "         ") \(service.displayName) \(Sanitize.line(address.value, limit: 200)) (\(Sanitize.line(address.sourceText)))")
        }
        let last = synced.values.map(\.syncedAt).max()
        lines.append("\(thai ? "ซิงก์ล่าสุด" : "synced"):   \(last.map(Clock.local) ?? (thai ? "ยังไม่เคย (phr sync)" : "never (phr sync)"))")
        lines.append("\(thai ? "ที่เก็บ" : "store"):    \(opened.path), \(opened.sizeOnDisk / 1024) KiB, encrypted")
        lines.append(RecordKind.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: " · "))
        Terminal.out(lines.joined(separator: "\n") + "\n")
    }
}

/// `phr logout`: forget the session.
struct LogoutCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Forget the login session (OTP or token) stored on this machine. Synced data stays.")

    @OptionGroup var store: StoreOptions

    func execute() async throws {
        let opened = try store.open()
        defer { opened.close() }
        do {
            try opened.write { w in
                try w.clearSession()
                try w.audit("logout")
            }
        } catch {
            throw error.cliFailure
        }
        Terminal.err(Locale.prefersThai ? "ออกจากระบบแล้ว ข้อมูลที่ซิงก์ไว้ยังอยู่\n" : "Logged out; the session is wiped. Your synced record stays in the store.\n")
    }
}
