import Foundation
import PHRClient
import PHRModel
import PHRWire
import Testing
@testable import PHRSandbox

/// Caregivers between seeded citizens and appointments in chronic patients' futures, as the
/// sandbox defines them (docs/sandbox.md), read over HTTP with `phr`'s client.
@Suite(.serialized) struct FamilyAndAppointmentTests {
    static func rows(_ live: LiveSandbox, _ service: PHRService, _ cid: String, _ action: String,
                     _ query: [(String, String)] = []) async throws -> [[String: Any]] {
        let token = try await service.clientToken(ServiceFlowTests.account)
        let credential = Credential.otp(cid: cid, otp: try await live.otp(cid, token: token), clientToken: token)
        let reply = try await service.read(action: action, query: query, as: credential)
        let body = try #require(reply.body)
        return try #require(try Envelope(data: body).result as? [[String: Any]])
    }

    struct Result<Row: Decodable>: Decodable { var result: [Row] }

    /// The rows of `action`, decoded into their declaration (every field present, of its type).
    static func decoded<Row: Decodable>(_ live: LiveSandbox, _ service: PHRService, _ cid: String, _ action: String,
                                        _ query: [(String, String)] = [], as: Row.Type) async throws -> [Row] {
        let token = try await service.clientToken(ServiceFlowTests.account)
        let credential = Credential.otp(cid: cid, otp: try await live.otp(cid, token: token), clientToken: token)
        let body = try #require(try await service.read(action: action, query: query, as: credential).body)
        return try JSONDecoder().decode(Result<Row>.self, from: body).result
    }

    @Test func theMotherCaresForHerTwoChildrenAndEachChildNamesHer() async throws {
        try await LiveSandbox.with { live in
            let service = try ServiceFlowTests.service(live)
            defer { Task { await service.transport.shutdown() } }
            let profiles = live.sandbox.state.directory.profiles
            let mothers = profiles.filter { p in profiles.contains { $0.mother == p.cid } }
            guard mothers.count == 1, let mother = mothers.first else { Issue.record("\(mothers.count) mothers among the seeded citizens"); return }
            let children = profiles.filter { $0.mother == mother.cid }
            #expect(children.count == 2)
            let cares = try await Self.rows(live, service, mother.cid.digits, "CareGiver", [("mode", "2")])
            #expect(Set(cares.compactMap { $0["cid"] as? String }) == Set(children.map(\.cid.digits)))
            #expect(try await Self.rows(live, service, mother.cid.digits, "CareGiver").count == 2, "mode=2 is the default")
            for child in children {
                let carers = try await Self.rows(live, service, child.cid.digits, "CareGiver", [("mode", "1")])
                #expect(carers.count == 1 && carers[0]["cid"] as? String == mother.cid.digits)
                #expect(carers[0]["last_name"] as? String == child.nameTH.last && carers[0]["relationship_code"] as? String == "1")
                #expect(Set(carers[0].keys) == Set(CareGiverRow.fieldNames))
                #expect(try await Self.rows(live, service, child.cid.digits, "CareGiver", [("mode", "2")]).isEmpty, "a child cares for no one")
            }
            #expect(try await Self.rows(live, service, live.cid(.elderly), "CareGiver", [("mode", "1")]).isEmpty)
            let token = try await service.clientToken(ServiceFlowTests.account)
            let me = Credential.otp(cid: mother.cid.digits, otp: try await live.otp(mother.cid.digits, token: token), clientToken: token)
            await #expect(throws: ClientError.self) { _ = try await service.read(action: "CareGiver", query: [("mode", "3")], as: me) }
        }
    }

    @Test func chronicPatientsHaveAppointmentsAfterTheirLastVisitAtTheirRhythmAndOthersNone() async throws {
        try await LiveSandbox.with { live in
            let service = try ServiceFlowTests.service(live)
            defer { Task { await service.transport.shutdown() } }
            for kind in [CitizenProfile.Kind.adult, .heavy] {
                let cid = live.cid(kind)
                let visits = try await Self.rows(live, service, cid, "Encounter")
                let lastVisit = try #require(visits.compactMap { $0["period_start"] as? String }.max())
                let booked = try await Self.decoded(live, service, cid, "Appointment", as: AppointmentRow.self)
                let starts = booked.map(\.startDatetime)
                #expect(starts.count >= 2, "\(kind): \(booked.count) appointments")
                #expect(starts == starts.sorted() && starts.allSatisfy { $0 > lastVisit }, "\(kind): after the last visit, in order")
                #expect((starts.last ?? "") > "2027-07", "\(kind): about a year ahead")
                let days = starts.compactMap { ThaiDateParser().parse($0, field: "start_datetime").value?.dayNumber }
                let gaps = Set(zip(days.dropFirst(), days).map { $0 - $1 })
                #expect(days.count == starts.count && gaps.count == 1, "\(kind): one rhythm, \(gaps)")
                if kind == .heavy { #expect((gaps.first ?? 0) <= 3, "dialysis: several times a week") }
                if kind == .adult { #expect((28...91).contains(gaps.first ?? 0), "a chronic clinic: monthly to three-monthly") }
                #expect(booked.allSatisfy { $0.instructionText == nil && $0.cid == cid })
                #expect(booked.map(\.statusText) == Array(repeating: "booked", count: booked.count - 1) + ["cancelled"], "\(kind): the last one cancelled")
                let detail = try await Self.decoded(live, service, cid, "Appointment", [("mode", "Detail")], as: AppointmentRow.self)
                #expect(detail.map(\.startDatetime) == starts && detail.allSatisfy { $0.instructionText?.isEmpty == false })
            }
            #expect(try await Self.rows(live, service, live.cid(.child), "Appointment").isEmpty, "no chronic disease, no appointment")
        }
    }
}
