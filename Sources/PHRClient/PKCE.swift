import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636), S256 method only.
public struct PKCE: Sendable, Equatable {
    /// The secret the client keeps until the token request (43 base64url characters).
    public let verifier: String
    /// `BASE64URL(SHA256(verifier))`, sent with the authorize request.
    public let challenge: String
    /// Always `S256`; `plain` is never offered.
    public var method: String { "S256" }

    /// A fresh verifier from 32 random bytes.
    public init() {
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = rng.next() }
        self.init(verifier: Base64URL.encode(bytes))
    }

    /// A PKCE pair for a known verifier (tests, RFC vectors).
    public init(verifier: String) {
        self.verifier = verifier
        self.challenge = Base64URL.encode(Array(SHA256.hash(data: Data(verifier.utf8))))
    }
}

/// A random `state` value for the authorize request (RFC 6749 §10.12): 128 bits, base64url.
public func makeOAuthState() -> String {
    var rng = SystemRandomNumberGenerator()
    return Base64URL.encode((0..<16).map { _ in rng.next() as UInt8 })
}

/// Base64url without padding (RFC 4648 §5).
public enum Base64URL {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
