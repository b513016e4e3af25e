import Crypto
import _CryptoExtras
import Foundation
import JWTKit

/// Claims of the JWTs the sandbox issues: Account Center client tokens (`role`) and citizen
/// access tokens (`sub` = CID, `aud` = client_id). Expiry is checked against the sandbox
/// clock by the caller, not here, so `/sandbox/clock` can expire tokens.
public struct SandboxClaims: JWTPayload, Equatable {
    public var iss: IssuerClaim
    public var sub: SubjectClaim
    public var aud: AudienceClaim
    public var exp: ExpirationClaim
    public var iat: IssuedAtClaim
    public var jti: IDClaim
    /// `MOPH_PHR_HIE` for client tokens, `citizen` for access tokens, `clinic` for a
    /// redeemed consent (then `jti` is the redemption).
    public var role: String
    /// The client account's unit (client tokens only).
    public var hcode: String?

    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Signs and verifies with the sandbox's RSA key (RS512, 2048 bits, created at first start
/// in the data dir as `jwt-key.pem`, mode 0600), and publishes it as a JWKS.
public struct TokenSigner: Sendable {
    public static let kid = "phr-sandbox-1"
    let keys: JWTKeyCollection
    /// `{"keys":[{kty, kid, use, alg, n, e}]}`.
    public let jwks: Data

    /// Loads `dataDir/jwt-key.pem`, or creates it.
    public init(dataDir: URL) async throws {
        let file = dataDir.appendingPathComponent("jwt-key.pem")
        let privateKey: _RSA.Signing.PrivateKey
        if let pem = try? String(contentsOf: file, encoding: .utf8) {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } else {
            privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let created = FileManager.default.createFile(atPath: file.path, contents: Data(privateKey.pemRepresentation.utf8),
                                                         attributes: [.posixPermissions: 0o600])
            guard created else { throw CocoaError(.fileWriteNoPermission) }
        }
        let key = try Insecure.RSA.PrivateKey(backing: privateKey)
        keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: .sha512, kid: JWKIdentifier(string: Self.kid))
        let (n, e) = try key.publicKey.getKeyPrimitives()
        let jwk: [String: Any] = ["kty": "RSA", "kid": Self.kid, "use": "sig", "alg": "RS512",
                                  "n": Self.base64URL(n), "e": Self.base64URL(e)]
        jwks = try JSONSerialization.data(withJSONObject: ["keys": [jwk]], options: [.sortedKeys])
    }

    public func sign(_ claims: SandboxClaims) async throws -> String {
        try await keys.sign(claims, kid: JWKIdentifier(string: Self.kid))
    }

    /// The claims of a token this sandbox signed, or nil (bad signature, not a JWT, other alg).
    public func verify(_ token: String) async -> SandboxClaims? {
        try? await keys.verify(token, as: SandboxClaims.self)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

enum PKCECheck {
    /// `BASE64URL(SHA256(verifier))`.
    static func challenge(for verifier: String) -> String {
        TokenSigner.base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }
}
