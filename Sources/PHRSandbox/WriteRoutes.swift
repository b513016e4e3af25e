import Foundation
import GRDB
import Hummingbird
import NIOCore
import PHRModel
import PHRWire

/// What citizens' clients write (phr-api.md §8): home observations (`POST /api/SelfObservation`,
/// read back with `WebApp?Action=SelfObservation`) and wrong-visit reports
/// (`WebApp?Action=ReportEncounter&mode=ADD|DELETE|LIST`). Kept in `sandbox.sqlite`.
struct WriteRoutes: Sendable {
    let api: APIRoutes
    var sandbox: Sandbox { api.sandbox }

    /// `POST /api/SelfObservation`: one observation, authorised like SPEC's uploads by an
    /// Account Center JWT (role `MOPH_PHR_HIE`). Idempotent on `observation_ref_code`: a
    /// repeat is answered like the first and stored once; `result` says which
    /// (`{"observation_ref_code", "stored": true|false}`, a sandbox definition).
    @Sendable func selfObservation(_ request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        do throws(SandboxError) {
            try await api.requireClient(request)
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: APIRoutes.maxBody) } catch { throw SandboxError.badRequest("body too large or unreadable") }
            let body: SelfObservationBody
            do { body = try JSONDecoder().decode(SelfObservationBody.self, from: Data(buffer.readableBytesView)) } catch {
                throw SandboxError.badRequest("body is not a SelfObservation (system_name, observation_ref_code, person, observation)")
            }
            let cid = try APIRoutes.citizenID(body.person.cid)
            guard sandbox.state.directory.profile(cid) != nil else { throw SandboxError.notFound("no citizen with this cid in the sandbox") }
            try Self.check(body)
            let now = await sandbox.state.now
            let row = SelfObservationRow(body, received: Envelope.isoMillis(now))
            let stored = try keep(SelfObservationEntry(refCode: body.observationRefCode, cid: cid, receivedAt: now, body: WireJSON.data(row)))
            return Sandbox.json(Envelope.encode(result: ["observation_ref_code": body.observationRefCode, "stored": stored] as [String: Any], requestTime: now))
        } catch {
            return await sandbox.failure(error)
        }
    }

    /// The checks SPEC implies: a braced GUID as `observation_ref_code`, a LOINC code, a value,
    /// and a readable `effective_datetime`.
    static func check(_ body: SelfObservationBody) throws(SandboxError) {
        guard SelfObservationBody.isBracedGUID(body.observationRefCode) else {
            throw .badRequest("observation_ref_code must be a GUID in braces, e.g. {8C0E5A2B-…}")
        }
        let o = body.observation
        guard !o.loincCode.isEmpty, o.loincCode.count <= 16 else { throw .badRequest("observation.loinc_code is required") }
        guard !o.observationValue.isEmpty, o.observationValue.count <= 64 else { throw .badRequest("observation.observation_value is required") }
        let parsed = ThaiDateParser().parse(o.effectiveDatetime, field: "effective_datetime")
        guard parsed.trusted != nil else { throw .badRequest("observation.effective_datetime must be an ISO date and time, e.g. 2000-01-01T01:01:01.000") }
    }

    /// `WebApp?Action=SelfObservation`, `CareGiver` (CareGivers.swift) and `ReportEncounter`;
    /// nil for any other Action.
    func webApp(_ action: String, request: Request, body: [String: String], cid: String) async throws(SandboxError) -> Response? {
        if action.caseInsensitiveCompare("SelfObservation") == .orderedSame {
            let grant = try await api.authorizeRead(request, cid: cid, otp: body["otp"])
            if case .clinic(let redemptionID) = grant {
                // Home readings are vital signs: a clinic reads them under a consent that includes vitals.
                _ = try await sandbox.state.consentRead(redemptionID: redemptionID, cid: cid, kind: .vitals, covered: { $0.contains(.vitals) })
            }
            let rows = try stored { try $0.selfObservations(cid: cid) }
            var list = Data("[".utf8)
            list.append(Data(rows.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",").utf8))
            list.append(Data("]".utf8))
            return Sandbox.json(Envelope.encode(resultJSON: list, requestTime: await sandbox.state.now))
        }
        if action.caseInsensitiveCompare("CareGiver") == .orderedSame {
            guard try await api.authorizeRead(request, cid: cid, otp: body["otp"]) == .citizen else {
                throw .forbidden("caregiver relations are read by the citizen only")
            }
            let mode = request.uri.queryParameters["mode"].map(String.init) ?? "2"
            guard mode == "1" || mode == "2" else { throw .badRequest("mode must be 1 (who cares for this cid) or 2 (whom this cid cares for)") }
            let rows = CareGivers.rows(of: cid, mode: mode, in: sandbox.state.directory)
            return Sandbox.json(Envelope.encode(resultJSON: WireJSON.data(rows), requestTime: await sandbox.state.now))
        }
        guard action.caseInsensitiveCompare("ReportEncounter") == .orderedSame else { return nil }
        guard try await api.authorizeRead(request, cid: cid, otp: body["otp"]) == .citizen else {
            throw .forbidden("only the citizen reports their own visits")
        }
        let modeText = String(request.uri.queryParameters["mode"] ?? "")
        guard let mode = ReportEncounterMode(rawValue: modeText.uppercased()) else {
            throw .badRequest("mode must be ADD, DELETE or LIST")
        }
        let now = await sandbox.state.now
        if mode != .list {
            let visit = body["encounter_ref_code"] ?? ""
            guard visit.contains(":"), visit.count <= 100 else { throw .badRequest("encounter_ref_code is required (hcode:visit)") }
            if mode == .add {
                let reason = (body["reason_text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty, reason.count <= 1000 else { throw .badRequest("reason_text is required (at most 1000 characters)") }
                try stored { try $0.save(EncounterReport(cid: cid, encounterRefCode: visit, reasonText: reason, reportedAt: now)) }
            } else {
                try stored { try $0.deleteReport(cid: cid, visit: visit) }
            }
        }
        let count = try stored { try $0.reportCount(cid: cid) }
        return Sandbox.json(Envelope.encode(result: count, requestTime: now))
    }

    private func keep(_ entry: SelfObservationEntry) throws(SandboxError) -> Bool {
        try stored { try $0.keep(entry) }
    }

    private func stored<T>(_ body: (SandboxStore) throws -> T) throws(SandboxError) -> T {
        guard let store = sandbox.state.store else { throw .storage("this sandbox keeps no state") }
        do { return try body(store) } catch { throw .storage("\(error)".prefix(120).description) }
    }
}

/// A received home observation (a row of `sandbox.sqlite`): its row as served by
/// `WebApp?Action=SelfObservation`.
struct SelfObservationEntry: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "self_observation"
    var refCode: String
    var cid: String
    var receivedAt: Date
    var body: Data
}

/// An encounter a citizen reported as wrong (a row of `sandbox.sqlite`).
struct EncounterReport: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "encounter_report"
    var cid: String
    var encounterRefCode: String
    var reasonText: String
    var reportedAt: Date
}

extension SandboxStore {
    /// Keeps `entry` unless one with its ref code is kept already; returns whether it was new.
    func keep(_ entry: SelfObservationEntry) throws -> Bool {
        try queue.write { db in
            try entry.insert(db, onConflict: .ignore)
            return db.changesCount > 0
        }
    }

    /// The served rows of a citizen's observations, in the order received.
    func selfObservations(cid: String) throws -> [Data] {
        try queue.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM self_observation WHERE cid = ? ORDER BY receivedAt, rowid", arguments: [cid])
        }
    }

    func save(_ report: EncounterReport) throws {
        try queue.write { db in try report.save(db) }
    }

    func deleteReport(cid: String, visit: String) throws {
        _ = try queue.write { db in try EncounterReport.deleteOne(db, key: ["cid": cid, "encounterRefCode": visit]) }
    }

    /// How many of `cid`'s encounters stand reported (ReportEncounter's `result`).
    func reportCount(cid: String) throws -> Int {
        try queue.read { db in try EncounterReport.filter(Column("cid") == cid).fetchCount(db) }
    }
}
