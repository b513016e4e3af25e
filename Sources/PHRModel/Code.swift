/// A coded value with its code system, e.g. ICD-10 `E11.9` or LOINC `8480-6`.
public struct Code: Hashable, Sendable, Codable {
    /// The code system URI (see ``CodeSystem``).
    public var system: String
    /// The code as the source wrote it.
    public var value: String
    /// Human-readable text, if the source gave one.
    public var display: String?

    public init(system: String, value: String, display: String? = nil) {
        self.system = system
        self.value = value
        self.display = display
    }
}

/// Code-system URIs used by the MOPH PHR service and by FHIR exports.
public enum CodeSystem {
    /// ICD-10 (WHO), as MOPH uploads name it.
    public static let icd10 = "http://hl7.org/fhir/sid/icd-10"
    /// Thai Medicines Terminology, generic product level.
    public static let tmt = "https://www.this.or.th/tmt/gp"
    /// The 24-digit Thai drug code (รหัสยา 24 หลัก).
    public static let drug24 = "https://www.this.or.th/drugcode24"
    /// A hospital's own drug name/code (no national code in read rows).
    public static let localDrug = "urn:phr:local-drug"
    /// MOPH "43 แฟ้ม" vaccine codes (EPI).
    public static let vaccine = "https://refcode.moph.go.th/vaccine"
    /// LOINC.
    public static let loinc = "http://loinc.org"
    /// UCUM units.
    public static let ucum = "http://unitsofmeasure.org"
    /// MOPH health-unit code (hcode).
    public static let hcode = "https://bps.moph.go.th/hcode/5"
    /// Thai citizen ID (Department of Provincial Administration).
    public static let citizenID = "https://terms.sil-th.org/id/th-cid"
    /// NHSO coverage rights (class_group_value: UCS, SSS, OFC, LGO …).
    public static let coverageRight = "urn:phr:moph:coverage-class"
}
