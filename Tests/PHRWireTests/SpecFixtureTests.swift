import Foundation
import PHRFixtures
import PHRModel
import Testing
@testable import PHRWire

/// The client's parsers against the ministry's own examples (Tests/Fixtures/spec): each field of
/// each Action `phr` reads lands where it should.
///
/// SPEC masks personal data as `XXXX`; ``Unmasked`` fills each mask with a valid value of the
/// same JSON type (a CID with its check digit, a date, an hcode, a Thai name), and the checks
/// compare against those fills.
@Suite struct SpecFixtureTests {
    let mapper = WireMapper(fetchedAt: Date(timeIntervalSince1970: 1_734_602_976),
                            dates: ThaiDateParser(now: CivilDateTime(year: 2026, month: 11, day: 1)))

    @Test(arguments: ["patient-summary.json", "address.json", "telecom.json", "coverage.json", "coverage-detail.json", "encounter.json",
                      "vital-sign.json", "condition.json", "condition-encounter.json", "observation.json", "observation-encounter.json",
                      "medication.json", "medication-encounter.json", "get-phr-otp.json"])
    func everyExampleIsAnEnvelopeWithMessageCode200(file: String) throws {
        let envelope = try Envelope(data: try SpecFixtures.data(file))
        if file == "get-phr-otp.json" {
            #expect(envelope.result as? String == "XY123456", "GetPHROTP's reply is {result} alone")
            return
        }
        #expect(envelope.messageCode == 200 && envelope.message == "OK")
    }

    @Test func everyExampleDecodesIntoItsRowDeclarationWithNoFieldLeftOver() throws {
        let summary = try JSONDecoder().decode(SpecResult<PatientSummaryResult>.self, from: try SpecFixtures.data("patient-summary.json"))
        #expect(summary.result.patient.allergyIntoleranceText == "AMLODIPINE" && summary.result.patientNamesTH.count == 1)
        try expectDeclared(PatientRow.self, "patient-summary.json", after: "\"patient\": ")
        try expectDeclared(PatientNameRow.self, "patient-summary.json", after: "\"patient_names_th\": ")
        try expectDeclared(AddressRow.self, "address.json")
        try expectDeclared(TelecomRow.self, "telecom.json")
        try expectDeclared(CoverageRow.self, "coverage.json")
        try expectDeclared(CoverageDetailRow.self, "coverage-detail.json")
        try expectDeclared(EncounterRow.self, "encounter.json")
        try expectDeclared(VitalSignRow.self, "vital-sign.json")
        try expectDeclared(ConditionSummaryRow.self, "condition.json")
        try expectDeclared(ConditionRow.self, "condition-encounter.json")
        try expectDeclared(ObservationSummaryRow.self, "observation.json")
        try expectDeclared(ObservationRow.self, "observation-encounter.json")
        try expectDeclared(MedicationSummaryRow.self, "medication.json")
        try expectDeclared(MedicationRow.self, "medication-encounter.json")
    }

    /// The rows of a fixture decode strictly (every declared non-optional field present with its
    /// Swift type), and the declaration names every field of the example, in SPEC's order, plus
    /// only its listed extensions.
    func expectDeclared<R: WireRowDeclaration>(_ type: R.Type, _ file: String, after marker: String = "\"result\": ") throws {
        let data = try SpecFixtures.data(file)
        if marker == "\"result\": " { _ = try JSONDecoder().decode(SpecResult<[R]>.self, from: data) }
        let extensions = Set(R.extensions.map(\.rawValue))
        let declared = R.fieldNames.filter { !extensions.contains($0) }
        #expect(declared == Self.orderedKeys(in: String(decoding: data, as: UTF8.self), after: marker), "\(file): \(R.self) ≠ SPEC's fields")
    }

    /// The keys of the first object after `marker`, in the order the file writes them.
    static func orderedKeys(in text: String, after marker: String) -> [String] {
        guard let at = text.range(of: marker)?.upperBound, let open = text[at...].firstIndex(of: "{") else { return [] }
        var keys: [String] = []
        var depth = 0
        for line in text[open...].split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if depth == 1, t.hasPrefix("\""), let end = t.dropFirst().firstIndex(of: "\"") {
                keys.append(String(t[t.index(after: t.startIndex)..<end]))
            }
            depth += t.filter { "{[".contains($0) }.count - t.filter { "}]".contains($0) }.count
            if depth == 0 { break }
        }
        return keys
    }

    // MARK: Person

    @Test func patientSummaryAddressAndTelecomMapFieldByField() throws {
        let summary = try Envelope(data: try Unmasked.data("patient-summary.json")).object(of: ActionRequest(.patientSummary))
        let addresses = try Envelope(data: try Unmasked.data("address.json")).rows(of: ActionRequest(.address))
        let telecoms = try Envelope(data: try Unmasked.data("telecom.json")).rows(of: ActionRequest(.telecom))
        let p = try mapper.person(summary: summary, addresses: addresses, telecoms: telecoms)
        #expect(p.cid.digits == Unmasked.cid)
        #expect(p.birthDate.value == CivilDateTime(year: 2017, month: 11, day: 14), "birth_date (masked XXXX-XX-XX)")
        #expect(p.gender == "F")
        #expect(p.nationality == "ไทย")
        #expect(p.allergySummary == "AMLODIPINE")
        #expect(p.bloodGroup == nil, "blood_group \"\" is unknown")
        #expect(p.nameTH == PersonName(prefix: Unmasked.text, first: Unmasked.text, last: Unmasked.text), "patient_names_th[0]")
        #expect(p.nameEN == nil, "patient_names_en is [] in SPEC")
        #expect(p.provenance.sourceRef == Unmasked.hcode, "RowID")
        // The address is its parts, never the label "ที่อยู่อาศัย" of `text`.
        let parts = [Unmasked.text, Unmasked.text, Unmasked.hcode, Unmasked.text, Unmasked.text, Unmasked.text, Unmasked.hcode]
        #expect(p.address == parts.joined(separator: " "))
        #expect(p.address?.contains("ที่อยู่อาศัย") == false)
        #expect(p.phone == Unmasked.phone)
        #expect(p.flags.isEmpty)
    }

    // MARK: Visits and vitals

    @Test func encounterRowsMapFieldByField() throws {
        let rows = try Envelope(data: try Unmasked.data("encounter.json")).rows(of: ActionRequest(.encounter))
        let visits = rows.compactMap(mapper.encounter)
        #expect(visits.count == 3)
        let first = try #require(visits.first)
        #expect(first.ref == Unmasked.ref)
        #expect(first.start.value == CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 17))
        #expect(first.end.value == CivilDateTime(year: 2017, month: 11, day: 14, hour: 11, minute: 15, second: 17))
        #expect(first.classCode == "AMB" && first.classDisplay == "ambulatory" && first.status == "finished")
        #expect(first.chiefComplaint == "ไอมีเสมหะปนเลือดมา2วัน")
        #expect(first.diagnosisText == "Bronchiectasis")
        #expect(first.provenance.unit?.value == Unmasked.hcode && first.provenance.unitName == Unmasked.text)
        #expect(visits[2].chiefComplaint == "F/U DM ,HT DLP  มาตามนัด 3 เดือน")
        #expect(visits.allSatisfy { $0.flags.isEmpty })
    }

    @Test func vitalSignRowsMapFieldByFieldAndZeroTemperatureIsMissing() throws {
        let vitalRows = try Envelope(data: try SpecFixtures.data("vital-sign.json")).rows(of: ActionRequest(.vitalSign))
        let visits = try Envelope(data: try Unmasked.data("encounter.json")).rows(of: ActionRequest(.encounter))
        let vitals = mapper.vitals(vitalRows, encounters: visits)
        #expect(vitals.count == 3)
        let (a, b, c) = (vitals[0], vitals[1], vitals[2])
        #expect(a.takenAt.value == CivilDateTime(year: 2024, month: 1, day: 1, hour: 8, minute: 0, second: 0))
        #expect(a.weightKg == 65 && a.heightCm == 148 && a.temperatureC == 37 && a.systolic == 110 && a.diastolic == 70)
        #expect(b.weightKg == 64 && b.temperatureC == nil && b.systolic == 108 && b.diastolic == 60, "temperature 0 = not taken")
        #expect(c.weightKg == 60 && c.systolic == 134 && c.diastolic == 56)
        // SPEC's vital rows (2024) fall on no visit's day (2017–2018): no unit is made up.
        #expect(vitals.allSatisfy { $0.provenance.unit == nil && $0.provenance.action == "VitalSign" })
    }

    @Test func conditionRowsKeepCodesAsSentAndPseudoCodesApart() throws {
        let rows = try Envelope(data: try Unmasked.data("condition-encounter.json")).rows(of: ActionRequest.perEncounter(.condition, Unmasked.ref))
        let conditions = rows.compactMap { mapper.condition($0, encounter: Unmasked.ref) }
        #expect(conditions.map(\.code.value) == ["J47", "diagtext", "hpi"])
        #expect(conditions[0].code.system == CodeSystem.icd10 && conditions[0].code.display == "Bronchiectasis")
        #expect(conditions[1].code.system != CodeSystem.icd10 && conditions[2].code.system != CodeSystem.icd10)
        #expect(conditions[0].recordedAt.value == CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 17))
        #expect(conditions.map(\.clinicalStatus) == ["Active", "Active", "Inactive"])
        #expect(conditions.map(\.category) == ["Diagnosis", "Diagnosis", "History of present illness"])
        #expect(conditions.allSatisfy { $0.provenance.sourceRef == Unmasked.ref && $0.provenance.unit?.value == Unmasked.hcode && !$0.isChronic })
    }

    @Test func medicationRowsMapFieldByField() throws {
        let rows = try Envelope(data: try Unmasked.data("medication-encounter.json")).rows(of: ActionRequest.perEncounter(.medication, Unmasked.ref))
        let meds = rows.compactMap { mapper.medication($0, encounter: Unmasked.ref) }
        #expect(meds.map(\.name) == ["DIMENHYDRINATE 50 mg.", "BETAHISTINE MESILATE 6 mg."])
        let m = meds[0]
        #expect(m.quantity == 10 && m.status == "active")
        #expect(m.effectiveAt.value == CivilDateTime(year: 2022, month: 2, day: 7, hour: 7, minute: 33, second: 18))
        #expect(m.instruction == "รับประทานครั้งละ  1  เม็ด\r\nวันละ  3  ครั้ง   หลังอาหาร\r\nเช้า     กลางวัน     เย็น")
        #expect(m.codes.isEmpty, "read rows carry no TMT or 24-digit code, and the name is no code")
        #expect(m.provenance.sourceRef == Unmasked.ref && m.provenance.unit?.value == Unmasked.hcode)
        #expect(meds.allSatisfy { $0.flags.isEmpty })
    }

    // MARK: Labs

    @Test func observationPerEncounterRowsMapFieldByField() throws {
        let req = ActionRequest.perEncounter(.observation, Unmasked.ref)
        let rows = try Envelope(data: try Unmasked.data("observation-encounter.json")).rows(of: req)
        let labs = rows.compactMap { mapper.labResult($0, encounter: Unmasked.ref) }
        #expect(labs.count == 3)
        let (glucose, stage, creatinine) = (labs[0], labs[1], labs[2])
        #expect(glucose.test == Code(system: CodeSystem.loinc, value: "2345-7", display: "Glucose SerPl-mCnc"), "loinc_code, display")
        #expect(glucose.name == "Glucose", "display_text")
        #expect(glucose.issuedAt.value == CivilDateTime(year: 2024, month: 9, day: 12, hour: 12, minute: 30, second: 59), "issued")
        #expect(glucose.value == 161 && glucose.valueText == "161", "value_quantity, value_string")
        #expect(glucose.unit == "mg/dl", "observation_unit as sent")
        #expect(glucose.referenceLow == nil && glucose.referenceHigh == nil && glucose.referenceText == nil, "no range in SPEC's rows")
        #expect(glucose.interpretation == nil && glucose.note == nil && glucose.group == nil)
        #expect(glucose.provenance.unit?.value == Unmasked.hcode && glucose.provenance.unitName == "Hospital A")
        #expect(glucose.provenance.sourceRef == Unmasked.ref && glucose.provenance.action == "Observation&mode=Encounter")
        #expect(glucose.knownTest?.id == "glucose")
        // The derived row: no LOINC code, no number, Thai text.
        #expect(stage.test == Code(system: CodeSystem.labName, value: "CKD Stage", display: "CKD Stage"))
        #expect(stage.value == nil && stage.valueText == "ระดับที่ 2 (GFR 60 - 89)" && stage.unit == nil && stage.group == "Creatinine")
        #expect(creatinine.test.value == "2160-0" && creatinine.value == 0.85 && creatinine.valueText == "0.85" && creatinine.group == "Creatinine")
        #expect(labs.allSatisfy { $0.flags.isEmpty }, "mg/dl is mg/dL: SPEC's rows carry no doubt")
        #expect(Set(labs.map(\.naturalKey)).count == 3)
    }

    @Test func observationSummaryRowsMapFieldByField() throws {
        let rows = try Envelope(data: try SpecFixtures.data("observation.json")).rows(of: ActionRequest(.observation))
        let totals = rows.compactMap(mapper.labTotal)
        #expect(totals.count == 10)
        #expect(totals[0] == LabTotal(name: "Glucose", unit: "mg/dl", count: 1, min: 161, max: 161, average: 161), "total \"1\" is text")
        #expect(totals.map(\.name) == ["Glucose", "Creatinine", "K", "Cholesterol", "Triglyceride", "HDL", "LDL-C", "HbA1C", "RBC", "Urine Microalbunin"])
        #expect(totals.map(\.unit) == ["mg/dl", "mg/dl", "mmol/L", "mg/dL", "mg/dL", "mg/dl", "mg/dl", "%", "Million Cells/cu.mm", "mg/L"])
        #expect(totals[7].average == 10.77 && totals[6].min == 90.4)
    }

    @Test func coverageDetailRowsMapFieldByFieldAndAnEmptyDateIsUnknown() throws {
        let rows = try Envelope(data: try Unmasked.data("coverage-detail.json")).rows(of: ActionRequest(.coverage, mode: "Detail"))
        let rights = rows.compactMap(mapper.coverage)
        #expect(rights.count == 3)
        #expect(rights.allSatisfy { $0.right.value == "UCS" && $0.right.display == "สิทธิหลักประกันสุขภาพแห่งชาติ" })
        #expect(rights.allSatisfy { $0.payer == "สำนักงานหลักประกันสุขภาพแห่งชาติ" && $0.subgroup == "77" && $0.paid == 0 })
        #expect(rights.map(\.reimbursed) == [813, 500, 100])
        #expect(rights[0].startedAt.value == CivilDateTime(year: 2017, month: 11, day: 14))
        #expect(rights[2].startedAt.value == nil && rights[2].startedAt.original == "")
        #expect(rights[0].provenance.sourceRef == Unmasked.ref && rights[0].provenance.unit?.value == Unmasked.hcode,
                "the unit is the encounter_ref_code's hcode")
    }
}

/// The `result` of an envelope, decoded strictly.
struct SpecResult<T: Decodable>: Decodable {
    let result: T
}

/// A fixture with SPEC's masks (`XXXX…`) filled by valid values of the same JSON type.
enum Unmasked {
    static let cid = "1103700012346"
    static let hcode = "10699"
    static let ref = "10699:600111400001"
    static let day = "2017-11-14"
    static let phone = "0812345678"
    static let text = "ตัวอย่าง"

    static func data(_ file: String) throws -> Data {
        let value = try JSONSerialization.jsonObject(with: try SpecFixtures.data(file))
        return try JSONSerialization.data(withJSONObject: fill(value, key: ""))
    }

    static func fill(_ value: Any, key: String) -> Any {
        switch value {
        case let object as [String: Any]:
            return Dictionary(uniqueKeysWithValues: object.map { ($0.key, fill($0.value, key: $0.key)) })
        case let list as [Any]:
            return list.map { fill($0, key: key) }
        case let s as String where !s.isEmpty && s.allSatisfy({ "X:-.".contains($0) }) && s.contains("X"):
            if s.contains(":") { return ref }
            if s == "XXXX-XX-XX" { return day }
            if key == "cid" { return cid }
            if key == "value" { return phone }
            if s.count == 5 { return hcode }
            return text
        default:
            return value
        }
    }
}
