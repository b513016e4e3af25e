/// The laboratory tests `phr` knows by name (docs/show-export.md, "Lab tests"): the names people
/// type (`phr show labs --test hba1c`), the LOINC codes and lab names that are the same test,
/// the unit it is read in, what is physiologically possible, and an adult reference interval
/// used only when the lab sent no range of its own.
///
/// Written from clinical references, never from phr-sandbox's constants: LOINC for the codes;
/// ADA Standards of Care (HbA1c, fasting glucose), KDIGO 2012 (eGFR), NCEP ATP III (lipids), WHO
/// haemoglobin thresholds for anaemia, and common adult reference intervals for the rest.
public struct LabTest: Hashable, Sendable {
    /// An adult reference interval; a bound may be absent (LDL has only an upper one).
    public struct Reference: Hashable, Sendable {
        public var low: Double?
        public var high: Double?
        /// Women's bounds, where they differ.
        public var femaleLow: Double?
        public var femaleHigh: Double?

        /// The bounds for a woman, a man, or (nil) whichever is wider, so that an unknown sex is
        /// never marked out of range by the other sex's interval.
        public func range(female: Bool?) -> (low: Double?, high: Double?) {
            let f = (femaleLow ?? low, femaleHigh ?? high)
            switch female {
            case true?: return f
            case false?: return (low, high)
            case nil: return (Self.least(low, f.0), Self.most(high, f.1))
            }
        }

        static func least(_ a: Double?, _ b: Double?) -> Double? { a.flatMap { a in b.map { min(a, $0) } ?? a } ?? b }
        static func most(_ a: Double?, _ b: Double?) -> Double? { a.flatMap { a in b.map { max(a, $0) } ?? a } ?? b }
    }

    /// What `--test` takes (`hba1c`).
    public let id: String
    /// Other names for it, typed or sent by labs, lower case (`a1c`, `fbs`, `ldl-c`).
    public let names: [String]
    /// LOINC codes of this test (the first is the usual one). A code in another unit (HbA1c in
    /// mmol/mol) belongs here too: its results are flagged `unexpected-unit`.
    public let loinc: [String]
    public let en: String
    public let th: String
    /// The UCUM code of the unit it is read in (``LabUnit``); "" for a text result.
    public let unit: String
    /// What a living person's result can be, in ``unit``: outside it, the value is flagged.
    public let plausible: ClosedRange<Double>?
    public let reference: Reference?

    /// Every test `phr` knows by name.
    public static let catalog: [LabTest] = [
        LabTest(id: "hba1c", names: ["a1c", "hba1c", "hemoglobin a1c", "haemoglobin a1c", "hgb a1c", "glycated hemoglobin"],
                loinc: ["4548-4", "17856-6", "4549-2", "17855-8", "59261-8"], en: "HbA1c", th: "น้ำตาลสะสม (HbA1c)", unit: "%",
                plausible: 2...25, reference: Reference(high: 5.6)),                                    // ADA: < 5.7 % normal
        LabTest(id: "glucose", names: ["fbs", "fpg", "glucose", "fasting glucose", "fasting blood sugar", "blood sugar", "plasma glucose"],
                loinc: ["2345-7", "1558-6", "2339-0", "14749-6", "14771-0", "15074-8"], en: "Glucose (fasting)", th: "น้ำตาลในเลือด (FBS)",
                unit: "mg/dL", plausible: 10...2000, reference: Reference(low: 70, high: 99)),          // ADA: fasting < 100
        LabTest(id: "creatinine", names: ["creatinine", "cr", "creat", "scr", "serum creatinine"], loinc: ["2160-0", "38483-4", "14682-9"],
                en: "Creatinine", th: "ครีอะตินิน", unit: "mg/dL", plausible: 0.1...30,
                reference: Reference(low: 0.7, high: 1.3, femaleLow: 0.6, femaleHigh: 1.1)),
        LabTest(id: "egfr", names: ["egfr", "gfr", "egfr (ckd-epi)", "egfr ckd-epi"],
                loinc: ["62238-1", "33914-3", "48642-3", "48643-1", "50044-7", "50210-4", "69405-9", "77147-7", "88293-6", "88294-4", "98979-8"],
                en: "eGFR", th: "อัตราการกรองของไต (eGFR)", unit: "mL/min/{1.73_m2}", plausible: 0...250,
                reference: Reference(low: 60)),                                                        // KDIGO: < 60 decreased (G3a–G5)
        LabTest(id: "ldl", names: ["ldl", "ldl-c", "ldlc", "ldl cholesterol", "ldl-cholesterol"], loinc: ["13457-7", "18262-6", "2089-1"],
                en: "LDL cholesterol", th: "ไขมันแอลดีแอล (LDL)", unit: "mg/dL", plausible: 1...1000,
                reference: Reference(high: 130)),                                                      // NCEP ATP III: 130+ borderline high
        LabTest(id: "hdl", names: ["hdl", "hdl-c", "hdlc", "hdl cholesterol", "hdl-cholesterol"], loinc: ["2085-9"],
                en: "HDL cholesterol", th: "ไขมันเอชดีแอล (HDL)", unit: "mg/dL", plausible: 1...300,
                reference: Reference(low: 40, femaleLow: 50)),                                         // NCEP ATP III
        LabTest(id: "tg", names: ["tg", "trig", "triglyceride", "triglycerides"], loinc: ["2571-8", "3043-7"],
                en: "Triglyceride", th: "ไตรกลีเซอไรด์", unit: "mg/dL", plausible: 5...20_000, reference: Reference(high: 150)),
        LabTest(id: "chol", names: ["chol", "tc", "cholesterol", "total cholesterol"], loinc: ["2093-3"],
                en: "Total cholesterol", th: "คอเลสเตอรอลรวม", unit: "mg/dL", plausible: 20...2000, reference: Reference(high: 200)),
        LabTest(id: "bun", names: ["bun", "urea nitrogen", "blood urea nitrogen"], loinc: ["3094-0", "6299-2"],
                en: "BUN", th: "ยูเรียไนโตรเจน (BUN)", unit: "mg/dL", plausible: 1...300, reference: Reference(low: 7, high: 20)),
        LabTest(id: "k", names: ["k", "potassium"], loinc: ["2823-3", "6298-4"], en: "Potassium", th: "โพแทสเซียม",
                unit: "mmol/L", plausible: 1...12, reference: Reference(low: 3.5, high: 5.0)),
        LabTest(id: "na", names: ["na", "sodium"], loinc: ["2951-2", "2947-0"], en: "Sodium", th: "โซเดียม",
                unit: "mmol/L", plausible: 90...200, reference: Reference(low: 135, high: 145)),
        LabTest(id: "alt", names: ["alt", "sgpt"], loinc: ["1742-6"], en: "ALT", th: "เอนไซม์ตับ ALT", unit: "U/L",
                plausible: 0...20_000, reference: Reference(high: 40)),
        LabTest(id: "ast", names: ["ast", "sgot"], loinc: ["1920-8"], en: "AST", th: "เอนไซม์ตับ AST", unit: "U/L",
                plausible: 0...20_000, reference: Reference(high: 40)),
        LabTest(id: "hb", names: ["hb", "hgb", "hemoglobin", "haemoglobin"], loinc: ["718-7"], en: "Haemoglobin", th: "ฮีโมโกลบิน",
                unit: "g/dL", plausible: 1...25, reference: Reference(low: 13, femaleLow: 12)),          // WHO anaemia thresholds
        LabTest(id: "hct", names: ["hct", "hematocrit", "haematocrit"], loinc: ["4544-3", "20570-8"], en: "Haematocrit", th: "ความเข้มข้นเลือด (Hct)",
                unit: "%", plausible: 5...80, reference: Reference(low: 40, high: 52, femaleLow: 36, femaleHigh: 48)),
        LabTest(id: "ualb", names: ["ualb", "microalbumin", "urine microalbumin", "urine albumin", "urine microalbunin"],
                loinc: ["14957-5", "1754-1"], en: "Urine albumin", th: "อัลบูมินในปัสสาวะ", unit: "mg/L", plausible: 0...10_000,
                reference: Reference(high: 20)),
        LabTest(id: "ckd", names: ["ckd", "ckd stage"], loinc: [], en: "CKD stage", th: "ระยะโรคไตเรื้อรัง", unit: "",
                plausible: nil, reference: nil),
    ]

    /// The tests whose latest results the summary shows and whose trends `--chart` draws.
    public static let keyTests = ["hba1c", "egfr", "ldl"].compactMap(named)

    /// The test a name typed on the command line means: an id, another name or a LOINC code,
    /// any letter case.
    public static func named(_ text: String) -> LabTest? {
        let t = text.trimmingSpaces.lowercased()
        return catalog.first { $0.id == t || $0.names.contains(t) || $0.loinc.contains(t) }
    }

    /// The test a result is: by its LOINC code when it has one (a code phr does not list is no
    /// test of the catalogue, whatever its name: urine glucose is not blood glucose), else by
    /// the lab's name or the name sent in place of a code.
    public static func matching(_ r: LabResult) -> LabTest? {
        if r.test.system == CodeSystem.loinc { return catalog.first { $0.loinc.contains(r.test.value) } }
        let names = [r.name, r.test.display ?? "", r.test.value].map { $0.trimmingSpaces.lowercased() }
        return catalog.first { test in names.contains { !$0.isEmpty && test.names.contains($0) } }
    }

    /// The title in the display language.
    public func title(thai: Bool) -> String { thai ? th : en }
}

/// Lab units as labs write them, read as UCUM (http://unitsofmeasure.org) codes.
///
/// Letter case is not meaning here: `mg/dl`, `mg/dL` and `MG/DL` are one unit, and no two units
/// of the table differ only in case, so a result is never flagged for the case of its unit
/// (docs/sync.md). A unit outside the table is kept as sent and has no UCUM code.
public enum LabUnit {
    /// The UCUM code of a unit as sent, or nil when phr does not know it.
    public static func ucum(_ sent: String) -> String? {
        let key = sent.lowercased().filter { $0 != " " }
        return table[key]
    }

    static let table: [String: String] = [
        "mg/dl": "mg/dL", "g/dl": "g/dL", "mg/l": "mg/L", "g/l": "g/L", "ng/ml": "ng/mL", "pg/ml": "pg/mL",
        "mmol/l": "mmol/L", "umol/l": "umol/L", "µmol/l": "umol/L", "μmol/l": "umol/L", "mmol/mol": "mmol/mol",
        "meq/l": "meq/L", "%": "%", "u/l": "U/L", "iu/l": "[IU]/L", "mg/g": "mg/g", "mg/mmol": "mg/mmol",
        "ml/min/1.73m2": "mL/min/{1.73_m2}", "ml/min/1.73m^2": "mL/min/{1.73_m2}", "ml/min/1.73m²": "mL/min/{1.73_m2}",
        "ml/min": "mL/min", "10^3/ul": "10*3/uL", "x10^3/ul": "10*3/uL", "10*3/ul": "10*3/uL", "10^6/ul": "10*6/uL",
        "x10^6/ul": "10*6/uL", "10*6/ul": "10*6/uL", "millioncells/cu.mm": "10*6/uL", "cells/cu.mm": "/uL", "fl": "fL", "pg": "pg",
    ]
}
