import ArgumentParser
import Foundation
import PHRClient
import PHRModel
import PHRStore
import PHRSync

/// Where the three MOPH services are and how to trust them: `--server`, `--account-server`,
/// `--healthid-server` (and `--ca-file`), else `PHR_SERVER`, `PHR_ACCOUNT_SERVER`,
/// `PHR_HEALTHID_SERVER` (`PHR_CA_FILE`), else config.toml's `server`, `account_server`,
/// `healthid_server` (`ca_file`), else the production hosts.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).", valueName: "url"))
    var accountServer: String?

    @Option(help: ArgumentHelp("Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).", valueName: "url"))
    var healthidServer: String?

    @Option(help: ArgumentHelp("Extra CA certificates (PEM), e.g. a sandbox's own CA.", valueName: "file"), completion: .file(extensions: ["pem", "crt"]))
    var caFile: String?

    /// The settings with these flags: where each service is, by flag > environment > the
    /// login session's > config > default.
    func settings(config: Config, session: Session? = nil) -> ServiceSettings {
        ServiceSettings(config: config, session: session,
                        flags: [.phr: server, .account: accountServer, .healthID: healthidServer].compactMapValues { $0 }, caFile: caFile)
    }

    /// Where each service is, by flag > environment > the login session's > config > default.
    func services(config: Config, session: Session? = nil) throws(CLIFailure) -> Services {
        try settings(config: config, session: session).services()
    }

    /// Runs `body` with a client for `services` and always closes its connections afterwards;
    /// `onRetry` hears about each retry.
    func withService<T>(_ services: Services, onRetry: @escaping @Sendable (Double, String) -> Void = { _, _ in },
                        _ body: (PHRService) async throws -> T) async throws -> T {
        let service: PHRService
        do { service = PHRService(transport: try Transport(caFile: services.caFile, onRetry: onRetry), services: services) } catch {
            throw error.cliFailure
        }
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

/// One setting and where its value came from (shown by `phr status`).
struct Setting: Sendable, Equatable {
    enum Source: Sendable, Equatable {
        case flag(String), environment(String), session, config(String), builtIn
    }

    var value: String
    var source: Source

    /// `--server`, `PHR_SERVER`, `config.toml:3`, `default`.
    var sourceText: String {
        switch source {
        case .flag(let name): return name
        case .environment(let name): return name
        case .session: return Locale.prefersThai ? "ที่ใช้ตอนเข้าสู่ระบบ" : "the login"
        case .config(let location): return location
        case .builtIn: return Locale.prefersThai ? "ค่าเริ่มต้น" : "default"
        }
    }
}

/// The settings that say where the services are, each resolved by flag > environment > the
/// server the saved login used > config.toml > default (docs/sync.md, "Servers").
struct ServiceSettings {
    let config: Config
    /// The saved login, whose servers later commands keep using.
    var session: Session?
    /// The addresses given as flags.
    var flags: [Service: String] = [:]
    /// `--ca-file`, when given.
    var caFile: String?

    /// The config key, environment variable and flag of a service's address.
    static func names(_ service: Service) -> (key: String, env: String, flag: String) {
        switch service {
        case .phr: return ("server", "PHR_SERVER", "--server")
        case .account: return ("account_server", "PHR_ACCOUNT_SERVER", "--account-server")
        case .healthID: return ("healthid_server", "PHR_HEALTHID_SERVER", "--healthid-server")
        }
    }

    /// A value by flag > environment > the login's > config > default.
    func resolve(key: String, env: String, flag: (name: String, value: String?), login: String? = nil, default value: String?) -> Setting? {
        if let v = flag.value { return Setting(value: v, source: .flag(flag.name)) }
        if let v = ProcessInfo.processInfo.environment[env], !v.isEmpty { return Setting(value: v, source: .environment(env)) }
        if let v = login { return Setting(value: v, source: .session) }
        if let v = config[key] { return Setting(value: v, source: .config(config.location(key).trimmingCharacters(in: CharacterSet(charactersIn: ": ")))) }
        return value.map { Setting(value: $0, source: .builtIn) }
    }

    /// Where `service` is.
    func address(_ service: Service) -> Setting {
        let n = Self.names(service)
        let login: String? = switch service {
        case .phr: session?.server
        case .account: session?.accountServer
        case .healthID: session?.healthIDServer
        }
        return resolve(key: n.key, env: n.env, flag: (n.flag, flags[service]), login: login, default: service.productionURL)!
    }

    /// The endpoint of `service`; a bad address names where it came from.
    func endpoint(_ service: Service) throws(CLIFailure) -> ServerEndpoint {
        let setting = address(service)
        do { return try ServerEndpoint(setting.value) } catch {
            guard case .badServerURL(let url, let reason) = error else { throw error.cliFailure }
            let origin: String
            if case .config = setting.source { origin = config.location(Self.names(service).key) } else { origin = "\(setting.sourceText): " }
            throw CLIFailure(.usage, "\(origin)the \(service.displayName) address \(url.prefix(100)) is not usable: \(reason)",
                             th: "\(origin)ที่อยู่ \(service.displayName) ใช้ไม่ได้: \(reason)")
        }
    }

    func services() throws(CLIFailure) -> Services {
        let keys: ServerEndpoint?
        if let url = resolve(key: "healthid_jwks_url", env: "PHR_HEALTHID_JWKS_URL", flag: ("", nil), default: nil) {
            do { keys = try ServerEndpoint(url.value) } catch { throw config.problem("healthid_jwks_url", "not usable: \(url.value.prefix(100))") }
        } else {
            keys = nil
        }
        let tokenPath = config["healthid_token_path"] ?? Services.defaultHealthIDTokenPath
        guard tokenPath.hasPrefix("/") else { throw config.problem("healthid_token_path", "must start with /") }
        let ca = resolve(key: "ca_file", env: "PHR_CA_FILE", flag: ("--ca-file", caFile), default: nil)?.value
        return Services(phr: try endpoint(.phr), account: try endpoint(.account), healthID: try endpoint(.healthID),
                        healthIDTokenPath: tokenPath, healthIDKeys: keys, caFile: ca)
    }
}

extension Config {
    /// The client account for the Account Center, from config.toml.
    func clientAccount() throws(CLIFailure) -> ClientAccount {
        guard let user = self["account_user"], let hcode = self["hospital_code"], let hash = try secret("account_password_hash") else {
            throw CLIFailure(.usage, "this phr has no client account for the ministry's services: ask whoever gave you phr (your distributor) to install it, see docs/sync.md \"Client account\" (for a sandbox: phr-sandbox demo-config)",
                             th: "phr นี้ยังไม่มีบัญชีเครื่องลูกข่ายสำหรับบริการของกระทรวง กรุณาติดต่อผู้ที่ให้ phr มา (ผู้จัดจำหน่าย) ให้ติดตั้ง ดู docs/sync.md หัวข้อ \"Client account\" (สำหรับ sandbox: phr-sandbox demo-config)")
        }
        return ClientAccount(user: user, passwordHash: hash, hospitalCode: hcode)
    }

    /// `phr`'s client at Health ID (way 3): `healthid_client_id`, `healthid_client_secret_file`.
    func healthIDClient() throws(CLIFailure) -> HealthIDClient {
        guard let id = self["healthid_client_id"] else {
            throw CLIFailure(.usage, "this phr has no Health ID client: ask your distributor to install it, see docs/sync.md \"Client account\" (for a sandbox: phr-sandbox demo-config)",
                             th: "phr นี้ยังไม่มีรหัสลูกข่าย Health ID กรุณาติดต่อผู้จัดจำหน่ายให้ติดตั้ง ดู docs/sync.md หัวข้อ \"Client account\" (สำหรับ sandbox: phr-sandbox demo-config)")
        }
        return HealthIDClient(clientID: id, clientSecret: try secret("healthid_client_secret"))
    }

    /// The unit's client at the PHR service's OAuth2 (way 2): `card_client_id`,
    /// `card_client_secret_file`, `card_redirect_uri`; by default SPEC.md's test client.
    func cardClient() throws(CLIFailure) -> CardClient {
        let spec = CardClient.specTestClient
        return CardClient(clientID: self["card_client_id"] ?? spec.clientID,
                          clientSecret: try secret("card_client_secret") ?? spec.clientSecret,
                          redirectURI: self["card_redirect_uri"] ?? spec.redirectURI)
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

    /// Saves `session`, with the servers the login used, binding the store to its citizen (a
    /// store of another citizen refuses it).
    static func save(_ session: Session, in store: Store, services: Services, event: String) throws(CLIFailure) {
        var session = session
        session.accountServer = services.account.base.absoluteString
        session.healthIDServer = services.healthID.base.absoluteString
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
            throw CLIFailure(.failure, "cannot save the session", th: "บันทึกการเข้าสู่ระบบไม่ได้")
        }
    }

    /// `session`, required to be valid and for this PHR server.
    static func require(_ session: Session?, server: ServerEndpoint) throws(CLIFailure) -> Session {
        guard let session else {
            throw CLIFailure(.notLoggedIn, "not logged in; run `phr login --cid <citizen ID>` first", th: "ยังไม่ได้เข้าสู่ระบบ กรุณา phr login ก่อน")
        }
        guard session.server == server.base.absoluteString else {
            throw CLIFailure(.notLoggedIn, "your session is for \(session.server), not \(server.base.absoluteString); run `phr login` for this server",
                             th: "การเข้าสู่ระบบเป็นของ \(session.server) ไม่ใช่ \(server.base.absoluteString) กรุณา phr login สำหรับเซิร์ฟเวอร์นี้")
        }
        guard session.isValid() else { throw expired(at: session.expiresAt) }
        return session
    }

    /// The one line for a session that has run out (`at`: when, if known).
    static func expired(at: Date?) -> CLIFailure {
        let when = at.map { " at \(Clock.local($0))" } ?? ""
        return CLIFailure(.notLoggedIn, "your session expired\(when); run `phr login` again (nothing synced is lost)",
                          th: "หมดเวลาการเข้าสู่ระบบ กรุณา phr login ใหม่ (ข้อมูลที่ซิงก์แล้วไม่หาย)")
    }
}

extension ServerOptions {
    /// The services (the saved login's servers unless a flag or the environment names others)
    /// and the saved session, which must be valid for the PHR server. An expired session on a
    /// terminal offers to log in again right there (``renew(after:_:config:services:)``).
    func session(in opened: Store, config: Config) async throws -> (Services, Session) {
        let saved = try Sessions.load(opened)
        let services = try services(config: config, session: saved)
        do throws(CLIFailure) {
            return (services, try Sessions.require(saved, server: services.phr))
        } catch {
            guard let saved, saved.server == services.phr.base.absoluteString else { throw error }   // only an expired one
            return (services, try await renew(after: error, opened, config: config, services: services))
        }
    }

    /// Runs `body` with the service and a valid session (``session(in:config:)``); when the
    /// server says the session has run out, a terminal is offered to log in again, and `body`
    /// runs once more with the new session. `body` must be safe to run again (the refused
    /// request changed nothing).
    func withSession<T>(in opened: Store, config: Config, onRetry: @escaping @Sendable (Double, String) -> Void = { _, _ in },
                        _ body: (PHRService, Session) async throws -> T) async throws -> T {
        let (services, session) = try await session(in: opened, config: config)
        do {
            return try await withService(services, onRetry: onRetry) { try await body($0, session) }
        } catch {
            let failure = (error as? CLIFailure) ?? (error as? any CLIFailureConvertible)?.cliFailure
            guard let failure, failure.exit == .notLoggedIn else { throw error }
            let renewed = try await renew(after: failure, opened, config: config, services: services)
            return try await withService(services, onRetry: onRetry) { try await body($0, renewed) }
        }
    }

    /// On a terminal: asks whether to log in again (y/N) and does, as a bare `phr login` would
    /// (an OTP for the store's citizen), saving the new session. Otherwise, or when declined,
    /// `failure` stands (its one line says the next step).
    func renew(after failure: CLIFailure, _ opened: Store, config: Config, services: Services) async throws -> Session {
        guard Terminal.stdinIsTTY, Terminal.stderrIsTTY, let citizen = try opened.owner() else { throw failure }
        let thai = Locale.prefersThai
        let answer = Terminal.ask(thai ? "การเข้าสู่ระบบหมดเวลาแล้ว เข้าสู่ระบบใหม่ตอนนี้เลยไหม? [y/N] " : "Your login has expired. Log in again now? [y/N] ")
        guard let answer, ["y", "yes", "ใช่"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else { throw failure }
        let session = try await withService(services) { service in
            try await LoginCommand.otpLogin(citizen, config: config, service: service)
        }
        try Sessions.save(session, in: opened, services: services, event: "login")
        LoginCommand.sayLoggedIn(session)
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
