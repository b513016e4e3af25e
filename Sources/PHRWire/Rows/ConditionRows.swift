// Field names, order and JSON types as the ministry's examples show them (SPEC.md; fixtures in
// Tests/Fixtures/spec). Declared once here and used by the mapper, the sandbox and the tests.

/// `Condition`: one row per code, `code_text` ICD-10 with its dot (`E11.9`), `total` a count.
public struct ConditionSummaryRow: WireRowDeclaration {
    public var codeDisplayText: String = ""
    public var codeText: String = ""
    public var total: Int = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case codeDisplayText = "code_display_text"
        case codeText = "code_text"
        case total
    }

    public init() {}
}

/// `Condition&mode=Encounter&Code=…`: `code_text` is ICD-10 without the dot (`J47`) or a
/// pseudo-code (`diagtext`, `hpi`); `onset_datetime` is the `1970-01-01` sentinel.
public struct ConditionRow: WireRowDeclaration {
    public var cid: String = ""
    public var isMark: Bool = false
    public var onsetDatetime: String = ""
    public var recordedDatetime: String = ""
    public var encounterRefCode: String = ""
    public var conditionKeyMD5: String = ""
    public var clinicalStatusText: String = ""
    public var clinicalVerificationText: String = ""
    public var clinicalSeverityText: String = ""
    public var clinicalCategoryText: String = ""
    public var codeText: String = ""
    public var codeDisplayText: String = ""
    public var asserterReference: String = ""
    public var asserterDisplay: String = ""
    public var organizationCode: String = ""
    public var regionID: Int = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case isMark = "is_mark"
        case onsetDatetime = "onset_datetime"
        case recordedDatetime = "recorded_datetime"
        case encounterRefCode = "encounter_ref_code"
        case conditionKeyMD5 = "condition_key_md5"
        case clinicalStatusText = "clinical_status_text"
        case clinicalVerificationText = "clinical_verification_text"
        case clinicalSeverityText = "clinical_severity_text"
        case clinicalCategoryText = "clinical_category_text"
        case codeText = "code_text"
        case codeDisplayText = "code_display_text"
        case asserterReference = "asserter_reference"
        case asserterDisplay = "asserter_display"
        case organizationCode = "organization_code"
        case regionID = "region_id"
    }

    public init() {}
}
