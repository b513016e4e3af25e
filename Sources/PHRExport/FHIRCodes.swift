import PHRModel

/// Codes and identifiers as a receiving system validates them (docs/show-export.md, "Code
/// systems"): WHO ICD-10 with its dot, ICD-10-TM for a Thai code WHO does not have, the SIL-TH
/// systems for Thai codes and identifiers (TH Core's Patient `identifier[cid]` and Organization
/// `identifier[hcode]` slices), UCUM for lab units, HL7's interpretation codes. A name is
/// never a code: it goes to `text`.
enum FHIRCodes {
    typealias JSON = [String: Any]

    /// The codings of a condition's code: a WHO ICD-10 code written with its dot (`E119` →
    /// `E11.9`); an ICD-10-TM code as sent when it is longer than WHO's (`S0600`); none for a
    /// pseudo-code (`hpi`, `diagtext`) or anything else, which stays text.
    static func conditionCodings(_ code: Code) -> [JSON] {
        guard code.system == CodeSystem.icd10 else { return [] }
        let plain = code.value.uppercased().filter { $0 != "." }
        let u = Array(plain.utf8)
        guard u.count >= 3, (65...90).contains(u[0]), (48...57).contains(u[1]), (48...57).contains(u[2]) else { return [] }
        if u.count == 3 { return [coding(CodeSystem.icd10, plain, code.display)] }
        if u.count == 4, (48...57).contains(u[3]) {
            return [coding(CodeSystem.icd10, String(plain.prefix(3)) + "." + String(plain.suffix(1)), code.display)]
        }
        guard u.count <= 7, u.dropFirst(3).allSatisfy({ (48...57).contains($0) || (65...90).contains($0) }) else { return [] }
        return [coding(CodeSystem.icd10TM, code.value, code.display)]
    }

    /// TH Core's identifier type coding (`cid`, `hcode`).
    static func identifierType(_ code: String, _ display: String) -> JSON {
        ["coding": [coding(CodeSystem.identifierType, code, display)]]
    }

    /// The coverage rights SIL-TH's `CS_TH_CoverageType` defines.
    static let coverageTypes: Set<String> = ["UCS", "OFC", "SSS", "LGO", "OGO", "RAA", "PI", "SP", "OTH"]

    /// A right's type: SIL-TH's code when it has one, always the name as text.
    static func coverageType(_ right: Code) -> JSON {
        var c: JSON = ["text": right.display ?? right.value]
        if coverageTypes.contains(right.value.uppercased()) { c["coding"] = [coding(CodeSystem.coverageType, right.value.uppercased(), right.display)] }
        return c
    }

    /// A lab value's Quantity: the unit as the lab wrote it, and its UCUM code when phr knows it.
    static func quantity(_ value: Double, unit: String?) -> JSON {
        var q: JSON = ["value": value]
        if let unit, !unit.isEmpty { q["unit"] = unit }
        if let ucum = LabUnit.ucum(unit ?? "") { q["system"] = CodeSystem.ucum; q["code"] = ucum }
        return q
    }

    /// HL7 v3 ObservationInterpretation for a lab's mark (`H`, `L`, `N` …); text for others.
    static func interpretation(_ sent: String) -> JSON {
        let code = sent.trimmingSpaces.uppercased()
        let known = ["H": "High", "HH": "Critical high", "L": "Low", "LL": "Critical low", "N": "Normal", "A": "Abnormal", "AA": "Critical abnormal"]
        guard let display = known[code] else { return ["text": sent] }
        return ["coding": [coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code, display)], "text": sent]
    }

    static func coding(_ system: String, _ code: String, _ display: String?) -> JSON {
        var c: JSON = ["system": system, "code": code]
        if let display, !display.isEmpty { c["display"] = display }
        return c
    }
}
