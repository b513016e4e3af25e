import Foundation
import PHRModel
import PHRWire

extension RecordWriter {
    /// A chronic patient's booked visits: from the last follow-up, at the rhythm of the last two
    /// (monthly, two-monthly, dialysis three times a week), for a year after the record ends, at
    /// the unit of the last follow-up; the last of them is cancelled (`status_text`
    /// `cancelled`, the rest `booked`). Nobody else has appointments (docs/sandbox.md).
    func appointmentRows(_ course: Course, detail: Bool) -> [AppointmentRow] {
        guard !person.chronic.isEmpty else { return [] }
        let booked = course.visits.filter { $0.byAppointment && $0.setting == .outpatient }
        guard booked.count >= 2 else { return [] }
        let last = booked[booked.count - 1]
        let gap = max(1, last.start.dayNumber - booked[booked.count - 2].start.dayNumber)
        let dialysis = person.dialysis != nil
        let reasons = person.chronic.map { "\($0.diagnosis.code) \($0.diagnosis.thai)" }.joined(separator: ", ")
        var rows: [AppointmentRow] = []
        var day = last.start.adding(days: gap)
        let until = CivilDateTime.sandboxToday.adding(days: 365)
        while day <= until {
            let start = day.at(dialysis ? 6 : 8, dialysis ? 30 : 0)
            var row = AppointmentRow()
            row.cid = person.profile.cid.digits
            row.appointmentRefCode = last.unit.code + ":AP" + String(format: "%02d%02d%02d", start.buddhistYear % 100, start.month, start.day)
            row.organizationCode = last.unit.code
            row.organizationName = last.unit.name
            row.startDatetime = start.isoSeconds
            row.endDatetime = start.adding(minutes: dialysis ? 240 : 120).isoSeconds
            row.clinicText = dialysis ? "หน่วยไตเทียม" : "คลินิกโรคเรื้อรัง"
            row.reasonText = (dialysis ? "ฟอกเลือดด้วยเครื่องไตเทียม; " : "ติดตามการรักษา: ") + reasons
            row.statusText = "booked"
            if detail { row.instructionText = dialysis ? "มาก่อนเวลานัด 15 นาที" : "งดน้ำและอาหารหลังเที่ยงคืน นำยาเดิมและสมุดประจำตัวมาด้วย" }
            rows.append(row)
            day = day.adding(days: gap)
        }
        if !rows.isEmpty { rows[rows.count - 1].statusText = "cancelled" }
        return rows
    }
}
