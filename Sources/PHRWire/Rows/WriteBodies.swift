import Foundation
import PHRModel

// Bodies of the calls a citizen's client writes with (phr-api.md §8), with SPEC.md's field
// names in the order of its examples.

/// `POST /api/SelfObservation` (SPEC.md "api QuickObservation"): one observation per call.
public struct SelfObservationBody: WireRowDeclaration, Equatable {
    public var systemName: String = ""
    public var locationGIS = GIS()
    public var observationRefCode: String = ""
    public var person = Subject()
    public var observation = Observation()

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case systemName = "system_name"
        case locationGIS = "location_gis"
        case observationRefCode = "observation_ref_code"
        case person
        case observation
    }

    /// `location_gis`: latitude and longitude as text (empty: `phr` knows no position).
    public struct GIS: Codable, Sendable, Equatable {
        public var latitude: String = ""
        public var longitude: String = ""
        public init() {}
    }

    /// `person`: who was measured.
    public struct Subject: WireRowDeclaration, Equatable {
        public var cid: String = ""
        public var prefix: String = ""
        public var firstName: String = ""
        public var lastName: String = ""
        /// `YYYY-MM-DD`, CE.
        public var birthDate: String = ""
        public var gender: String = ""

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case cid, prefix
            case firstName = "first_name"
            case lastName = "last_name"
            case birthDate = "birth_date"
            case gender
        }

        public init() {}
    }

    /// `observation`: the value with its LOINC code and unit.
    public struct Observation: WireRowDeclaration, Equatable {
        public var referenceID: String = ""
        public var loincCode: String = ""
        public var loincDisplay: String = ""
        /// ISO 8601 with milliseconds, no zone (Thailand time): `2000-01-01T01:01:01.000`.
        public var effectiveDatetime: String = ""
        public var deviceDisplay: String = ""
        public var performerDisplay: String = ""
        public var observationValue: String = ""
        public var observationUnit: String = ""

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case referenceID = "reference_id"
            case loincCode = "loinc_code"
            case loincDisplay = "loinc_display"
            case effectiveDatetime = "effective_datetime"
            case deviceDisplay = "device_display"
            case performerDisplay = "performer_display"
            case observationValue = "observation_value"
            case observationUnit = "observation_unit"
        }

        public init() {}
    }

    public init() {}

    /// The body for one saved observation of `person` (the store's PatientSummary; only the
    /// cid when the record has not been synced yet), sent by `system`.
    public init(_ o: SelfObservation, cid: CitizenID, person: Person?, system: String) {
        systemName = system
        observationRefCode = o.refCode
        self.person.cid = cid.digits
        if let name = person?.nameTH ?? person?.nameEN {
            self.person.prefix = name.prefix; self.person.firstName = name.first; self.person.lastName = name.last
        }
        if let birth = person?.birthDate.trusted { self.person.birthDate = CivilDateTime(year: birth.year, month: birth.month, day: birth.day).iso }
        self.person.gender = person?.gender ?? ""
        observation.referenceID = o.readingID
        observation.loincCode = o.measure.loinc.code
        observation.loincDisplay = o.measure.loinc.display
        var at = o.takenAt
        at.hour = at.hour ?? 0
        observation.effectiveDatetime = at.iso + ".000"
        observation.deviceDisplay = o.device ?? ""
        observation.performerDisplay = (person?.nameTH ?? person?.nameEN)?.display ?? ""
        observation.observationValue = o.valueText
        observation.observationUnit = o.measure.unit
    }

    /// Whether `code` is a GUID in braces, the form SPEC gives `observation_ref_code` and
    /// `reference_id` (`{aaaaaa-bbbbbb-ccccc-ddddd-eeeee}`): hex digits and dashes, at most 64.
    public static func isBracedGUID(_ code: String) -> Bool {
        let u = Array(code.utf8)
        guard (4...64).contains(u.count), u.first == UInt8(ascii: "{"), u.last == UInt8(ascii: "}") else { return false }
        return u.dropFirst().dropLast().allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102) || $0 == 45 }
    }
}

/// `POST /api/WebApp?Action=ReportEncounter&mode=ADD|DELETE|LIST` (SPEC.md "api สำหรับแจ้งข้อมูล
/// Encounter ไม่ถูกต้อง"): `{cid, encounter_ref_code, reason_text}`, LIST with the cid only.
/// The answer's `result` is the number of the citizen's reported encounters.
public enum ReportEncounterMode: String, Sendable, CaseIterable {
    case add = "ADD", delete = "DELETE", list = "LIST"
}

/// `WebApp?Action=SelfObservation`: one observation the ministry received (the row shape is
/// SILENT in SPEC.md; defined by phr-sandbox, docs/sandbox.md): the sent observation's fields,
/// flattened, with the sender's `system_name` and when it was received (ISO, UTC, ms).
public struct SelfObservationRow: WireRowDeclaration, Equatable {
    public var cid: String = ""
    public var observationRefCode: String = ""
    public var referenceID: String = ""
    public var systemName: String = ""
    public var loincCode: String = ""
    public var loincDisplay: String = ""
    public var effectiveDatetime: String = ""
    public var deviceDisplay: String = ""
    public var performerDisplay: String = ""
    public var observationValue: String = ""
    public var observationUnit: String = ""
    public var receivedDatetime: String = ""

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case observationRefCode = "observation_ref_code"
        case referenceID = "reference_id"
        case systemName = "system_name"
        case loincCode = "loinc_code"
        case loincDisplay = "loinc_display"
        case effectiveDatetime = "effective_datetime"
        case deviceDisplay = "device_display"
        case performerDisplay = "performer_display"
        case observationValue = "observation_value"
        case observationUnit = "observation_unit"
        case receivedDatetime = "received_datetime"
    }

    public init() {}

    /// The row of a received body.
    public init(_ body: SelfObservationBody, received: String) {
        cid = body.person.cid
        observationRefCode = body.observationRefCode
        referenceID = body.observation.referenceID
        systemName = body.systemName
        loincCode = body.observation.loincCode
        loincDisplay = body.observation.loincDisplay
        effectiveDatetime = body.observation.effectiveDatetime
        deviceDisplay = body.observation.deviceDisplay
        performerDisplay = body.observation.performerDisplay
        observationValue = body.observation.observationValue
        observationUnit = body.observation.observationUnit
        receivedDatetime = received
    }
}
