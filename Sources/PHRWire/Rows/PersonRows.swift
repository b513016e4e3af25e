// Field names, order and JSON types as the ministry's examples show them (SPEC.md; fixtures in
// Tests/Fixtures/spec). Declared once here and used by the mapper, the sandbox and the tests.

/// `PatientSummary`'s `result`: an object, not a list (phr-api.md §4).
public struct PatientSummaryResult: Codable, Sendable {
    public var patient = PatientRow()
    public var patientNamesTH: [PatientNameRow] = []
    public var patientNamesEN: [PatientNameRow] = []

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case patient
        case patientNamesTH = "patient_names_th"
        case patientNamesEN = "patient_names_en"
    }

    public init() {}
}

/// `PatientSummary` → `result.patient`. `RowID` is a string; `birth_date` is CE `YYYY-MM-DD`;
/// `deceased_date` `1970-01-01` is the "unknown" sentinel; the `*_text` fields are Thai display text.
public struct PatientRow: WireRowDeclaration {
    public var rowID: String = ""
    public var cid: String = ""
    public var birthDate: String = ""
    public var createDatetime: Int = 0
    public var updateDatetime: Int = 0
    public var gender: String = ""
    public var maritalStatus: String = ""
    public var maritalStatusName: String = ""
    public var deceasedBoolean: Bool = false
    public var deceasedDate: String = ""
    public var nationalityCode: String = ""
    public var nationalityName: String = ""
    public var lastOrganizationCode: String = ""
    public var encounterCount: Int = 0
    public var organizationCount: Int = 0
    public var cdCount: Int = 0
    public var cdText: String = ""
    public var patientNameText: String = ""
    public var allergyIntoleranceText: String = ""
    public var coverageText: String = ""
    public var observationCount: Int = 0
    public var regionID: Int = 0
    public var bloodGroup: String = ""
    public var bloodGroupDisplay: String = ""
    public var pregnancy: Bool = false
    public var lastRcvData: Int = 0
    public var lastGenData: Int = 0
    public var genderText: String = ""
    public var birthDateLongText: String = ""
    public var birthDateShortText: String = ""
    public var fullAgeText: String = ""
    public var fullNameTH: String = ""

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case rowID = "RowID"
        case cid
        case birthDate = "birth_date"
        case createDatetime = "create_datetime"
        case updateDatetime = "update_datetime"
        case gender
        case maritalStatus = "marital_status"
        case maritalStatusName = "marital_status_name"
        case deceasedBoolean = "deceased_boolean"
        case deceasedDate = "deceased_date"
        case nationalityCode = "nationality_code"
        case nationalityName = "nationality_name"
        case lastOrganizationCode = "last_organization_code"
        case encounterCount = "encounter_count"
        case organizationCount = "organization_count"
        case cdCount = "cd_count"
        case cdText = "cd_text"
        case patientNameText = "patient_name_text"
        case allergyIntoleranceText = "allergy_intolerance_text"
        case coverageText = "coverage_text"
        case observationCount = "observation_count"
        case regionID = "region_id"
        case bloodGroup = "blood_group"
        case bloodGroupDisplay = "blood_group_display"
        case pregnancy
        case lastRcvData = "last_rcv_data"
        case lastGenData = "last_gen_data"
        case genderText = "gender_text"
        case birthDateLongText = "birth_date_long_text"
        case birthDateShortText = "birth_date_short_text"
        case fullAgeText = "full_age_text"
        case fullNameTH = "full_name_th"
    }

    public init() {}
}

/// One row of `patient_names_th` (and `patient_names_en`, empty in SPEC's example; phr-sandbox
/// fills it with rows of the same shape, `language_code` `EN`).
public struct PatientNameRow: WireRowDeclaration {
    public var rowID: String = ""
    public var prefix: String = ""
    public var firstName: String = ""
    public var middleName: String = ""
    public var lastName: String = ""
    public var displayName: String = ""
    public var cid: String = ""
    public var languageCode: String = ""
    public var createDatetime: Int = 0
    public var updateDatetime: Int = 0
    public var organizationCode: String = ""
    public var isMark: Bool = false
    public var regionID: Int = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case rowID = "RowID"
        case prefix
        case firstName = "first_name"
        case middleName = "middle_name"
        case lastName = "last_name"
        case displayName = "display_name"
        case cid
        case languageCode = "language_code"
        case createDatetime = "create_datetime"
        case updateDatetime = "update_datetime"
        case organizationCode = "organization_code"
        case isMark = "is_mark"
        case regionID = "region_id"
    }

    public init() {}
}

/// `Address`: one row per reporting unit, so rows repeat. `text` is a label ("ที่อยู่อาศัย"), not the
/// address; the address is `line1`…`line3`, `district`, `city`, `state`, `postal_code`.
public struct AddressRow: WireRowDeclaration {
    public var addressUse: String = ""
    public var text: String = ""
    public var line1: String = ""
    public var line2: String = ""
    public var line3: String = ""
    public var city: String = ""
    public var district: String = ""
    public var state: String = ""
    public var postalCode: String = ""
    public var countryCode: String = ""
    public var addressCode: String = ""
    public var dateStart: String = ""
    public var dateEnd: String? = nil
    public var cid: String = ""
    public var organizationCode: String = ""
    public var isMark: Bool = false
    public var createDatetime: Int = 0
    public var updateDatetime: Int = 0
    public var regionID: Int = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case addressUse = "address_use"
        case text
        case line1
        case line2
        case line3
        case city
        case district
        case state
        case postalCode = "postal_code"
        case countryCode = "country_code"
        case addressCode = "address_code"
        case dateStart = "date_start"
        case dateEnd = "date_end"
        case cid
        case organizationCode = "organization_code"
        case isMark = "is_mark"
        case createDatetime = "create_datetime"
        case updateDatetime = "update_datetime"
        case regionID = "region_id"
    }

    public init() {}
}

/// `Telecom`: `value` is the number (10 digits for a phone); dates may be `null`.
public struct TelecomRow: WireRowDeclaration {
    public var telecomSystem: String = ""
    public var telecomUse: String = ""
    public var value: String = ""
    public var dateStart: String? = nil
    public var dateEnd: String? = nil
    public var cid: String = ""
    public var organizationCode: String = ""
    public var isMark: Bool = false
    public var createDatetime: Int = 0
    public var updateDatetime: Int = 0
    public var regionID: Int = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case telecomSystem = "telecom_system"
        case telecomUse = "telecom_use"
        case value
        case dateStart = "date_start"
        case dateEnd = "date_end"
        case cid
        case organizationCode = "organization_code"
        case isMark = "is_mark"
        case createDatetime = "create_datetime"
        case updateDatetime = "update_datetime"
        case regionID = "region_id"
    }

    public init() {}
}
