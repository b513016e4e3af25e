import Foundation
import GRDB
import PHRModel

/// The store's schema, as GRDB migrations (never edit a shipped migration; add one).
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "citizen") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("cid", .text).notNull()
                t.column("hash", .blob).notNull()
                t.column("fetched_at", .double).notNull()
                t.column("body", .blob).notNull()
            }
            // One table per kind, same columns: natural key, sort date, provenance, flags, hash, JSON.
            for kind in v1Kinds { try createKindTable(kind, db) }
            try db.create(table: "sync_state") { t in
                t.primaryKey("key", .text)
                t.column("etag", .text)
                t.column("hash", .integer)
                t.column("synced_at", .double).notNull()
            }
            try db.create(table: "session") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("body", .blob).notNull()
                t.column("saved_at", .double).notNull()
            }
            try db.create(table: "consent_share") { t in
                t.primaryKey("code_id", .text)
                t.column("body", .blob).notNull()
                t.column("created_at", .double).notNull()
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .double).notNull()
                t.column("event", .text).notNull()
                t.column("detail", .text)
            }
        }
        // Rows and flagged rows per kind, kept by triggers, so totals (status, summary) cost a
        // lookup instead of a scan that decrypts every page of a kind.
        m.registerMigration("v2-tally") { db in
            try db.create(table: "tally") { t in
                t.primaryKey("kind", .text)
                t.column("rows", .integer).notNull()
                t.column("flagged", .integer).notNull()
            }
            for kind in v1Kinds { try createTally(kind, db) }
        }
        // The citizen a store belongs to (one person per store). A store made before this
        // belongs to the person of its PatientSummary; one with no summary yet, to the first
        // citizen who logs in or syncs.
        m.registerMigration("v3-owner") { db in
            try db.create(table: "owner") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("cid", .text).notNull()
                t.column("bound_at", .double).notNull()
            }
            try db.execute(sql: "INSERT INTO owner(id, cid, bound_at) SELECT 1, cid, fetched_at FROM citizen WHERE id = 1")
        }
        // Doubtful dates sort by their plausible date (1479 as 2022), not as sent.
        m.registerMigration("v4-plausible-sort") { db in
            try resort(Vital.self, db); try resort(Condition.self, db); try resort(Medication.self, db)
            try resort(Allergy.self, db); try resort(Immunization.self, db); try resort(Coverage.self, db)
            try resort(Encounter.self, db)
        }
        // Lab results (issue 14): a table of their own, counted like the others.
        m.registerMigration("v5-labs") { db in
            try createKindTable(RecordKind.labs.rawValue, db)
            try createTally(RecordKind.labs.rawValue, db)
        }
        // Home readings (`phr measure`): each value is kept here, and waits here as the outbox
        // until the ministry confirms it (`sent_at`); visits the citizen reported as wrong.
        m.registerMigration("v6-home-readings") { db in
            try db.create(table: "self_observation") { t in
                t.primaryKey("ref_code", .text)
                t.column("sort_key", .integer).notNull()
                t.column("body", .blob).notNull()
                t.column("saved_at", .double).notNull()
                t.column("sent_at", .double)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("last_error", .text)
            }
            try db.create(index: "self_observation_pending", on: "self_observation", columns: ["sent_at", "sort_key"])
            try db.create(table: "visit_report") { t in
                t.primaryKey("visit", .text)
                t.column("reason", .text).notNull()
                t.column("reported_at", .double).notNull()
            }
        }
        return m
    }

    /// The kinds of the first store, frozen: a kind added later gets its own migration, so
    /// `v1` and `v2-tally` do the same on every store whatever ``RecordKind`` holds today.
    static let v1Kinds = ["vitals", "conditions", "meds", "allergies", "vaccines", "coverage", "encounters"]

    /// A kind's table: natural key, sort date, provenance, flags, hash and the record as JSON.
    /// Shipped migrations call it: like them, it is never edited (a new column is a migration).
    static func createKindTable(_ kind: String, _ db: Database) throws {
        try db.create(table: kind) { t in
            t.primaryKey("key", .text)
            t.column("sort_key", .integer)
            t.column("unit", .text)
            t.column("action", .text).notNull()
            t.column("source_ref", .text)
            t.column("fetched_at", .double).notNull()
            t.column("flags", .text)
            t.column("hash", .integer).notNull()
            t.column("body", .blob).notNull()
        }
        try db.create(index: "\(kind)_by_date", on: kind, columns: ["sort_key"])
        try db.create(index: "\(kind)_by_unit", on: kind, columns: ["unit", "sort_key"])
    }

    /// A kind's row in `tally` and the triggers that keep it (never edited, as above).
    static func createTally(_ kind: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO tally SELECT '\(kind)', count(*), count(flags) FROM "\(kind)";
            CREATE TRIGGER "\(kind)_tally_insert" AFTER INSERT ON "\(kind)" BEGIN
              UPDATE tally SET rows = rows + 1, flagged = flagged + (NEW.flags IS NOT NULL) WHERE kind = '\(kind)';
            END;
            CREATE TRIGGER "\(kind)_tally_update" AFTER UPDATE OF flags ON "\(kind)" BEGIN
              UPDATE tally SET flagged = flagged - (OLD.flags IS NOT NULL) + (NEW.flags IS NOT NULL) WHERE kind = '\(kind)';
            END;
            CREATE TRIGGER "\(kind)_tally_delete" AFTER DELETE ON "\(kind)" BEGIN
              UPDATE tally SET rows = rows - 1, flagged = flagged - (OLD.flags IS NOT NULL) WHERE kind = '\(kind)';
            END;
            """)
    }

    /// Recomputes the sort key of every flagged record of one kind from its stored body.
    static func resort<R: HealthRecordItem>(_ type: R.Type, _ db: Database) throws {
        let table = R.kind.rawValue
        let decoder = Coding.decoder
        for row in try Row.fetchAll(db, sql: "SELECT key, body FROM \(table) WHERE flags IS NOT NULL") {
            let record = try decoder.decode(R.self, from: row["body"] as Data)
            try db.execute(sql: "UPDATE \(table) SET sort_key = ? WHERE key = ?", arguments: [record.sortDate?.sortKey, row["key"] as String])
        }
    }
}
