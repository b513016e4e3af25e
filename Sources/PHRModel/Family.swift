import Foundation

/// A booked visit (`Appointment`), as the unit sent it.
public struct Appointment: Sendable, Hashable {
    public var ref: String
    public var unit: HospitalCode?
    public var unitName: String?
    public var start: SourceDate
    public var end: SourceDate
    public var clinic: String?
    public var reason: String?
    /// What to bring or do before (`mode=Detail` only).
    public var instruction: String?
    public var status: AppointmentStatus

    public init(ref: String, unit: HospitalCode?, unitName: String?, start: SourceDate, end: SourceDate, clinic: String?,
                reason: String?, instruction: String?, status: AppointmentStatus = .confirmed) {
        self.ref = ref; self.unit = unit; self.unitName = unitName; self.start = start; self.end = end
        self.clinic = clinic; self.reason = reason; self.instruction = instruction; self.status = status
    }
}

/// An appointment's status, read from the row's `status_text` (SPEC.md names no values; the
/// rule is phr's, docs/show-export.md): the FHIR Appointment codes and their Thai words.
public enum AppointmentStatus: Sendable, Hashable {
    /// Booked (`booked`, `confirmed`, `arrived`, `checked-in`, `fulfilled`, นัดแล้ว, ยืนยัน…),
    /// or no status at all: the unit listed it as an appointment and said nothing more.
    case confirmed
    /// Not confirmed (`proposed`, `pending`, `waitlist`, รอยืนยัน…) or a status phr cannot
    /// read: the text as the unit sent it, shown to the citizen.
    case tentative(String)
    /// `cancelled`/`canceled`, `entered-in-error`, or any text with ยกเลิก.
    case cancelled

    public init(statusText: String?) {
        let text = (statusText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let word = text.lowercased()
        if word.isEmpty {
            self = .confirmed
        } else if ["cancelled", "canceled", "cancel", "entered-in-error"].contains(word) || text.contains("ยกเลิก") {
            self = .cancelled
        } else if ["booked", "confirmed", "arrived", "checked-in", "fulfilled", "นัดแล้ว", "ยืนยัน", "ยืนยันแล้ว"].contains(word) {
            self = .confirmed
        } else {
            self = .tentative(text)
        }
    }
}

/// A caregiver relation (`CareGiver`): the other person, and which way it goes.
public struct CareRelation: Sendable, Hashable {
    public var cid: CitizenID
    public var name: PersonName
    public var birthDate: SourceDate
    public var relation: String?
    /// True when the other person cares for the citizen (`mode=1`), false when the citizen cares
    /// for them (`mode=2`).
    public var caresForCitizen: Bool

    public init(cid: CitizenID, name: PersonName, birthDate: SourceDate, relation: String?, caresForCitizen: Bool) {
        self.cid = cid; self.name = name; self.birthDate = birthDate; self.relation = relation; self.caresForCitizen = caresForCitizen
    }
}
