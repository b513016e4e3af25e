import Foundation
import Hummingbird
import NIOCore
import PHRModel
import PHRWire

/// Sandbox-only endpoints on the PHR listener: the demo OTP outbox, the clock, the citizen list.
struct SandboxRoutes: Sendable {
    let sandbox: Sandbox

    /// `GET /sandbox/outbox?cid=…` → `{"cid","otp","expires_at"}`: "reads the citizen's phone".
    /// Only OTPs sent to the app (RequestTokenv1) are there; way 2's (GetPHROTP) never are.
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

    /// `POST /sandbox/clock {"advance_seconds": N}` → `{"now": …}` (all three services share the clock).
    @Sendable func clock(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        let body = (try? await APIRoutes.jsonBody(&request)) ?? [:]
        guard let seconds = body["advance_seconds"].flatMap(Double.init), seconds >= 0 else {
            return await sandbox.failure(.badRequest("send {\"advance_seconds\": N} with N ≥ 0"))
        }
        do {
            let now = try await sandbox.state.advance(seconds: seconds)
            return Sandbox.json(Data(#"{"now":"\#(Envelope.isoMillis(now))"}"#.utf8))
        } catch {
            return await sandbox.failure(error)
        }
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
