import Foundation
import PHRClient
import PHRModel
import PHRWire
import Testing
@testable import PHRSandbox

/// What citizens write (phr-api.md §8): SelfObservation and ReportEncounter, over real HTTP with
/// `phr`'s own client, against the sandbox's persisted state.
@Suite(.serialized) struct WriteRouteTests {
    static func reading(_ cid: CitizenID, person: PHRModel.Person? = nil) -> (SelfObservation, SelfObservationBody) {
        let o = SelfObservation(refCode: SelfObservation.newGUID(), readingID: SelfObservation.newGUID(), measure: .systolic,
                                value: 135, takenAt: CivilDateTime(year: 2025, month: 3, day: 4, hour: 7, minute: 30, second: 0),
                                device: "Omron HEM-7120")
        return (o, SelfObservationBody(o, cid: cid, person: person, system: "phr test"))
    }

    /// The citizen's SelfObservation rows, read with `{cid, otp}` as `phr` reads.
    static func rows(_ service: PHRService, _ credential: Credential) async throws -> [[String: Any]] {
        let reply = try await service.read(action: "SelfObservation", as: credential)
        let envelope = try Envelope(data: try #require(reply.body))
        return try #require(envelope.result as? [[String: Any]])
    }

    @Test func aRepeatedObservationRefCodeIsKeptOnceAndSurvivesARestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sbx-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        var cid = ""
        var sent: SelfObservationBody?
        try await LiveSandbox.with(dataDir: dir) { live in
            let service = try ServiceFlowTests.service(live)
            defer { Task { await service.transport.shutdown() } }
            cid = live.cid(.adult)
            let token = try await service.clientToken(ServiceFlowTests.account)
            let (_, body) = Self.reading(try CitizenID(cid))
            sent = body
            // The same reading three times: a retry after a lost answer, a crash before it was marked sent.
            for _ in 0..<3 { try await service.sendSelfObservation(body, clientToken: token) }
            let otp = try await live.otp(cid, token: token)
            let rows = try await Self.rows(service, .otp(cid: cid, otp: otp, clientToken: token))
            #expect(rows.count == 1)
            #expect(rows.first?["observation_ref_code"] as? String == body.observationRefCode)
            #expect(rows.first?["loinc_code"] as? String == "8480-6")
            #expect(rows.first?["observation_value"] as? String == "135")
            #expect(rows.first?["observation_unit"] as? String == "mm[Hg]")
            #expect(rows.first?["effective_datetime"] as? String == "2025-03-04T07:30:00.000")
            #expect(Set(rows.first?.keys.map { $0 } ?? []) == Set(SelfObservationRow.fieldNames))
        }
        // Restarted on the same data dir: the row is still there, and a late retry still counts once.
        try await LiveSandbox.with(dataDir: dir) { live in
            let service = try ServiceFlowTests.service(live)
            defer { Task { await service.transport.shutdown() } }
            let token = try await service.clientToken(ServiceFlowTests.account)
            try await service.sendSelfObservation(try #require(sent), clientToken: token)
            let otp = try await live.otp(cid, token: token)
            #expect(try await Self.rows(service, .otp(cid: cid, otp: otp, clientToken: token)).count == 1)
        }
    }

    @Test func anUploadNeedsTheClientsAccountCenterJWTAndSPECsFields() async throws {
        try await LiveSandbox.with { live in
            let service = try ServiceFlowTests.service(live)
            defer { Task { await service.transport.shutdown() } }
            let cid = try CitizenID(live.cid(.adult))
            let (_, body) = Self.reading(cid)
            await #expect(throws: ClientError.sessionExpired) { try await service.sendSelfObservation(body, clientToken: "not.a.jwt") }
            let token = try await service.clientToken(ServiceFlowTests.account)
            var unbraced = body
            unbraced.observationRefCode = "8C0E5A2B-1111-2222-3333-444455556666"
            var noValue = body
            noValue.observation.observationValue = ""
            var badTime = body
            badTime.observation.effectiveDatetime = "yesterday"
            for bad in [unbraced, noValue, badTime] {
                do {
                    try await service.sendSelfObservation(bad, clientToken: token)
                    Issue.record("a body without \(bad) was accepted")
                } catch {
                    guard case ClientError.refused(let status, _, _)? = error as? ClientError else { Issue.record("\(error)"); continue }
                    #expect(status == 400)
                }
            }
        }
    }

    @Test func aClinicReadsHomeReadingsOnlyUnderAConsentThatIncludesVitals() async throws {
        try await LiveSandbox.with { live in
            let service = try ServiceFlowTests.service(live)
            defer { Task { await service.transport.shutdown() } }
            let cid = live.cid(.adult)
            let token = try await service.clientToken(ServiceFlowTests.account)
            try await service.sendSelfObservation(Self.reading(try CitizenID(cid)).1, clientToken: token)
            let otp = try await live.otp(cid, token: token)
            let citizen = Credential.otp(cid: cid, otp: otp, clientToken: token)
            for (kinds, readable) in [([RecordKind.vitals, .meds], true), ([RecordKind.meds], false)] {
                let consent = try await service.createConsent(.init(kinds: kinds, audience: nil, lifetime: 3600, maxUses: nil), as: citizen)
                let code = try ConsentCode(try #require(consent.code))
                let redeemed = try await service.redeemConsent(cid: try CitizenID(cid), code: code, clientToken: token)
                let clinic = Credential.bearer(cid: cid, token: redeemed.accessToken)
                if readable {
                    #expect(try await Self.rows(service, clinic).count == 1)
                } else {
                    await #expect(throws: ClientError.self) { _ = try await Self.rows(service, clinic) }
                }
            }
        }
    }

    @Test func reportEncounterCountsAddsAndDeletesPerCitizenAndSurvivesARestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sbx-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        var cid = ""
        try await LiveSandbox.with(dataDir: dir) { live in
            let service = try ServiceFlowTests.service(live)
            defer { Task { await service.transport.shutdown() } }
            cid = live.cid(.adult)
            let token = try await service.clientToken(ServiceFlowTests.account)
            let me = Credential.otp(cid: cid, otp: try await live.otp(cid, token: token), clientToken: token)
            #expect(try await service.reportEncounter(.list, as: me) == 0)
            #expect(try await service.reportEncounter(.add, visit: "10669:661", reason: "ไม่ใช่ของฉัน", as: me) == 1)
            #expect(try await service.reportEncounter(.add, visit: "10669:661", reason: "again", as: me) == 1, "one report per visit")
            #expect(try await service.reportEncounter(.add, visit: "10669:662", reason: "wrong day", as: me) == 2)
            await #expect(throws: ClientError.self) { _ = try await service.reportEncounter(.add, visit: "10669:663", reason: " ", as: me) }
            let other = live.cid(.child)
            let them = Credential.otp(cid: other, otp: try await live.otp(other, token: token), clientToken: token)
            #expect(try await service.reportEncounter(.list, as: them) == 0, "counts are per citizen")
            #expect(try await service.reportEncounter(.delete, visit: "10669:661", as: me) == 1)
        }
        try await LiveSandbox.with(dataDir: dir) { live in
            let service = try ServiceFlowTests.service(live)
            defer { Task { await service.transport.shutdown() } }
            let token = try await service.clientToken(ServiceFlowTests.account)
            let me = Credential.otp(cid: cid, otp: try await live.otp(cid, token: token), clientToken: token)
            #expect(try await service.reportEncounter(.list, as: me) == 1)
        }
    }
}
