import Foundation
import PHRModel
import Testing
@testable import PHRWire

/// Rows shaped like the ministry's own examples (phr-api.md §4, SPEC.md), not like our sandbox.
@Suite struct WireMappingTests {
    let mapper = WireMapper(fetchedAt: Date(timeIntervalSince1970: 1_700_000_000),
                            dates: ThaiDateParser(now: CivilDateTime(year: 2026, month: 11, day: 25)))

    func rows(_ json: String) throws -> [WireRow] {
        try Envelope(data: Data(json.utf8)).rows(of: ActionRequest(.encounter))
    }

    @Test func envelopeWithListResult() throws {
        let body = #"{"result":[{"a":1}],"MessageCode":200,"Message":"OK","RequestTime":"2024-12-19T10:09:36.388Z","EndpointIP":"x","EndpointPort":15009,"processing_time_ms":5735}"#
        let envelope = try Envelope(data: Data(body.utf8))
        #expect(envelope.messageCode == 200)
        #expect(try envelope.rows(of: ActionRequest(.vitalSign)).count == 1)
    }

    @Test func notJSONAndNotEnvelopeAreDistinct() {
        #expect(throws: WireError.notJSON) { try Envelope(data: Data("<html>502</html>".utf8)) }
        #expect(throws: WireError.notEnvelope) { try Envelope(data: Data(#"{"data":[]}"#.utf8)) }
        #expect(throws: WireError.unexpectedResult(action: "VitalSign", expected: "a list of rows")) {
            try Envelope(data: Data(#"{"result":"x"}"#.utf8)).rows(of: ActionRequest(.vitalSign))
        }
    }

    /// A row names its citizen in `cid`, and PatientSummary in its nested objects too, so a
    /// client can check that an answer is about the citizen it asked for.
    @Test func rowsNameTheirCitizensAtEveryDepth() throws {
        let summary = try Envelope(data: Data(#"{"result":{"patient":{"cid":"1101700230708","RowID":1},"patient_names_th":[{"cid":"1101700230716","first_name":"ก"}]}}"#.utf8))
            .object(of: ActionRequest(.patientSummary))
        #expect(summary.citizenIDs.sorted() == ["1101700230708", "1101700230716"])
        #expect(WireRow(["period_start": "2017-11-14", "vital_sign_pulse": 80]).citizenIDs.isEmpty, "VitalSign rows carry no cid")
        #expect(WireRow(["cid": 1101700230708 as Double]).citizenIDs == ["1101700230708"], "a cid sent as a number is read as its digits")
    }

    @Test func isoMillisMatchesTheRealFormat() {
        #expect(Envelope.isoMillis(Date(timeIntervalSince1970: 1_734_602_976.388)) == "2024-12-19T10:09:36.388Z")
    }

    @Test func tolerantNumbers() throws {
        let row = try rows(#"{"result":[{"a":161,"b":"1","c":null,"d":"","e":"abc","f":true}]}"#)[0]
        #expect(row.number("a") == .number(161))
        #expect(row.number("b") == .text(1))
        #expect(row.number("c") == .null)
        #expect(row.number("d") == .null)
        #expect(row.number("e") == .garbage("abc"))
        #expect(row.number("f") == .garbage("true"))
        #expect(row.number("zz") == .missing)
        #expect(row.text("a") == "161")
    }

    @Test func encounterFromTheSpecExample() throws {
        let row = try rows(#"{"result":[{"cid":"XXXX","organization_code":"10699","organization_name":"รพ.ตัวอย่าง","encounter_ref_code":"10699:6011140001","period_start":"2017-11-14T08:15:17","period_end":"2017-11-14T10:00:00","status":"finished","class_code":"AMB","class_display":"ผู้ป่วยนอก","period_start_text":"14 พฤศจิกายน 2560 08:15","encounter_diagnosis_text":"Essential (primary) hypertension"}]}"#)[0]
        let e = try #require(mapper.encounter(row))
        #expect(e.ref == "10699:6011140001")
        #expect(e.start.value == CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 17))
        #expect(e.provenance.unit?.value == "10699")
        #expect(e.flags.isEmpty)
    }

    @Test func vitalsAtTheVisitsOwnTimeTakeProvenanceFromThatVisit() throws {
        let vitals = try rows(#"{"result":[{"period_start":"2017-11-14T08:15:17","period_y":2017,"period_m":11,"period_d":14,"vital_sign_body_weight_kg":62.5,"vital_sign_body_height_cm":158,"vital_sign_body_temp_cel":0,"vital_sign_bp_systolic_mmhg":"138","vital_sign_bp_diastolic_mmhg":86}]}"#)
        let visits = try rows(#"{"result":[{"organization_code":"10866","encounter_ref_code":"10866:1","period_start":"2017-11-14T08:15:17","vital_sign_pulse":78}]}"#)
        let v = try #require(mapper.vitals(vitals, encounters: visits).first)
        #expect(v.systolic == 138 && v.diastolic == 86 && v.pulse == 78)
        #expect(v.temperatureC == nil, "0 means missing in VitalSign")
        #expect(v.provenance.unit?.value == "10866" && v.provenance.sourceRef == "10866:1")
        #expect(v.flags.map(\.kind) == [.numberAsText])
    }

    @Test func vitalsTakenAfterRegistrationJoinTheSameDayVisitThatRepeatsTheirValues() throws {
        // As the real service sends them: the VitalSign time is the screening time, minutes after
        // the visit began; two visits that day at two units (dialysis at dawn, an illness later).
        let vitals = try rows(#"{"result":[{"period_start":"2024-03-04T06:22:10","vital_sign_body_weight_kg":76.5,"vital_sign_bp_systolic_mmhg":150,"vital_sign_bp_diastolic_mmhg":90},{"period_start":"2024-03-04T13:20:00","vital_sign_body_weight_kg":75.9,"vital_sign_bp_systolic_mmhg":128,"vital_sign_bp_diastolic_mmhg":80},{"period_start":"2024-03-05T09:00:00","vital_sign_body_weight_kg":75,"vital_sign_bp_systolic_mmhg":130,"vital_sign_bp_diastolic_mmhg":80}]}"#)
        let visits = try rows(#"{"result":[{"organization_code":"28850","encounter_ref_code":"28850:2","period_start":"2024-03-04T13:05:00","vital_sign_bp_systolic_mmhg":128,"vital_sign_bp_diastolic_mmhg":80,"vital_sign_body_weight_kg":75.9,"vital_sign_pulse":96},{"organization_code":"10699","encounter_ref_code":"10699:1","period_start":"2024-03-04T06:10:00","vital_sign_bp_systolic_mmhg":150,"vital_sign_bp_diastolic_mmhg":90,"vital_sign_body_weight_kg":76.5,"vital_sign_pulse":80}]}"#)
        let v = mapper.vitals(vitals, encounters: visits)
        #expect(v.map(\.provenance.sourceRef) == ["10699:1", "28850:2", nil])
        #expect(v.map(\.pulse) == [80, 96, nil], "pulse comes from the visit the vitals belong to")
        #expect(v[2].provenance.unit == nil, "no visit that day: no unit is made up")
    }

    @Test func vitalsWhoseVisitRepeatsNoValuesJoinTheLastVisitBegunBeforeThem() throws {
        let vitals = try rows(#"{"result":[{"period_start":"2024-03-04T10:40:00","vital_sign_bp_systolic_mmhg":120,"vital_sign_bp_diastolic_mmhg":78}]}"#)
        let visits = try rows(#"{"result":[{"organization_code":"10866","encounter_ref_code":"10866:1","period_start":"2024-03-04T08:00:00"},{"organization_code":"10870","encounter_ref_code":"10870:9","period_start":"2024-03-04T10:31:00"},{"organization_code":"10699","encounter_ref_code":"10699:3","period_start":"2024-03-04T15:00:00"}]}"#)
        #expect(mapper.vitals(vitals, encounters: visits).first?.provenance.sourceRef == "10870:9")
    }

    @Test func doubleConvertedYearIsFlaggedNotFixed() throws {
        let row = try rows(#"{"result":[{"period_start":"1479-03-02T09:00:00","vital_sign_bp_systolic_mmhg":120,"vital_sign_bp_diastolic_mmhg":80}]}"#)
        let v = try #require(mapper.vitals(row, encounters: []).first)
        #expect(v.takenAt.original == "1479-03-02T09:00:00")
        #expect(v.flags.contains { $0.kind == .doubleConvertedYear })
        #expect(v.provenance.unit == nil)
    }

    @Test func implausibleVitalIsFlagged() throws {
        let row = try rows(#"{"result":[{"period_start":"2020-01-01T09:00:00","vital_sign_bp_systolic_mmhg":1200,"vital_sign_bp_diastolic_mmhg":80}]}"#)
        let v = try #require(mapper.vitals(row, encounters: []).first)
        #expect(v.systolic == 1200)
        #expect(v.flags.contains { $0.kind == .implausibleValue && $0.field == "vital_sign_bp_systolic_mmhg" })
    }

    @Test func conditionPerEncounterKeepsCodeAsSent() throws {
        let row = try rows(#"{"result":[{"organization_code":"10699","encounter_ref_code":"10699:77","code_text":"J47","onset_datetime":"1970-01-01","recorded_datetime":"2019-05-02T10:11:12","clinical_status_text":"Active","clinical_category_text":"Diagnosis"}]}"#)[0]
        let c = try #require(mapper.condition(row, encounter: "10699:77"))
        #expect(c.code.system == CodeSystem.icd10 && c.code.value == "J47")
        #expect(!c.isChronic && c.provenance.sourceRef == "10699:77")
        let pseudo = try rows(#"{"result":[{"code_text":"diagtext"}]}"#)[0]
        #expect(mapper.condition(pseudo, encounter: "x:1")?.code.system != CodeSystem.icd10)
        #expect(mapper.condition(try rows(#"{"result":[{"code_text":""}]}"#)[0], encounter: "x") == nil)
    }

    @Test func aMedicinesNameStaysItsNameNeverACode() throws {
        let row = try rows(#"{"result":[{"organization_code":"10699","encounter_ref_code":"10699:77","code_text":"MFM_METFORMIN 500 mg.","statement_status":"active","statement_effective_datetime":"2019-05-02T10:11:12","finance_qty":"60","ref_md_patient_instruction":"วันละ 2 ครั้ง หลังอาหาร"}]}"#)[0]
        let m = try #require(mapper.medication(row, encounter: "10699:77"))
        #expect(m.name == "MFM_METFORMIN 500 mg." && m.quantity == 60)
        #expect(m.codes.isEmpty, "the local name is the name; no code is made of it")
        #expect(m.flags.map(\.kind) == [.numberAsText])
        let coded = try rows(#"{"result":[{"code_text":"AML_AMLODIPINE 5 mg.","tmt_code":"224906","drug_code_24":"101010100000000000224906"}]}"#)[0]
        #expect(mapper.medication(coded, encounter: "x:1")?.codes == [Code(system: CodeSystem.tmt, value: "224906"),
                                                                      Code(system: CodeSystem.drug24, value: "101010100000000000224906")])
    }

    // MARK: Labs

    func lab(_ fields: String) throws -> LabResult? {
        let json = #"{"result":[{"cid":"1101700230708","issued":"2025-03-01T09:30:00","encounter_ref_code":"10699:5","organization_code":"10699","#
            + fields + "}]}"
        return mapper.labResult(try rows(json)[0], encounter: "10699:5")
    }

    @Test func aUnitInAnotherLetterCaseIsNotFlaggedButAnotherUnitIs() throws {
        let lower = try #require(try lab(#""loinc_code":"2345-7","display":"Glucose SerPl-mCnc","display_text":"Glucose","value_quantity":126,"value_string":"126","observation_unit":"mg/dl""#))
        let upper = try #require(try lab(#""loinc_code":"2345-7","display":"Glucose SerPl-mCnc","display_text":"Glucose","value_quantity":126,"value_string":"126","observation_unit":"mg/dL""#))
        #expect(lower.flags.isEmpty && upper.flags.isEmpty, "mg/dl and mg/dL are one unit")
        #expect(lower.unit == "mg/dl" && upper.unit == "mg/dL", "kept as sent")
        let umol = try #require(try lab(#""loinc_code":"14682-9","display_text":"Creatinine","value_quantity":106,"observation_unit":"umol/L""#))
        #expect(umol.value == 106 && umol.flags.map(\.kind) == [.unexpectedUnit], "creatinine in µmol/L among mg/dL results is misread")
        let none = try #require(try lab(#""loinc_code":"4548-4","display_text":"HbA1C","value_quantity":7.1,"observation_unit":"""#))
        #expect(none.flags.map(\.kind) == [.missingValue] && none.flags[0].field == "observation_unit")
    }

    @Test func impossibleAndContradictoryValuesAreFlaggedAndKept() throws {
        let impossible = try #require(try lab(#""loinc_code":"4548-4","display_text":"HbA1C","value_quantity":72,"value_string":"72","observation_unit":"%""#))
        #expect(impossible.value == 72 && impossible.flags.map(\.kind) == [.implausibleValue])
        let contradict = try #require(try lab(#""loinc_code":"2345-7","display_text":"Glucose","value_quantity":161,"value_string":"116","observation_unit":"mg/dl""#))
        #expect(contradict.value == 161 && contradict.valueText == "116")
        #expect(contradict.flags.map(\.kind) == [.implausibleValue] && contradict.flags[0].field == "value_string")
        let asText = try #require(try lab(#""loinc_code":"2345-7","display_text":"Glucose","value_quantity":"161","value_string":"161","observation_unit":"mg/dl""#))
        #expect(asText.value == 161 && asText.flags.map(\.kind) == [.numberAsText])
        let onlyText = try #require(try lab(#""loinc_code":"2345-7","display_text":"Glucose","value_quantity":null,"value_string":"95","observation_unit":"mg/dl""#))
        #expect(onlyText.value == 95 && onlyText.flags.isEmpty, "a plain number in value_string is the value")
        let empty = try #require(try lab(#""loinc_code":"2345-7","display_text":"Glucose","value_quantity":null,"value_string":"""#))
        #expect(empty.value == nil && empty.flags.map(\.kind) == [.missingValue], "a result without a value is kept and flagged")
        #expect(try lab(#""loinc_code":"","display":"","display_text":"","value_quantity":1"#) == nil, "a row naming no test is skipped")
    }

    @Test func patientSummary() throws {
        let body = #"{"result":{"patient":{"cid":"1103700012346","RowID":9,"birth_date":"1985-02-14","gender":"F","nationality_name":"ไทย","deceased_date":"1970-01-01","allergy_intolerance_text":"AMLODIPINE"},"patient_names_th":[{"prefix":"นาง","first_name":"สมศรี","middle_name":"","last_name":"ใจดี","language_code":"TH"}],"patient_names_en":[{"prefix":"Mrs.","first_name":"Somsri","last_name":"Jaidee"}]}}"#
        let summary = try Envelope(data: Data(body.utf8)).object(of: ActionRequest(.patientSummary))
        let p = try mapper.person(summary: summary)
        #expect(p.cid.formatted == "1-1037-00012-34-6")
        #expect(p.nameTH?.display == "นางสมศรี ใจดี")
        #expect(p.birthDate.value == CivilDateTime(year: 1985, month: 2, day: 14))
        #expect(p.allergySummary == "AMLODIPINE")
    }

    @Test func hugeTextIsCutAndFlagged() throws {
        let long = String(repeating: "ก", count: 5000)
        let row = WireRow(["drug_name": long, "recorded_date": "2020-01-01"])
        let a = try #require(mapper.allergy(row))
        #expect(a.substance.count == 2000)
        #expect(a.flags.contains { $0.kind == .truncatedText })
    }

    @Test func vitalSingAliasAndCase() {
        #expect(Action(wireName: "VitalSing") == .vitalSign)
        #expect(Action(wireName: "patientsummary") == .patientSummary)
        #expect(Action(wireName: "DropTables") == nil)
        #expect(ActionRequest.perEncounter(.condition, "10699:1").query.map(\.1) == ["Condition", "Encounter", "10699:1"])
    }

    @Test func nonEmptyTrimsWhiteSpaceOnlyAtTheEnds() {
        let row = WireRow(["a": "  ความดัน สูง \n", "b": " \t ", "c": 5, "d": "ก", "e": "\u{3000}x\u{00A0}"])
        #expect(row.nonEmpty("a") == "ความดัน สูง")
        #expect(row.nonEmpty("b") == nil)
        #expect(row.nonEmpty("c") == "5")
        #expect(row.nonEmpty("d") == "ก")
        #expect(row.nonEmpty("e") == "x")
        #expect(row.nonEmpty("missing") == nil)
    }

    @Test func anAppointmentCarriesItsStatusText() throws {
        let body = #"{"result":[{"cid":"1101700230708","appointment_ref_code":"10699:AP1","start_datetime":"2027-01-12T08:00:00","status_text":"cancelled"},"# +
            #"{"cid":"1101700230708","appointment_ref_code":"10699:AP2","start_datetime":"2027-02-12T08:00:00"}]}"#
        let appointments = try FamilyMapping.appointments(Data(body.utf8))
        #expect(appointments.map(\.status) == [.cancelled, .confirmed])
    }
}
