import Foundation
import Testing
@testable import PHRWire

@Suite struct WireJSONTests {
    @Test func rowsAreWrittenInDeclarationOrderWithNullForNilAndNoFractionOnWholeNumbers() {
        var row = VitalSignRow()
        row.periodStart = "2024-01-02T08:00:00"
        (row.periodY, row.periodM, row.periodD) = (2024, 1, 2)
        row.vitalSignBodyWeightKg = 64
        row.vitalSignBodyHeightCm = .number(148.5)
        row.vitalSignBpSystolicMmhg = .text(108)
        let text = String(decoding: WireJSON.data([row]), as: UTF8.self)
        #expect(text == #"[{"period_start":"2024-01-02T08:00:00","period_y":2024,"period_m":1,"period_d":2,"vital_sign_body_weight_kg":64,"vital_sign_body_height_cm":148.5,"vital_sign_body_temp_cel":0,"vital_sign_bp_systolic_mmhg":"108","vital_sign_bp_diastolic_mmhg":0}]"#)
    }

    @Test func aNilOptionalIsNullNeverAMissingKey() throws {
        var row = TelecomRow()
        row.value = "0812345678"
        let object = try #require(try JSONSerialization.jsonObject(with: WireJSON.data(row)) as? [String: Any])
        #expect(Set(object.keys) == Set(TelecomRow.fieldNames))
        #expect(object["date_start"] is NSNull && object["date_end"] is NSNull)
    }

    @Test func nestedObjectsAndListsKeepTheirShape() throws {
        var summary = PatientSummaryResult()
        summary.patient.cid = "1103700012346"
        summary.patientNamesTH = [PatientNameRow()]
        let object = try #require(try JSONSerialization.jsonObject(with: WireJSON.data(summary)) as? [String: Any])
        #expect((object["patient"] as? [String: Any])?["cid"] as? String == "1103700012346")
        #expect((object["patient_names_th"] as? [Any])?.count == 1 && (object["patient_names_en"] as? [Any])?.isEmpty == true)
    }

    @Test func textIsEscapedAsJSON() throws {
        var row = ConditionRow()
        row.codeDisplayText = "ไอ \"มาก\"\r\n\u{1B}[2J"
        let object = try #require(try JSONSerialization.jsonObject(with: WireJSON.data(row)) as? [String: Any])
        #expect(object["code_display_text"] as? String == "ไอ \"มาก\"\r\n\u{1B}[2J")
    }
}
