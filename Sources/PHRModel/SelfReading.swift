import Foundation

/// What a home device measures, one value each, with the code and unit it is sent under to
/// the ministry's SelfObservation (LOINC code and display, UCUM unit; docs/measure.md).
public enum SelfMeasure: String, Sendable, Codable, CaseIterable {
    case systolic, diastolic, pulse, glucose, fastingGlucose = "fasting-glucose", weight, temperature, spo2

    /// The LOINC code and its display name.
    public var loinc: (code: String, display: String) {
        switch self {
        case .systolic: ("8480-6", "Systolic blood pressure")
        case .diastolic: ("8462-4", "Diastolic blood pressure")
        case .pulse: ("8867-4", "Heart rate")
        case .glucose: ("41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer")
        case .fastingGlucose: ("41604-0", "Fasting glucose [Mass/volume] in Capillary blood by Glucometer")
        case .weight: ("29463-7", "Body weight")
        case .temperature: ("8310-5", "Body temperature")
        case .spo2: ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")
        }
    }

    /// The UCUM unit.
    public var unit: String {
        switch self {
        case .systolic, .diastolic: "mm[Hg]"
        case .pulse: "/min"
        case .glucose, .fastingGlucose: "mg/dL"
        case .weight: "kg"
        case .temperature: "Cel"
        case .spo2: "%"
        }
    }

    /// The unit as people write it (`mmHg`, `°C`), for messages.
    public var symbol: String {
        switch self {
        case .systolic, .diastolic: "mmHg"
        case .temperature: "°C"
        default: unit
        }
    }

    /// The range a reading of a living person can have at all; outside it the value is a typo
    /// or a device fault and is refused even with `--force`.
    var possible: ClosedRange<Double> {
        switch self {
        case .systolic: 20...350
        case .diastolic: 10...250
        case .pulse: 10...350
        case .glucose, .fastingGlucose: 10...2000
        case .weight: 0.3...500
        case .temperature: 25...45
        case .spo2: 30...100
        }
    }

    /// The range a home reading plausibly has; outside it `phr` asks for `--force` (it may be
    /// real, and then it matters, but a slip of the finger is likelier).
    var plausible: ClosedRange<Double> {
        switch self {
        case .systolic: 60...250
        case .diastolic: 30...150
        case .pulse: 30...220
        case .glucose, .fastingGlucose: 20...600
        case .weight: 1...300
        case .temperature: 32...42.5
        case .spo2: 50...100
        }
    }
}

/// One value of a home reading, as saved in the store's outbox and sent in one SelfObservation
/// call (the ministry takes one observation per call).
public struct SelfObservation: Sendable, Codable, Hashable {
    /// `observation_ref_code`: a GUID in braces, made once when the reading is saved and sent
    /// with every attempt, so the server can tell a retry from a new reading.
    public var refCode: String
    /// `reference_id`: a GUID in braces shared by the values of one reading (a BP reading's
    /// systolic, diastolic and pulse).
    public var readingID: String
    public var measure: SelfMeasure
    public var value: Double
    /// When it was measured, Thailand local time.
    public var takenAt: CivilDateTime
    /// The device, as the citizen names it (`--device`).
    public var device: String?

    public init(refCode: String, readingID: String, measure: SelfMeasure, value: Double, takenAt: CivilDateTime, device: String?) {
        self.refCode = refCode; self.readingID = readingID; self.measure = measure; self.value = value
        self.takenAt = takenAt; self.device = device
    }

    /// The value as text: whole numbers without a fraction (`135`, `37.2`).
    public var valueText: String { CanonicalJSON.format(value) }

    /// A fresh GUID in braces (`{8C0E…}`).
    public static func newGUID() -> String { "{" + UUID().uuidString + "}" }
}

/// What a citizen types for one reading: `bp 135/85 --pulse 72`, `glucose 126 --fasting`,
/// `weight 68.5`, `temp 37.2`, `spo2 97`.
public struct SelfReading: Sendable {
    /// The kinds of reading, as typed (`phr measure add KIND`).
    public enum Kind: String, Sendable, CaseIterable {
        case bp, glucose, weight, temp, spo2
    }

    /// Why a reading is refused.
    public enum Problem: Error, Sendable, Equatable {
        /// The value is not a number in the expected form (`135/85` for a BP).
        case unreadable(kind: Kind, text: String)
        /// A value no living person has (or a systolic not above the diastolic): always refused.
        case impossible(SelfMeasure, Double)
        /// An unusual value: refused unless forced.
        case implausible(SelfMeasure, Double)
    }

    public var kind: Kind
    /// The values, in the order they are sent (systolic, diastolic, pulse).
    public var values: [(SelfMeasure, Double)]

    /// Reads `text` as a reading of `kind`; `pulse` goes with a BP, `fasting` with a glucose.
    public init(kind: Kind, text: String, pulse: Double? = nil, fasting: Bool = false) throws(Problem) {
        self.kind = kind
        func number(_ s: Substring) throws(Problem) -> Double {
            guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else { throw .unreadable(kind: kind, text: text) }
            return v
        }
        switch kind {
        case .bp:
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw .unreadable(kind: kind, text: text) }
            values = [(.systolic, try number(parts[0])), (.diastolic, try number(parts[1]))]
            if let pulse { values.append((.pulse, pulse)) }
        case .glucose: values = [(fasting ? .fastingGlucose : .glucose, try number(Substring(text)))]
        case .weight: values = [(.weight, try number(Substring(text)))]
        case .temp: values = [(.temperature, try number(Substring(text)))]
        case .spo2: values = [(.spo2, try number(Substring(text)))]
        }
    }

    /// Checks the values: impossible ones always fail; implausible ones fail unless `force`.
    public func check(force: Bool) throws(Problem) {
        for (measure, value) in values where !measure.possible.contains(value) { throw .impossible(measure, value) }
        if let sys = values.first(where: { $0.0 == .systolic })?.1, let dia = values.first(where: { $0.0 == .diastolic })?.1, sys <= dia {
            throw .impossible(.diastolic, dia)
        }
        guard !force else { return }
        for (measure, value) in values where !measure.plausible.contains(value) { throw .implausible(measure, value) }
        if let sys = values.first(where: { $0.0 == .systolic })?.1, let dia = values.first(where: { $0.0 == .diastolic })?.1,
           sys - dia < 10 || sys - dia > 150 {
            throw .implausible(.systolic, sys)
        }
    }

    /// A reading's time as typed: `YYYY-MM-DD HH:MM[:SS]` (or with `T`), or `HH:MM[:SS]` on the day
    /// of `today`; nil when it is not a real day and time. The year is taken as written.
    public static func time(_ text: String, today: CivilDateTime) -> CivilDateTime? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == " " || $0 == "T" })
        guard (1...2).contains(parts.count) else { return nil }
        let d = parts.count == 2 ? parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) } : [today.year, today.month, today.day]
        let t = parts[parts.count - 1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard d.count == 3, (2...3).contains(t.count), let year = d[0], let month = d[1], let day = d[2], let hour = t[0], let minute = t[1],
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let second = t.count == 3 ? t[2] : 0
        guard let second, (0...59).contains(second) else { return nil }
        let time = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return time.isValidDay ? time : nil
    }

    /// The observations to save and send, each with a fresh ref code, sharing one reading id.
    public func observations(takenAt: CivilDateTime, device: String?) -> [SelfObservation] {
        let reading = SelfObservation.newGUID()
        return values.map { SelfObservation(refCode: SelfObservation.newGUID(), readingID: reading, measure: $0.0, value: $0.1,
                                            takenAt: takenAt, device: device) }
    }
}

extension SelfReading.Problem: CustomStringConvertible {
    /// What is wrong, in English (`systolic 300 mmHg is very unusual`).
    public var description: String {
        switch self {
        case .unreadable(let kind, let text): "\(kind.rawValue) value \"\(text.prefix(20))\" is not a reading"
        case .impossible(let m, let v): "\(m.rawValue) \(CanonicalJSON.format(v)) \(m.symbol) cannot be a real reading"
        case .implausible(let m, let v): "\(m.rawValue) \(CanonicalJSON.format(v)) \(m.symbol) is very unusual"
        }
    }
}

/// A home observation as the store keeps it: the observation and whether it reached the
/// ministry yet.
public struct HomeObservation: Sendable, Hashable {
    public var observation: SelfObservation
    /// When the server confirmed it; nil while it waits in the outbox.
    public var sentAt: Date?
    /// Why the last attempt failed, if it did.
    public var lastError: String?

    public init(observation: SelfObservation, sentAt: Date?, lastError: String?) {
        self.observation = observation; self.sentAt = sentAt; self.lastError = lastError
    }
}

/// A visit the citizen reported to the ministry as wrong (ReportEncounter&mode=ADD).
public struct VisitReport: Sendable, Hashable, Codable {
    /// `encounter_ref_code` (`hcode:vn`), the visit id `phr show visits` shows.
    public var visit: String
    public var reason: String
    public var reportedAt: Date

    public init(visit: String, reason: String, reportedAt: Date) {
        self.visit = visit; self.reason = reason; self.reportedAt = reportedAt
    }
}

/// A device's export of readings as CSV (`phr measure import`, docs/measure.md): a header
/// naming the columns, in any order and case: `time`, `kind`, `value` (required), `pulse`,
/// `fasting`, `device` (optional). `time` is Thailand time, CE, `YYYY-MM-DD HH:MM[:SS]` (or with
/// `T`); `kind` and `value` as `phr measure add` takes them; `fasting` is `yes`/`no`/`1`/`0`/`true`/`false`.
public enum SelfReadingCSV {
    /// One row read: its readings' values and when, as typed.
    public struct Row: Sendable {
        public var line: Int
        public var reading: SelfReading
        public var takenAt: CivilDateTime
        public var device: String?
    }

    /// What a file holds: every row, or every problem (then nothing should be imported).
    public enum Parsed: Sendable {
        case rows([Row])
        case problems([Problem])
    }

    /// A bad row: its line number (1 = the header) and what is wrong, in English and Thai; a
    /// value refused by the reading's own checks also carries that refusal (`reading`).
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
        public var th: String
        public var reading: SelfReading.Problem?

        public init(line: Int, message: String, th: String, reading: SelfReading.Problem? = nil) {
            self.line = line; self.message = message; self.th = th; self.reading = reading
        }
    }

    /// Every row of `text`, or every problem found (then nothing should be imported). `force`
    /// accepts unusual values as `phr measure add --force` does; `now` refuses future times.
    public static func parse(_ text: String, force: Bool, now: CivilDateTime) -> Parsed {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first.map({ cells($0).map { $0.lowercased() } }) else { return .problems([Problem(line: 1, message: "empty file", th: "ไฟล์ว่างเปล่า")]) }
        let index = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let missing = ["time", "kind", "value"].filter { index[$0] == nil }
        guard missing.isEmpty else {
            return .problems([Problem(line: 1, message: "the header lacks \(missing.joined(separator: ", ")) (columns: time,kind,value[,pulse,fasting,device])",
                                     th: "แถวหัวตารางไม่มีคอลัมน์ \(missing.joined(separator: ", ")) (คอลัมน์: time,kind,value[,pulse,fasting,device])")])
        }
        var rows: [Row] = [], problems: [Problem] = []
        for (offset, raw) in lines.enumerated().dropFirst() where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let line = offset + 1
            let c = cells(raw)
            func cell(_ name: String) -> String? { index[name].flatMap { $0 < c.count ? c[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 } }
            guard let kindText = cell("kind"), let kind = SelfReading.Kind(rawValue: kindText.lowercased()) else {
                problems.append(Problem(line: line, message: "kind must be bp, glucose, weight, temp or spo2",
                                        th: "kind ต้องเป็น bp, glucose, weight, temp หรือ spo2")); continue
            }
            guard let time = cell("time").flatMap({ SelfReading.time($0, today: now) }), time.sortKey <= now.sortKey + 300, time.year >= 2000 else {
                problems.append(Problem(line: line, message: "time must be YYYY-MM-DD HH:MM, CE, Thailand time, not in the future",
                                        th: "time ต้องเป็น YYYY-MM-DD HH:MM ปี ค.ศ. เวลาประเทศไทย และไม่ใช่เวลาในอนาคต")); continue
            }
            let fastingText = cell("fasting")?.lowercased()
            guard fastingText.map({ ["yes", "no", "1", "0", "true", "false"].contains($0) }) ?? true else {
                problems.append(Problem(line: line, message: "fasting must be yes or no", th: "fasting ต้องเป็น yes หรือ no")); continue
            }
            var pulse: Double?
            if let p = cell("pulse") {
                guard let v = Double(p), v.isFinite else { problems.append(Problem(line: line, message: "pulse must be a number", th: "pulse ต้องเป็นตัวเลข")); continue }
                pulse = v
            }
            do throws(SelfReading.Problem) {
                let reading = try SelfReading(kind: kind, text: cell("value") ?? "", pulse: kind == .bp ? pulse : nil,
                                              fasting: kind == .glucose && ["yes", "1", "true"].contains(fastingText ?? ""))
                try reading.check(force: force)
                rows.append(Row(line: line, reading: reading, takenAt: time, device: cell("device").map { String($0.prefix(80)) }))
            } catch {
                problems.append(Problem(line: line, message: describe(error), th: "", reading: error))
            }
        }
        return problems.isEmpty ? .rows(rows) : .problems(problems)
    }

    static func describe(_ p: SelfReading.Problem) -> String {
        if case .implausible = p { return p.description + " (--force imports it)" }
        return p.description
    }

    /// The cells of one line: comma-separated, a cell in double quotes may hold commas (`""` is a quote).
    static func cells(_ line: Substring) -> [String] {
        var out: [String] = [], cell = "", quoted = false
        var chars = line.makeIterator()
        while let ch = chars.next() {
            if quoted {
                if ch == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; if next == "," { out.append(cell); cell = "" } else { cell.append(next) } }
                    } else { quoted = false }
                } else { cell.append(ch) }
            } else if ch == "\"" && cell.isEmpty {
                quoted = true
            } else if ch == "," {
                out.append(cell); cell = ""
            } else {
                cell.append(ch)
            }
        }
        out.append(cell)
        return out.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
