import Foundation
import PHRModel

/// `Appointment` and `CareGiver` answers as model values (rows defined by phr-sandbox, since
/// SPEC.md gives none; docs/sandbox.md). Dates are read and flagged like every other date, never
/// fixed; a row without a usable CID or reference is left out.
public enum FamilyMapping {
    /// An appointment is in the future by nature: its dates are read by a parser whose "now" is
    /// ten years ahead, so only a date no booking can have is flagged as future; the other date
    /// checks (a year converted twice, a BE year in a CE field) apply as to every date.
    public static let appointmentDates = ThaiDateParser(now: CivilDateTime(year: CivilDateTime.nowInThailand().year + 10, month: 12, day: 31))

    public static func appointments(_ body: Data, dates: ThaiDateParser = appointmentDates) throws(WireError) -> [Appointment] {
        try Envelope(data: body).rows(of: ActionRequest(.appointment)).compactMap { row in
            guard let ref = row.nonEmpty("appointment_ref_code") else { return nil }
            return Appointment(ref: ref, unit: row.nonEmpty("organization_code").flatMap(HospitalCode.init), unitName: row.nonEmpty("organization_name"),
                               start: dates.parse(row.nonEmpty("start_datetime") ?? "", field: "start_datetime"),
                               end: dates.parse(row.nonEmpty("end_datetime") ?? "", field: "end_datetime"),
                               clinic: row.nonEmpty("clinic_text"), reason: row.nonEmpty("reason_text"), instruction: row.nonEmpty("instruction_text"),
                               status: AppointmentStatus(statusText: row.nonEmpty("status_text")))
        }
    }

    /// `caresForCitizen`: the answer is `mode=1`'s (people who care for the citizen).
    public static func careRelations(_ body: Data, caresForCitizen: Bool, dates: ThaiDateParser = ThaiDateParser()) throws(WireError) -> [CareRelation] {
        let envelope = try Envelope(data: body)
        guard let objects = envelope.result as? [[String: Any]] ?? ((envelope.result == nil || envelope.result is NSNull) ? [] : nil) else {
            throw .unexpectedResult(action: "CareGiver", expected: "a list of rows")
        }
        return objects.map(WireRow.init).compactMap { row in
            guard let cid = row.nonEmpty("cid").flatMap({ try? CitizenID($0) }) else { return nil }
            return CareRelation(cid: cid, name: PersonName(prefix: row.nonEmpty("prefix") ?? "", first: row.nonEmpty("first_name") ?? "",
                                                           last: row.nonEmpty("last_name") ?? ""),
                                birthDate: dates.parse(row.nonEmpty("birth_date") ?? "", field: "birth_date"),
                                relation: row.nonEmpty("relationship_text"), caresForCitizen: caresForCitizen)
        }
    }
}
