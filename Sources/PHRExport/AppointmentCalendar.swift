import Foundation
import PHRModel
import PHRRender

/// `phr export --format ics`: the citizen's upcoming appointments as an RFC 5545 calendar a
/// phone can import and remind from (docs/show-export.md).
///
/// Times are the units' Thailand times, written with `TZID=Asia/Bangkok` and that zone's
/// definition (UTC+7, no daylight saving) so a calendar in any zone shows the right hour. Each
/// event's UID is made from the appointment's reference, unit and date, so importing the file
/// again updates the events instead of doubling them. Text from the server is cleaned of
/// control characters, then escaped and folded as RFC 5545 §3.1 and §3.3.11 require.
public enum AppointmentCalendar {
    /// How long an appointment is taken to last when the unit sent no usable end.
    public static let defaultDuration = "PT1H"

    /// The calendar of `appointments` whose start is trusted and not before `now`, soonest
    /// first; `skipped` counts the upcoming-or-undated ones left out because their start date is
    /// doubtful (the date rule: a doubtful date is never written as a date).
    public static func document(_ appointments: [Appointment], now: Date) -> (text: String, events: Int, skipped: Int) {
        let today = CivilDateTime.from(now)
        let doubtful = appointments.filter { $0.start.trusted == nil && ($0.start.plausible.map { $0 >= today } ?? true) }
        let upcoming = appointments.compactMap { a in a.start.trusted.map { (a, $0) } }
            .filter { $0.1 >= today }
            .sorted { $0.1 < $1.1 }
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//phr//appointments//TH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escape("นัดหมาย หมอพร้อม"), "X-WR-TIMEZONE:Asia/Bangkok",
                     "BEGIN:VTIMEZONE", "TZID:Asia/Bangkok",
                     "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "TZNAME:+07",
                     "END:STANDARD", "END:VTIMEZONE"]
        let stamp = utcStamp(now)
        for (a, start) in upcoming { lines += event(a, start: start, stamp: stamp) }
        lines.append("END:VCALENDAR")
        return (lines.map(fold).joined(separator: "\r\n") + "\r\n", upcoming.count, doubtful.count)
    }

    static func event(_ a: Appointment, start: CivilDateTime, stamp: String) -> [String] {
        let unit = a.unitName.map { Sanitize.line($0, limit: 200) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? a.unit.map { "หน่วยบริการ " + $0.value } ?? "หน่วยบริการ"
        let clinic = a.clinic.map { Sanitize.line($0, limit: 200) }.flatMap { $0.isEmpty ? nil : $0 }
        let reason = a.reason.map { Sanitize.line($0, limit: 300) }.flatMap { $0.isEmpty ? nil : $0 }
        let instruction = a.instruction.map { Sanitize.block($0, limit: 1000) }.flatMap { $0.isEmpty ? nil : $0 }
        var description: [String] = []
        if let reason { description.append("เหตุผล: " + reason) }
        if let clinic { description.append("คลินิก: " + clinic) }
        if let instruction { description.append("การเตรียมตัว: " + instruction) }
        description.append("หน่วยบริการ: " + unit + (a.unit.map { " (" + $0.value + ")" } ?? ""))
        description.append("เลขที่นัด: " + Sanitize.line(a.ref, limit: 100))
        if let said = statusText(a.status) { description.append("สถานะ: " + said) }
        let summary = "นัด" + (a.status == .cancelled ? " [ยกเลิกแล้ว]" : "") + (reason.map { ": " + $0 } ?? "หมาย") + " — " + unit
        var lines = ["BEGIN:VEVENT", "UID:" + uid(a, start: start), "DTSTAMP:" + stamp, "DTSTART;TZID=Asia/Bangkok:" + local(start)]
        if let end = a.end.trusted, end > start, end.hour != nil {
            lines.append("DTEND;TZID=Asia/Bangkok:" + local(end))
        } else {
            lines.append("DURATION:" + defaultDuration)
        }
        lines += ["SUMMARY:" + escape(summary), "LOCATION:" + escape(unit + (clinic.map { ", " + $0 } ?? "")),
                  "DESCRIPTION:" + escape(description.joined(separator: "\n")), "STATUS:" + status(a.status)]
        // A cancelled appointment stays in the file (same UID), so a calendar that imported it
        // before marks it cancelled; it takes no time and rings no reminder.
        if a.status == .cancelled {
            lines.append("TRANSP:TRANSPARENT")
        } else {
            lines += ["TRANSP:OPAQUE", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D", "DESCRIPTION:" + escape("พรุ่งนี้มีนัด — " + unit), "END:VALARM"]
        }
        lines.append("END:VEVENT")
        return lines
    }

    /// RFC 5545 §3.8.1.11 STATUS of a VEVENT.
    static func status(_ s: AppointmentStatus) -> String {
        switch s {
        case .confirmed: return "CONFIRMED"
        case .tentative: return "TENTATIVE"
        case .cancelled: return "CANCELLED"
        }
    }

    /// The status in words for the description; nil when confirmed.
    static func statusText(_ s: AppointmentStatus) -> String? {
        switch s {
        case .confirmed: return nil
        case .cancelled: return "ยกเลิกแล้ว"
        case .tentative(let text): return "ยังไม่ยืนยัน (" + Sanitize.line(text, limit: 60) + ")"
        }
    }

    /// A UID that stays the same for the same booking: reference, unit and start date, each
    /// kept to characters every calendar accepts (others percent-encoded).
    static func uid(_ a: Appointment, start: CivilDateTime) -> String {
        let safe = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
        func part(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: safe) ?? "x" }
        let date = String(format: "%04d%02d%02d", start.year, start.month, start.day)
        return [part(a.ref), part(a.unit?.value ?? "unit"), date].joined(separator: "-") + "@appointment.phr"
    }

    /// `yyyyMMddTHHmmss`, local (Thailand) time.
    static func local(_ t: CivilDateTime) -> String {
        String(format: "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0)
    }

    /// `yyyyMMddTHHmmssZ`, UTC.
    static func utcStamp(_ d: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: d)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, a newline as `\n`.
    /// Control characters must already be gone (`Sanitize`).
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// RFC 5545 §3.1: a content line longer than 75 octets is split, each continuation
    /// starting with one space (which counts toward its 75), never inside a UTF-8 sequence and,
    /// where it can, not inside a character (a Thai vowel or tone mark stays with its letter).
    public static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        var octets = 0
        func append(_ bytes: String.UTF8View) {
            if octets + bytes.count > 75 {
                out += [13, 10, 32]
                octets = 1
            }
            out += bytes
            octets += bytes.count
        }
        for character in line {
            let string = String(character)
            if string.utf8.count <= 74 {
                append(string.utf8)
            } else {
                for scalar in character.unicodeScalars { append(String(scalar).utf8) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
