import Foundation
import JWTKit

/// The claims `phr` reads from a Health ID access token. SPEC.md shows only the token's
/// header (`{"typ":"JWT","alg":"RS256"}`); every claim is optional here, and `cid` (the
/// citizen ID) is the claim `phr-sandbox` defines (docs/sandbox.md).
public struct AccessTokenClaims: JWTPayload, Equatable {
    public var iss: IssuerClaim?
    public var aud: AudienceClaim?
    public var sub: SubjectClaim?
    public var exp: ExpirationClaim?
    public var iat: IssuedAtClaim?
    /// The citizen the token is for (13 digits), when the token says.
    public var cid: String?

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp?.verifyNotExpired()
    }

    /// The claims of `token` **without** checking its signature: enough to learn which
    /// citizen and until when, since the PHR service checks every token it is sent.
    public static func unverified(_ token: String) throws(ClientError) -> AccessTokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = TokenVerifier.base64URLDecode(String(parts[1])),
              let claims = try? JSONDecoder().decode(AccessTokenClaims.self, from: payload)
        else { throw .invalidToken("not a JWT") }
        return claims
    }
}

/// Verifies a Health ID access token against a published JWKS with the algorithm pinned.
///
/// Health ID's tokens are RS256 (SPEC.md's example header). Only `RS256` is accepted; `none`,
/// HMAC and every other algorithm are refused before the signature is looked at, so a token
/// cannot choose how it is checked. Used only when a JWKS URL is configured: a client need not
/// verify an access token (the PHR service does), and the ministry publishes no JWKS for it.
public struct TokenVerifier: Sendable {
    public static let pinnedAlgorithm = "RS256"

    public init() {}

    /// Returns the verified claims, or throws ``ClientError/invalidToken(_:)`` naming the problem.
    public func verify(_ token: String, jwks: Data) async throws(ClientError) -> AccessTokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.base64URLDecode(String(parts[0])),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any]
        else { throw .invalidToken("not a JWT") }
        guard header["alg"] as? String == Self.pinnedAlgorithm else {
            throw .invalidToken("algorithm \(String(describing: header["alg"] ?? "none").prefix(20)) is not \(Self.pinnedAlgorithm)")
        }
        let keys = JWTKeyCollection()
        do {
            _ = try await keys.add(jwksJSON: String(decoding: jwks, as: UTF8.self))
        } catch {
            throw .invalidToken("the JWKS cannot be read")
        }
        do {
            return try await keys.verify(token, as: AccessTokenClaims.self)
        } catch let error as JWTError {
            throw .invalidToken(error.errorType == .claimVerificationFailure ? "the token has expired" : "bad signature")
        } catch {
            throw .invalidToken("bad signature")
        }
    }

    static func base64URLDecode(_ s: String) -> Data? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        return Data(base64Encoded: t)
    }
}
