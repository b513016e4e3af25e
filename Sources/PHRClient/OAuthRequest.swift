/// One OAuth 2.0 authorization-code attempt (RFC 6749 §4.1) with PKCE S256 and a fresh
/// `state`, for a loopback or pasted redirect (RFC 8252).
///
/// ```swift
/// let request = OAuthRequest(clientID: "phr-cli", redirectURI: receiver.redirectURI)
/// print(request.authorizeURL(on: services.healthID))  // the citizen opens it and logs in
/// let code = try await receiver.wait(timeout: 300, expectingState: request.state)
/// let grant = try await service.healthIDToken(code: code, request: request, client: client)
/// ```
public struct OAuthRequest: Sendable {
    public let clientID: String
    public let redirectURI: String
    public let scope: String
    /// 128 random bits; the redirect must carry it back unchanged.
    public let state: String
    public let pkce: PKCE
    /// The authorize path: Health ID's `/oauth/redirect` (way 3) or the PHR service's
    /// `/oauth2/auth` (way 2, ``cardAuthorizePath``).
    public let authorizePath: String

    /// Health ID's authorize path (SPEC.md, way 3).
    public static let healthIDAuthorizePath = "/oauth/redirect"
    /// The PHR service's OAuth2 authorize path (SPEC.md appendix ข, way 2).
    public static let cardAuthorizePath = "/oauth2/auth"

    public init(clientID: String, redirectURI: String, scope: String = "read",
                authorizePath: String = OAuthRequest.healthIDAuthorizePath, state: String = makeOAuthState(), pkce: PKCE = PKCE()) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scope = scope
        self.authorizePath = authorizePath
        self.state = state
        self.pkce = pkce
    }

    /// The authorize request's query: SPEC's `response_type, client_id, redirect_uri, scope,
    /// state`, plus PKCE S256 (harmless to a server that ignores it). `loginHint` pre-fills
    /// the citizen ID on a login page.
    public func authorizeQuery(loginHint: String? = nil) -> [(String, String)] {
        var query = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI),
                     ("scope", scope), ("state", state),
                     ("code_challenge", pkce.challenge), ("code_challenge_method", pkce.method)]
        if let loginHint { query.append(("login_hint", loginHint)) }
        return query
    }

    /// The URL the citizen opens.
    public func authorizeURL(on endpoint: ServerEndpoint, loginHint: String? = nil) -> String {
        endpoint.url(authorizePath, query: authorizeQuery(loginHint: loginHint))
    }
}
