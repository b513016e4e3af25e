import Foundation
import PHRWire

/// The laboratory tests of the synthetic records: LOINC code and short name (`display`), the
/// lab's own name (`display_text`), units as the two lab styles write them, adult reference
/// ranges, and the Encounter `lab_*` field that repeats the value (phr-api.md §4).
struct LabTest: Hashable, Sendable {
    let loinc: String
    let display: String
    let localName: String
    let profile: String
    let unitUpper: String
    let unitLower: String
    /// Reference range; `femaleRange` when it differs for women.
    let range: ClosedRange<Double>?
    let femaleRange: ClosedRange<Double>?
    let decimals: Int
    let encounterFields: [EncounterRow.CodingKeys]

    func unit(_ style: LabStyle) -> String { style == .upperWithRanges ? unitUpper : unitLower }
    func range(female: Bool) -> ClosedRange<Double>? { female ? (femaleRange ?? range) : range }

    private init(_ loinc: String, _ display: String, _ localName: String, profile: String = "", unit: String, lower: String? = nil,
                 range: ClosedRange<Double>?, female: ClosedRange<Double>? = nil, decimals: Int, fields: [EncounterRow.CodingKeys] = []) {
        self.loinc = loinc; self.display = display; self.localName = localName; self.profile = profile
        unitUpper = unit; unitLower = lower ?? unit; self.range = range; femaleRange = female
        self.decimals = decimals; encounterFields = fields
    }

    static let glucose = LabTest("2345-7", "Glucose SerPl-mCnc", "Glucose", unit: "mg/dL", lower: "mg/dl", range: 70...100, decimals: 0,
                                 fields: [.labFbs])
    static let hba1c = LabTest("4548-4", "Hgb A1c MFr Bld", "HbA1C", unit: "%", range: 4.0...6.0, decimals: 1, fields: [.labHbA1c])
    static let creatinine = LabTest("2160-0", "Creat SerPl-mCnc", "Creatinine", profile: "Creatinine", unit: "mg/dL", lower: "mg/dl",
                                    range: 0.7...1.2, female: 0.5...0.9, decimals: 2, fields: [.labCreatinine])
    static let egfr = LabTest("62238-1", "eGFR (CKD-EPI)", "eGFR", profile: "Creatinine", unit: "mL/min/1.73m2",
                              lower: "ml/min/1.73m2", range: 90...200, decimals: 0, fields: [.labEgfr])
    static let bun = LabTest("3094-0", "BUN SerPl-mCnc", "BUN", unit: "mg/dL", lower: "mg/dl", range: 7...20, decimals: 0, fields: [.labBun])
    static let sodium = LabTest("2951-2", "Sodium SerPl-sCnc", "Na", profile: "Electrolyte", unit: "mmol/L", range: 136...145, decimals: 0,
                                fields: [.labSodium])
    static let potassium = LabTest("2823-3", "Potassium SerPl-sCnc", "K", profile: "Electrolyte", unit: "mmol/L", range: 3.5...5.1,
                                   decimals: 2, fields: [.labPotassium])
    static let chloride = LabTest("2075-0", "Chloride SerPl-sCnc", "Cl", profile: "Electrolyte", unit: "mmol/L", range: 98...107,
                                  decimals: 0, fields: [.labChloride])
    static let bicarbonate = LabTest("2028-9", "CO2 SerPl-sCnc", "CO2", profile: "Electrolyte", unit: "mmol/L", range: 22...29,
                                     decimals: 0, fields: [.labTco2])
    static let cholesterol = LabTest("2093-3", "Cholest SerPl-mCnc", "Cholesterol", profile: "Lipid profile", unit: "mg/dL", lower: "mg/dl",
                                     range: 0...200, decimals: 0, fields: [.labTc, .labCholesterol])
    static let triglyceride = LabTest("2571-8", "Trigl SerPl-mCnc", "Triglyceride", profile: "Lipid profile", unit: "mg/dL", lower: "mg/dl",
                                      range: 0...150, decimals: 0, fields: [.labTg])
    static let hdl = LabTest("2085-9", "HDLc SerPl-mCnc", "HDL", profile: "Lipid profile", unit: "mg/dL", lower: "mg/dl",
                             range: 40...100, female: 50...100, decimals: 0, fields: [.labHDL])
    static let ldl = LabTest("13457-7", "LDLc SerPl Calc-mCnc", "LDL-C", profile: "Lipid profile", unit: "mg/dL", lower: "mg/dl",
                             range: 0...130, decimals: 1, fields: [.labLDL])
    static let alt = LabTest("1742-6", "ALT SerPl-cCnc", "ALT", profile: "LFT", unit: "U/L", range: 0...40, decimals: 0, fields: [.labAlt])
    static let ast = LabTest("1920-8", "AST SerPl-cCnc", "AST", profile: "LFT", unit: "U/L", range: 0...40, decimals: 0, fields: [.labAst])
    static let urineAlbumin = LabTest("14957-5", "Microalbumin Ur-mCnc", "Urine Microalbunin", unit: "mg/L", range: 0...20, decimals: 1,
                                      fields: [.labUrineAlbumin])
    static let urineCreatinine = LabTest("2161-8", "Creat Ur-mCnc", "Urine Creatinine", unit: "mg/dL", lower: "mg/dl", range: nil,
                                         decimals: 0, fields: [.labUrineCreatinine])
    static let hematocrit = LabTest("4544-3", "Hct VFr Bld Auto", "Hct", profile: "CBC", unit: "%", range: 40...54, female: 36...48,
                                    decimals: 1)
    static let hemoglobin = LabTest("718-7", "Hgb Bld-mCnc", "Hb", profile: "CBC", unit: "g/dL", lower: "g/dl", range: 13...17,
                                    female: 12...16, decimals: 1)
    static let calcium = LabTest("17861-6", "Calcium SerPl-mCnc", "Calcium", unit: "mg/dL", lower: "mg/dl", range: 8.6...10.2, decimals: 1)
    static let phosphate = LabTest("2777-1", "Phosphate SerPl-mCnc", "Phosphorus", unit: "mg/dL", lower: "mg/dl", range: 2.5...4.5, decimals: 1)
    static let albumin = LabTest("1751-7", "Albumin SerPl-mCnc", "Albumin", unit: "g/dL", lower: "g/dl", range: 3.5...5.2, decimals: 1)
}

/// One result of a visit's lab work.
struct LabResult: Sendable {
    let test: LabTest
    let value: Double
}

/// Kidney function from serum creatinine: the CKD-EPI (2009) equation that Thai hospital labs
/// report (without the race coefficient), and the stage it falls in.
enum Kidney {
    /// eGFR (mL/min/1.73 m²) from serum creatinine (mg/dL), age (years) and sex.
    static func eGFR(creatinine scr: Double, age: Double, female: Bool) -> Double {
        let k = female ? 0.7 : 0.9, a = female ? -0.329 : -0.411
        let r = scr / k
        return 141 * pow(min(r, 1), a) * pow(max(r, 1), -1.209) * pow(0.993, age) * (female ? 1.018 : 1)
    }

    /// The serum creatinine that gives `eGFR` (the inverse of ``eGFR(creatinine:age:female:)``).
    static func creatinine(eGFR target: Double, age: Double, female: Bool) -> Double {
        var lo = 0.1, hi = 30.0
        for _ in 0..<50 {
            let mid = (lo + hi) / 2
            if eGFR(creatinine: mid, age: age, female: female) > target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The KDIGO stage as Thai labs print it in their derived "CKD Stage" row (SPEC's example:
    /// "ระดับที่ 2 (GFR 60 - 89)").
    static func stageText(_ gfr: Double) -> String {
        switch gfr {
        case 90...: return "ระดับที่ 1 (GFR >= 90)"
        case 60..<90: return "ระดับที่ 2 (GFR 60 - 89)"
        case 45..<60: return "ระดับที่ 3a (GFR 45 - 59)"
        case 30..<45: return "ระดับที่ 3b (GFR 30 - 44)"
        case 15..<30: return "ระดับที่ 4 (GFR 15 - 29)"
        default: return "ระดับที่ 5 (GFR < 15)"
        }
    }

    /// The ICD-10 code of a CKD stage (stages 1–2 are not coded as chronic kidney disease here).
    static func diagnosis(_ gfr: Double) -> Diagnosis? {
        switch gfr {
        case 30..<60: return .ckd3
        case 15..<30: return .ckd4
        case ..<15: return .ckd5
        default: return nil
        }
    }
}

/// Rounds to the decimals a lab reports.
func rounded(_ v: Double, _ decimals: Int) -> Double {
    let f = pow(10, Double(decimals))
    return (v * f).rounded() / f
}
