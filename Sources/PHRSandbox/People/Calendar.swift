import Foundation
import PHRModel

/// Days, times and the Thai texts of them, for generated records (local Thai time, no zone).
extension CivilDateTime {
    /// The sandbox's fixed "today" for generated data, so output never depends on the clock.
    static let sandboxToday = CivilDateTime(year: 2026, month: 10, day: 31)

    /// Midnight `days` later.
    func adding(days: Int) -> CivilDateTime { CivilDateTime(dayNumber: dayNumber + days) }

    /// This moment `minutes` later (times past midnight roll into the next day).
    func adding(minutes: Int) -> CivilDateTime {
        let total = (hour ?? 0) * 60 + (minute ?? 0) + minutes
        var t = CivilDateTime(dayNumber: dayNumber + Int(floor(Double(total) / 1440)))
        let m = ((total % 1440) + 1440) % 1440
        t.hour = m / 60; t.minute = m % 60; t.second = second ?? 0
        return t
    }

    /// This day at a time of day.
    func at(_ hour: Int, _ minute: Int, _ second: Int = 0) -> CivilDateTime {
        CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Age in whole years on `date`.
    func years(on date: CivilDateTime) -> Int {
        date.year - year - ((date.month, date.day) < (month, day) ? 1 : 0)
    }

    /// Age in days on `date`.
    func days(until date: CivilDateTime) -> Int { date.dayNumber - dayNumber }

    /// Age in (average) months on `date`, with a fraction.
    func months(until date: CivilDateTime) -> Double { Double(days(until: date)) / 30.4375 }

    /// Age in years on `date`, with a fraction.
    func yearsExact(until date: CivilDateTime) -> Double { Double(days(until: date)) / 365.25 }

    /// `2017-11-14T08:15:17` (always with seconds).
    var isoSeconds: String {
        String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour ?? 0, minute ?? 0, second ?? 0)
    }

    /// `2017-11-14`.
    var isoDay: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// `14 พฤศจิกายน 2560 08:15` (Thai month, Buddhist-Era year), or without the time.
    func thaiText(time: Bool = true) -> String {
        let base = "\(day) \(ThaiDateParser.thaiMonths[month - 1]) \(buddhistYear)"
        return time ? base + String(format: " %02d:%02d", hour ?? 0, minute ?? 0) : base
    }

    /// The same moment written with a year converted to CE a second time (2022 → 1479), the
    /// real service's fault (mor-prom.md).
    var doubleConverted: CivilDateTime {
        var t = self; t.year -= Era.offset; return t
    }
}

/// Opaque 12-digit `create_datetime`/`update_datetime` values (their epoch and unit are SILENT):
/// increasing with the moment they stand for, in the range of SPEC's examples (135733379243).
enum RecordStamp {
    static func at(_ t: CivilDateTime, plus: Int = 0) -> Int {
        135_000_000_000 + (t.sortKey - 1_262_304_000) * 3 / 5 + plus
    }
}
