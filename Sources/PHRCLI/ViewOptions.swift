import ArgumentParser
import Foundation
import PHRModel
import PHRRender
import PHRStore

/// Options shared by `phr show` and `phr export`: language, era, and which records.
struct ViewOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Language: th or en (default: from PHR_LANG / LANG).", valueName: "th|en"), completion: Completions.languages)
    var lang: String?

    @Flag(help: "Years in the Common Era (ค.ศ.) even in Thai.")
    var ce = false

    @Option(help: ArgumentHelp("Only records since: 1y, 6m, 30d, 2020-01-01 (CE) or 2563-01-01 (BE).", valueName: "when"))
    var since: String?

    @Option(help: ArgumentHelp("Only records from this health unit (hcode).", valueName: "hcode"))
    var unit: String?

    func validate() throws {
        if let lang, DisplayLanguage(rawValue: lang) == nil { throw ValidationError(Message.langValue.text(Locale.language)) }
        if let since, Since.parse(since, today: CivilDateTime.from(Date())) == nil {
            throw ValidationError(Message.since.text(language))
        }
        try HospitalCode.validateTyped(unit, option: "--unit")
    }

    var language: DisplayLanguage { lang.flatMap(DisplayLanguage.init) ?? (Locale.prefersThai ? .th : .en) }

    func display(color: Bool, width: Int) -> DisplayOptions {
        DisplayOptions(language: language, era: ce ? .gregorian : nil, color: color, width: width)
    }

    /// What a view or export of `kinds` (its tables) shows under these options; `shared` is
    /// what the store can hold at all (a consent's kinds for a clinic).
    func scope(kinds: [RecordKind], limit: Int? = nil, shared: Set<RecordKind> = Set(RecordKind.allCases)) -> RecordScope {
        RecordScope(since: since.flatMap { Since.parse($0, today: CivilDateTime.from(Date())) }, unit: unit.flatMap(HospitalCode.init),
                    limit: limit, kinds: kinds, shared: shared)
    }

    /// Reads the record, or fails with "nothing synced yet" when the store holds nothing.
    /// `withVisits`: visits come along for the names of the units other rows give only as a code.
    static func read(_ store: Store, _ query: RecordQuery, withVisits: Bool = false) throws(CLIFailure) -> HealthRecord {
        var query = query
        if withVisits { query.kinds.insert(.encounters) }
        let record: HealthRecord
        do { record = try store.record(query) } catch { throw error.cliFailure }
        if record.person == nil, record.tally.isEmpty, query.since == nil, query.unit == nil { throw CLIFailure.nothingSynced }
        return record
    }

    /// What the summary shows and the totals per kind (`StoreReader.summary`), or "nothing
    /// synced yet" when the store holds nothing.
    static func summary(_ store: Store) throws(CLIFailure) -> (record: HealthRecord, tally: RecordTally) {
        let result: (record: HealthRecord, tally: RecordTally)
        do throws(StoreError) { result = try store.read { try $0.summary() } } catch { throw error.cliFailure }
        if result.record.person == nil, result.tally.isEmpty { throw CLIFailure.nothingSynced }
        return result
    }
}

extension CLIFailure {
    /// The store holds no record yet.
    static let nothingSynced = CLIFailure(.noData, "nothing synced yet — run `phr sync` (after `phr login`)",
                                          th: "ยังไม่มีข้อมูล — เรียก phr sync (หลัง phr login)")
}

/// Kind names as typed on the command line (`vitals,meds`), with the synonyms people use: the
/// one parser of `--kind`, `--kinds` and `phr show KIND`.
enum KindNames {
    static let synonyms: [String: RecordKind] = [
        "vital": .vitals, "condition": .conditions, "medications": .meds, "medication": .meds, "med": .meds,
        "allergy": .allergies, "vaccine": .vaccines, "vaccinations": .vaccines, "immunizations": .vaccines,
        "encounter": .encounters, "visits": .encounters, "lab": .labs, "laboratory": .labs, "results": .labs,
    ]

    /// Every kind, for help and error messages: "vitals, conditions, …, labs".
    static let list = RecordKind.allCases.map(\.rawValue).joined(separator: ", ")

    /// The kinds of a comma-separated list, in the order given, or nil when one is unknown.
    static func parse(_ text: String) -> [RecordKind]? {
        var kinds: [RecordKind] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            guard let kind = RecordKind(rawValue: part) ?? synonyms[part] else { return nil }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds.isEmpty ? nil : kinds
    }
}

/// `--since` values: a relative span back from today (`1y`, `6m`, `30d`, `2w`) or a date; a year
/// above 2400 is read as Buddhist Era.
enum Since {
    static func parse(_ text: String, today: CivilDateTime) -> CivilDateTime? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let unit = t.last, "ymwd".contains(unit), let n = Int(t.dropLast()), n >= 0, n < 200 * 366 {
            let midnight = CivilDateTime(year: today.year, month: today.month, day: today.day)
            switch unit {
            case "y": return shifted(midnight, months: -12 * n)
            case "m": return shifted(midnight, months: -n)
            case "w": return CivilDateTime(dayNumber: midnight.dayNumber - 7 * n)
            default: return CivilDateTime(dayNumber: midnight.dayNumber - n)
            }
        }
        let parts = t.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 || parts.count == 1 else { return nil }
        var year = parts[0]
        if year > 2400 { year -= Era.offset }
        let d = CivilDateTime(year: year, month: parts.count == 3 ? parts[1] : 1, day: parts.count == 3 ? parts[2] : 1)
        return d.isValidDay && (1800...2200).contains(year) ? d : nil
    }

    static func shifted(_ d: CivilDateTime, months: Int) -> CivilDateTime {
        let total = d.year * 12 + (d.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        return CivilDateTime(year: year, month: month, day: min(d.day, CivilDateTime.daysIn(month: month, year: year)))
    }
}

extension HospitalCode {
    /// Refuses a unit code typed for `option` unless it has exactly five digits (``typed(_:)``):
    /// the one check and wording for `--unit` and `--for`.
    static func validateTyped(_ text: String?, option: String) throws {
        guard let text, typed(text) == nil else { return }
        throw ValidationError(Message.unitCode.text(Locale.language, ["option": option]))
    }
}
