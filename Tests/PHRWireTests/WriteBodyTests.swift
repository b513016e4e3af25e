import Foundation
import PHRFixtures
import PHRModel
import Testing
@testable import PHRWire

/// The bodies `phr` writes with, against SPEC.md's own examples (Tests/Fixtures/spec).
struct WriteBodyTests {
    /// The keys of a JSON object in the order they are written (JSONSerialization forgets it).
    static func keyOrder(_ data: Data, of path: [String] = []) throws -> [String] {
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in path { object = try #require(object[key] as? [String: Any]) }
        let text = String(decoding: data, as: UTF8.self)
        return object.keys.sorted { text.range(of: "\"\($0)\"")!.lowerBound < text.range(of: "\"\($1)\"")!.lowerBound }
    }

    static let body: SelfObservationBody = {
        let person = Person(cid: try! CitizenID("1101700230708"), nameTH: PersonName(prefix: "นาง", first: "มะลิ", last: "ใจดี"),
                            birthDate: SourceDate(original: "1961-05-02", value: CivilDateTime(year: 1961, month: 5, day: 2)), gender: "F",
                            provenance: Provenance(action: "PatientSummary", fetchedAt: Date()))
        let o = SelfObservation(refCode: "{8C0E5A2B-1111-2222-3333-444455556666}", readingID: "{8C0E5A2B-0000-2222-3333-444455556666}",
                                measure: .fastingGlucose, value: 126, takenAt: CivilDateTime(year: 2025, month: 3, day: 4, hour: 7, minute: 5, second: 9),
                                device: "Accu-Chek")
        return SelfObservationBody(o, cid: person.cid, person: person, system: "phr 0.1.0")
    }()

    @Test func specsSelfObservationExampleDecodesWithNoFieldLeftOver() throws {
        let data = try SpecFixtures.data("self-observation.json")
        let spec = try JSONDecoder().decode(SelfObservationBody.self, from: data)
        #expect(spec.observation.loincCode == "15074-8" && spec.observation.observationValue == "155")
        #expect(try Self.keyOrder(data) == SelfObservationBody.fieldNames)
        #expect(try Self.keyOrder(data, of: ["person"]) == SelfObservationBody.Subject.fieldNames)
        #expect(try Self.keyOrder(data, of: ["observation"]) == SelfObservationBody.Observation.fieldNames)
        #expect(SelfObservationBody.isBracedGUID(spec.observationRefCode) && SelfObservationBody.isBracedGUID(spec.observation.referenceID))
    }

    @Test func phrsBodyHasSpecsFieldsInSpecsOrderAllText() throws {
        let data = WireJSON.data(Self.body)
        let spec = try SpecFixtures.data("self-observation.json")
        #expect(try Self.keyOrder(data) == Self.keyOrder(spec))
        #expect(try Self.keyOrder(data, of: ["person"]) == Self.keyOrder(spec, of: ["person"]))
        #expect(try Self.keyOrder(data, of: ["observation"]) == Self.keyOrder(spec, of: ["observation"]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for part in ["person", "observation", "location_gis"] {
            let fields = try #require(object[part] as? [String: Any])
            #expect(fields.values.allSatisfy { $0 is String }, "\(part): every value is a string, as in SPEC")
        }
        let o = try #require(object["observation"] as? [String: Any])
        #expect(o["effective_datetime"] as? String == "2025-03-04T07:05:09.000", "ISO, milliseconds, no zone: SPEC's form")
        #expect(o["observation_value"] as? String == "126" && o["observation_unit"] as? String == "mg/dL")
        #expect(o["performer_display"] as? String == "นางมะลิ ใจดี")
        let p = try #require(object["person"] as? [String: Any])
        #expect(p["birth_date"] as? String == "1961-05-02" && p["gender"] as? String == "F" && p["first_name"] as? String == "มะลิ")
    }

    @Test func aDoubtfulBirthDateIsLeftOutNotSent() {
        var person = Person(cid: try! CitizenID("1101700230708"), birthDate: SourceDate(original: "1479-05-02", value: CivilDateTime(year: 1479, month: 5, day: 2),
                                                                                       flags: [QualityFlag(.doubleConvertedYear, field: "birth_date", detail: "1479")]),
                            provenance: Provenance(action: "PatientSummary", fetchedAt: Date()))
        person.gender = "F"
        let o = Self.body
        let body = SelfObservationBody(SelfObservation(refCode: o.observationRefCode, readingID: o.observation.referenceID, measure: .weight,
                                                       value: 68.5, takenAt: CivilDateTime(year: 2025, month: 1, day: 1, hour: 8), device: nil),
                                       cid: person.cid, person: person, system: "phr")
        #expect(body.person.birthDate == "")
        #expect(body.observation.observationValue == "68.5")
    }

    @Test func specsReportEncounterExamplesAreTheBodyAndTheCount() throws {
        let request = try #require(try JSONSerialization.jsonObject(with: try SpecFixtures.data("report-encounter-request.json")) as? [String: Any])
        #expect(Set(request.keys) == ["cid", "encounter_ref_code", "reason_text"])
        #expect(ReportEncounterMode.allCases.map(\.rawValue) == ["ADD", "DELETE", "LIST"])
        let reply = try Envelope(data: try SpecFixtures.data("report-encounter.json"))
        #expect((reply.result as? NSNumber)?.intValue == 1 && reply.messageCode == 200)
    }
}
