import Foundation
import GRDB

/// The sandbox's state on disk: `sandbox.sqlite` in the data dir (plain SQLite, 0600: the
/// data is synthetic), so consents, their access logs, lockouts, OTPs and the sandbox clock
/// survive a restart (docs/sandbox.md, "State"). Pending OAuth codes (5 minutes) live in memory
/// only; tokens are JWTs signed with the keys beside this file, so they outlive a restart until
/// they expire.
///
/// Consent codes are saved as a whole after each change of a consent (a sandbox holds a
/// handful); a read made with a consent bearer saves only its line of the access log; an OTP
/// row is saved as it changes.
public final class SandboxStore: Sendable {
    static let fileName = "sandbox.sqlite"
    let queue: DatabaseQueue

    /// Opens (or creates) `directory/sandbox.sqlite`.
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let path = directory.appendingPathComponent(Self.fileName).path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission)
            }
        }
        var configuration = Configuration()
        // Durable across a restart of the process, which is what a sandbox needs; not across
        // a power cut (then the last changes may be lost). Saves are then cheap enough for a
        // line of the access log per read.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(queue)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "clock") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("offset", .double).notNull()
            }
            try db.create(table: OTPEntry.databaseTableName) { t in
                t.primaryKey("cid", .text)
                t.column("otp", .text).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("wrong", .integer).notNull()
                t.column("lockedUntil", .datetime)
                t.column("pushed", .boolean).notNull()
            }
            try db.create(table: ConsentRegistry.ConsentRow.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("cid", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("digest", .blob).notNull()
                t.column("info", .jsonText).notNull()
            }
            try db.create(table: ConsentRegistry.AccessRow.databaseTableName) { t in
                t.column("cid", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("access", .jsonText).notNull()
                t.primaryKey(["cid", "position"])
            }
            try db.create(table: ConsentRegistry.RedemptionRow.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("consentID", .text).notNull()
                t.column("cid", .text).notNull()
                t.column("logIndex", .integer).notNull()
            }
            try db.create(table: ConsentRegistry.FailureRow.databaseTableName) { t in
                t.column("key", .text).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(table: ConsentRegistry.LockoutRow.databaseTableName) { t in
                t.primaryKey("key", .text)
                t.column("until", .datetime).notNull()
            }
        }
        // What citizens' clients write (docs/sandbox.md, "Writes"): home observations, kept once
        // per observation_ref_code, and the encounters reported as wrong.
        m.registerMigration("v2-writes") { db in
            try db.create(table: SelfObservationEntry.databaseTableName) { t in
                t.primaryKey("refCode", .text)
                t.column("cid", .text).notNull().indexed()
                t.column("receivedAt", .datetime).notNull()
                t.column("body", .blob).notNull()
            }
            try db.create(table: EncounterReport.databaseTableName) { t in
                t.column("cid", .text).notNull()
                t.column("encounterRefCode", .text).notNull()
                t.column("reasonText", .text).notNull()
                t.column("reportedAt", .datetime).notNull()
                t.primaryKey(["cid", "encounterRefCode"])
            }
        }
        return m
    }

    // MARK: Clock

    /// How far `/sandbox/clock` has moved the sandbox's clock.
    func clockOffset() throws -> TimeInterval {
        try queue.read { db in try Double.fetchOne(db, sql: "SELECT offset FROM clock WHERE id = 1") } ?? 0
    }

    func saveClockOffset(_ offset: TimeInterval) throws {
        try queue.write { db in try db.execute(sql: "INSERT OR REPLACE INTO clock (id, offset) VALUES (1, ?)", arguments: [offset]) }
    }

    // MARK: OTPs

    func otps() throws -> [OTPEntry] {
        try queue.read { db in try OTPEntry.fetchAll(db) }
    }

    func save(_ entry: OTPEntry) throws {
        try queue.write { db in try entry.save(db) }
    }

    // MARK: Consent codes

    func consentRows() throws -> ConsentRegistry.Rows {
        try queue.read { db in
            ConsentRegistry.Rows(consents: try ConsentRegistry.ConsentRow.fetchAll(db),
                                 log: try ConsentRegistry.AccessRow.fetchAll(db),
                                 redemptions: try ConsentRegistry.RedemptionRow.fetchAll(db),
                                 failures: try ConsentRegistry.FailureRow.fetchAll(db),
                                 lockouts: try ConsentRegistry.LockoutRow.fetchAll(db))
        }
    }

    /// Saves one line of an access log (a read made with a consent's bearer).
    func save(_ line: ConsentRegistry.AccessRow) throws {
        try queue.write { db in try line.save(db) }
    }

    /// Replaces the saved consent codes with `rows`, in one transaction.
    func save(_ rows: ConsentRegistry.Rows) throws {
        try queue.write { db in
            for table in [ConsentRegistry.ConsentRow.self, ConsentRegistry.AccessRow.self, ConsentRegistry.RedemptionRow.self,
                          ConsentRegistry.FailureRow.self, ConsentRegistry.LockoutRow.self] as [any TableRecord.Type] {
                _ = try table.deleteAll(db)
            }
            for row in rows.consents { try row.insert(db) }
            for row in rows.log { try row.insert(db) }
            for row in rows.redemptions { try row.insert(db) }
            for row in rows.failures { try row.insert(db) }
            for row in rows.lockouts { try row.insert(db) }
        }
    }
}

extension OTPEntry: FetchableRecord, PersistableRecord {
    static let databaseTableName = "otp"
}

extension ConsentRegistry.ConsentRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent"
}

extension ConsentRegistry.AccessRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent_access"
}

extension ConsentRegistry.RedemptionRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent_redemption"
}

extension ConsentRegistry.FailureRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent_failure"
}

extension ConsentRegistry.LockoutRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent_lockout"
}
