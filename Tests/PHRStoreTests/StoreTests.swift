import Foundation
import PHRModel
import GRDB
import Testing
@testable import PHRStore

/// Real files through the real VFS, checked against an independent SQLCipher 4 implementation.
@Suite(.serialized) struct StoreTests {
    let dir: URL
    var path: String { dir.appendingPathComponent("phr.db").path }
    let passphrase = "correct horse battery staple ม้า"

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("phr-store-\(UUID().uuidString.prefix(8))")
    }

    static func vital(_ day: Int, sys: Double, unit: String = "10699", marker: String = "") -> Vital {
        Vital(takenAt: SourceDate(original: "2024-01-\(String(format: "%02d", day))T09:00:00",
                                  value: CivilDateTime(year: 2024, month: 1, day: day, hour: 9, minute: 0, second: 0)),
              systolic: sys, diastolic: 80,
              provenance: Provenance(unit: HospitalCode(unit), unitName: marker, action: "VitalSign", sourceRef: "\(unit):\(day)",
                                     fetchedAt: Date()))
    }

    @Test func upsertCountsAndNewestFirst() throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        let first = try store.write { try $0.upsert([Self.vital(1, sys: 120), Self.vital(2, sys: 130)]) }
        #expect(first == UpsertCounts(new: 2))
        let again = try store.write { try $0.upsert([Self.vital(1, sys: 120), Self.vital(2, sys: 135), Self.vital(3, sys: 140)]) }
        #expect(again == UpsertCounts(new: 1, updated: 1, unchanged: 1))
        let record = try store.record(RecordQuery(kinds: [.vitals], limit: 2))
        #expect(record.vitals.map(\.systolic) == [140, 135])
        #expect(try store.record(RecordQuery(kinds: [.vitals], since: CivilDateTime(year: 2024, month: 1, day: 2))).vitals.count == 2)
        #expect(try store.check().isEmpty)
        store.close()
        let header = try #require(FileManager.default.contents(atPath: path)).prefix(16)
        #expect(header != Data("SQLite format 3\0".utf8), "the file starts with its random salt, not a plaintext header")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try? FileManager.default.removeItem(at: dir)
    }

    /// The trigger-kept tally equals a full count after inserts, updates that add or clear
    /// flags, and unchanged re-upserts.
    @Test func tallyMatchesACountOfEveryRow() throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        var vitals = (1...12).map { Self.vital($0, sys: 120) }
        try store.write { _ = try $0.upsert(vitals) }
        vitals[3].flags = [QualityFlag(.implausibleValue, field: "sys", detail: "x")]
        vitals[5].flags = [QualityFlag(.implausibleValue, field: "sys", detail: "y")]
        try store.write { _ = try $0.upsert(vitals) }
        vitals[3].flags = []
        try store.write { _ = try $0.upsert(vitals + [Self.vital(20, sys: 130)]) }
        let (tally, scanned, flagged) = try store.read { r in
            (try r.tally(), try Int.fetchOne(r.db, sql: "SELECT count(*) FROM vitals"), try Int.fetchOne(r.db, sql: "SELECT count(flags) FROM vitals"))
        }
        #expect(tally.counts[.vitals] == 13 && scanned == 13)
        #expect(tally.flagged == 1 && flagged == 1)
        #expect(tally.counts[.meds] == 0)
    }

    static let mother = try! CitizenID("1-1017-00230-70-8")
    static let child = try! CitizenID(prefix12: [1, 1, 0, 1, 7, 0, 0, 2, 3, 0, 7, 1])

    static func person(_ cid: CitizenID) -> Person {
        Person(cid: cid, birthDate: SourceDate(original: "1980-01-01", value: CivilDateTime(year: 1980, month: 1, day: 1)),
               provenance: Provenance(action: "PatientSummary", fetchedAt: Date()))
    }

    /// Given a store that received the mother's record, when the child's summary or a claim for
    /// the child comes, then it is refused naming both, and the mother's record is untouched.
    @Test func aStoreBelongsToTheCitizenOfItsFirstClaimAndRefusesAnother() throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(try store.owner() == nil, "a new store belongs to nobody")
        try store.check(citizen: Self.child)   // nobody's yet: anyone may log in
        try store.claim(for: Self.mother)
        try store.claim(for: Self.mother)      // the same citizen again is fine
        try store.write { _ = try $0.savePerson(Self.person(Self.mother)) }
        let refused = StoreError.otherCitizen(owner: Self.mother, given: Self.child)
        #expect(throws: refused) { try store.check(citizen: Self.child) }
        #expect(throws: refused) { try store.claim(for: Self.child) }
        #expect(throws: refused) { try store.write { _ = try $0.savePerson(Self.person(Self.child)) } }
        #expect(try store.read { try $0.person() }?.cid == Self.mother)
        #expect(try store.owner() == Self.mother)
    }

    /// A store made before stores had owners belongs to the person it already holds, and its
    /// doubtful dates are re-sorted by their plausible date.
    @Test func aStoreFromBeforeOwnersBelongsToThePersonItHoldsAndIsResorted() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = try Store.encryptedQueue(path: path, key: .passphrase(passphrase))
        try Schema.migrator.migrate(old, upTo: "v2-tally")
        let start = ThaiDateParser(now: CivilDateTime(year: 2026, month: 11, day: 24)).parse("1479-08-02T09:00:00", field: "period_start")
        let visit = Encounter(ref: "10699:1", start: start, end: SourceDate(original: "", value: nil),
                              provenance: Provenance(action: "Encounter", fetchedAt: Date(timeIntervalSince1970: 0)), flags: start.flags)
        try old.write { db in
            try db.execute(sql: "INSERT INTO citizen(id, cid, hash, fetched_at, body) VALUES (1, ?, x'00', 0, ?)",
                           arguments: [Self.mother.digits, try JSONEncoder().encode(Self.person(Self.mother))])
            try db.execute(sql: "INSERT INTO encounters(key, sort_key, action, fetched_at, flags, hash, body) VALUES (?, ?, 'Encounter', 0, 'double-converted-year', 1, ?)",
                           arguments: [visit.naturalKey, start.value!.sortKey, try Coding.encoder.encode(visit)])
        }
        try old.close()
        let store = try Store.open(at: path, key: .passphrase(passphrase))
        defer { store.close() }
        #expect(try store.owner() == Self.mother)
        #expect(throws: StoreError.otherCitizen(owner: Self.mother, given: Self.child)) { try store.claim(for: Self.child) }
        let sortKey = try store.read { try Int.fetchOne($0.db, sql: "SELECT sort_key FROM encounters") }
        #expect(sortKey == CivilDateTime(year: 2022, month: 8, day: 2, hour: 9, minute: 0, second: 0).sortKey)
    }

    /// A doubtful date sorts and filters by its plausible date (1479 as 2022, 2565 in a CE
    /// field as 2022); one with no plausible date is kept by every date filter.
    @Test func doubtfulDatesSortByTheirPlausibleDateAndSayWhichAreFlagged() throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        let parser = ThaiDateParser(now: CivilDateTime(year: 2026, month: 11, day: 24))
        func visit(_ ref: String, _ text: String) -> Encounter {
            let start = parser.parse(text, field: "period_start")
            return Encounter(ref: ref, start: start, end: SourceDate(original: "", value: nil),
                             provenance: Provenance(unit: HospitalCode("10699"), action: "Encounter", sourceRef: ref, fetchedAt: Date()),
                             flags: start.flags)
        }
        try store.write { w in
            _ = try w.upsert([visit("a", "2016-05-01T09:00:00"), visit("b", "1479-08-02T09:00:00"), visit("c", "2023-01-05T10:00:00"),
                              visit("d", "2565-03-01T08:00:00"), visit("e", "2099-01-01T00:00:00")])
        }
        let all = try store.record(RecordQuery(kinds: [.encounters])).encounters.map(\.ref)
        #expect(all == ["c", "b", "d", "a", "e"], "2023, Aug 2022 (sent 1479), Mar 2022 (sent 2565), 2016, then the one without a plausible date")
        let since = try store.record(RecordQuery(kinds: [.encounters], since: CivilDateTime(year: 2020, month: 1, day: 1))).encounters.map(\.ref)
        #expect(since == ["c", "b", "d", "e"], "a date filter uses the plausible date and never drops an undatable record")
        let flagged = try store.read { try $0.flagged() }
        #expect(flagged.encounters.map(\.ref) == ["b", "d", "e"])
        #expect(try store.read { try $0.tally() }.flaggedCounts[.encounters] == 3)
    }

    @Test func wrongPassphraseIsDistinct() throws {
        try Store.create(at: path, key: .passphrase(passphrase)).close()
        #expect(throws: StoreError.wrongKeyOrNotAStore) { try Store.open(at: path, key: .passphrase("wrong")) }
        let reopened = try Store.open(at: path, key: .passphrase(passphrase))
        reopened.close()
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func noPlaintextOnDiskAndOracleReadsIt() throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        try store.write { try $0.upsert((1...28).map { Self.vital($0, sys: 120, marker: "MARKER-ความดัน-\($0)") }) }
        // Before close: the WAL holds the pages.
        for suffix in ["", "-wal", "-journal"] {
            guard let bytes = FileManager.default.contents(atPath: path + suffix) else { continue }
            #expect(bytes.range(of: Data("MARKER".utf8)) == nil, "plaintext in phr.db\(suffix)")
            #expect(bytes.range(of: Data("ความดัน".utf8)) == nil, "Thai plaintext in phr.db\(suffix)")
        }
        store.close()
        let out = try oracle(["read", path, passphrase, "SELECT count(*) FROM vitals"])
        #expect(out.status == 0)
        #expect(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[28]")
        #expect(try oracle(["read", path, "wrong", "SELECT 1"]).status == 2)
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func opensAFileWrittenBySQLCipher() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(try oracle(["write", path, passphrase]).status == 0)
        let store = try Store.open(at: path, key: .passphrase(passphrase))
        let text = try store.read { r in try String.fetchOne(r.db, sql: "SELECT text FROM marker") }
        #expect(text == "written by SQLCipher 4 ม้า")
        store.close()
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func flippedByteIsReportedAsDamageNamingThePage() throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        try store.write { try $0.upsert((1...28).map { Self.vital($0, sys: 120, marker: String(repeating: "x", count: 300)) }) }
        store.close()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        #expect(size >= 4096 * 4)
        let lastPage = Int(size / 4096)
        try handle.seek(toOffset: UInt64(lastPage - 1) * 4096 + 100)
        let byte = try handle.read(upToCount: 1)!
        try handle.seek(toOffset: UInt64(lastPage - 1) * 4096 + 100)
        handle.write(Data([byte[0] ^ 0x01]))
        try handle.close()
        // Whether the damaged page is needed to open the store or only when read, the error
        // names it; the store never opens silently with bad data.
        var problems: [String]
        do throws(StoreError) {
            let reopened = try Store.open(at: path, key: .passphrase(passphrase))
            problems = try reopened.check()
            reopened.close()
        } catch {
            guard case .damaged(let what) = error else { throw error }
            problems = [what]
        }
        #expect(problems.contains { $0.contains("page \(lastPage) failed its HMAC check") }, "\(problems)")
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func rawKeyOpensAndRekeyChangesThePassphrase() throws {
        try Store.create(at: path, key: .passphrase(passphrase)).close()
        let raw = try #require(Cipher.rawKey(path: path, passphrase: passphrase))
        try Store.open(at: path, key: .raw(hex: raw)).close()
        try Store.rekey(at: path, from: .passphrase(passphrase), to: "new passphrase")
        #expect(throws: StoreError.wrongKeyOrNotAStore) { try Store.open(at: path, key: .passphrase(passphrase)) }
        try Store.open(at: path, key: .passphrase("new passphrase")).close()
        #expect(try oracle(["read", path, "new passphrase", "SELECT count(*) FROM vitals"]).stdout.contains("[0]"))
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func truncatedForeignAndPage1DamageAreClearErrors() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A plain SQLite file is "not a phr store".
        let plain = dir.appendingPathComponent("plain.db").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [plain, "CREATE TABLE t(x); INSERT INTO t VALUES (1);"]
        try p.run(); p.waitUntilExit()
        #expect(throws: StoreError.wrongKeyOrNotAStore) { try Store.open(at: plain, key: .passphrase(passphrase)) }
        // A text file too.
        let text = dir.appendingPathComponent("notes.db").path
        try Data(String(repeating: "not a database ", count: 600).utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: StoreError.wrongKeyOrNotAStore) { try Store.open(at: text, key: .passphrase(passphrase)) }
        // Page 1 flipped: indistinguishable from a wrong key, and said so; nothing is written.
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        try store.write { try $0.upsert((1...28).map { Self.vital($0, sys: 120) }) }
        store.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[200] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.wrongKeyOrNotAStore) { try Store.open(at: path, key: .passphrase(passphrase)) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "a failed open changes nothing")
        // Truncated in the middle of a page: a clear error, no crash.
        bytes[200] ^= 0x40
        try bytes.prefix(bytes.count - 4096 - 1000).write(to: URL(fileURLWithPath: path))
        var problems: [String] = []
        do throws(StoreError) {
            let s = try Store.open(at: path, key: .passphrase(passphrase))
            problems = try s.check()
            s.close()
        } catch {
            problems = ["\(error)"]
        }
        #expect(!problems.isEmpty, "a truncated store is reported")
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func flippedByteInTheWALIsCaught() throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        try store.write { try $0.upsert((1...20).map { Self.vital($0, sys: 120) }) }
        // Leave the pages in the WAL (no checkpoint), as after a crash, and damage one frame.
        let wal = path + "-wal"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: wal))
        #expect(bytes.count > 32 + 4120 * 2)
        bytes[32 + 4120 + 24 + 500] ^= 0x01   // data of the second frame
        try bytes.write(to: URL(fileURLWithPath: wal))
        let copy = dir.appendingPathComponent("copy.db").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: wal, toPath: copy + "-wal")
        store.close()
        var problems: [String] = []
        do throws(StoreError) {
            let reopened = try Store.open(at: copy, key: .passphrase(passphrase))
            problems = try reopened.check()
            reopened.close()
        } catch {
            problems = ["\(error)"]
        }
        #expect(problems.contains { $0.contains("HMAC") || $0.contains("damaged") || $0.contains("wrongKey") }, "\(problems)")
        try? FileManager.default.removeItem(at: dir)
    }

    /// kill -9 in the middle of large write transactions, 50 times: every time the store opens,
    /// passes its integrity and HMAC checks, holds only whole transactions, and keeps every
    /// transaction committed before the kill. The writer is a child process (an exit test) that
    /// SIGKILLs itself after a random delay while it replaces ~1 MB batches in a loop.
    @Test func killDashNineDuringLargeWritesLosesNothingCommitted() async throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        try store.write { try $0.db.execute(sql: "CREATE TABLE crash(batch INTEGER NOT NULL, i INTEGER NOT NULL, pad TEXT NOT NULL)") }
        store.close()
        let raw = try #require(Cipher.rawKey(path: path, passphrase: passphrase))
        let path = self.path
        var committed = 0
        for round in 1...50 {
            await #expect(processExitsWith: .signal(SIGKILL)) { [path = path as String, raw = raw as String] in
                let store = try Store.open(at: path, key: .raw(hex: raw))
                let delay = UInt32.random(in: 5_000...300_000)
                Thread.detachNewThread { usleep(delay); kill(getpid(), SIGKILL) }
                let pad = String(repeating: "ข้อมูลสุขภาพ", count: 12)
                while true {
                    try store.write { w in
                        let next = (try Int.fetchOne(w.db, sql: "SELECT max(batch) FROM crash") ?? 0) + 1
                        try w.db.execute(sql: "DELETE FROM crash WHERE batch < ?", arguments: [next - 1])
                        let insert = try w.db.makeStatement(sql: "INSERT INTO crash VALUES (?, ?, ?)")
                        for i in 0..<5000 { try insert.execute(arguments: [next, i, pad]) }
                    }
                }
            }
            let reopened = try Store.open(at: path, key: .raw(hex: raw))
            let problems = try reopened.check()
            #expect(problems.isEmpty, "round \(round): \(problems)")
            let batches = try reopened.read { r in
                try Row.fetchAll(r.db, sql: "SELECT batch, count(*) FROM crash GROUP BY batch ORDER BY batch").map { ($0[0] as Int, $0[1] as Int) }
            }
            reopened.close()
            #expect(batches.allSatisfy { $0.1 == 5000 }, "round \(round): a partial transaction survived: \(batches)")
            let newest = batches.last?.0 ?? 0
            #expect(newest >= committed, "round \(round): committed batch \(committed) was lost")
            let expected = newest == 0 ? [] : Array(max(1, newest - 1)...newest)   // the writer keeps two batches
            #expect(batches.map(\.0) == expected, "round \(round): \(batches)")
            committed = newest
        }
        #expect(committed > 0, "some transactions committed before their kill")
        try? FileManager.default.removeItem(at: dir)
    }

    // MARK: Labs

    static func lab(_ loinc: String, _ name: String, _ value: Double, day: Int, unit: String = "mg/dL",
                    flags: [QualityFlag] = []) -> LabResult {
        LabResult(test: Code(system: CodeSystem.loinc, value: loinc), name: name,
                  issuedAt: SourceDate(original: "2025-01-\(String(format: "%02d", day))T10:00:00",
                                       value: CivilDateTime(year: 2025, month: 1, day: day, hour: 10, minute: 0, second: 0)),
                  value: value, unit: unit,
                  provenance: Provenance(unit: HospitalCode("10699"), action: "Observation&mode=Encounter", sourceRef: "10699:\(day)",
                                         fetchedAt: Date()),
                  flags: flags)
    }

    /// A store made before labs existed (every migration up to v4) opens with its records and
    /// a labs table counted by the tally; a new store's first migration makes exactly the seven
    /// tables it always made, whatever kinds exist today.
    @Test func aStoreFromBeforeLabsGainsALabsTableAndKeepsItsRecords() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = try Store.encryptedQueue(path: path, key: .passphrase(passphrase))
        try Schema.migrator.migrate(old, upTo: "v1")
        let firstTables = try old.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%' ORDER BY name") }
        #expect(firstTables == ["allergies", "audit", "citizen", "conditions", "consent_share", "coverage", "encounters", "meds",
                                "session", "sync_state", "vaccines", "vitals"], "v1 is frozen: no labs table")
        try Schema.migrator.migrate(old, upTo: "v4-plausible-sort")
        let vital = Self.vital(3, sys: 150)
        try old.write { db in
            try db.execute(sql: "INSERT INTO vitals(key, sort_key, unit, action, fetched_at, hash, body) VALUES (?, ?, '10699', 'VitalSign', 0, 1, ?)",
                           arguments: [vital.naturalKey, vital.sortDate!.sortKey, try Coding.encoder.encode(vital)])
        }
        try old.close()
        let store = try Store.open(at: path, key: .passphrase(passphrase))
        defer { store.close() }
        #expect(try store.record(RecordQuery(kinds: [.vitals])).vitals.map(\.systolic) == [150])
        let tally = try store.read { try $0.tally() }
        #expect(tally.counts[.labs] == 0 && tally.counts[.vitals] == 1)
        try store.write { _ = try $0.upsert([Self.lab("4548-4", "HbA1C", 7.1, day: 2)]) }
        #expect(try store.read { try $0.tally() }.counts[.labs] == 1, "the tally counts labs by trigger")
        #expect(try store.check().isEmpty)
    }

    /// The summary reads the newest result of each key test from the whole store — and, when
    /// the newest is doubtful, the newest comparable one too; `--test` picks one test by its
    /// LOINC codes, and by the lab's name for a result without one.
    @Test func theSummaryHasTheLatestKeyResultsAndATestFilterPicksOneTest() throws {
        let store = try Store.create(at: path, key: .passphrase(passphrase))
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        let otherUnit = QualityFlag(.unexpectedUnit, field: "observation_unit", detail: "mmol/mol")
        var noLoinc = Self.lab("", "HbA1c", 6.9, day: 1, unit: "%")
        noLoinc.test = Code(system: CodeSystem.labName, value: "HbA1c")
        try store.write { w in
            _ = try w.upsert([Self.lab("4548-4", "HbA1C", 7.4, day: 3, unit: "%"), Self.lab("4548-4", "HbA1C", 7.9, day: 10, unit: "%"),
                              Self.lab("59261-8", "HbA1C", 58, day: 20, unit: "mmol/mol", flags: [otherUnit]), noLoinc,
                              Self.lab("62238-1", "eGFR", 48, day: 10, unit: "mL/min/1.73m2"), Self.lab("2345-7", "Glucose", 130, day: 20)])
        }
        let latest = try store.read { try $0.summary() }.record.labs
        #expect(latest.map(\.value) == [58, 7.9, 48], "HbA1c: the newest (another unit) and the newest comparable; eGFR; no LDL")
        let hba1c = try store.record(RecordQuery(kinds: [.labs], test: LabTest.named("hba1c")))
        #expect(hba1c.labs.map(\.value) == [58, 7.9, 7.4, 6.9], "every HbA1c, coded or named, newest first")
        #expect(try store.record(RecordQuery(kinds: [.labs], limit: 2, test: LabTest.named("a1c"))).labs.count == 2)
        #expect(try store.record(RecordQuery(kinds: [.labs], test: LabTest.named("ldl"))).labs.isEmpty)
    }

    func oracle(_ args: [String]) throws -> (status: Int32, stdout: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Oracle/sqlcipher_oracle.py").path] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
