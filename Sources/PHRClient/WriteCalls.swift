import Foundation
import PHRModel
import PHRWire

// The calls a citizen writes with (phr-api.md §8).
extension PHRService {
    /// `POST /api/SelfObservation` with one observation, as SPEC.md's uploads are authorised: the
    /// client's Account Center JWT (role `MOPH_PHR_HIE`) as bearer. Sending the same
    /// `observation_ref_code` again is safe: the server keeps the first.
    public func sendSelfObservation(_ body: SelfObservationBody, clientToken: String) async throws(ClientError) {
        _ = try await call("POST", .phr, "/api/SelfObservation", headers: Self.headers(bearer: clientToken), body: WireJSON.data(body))
    }

    /// `POST /api/WebApp?Action=ReportEncounter&mode=…` with the citizen's credential, as the
    /// reads are sent (`{cid, otp}` + client JWT, or the Health ID bearer); `visit` and `reason`
    /// are left out for LIST. Returns `result`: how many of the citizen's encounters stand
    /// reported.
    public func reportEncounter(_ mode: ReportEncounterMode, visit: String? = nil, reason: String? = nil,
                                as credential: Credential) async throws(ClientError) -> Int {
        var fields = ["cid": credential.cid]
        let headers: [(String, String)]
        switch credential {
        case .otp(_, let otp, let clientToken):
            headers = Self.headers(bearer: clientToken)
            fields["otp"] = otp
        case .bearer(_, let token):
            headers = Self.headers(bearer: token)
        }
        if mode != .list {
            fields["encounter_ref_code"] = visit ?? ""
            fields["reason_text"] = reason ?? ""
        }
        let reply = try await call("POST", .phr, "/api/WebApp", query: [("Action", "ReportEncounter"), ("mode", mode.rawValue)],
                                   headers: headers, body: Self.json(fields))
        guard let envelope = try? Envelope(data: reply.body), let count = envelope.resultInt else {
            throw .malformedResponse("ReportEncounter did not return a count")
        }
        return count
    }
}
