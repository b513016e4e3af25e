import Foundation

/// A health unit's client at the PHR service's OAuth2 (way 2, SPEC.md appendix ข): a
/// confidential client with a secret. The ministry's test client is `client-id` /
/// `client-secret` until registration opens.
public struct CardClient: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    /// The redirect URI registered for the client. `phr` reads the code from the `302` itself,
    /// so nothing needs to listen there.
    public var redirectURI: String

    public init(clientID: String, clientSecret: String, redirectURI: String) {
        self.clientID = clientID; self.clientSecret = clientSecret; self.redirectURI = redirectURI
    }

    /// SPEC.md's test client and its example redirect URI.
    public static let specTestClient = CardClient(clientID: "client-id", clientSecret: "client-secret",
                                                  redirectURI: "http://127.0.0.1:8080")
}

extension PHRService {
    /// The header in which `phr`, acting as the unit's card agent, presents the citizen ID it
    /// read from the inserted card to `/oauth2/auth` (defined by `phr-sandbox`; at a real unit
    /// the ministry's SmartCard Agent does this part, docs/kiosk.md).
    public static let cardAgentHeader = "X-Card-Agent-CID"

    /// Way 2: the citizen's OTP from the card alone, **without their phone**.
    ///
    /// `GET /oauth2/auth` as the card agent → the `302`'s `code` (state checked) →
    /// `POST /oauth2/token` (form, the unit's client and secret) → `{access_token, otp}` →
    /// `POST /api/GetPHROTP {cid, access_token}` with the Account Center JWT → the OTP for
    /// `{cid, otp}` reads. Any refusal on the way is ``ClientError/cardLoginRefused(_:)``,
    /// so the caller can offer the phone OTP instead; network failures stay what they are.
    public func cardOTP(cid: String, client: CardClient, clientToken: String) async throws(ClientError) -> String {
        let request = OAuthRequest(clientID: client.clientID, redirectURI: client.redirectURI,
                                   authorizePath: OAuthRequest.cardAuthorizePath)
        let authorized = try await transport.send("GET", services.phr, request.authorizePath, query: request.authorizeQuery(),
                                                  headers: [(Self.cardAgentHeader, cid)])
        guard (300..<400).contains(authorized.status), let location = authorized.header("Location") else {
            try Self.refusedCardStep(authorized, "the card agent did not approve")
            throw .cardLoginRefused("the PHR service did not approve the card: it asked for its SmartCard Agent (EHPClientAgent)")
        }
        let code: String
        do { code = try AuthorizationResponse(redirect: location).code(expectingState: request.state) } catch {
            throw .cardLoginRefused(Self.reason(error))
        }

        let form = [("client_id", client.clientID), ("client_secret", client.clientSecret), ("grant_type", "authorization_code"),
                    ("code", code), ("redirect_uri", client.redirectURI), ("state", request.state),
                    ("code_verifier", request.pkce.verifier)]
        let exchanged = try await transport.send("POST", services.phr, "/oauth2/token", headers: Self.formHeaders, body: Self.form(form),
                                                 idempotent: false)   // the code is single-use
        try Self.refusedCardStep(exchanged, "the unit's client was not accepted")
        let grant: TokenGrant
        do { grant = try TokenGrant(json: exchanged.body) } catch { throw .cardLoginRefused(Self.reason(error)) }
        // SPEC: `otp` is `cid:access_token`, and GetPHROTP takes those two parts (its example
        // sends the `b…` half, not the reply's `access_token`); without `otp`, the access token.
        var accessToken = grant.accessToken
        if let otp = grant.otp {
            let parts = otp.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.first == cid else { throw .wrongCitizen }
            if parts.count == 2, !parts[1].isEmpty { accessToken = parts[1] }
        }
        do {
            return try await phrOTP(cid: cid, accessToken: accessToken, clientToken: clientToken)
        } catch {
            switch error {
            // A lockout, or a citizen the service does not know (404): the phone OTP would fail
            // the same way, so the caller must see them as they are.
            case .unreachable, .gaveUp, .responseTooLarge, .noSuchEndpoint, .lockedOut, .refused(status: 404, _, _): throw error
            default: throw .cardLoginRefused("GetPHROTP gave no OTP (\(Self.reason(error)))")
            }
        }
    }

    /// Throws ``ClientError/cardLoginRefused(_:)`` for a 4xx (or a 2xx whose envelope says
    /// otherwise), ``ClientError/noSuchEndpoint(_:url:)`` for a bare 404, and the 404 of a
    /// citizen the service does not know as it is.
    static func refusedCardStep(_ reply: HTTPReply, _ what: String) throws(ClientError) {
        do { try interpret(reply, from: .phr) } catch {
            switch error {
            // No such path, or no such citizen (404 with an envelope): not a refusal of the card.
            case .noSuchEndpoint, .refused(status: 404, _, _): throw error
            default: throw .cardLoginRefused("\(what) (\(reason(error)))")
            }
        }
    }

    /// The server's own words for a refusal, for ``ClientError/cardLoginRefused(_:)``.
    static func reason(_ error: ClientError) -> String {
        switch error {
        case .refused(let status, _, let message): return "\(status): \(message.prefix(120))"
        case .unsuccessful(let code, let message): return "\(code): \(message.prefix(120))"
        case .authorizationFailed(let why), .malformedResponse(let why), .cardLoginRefused(let why): return why
        case .sessionExpired: return "401: not accepted"
        case .wrongCitizen: return "the token is for another citizen"
        default: return "\(error)".prefix(120).description
        }
    }
}
