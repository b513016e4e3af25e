import Foundation
import JWTKit

/// The claims `phr` requires in a PHR access token.
public struct AccessTokenClaims: JWTPayload, Equatable {
    public var iss: IssuerClaim
    public var aud: AudienceClaim
    /// The citizen ID the token is for.
    public var sub: SubjectClaim
    public var exp: ExpirationClaim
    public var iat: IssuedAtClaim?

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// Verifies an access token against the server's JWKS with the algorithm pinned.
///
/// Only `RS512` is accepted (the sandbox signs with a 2048-bit-or-larger RSA key); `none`,
/// HMAC and any other algorithm are refused before the signature is even looked at, so a
/// token cannot choose how it is checked.
public struct TokenVerifier: Sendable {
    public static let pinnedAlgorithm = "RS512"
    public var issuer: String
    public var audience: String

    public init(issuer: String, audience: String) {
        self.issuer = issuer
        self.audience = audience
    }

    /// Returns the verified claims, or throws ``ClientError/invalidToken(_:)`` naming the problem.
    public func verify(_ token: String, jwks: Data) async throws(ClientError) -> AccessTokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.base64URLDecode(String(parts[0])),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any]
        else { throw .invalidToken("not a JWT") }
        guard header["alg"] as? String == Self.pinnedAlgorithm else {
            throw .invalidToken("algorithm \(String(describing: header["alg"] ?? "none")) is not \(Self.pinnedAlgorithm)")
        }
        let keys = JWTKeyCollection()
        do {
            _ = try await keys.add(jwksJSON: String(decoding: jwks, as: UTF8.self))
        } catch {
            throw .invalidToken("the server's JWKS cannot be read")
        }
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch let error as JWTError {
            throw .invalidToken(error.errorType == .claimVerificationFailure ? "the token has expired" : "bad signature or claims")
        } catch {
            throw .invalidToken("bad signature")
        }
        guard claims.iss.value == issuer else { throw .invalidToken("issuer \(claims.iss.value.prefix(80)) is not \(issuer)") }
        guard claims.aud.value.contains(audience) else { throw .invalidToken("the token is not for this client (\(audience))") }
        return claims
    }

    static func base64URLDecode(_ s: String) -> Data? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        return Data(base64Encoded: t)
    }
}
