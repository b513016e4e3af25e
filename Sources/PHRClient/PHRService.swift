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

/// The calls `phr` makes to the three MOPH services (docs: ../shared/domain/phr-api.md):
/// the Account Center for the client's JWT, the PHR API for OTPs, reads and consent codes,
/// and Health ID for the citizen's OAuth login (HealthIDLogin.swift). Way 2, the card at a
/// health unit, is in CardLogin.swift.
///
/// Paths and bodies follow the ministry's spec; failures become ``ClientError`` values by
/// reading the HTTP status and the envelope's `MessageCode`/`Message` (see ``interpret(_:from:otpCheck:)``).
public struct PHRService: Sendable {
    public let transport: Transport
    public let services: Services

    public init(transport: Transport, services: Services) {
        self.transport = transport
        self.services = services
    }

    /// Sends to `path` of `service` and checks the answer (``interpret(_:from:otpCheck:)``).
    func call(_ method: String, _ service: Service, _ path: String, query: [(String, String)] = [],
              headers: [(String, String)] = [], body: Data? = nil, otpCheck: Bool = false) async throws(ClientError) -> HTTPReply {
        let reply = try await transport.send(method, services[service], path, query: query, headers: headers, body: body)
        try Self.interpret(reply, from: service, otpCheck: otpCheck)
        return reply
    }

    // MARK: Client identity (Account Center)

    /// The Account Center JWT for this client (`POST /token?Action=get_moph_access_token` at
    /// the Account Center), returned as raw text.
    public func clientToken(_ account: ClientAccount) async throws(ClientError) -> String {
        let body = Self.json(["user": account.user,
                              "password_hash": account.passwordHash,
                              "hospital_code": account.hospitalCode])
        let reply = try await call("POST", .account, "/token", query: [("Action", "get_moph_access_token")],
                                   headers: [("Content-Type", "application/json")], body: body)
        let token = String(decoding: reply.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.split(separator: ".").count == 3, token.count < 16_384 else {
            throw .malformedResponse("the Account Center did not return a JWT")
        }
        return token
    }

    // MARK: Way 1: OTP

    /// Asks the service to send a fresh OTP to the citizen's หมอพร้อม app (`RequestTokenv1`).
    public func requestOTP(cid: String, clientToken: String) async throws(ClientError) {
        _ = try await call("POST", .phr, "/api/RequestTokenv1", headers: Self.headers(bearer: clientToken),
                           body: Self.json(["cid": cid]))
    }

    /// Checks the OTP the citizen typed (`WebApp?Action=ValidateOTP`).
    public func validateOTP(cid: String, otp: String, clientToken: String) async throws(ClientError) {
        _ = try await call("POST", .phr, "/api/WebApp", query: [("Action", "ValidateOTP")],
                           headers: Self.headers(bearer: clientToken),
                           body: Self.json(["cid": cid, "otp": otp]), otpCheck: true)
    }

    /// `POST /api/GetPHROTP {cid, access_token}`: the citizen's OTP, without their phone
    /// (way 2; the access token comes from the PHR service's `/oauth2/token`).
    public func phrOTP(cid: String, accessToken: String, clientToken: String) async throws(ClientError) -> String {
        let reply = try await call("POST", .phr, "/api/GetPHROTP", headers: Self.headers(bearer: clientToken),
                                   body: Self.json(["cid": cid, "access_token": accessToken]))
        guard let object = try? JSONSerialization.jsonObject(with: reply.body) as? [String: Any],
              let otp = object["result"] as? String, !otp.isEmpty, otp.count <= 64
        else { throw .malformedResponse("GetPHROTP returned no OTP") }
        return otp
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
        let reply = try await transport.send("POST", services.phr, "/api/WebApp", query: [("Action", action)] + extra,
                                             headers: headers, body: body)
        if reply.status == 304 { return ActionReply(body: nil, etag: etag) }
        try Self.interpret(reply, from: .phr)
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
        let reply = try await call("POST", .phr, "/api/ConsentRedeem", headers: Self.headers(bearer: clientToken),
                                   body: Self.json(["cid": cid.digits, "code": code.symbols]))
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
        let reply = try await call("POST", .phr, "/api/" + path, headers: headers, body: Self.json(fields))
        do { return try ConsentJSON.result(T.self, from: reply.body) } catch { throw .malformedResponse(error.description) }
    }

    // MARK: Errors

    /// Turns an answer that is not a success into a ``ClientError``.
    ///
    /// Success is HTTP 2xx **and** an envelope `MessageCode` of 200 or none (the ministry's
    /// GetPHROTP and token examples have none). A 2xx whose `MessageCode` says otherwise is
    /// read as that code. The real service documents no failure (phr-api.md §3); the codes
    /// are read as `phr-sandbox` documents them: 401 = OTP/token wrong or expired, 403 =
    /// credential for another citizen, 423 = locked out. A 404 without an envelope means the
    /// path does not exist at that address: the address of another service, most likely.
    static func interpret(_ reply: HTTPReply, from service: Service, otpCheck: Bool = false) throws(ClientError) {
        let verdict = EnvelopeStatus(body: reply.body)
        let httpOK = (200..<300).contains(reply.status)
        if httpOK && verdict.isSuccess { return }
        let object = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any]
        let message = verdict.message ?? (object?["error_description"] as? String) ?? (object?["error"] as? String)
            ?? (object?["message"] as? String) ?? "HTTP \(reply.status)"
        if reply.status == 404, verdict.messageCode == nil, object?["error"] == nil {
            throw .noSuchEndpoint(service, url: reply.url)
        }
        if let reason = (object?["consent_refusal"] as? String).flatMap(ConsentRefusal.init(rawValue:)) {
            throw .consentRefused(reason, message: message, retryAfterSeconds: reply.header("Retry-After").flatMap { retryAfterSeconds($0) }.map { Int(min($0, 86_400)) })
        }
        let status = httpOK ? verdict.messageCode ?? reply.status : reply.status
        switch status {
        case 401 where otpCheck && !Self.saysExpired(message):
            throw .wrongOTP(attemptsLeft: object?["attempts_left"] as? Int)
        case 401:
            throw .sessionExpired
        case 403 where message.lowercased().contains("cid") || message.lowercased().contains("citizen"):
            throw .wrongCitizen
        case 423:
            throw .lockedOut(retryAfterSeconds: reply.header("Retry-After").flatMap { retryAfterSeconds($0) }.map { Int(min($0, 86_400)) })
        default:
            if httpOK { throw .unsuccessful(messageCode: status, message: message) }
            throw .refused(status: reply.status, messageCode: verdict.messageCode, message: message)
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

    /// An `application/x-www-form-urlencoded` body, in the given order.
    static func form(_ pairs: [(String, String)]) -> Data {
        Data(pairs.map { "\(ServerEndpoint.escape($0.0))=\(ServerEndpoint.escape($0.1))" }.joined(separator: "&").utf8)
    }

    static let formHeaders = [("Content-Type", "application/x-www-form-urlencoded")]
}

/// What a token endpoint returns: the PHR service's `/oauth2/token` (way 2,
/// `{"access_token","otp":"<cid>:<access_token>"}`) or Health ID's code exchange (way 3,
/// `{"status":"success","data":{"access_token","token_type","expires_in","account_id"},
/// "message","status_code":200}`), both as SPEC.md shows them.
public struct TokenGrant: Sendable, Equatable {
    public var accessToken: String
    /// Seconds until expiry, when the server says (Health ID: about 91 days).
    public var expiresIn: Int?
    /// `Bearer` (Health ID).
    public var tokenType: String?
    /// Health ID's account id.
    public var accountID: String?
    /// Way 2's `otp`: `<cid>:<access_token>`, the input of GetPHROTP.
    public var otp: String?

    /// Reads either shape. Health ID's wrapper must say `status: "success"` and, when it has
    /// one, `status_code: 200`; otherwise its `message` is the failure.
    public init(json: Data) throws(ClientError) {
        guard var object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw .malformedResponse("the token answer is not JSON")
        }
        if object["status"] != nil || object["data"] != nil {
            let code = WireRow(object).int("status_code")
            guard object["status"] as? String == "success", code == nil || code == 200,
                  let data = object["data"] as? [String: Any] else {
                throw .unsuccessful(messageCode: code ?? 0, message: (object["message"] as? String) ?? "the login was not successful")
            }
            object = data
        }
        guard let token = object["access_token"] as? String, !token.isEmpty, token.count < 16_384 else {
            throw .malformedResponse("the token answer has no access_token")
        }
        accessToken = token
        let fields = WireRow(object)
        expiresIn = fields.int("expires_in")
        tokenType = fields.nonEmpty("token_type")
        accountID = fields.nonEmpty("account_id")
        otp = fields.nonEmpty("otp")
    }
}
