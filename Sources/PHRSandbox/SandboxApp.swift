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
    public var dataDir: URL
    /// Approve `/oauth2/auth` at once for `login_hint=<cid>` (headless tests and demos).
    public var autoApprove = false
    /// Faults applied to a share of all `/api` requests.
    public var faults: [Fault] = []
    /// PEM certificate chain and private key: serve HTTPS instead of HTTP.
    public var tls: (certificate: String, key: String)?

    public init(dataDir: URL, seed: UInt64 = 42, autoApprove: Bool = false, faults: [Fault] = [],
                tls: (certificate: String, key: String)? = nil) {
        self.dataDir = dataDir; self.seed = seed; self.autoApprove = autoApprove; self.faults = faults; self.tls = tls
    }
}

/// The demo client account of the Account Center (documented; sandbox only).
public enum DemoAccount {
    public static let user = "phr-demo"
    public static let passwordHash = "7D1B1C9A3F0E4B5C8A2D6E9F01234567890ABCDEF0123456789ABCDEF0123456"
    public static let hospitalCode = "00017"
    /// Units the demo account may act for: its own and every unit of the synthetic records,
    /// so a clinic at any of them can redeem a consent code (`hospital_code` picks one).
    public static let hospitalCodes: Set<String> = Set([hospitalCode] + Records.units.map(\.0))
    /// Public OAuth client for `phr login --oauth` (PKCE, loopback redirect, no secret).
    public static let clientID = "phr-cli"
    /// The ministry spec's test client (`client-id` / `client-secret`).
    public static let specClient = ("client-id", "client-secret")
}

/// Builds the Hummingbird application for a sandbox.
public struct Sandbox: Sendable {
    public let state: SandboxState
    public let signer: TokenSigner
    public let options: SandboxOptions
    let faultDice: FaultDice
    let logger: Logger

    public init(options: SandboxOptions, logger: Logger = Logger(label: "phr-sandbox")) async throws {
        self.options = options
        self.state = SandboxState(directory: CitizenDirectory(seed: options.seed))
        self.signer = try await TokenSigner(dataDir: options.dataDir)
        self.faultDice = FaultDice(seed: options.seed, faults: options.faults)
        self.logger = logger
    }

    /// The router with every endpoint (docs/sandbox.md).
    public func router() -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        router.addMiddleware { RequestLogMiddleware(logger: logger) }
        router.addMiddleware { FaultMiddleware(dice: faultDice) }
        let api = APIRoutes(sandbox: self)
        router.post("/token", use: api.accountToken)
        router.post("/api/RequestTokenv1", use: api.requestOTP)
        router.post("/api/GetPHROTP", use: api.phrOTP)
        router.post("/api/WebApp", use: api.webApp)
        let consent = ConsentRoutes(api: api)
        router.post("/api/ConsentCreate", use: consent.create)
        router.post("/api/ConsentList", use: consent.list)
        router.post("/api/ConsentRevoke", use: consent.revoke)
        router.post("/api/ConsentLog", use: consent.log)
        router.post("/api/ConsentRedeem", use: consent.redeem)
        router.get("/api/WebApp", use: api.webApp)
        let oauth = OAuthRoutes(sandbox: self)
        router.get("/oauth2/auth", use: oauth.authorize)
        router.post("/oauth2/approve", use: oauth.approve)
        router.post("/oauth2/token", use: oauth.token)
        router.get("/.well-known/jwks.json") { _, _ in Self.json(signer.jwks) }
        let tools = SandboxRoutes(sandbox: self)
        router.get("/sandbox/outbox", use: tools.outbox)
        router.post("/sandbox/clock", use: tools.clock)
        router.get("/sandbox/citizens", use: tools.citizens)
        return router
    }

    /// An application listening on `host:port` (port 0 = kernel's choice), over TLS when the
    /// options carry a certificate; `onRunning` gets the bound port.
    public func application(host: String = "127.0.0.1", port: Int = 0,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        var server: HTTPServerBuilder = .http1()
        if let tls = options.tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            let config = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            server = try HTTPServerBuilder.tls(HTTPServerBuilder.http1(), tlsConfiguration: config)
        }
        return Application(router: router(), server: server,
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
