import Foundation
import GRDB
import PHRModel

// Home readings and their outbox, and the visits reported as wrong (migration v6-home-readings).

extension StoreReader {
    /// Home observations, newest first (at most `limit`).
    public func homeObservations(limit: Int? = nil) throws -> [HomeObservation] {
        try homeObservations(where: "1", limit: limit)
    }

    /// The outbox: observations the server has not confirmed yet, oldest first.
    public func pendingObservations() throws -> [HomeObservation] {
        try homeObservations(where: "sent_at IS NULL", ascending: true)
    }

    func homeObservations(where condition: String, ascending: Bool = false, limit: Int? = nil) throws -> [HomeObservation] {
        var sql = "SELECT body, sent_at, last_error FROM self_observation WHERE \(condition) ORDER BY sort_key \(ascending ? "ASC" : "DESC"), ref_code"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        let decoder = Coding.decoder
        return try Row.fetchAll(db, sql: sql).map { row in
            HomeObservation(observation: try decoder.decode(SelfObservation.self, from: row[0] as Data),
                            sentAt: (row[1] as Double?).map { Date(timeIntervalSince1970: $0) }, lastError: row[2])
        }
    }

    /// The visits reported as wrong from this store, newest first.
    public func visitReports() throws -> [VisitReport] {
        try Row.fetchAll(db, sql: "SELECT visit, reason, reported_at FROM visit_report ORDER BY reported_at DESC, visit").map {
            VisitReport(visit: $0[0], reason: $0[1], reportedAt: Date(timeIntervalSince1970: $0[2]))
        }
    }
}

extension StoreWriter {
    /// Saves new home observations into the outbox (a reading is saved before it is sent).
    public func queue(_ observations: [SelfObservation]) throws {
        let encoder = Coding.encoder
        let now = Date().timeIntervalSince1970
        for o in observations {
            try db.execute(sql: "INSERT INTO self_observation(ref_code, sort_key, body, saved_at) VALUES (?, ?, ?, ?)",
                           arguments: [o.refCode, o.takenAt.sortKey, try encoder.encode(o), now])
        }
    }

    /// Marks an observation confirmed by the server: it leaves the outbox.
    public func markSent(_ refCode: String, at date: Date = Date()) throws {
        try db.execute(sql: "UPDATE self_observation SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE ref_code = ?",
                       arguments: [date.timeIntervalSince1970, refCode])
    }

    /// Notes a failed attempt; the observation stays in the outbox. `reason` must hold no
    /// health data (it is the server's or the network's message).
    public func markFailed(_ refCode: String, reason: String) throws {
        try db.execute(sql: "UPDATE self_observation SET attempts = attempts + 1, last_error = ? WHERE ref_code = ?",
                       arguments: [String(reason.prefix(200)), refCode])
    }

    /// Keeps (or replaces) the report of a visit as wrong.
    public func saveVisitReport(_ report: VisitReport) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO visit_report(visit, reason, reported_at) VALUES (?, ?, ?)",
                       arguments: [report.visit, report.reason, report.reportedAt.timeIntervalSince1970])
    }

    /// Forgets the report of a visit (withdrawn).
    public func removeVisitReport(_ visit: String) throws {
        try db.execute(sql: "DELETE FROM visit_report WHERE visit = ?", arguments: [visit])
    }
}

extension StoreReader {
    /// The visit whose id (`encounter_ref_code`, `hcode:vn`) is `ref`, if it is stored.
    public func encounter(ref: String) throws -> Encounter? {
        try items(Encounter.self, where: "key = ?", [ref], limit: 1).first
    }
}
