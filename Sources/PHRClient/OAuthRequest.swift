/// One OAuth 2.0 authorization-code attempt (RFC 6749 §4.1) with PKCE S256 and a fresh
/// `state`, for a loopback or pasted redirect (RFC 8252).
///
/// ```swift
/// let request = OAuthRequest(clientID: "phr-cli", redirectURI: receiver.redirectURI)
/// print(request.authorizeURL(on: endpoint))           // the citizen opens it and consents
/// let code = try response.code(expectingState: request.state)
/// let grant = try await service.exchangeCode(code, redirectURI: request.redirectURI,
///                                            verifier: request.pkce.verifier, …)
/// ```
public struct OAuthRequest: Sendable {
    public let clientID: String
    public let redirectURI: String
    public let scope: String
    /// 128 random bits; the redirect must carry it back unchanged.
    public let state: String
    public let pkce: PKCE
    /// The authorize path on the server (`/oauth2/auth` on the PHR service and the sandbox).
    public let authorizePath: String

    public init(clientID: String, redirectURI: String, scope: String = "read",
                authorizePath: String = "/oauth2/auth", state: String = makeOAuthState(), pkce: PKCE = PKCE()) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scope = scope
        self.authorizePath = authorizePath
        self.state = state
        self.pkce = pkce
    }

    /// The URL the citizen opens. `loginHint` pre-fills the citizen ID on the consent page.
    public func authorizeURL(on endpoint: ServerEndpoint, loginHint: String? = nil) -> String {
        var query = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI),
                     ("scope", scope), ("state", state),
                     ("code_challenge", pkce.challenge), ("code_challenge_method", pkce.method)]
        if let loginHint { query.append(("login_hint", loginHint)) }
        return endpoint.url(authorizePath, query: query)
    }
}
