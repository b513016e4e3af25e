import Foundation
import Hummingbird
import NIOCore
import PHRModel
import PHRWire

/// `/oauth2/auth`, `/oauth2/approve`, `/oauth2/token`: the authorization-code flow with
/// `state` and PKCE S256 required (the real service may ignore PKCE; the sandbox does not).
struct OAuthRoutes: Sendable {
    let sandbox: Sandbox

    struct AuthorizeRequest {
        var clientID: String
        var redirectURI: String
        var state: String
        var challenge: String

        /// Validates the query; errors that cannot be sent back to a trusted redirect URI
        /// are shown as a page.
        init(_ q: [String: String]) throws(SandboxError) {
            guard q["response_type"] == "code" else { throw .badRequest("response_type must be code") }
            guard let client = q["client_id"], client == DemoAccount.clientID || client == DemoAccount.specClient.0 else {
                throw .badRequest("unknown client_id")
            }
            guard let redirect = q["redirect_uri"], let url = URL(string: redirect), let scheme = url.scheme,
                  client != DemoAccount.clientID || (scheme == "http" && (url.host == "127.0.0.1" || url.host == "localhost"))
            else { throw .badRequest("redirect_uri must be a loopback http URL for \(DemoAccount.clientID) (RFC 8252)") }
            guard let state = q["state"], state.count >= 8 else { throw .badRequest("state is required (at least 8 characters)") }
            guard q["code_challenge_method"] == "S256", let challenge = q["code_challenge"], challenge.count >= 43 else {
                throw .badRequest("PKCE is required: code_challenge with code_challenge_method=S256")
            }
            clientID = client; redirectURI = redirect; self.state = state; self.challenge = challenge
        }

        var hiddenFields: String {
            [("client_id", clientID), ("redirect_uri", redirectURI), ("state", state), ("code_challenge", challenge),
             ("code_challenge_method", "S256"), ("response_type", "code")]
                .map { "<input type=hidden name=\"\($0.0)\" value=\"\(OAuthRoutes.html($0.1))\">" }.joined()
        }
    }

    /// Shows the consent page, or with `--auto-approve` and `login_hint=<cid>` redirects at once.
    @Sendable func authorize(_ request: Request, context: SandboxContext) async throws -> Response {
        let q = Self.dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        do {
            let auth = try AuthorizeRequest(q)
            if sandbox.options.autoApprove, let hint = q["login_hint"], let cid = try? CitizenID(hint).digits,
               sandbox.state.directory.profile(cid) != nil {
                return await redirect(auth, cid: cid)
            }
            let page = """
                <!doctype html><meta charset=utf-8><title>หมอพร้อม sandbox: consent</title>
                <h1>ยินยอมให้ \(Self.html(auth.clientID)) อ่านข้อมูลสุขภาพ (sandbox)</h1>
                <p>Enter the citizen ID, request an OTP, then read it from <code>/sandbox/outbox?cid=…</code>.</p>
                <form method=post action="/oauth2/approve">\(auth.hiddenFields)
                <label>CID <input name=cid value="\(Self.html(q["login_hint"] ?? ""))"></label>
                <label>OTP <input name=otp></label><button>ยินยอม / Allow</button></form>
                """
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
        } catch {
            return await sandbox.failure(error)
        }
    }

    /// The consent form: checks the citizen's OTP, then redirects with a code.
    @Sendable func approve(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do {
            let form = try await Self.formBody(&request)
            let auth = try AuthorizeRequest(form)
            let cid = try APIRoutes.citizenID(form["cid"])
            try await sandbox.state.checkOTP(cid: cid, otp: form["otp"] ?? "")
            return await redirect(auth, cid: cid)
        } catch {
            return await sandbox.failure(error)
        }
    }

    /// `POST /oauth2/token` (form): code + PKCE verifier → a citizen access token (RS512 JWT).
    @Sendable func token(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do {
            let form = try await Self.formBody(&request)
            guard form["grant_type"] == "authorization_code" else { throw SandboxError.badRequest("unsupported_grant_type") }
            let clientID = form["client_id"] ?? ""
            if clientID == DemoAccount.specClient.0 {
                guard constantTimeEqual(form["client_secret"] ?? "", DemoAccount.specClient.1) else {
                    throw SandboxError.unauthorized("invalid_client")
                }
            }
            let cid = try await sandbox.state.redeemCode(form["code"] ?? "", clientID: clientID,
                                                         redirectURI: form["redirect_uri"] ?? "", verifier: form["code_verifier"] ?? "")
            let now = await sandbox.state.now
            let claims = SandboxClaims(iss: .init(value: APIRoutes.issuer(request, scheme: sandbox.scheme)), sub: .init(value: cid),
                                       aud: .init(value: [clientID]), exp: .init(value: now.addingTimeInterval(APIRoutes.accessTokenLifetime)),
                                       iat: .init(value: now), jti: .init(value: await sandbox.state.tokenID()), role: "citizen")
            let token = try await sandbox.signer.sign(claims)
            let body: [String: Any] = ["access_token": token, "token_type": "Bearer",
                                       "expires_in": Int(APIRoutes.accessTokenLifetime), "otp": "\(cid):\(token)"]
            return Sandbox.json(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
        } catch let e as SandboxError {
            let body = try JSONSerialization.data(withJSONObject: ["error": e.message.split(separator: ":").first.map(String.init) ?? "invalid_request",
                                                                  "error_description": e.message, "MessageCode": e.status, "Message": e.message])
            return Sandbox.json(body, status: .init(code: e.status))
        }
    }

    private func redirect(_ auth: AuthorizeRequest, cid: String) async -> Response {
        let code = await sandbox.state.issueCode(cid: cid, clientID: auth.clientID, redirectURI: auth.redirectURI, challenge: auth.challenge)
        var target = URLComponents(string: auth.redirectURI) ?? URLComponents()
        target.queryItems = (target.queryItems ?? []) + [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: auth.state)]
        return Response(status: .found, headers: [.location: target.string ?? auth.redirectURI, .cacheControl: "no-store"])
    }

    static func formBody(_ request: inout Request) async throws(SandboxError) -> [String: String] {
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: APIRoutes.maxBody) } catch { throw .badRequest("body too large") }
        let text = String(buffer: buffer)
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

/// Sandbox-only endpoints: the demo OTP outbox, the clock, the citizen list.
struct SandboxRoutes: Sendable {
    let sandbox: Sandbox

    /// `GET /sandbox/outbox?cid=…` → `{"cid","otp","expires_at"}`: "reads the citizen's phone".
    @Sendable func outbox(_ request: Request, context: SandboxContext) async throws -> Response {
        guard let cid = request.uri.queryParameters["cid"].flatMap({ try? CitizenID(String($0)).digits }) else {
            return await sandbox.failure(.badRequest("cid is required and must be valid"))
        }
        guard let (otp, expires) = await sandbox.state.outbox(cid: cid) else {
            return Sandbox.json(Data(#"{"cid":"\#(cid)","otp":null}"#.utf8), status: .notFound)
        }
        let body = #"{"cid":"\#(cid)","expires_at":"\#(Envelope.isoMillis(expires))","otp":"\#(otp)"}"#
        return Sandbox.json(Data(body.utf8))
    }

    /// `POST /sandbox/clock {"advance_seconds": N}` → `{"now": …}`.
    @Sendable func clock(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        let body = (try? await APIRoutes.jsonBody(&request)) ?? [:]
        guard let seconds = body["advance_seconds"].flatMap(Double.init), seconds >= 0 else {
            return await sandbox.failure(.badRequest("send {\"advance_seconds\": N} with N ≥ 0"))
        }
        let now = await sandbox.state.advance(seconds: seconds)
        return Sandbox.json(Data(#"{"now":"\#(Envelope.isoMillis(now))"}"#.utf8))
    }

    /// `GET /sandbox/citizens` → the synthetic citizens with their row counts.
    @Sendable func citizens(_ request: Request, context: SandboxContext) async throws -> Response {
        var list: [[String: Any]] = []
        for p in sandbox.state.directory.profiles {
            let rows = await sandbox.state.record(p.cid.digits)?.rowCounts ?? [:]
            list.append(["cid": p.cid.digits, "kind": p.kind.rawValue, "name_th": p.nameTH.display,
                         "name_en": p.nameEN.display, "rows": rows.values.reduce(0, +), "rows_by_action": rows])
        }
        return Sandbox.json(try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys]))
    }
}
