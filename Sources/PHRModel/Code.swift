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

/// Code-system and identifier URIs of the records and their exports: international systems by
/// their HL7 names, Thai ones by the SIL-TH registry (the terminology IG `sil-th/terminology-ig`,
/// canonical https://terms.sil-th.org/core, which TH Core `sil-th/th-core` builds on). Which URI
/// comes from which definition: docs/show-export.md, "Code systems".
public enum CodeSystem {
    /// ICD-10 (WHO), codes with the dot (`E11.9`).
    public static let icd10 = "http://hl7.org/fhir/sid/icd-10"
    /// ICD-10-TM, the Thai modification (SIL-TH `CS_TH_ICD10TM`): codes as Thai units send them.
    public static let icd10TM = "https://terms.sil-th.org/core/CodeSystem/cs-th-icd10tm"
    /// Thai Medicines Terminology (SIL-TH `CS_TMT`).
    public static let tmt = "https://terms.sil-th.org/core/CodeSystem/cs-th-tmt"
    /// The 24-digit Thai drug code of THCC (SIL-TH `CS_24Drug`).
    public static let drug24 = "https://terms.sil-th.org/core/CodeSystem/cs-th-24drug"
    /// THCC vaccine codes, the "43 แฟ้ม" EPI codes (SIL-TH `CS_THCC_VaccineCode`).
    public static let vaccine = "https://terms.sil-th.org/core/CodeSystem/cs-thcc-vaccine-code"
    /// Kinds of Thai coverage right: UCS, OFC, SSS, LGO … (SIL-TH `CS_TH_CoverageType`).
    public static let coverageType = "https://terms.sil-th.org/core/CodeSystem/cs-th-coverage-type"
    /// Thai identifier types: `cid`, `hcode` … (SIL-TH `CS_TH_IdentifierType`).
    public static let identifierType = "https://terms.sil-th.org/core/CodeSystem/cs-th-identifier-type"
    /// LOINC.
    public static let loinc = "http://loinc.org"
    /// UCUM units.
    public static let ucum = "http://unitsofmeasure.org"
    /// MOPH health-unit code, hcode (SIL-TH NamingSystem `IDHcode`).
    public static let hcode = "https://terms.sil-th.org/id/th-moph-hcode"
    /// Thai citizen ID of the Department of Provincial Administration (SIL-TH NamingSystem `IDThaiCid`).
    public static let citizenID = "https://terms.sil-th.org/id/th-cid"
    /// The right's class as the service sends it (`class_group_value`), which may be outside
    /// ``coverageType``.
    public static let coverageRight = "urn:phr:moph:coverage-class"
    /// A lab test by the name the service sends, when the row has no LOINC code ("CKD Stage").
    public static let labName = "urn:phr:moph:lab-name"
    /// A hospital's drug name stored as a code by phr before names stayed text; exports leave it out.
    public static let localDrug = "urn:phr:local-drug"

    /// URIs phr stored before it took the SIL-TH ones (a store synced earlier keeps them until
    /// the rows change); exports write today's.
    static let former: [String: String] = [
        "https://www.this.or.th/tmt/gp": tmt, "https://www.this.or.th/drugcode24": drug24, "https://refcode.moph.go.th/vaccine": vaccine,
    ]

    /// Today's URI of a stored code's system.
    public static func current(_ system: String) -> String { former[system] ?? system }
}

extension Medication {
    /// The drug's national codes (TMT, 24-digit) in today's systems; a name is never a code.
    public var standardCodes: [Code] {
        codes.filter { $0.system != CodeSystem.localDrug }.map { Code(system: CodeSystem.current($0.system), value: $0.value, display: $0.display) }
    }
}

extension Immunization {
    /// The vaccine's code in today's system.
    public var vaccineCode: Code { Code(system: CodeSystem.current(vaccine.system), value: vaccine.value, display: vaccine.display) }
}
