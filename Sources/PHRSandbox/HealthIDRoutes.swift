import Foundation
import Hummingbird
import NIOCore
import PHRModel
import PHRWire

/// The sandbox's Health ID (หมอพร้อม ID, `moph.id.th`), way 3 of SPEC.md: the citizen logs in at
/// `/oauth/redirect`, the client exchanges the code at `/api/v1/token` (the path public clients
/// call; SPEC.md does not give it) for an RS256 access token in SPEC's reply shape, and reads
/// the PHR with it as a bearer.
///
/// Login (defined here; the real one is the หมอพร้อม app or a password): the citizen ID and the
/// birth date (CE, `YYYY-MM-DD`, as `phr-sandbox citizens --json` lists it); with
/// `serve --auto-approve`, a `login_hint` naming a sandbox citizen is enough.
struct HealthIDRoutes: Sendable {
    /// Health ID's example token lives 7,862,399 s (about 91 days; SPEC.md).
    static let accessTokenLifetime: TimeInterval = 7_862_399
    let sandbox: Sandbox

    /// `GET /oauth/redirect?response_type=code&client_id&redirect_uri[&state][&code_challenge…][&login_hint]`.
    @Sendable func authorize(_ request: Request, context: SandboxContext) async throws -> Response {
        let q = OAuthRoutes.dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        do throws(SandboxError) {
            let auth = try AuthorizeRequest(q, flow: .healthID)
            if sandbox.options.autoApprove, let hint = q["login_hint"], let cid = try? CitizenID(hint).digits,
               sandbox.state.directory.profile(cid) != nil {
                return await auth.approve(.healthID, cid: cid, state: sandbox.state)
            }
            let page = """
                <!doctype html><meta charset=utf-8><title>หมอพร้อม ID sandbox: login</title>
                <h1>เข้าสู่ระบบ หมอพร้อม ID (sandbox) เพื่อให้ \(OAuthRoutes.html(auth.clientID)) อ่านข้อมูลสุขภาพ</h1>
                <p>Sandbox login: the citizen ID and the birth date (CE, YYYY-MM-DD) from <code>phr-sandbox citizens --json</code>.</p>
                <form method=post action="/oauth/approve">\(auth.hiddenFields)
                <label>CID <input name=cid value="\(OAuthRoutes.html(q["login_hint"] ?? ""))"></label>
                <label>Birth date <input name=birth_date placeholder=YYYY-MM-DD></label><button>เข้าสู่ระบบ / Log in</button></form>
                """
            return Sandbox.html(page)
        } catch {
            return await sandbox.failure(error)
        }
    }

    /// `POST /oauth/approve` (the login form): citizen ID + birth date → `302` with a code.
    @Sendable func approve(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do throws(SandboxError) {
            let form = try await OAuthRoutes.formBody(&request)
            let auth = try AuthorizeRequest(form, flow: .healthID)
            let cid = try APIRoutes.citizenID(form["cid"])
            guard let profile = sandbox.state.directory.profile(cid),
                  constantTimeEqual(form["birth_date"] ?? "", profile.healthIDBirthDate) else {
                throw .unauthorized("citizen ID or birth date is wrong")
            }
            return await auth.approve(.healthID, cid: cid, state: sandbox.state)
        } catch {
            return await sandbox.failure(error)
        }
    }

    /// `POST /api/v1/token` (form or JSON: `grant_type, code, redirect_uri, client_id,
    /// code_verifier`) → `{"status":"success","data":{"access_token","token_type":"Bearer",
    /// "expires_in","account_id"},"message","status_code":200}`; a failure is
    /// `{"status":"error","data":null,"message","status_code"}` with the same HTTP status.
    @Sendable func token(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do throws(SandboxError) {
            let form = try await OAuthRoutes.formBody(&request)
            guard form["grant_type"] == "authorization_code" else { throw .badRequest("unsupported grant_type") }
            guard form["client_id"] == DemoAccount.clientID else { throw .unauthorized("unknown client_id") }
            let cid = try await sandbox.state.redeemCode(form["code"] ?? "", flow: .healthID, clientID: DemoAccount.clientID,
                                                         redirectURI: form["redirect_uri"] ?? "", verifier: form["code_verifier"],
                                                         state: nil)
            let now = await sandbox.state.now
            let account = Self.accountID(cid)
            let claims = HealthIDClaims(iss: .init(value: APIRoutes.issuer(request, scheme: sandbox.scheme)), sub: .init(value: account),
                                        aud: .init(value: [DemoAccount.clientID]),
                                        exp: .init(value: now.addingTimeInterval(Self.accessTokenLifetime)),
                                        iat: .init(value: now), jti: .init(value: await sandbox.state.tokenID()), cid: cid)
            let token: String
            do { token = try await sandbox.healthIDSigner.sign(claims) } catch { throw .storage("cannot sign the token") }
            let reply: [String: Any] = [
                "status": "success",
                "data": ["access_token": token, "token_type": "Bearer", "expires_in": Int(Self.accessTokenLifetime), "account_id": account],
                "message": "You logged in successfully",
                "status_code": 200,
            ]
            return Sandbox.json(try OAuthRoutes.jsonData(reply))
        } catch {
            let reply: [String: Any] = ["status": "error", "data": NSNull(), "message": error.message, "status_code": error.status]
            return Sandbox.json((try? OAuthRoutes.jsonData(reply)) ?? Data(), status: .init(code: error.status))
        }
    }

    /// Verifies a Health ID access token (signature, expiry on the sandbox clock); returns the
    /// citizen it is for, or nil when it is not a Health ID token.
    func citizen(of token: String) async throws(SandboxError) -> String? {
        guard let claims = await sandbox.healthIDSigner.verify(token, as: HealthIDClaims.self) else { return nil }
        guard claims.exp.value > (await sandbox.state.now) else { throw .expired("Health ID token") }
        return claims.cid
    }

    /// The Health ID account id of a citizen: hex digits, stable per CID (defined here).
    static func accountID(_ cid: String) -> String {
        APIRoutes.digest(Data(("healthid:" + cid).utf8))
    }
}

extension CitizenProfile {
    /// The birth date the sandbox's Health ID login asks for: CE, `YYYY-MM-DD`.
    public var healthIDBirthDate: String {
        String(format: "%04d-%02d-%02d", birthDate.year, birthDate.month, birthDate.day)
    }
}
