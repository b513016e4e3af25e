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
        let language = Locale.language
        func text(_ m: Message, _ arguments: [String: String] = [:]) -> String { m.text(language, arguments) }
        // Labels are aligned by display width: Thai vowels and tone marks take no column.
        var fields: [(label: String, value: String)] = [(text(.statusProfile), store.profile.name)]
        if let person {
            let name = (language == .th ? person.nameTH ?? person.nameEN : person.nameEN ?? person.nameTH)?.display ?? ""
            fields.append((text(.statusPerson), "\(Sanitize.line(name, limit: 80)) (\(person.cid.masked))"))
        }
        if let session {
            fields.append((text(.statusLogin), text(.statusLoginLine, [
                "method": session.method.rawValue, "cid": session.citizen?.masked ?? "?",
                "state": text(session.isValid(margin: 0) ? .statusValidUntil : .statusExpiredAt),
                "time": Clock.local(session.expiresAt), "server": Sanitize.line(session.server),
            ])))
        } else {
            fields.append((text(.statusLogin), text(.statusNotLoggedIn)))
        }
        for (i, service) in Service.allCases.enumerated() {
            let address = settings.address(service)
            fields.append((i == 0 ? text(.statusServers) : "",
                           "\(service.displayName) \(Sanitize.line(address.value, limit: 200)) (\(Sanitize.line(address.sourceText)))"))
        }
        let last = synced.values.map(\.syncedAt).max()
        fields.append((text(.statusSynced), last.map(Clock.local) ?? text(.statusNeverSynced)))
        fields.append((text(.statusStore), text(.statusStoreLine, ["path": opened.path, "size": "\(opened.sizeOnDisk / 1024)"])))
        let width = (fields.map { TextWidth.columns($0.label) }.max() ?? 0) + 3
        var lines = fields.map { f in TextWidth.pad(f.label.isEmpty ? "" : f.label + ":", width) + f.value }
        // Kind names as typed (`phr show vitals`) in English; as the views title them in Thai.
        let titles = RecordText(DisplayOptions(language: language))
        lines.append(RecordKind.allCases.map { "\(language == .th ? titles.title($0) : $0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: " · "))
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
        Terminal.err(Message.loggedOut.text(Locale.language) + "\n")
    }
}
