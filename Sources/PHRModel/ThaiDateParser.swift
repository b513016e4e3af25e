import Foundation

/// Reads the date formats found in MOPH PHR data and flags suspicious years.
///
/// Formats understood:
/// - ISO CE: `2017-11-14`, `2017-11-14T08:15:17`, with optional fraction and `Z`/offset
///   (zoned times are converted to Thailand time, UTC+7);
/// - compact `YYYYMMDD` (the ID card uses it with Buddhist-Era years);
/// - `DD/MM/YYYY [HH:MM[:SS]]`, BE when the year is 2400 or later;
/// - Thai text: `14 พฤศจิกายน 2560 08:15` or `14 พ.ย. 2560`, always BE.
///
/// Empty text gives no value and no flag (callers decide whether the field was required);
/// `1970-01-01` gives no value and a ``QualityFlag/Kind-swift.enum/sentinelDate`` flag.
public struct ThaiDateParser: Sendable {
    /// "Now" in Thailand local time; dates later than this (plus a day) are flagged as future.
    public var now: CivilDateTime

    public init(now: CivilDateTime = .nowInThailand()) {
        self.now = now
    }

    /// Parses `text` from wire field `field`. `era` is the era the field should hold when the
    /// format itself does not say (ISO is always CE; Thai month text is always BE).
    public func parse(_ text: String, field: String, era: Era = .gregorian) -> SourceDate {
        let t = text.trimmingSpaces
        if t.isEmpty { return SourceDate(original: text, value: nil) }
        guard let (raw, rawEra) = Self.read(t, defaultEra: era) else {
            return SourceDate(original: text, value: nil, flags: [
                QualityFlag(.unparsableDate, field: field, detail: "date \"\(t.prefix(40))\" is not in a known format"),
            ])
        }
        if raw.year == 1970 && raw.month == 1 && raw.day == 1 && (raw.hour ?? 0) == 0 && (raw.minute ?? 0) == 0 {
            return SourceDate(original: text, value: nil, flags: [
                QualityFlag(.sentinelDate, field: field, detail: "1970-01-01 means unknown"),
            ])
        }
        var value = raw
        var flags: [QualityFlag] = []
        if rawEra == .buddhist {
            value.year -= Era.offset
            if raw.year < 2400 {
                flags.append(QualityFlag(.gregorianYearInBuddhistField, field: field,
                                         detail: "year \(raw.year) in a Buddhist-Era field looks like CE"))
            }
        }
        flags += yearFlags(value, field: field, alreadyFlagged: !flags.isEmpty)
        // 29 February of a year in the wrong era is a real day in the right one (2563-02-29 is
        // 2020-02-29): it stays as sent, flagged, and its plausible date is that real day.
        let realDay = value.isValidDay || SourceDate(original: text, value: value, flags: flags).guess
            .map { CivilDateTime(year: $0.year, month: value.month, day: value.day).isValidDay } == true
        guard realDay, (0...23).contains(value.hour ?? 0), (0...59).contains(value.minute ?? 0),
              (0...60).contains(value.second ?? 0)
        else {
            return SourceDate(original: text, value: nil, flags: [
                QualityFlag(.unparsableDate, field: field, detail: "date \"\(t.prefix(40))\" is not a real calendar day"),
            ])
        }
        return SourceDate(original: text, value: value, flags: flags)
    }

    /// Flags for a CE value whose year looks like it went through the BE/CE conversion wrongly.
    func yearFlags(_ v: CivilDateTime, field: String, alreadyFlagged: Bool) -> [QualityFlag] {
        let plausible = 1880...(now.year + 1)
        if v.year < 1880 {
            let guess = v.year + Era.offset
            if plausible.contains(guess) {
                return [QualityFlag(.doubleConvertedYear, field: field,
                                    detail: "year \(v.year) looks double-converted (\(guess)?)")]
            }
            return [QualityFlag(.implausibleValue, field: field, detail: "year \(v.year) is implausible")]
        }
        if v.year > now.year + 1 {
            let guess = v.year - Era.offset
            if plausible.contains(guess) && !alreadyFlagged {
                return [QualityFlag(.buddhistYearInGregorianField, field: field,
                                    detail: "year \(v.year) looks Buddhist-Era in a CE field (\(guess)?)")]
            }
            return [QualityFlag(.futureDate, field: field, detail: "date \(v.iso) is in the future")]
        }
        if v.dayNumber > now.dayNumber + 1 {
            return [QualityFlag(.futureDate, field: field, detail: "date \(v.iso) is in the future")]
        }
        return []
    }

    /// Splits a trimmed text into date parts and the era its format implies.
    static func read(_ t: String, defaultEra: Era) -> (CivilDateTime, Era)? {
        let u = Array(t.utf8)
        if let iso = readISO(u) { return (iso, .gregorian) }
        if u.count == 8, u.allSatisfy(isDigit) {
            let y = number(u[0..<4]), m = number(u[4..<6]), d = number(u[6..<8])
            return (CivilDateTime(year: y, month: m, day: d), defaultEra)
        }
        if let slash = readSlashed(t) { return (slash, slash.year >= 2400 ? .buddhist : .gregorian) }
        if let thai = readThaiText(t) { return (thai, .buddhist) }
        return nil
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    static func number(_ s: ArraySlice<UInt8>) -> Int {
        s.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:]MM]`.
    static func readISO(_ u: [UInt8]) -> CivilDateTime? {
        guard u.count >= 10, u[4] == 45, u[7] == 45,
              u[0..<4].allSatisfy(isDigit), u[5..<7].allSatisfy(isDigit), u[8..<10].allSatisfy(isDigit)
        else { return nil }
        var v = CivilDateTime(year: number(u[0..<4]), month: number(u[5..<7]), day: number(u[8..<10]))
        var i = 10
        if i == u.count { return v }
        guard u[i] == 84 || u[i] == 32, u.count >= i + 6, u[(i+1)..<(i+3)].allSatisfy(isDigit), u[i+3] == 58,
              u[(i+4)..<(i+6)].allSatisfy(isDigit)
        else { return nil }
        v.hour = number(u[(i+1)..<(i+3)]); v.minute = number(u[(i+4)..<(i+6)]); v.second = 0
        i += 6
        if i + 3 <= u.count, u[i] == 58, u[(i+1)..<(i+3)].allSatisfy(isDigit) {
            v.second = number(u[(i+1)..<(i+3)]); i += 3
            if i < u.count, u[i] == 46 {
                i += 1
                while i < u.count, isDigit(u[i]) { i += 1 }
            }
        }
        if i == u.count { return v }
        var offsetMinutes: Int
        if u[i] == 90, i + 1 == u.count { offsetMinutes = 0 }
        else if u[i] == 43 || u[i] == 45 {
            let rest = u[(i+1)...].filter { $0 != 58 }
            guard rest.count == 4, rest.allSatisfy(isDigit) else { return nil }
            offsetMinutes = number(rest[0..<2]) * 60 + number(rest[2..<4])
            if u[i] == 45 { offsetMinutes = -offsetMinutes }
        } else { return nil }
        // Convert a zoned time to Thailand local time (UTC+7).
        let shift = 7 * 60 - offsetMinutes
        let total = (v.hour ?? 0) * 60 + (v.minute ?? 0) + shift
        let dayShift = Int((Double(total) / 1440).rounded(.down))
        let minutes = total - dayShift * 1440
        if v.isValidDay {
            var shifted = CivilDateTime(dayNumber: v.dayNumber + dayShift)
            shifted.hour = minutes / 60; shifted.minute = minutes % 60; shifted.second = v.second
            return shifted
        }
        return v
    }

    /// `DD/MM/YYYY [HH:MM[:SS]]`.
    static func readSlashed(_ t: String) -> CivilDateTime? {
        let parts = t.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count) else { return nil }
        let d = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        guard d.count == 3, let day = Int(d[0]), let month = Int(d[1]), let year = Int(d[2]),
              d[2].count == 4, d[0].count <= 2, d[1].count <= 2 else { return nil }
        var v = CivilDateTime(year: year, month: month, day: day)
        if parts.count == 2 {
            guard let time = readTime(parts[1]) else { return nil }
            (v.hour, v.minute, v.second) = time
        }
        return v
    }

    static func readTime(_ s: Substring) -> (Int, Int, Int)? {
        let p = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(p.count), p.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(p[0]), let m = Int(p[1]) else { return nil }
        let sec = p.count == 3 ? Int(p[2]) : 0
        guard let sec else { return nil }
        return (h, m, sec)
    }

    /// Thai month names, full and abbreviated, January first.
    public static let thaiMonths = [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ]
    public static let thaiMonthsShort = [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]

    /// `14 พฤศจิกายน 2560 [08:15[:00]] [น.]`.
    static func readThaiText(_ t: String) -> CivilDateTime? {
        var parts = t.split(separator: " ", omittingEmptySubsequences: true)
        if parts.last == "น." { parts.removeLast() }
        guard (3...4).contains(parts.count), let day = Int(parts[0]), let year = Int(parts[2]) else { return nil }
        let name = String(parts[1])
        guard let mi = thaiMonths.firstIndex(of: name) ?? thaiMonthsShort.firstIndex(of: name) else { return nil }
        var v = CivilDateTime(year: year, month: mi + 1, day: day)
        if parts.count == 4 {
            guard let time = readTime(parts[3]) else { return nil }
            (v.hour, v.minute, v.second) = time
        }
        return v
    }
}

extension CivilDateTime {
    /// The current date and time in Thailand (UTC+7, no daylight saving).
    public static func nowInThailand() -> CivilDateTime {
        from(Date())
    }

    /// `date` as Thailand local date and time.
    public static func from(_ date: Date) -> CivilDateTime {
        let secs = Int(date.timeIntervalSince1970.rounded(.down)) + 7 * 3600
        let days = Int((Double(secs) / 86_400).rounded(.down))
        var v = CivilDateTime(dayNumber: days)
        let rest = secs - days * 86_400
        v.hour = rest / 3600; v.minute = rest % 3600 / 60; v.second = rest % 60
        return v
    }

    /// This local Thailand time as an absolute instant.
    public var date: Date {
        Date(timeIntervalSince1970: TimeInterval(sortKey - 7 * 3600))
    }
}
