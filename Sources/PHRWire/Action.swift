/// The read Actions of `{BASE}/api/WebApp?Action=…` (phr-api.md §4) that `phr` uses and
/// `phr-sandbox` serves. Raw values are the ministry's spelling.
public enum Action: String, Sendable, CaseIterable, Codable {
    case patientSummary = "PatientSummary"
    case address = "Address"
    case telecom = "Telecom"
    case coverage = "Coverage"
    case encounter = "Encounter"
    case vitalSign = "VitalSign"
    case condition = "Condition"
    case observation = "Observation"
    case medication = "Medication"
    case immunization = "Immunization"
    case allergy = "Allergy"
    case ncd = "NCD"
    case appointment = "Appointment"
    case referral = "Referral"

    /// Reads the `Action` query value, accepting the ministry documents' misspelling
    /// `VitalSing` for `VitalSign` and any letter case.
    public init?(wireName: String) {
        if wireName.caseInsensitiveCompare("VitalSing") == .orderedSame { self = .vitalSign; return }
        guard let match = Action.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(wireName) == .orderedSame })
        else { return nil }
        self = match
    }
}

/// One request for a read Action: the Action plus its `mode` and `Code` query values.
public struct ActionRequest: Hashable, Sendable, Codable, CustomStringConvertible {
    public var action: Action
    /// `Detail` (Coverage, Immunization) or `Encounter` (Condition, Observation, Medication).
    public var mode: String?
    /// The `encounter_ref_code` for `mode=Encounter`.
    public var code: String?

    public init(_ action: Action, mode: String? = nil, code: String? = nil) {
        self.action = action; self.mode = mode; self.code = code
    }

    /// `Condition` for one encounter (`mode=Encounter&Code=<hcode:vn>`).
    public static func perEncounter(_ action: Action, _ ref: String) -> ActionRequest {
        ActionRequest(action, mode: "Encounter", code: ref)
    }

    /// The query after `/api/WebApp?`, in the ministry's order and case.
    public var query: [(String, String)] {
        var q = [("Action", action.rawValue)]
        if let mode { q.append(("mode", mode)) }
        if let code { q.append(("Code", code)) }
        return q
    }

    /// A short label for provenance and sync state: `Condition&mode=Encounter` (no code).
    public var label: String {
        action.rawValue + (mode.map { "&mode=" + $0 } ?? "")
    }

    public var description: String {
        label + (code.map { "&Code=" + $0 } ?? "")
    }
}
