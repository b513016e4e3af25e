import Foundation
import PHRModel
import Testing
@testable import PHRExport

/// `phr export --format ics`: RFC 5545 TEXT escaping, line folding and the events written.
@Suite struct AppointmentCalendarTests {
    /// 2026-12-03 10:00 UTC (17:00 in Thailand).
    let now = Date(timeIntervalSince1970: 1_796_292_000)

    func appointment(_ ref: String, _ start: CivilDateTime, end: CivilDateTime? = nil, flags: [QualityFlag] = [],
                     unitName: String? = "โรงพยาบาลบ้านแพ้ว", reason: String? = "ติดตามความดันโลหิต",
                     instruction: String? = nil, status: AppointmentStatus = .confirmed) -> Appointment {
        Appointment(ref: ref, unit: HospitalCode("10699"), unitName: unitName,
                    start: SourceDate(original: start.iso, value: start, flags: flags),
                    end: SourceDate(original: end?.iso ?? "", value: end),
                    clinic: "คลินิกโรคเรื้อรัง", reason: reason, instruction: instruction, status: status)
    }

    /// RFC 5545 §3.1 unfolding, on octets (a Swift `String` sees CRLF as one character).
    func unfold(_ text: String) -> String {
        var bytes: [UInt8] = []
        for b in text.utf8 {
            bytes.append(b)
            if bytes.suffix(3) == [13, 10, 32] { bytes.removeLast(3) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func textEscapesBackslashSemicolonCommaAndNewline() {
        #expect(AppointmentCalendar.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne")
        #expect(AppointmentCalendar.escape("งดน้ำ, งดอาหาร; 8 ชม.") == "งดน้ำ\\, งดอาหาร\\; 8 ชม.")
    }

    @Test func shortLinesAreNotFolded() {
        let line = String(repeating: "a", count: 75)
        #expect(AppointmentCalendar.fold(line) == line)
    }

    @Test func longLinesFoldAt75OctetsWithALeadingSpace() {
        let folded = AppointmentCalendar.fold(String(repeating: "a", count: 200))
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.map(\.utf8.count) == [75, 75, 52])
        #expect(parts.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(parts.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == String(repeating: "a", count: 200))
    }

    @Test func foldingNeverSplitsAThaiCharactersUTF8Sequence() {
        // Each Thai letter is 3 octets; "SUMMARY:" is 8, so a split inside a letter is easy to hit.
        let line = "SUMMARY:" + String(repeating: "นัดหมาย", count: 30)
        let folded = AppointmentCalendar.fold(line)
        for part in folded.components(separatedBy: "\r\n") {
            #expect(part.utf8.count <= 75)
            #expect(String(validating: Array(part.utf8), as: UTF8.self) != nil)
        }
        let unfolded = unfold(folded)
        #expect(unfolded == line)
    }

    @Test func onlyUpcomingTrustedAppointmentsBecomeEventsSoonestFirst() {
        let past = appointment("A1", CivilDateTime(year: 2026, month: 11, day: 1, hour: 9, minute: 0))
        let later = appointment("A3", CivilDateTime(year: 2027, month: 3, day: 1, hour: 13, minute: 30))
        let soon = appointment("A2", CivilDateTime(year: 2026, month: 12, day: 10, hour: 8, minute: 30),
                               end: CivilDateTime(year: 2026, month: 12, day: 10, hour: 9, minute: 0))
        // 2570 in a CE field (plausibly 2027, upcoming) is left out and counted; 1479 (plausibly
        // 2022, past) is left out silently like any past appointment.
        let doubtful = appointment("A4", CivilDateTime(year: 2570, month: 1, day: 5, hour: 9, minute: 0),
                                   flags: [QualityFlag(.buddhistYearInGregorianField, field: "start_datetime", detail: "2570")])
        let doubtfulPast = appointment("A5", CivilDateTime(year: 1479, month: 1, day: 5, hour: 9, minute: 0),
                                       flags: [QualityFlag(.doubleConvertedYear, field: "start_datetime", detail: "1479")])
        let calendar = AppointmentCalendar.document([past, later, soon, doubtful, doubtfulPast], now: now)
        #expect(calendar.events == 2)
        #expect(calendar.skipped == 1)
        let text = calendar.text
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let starts = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("DTSTART;") }
        #expect(starts == ["DTSTART;TZID=Asia/Bangkok:20261210T083000", "DTSTART;TZID=Asia/Bangkok:20270301T133000"])
        #expect(text.contains("DTEND;TZID=Asia/Bangkok:20261210T090000\r\n"))
        #expect(text.contains("DURATION:PT1H\r\n"))
        #expect(text.contains("UID:A2-10699-20261210@appointment.phr\r\n"))
        #expect(text.contains("DTSTAMP:20261203T100000Z\r\n"))
        #expect(text.contains("TRIGGER:-P1D\r\n"))
    }

    @Test func theSameBookingKeepsItsUIDAndServerTextLosesControlCharacters() {
        let a = appointment("R/1 x", CivilDateTime(year: 2027, month: 2, day: 2, hour: 9, minute: 0),
                            unitName: "รพ.\u{1B}[31mแดง\u{07}", reason: "ตรวจ\u{202E}เลือด", instruction: "งดอาหาร\r\nหลังเที่ยงคืน")
        let one = AppointmentCalendar.document([a], now: now).text
        let two = AppointmentCalendar.document([a], now: now.addingTimeInterval(3600)).text
        let uid = { (t: String) in t.components(separatedBy: "\r\n").first { $0.hasPrefix("UID:") } }
        #expect(uid(one) == "UID:R%2F1%20x-10699-20270202@appointment.phr")
        #expect(uid(one) == uid(two))
        let unfolded = unfold(one)
        #expect(!unfolded.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\r" && $0 != "\n") || $0.value == 0x202E })
        #expect(unfolded.contains("LOCATION:รพ.แดง\\, คลินิกโรคเรื้อรัง\r\n"))
        #expect(unfolded.contains("การเตรียมตัว: งดอาหาร\\nหลังเที่ยงคืน"))
    }

    /// The VEVENT of `a` alone, unfolded, as lines.
    func eventLines(_ a: Appointment) -> [String] {
        let text = unfold(AppointmentCalendar.document([a], now: now).text)
        let lines = text.components(separatedBy: "\r\n")
        guard let begin = lines.firstIndex(of: "BEGIN:VEVENT"), let end = lines.lastIndex(of: "END:VEVENT") else { return [] }
        return Array(lines[begin...end])
    }

    @Test func aCancelledAppointmentIsMarkedCancelledWithoutAReminderAndKeepsItsUID() {
        let start = CivilDateTime(year: 2027, month: 1, day: 12, hour: 8, minute: 0)
        let booked = eventLines(appointment("C1", start))
        let cancelled = eventLines(appointment("C1", start, status: .cancelled))
        #expect(booked.contains("STATUS:CONFIRMED") && booked.contains("BEGIN:VALARM"))
        #expect(cancelled.contains("STATUS:CANCELLED"))
        #expect(!cancelled.contains("BEGIN:VALARM"), "a cancelled appointment rings no reminder")
        #expect(cancelled.contains("TRANSP:TRANSPARENT"))
        #expect(cancelled.first { $0.hasPrefix("SUMMARY:") }?.hasPrefix("SUMMARY:นัด [ยกเลิกแล้ว]") == true)
        #expect(booked.first { $0.hasPrefix("UID:") } == cancelled.first { $0.hasPrefix("UID:") }, "a calendar updates the same event")
    }

    @Test func anUnconfirmedAppointmentIsTentativeAndSaysWhatTheUnitSent() {
        let lines = eventLines(appointment("T1", CivilDateTime(year: 2027, month: 1, day: 12, hour: 8, minute: 0), status: .tentative("รอยืนยัน")))
        #expect(lines.contains("STATUS:TENTATIVE") && lines.contains("BEGIN:VALARM"))
        #expect(lines.first { $0.hasPrefix("DESCRIPTION:เหตุผล") }?.contains("สถานะ: ยังไม่ยืนยัน (รอยืนยัน)") == true)
    }
}

/// `status_text` read as a status: the rule of docs/show-export.md.
@Suite struct AppointmentStatusTests {
    @Test(arguments: ["cancelled", "Canceled", " CANCELLED ", "entered-in-error", "ยกเลิก", "ยกเลิกนัด", "ผู้ป่วยขอยกเลิก"])
    func cancelledWordsAreCancelled(_ text: String) {
        #expect(AppointmentStatus(statusText: text) == .cancelled)
    }

    @Test(arguments: [nil, "", "  ", "booked", "Booked", "confirmed", "arrived", "checked-in", "fulfilled", "นัดแล้ว", "ยืนยัน"] as [String?])
    func bookedOrSilentIsConfirmed(_ text: String?) {
        #expect(AppointmentStatus(statusText: text) == .confirmed)
    }

    @Test(arguments: ["proposed", "pending", "waitlist", "รอยืนยัน", "noshow", "X"])
    func anythingElseIsTentativeWithItsText(_ text: String) {
        #expect(AppointmentStatus(statusText: text) == .tentative(text))
    }
}
