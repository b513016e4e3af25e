import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import PHRModel
import PHRWire

/// The request context: Hummingbird's core context plus the channel (for the `reset` fault).
public struct SandboxContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// A data-shaped fault chosen by ``FaultMiddleware`` for the handler to apply.
    var fault: Fault.Kind?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// How a sandbox is started (`phr-sandbox serve` options).
public struct SandboxOptions: Sendable {
    public var seed: UInt64 = 42
    /// Keys (`*-key.pem`) and saved state (`sandbox.sqlite`).
    public var dataDir: URL
    /// Approve Health ID's `/oauth/redirect` at once for `login_hint=<cid>` (headless tests and demos).
    public var autoApprove = false
    /// Faults applied to a share of all `/api` requests of the PHR API.
    public var faults: [Fault] = []
    /// PEM certificate chain and private key: serve HTTPS instead of HTTP (all three listeners).
    public var tls: (certificate: String, key: String)?
    /// Answer reads without ETag and never with `304`, like the real service.
    public var noETag = false

    public init(dataDir: URL, seed: UInt64 = 42, autoApprove: Bool = false, faults: [Fault] = [],
                tls: (certificate: String, key: String)? = nil, noETag: Bool = false) {
        self.dataDir = dataDir; self.seed = seed; self.autoApprove = autoApprove; self.faults = faults; self.tls = tls
        self.noETag = noETag
    }
}

/// The three services the sandbox stands in for, each on its own listener (its own port), so
/// a call sent to the wrong service fails as it would in production.
public enum SandboxListener: String, Sendable, CaseIterable {
    /// The PHR API and its OAuth2 (`phr1.moph.go.th`), plus the sandbox's `/sandbox/*` tools.
    case phr
    /// The MOPH Account Center (`cvp1.moph.go.th`).
    case account
    /// Health ID (`moph.id.th`).
    case healthID = "healthid"
}

/// The demo client account of the Account Center (documented; sandbox only).
public enum DemoAccount {
    public static let user = "phr-demo"
    public static let passwordHash = "7D1B1C9A3F0E4B5C8A2D6E9F01234567890ABCDEF0123456789ABCDEF0123456"
    public static let hospitalCode = "00017"
    /// Units the demo account may act for: its own and every unit of the synthetic records,
    /// so a clinic at any of them can redeem a consent code (`hospital_code` picks one).
    public static let hospitalCodes: Set<String> = Set([hospitalCode] + Records.units.map(\.0))
    /// Health ID's public client for `phr login --oauth` (PKCE, loopback redirect, no secret).
    public static let clientID = "phr-cli"
    /// The PHR service's way-2 client: the ministry spec's test client (`client-id` / `client-secret`).
    public static let cardClient = (id: "client-id", secret: "client-secret")
}

/// Builds the Hummingbird applications of a sandbox: one per ``SandboxListener``.
public struct Sandbox: Sendable {
    public let state: SandboxState
    /// The Account Center's key (client JWTs, RS512).
    public let accountSigner: TokenSigner
    /// The PHR service's key (way 2's access tokens and consent bearers, RS512); it publishes no JWKS.
    public let phrSigner: TokenSigner
    /// Health ID's key (citizen access tokens, RS256), published at Health ID's `/.well-known/jwks.json`.
    public let healthIDSigner: TokenSigner
    public let options: SandboxOptions
    let faultDice: FaultDice
    let logger: Logger

    public init(options: SandboxOptions, logger: Logger = Logger(label: "phr-sandbox")) async throws {
        self.options = options
        self.state = try SandboxState(directory: CitizenDirectory(seed: options.seed), store: try SandboxStore(directory: options.dataDir))
        self.accountSigner = try await TokenSigner(dataDir: options.dataDir, name: "account", algorithm: .rs512)
        self.phrSigner = try await TokenSigner(dataDir: options.dataDir, name: "phr", algorithm: .rs512)
        self.healthIDSigner = try await TokenSigner(dataDir: options.dataDir, name: "healthid", algorithm: .rs256)
        self.faultDice = FaultDice(seed: options.seed, faults: options.faults)
        self.logger = logger
    }

    /// The routes of one listener (docs/sandbox.md, "Flows").
    public func router(for listener: SandboxListener) -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        router.addMiddleware { RequestLogMiddleware(logger: logger, listener: listener) }
        switch listener {
        case .account:
            router.post("/token", use: APIRoutes(sandbox: self).accountToken)
        case .healthID:
            let healthID = HealthIDRoutes(sandbox: self)
            router.get("/oauth/redirect", use: healthID.authorize)
            router.post("/oauth/approve", use: healthID.approve)
            router.post("/api/v1/token", use: healthID.token)
            router.get("/.well-known/jwks.json") { _, _ in Self.json(healthIDSigner.jwks) }
        case .phr:
            router.addMiddleware { FaultMiddleware(dice: faultDice) }
            let api = APIRoutes(sandbox: self)
            router.post("/api/RequestTokenv1", use: api.requestOTP)
            router.post("/api/GetPHROTP", use: api.phrOTP)
            router.post("/api/WebApp", use: api.webApp)
            router.get("/api/WebApp", use: api.webApp)
            router.post("/api/SelfObservation", use: WriteRoutes(api: api).selfObservation)
            let consent = ConsentRoutes(api: api)
            router.post("/api/ConsentCreate", use: consent.create)
            router.post("/api/ConsentList", use: consent.list)
            router.post("/api/ConsentRevoke", use: consent.revoke)
            router.post("/api/ConsentLog", use: consent.log)
            router.post("/api/ConsentRedeem", use: consent.redeem)
            let oauth = OAuthRoutes(sandbox: self)
            router.get("/oauth2/auth", use: oauth.authorize)
            router.post("/oauth2/token", use: oauth.token)
            let tools = SandboxRoutes(sandbox: self)
            router.get("/sandbox/outbox", use: tools.outbox)
            router.post("/sandbox/clock", use: tools.clock)
            router.get("/sandbox/citizens", use: tools.citizens)
        }
        return router
    }

    /// The application of `listener` on `host:port` (port 0 = kernel's choice), over TLS when
    /// the options carry a certificate; `onRunning` gets the bound port.
    public func application(_ listener: SandboxListener, host: String = "127.0.0.1", port: Int = 0,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        var server: HTTPServerBuilder = .http1()
        if let tls = options.tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            let config = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            server = try HTTPServerBuilder.tls(HTTPServerBuilder.http1(), tlsConfiguration: config)
        }
        return Application(router: router(for: listener), server: server,
                           configuration: .init(address: .hostname(host, port: port), serverName: "phr-sandbox"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
                           logger: logger)
    }

    /// `http` or `https`.
    var scheme: String { options.tls == nil ? "http" : "https" }

    static func json(_ data: Data, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A page for a browser (consent and login pages), never cached.
    static func html(_ page: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    func failure(_ error: SandboxError) async -> Response {
        var extra: [String: Any] = [:]
        var headers: HTTPFields = [:]
        if case .wrongOTP(let left) = error { extra["attempts_left"] = left }
        if case .locked(let after) = error {
            extra["retry_after"] = after
            headers[.retryAfter] = String(after)
        }
        if case .consent(let reason, _, let after) = error {
            extra["consent_refusal"] = reason.rawValue
            if let after {
                extra["retry_after"] = after
                headers[.retryAfter] = String(after)
            }
        }
        let body = Envelope.failure(status: error.status, message: error.message, requestTime: await state.now, extra: extra)
        return Self.json(body, status: .init(code: error.status), headers: headers)
    }
}

/// Decides, per request, which start-option fault (if any) applies; seeded, so reproducible.
final class FaultDice: @unchecked Sendable {
    private var rng: SplitMix64
    private let faults: [Fault]
    private let lock = NSLock()

    init(seed: UInt64, faults: [Fault]) {
        rng = SplitMix64(seed: seed ^ 0xFA17)
        self.faults = faults
    }

    func roll() -> Fault? {
        guard !faults.isEmpty else { return nil }
        lock.lock(); defer { lock.unlock() }
        for f in faults where Double(rng.next() % 1_000_000) / 1_000_000 < f.probability { return f }
        return nil
    }
}
