import Foundation
import Hummingbird
import NIOCore
import PHRModel
import PHRWire

/// `/api/Consent*`: consent codes for clinics (a sandbox extension, docs/sandbox.md).
///
/// The citizen's calls (Create, List, Revoke, Log) are authorised like a read: `{cid, otp}` with
/// a client token, or the citizen's Health ID bearer; a clinic's consent bearer is refused.
/// Redeem is the clinic's call: its client token (whose `hcode` is the clinic's unit) and
/// `{cid, code}`.
struct ConsentRoutes: Sendable {
    static let clinicRole = "clinic"
    static let defaultLifetime: TimeInterval = 86_400
    let api: APIRoutes
    var sandbox: Sandbox { api.sandbox }

    /// `{cid, kinds: "vitals,meds"|"all", audience?, expires_in? (seconds), max_uses?}` → the consent with its code.
    @Sendable func create(_ request: Request, context: SandboxContext) async throws -> Response {
        try await citizenCall(request) { body, cid async throws(SandboxError) in
            let kinds = try Self.kinds(body["kinds"])
            var audience: String?
            if let a = body["audience"], !a.isEmpty {
                guard let code = HospitalCode(a) else { throw .badRequest("audience must be a 5-digit hcode") }
                audience = code.value
            }
            let lifetime = try Self.number(body["expires_in"], "expires_in", 60...Int(ConsentRegistry.maxLifetime)).map(TimeInterval.init)
                ?? Self.defaultLifetime
            let uses = try Self.number(body["max_uses"], "max_uses", 1...1000)
            return try await sandbox.state.createConsent(cid: cid, kinds: kinds, audience: audience, lifetime: lifetime, maxUses: uses)
        }
    }

    /// `{cid}` → the citizen's consents, newest first.
    @Sendable func list(_ request: Request, context: SandboxContext) async throws -> Response {
        try await citizenCall(request) { _, cid async throws(SandboxError) in await sandbox.state.listConsents(cid: cid) }
    }

    /// `{cid, code | id | all: "true"}` → the consents revoked.
    @Sendable func revoke(_ request: Request, context: SandboxContext) async throws -> Response {
        try await citizenCall(request) { body, cid async throws(SandboxError) in
            var code: ConsentCode?
            if let text = body["code"], !text.isEmpty {
                do throws(ConsentCode.ParseError) { code = try ConsentCode(text) } catch { throw .badRequest("code: \(error.description)") }
            }
            let all = body["all"] == "true"
            guard code != nil || body["id"] != nil || all else { throw .badRequest("give code, id or all") }
            return try await sandbox.state.revokeConsents(cid: cid, code: code, id: body["id"], all: all)
        }
    }

    /// `{cid}` → the access log, newest first.
    @Sendable func log(_ request: Request, context: SandboxContext) async throws -> Response {
        try await citizenCall(request) { _, cid async throws(SandboxError) in await sandbox.state.accessLog(cid: cid) }
    }

    /// The clinic's call: `{cid, code}` with its client token → a consent bearer.
    @Sendable func redeem(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do throws(SandboxError) {
            let client = try await api.requireClient(request)
            let body = try await APIRoutes.jsonBody(&request)
            let cid = try APIRoutes.citizenID(body["cid"])
            guard let unit = client.hcode else { throw .forbidden("the client token names no unit") }
            let (info, redemptionID) = try await sandbox.state.redeemConsent(cid: cid, code: body["code"] ?? "", unit: unit)
            let now = await sandbox.state.now
            let expires = min(info.expiresAt, now.addingTimeInterval(ConsentRegistry.bearerLifetime))
            let claims = SandboxClaims(iss: client.iss, sub: .init(value: cid), aud: .init(value: [unit]), exp: .init(value: expires),
                                       iat: .init(value: now), jti: .init(value: redemptionID), role: Self.clinicRole)
            let token: String
            do { token = try await sandbox.phrSigner.sign(claims) } catch { throw .badRequest("cannot sign the token") }
            return try await reply(ConsentRedemption(accessToken: token, consentID: info.id, kinds: info.kinds, expiresAt: expires))
        } catch {
            return await sandbox.failure(error)
        }
    }

    // MARK: Helpers

    private func citizenCall<T: Encodable>(_ request: Request,
                                           _ body: ([String: String], String) async throws(SandboxError) -> T) async throws -> Response {
        var request = request
        do throws(SandboxError) {
            let fields = try await APIRoutes.jsonBody(&request)
            let cid = try APIRoutes.citizenID(fields["cid"])
            guard try await api.authorizeRead(request, cid: cid, otp: fields["otp"]) == .citizen else {
                throw .forbidden("only the citizen can manage consent codes")
            }
            return try await reply(try await body(fields, cid))
        } catch {
            return await sandbox.failure(error)
        }
    }

    private func reply<T: Encodable>(_ value: T) async throws(SandboxError) -> Response {
        let json: Data
        do { json = try ConsentJSON.encoder().encode(value) } catch { throw .badRequest("cannot encode the answer") }
        return Sandbox.json(Envelope.encode(resultJSON: json, requestTime: await sandbox.state.now), headers: [.cacheControl: "no-store"])
    }

    static func kinds(_ text: String?) throws(SandboxError) -> [RecordKind] {
        guard let text, !text.isEmpty else { throw .badRequest("kinds is required (e.g. vitals,meds or all)") }
        if text == "all" { return RecordKind.allCases }
        var kinds: [RecordKind] = []
        for name in text.split(separator: ",") {
            guard let kind = RecordKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw .badRequest("unknown kind \(name.prefix(20)); use \(RecordKind.allCases.map(\.rawValue).joined(separator: ","))")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds.sorted()
    }

    static func number(_ text: String?, _ name: String, _ range: ClosedRange<Int>) throws(SandboxError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let n = Int(text), range.contains(n) else { throw .badRequest("\(name) must be a whole number in \(range.lowerBound)…\(range.upperBound)") }
        return n
    }
}

/// What a clinic's consent bearer may read with one Action, enforced by the server.
///
/// Every kind maps to its Actions (vitals → VitalSign, conditions → NCD and Condition per
/// visit, meds → Medication, labs → Observation, …). PatientSummary (who the patient is) is
/// always readable. Encounter is readable when the consent has any kind that hangs off visits,
/// but its rows are cut to the visit reference, unit and date unless `encounters` is consented,
/// and lose the vital-sign fields unless `vitals` is and the `lab_*` fields unless `labs` is.
/// Address and Telecom answer an empty list. Appointment and Referral are not consentable and
/// are refused.
struct ConsentScope {
    let action: Action
    init(_ action: Action) { self.action = action }

    static let visitKinds: Set<RecordKind> = [.encounters, .vitals, .conditions, .meds, .labs]
    static let visitFields: Set<String> = ["cid", "encounter_ref_code", "organization_code", "organization_name", "period_start", "period_end"]

    /// The kind this read counts as in the access log.
    var kind: RecordKind? {
        switch action {
        case .vitalSign: return .vitals
        case .ncd, .condition: return .conditions
        case .medication: return .meds
        case .allergy: return .allergies
        case .immunization: return .vaccines
        case .coverage: return .coverage
        case .encounter: return .encounters
        case .observation: return .labs
        case .patientSummary, .address, .telecom, .appointment, .referral: return nil
        }
    }

    func covers(_ kinds: Set<RecordKind>) -> Bool {
        switch action {
        case .patientSummary, .address, .telecom: return true
        case .encounter: return !kinds.isDisjoint(with: Self.visitKinds)
        case .appointment, .referral: return false
        default: return kind.map(kinds.contains) ?? false
        }
    }

    /// The result with what the consent does not cover taken out.
    func minimize(_ result: Data, kinds: Set<RecordKind>) -> Data {
        switch action {
        case .address, .telecom:
            return Data("[]".utf8)
        case .encounter where !kinds.isSuperset(of: [.encounters, .vitals, .labs]):
            guard let rows = try? JSONSerialization.jsonObject(with: result) as? [[String: Any]] else { return Data("[]".utf8) }
            let cut = rows.map { row in
                row.filter { key, _ in
                    if key.hasPrefix("vital_sign_") { return kinds.contains(.vitals) }
                    if key.hasPrefix("lab_") { return kinds.contains(.labs) }
                    return kinds.contains(.encounters) || Self.visitFields.contains(key)
                }
            }
            return (try? JSONSerialization.data(withJSONObject: cut, options: [.sortedKeys])) ?? Data("[]".utf8)
        default:
            return result
        }
    }
}
