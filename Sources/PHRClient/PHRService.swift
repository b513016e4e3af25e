import Foundation
import PHRModel
import PHRWire

/// How a read is authorised: the citizen's OTP (ways 1 and 2) or a Health ID bearer (way 3).
public enum Credential: Sendable, Equatable, Codable {
    /// `{cid, otp}` in the body, plus the client's Account Center JWT as bearer.
    case otp(cid: String, otp: String, clientToken: String)
    /// `Authorization: Bearer <token>`; the body carries only the cid, which must match the token.
    case bearer(cid: String, token: String)

    /// The citizen the credential is for (13 digits).
    public var cid: String {
        switch self {
        case .otp(let cid, _, _), .bearer(let cid, _): return cid
        }
    }
}

/// `phr`'s registered client identity at the Account Center (never built into the binary).
public struct ClientAccount: Sendable, Equatable {
    public var user: String
    /// The `password_hash` the Account Center issued with the account (HMAC-SHA256, upper-case
    /// hex); stored in a file named by the config, never in the config text or argv.
    public var passwordHash: String
    public var hospitalCode: String

    public init(user: String, passwordHash: String, hospitalCode: String) {
        self.user = user; self.passwordHash = passwordHash; self.hospitalCode = hospitalCode
    }
}

/// One answer of a read Action: the raw body (decoded by PHRWire) and its validator.
public struct ActionReply: Sendable {
    /// The JSON envelope, or nil when the server said "not modified" (ETag matched).
    public var body: Data?
    /// The entity tag the server sent, if any (a sandbox extension).
    public var etag: String?
}

/// The calls `phr` makes to the MOPH PHR service (docs: ../shared/domain/phr-api.md).
///
/// Paths and bodies follow the ministry's spec; failures become ``ClientError`` values by
/// reading the HTTP status and the envelope's `MessageCode`/`Message` (see ``interpret(_:)``).
public struct PHRService: Sendable {
    public let transport: Transport

    public init(transport: Transport) {
        self.transport = transport
    }

    // MARK: Client identity

    /// The Account Center JWT for this client (`POST /token?Action=get_moph_access_token`),
    /// returned as raw text.
    public func clientToken(_ account: ClientAccount) async throws(ClientError) -> String {
        let body = Self.json(["user": account.user,
                                  "password_hash": account.passwordHash,
                                  "hospital_code": account.hospitalCode])
        let reply = try await transport.send("POST", "/token", query: [("Action", "get_moph_access_token")],
                                             headers: [("Content-Type", "application/json")], body: body)
        try Self.interpret(reply)
        let token = String(decoding: reply.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.split(separator: ".").count == 3, token.count < 16_384 else {
            throw .malformedResponse("the Account Center did not return a JWT")
        }
        return token
    }

    // MARK: Way 1: OTP

    /// Asks the service to send a fresh OTP to the citizen's หมอพร้อม app (`RequestTokenv1`).
    public func requestOTP(cid: String, clientToken: String) async throws(ClientError) {
        let reply = try await transport.send("POST", "/api/RequestTokenv1", headers: Self.headers(bearer: clientToken),
                                             body: Self.json(["cid": cid]))
        try Self.interpret(reply)
    }

    /// Checks the OTP the citizen typed (`WebApp?Action=ValidateOTP`).
    public func validateOTP(cid: String, otp: String, clientToken: String) async throws(ClientError) {
        let reply = try await transport.send("POST", "/api/WebApp", query: [("Action", "ValidateOTP")],
                                             headers: Self.headers(bearer: clientToken),
                                             body: Self.json(["cid": cid, "otp": otp]))
        try Self.interpret(reply, otpCheck: true)
    }

    // MARK: Way 2: OAuth code → OTP (card agent)

    /// Exchanges an authorization code at `/oauth2/token`; way 2 returns an access token that
    /// ``phrOTP(cid:accessToken:clientToken:)`` turns into the citizen's OTP.
    public func exchangeCode(_ code: String, redirectURI: String, verifier: String,
                             clientID: String, clientSecret: String?) async throws(ClientError) -> TokenGrant {
        var form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                    ("client_id", clientID), ("code_verifier", verifier)]
        if let clientSecret { form.append(("client_secret", clientSecret)) }
        let body = form.map { "\(ServerEndpoint.escape($0.0))=\(ServerEndpoint.escape($0.1))" }.joined(separator: "&")
        let reply = try await transport.send("POST", "/oauth2/token",
                                             headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                             body: Data(body.utf8))
        try Self.interpret(reply)
        return try TokenGrant(json: reply.body)
    }

    /// `POST /api/GetPHROTP {cid, access_token}`: the citizen's OTP, without their phone.
    public func phrOTP(cid: String, accessToken: String, clientToken: String) async throws(ClientError) -> String {
        let reply = try await transport.send("POST", "/api/GetPHROTP", headers: Self.headers(bearer: clientToken),
                                             body: Self.json(["cid": cid, "access_token": accessToken]))
        try Self.interpret(reply)
        guard let object = try? JSONSerialization.jsonObject(with: reply.body) as? [String: Any],
              let otp = object["result"] as? String, !otp.isEmpty, otp.count <= 64
        else { throw .malformedResponse("GetPHROTP returned no OTP") }
        return otp
    }

    /// The server's signing keys (`/.well-known/jwks.json`).
    public func jwks() async throws(ClientError) -> Data {
        let reply = try await transport.send("GET", "/.well-known/jwks.json")
        try Self.interpret(reply)
        return reply.body
    }

    // MARK: Reads

    /// Runs one read Action (e.g. `VitalSign`, or `Condition` with `mode=Encounter&Code=…`).
    /// With `etag`, a matching server answers "not modified" and ``ActionReply/body`` is nil.
    public func read(action: String, query extra: [(String, String)] = [], as credential: Credential,
                     etag: String? = nil) async throws(ClientError) -> ActionReply {
        var headers: [(String, String)]
        let body: Data
        switch credential {
        case .otp(let cid, let otp, let clientToken):
            headers = Self.headers(bearer: clientToken)
            body = Self.json(["cid": cid, "otp": otp])
        case .bearer(let cid, let token):
            headers = Self.headers(bearer: token)
            body = Self.json(["cid": cid])
        }
        if let etag { headers.append(("If-None-Match", etag)) }
        let reply = try await transport.send("POST", "/api/WebApp", query: [("Action", action)] + extra,
                                             headers: headers, body: body)
        if reply.status == 304 { return ActionReply(body: nil, etag: etag) }
        try Self.interpret(reply)
        return ActionReply(body: reply.body, etag: reply.header("ETag"))
    }

    // MARK: Consent codes (sandbox extension, docs/sharing.md)

    /// What a consent grants, for ``createConsent(_:as:)``.
    public struct ConsentRequest: Sendable, Equatable {
        public var kinds: [RecordKind]
        /// The only unit that may redeem it; any unit when nil.
        public var audience: HospitalCode?
        public var lifetime: TimeInterval
        public var maxUses: Int?

        public init(kinds: [RecordKind], audience: HospitalCode?, lifetime: TimeInterval, maxUses: Int?) {
            self.kinds = kinds; self.audience = audience; self.lifetime = lifetime; self.maxUses = maxUses
        }
    }

    /// Creates a consent code for the logged-in citizen (`/api/ConsentCreate`).
    public func createConsent(_ grant: ConsentRequest, as credential: Credential) async throws(ClientError) -> ConsentInfo {
        var fields = ["kinds": grant.kinds.map(\.rawValue).joined(separator: ","), "expires_in": String(Int(grant.lifetime))]
        if let audience = grant.audience { fields["audience"] = audience.value }
        if let uses = grant.maxUses { fields["max_uses"] = String(uses) }
        return try await consentCall("ConsentCreate", fields, as: credential)
    }

    /// The citizen's consents, newest first (`/api/ConsentList`).
    public func consents(as credential: Credential) async throws(ClientError) -> [ConsentInfo] {
        try await consentCall("ConsentList", [:], as: credential)
    }

    /// Revokes by code, or every active consent when `code` is nil (`/api/ConsentRevoke`).
    public func revokeConsent(code: ConsentCode?, as credential: Credential) async throws(ClientError) -> [ConsentInfo] {
        try await consentCall("ConsentRevoke", code.map { ["code": $0.symbols] } ?? ["all": "true"], as: credential)
    }

    /// Who used the citizen's consents, newest first (`/api/ConsentLog`).
    public func consentLog(as credential: Credential) async throws(ClientError) -> [ConsentAccess] {
        try await consentCall("ConsentLog", [:], as: credential)
    }

    /// The clinic's call: redeems a citizen's code with the clinic's client token
    /// (`/api/ConsentRedeem`); read the record with ``Credential/bearer(cid:token:)`` of the
    /// returned token.
    public func redeemConsent(cid: CitizenID, code: ConsentCode, clientToken: String) async throws(ClientError) -> ConsentRedemption {
        let reply = try await transport.send("POST", "/api/ConsentRedeem", headers: Self.headers(bearer: clientToken),
                                             body: Self.json(["cid": cid.digits, "code": code.symbols]))
        try Self.interpret(reply)
        do { return try ConsentJSON.result(ConsentRedemption.self, from: reply.body) } catch { throw .malformedResponse(error.description) }
    }

    private func consentCall<T: Decodable>(_ path: String, _ fields: [String: String], as credential: Credential) async throws(ClientError) -> T {
        var fields = fields
        let headers: [(String, String)]
        switch credential {
        case .otp(let cid, let otp, let clientToken):
            headers = Self.headers(bearer: clientToken)
            fields["cid"] = cid; fields["otp"] = otp
        case .bearer(let cid, let token):
            headers = Self.headers(bearer: token)
            fields["cid"] = cid
        }
        let reply = try await transport.send("POST", "/api/" + path, headers: headers, body: Self.json(fields))
        try Self.interpret(reply)
        do { return try ConsentJSON.result(T.self, from: reply.body) } catch { throw .malformedResponse(error.description) }
    }

    // MARK: Errors

    /// Turns a non-success answer into a ``ClientError``.
    ///
    /// The real service documents no failure (phr-api.md §3); we read the HTTP status first
    /// and the envelope's `MessageCode`/`Message` second, as `phr-sandbox` documents:
    /// 401 = OTP/token wrong or expired, 403 = credential for another citizen, 423 = locked out.
    static func interpret(_ reply: HTTPReply, otpCheck: Bool = false) throws(ClientError) {
        if (200..<300).contains(reply.status) { return }
        let envelope = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any]
        let message = (envelope?["Message"] as? String) ?? (envelope?["error_description"] as? String)
            ?? (envelope?["error"] as? String) ?? "HTTP \(reply.status)"
        let code = (envelope?["MessageCode"] as? Int) ?? (envelope?["MessageCode"] as? String).flatMap(Int.init)
        let left = (envelope?["attempts_left"] as? Int)
        if let reason = (envelope?["consent_refusal"] as? String).flatMap(ConsentRefusal.init(rawValue:)) {
            throw .consentRefused(reason, message: message, retryAfterSeconds: reply.header("Retry-After").flatMap(Int.init))
        }
        switch reply.status {
        case 401 where otpCheck && !Self.saysExpired(message):
            throw .wrongOTP(attemptsLeft: left)
        case 401:
            throw .sessionExpired
        case 403 where message.lowercased().contains("cid") || message.lowercased().contains("citizen"):
            throw .wrongCitizen
        case 423:
            throw .lockedOut(retryAfterSeconds: reply.header("Retry-After").flatMap(Int.init))
        default:
            throw .refused(status: reply.status, messageCode: code, message: message)
        }
    }

    static func saysExpired(_ message: String) -> Bool {
        let m = message.lowercased()
        return m.contains("expired") || m.contains("หมดอายุ")
    }

    static func headers(bearer: String) -> [(String, String)] {
        [("Authorization", "Bearer " + bearer), ("Content-Type", "application/json")]
    }

    static func json(_ object: [String: String]) -> Data {
        CanonicalJSON.data(object)
    }
}

/// What `/oauth2/token` returns.
public struct TokenGrant: Sendable, Equatable {
    public var accessToken: String
    /// Seconds until expiry, when the server says.
    public var expiresIn: Int?

    /// Reads either the plain OAuth form or Health ID's `{"status","data":{…}}` wrapper.
    public init(json: Data) throws(ClientError) {
        guard var object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw .malformedResponse("the token answer is not JSON")
        }
        if let data = object["data"] as? [String: Any] { object = data }
        guard let token = object["access_token"] as? String, !token.isEmpty, token.count < 16_384 else {
            throw .malformedResponse("the token answer has no access_token")
        }
        accessToken = token
        expiresIn = (object["expires_in"] as? Int) ?? (object["expires_in"] as? String).flatMap(Int.init)
    }
}
