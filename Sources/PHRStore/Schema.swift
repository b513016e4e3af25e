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
            for kind in RecordKind.allCases {
                try db.create(table: kind.rawValue) { t in
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
                try db.create(index: "\(kind.rawValue)_by_date", on: kind.rawValue, columns: ["sort_key"])
                try db.create(index: "\(kind.rawValue)_by_unit", on: kind.rawValue, columns: ["unit", "sort_key"])
            }
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
            for kind in RecordKind.allCases.map(\.rawValue) {
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
        }
        return m
    }
}
