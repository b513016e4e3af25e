import Foundation
import Hummingbird
import NIOCore
import PHRModel
import PHRWire

/// The PHR API: `/api/RequestTokenv1`, `/api/GetPHROTP` and `/api/WebApp` (the Account
/// Center's `/token` is `accountToken`, served on its own listener).
struct APIRoutes: Sendable {
    let sandbox: Sandbox
    static let maxBody = 1 << 20
    /// Client tokens live 3 hours.
    static let clientTokenLifetime: TimeInterval = 3 * 3600
    /// The `role` of way 2's access tokens (for GetPHROTP only).
    static let cardRole = "card"

    // MARK: Account Center

    /// `POST /token?Action=get_moph_access_token` with `{user, password_hash, hospital_code}` in
    /// the JSON body or the query → the client JWT as text (the Account Center's listener).
    @Sendable func accountToken(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        guard request.uri.queryParameters["Action"] == "get_moph_access_token" else {
            return await sandbox.failure(.notFound("unknown Action for /token"))
        }
        var fields = (try? await Self.jsonBody(&request)) ?? [:]
        for key in ["user", "password_hash", "hospital_code"] where fields[key] == nil {
            if let v = request.uri.queryParameters[Substring(key)] { fields[key] = String(v) }
        }
        guard fields["user"] == DemoAccount.user,
              constantTimeEqual(fields["password_hash"]?.uppercased() ?? "", DemoAccount.passwordHash),
              let unit = fields["hospital_code"].flatMap(HospitalCode.init)?.value, DemoAccount.hospitalCodes.contains(unit)
        else { return await sandbox.failure(.unauthorized("unknown client account")) }
        let now = await sandbox.state.now
        let claims = SandboxClaims(iss: .init(value: Self.issuer(request, scheme: sandbox.scheme)), sub: .init(value: DemoAccount.user),
                                   aud: .init(value: ["moph-phr"]), exp: .init(value: now.addingTimeInterval(Self.clientTokenLifetime)),
                                   iat: .init(value: now), jti: .init(value: await sandbox.state.tokenID()), role: "MOPH_PHR_HIE",
                                   hcode: unit)
        let token = try await sandbox.accountSigner.sign(claims)
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: token)))
    }

    // MARK: OTP

    /// `POST /api/RequestTokenv1 {cid}` with a client token: sends an OTP to the outbox.
    @Sendable func requestOTP(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do {
            try await requireClient(request)
            let cid = try Self.citizenID(try await Self.jsonBody(&request)["cid"])
            let (otp, expires) = try await sandbox.state.issueOTP(cid: cid)
            sandbox.logger.info("outbox", metadata: ["cid": "\(cid)", "otp": "\(otp)", "expires": "\(Envelope.isoMillis(expires))"])
            return Sandbox.json(Envelope.encode(result: "OTP sent to the citizen's หมอพร้อม app", requestTime: await sandbox.state.now))
        } catch {
            return await sandbox.failure(error)
        }
    }

    /// `POST /api/GetPHROTP {cid, access_token}` with a client token: way 2, the OTP without
    /// the phone (the access token comes from `/oauth2/token`). The answer is SPEC.md's
    /// `{"result":"XY123456"}` exactly: no envelope fields, no `MessageCode`.
    @Sendable func phrOTP(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do {
            try await requireClient(request)
            let body = try await Self.jsonBody(&request)
            let cid = try Self.citizenID(body["cid"])
            try await checkCardToken(body["access_token"] ?? "", cid: cid)
            let otp = try await sandbox.state.currentOrNewOTP(cid: cid)
            return Sandbox.json(Data(#"{"result":"\#(otp)"}"#.utf8))
        } catch {
            return await sandbox.failure(error)
        }
    }

    // MARK: Reads

    /// `/api/WebApp?Action=…`: `ValidateOTP`, and every read Action, authorised by
    /// `{cid, otp}` + client token, or by a citizen bearer whose `sub` is the cid.
    @Sendable func webApp(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do throws(SandboxError) {
            let actionName = String(request.uri.queryParameters["Action"] ?? "")
            var body: [String: String] = [:]
            if request.method == .post { body = try await Self.jsonBody(&request) }
            let cid = try Self.citizenID(body["cid"] ?? request.uri.queryParameters["cid"].map(String.init))
            if actionName.caseInsensitiveCompare("ValidateOTP") == .orderedSame {
                try await requireClient(request)
                try await sandbox.state.checkOTP(cid: cid, otp: body["otp"] ?? "")
                return Sandbox.json(Envelope.encode(result: "OTP valid", requestTime: await sandbox.state.now))
            }
            if let written = try await WriteRoutes(api: self).webApp(actionName, request: request, body: body, cid: cid) { return written }
            guard let action = Action(wireName: actionName) else { throw SandboxError.notFound("unknown Action \(actionName.prefix(40))") }
            let grant = try await authorizeRead(request, cid: cid, otp: body["otp"])
            guard let record = await sandbox.state.record(cid) else { throw SandboxError.notFound("no PHR for this cid") }
            let wanted = ActionRequest(action, mode: request.uri.queryParameters["mode"].map(String.init),
                                       code: request.uri.queryParameters["Code"].map(String.init))
            guard var result = record.result(for: wanted) else {
                throw SandboxError.notFound("\(wanted.label) is not served by the sandbox")
            }
            if case .clinic(let redemptionID) = grant {
                let scope = ConsentScope(action)
                let kinds = try await sandbox.state.consentRead(redemptionID: redemptionID, cid: cid, kind: scope.kind, covered: scope.covers)
                result = scope.minimize(result, kinds: kinds)
            }
            let now = await sandbox.state.now
            // `serve --no-etag` answers like the real service: no ETag, never a 304.
            guard !sandbox.options.noETag else { return Sandbox.json(Self.faulted(result, fault: context.fault, now: now)) }
            let etag = "\"" + Self.digest(result) + "\""
            if context.fault == nil, let match = request.headers[.ifNoneMatch], match == etag {
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            return Sandbox.json(Self.faulted(result, fault: context.fault, now: now), headers: [.eTag: etag])
        } catch {
            return await sandbox.failure(error)
        }
    }

    static func faulted(_ result: Data, fault: Fault.Kind?, now: Date) -> Data {
        switch fault {
        case .truncate?:
            let whole = Envelope.encode(resultJSON: result, requestTime: now)
            return whole.prefix(whole.count / 2)
        case .wrongTypes?, .hostile?, .otherCitizen?:
            guard let value = try? JSONSerialization.jsonObject(with: result, options: [.fragmentsAllowed]) else { return result }
            let changed = fault == .hostile ? FaultData.hostile(value) : fault == .otherCitizen ? FaultData.otherCitizen(value) : FaultData.wrongTypes(value)
            return Envelope.encode(resultJSON: (try? JSONSerialization.data(withJSONObject: changed, options: [.fragmentsAllowed])) ?? result,
                                   requestTime: now)
        case .oversized?:
            var big = Data(#"{"result":[],"padding":""#.utf8)
            big.append(Data(repeating: UInt8(ascii: "x"), count: 80 << 20))
            big.append(Data(#""}"#.utf8))
            return big
        default:
            return Envelope.encode(resultJSON: result, requestTime: now)
        }
    }

    // MARK: Auth helpers

    /// The client's Account Center token (signed with the Account Center's key), checked;
    /// returns its claims (the unit is `hcode`).
    @discardableResult
    func requireClient(_ request: Request) async throws(SandboxError) -> SandboxClaims {
        guard let token = Self.bearer(request) else { throw .unauthorized("missing client token (Authorization: Bearer)") }
        guard let claims = await sandbox.accountSigner.verify(token), claims.role == "MOPH_PHR_HIE" else {
            throw .unauthorized("invalid client token")
        }
        guard claims.exp.value > (await sandbox.state.now) else { throw .expired("client token") }
        return claims
    }

    /// Way 2's access token from `/oauth2/token`, for `cid`.
    private func checkCardToken(_ token: String, cid: String) async throws(SandboxError) {
        guard let claims = await sandbox.phrSigner.verify(token), claims.role == Self.cardRole else {
            throw .unauthorized("invalid access token")
        }
        guard claims.exp.value > (await sandbox.state.now) else { throw .expired("access token") }
        guard claims.sub.value == cid else { throw .forbidden("the access token is for another cid") }
    }

    /// Who may read: the citizen (OTP or Health ID bearer), or a clinic with a redeemed consent.
    enum ReadGrant: Equatable {
        case citizen
        case clinic(redemptionID: String)
    }

    func authorizeRead(_ request: Request, cid: String, otp: String?) async throws(SandboxError) -> ReadGrant {
        if let otp, !otp.isEmpty {
            try await requireClient(request)
            try await sandbox.state.checkOTP(cid: cid, otp: otp)
            return .citizen
        }
        guard let token = Self.bearer(request) else { throw .unauthorized("send {cid, otp} or a Bearer access token") }
        if let claims = await sandbox.phrSigner.verify(token), claims.role == ConsentRoutes.clinicRole {
            guard claims.exp.value > (await sandbox.state.now) else { throw .expired("consent access token") }
            guard claims.sub.value == cid else { throw .forbidden("the consent is for another cid") }
            return .clinic(redemptionID: claims.jti.value)
        }
        guard let holder = try await HealthIDRoutes(sandbox: sandbox).citizen(of: token) else {
            throw .unauthorized("invalid access token (a Health ID token or a consent bearer)")
        }
        guard holder == cid else { throw .forbidden("the Health ID token is for another cid") }
        return .citizen
    }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    static func citizenID(_ text: String?) throws(SandboxError) -> String {
        guard let text, !text.isEmpty else { throw .badRequest("cid is required") }
        do { return try CitizenID(text).digits } catch { throw .badRequest("cid: \(error.description)") }
    }

    /// A JSON object body whose values are strings (numbers are accepted and turned to text).
    static func jsonBody(_ request: inout Request) async throws(SandboxError) -> [String: String] {
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: maxBody) } catch { throw .badRequest("body too large or unreadable") }
        if buffer.readableBytes == 0 { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw .badRequest("body is not a JSON object")
        }
        var out: [String: String] = [:]
        for (k, v) in object {
            if let s = v as? String { out[k] = s } else if let n = v as? NSNumber { out[k] = n.stringValue }
        }
        return out
    }

    /// The issuer of tokens: this server's own URL as the client addressed it.
    static func issuer(_ request: Request, scheme: String) -> String {
        scheme + "://" + (request.head.authority ?? "127.0.0.1")
    }

    /// A short content digest for ETags (FNV-1a 64).
    static func digest(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return String(h, radix: 16)
    }
}
