import Foundation
import PHRModel
import Testing
@testable import PHRRender

/// `phr show appointments`: a cancelled or unconfirmed appointment stays in its place, marked.
@Suite struct AppointmentTableTests {
    func appointment(_ ref: String, day: Int, _ status: AppointmentStatus) -> Appointment {
        let at = CivilDateTime(year: 2027, month: 1, day: day, hour: 8, minute: 0)
        return Appointment(ref: ref, unit: HospitalCode("10699"), unitName: "โรงพยาบาลบ้านแพ้ว", start: SourceDate(original: at.iso, value: at),
                           end: SourceDate(original: "", value: nil), clinic: "คลินิกโรคเรื้อรัง", reason: "ติดตาม \(ref)",
                           instruction: nil, status: status)
    }

    @Test(arguments: [(DisplayLanguage.en, "✗ CANCELLED", "(not confirmed: pending)"), (.th, "✗ ยกเลิกแล้ว", "(ยังไม่ยืนยัน: pending)")])
    func cancelledAndUnconfirmedAreMarkedAndKeptInOrder(_ language: DisplayLanguage, _ cancelled: String, _ tentative: String) {
        let table = RecordText(DisplayOptions(language: language, width: 200)).appointmentTable(
            [appointment("A3", day: 30, .tentative("pending")), appointment("A1", day: 5, .confirmed), appointment("A2", day: 12, .cancelled)],
            now: CivilDateTime(year: 2026, month: 12, day: 3, hour: 9, minute: 0))
        let rows = table.split(separator: "\n").filter { $0.contains("ติดตาม") }
        #expect(rows.count == 3)
        #expect(rows.map { $0.contains("A1") } == [true, false, false], "soonest first")
        #expect(rows[1].contains("A2") && rows[1].contains(cancelled), "\(rows[1])")
        #expect(rows[2].contains("A3") && rows[2].contains(tentative), "\(rows[2])")
        #expect(!rows[0].contains("✗") && !rows[0].contains(tentative.prefix(6)), "a confirmed one is not marked: \(rows[0])")
    }
}
