import Foundation

/// Where one MOPH service lives.
///
/// `https` is required, except for loopback hosts (`127.0.0.0/8`, `::1`, `localhost`), which
/// is how `phr-sandbox` runs by default.
public struct ServerEndpoint: Sendable, Equatable {
    /// The service root, e.g. `https://phr1.moph.go.th` or `http://127.0.0.1:8787`.
    public let base: URL
    /// `base` as text, kept so building a request URL does not ask Foundation every time.
    let baseString: String

    public init(_ text: String) throws(ClientError) {
        var t = text.trimmingCharacters(in: .whitespaces)
        while t.hasSuffix("/") { t.removeLast() }
        guard let url = URL(string: t), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { throw .badServerURL(text, reason: "not an absolute URL") }
        guard scheme == "https" || (scheme == "http" && ServerEndpoint.isLoopback(host)) else {
            throw .badServerURL(text, reason: "https is required except for a loopback sandbox")
        }
        guard url.query == nil, url.fragment == nil else { throw .badServerURL(text, reason: "no query or fragment allowed") }
        self.base = url
        self.baseString = url.absoluteString
    }

    /// `host:port` of `base`, for messages (which of the services could not be reached).
    public var hostAndPort: String {
        (base.host ?? baseString) + (base.port.map { ":\($0)" } ?? "")
    }

    /// Whether `host` names this machine's loopback interface.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `base` + `path` (which starts with `/`) + an optional query.
    public func url(_ path: String, query: [(String, String)] = []) -> String {
        var s = baseString + path
        if !query.isEmpty {
            s += "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        return s
    }

    /// Percent-encodes everything but RFC 3986 unreserved ASCII (letters, digits, `-._~`).
    static func escape(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            default:
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The three MOPH services `phr` speaks to. They are different hosts in production, and
/// `phr` never assumes two of them share one (phr-api.md §7).
public enum Service: String, Sendable, CaseIterable {
    /// The PHR API and its OAuth2 (way 2): `phr1.moph.go.th`.
    case phr
    /// The MOPH Account Center, which issues the client's JWT: `cvp1.moph.go.th`.
    case account
    /// Health ID (หมอพร้อม ID), the citizen's OAuth 2.0 login (way 3): `moph.id.th`.
    case healthID

    /// The production root of the service.
    public var productionURL: String {
        switch self {
        case .phr: return "https://phr1.moph.go.th"
        case .account: return "https://cvp1.moph.go.th"
        case .healthID: return "https://moph.id.th"
        }
    }

    /// The service's name in messages.
    public var displayName: String {
        switch self {
        case .phr: return "PHR API"
        case .account: return "Account Center"
        case .healthID: return "Health ID"
        }
    }
}

/// Where each MOPH service is, and how to trust them.
public struct Services: Sendable, Equatable {
    /// The PHR API and its `/oauth2` (ways 1 and 2, reads, consent codes).
    public var phr: ServerEndpoint
    /// The Account Center (`/token?Action=get_moph_access_token`).
    public var account: ServerEndpoint
    /// Health ID (`/oauth/redirect`, its token endpoint, optionally a JWKS).
    public var healthID: ServerEndpoint
    /// Health ID's code-exchange path. SPEC.md does not give it; public clients call
    /// `POST /api/v1/token`, which is the default and what `phr-sandbox` serves.
    public var healthIDTokenPath: String
    /// Where Health ID's signing keys are published, when known: then `phr` verifies the
    /// access token's signature itself. Never required (the PHR service checks tokens).
    public var healthIDKeys: ServerEndpoint?
    /// A PEM file with extra trusted CA certificates (e.g. a sandbox's own CA), for all three.
    public var caFile: String?

    public static let defaultHealthIDTokenPath = "/api/v1/token"

    public init(phr: ServerEndpoint, account: ServerEndpoint, healthID: ServerEndpoint,
                healthIDTokenPath: String = Services.defaultHealthIDTokenPath, healthIDKeys: ServerEndpoint? = nil,
                caFile: String? = nil) {
        self.phr = phr; self.account = account; self.healthID = healthID
        self.healthIDTokenPath = healthIDTokenPath; self.healthIDKeys = healthIDKeys; self.caFile = caFile
    }

    /// The endpoint of `service`.
    public subscript(_ service: Service) -> ServerEndpoint {
        switch service {
        case .phr: return phr
        case .account: return account
        case .healthID: return healthID
        }
    }
}
