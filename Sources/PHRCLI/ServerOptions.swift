import ArgumentParser
import Foundation
import PHRClient
import PHRModel
import PHRStore
import PHRSync

/// Where the PHR service is and how to trust it (`--server`, `PHR_SERVER`, config.toml).
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("PHR service URL (default: config.toml, else https://phr1.moph.go.th).", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("Extra CA certificates (PEM), e.g. a sandbox's own CA.", valueName: "file"))
    var caFile: String?

    /// The server to talk to.
    func endpoint(config: Config) throws(CLIFailure) -> ServerEndpoint {
        try config.endpoint(flag: server, caFile: caFile)
    }

    /// Runs `body` with a client for `endpoint` and always closes its connections afterwards;
    /// `onRetry` hears about each retry.
    func withService<T>(_ endpoint: ServerEndpoint, onRetry: @escaping @Sendable (Double, String) -> Void = { _, _ in },
                        _ body: (PHRService) async throws -> T) async throws -> T {
        let service: PHRService
        do { service = PHRService(transport: try Transport(endpoint: endpoint, onRetry: onRetry)) } catch { throw error.cliFailure }
        do {
            let result = try await body(service)
            await service.transport.shutdown()
            return result
        } catch {
            await service.transport.shutdown()
            throw error
        }
    }
}

extension Config {
    /// The client account for the Account Center, from config.toml.
    func clientAccount() throws(CLIFailure) -> ClientAccount {
        guard let user = self["account_user"], let hcode = self["hospital_code"], let hash = try secret("account_password_hash") else {
            throw CLIFailure(.usage, "no client account in \(Config.path): set account_user, account_password_hash_file and hospital_code (for a sandbox: phr-sandbox demo-config)")
        }
        return ClientAccount(user: user, passwordHash: hash, hospitalCode: hcode)
    }
}

/// Reading and writing the login session in the store.
enum Sessions {
    static func load(_ store: Store) throws(CLIFailure) -> Session? {
        let data: Data?
        do { data = try store.read { try $0.session() } } catch { throw error.cliFailure }
        guard let data else { return nil }
        return try? JSONDecoder().decode(Session.self, from: data)
    }

    /// Saves `session`, binding the store to its citizen (a store of another citizen refuses it).
    static func save(_ session: Session, in store: Store, event: String) throws(CLIFailure) {
        do {
            let body = try JSONEncoder().encode(session)
            try store.write { w in
                if let citizen = session.citizen { try w.claim(citizen) }
                try w.saveSession(body)
                try w.audit(event, "method=\(session.method.rawValue)")
            }
        } catch let e as StoreError {
            throw e.cliFailure
        } catch {
            throw CLIFailure(.failure, "cannot save the session")
        }
    }

    /// The session, required to be valid and for this server.
    static func require(_ store: Store, server: ServerEndpoint) throws(CLIFailure) -> Session {
        guard let session = try load(store) else {
            throw CLIFailure(.notLoggedIn, "not logged in; run `phr login --cid <citizen ID>` first", th: "ยังไม่ได้เข้าสู่ระบบ กรุณา phr login ก่อน")
        }
        guard session.server == server.base.absoluteString else {
            throw CLIFailure(.notLoggedIn, "your session is for \(session.server), not \(server.base.absoluteString); run `phr login` for this server")
        }
        guard session.isValid() else {
            throw CLIFailure(.notLoggedIn, "your session expired at \(Clock.local(session.expiresAt)); run `phr login` again (nothing synced is lost)",
                             th: "หมดเวลาการเข้าสู่ระบบ กรุณา phr login ใหม่ (ข้อมูลที่ซิงก์แล้วไม่หาย)")
        }
        return session
    }
}

/// Wall-clock formatting for messages: Thailand time (UTC+7), Buddhist-Era year when the
/// messages are Thai.
enum Clock {
    static func local(_ date: Date) -> String {
        let t = CivilDateTime.from(date)
        let year = Locale.prefersThai ? t.buddhistYear : t.year
        return String(format: "%02d/%02d/%04d %02d:%02d", t.day, t.month, year, t.hour ?? 0, t.minute ?? 0)
    }
}
