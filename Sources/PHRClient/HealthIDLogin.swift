import Foundation

/// `phr`'s client registration at Health ID (way 3). The ministry issues client ids and
/// secrets on request (SPEC.md); a secret is optional for a public client using PKCE.
public struct HealthIDClient: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String?

    public init(clientID: String, clientSecret: String?) {
        self.clientID = clientID; self.clientSecret = clientSecret
    }
}

extension PHRService {
    /// Way 3: exchanges the authorization code from Health ID's `/oauth/redirect` at its token
    /// endpoint (``Services/healthIDTokenPath``; form: `grant_type, code, redirect_uri,
    /// client_id[, client_secret], code_verifier`). The answer is SPEC.md's
    /// `{status, data{access_token, token_type, expires_in, account_id}, message, status_code}`.
    public func healthIDToken(code: String, request: OAuthRequest, client: HealthIDClient) async throws(ClientError) -> TokenGrant {
        var form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", request.redirectURI),
                    ("client_id", client.clientID), ("code_verifier", request.pkce.verifier)]
        if let secret = client.clientSecret { form.append(("client_secret", secret)) }
        let reply = try await call("POST", .healthID, services.healthIDTokenPath, headers: Self.formHeaders, body: Self.form(form))
        return try TokenGrant(json: reply.body)
    }

    /// The claims of a Health ID access token: verified against Health ID's JWKS (RS256
    /// pinned) when ``Services/healthIDKeys`` is set, otherwise only decoded — the PHR
    /// service verifies every token it is sent, and no JWKS is published for it.
    public func healthIDClaims(_ token: String) async throws(ClientError) -> AccessTokenClaims {
        guard let keys = services.healthIDKeys else { return try AccessTokenClaims.unverified(token) }
        let reply = try await transport.send("GET", keys, "")
        try Self.interpret(reply, from: .healthID)
        return try await TokenVerifier().verify(token, jwks: reply.body)
    }
}
