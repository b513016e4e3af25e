import Foundation
import GRDB
import PHRModel

/// Read access inside a transaction (``Store/read(_:)``).
public struct StoreReader {
    let db: Database

    /// The record, filtered by `query`, newest first per kind.
    public func record(_ query: RecordQuery) throws -> HealthRecord {
        var r = HealthRecord()
        r.person = try person()
        let k = query.kinds
        if k.contains(.vitals) { r.vitals = try items(Vital.self, query) }
        if k.contains(.conditions) { r.conditions = try items(Condition.self, query) }
        if k.contains(.meds) { r.medications = try items(Medication.self, query) }
        if k.contains(.allergies) { r.allergies = try items(Allergy.self, query) }
        if k.contains(.vaccines) { r.immunizations = try items(Immunization.self, query) }
        if k.contains(.coverage) { r.coverage = try items(Coverage.self, query) }
        if k.contains(.encounters) { r.encounters = try items(Encounter.self, query) }
        if k.contains(.labs) { r.labs = try items(LabResult.self, query) }
        return r
    }

    /// The citizen's summary, if synced.
    public func person() throws -> Person? {
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM citizen WHERE id = 1") else { return nil }
        return try Coding.decoder.decode(Person.self, from: body)
    }

    func items<R: HealthRecordItem>(_ type: R.Type, _ q: RecordQuery) throws -> [R] {
        var condition = "1"
        var args: [any DatabaseValueConvertible] = []
        if let since = q.since { condition += " AND (sort_key IS NULL OR sort_key >= ?)"; args.append(since.sortKey) }
        if let unit = q.unit { condition += " AND unit = ?"; args.append(unit.value) }
        if R.kind == .labs, let test = q.test {
            condition += " AND " + Self.candidates(test.loinc.count)
            args += test.loinc
            return try items(R.self, where: condition, args).filter { ($0 as? LabResult)?.knownTest == test }.prefix(q.limit ?? .max).map { $0 }
        }
        return try items(R.self, where: condition, args, limit: q.limit)
    }

    /// SQL: the lab results that can be of a test with `count` LOINC codes (bound after it): a
    /// result's natural key starts with its test code, which is one of them, or a name (a result
    /// without a LOINC code, matched by name afterwards). A LOINC code ends in `-` and a digit.
    static func candidates(_ count: Int) -> String {
        let code = "substr(key, 1, instr(key, '|') - 1)"
        return "(\(code) IN (\(Array(repeating: "?", count: count).joined(separator: ","))) OR \(code) NOT GLOB '*-[0-9]')"
    }

    /// Records of one kind matching an SQL condition, newest first.
    func items<R: HealthRecordItem>(_ type: R.Type, where condition: String, _ args: [any DatabaseValueConvertible] = [],
                                    limit: Int? = nil) throws -> [R] {
        var out: [R] = []
        try forEach(R.self, where: condition, args, limit: limit) { out.append($0); return true }
        return out
    }

    /// Decodes the records of one kind matching an SQL condition, newest first, one at a time
    /// until `body` returns false (what is not needed is never decoded).
    func forEach<R: HealthRecordItem>(_ type: R.Type, where condition: String, _ args: [any DatabaseValueConvertible] = [],
                                      limit: Int? = nil, _ body: (R) throws -> Bool) throws {
        var sql = "SELECT body, fetched_at FROM \(R.kind.rawValue) WHERE \(condition) ORDER BY sort_key DESC, key"
        var args = args
        if let limit { sql += " LIMIT ?"; args.append(limit) }
        let decoder = Coding.decoder
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
        while let row = try rows.next() {
            var record = try decoder.decode(R.self, from: row[0] as Data)
            record.provenance.fetchedAt = Date(timeIntervalSince1970: row[1])
            guard try body(record) else { return }
        }
    }

    /// What the one-screen summary shows, read without decoding the whole record (a chronic
    /// patient has tens of thousands of rows): the person, chronic conditions (from the NCD
    /// registry), every dispensing of the ``CurrentMedicines/historyDays`` before the newest one
    /// (what current medicines are judged from), all allergies and vaccines, the newest 20 vital
    /// signs, 50 coverage rows and visit, the latest results of the key lab tests
    /// (``LabTest/keyTests``); plus the tally of all.
    public func summary() throws -> (record: HealthRecord, tally: RecordTally) {
        var r = HealthRecord()
        r.person = try person()
        r.conditions = try items(Condition.self, where: "key LIKE 'ncd|%'")
        // Every dispensing of the recent history current medicines are judged from.
        r.medications = try items(Medication.self, where: "sort_key >= (SELECT max(sort_key) FROM meds) - ?",
                                  [CurrentMedicines.historyDays * 86_400])
        r.allergies = try items(Allergy.self, where: "1")
        r.immunizations = try items(Immunization.self, where: "1")
        r.vitals = try items(Vital.self, where: "1", limit: 20)
        r.coverage = try items(Coverage.self, where: "1", limit: 50)
        r.encounters = try items(Encounter.self, where: "1", limit: 1)
        r.labs = try latestLabs(LabTest.keyTests)
        return (r, try tally())
    }

    /// Per test of `tests` (by their LOINC codes or the names labs send as a code, which start
    /// each lab's natural key): the newest result, and the newest comparable one
    /// (``LabResult/isComparable``) when that is an older one, newest first.
    func latestLabs(_ tests: [LabTest]) throws -> [LabResult] {
        var out: [LabResult] = []
        for test in tests {
            // The newest result of the test and, when it cannot be compared, the newest that can:
            // decoded newest first, up to the one that settles it.
            var newest: LabResult?
            try forEach(LabResult.self, where: Self.candidates(test.loinc.count), test.loinc) { result in
                guard result.knownTest == test else { return true }
                if newest == nil { newest = result; out.append(result); return !result.isComparable }
                guard result.isComparable else { return true }
                out.append(result)
                return false
            }
        }
        return out
    }

    /// Every record that carries a data-quality flag, newest (by plausible date) first per
    /// kind, with the person: what `phr show flags` lists.
    public func flagged() throws -> HealthRecord {
        let doubtful = "flags IS NOT NULL"
        return HealthRecord(person: try person(), vitals: try items(Vital.self, where: doubtful),
                            conditions: try items(Condition.self, where: doubtful), medications: try items(Medication.self, where: doubtful),
                            allergies: try items(Allergy.self, where: doubtful), immunizations: try items(Immunization.self, where: doubtful),
                            coverage: try items(Coverage.self, where: doubtful), encounters: try items(Encounter.self, where: doubtful),
                            labs: try items(LabResult.self, where: doubtful))
    }

    /// Rows and flagged rows per kind (kept by triggers: no table scan).
    public func tally() throws -> RecordTally {
        var tally = RecordTally()
        for row in try Row.fetchAll(db, sql: "SELECT kind, rows, flagged FROM tally") {
            guard let kind = RecordKind(rawValue: row[0]) else { continue }
            tally.counts[kind] = row[1]
            tally.flaggedCounts[kind] = row[2]
        }
        return tally
    }

    /// The citizen the store belongs to, if it is bound yet.
    public func owner() throws -> CitizenID? {
        try String.fetchOne(db, sql: "SELECT cid FROM owner WHERE id = 1").flatMap { try? CitizenID($0) }
    }

    /// Rows per kind.
    public func counts() throws -> [RecordKind: Int] {
        try tally().counts.merging(RecordKind.allCases.map { ($0, 0) }) { have, _ in have }
    }

    /// Sync state of `key` (an Action label or a per-encounter key).
    public func syncState(_ key: String) throws -> SyncState? {
        try Row.fetchOne(db, sql: "SELECT etag, hash, synced_at FROM sync_state WHERE key = ?", arguments: [key]).map {
            SyncState(etag: $0["etag"], hash: $0["hash"], syncedAt: Date(timeIntervalSince1970: $0["synced_at"]))
        }
    }

    /// Every sync-state key with a prefix (e.g. all per-encounter markers of an Action).
    public func syncStates(prefix: String) throws -> [String: SyncState] {
        var out: [String: SyncState] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, etag, hash, synced_at FROM sync_state WHERE key >= ? AND key < ?",
                                    arguments: [prefix, prefix + "\u{FFFF}"]) {
            out[row["key"]] = SyncState(etag: row["etag"], hash: row["hash"], syncedAt: Date(timeIntervalSince1970: row["synced_at"]))
        }
        return out
    }

    /// The saved login session (opaque to the store), if any.
    public func session() throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT body FROM session WHERE id = 1")
    }

    /// Consents kept on this computer (bodies as saved, and when each was saved), oldest first.
    public func shares() throws -> [(body: Data, savedAt: Date)] {
        try Row.fetchAll(db, sql: "SELECT body, created_at FROM consent_share ORDER BY created_at, rowid").map {
            (body: $0["body"], savedAt: Date(timeIntervalSince1970: $0["created_at"]))
        }
    }

    /// The newest audit entries.
    public func audit(limit: Int = 50) throws -> [(at: Date, event: String, detail: String?)] {
        try Row.fetchAll(db, sql: "SELECT at, event, detail FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
            (Date(timeIntervalSince1970: $0["at"]), $0["event"], $0["detail"])
        }
    }
}

/// Write access inside one transaction (``Store/write(_:)``).
public struct StoreWriter {
    let db: Database

    public var reader: StoreReader { StoreReader(db: db) }

    /// Inserts or updates records by natural key. Unchanged records (same content, ignoring
    /// when they were fetched) are not rewritten.
    @discardableResult
    public func upsert<R: HealthRecordItem>(_ records: [R]) throws -> UpsertCounts {
        var counts = UpsertCounts()
        let table = R.kind.rawValue
        let lookup = try db.cachedStatement(sql: "SELECT hash FROM \(table) WHERE key = ?")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(table)(key, sort_key, unit, action, source_ref, fetched_at, flags, hash, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET sort_key = excluded.sort_key, unit = excluded.unit, action = excluded.action,
              source_ref = excluded.source_ref, fetched_at = excluded.fetched_at, flags = excluded.flags,
              hash = excluded.hash, body = excluded.body
            """)
        let encoder = Coding.encoder
        for record in records {
            let key = record.naturalKey
            // The body is stored without its fetch time (kept in `fetched_at`), so one encoding
            // gives both the stored JSON and the hash that tells "unchanged".
            var timeless = record
            timeless.provenance.fetchedAt = Date(timeIntervalSince1970: 0)
            let body = try encoder.encode(timeless)
            let hash = Coding.hash(body)
            let old = try Int64.fetchOne(lookup, arguments: [key])
            if old == hash { counts.unchanged += 1; continue }
            if old == nil { counts.new += 1 } else { counts.updated += 1 }
            let flags = record.flags.isEmpty ? nil : record.flags.map(\.kind.rawValue).joined(separator: ",")
            try insert.execute(arguments: [key, record.sortDate?.sortKey, record.provenance.unit?.value, record.provenance.action,
                                           record.provenance.sourceRef, record.provenance.fetchedAt.timeIntervalSince1970,
                                           flags, hash, body])
        }
        return counts
    }

    /// Binds the store to `citizen` if it belongs to nobody yet; throws
    /// ``StoreError/otherCitizen(owner:given:)`` for anyone else.
    public func claim(_ citizen: CitizenID) throws {
        if let owner = try reader.owner() {
            guard owner == citizen else { throw StoreError.otherCitizen(owner: owner, given: citizen) }
            return
        }
        try db.execute(sql: "INSERT INTO owner(id, cid, bound_at) VALUES (1, ?, ?)", arguments: [citizen.digits, Date().timeIntervalSince1970])
    }

    /// Saves the citizen's summary; returns whether it changed. A summary of anyone but the
    /// store's citizen is refused (``claim(_:)``).
    @discardableResult
    public func savePerson(_ person: Person) throws -> Bool {
        try claim(person.cid)
        var timeless = person
        timeless.provenance.fetchedAt = Date(timeIntervalSince1970: 0)
        let hash = Coding.hash(try Coding.encoder.encode(timeless))
        if try Int64.fetchOne(db, sql: "SELECT hash FROM citizen WHERE id = 1") == hash { return false }
        try db.execute(sql: """
            INSERT INTO citizen(id, cid, hash, fetched_at, body) VALUES (1, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET cid = excluded.cid, hash = excluded.hash, fetched_at = excluded.fetched_at, body = excluded.body
            """, arguments: [person.cid.digits, hash, person.provenance.fetchedAt.timeIntervalSince1970, try Coding.encoder.encode(person)])
        return true
    }

    /// Records that `key` was synced (with the server's ETag and/or a content hash).
    public func setSyncState(_ key: String, _ state: SyncState) throws {
        try db.execute(sql: """
            INSERT INTO sync_state(key, etag, hash, synced_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, hash = excluded.hash, synced_at = excluded.synced_at
            """, arguments: [key, state.etag, state.hash, state.syncedAt.timeIntervalSince1970])
    }

    /// Forgets every sync state (the next sync fetches everything again).
    public func clearSyncState() throws {
        try db.execute(sql: "DELETE FROM sync_state")
    }

    /// Saves the login session (already serialised by the caller).
    public func saveSession(_ body: Data) throws {
        try db.execute(sql: "INSERT INTO session(id, body, saved_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
                       arguments: [body, Date().timeIntervalSince1970])
    }

    /// Keeps a consent (with its code when it was created on this computer), as of now.
    public func saveShare(id: String, body: Data) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO consent_share(code_id, body, created_at) VALUES (?, ?, ?)",
                       arguments: [id, body, Date().timeIntervalSince1970])
    }

    /// Deletes the login session.
    public func clearSession() throws {
        try db.execute(sql: "DELETE FROM session")
    }

    /// Appends an audit entry. `detail` must not hold health data, tokens or OTPs.
    public func audit(_ event: String, _ detail: String? = nil) throws {
        try db.execute(sql: "INSERT INTO audit(at, event, detail) VALUES (?, ?, ?)", arguments: [Date().timeIntervalSince1970, event, detail])
    }
}

/// When a sync key was last fetched, and what it looked like.
public struct SyncState: Sendable, Equatable {
    public var etag: String?
    /// A content hash of what was fetched (e.g. an Encounter row, to refetch its details only
    /// when it changed).
    public var hash: Int64?
    public var syncedAt: Date

    public init(etag: String? = nil, hash: Int64? = nil, syncedAt: Date = Date()) {
        self.etag = etag; self.hash = hash; self.syncedAt = syncedAt
    }
}

/// JSON coding of stored values, and the content hash.
public enum Coding {
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]   // stable bytes, so equal records hash equal
        e.dateEncodingStrategy = .secondsSince1970
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }

    /// FNV-1a 64 of `data`: change detection, not security.
    public static func hash(_ data: Data) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return Int64(bitPattern: h)
    }
}
