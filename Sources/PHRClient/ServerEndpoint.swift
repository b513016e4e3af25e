import Foundation

/// Where the PHR service lives and how to trust it.
///
/// `https` is required, except for loopback hosts (`127.0.0.0/8`, `::1`, `localhost`), which
/// is how `phr-sandbox` runs by default.
public struct ServerEndpoint: Sendable, Equatable {
    /// The service root, e.g. `https://phr1.moph.go.th` or `http://127.0.0.1:8787`.
    public let base: URL
    /// `base` as text, kept so building a request URL does not ask Foundation every time.
    let baseString: String
    /// A PEM file with extra trusted CA certificates (the sandbox's own CA).
    public let caFile: String?

    public init(_ text: String, caFile: String? = nil) throws(ClientError) {
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
        self.caFile = caFile
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
