// Field names, order and JSON types as the ministry's examples show them (SPEC.md; fixtures in
// Tests/Fixtures/spec). Declared once here and used by the mapper, the sandbox and the tests.

/// `Observation`: one row per test and unit; `total` is a count **as text**, `min`/`max`/`avg` numbers.
public struct ObservationSummaryRow: WireRowDeclaration {
    public var display: String = ""
    public var total: String = ""
    public var min: Double = 0
    public var max: Double = 0
    public var avg: Double = 0
    public var observationUnit: String = ""

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case display
        case total
        case min
        case max
        case avg
        case observationUnit = "observation_unit"
    }

    public init() {}
}

/// `Observation&mode=Encounter&Code=…`: one lab result. `display` is the LOINC short name,
/// `display_text` the unit's own name; `value_quantity` is `null` for text results (e.g. the derived
/// "CKD Stage" row, whose `value_string` is Thai text); units differ in case between units.
public struct ObservationRow: WireRowDeclaration {
    public var cid: String = ""
    public var issued: String = ""
    public var display: String = ""
    public var displayText: String = ""
    public var profileGroupText: String = ""
    public var valueQuantity: Double? = nil
    public var valueString: String = ""
    public var interpretation: String = ""
    public var note: String = ""
    public var bodySite: String = ""
    public var specimen: String = ""
    public var isMark: Bool = false
    public var categoryCode: String = ""
    public var tmltCode: String = ""
    public var loincCode: String = ""
    public var observationUnit: String = ""
    public var referenceRangeNormalLow: Double? = nil
    public var referenceRangeNormalHigh: Double? = nil
    public var referenceRangeText: String = ""
    public var asserterReference: String = ""
    public var asserterDisplay: String = ""
    public var encounterRefCode: String = ""
    public var displayMD5: String = ""
    public var organizationCode: String = ""
    public var organizationName: String = ""
    public var createDatetime: Int = 0
    public var updateDatetime: Int = 0
    public var regionID: Int = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case issued
        case display
        case displayText = "display_text"
        case profileGroupText = "profile_group_text"
        case valueQuantity = "value_quantity"
        case valueString = "value_string"
        case interpretation
        case note
        case bodySite = "body_site"
        case specimen
        case isMark = "is_mark"
        case categoryCode = "category_code"
        case tmltCode = "tmlt_code"
        case loincCode = "loinc_code"
        case observationUnit = "observation_unit"
        case referenceRangeNormalLow = "reference_range_normal_low"
        case referenceRangeNormalHigh = "reference_range_normal_high"
        case referenceRangeText = "reference_range_text"
        case asserterReference = "asserter_reference"
        case asserterDisplay = "asserter_display"
        case encounterRefCode = "encounter_ref_code"
        case displayMD5 = "display_md5"
        case organizationCode = "organization_code"
        case organizationName = "organization_name"
        case createDatetime = "create_datetime"
        case updateDatetime = "update_datetime"
        case regionID = "region_id"
    }

    public init() {}
}
