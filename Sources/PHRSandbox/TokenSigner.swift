import Crypto
import _CryptoExtras
import Foundation
import JWTKit

/// Claims of the JWTs the Account Center and the PHR service of the sandbox issue: client
/// tokens (`role` `MOPH_PHR_HIE`, `hcode`), way 2's card access tokens (`role` `card`, `sub` =
/// CID) and consent bearers (`role` `clinic`). Expiry is checked against the sandbox clock by
/// the caller, not here, so `/sandbox/clock` can expire tokens.
public struct SandboxClaims: JWTPayload, Equatable {
    public var iss: IssuerClaim
    public var sub: SubjectClaim
    public var aud: AudienceClaim
    public var exp: ExpirationClaim
    public var iat: IssuedAtClaim
    public var jti: IDClaim
    /// `MOPH_PHR_HIE` for client tokens, `card` for way 2's access tokens, `clinic` for a
    /// redeemed consent (then `jti` is the redemption).
    public var role: String
    /// The client account's unit (client tokens only).
    public var hcode: String?

    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Claims of the access tokens the sandbox's Health ID issues (RS256, as SPEC.md's example
/// header). SPEC.md shows no claims; these are defined here (docs/sandbox.md): `sub` is the
/// Health ID account, `cid` the citizen the PHR service checks a read against.
public struct HealthIDClaims: JWTPayload, Equatable {
    public var iss: IssuerClaim
    public var sub: SubjectClaim
    public var aud: AudienceClaim
    public var exp: ExpirationClaim
    public var iat: IssuedAtClaim
    public var jti: IDClaim
    public var cid: String

    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Signs and verifies with one of the sandbox's RSA keys (2048 bits, created at first start in
/// the data dir as `<name>-key.pem`, mode 0600), and publishes it as a JWKS. Each service has
/// its own key, as each real one has: the Account Center (RS512; its algorithm is silent in
/// SPEC.md), the PHR service (RS512, its own tokens) and Health ID (RS256, SPEC.md's example).
public struct TokenSigner: Sendable {
    /// The JWS algorithms the sandbox signs with.
    public enum Algorithm: String, Sendable {
        case rs256 = "RS256", rs512 = "RS512"
    }

    public let kid: String
    public let algorithm: Algorithm
    let keys: JWTKeyCollection
    /// `{"keys":[{kty, kid, use, alg, n, e}]}`.
    public let jwks: Data

    /// Loads `dataDir/<name>-key.pem`, or creates it.
    public init(dataDir: URL, name: String, algorithm: Algorithm) async throws {
        let file = dataDir.appendingPathComponent("\(name)-key.pem")
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
        self.kid = "phr-sandbox-" + name
        self.algorithm = algorithm
        let key = try Insecure.RSA.PrivateKey(backing: privateKey)
        keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: algorithm == .rs256 ? .sha256 : .sha512, kid: JWKIdentifier(string: kid))
        let (n, e) = try key.publicKey.getKeyPrimitives()
        let jwk: [String: Any] = ["kty": "RSA", "kid": kid, "use": "sig", "alg": algorithm.rawValue,
                                  "n": Self.base64URL(n), "e": Self.base64URL(e)]
        jwks = try JSONSerialization.data(withJSONObject: ["keys": [jwk]], options: [.sortedKeys])
    }

    public func sign(_ claims: some JWTPayload) async throws -> String {
        try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    /// The claims of a token this key signed, or nil (bad signature, not a JWT, other alg or key).
    public func verify<Claims: JWTPayload>(_ token: String, as type: Claims.Type = SandboxClaims.self) async -> Claims? {
        try? await keys.verify(token, as: Claims.self)
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
