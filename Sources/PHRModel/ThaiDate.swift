/// A calendar date and optional time of day as Thai health data records it: Gregorian (CE)
/// fields, Thailand local time, no zone. Buddhist-Era years are converted on parse.
public struct CivilDateTime: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int?
    public var minute: Int?
    public var second: Int?

    public init(year: Int, month: Int, day: Int, hour: Int? = nil, minute: Int? = nil, second: Int? = nil) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    /// The Buddhist-Era year (BE = CE + 543).
    public var buddhistYear: Int { year + Era.offset }

    /// Whether year, month and day name a real calendar day (proleptic Gregorian).
    public var isValidDay: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= CivilDateTime.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), for ordering and ranges.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Seconds since 1970-01-01T00:00:00 in the same (local) clock, for ordering.
    public var sortKey: Int {
        dayNumber * 86_400 + (hour ?? 0) * 3600 + (minute ?? 0) * 60 + (second ?? 0)
    }

    /// The civil date of a day number (inverse of ``dayNumber``).
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// ISO 8601 without zone: `2017-11-14` or `2017-11-14T08:15:17`.
    public var iso: String {
        var s = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if let h = hour { s += "T\(pad(h, 2)):\(pad(minute ?? 0, 2)):\(pad(second ?? 0, 2))" }
        return s
    }

    public var description: String { iso }

    public static func < (a: Self, b: Self) -> Bool { a.sortKey < b.sortKey }

    /// The same day and time `years` years later (earlier when negative); 29 February becomes
    /// the 28th in a year without it.
    public func addingYears(_ years: Int) -> CivilDateTime {
        var d = self
        d.year += years
        d.day = min(d.day, CivilDateTime.daysIn(month: d.month, year: d.year))
        return d
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(abs(n))
    return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
}

/// The two calendars Thai health data mixes.
public enum Era: String, Sendable, Codable {
    /// พุทธศักราช (พ.ศ.), Buddhist Era: CE + 543.
    case buddhist
    /// คริสต์ศักราช (ค.ศ.), Common Era.
    case gregorian

    /// BE − CE.
    public static let offset = 543
}

/// A date as a source sent it: the exact text, what we read from it (CE), and any flags.
///
/// The parsed value is never "repaired": a year 1479 stays 1479 with a
/// ``QualityFlag/Kind-swift.enum/doubleConvertedYear`` flag that suggests 2022.
public struct SourceDate: Hashable, Sendable, Codable {
    /// The text exactly as received.
    public var original: String
    /// The CE date and time read from ``original``; `nil` when empty, a sentinel or unreadable.
    public var value: CivilDateTime?
    /// Problems noticed while reading it.
    public var flags: [QualityFlag]

    public init(original: String, value: CivilDateTime?, flags: [QualityFlag] = []) {
        self.original = original
        self.value = value
        self.flags = flags
    }
}

/// The one date rule every view and export follows (docs/show-export.md):
/// - a date is printed as a date (`dd/mm/yyyy`, FHIR `dateTime`, the `date` column) only when it
///   is ``trusted``;
/// - a doubtful date is shown exactly as sent, marked ⚠, with the reason; it is never converted,
///   doubled or "repaired";
/// - ordering and date ranges use the ``plausible`` date, and say so when it is a guess.
extension SourceDate {
    /// The date as read, when nothing about it is doubtful; nil when empty, unreadable or flagged.
    public var trusted: CivilDateTime? { flags.isEmpty ? value : nil }

    /// Whether the source sent a date that cannot be taken as read (it carries a flag).
    public var isDoubtful: Bool { !flags.isEmpty }

    /// What the date most plausibly was, for ordering and ranges only: the trusted date, or for
    /// a year converted between the eras the wrong way — 1479 for 2022 (543 taken off twice),
    /// 2561 in a CE field for 2018 — the year put back. Nil when there is no sound guess
    /// (a future, unreadable or placeholder date).
    public var plausible: CivilDateTime? {
        guard let value else { return nil }
        if flags.isEmpty { return value }
        let kinds = Set(flags.map(\.kind))
        if kinds.contains(.buddhistYearInGregorianField) { return value.addingYears(-Era.offset) }
        if kinds.contains(.doubleConvertedYear) || kinds.contains(.gregorianYearInBuddhistField) {
            return value.addingYears(Era.offset)
        }
        return nil
    }

    /// The plausible date of a doubtful date (nil for a trusted one, or when there is no guess).
    public var guess: CivilDateTime? { isDoubtful ? plausible : nil }
}
