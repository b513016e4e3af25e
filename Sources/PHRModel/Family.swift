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

    public init(ref: String, unit: HospitalCode?, unitName: String?, start: SourceDate, end: SourceDate, clinic: String?,
                reason: String?, instruction: String?) {
        self.ref = ref; self.unit = unit; self.unitName = unitName; self.start = start; self.end = end
        self.clinic = clinic; self.reason = reason; self.instruction = instruction
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
