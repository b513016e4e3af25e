// Rows of Actions whose shape SPEC.md does not give (phr-api.md §4 "shape in [S]: no"): defined
// by phr-sandbox and documented in docs/sandbox.md, declared here once for the sandbox and the
// client.

/// `NCD`: a chronic condition registered at a unit's chronic clinic. `ncd_code` is ICD-10 with its
/// dot; `first_diagnosis_date` is `YYYY-MM-DD` (CE, as units should send it).
public struct NCDRow: WireRowDeclaration {
    public var cid: String = ""
    public var organizationCode: String = ""
    public var organizationName: String = ""
    public var ncdCode: String = ""
    public var ncdName: String = ""
    public var ncdNameTH: String = ""
    public var firstDiagnosisDate: String = ""
    public var clinicalStatusText: String = ""
    public var regionID: Int = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case organizationCode = "organization_code"
        case organizationName = "organization_name"
        case ncdCode = "ncd_code"
        case ncdName = "ncd_name"
        case ncdNameTH = "ncd_name_th"
        case firstDiagnosisDate = "first_diagnosis_date"
        case clinicalStatusText = "clinical_status_text"
        case regionID = "region_id"
    }

    public init() {}
}

/// `Allergy`: a drug allergy a unit reported (`tmt_code` of the drug when the unit knows it).
public struct AllergyRow: WireRowDeclaration {
    public var cid: String = ""
    public var organizationCode: String = ""
    public var organizationName: String = ""
    public var drugName: String = ""
    public var tmtCode: String = ""
    public var reactionText: String = ""
    public var severityText: String = ""
    public var recordedDate: String = ""
    public var encounterRefCode: String = ""

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case organizationCode = "organization_code"
        case organizationName = "organization_name"
        case drugName = "drug_name"
        case tmtCode = "tmt_code"
        case reactionText = "reaction_text"
        case severityText = "severity_text"
        case recordedDate = "recorded_date"
        case encounterRefCode = "encounter_ref_code"
    }

    public init() {}
}

/// `Immunization&mode=Detail`: one dose. `vaccine_code` is the "43 แฟ้ม" (THCC) vaccine code,
/// `encounter_ref_code` the visit it was given at (`""` for mass-vaccination sites).
public struct ImmunizationRow: WireRowDeclaration {
    public var cid: String = ""
    public var organizationCode: String = ""
    public var organizationName: String = ""
    public var vaccineCode: String = ""
    public var vaccineName: String = ""
    public var doseNumber: Int = 0
    public var immunizationDate: String = ""
    public var lotNumber: String = ""
    public var encounterRefCode: String = ""

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case organizationCode = "organization_code"
        case organizationName = "organization_name"
        case vaccineCode = "vaccine_code"
        case vaccineName = "vaccine_name"
        case doseNumber = "dose_number"
        case immunizationDate = "immunization_date"
        case lotNumber = "lot_number"
        case encounterRefCode = "encounter_ref_code"
    }

    public init() {}
}

/// `Appointment` (and `Appointment&mode=Detail`, the same rows with `instruction_text`): one
/// booked visit. `start_datetime`/`end_datetime` are ISO, Thailand time, no zone, like the
/// Encounter rows' `period_start`.
public struct AppointmentRow: WireRowDeclaration, Equatable {
    public var cid: String = ""
    public var appointmentRefCode: String = ""
    public var organizationCode: String = ""
    public var organizationName: String = ""
    public var startDatetime: String = ""
    public var endDatetime: String = ""
    public var clinicText: String = ""
    public var reasonText: String = ""
    public var statusText: String = ""
    public var instructionText: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case appointmentRefCode = "appointment_ref_code"
        case organizationCode = "organization_code"
        case organizationName = "organization_name"
        case startDatetime = "start_datetime"
        case endDatetime = "end_datetime"
        case clinicText = "clinic_text"
        case reasonText = "reason_text"
        case statusText = "status_text"
        case instructionText = "instruction_text"
    }

    public init() {}
}

/// `CareGiver&mode=1` (who cares for this cid) and `mode=2` (whom this cid cares for): one row
/// per relation, naming the other person. `relationship_code`/`_text` follow the `caregiver_type`
/// coding of SPEC's CareGiver upload (`1` บุคคลในครอบครัวเดียวกัน).
public struct CareGiverRow: WireRowDeclaration, Equatable {
    public var cid: String = ""
    public var prefix: String = ""
    public var firstName: String = ""
    public var lastName: String = ""
    public var birthDate: String = ""
    public var gender: String = ""
    public var relationshipCode: String = ""
    public var relationshipText: String = ""
    public var organizationCode: String = ""
    public var verifiedDate: String = ""

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid, prefix
        case firstName = "first_name"
        case lastName = "last_name"
        case birthDate = "birth_date"
        case gender
        case relationshipCode = "relationship_code"
        case relationshipText = "relationship_text"
        case organizationCode = "organization_code"
        case verifiedDate = "verified_date"
    }

    public init() {}
}
