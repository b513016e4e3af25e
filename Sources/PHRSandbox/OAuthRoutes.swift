import Foundation
import Hummingbird
import NIOCore
import PHRModel
import PHRWire

/// An OAuth 2.0 authorize request (RFC 6749 §4.1.1) as one of the sandbox's two authorization
/// servers accepts it: the PHR service's `/oauth2/auth` (way 2) or Health ID's
/// `/oauth/redirect` (way 3).
struct AuthorizeRequest {
    var clientID: String
    var redirectURI: String
    var state: String?
    /// PKCE S256 challenge, when sent (then the token request must carry its verifier).
    var challenge: String?

    /// Validates the query. Way 2 (SPEC.md appendix ข): the unit's confidential client
    /// (`client-id`), any absolute redirect URI, `state` required, PKCE optional. Way 3: the
    /// public client `phr-cli`, a loopback redirect URI (RFC 8252) and PKCE S256 required,
    /// `state` optional (as Health ID's own documentation has it).
    init(_ q: [String: String], flow: SandboxState.Flow) throws(SandboxError) {
        guard q["response_type"] == "code" else { throw .badRequest("response_type must be code") }
        let expected = flow == .card ? DemoAccount.cardClient.id : DemoAccount.clientID
        guard let client = q["client_id"], client == expected else { throw .badRequest("unknown client_id") }
        guard let redirect = q["redirect_uri"], let url = URL(string: redirect), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw .badRequest("redirect_uri must be an absolute http(s) URL")
        }
        if let challenge = q["code_challenge"] {
            guard q["code_challenge_method"] == "S256", challenge.count >= 43 else {
                throw .badRequest("PKCE: code_challenge_method must be S256 with a 43-character challenge")
            }
        }
        switch flow {
        case .card:
            guard let state = q["state"], state.count >= 8 else { throw .badRequest("state is required (at least 8 characters)") }
        case .healthID:
            guard scheme == "http", url.host == "127.0.0.1" || url.host == "localhost" else {
                throw .badRequest("redirect_uri must be a loopback http URL for \(DemoAccount.clientID) (RFC 8252)")
            }
            guard q["code_challenge"] != nil else {
                throw .badRequest("PKCE is required for \(DemoAccount.clientID): code_challenge with code_challenge_method=S256")
            }
        }
        clientID = client; redirectURI = redirect; state = q["state"]; challenge = q["code_challenge"]
    }

    /// The request again, as hidden fields of a login form.
    var hiddenFields: String {
        var fields = [("client_id", clientID), ("redirect_uri", redirectURI), ("response_type", "code")]
        if let state { fields.append(("state", state)) }
        if let challenge { fields += [("code_challenge", challenge), ("code_challenge_method", "S256")] }
        return fields.map { "<input type=hidden name=\"\($0.0)\" value=\"\(OAuthRoutes.html($0.1))\">" }.joined()
    }

    /// `302` to the redirect URI with a fresh code for `cid` (and `state`, when sent).
    func approve(_ flow: SandboxState.Flow, cid: String, state: SandboxState) async -> Response {
        let code = await state.issueCode(flow, cid: cid, clientID: clientID, redirectURI: redirectURI, challenge: challenge,
                                         state: self.state)
        var target = URLComponents(string: redirectURI) ?? URLComponents()
        var items = (target.queryItems ?? []) + [URLQueryItem(name: "code", value: code)]
        if let s = self.state { items.append(URLQueryItem(name: "state", value: s)) }
        target.queryItems = items
        return Response(status: .found, headers: [.location: target.string ?? redirectURI, .cacheControl: "no-store"])
    }
}

/// The PHR service's OAuth2 for way 2 (SPEC.md appendix ข): `/oauth2/auth`, where the unit's
/// SmartCard Agent vouches for the inserted card, and `/oauth2/token`, which answers
/// `{"access_token","otp":"<cid>:<access_token>"}` for GetPHROTP.
///
/// The sandbox plays the agent's part: an authorize request carrying the header
/// `X-Card-Agent-CID: <cid of a sandbox citizen>` (sent by `phr`, which reads the card
/// itself) is approved at once with a `302`; without it the answer is the page a browser
/// shows when no agent is running (docs/sandbox.md, docs/kiosk.md).
struct OAuthRoutes: Sendable {
    /// The card agent's header, lower-cased (HTTP field names are case-insensitive).
    static let cardAgentHeader = "x-card-agent-cid"
    /// Way 2's access token only serves GetPHROTP: it lives 10 minutes (defined here).
    static let cardTokenLifetime: TimeInterval = 600
    let sandbox: Sandbox

    /// `GET /oauth2/auth`: approved when the card agent presents a sandbox citizen's card.
    @Sendable func authorize(_ request: Request, context: SandboxContext) async throws -> Response {
        let q = Self.dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        do throws(SandboxError) {
            let auth = try AuthorizeRequest(q, flow: .card)
            guard let presented = request.headers.first(where: { $0.name.canonicalName == Self.cardAgentHeader })?.value else {
                let page = """
                    <!doctype html><meta charset=utf-8><title>MOPH PHR sandbox: smart card</title>
                    <h1>กรุณาเสียบบัตรประชาชนและเปิดโปรแกรม SmartCard Agent</h1>
                    <p>Insert the citizen's ID card and start the SmartCard Agent. (Sandbox: the agent is \
                    played by the client, which sends the card's CID in the <code>X-Card-Agent-CID</code> header.)</p>
                    """
                return Sandbox.html(page)
            }
            let cid = try APIRoutes.citizenID(presented)
            guard sandbox.state.directory.profile(cid) != nil else { throw .notFound("no citizen with this card in the sandbox") }
            return await auth.approve(.card, cid: cid, state: sandbox.state)
        } catch {
            return await sandbox.failure(error)
        }
    }

    /// `POST /oauth2/token` (form: `client_id, client_secret, grant_type, code, redirect_uri,
    /// state`, and `code_verifier` when the authorize request had a PKCE challenge).
    @Sendable func token(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do throws(SandboxError) {
            let form = try await Self.formBody(&request)
            guard form["grant_type"] == "authorization_code" else { throw .badRequest("unsupported_grant_type") }
            guard form["client_id"] == DemoAccount.cardClient.id,
                  constantTimeEqual(form["client_secret"] ?? "", DemoAccount.cardClient.secret) else {
                throw .unauthorized("invalid_client")
            }
            let cid = try await sandbox.state.redeemCode(form["code"] ?? "", flow: .card, clientID: DemoAccount.cardClient.id,
                                                         redirectURI: form["redirect_uri"] ?? "", verifier: form["code_verifier"],
                                                         state: form["state"])
            let now = await sandbox.state.now
            let claims = SandboxClaims(iss: .init(value: APIRoutes.issuer(request, scheme: sandbox.scheme)), sub: .init(value: cid),
                                       aud: .init(value: [DemoAccount.cardClient.id]),
                                       exp: .init(value: now.addingTimeInterval(Self.cardTokenLifetime)),
                                       iat: .init(value: now), jti: .init(value: await sandbox.state.tokenID()), role: APIRoutes.cardRole)
            let token: String
            do { token = try await sandbox.phrSigner.sign(claims) } catch { throw .storage("cannot sign the token") }
            return Sandbox.json(try Self.jsonData(["access_token": token, "otp": "\(cid):\(token)"]))
        } catch {
            return Self.tokenFailure(error)
        }
    }

    /// An OAuth error reply (RFC 6749 §5.2) that also carries the envelope's `MessageCode`/`Message`.
    static func tokenFailure(_ e: SandboxError) -> Response {
        let code = e.message.split(separator: ":").first.map(String.init) ?? "invalid_request"
        let body = (try? jsonData(["error": code, "error_description": e.message, "MessageCode": e.status, "Message": e.message])) ?? Data()
        return Sandbox.json(body, status: .init(code: e.status))
    }

    static func jsonData(_ object: [String: Any]) throws(SandboxError) -> Data {
        do { return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) } catch {
            throw .badRequest("cannot encode the answer")
        }
    }

    /// A form (`application/x-www-form-urlencoded`) or JSON object body, as a dictionary of
    /// strings: public clients send Health ID's token request either way.
    static func formBody(_ request: inout Request) async throws(SandboxError) -> [String: String] {
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: APIRoutes.maxBody) } catch { throw .badRequest("body too large") }
        let text = String(buffer: buffer)
        if text.hasPrefix("{") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw .badRequest("body is not a JSON object")
            }
            return object.compactMapValues { ($0 as? String) ?? ($0 as? NSNumber)?.stringValue }
        }
        return dictionary(text.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        })
    }

    static func dictionary(_ pairs: [(String, String)]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in pairs where out[k] == nil { out[k] = v }
        return out
    }

    static func html(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
