import Foundation
import PHRModel

/// A small, fixed health record for view and export tests: Thai and English names, every
/// kind, a double-converted year (1479), a value sent as text, and hostile server strings
/// (ANSI escapes, a bidi override, a control character); lab results judged by the lab's own
/// mark, by its range and by phr's table, a text result, and one in another unit.
public enum SampleRecord {
    public static let fetchedAt = Date(timeIntervalSince1970: 1_764_000_000)   // 2025-11-24
    public static let today = CivilDateTime(year: 2026, month: 11, day: 25)
    public static let cid = try! CitizenID("1-1037-02071-81-1")
    public static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}Essential \u{202E}hypertension\u{0008}"

    static func date(_ y: Int, _ m: Int, _ d: Int, _ h: Int? = nil, _ min: Int? = nil, flags: [QualityFlag] = []) -> SourceDate {
        let v = CivilDateTime(year: y, month: m, day: d, hour: h, minute: min)
        return SourceDate(original: v.iso, value: v, flags: flags)
    }

    static func from(_ unit: String, _ name: String?, _ action: String, _ ref: String? = nil) -> Provenance {
        Provenance(unit: HospitalCode(unit), unitName: name, action: action, sourceRef: ref, fetchedAt: fetchedAt)
    }

    static func lab(_ loinc: String, _ display: String, _ name: String, _ value: Double?, _ text: String, _ unit: String?,
                    low: Double? = nil, high: Double? = nil, interpretation: String? = nil, flags: [QualityFlag] = []) -> LabResult {
        LabResult(test: Code(system: loinc.isEmpty ? CodeSystem.labName : CodeSystem.loinc, value: loinc.isEmpty ? display : loinc, display: display),
                  name: name, issuedAt: date(2026, 10, 14, 12, 30), value: value, valueText: text, unit: unit,
                  referenceLow: low, referenceHigh: high, interpretation: interpretation,
                  provenance: from("10866", "โรงพยาบาลคลองหาด", "Observation&mode=Encounter", "10866:671014"), flags: flags)
    }

    /// The record.
    public static var record: HealthRecord {
        let doubled = QualityFlag(.doubleConvertedYear, field: "period_start", detail: "year 1479 looks double-converted (2022?)")
        let person = Person(cid: cid,
                            nameTH: PersonName(prefix: "นาง", first: "กาญจนา", last: "ใจดี"),
                            nameEN: PersonName(prefix: "Mrs.", first: "Kanchana", last: "Jaidee"),
                            birthDate: date(1971, 3, 9), gender: "F", bloodGroup: "B",
                            provenance: from("10699", "โรงพยาบาลสมเด็จพระยุพราชสว่างแดนดิน", "PatientSummary"))
        return HealthRecord(
            person: person,
            vitals: [
                Vital(takenAt: date(2026, 10, 14, 11, 36), systolic: 142, diastolic: 91, pulse: 79, temperatureC: 37.3,
                      weightKg: 69.8, heightCm: 152, provenance: from("10866", "โรงพยาบาลคลองหาด", "VitalSign", "10866:671014")),
                Vital(takenAt: date(2025, 6, 29, 13, 2), systolic: 128, diastolic: 82, pulse: 96, weightKg: 70.5, heightCm: 152,
                      provenance: from("10699", "โรงพยาบาลสมเด็จพระยุพราชสว่างแดนดิน", "VitalSign", "10699:680629"),
                      flags: [QualityFlag(.numberAsText, field: "vital_sign_bp_systolic_mmhg", detail: "vital_sign_bp_systolic_mmhg was sent as text")]),
                Vital(takenAt: SourceDate(original: "1479-08-02T09:15:00", value: CivilDateTime(year: 1479, month: 8, day: 2, hour: 9, minute: 15), flags: [doubled]),
                      systolic: 135, diastolic: 85, provenance: from("10699", nil, "VitalSign", "10699:650802"), flags: [doubled]),
            ],
            conditions: [
                Condition(code: Code(system: CodeSystem.icd10, value: "I10", display: "ความดันโลหิตสูง"), recordedAt: date(2017, 1, 10),
                          clinicalStatus: "Active", isChronic: true, provenance: from("10699", nil, "NCD")),
                Condition(code: Code(system: CodeSystem.icd10, value: "E119", display: "เบาหวานชนิดที่ 2"), recordedAt: date(2019, 5, 2),
                          clinicalStatus: "Active", isChronic: true, provenance: from("10699", nil, "NCD")),
                Condition(code: Code(system: CodeSystem.icd10, value: "I10", display: hostile), recordedAt: date(2026, 10, 14),
                          category: "Diagnosis", isChronic: false, provenance: from("10866", nil, "Condition&mode=Encounter", "10866:671014")),
            ],
            medications: [
                Medication(name: "AML_AMLODIPINE 5 mg.", codes: [Code(system: CodeSystem.drug24, value: "100088000004203120381144")],
                           effectiveAt: date(2026, 10, 14), quantity: 30, instruction: "รับประทานครั้งละ 1 เม็ด วันละ 1 ครั้ง หลังอาหารเช้า",
                           provenance: from("10866", nil, "Medication&mode=Encounter", "10866:671014")),
                Medication(name: "MET_METFORMIN 500 mg.", effectiveAt: date(2026, 10, 14), quantity: 60,
                           provenance: from("10866", nil, "Medication&mode=Encounter", "10866:671014")),
                Medication(name: "AML_AMLODIPINE 5 mg.", codes: [Code(system: CodeSystem.drug24, value: "100088000004203120381144")],
                           effectiveAt: date(2026, 8, 14), quantity: 60, instruction: "รับประทานครั้งละ 1 เม็ด วันละ 1 ครั้ง หลังอาหารเช้า",
                           provenance: from("10866", nil, "Medication&mode=Encounter", "10866:670814")),
            ],
            allergies: [
                Allergy(substance: "PENICILLIN V", reaction: "ผื่นลมพิษ คัน", severity: "moderate", recordedAt: date(2015, 2, 3),
                        provenance: from("10699", nil, "Allergy")),
            ],
            immunizations: [
                Immunization(vaccine: Code(system: CodeSystem.vaccine, value: "C19", display: "COVID-19 mRNA"), doseNumber: 2,
                             givenAt: date(2021, 9, 1), lotNumber: "FF2593", provenance: from("10870", "โรงพยาบาลกุสุมาลย์", "Immunization")),
            ],
            coverage: [
                Coverage(right: Code(system: CodeSystem.coverageRight, value: "UCS", display: "สิทธิหลักประกันสุขภาพแห่งชาติ"),
                         payer: "สปสช.", subgroup: "ทั่วไป", startedAt: date(2010, 1, 1), provenance: from("10699", nil, "Coverage", "10699:671014")),
            ],
            encounters: [
                Encounter(ref: "10866:671014", start: date(2026, 10, 14, 11, 30), end: date(2026, 10, 14, 12, 10), classCode: "AMB",
                          classDisplay: "ผู้ป่วยนอก", chiefComplaint: "ปวดศีรษะ เวียนศีรษะ 2 วัน", diagnosisText: "Essential (primary) hypertension",
                          provenance: from("10866", "โรงพยาบาลคลองหาด", "Encounter")),
            ],
            labs: [
                lab("4548-4", "Hgb A1c MFr Bld", "HbA1C", 7.8, "7.8", "%", interpretation: "H"),
                lab("62238-1", "eGFR (CKD-EPI)", "eGFR", 52, "52", "ml/min/1.73m2"),
                lab("", "CKD Stage", "CKD Stage", nil, "ระดับที่ 3a (GFR 45 - 59)", nil),
                lab("13457-7", "LDLc SerPl Calc-mCnc", "LDL-C", 96.4, "96.4", "mg/dL", low: 0, high: 130),
                lab("14682-9", "Creat SerPl-sCnc", "Creatinine", 106, "106", "umol/L",
                    flags: [QualityFlag(.unexpectedUnit, field: "observation_unit", detail: "umol/L where Creatinine is read in mg/dL")]),
            ])
    }
}
