import Foundation
import PHRModel
import Testing
@testable import PHRStore

/// The outbox of home readings and the visit reports, in a real encrypted store.
@Suite(.serialized) struct OutboxTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phr-outbox-\(UUID().uuidString.prefix(8))")
    var path: String { dir.appendingPathComponent("phr.db").path }
    let key = StoreKey.passphrase("correct horse battery staple ม้า")

    static func observations(day: Int) throws -> [SelfObservation] {
        try SelfReading(kind: .bp, text: "135/85", pulse: 72)
            .observations(takenAt: CivilDateTime(year: 2025, month: 3, day: day, hour: 7, minute: 0, second: 0), device: nil)
    }

    @Test func aSavedReadingWaitsAcrossReopeningUntilMarkedSentAndStaysListed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let older = try Self.observations(day: 1), newer = try Self.observations(day: 2)
        let store = try Store.create(at: path, key: key)
        try store.write { try $0.queue(newer + older) }
        store.close()

        let reopened = try Store.open(at: path, key: key)
        defer { reopened.close() }
        let pending = try reopened.read { try $0.pendingObservations() }
        #expect(pending.map(\.observation) == older.sorted { $0.refCode < $1.refCode } + newer.sorted { $0.refCode < $1.refCode },
                "oldest first, all of them, as saved")
        try reopened.write { w in
            for o in older { try w.markSent(o.refCode) }
            try w.markFailed(newer[0].refCode, reason: "server unreachable")
        }
        let after = try reopened.read { try $0.pendingObservations() }
        #expect(Set(after.map(\.observation.refCode)) == Set(newer.map(\.refCode)))
        #expect(after.first { $0.observation.refCode == newer[0].refCode }?.lastError == "server unreachable")
        let all = try reopened.read { try $0.homeObservations() }
        #expect(all.count == 6 && all.filter { $0.sentAt != nil }.count == 3, "sent readings stay as history")
        #expect(all.first?.observation.takenAt.day == 2, "newest first")
    }

    @Test func theSameRefCodeCannotBeSavedTwice() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.create(at: path, key: key)
        defer { store.close() }
        let obs = try Self.observations(day: 1)
        try store.write { try $0.queue(obs) }
        #expect(throws: StoreError.self) { try store.write { try $0.queue([obs[0]]) } }
        #expect(try store.read { try $0.pendingObservations() }.count == 3, "the failed write left the outbox as it was")
    }

    @Test func aVisitReportIsKeptReplacedAndRemoved() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.create(at: path, key: key)
        defer { store.close() }
        try store.write { try $0.saveVisitReport(VisitReport(visit: "10669:1", reason: "not mine", reportedAt: Date(timeIntervalSince1970: 1))) }
        try store.write { try $0.saveVisitReport(VisitReport(visit: "10669:1", reason: "wrong day", reportedAt: Date(timeIntervalSince1970: 2))) }
        #expect(try store.read { try $0.visitReports() }.map(\.reason) == ["wrong day"])
        try store.write { try $0.removeVisitReport("10669:1") }
        #expect(try store.read { try $0.visitReports() }.isEmpty)
    }
}
