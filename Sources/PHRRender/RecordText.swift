import PHRModel

/// The record as text for a terminal or a plain-text export: one table per kind and a
/// one-screen summary. Every server string is sanitized here; nothing else needs to.
public struct RecordText: Sendable {
    public var options: DisplayOptions
    /// Unit names by hcode, for records that came without one (see `learnUnitNames`).
    public var unitNames: [String: String] = [:]
    /// Visits (`hcode:vn`) the citizen reported to the ministry as wrong: their rows say so.
    public var reportedVisits: Set<String> = []
    /// The citizen's own home readings (`phr measure`): drawn in the BP chart with their own
    /// marker and named in the summary's latest BP, never mixed silently with a clinic's.
    public var homeReadings: [HomeObservation] = []
    var dates: DateText { DateText(era: options.era) }

    /// Views with `options`; unit names are learnt from `record` (see `learnUnitNames`).
    public init(_ options: DisplayOptions, unitsFrom record: HealthRecord? = nil) {
        self.options = options
        if let record { learnUnitNames(record) }
    }

    /// Remembers the unit names that some records of `record` carry, so rows from the same
    /// unit without a name (e.g. diagnoses) can show it too.
    public mutating func learnUnitNames(_ record: HealthRecord) {
        for p in record.provenances {
            if let code = p.unit?.value, let name = p.unitName, !name.isEmpty, unitNames[code] == nil { unitNames[code] = name }
        }
    }

    func t(_ en: String, _ th: String) -> String { options.t(en, th) }
    /// " ⚑ reported" after a visit id the citizen reported as wrong.
    func reportMark(_ visit: String?) -> String { visit.map { reportedVisits.contains($0) } == true ? t(" ⚑ reported", " ⚑ แจ้งแล้ว") : "" }
    /// `s` sanitized to one line; a screen cuts it at `limit` characters (with a visible mark),
    /// a file only at ``fileLimit``.
    func clean(_ s: String?, _ limit: Int = 200) -> String {
        s.map { Sanitize.line($0, limit: options.medium == .file ? max(limit, Self.fileLimit) : limit) } ?? ""
    }
    /// The longest value a file export writes: far beyond any real one, short of a hostile flood.
    static let fileLimit = 5000

    /// "unit name (hcode)", or whichever of the two is known.
    public func unit(_ p: Provenance) -> String {
        switch ((p.unitName ?? p.unit.flatMap { unitNames[$0.value] }).map { clean($0, 80) }, p.unit?.value) {
        case let (name?, code?) where !name.isEmpty: return "\(name) (\(code))"
        case let (_, code?): return code
        case let (name?, nil): return name
        default: return ""
        }
    }

    /// The column naming the unit a record came from: it narrows and wraps, and on a narrow
    /// screen writes the kind of unit short (``UnitName``); its hcode is always shown whole.
    var unitColumn: Table.Column { Table.Column(t("Unit", "หน่วยบริการ"), flexible: true, shorten: UnitName.abbreviated) }

    /// The title of a kind.
    public func title(_ kind: RecordKind) -> String {
        switch kind {
        case .vitals: t("Vital signs", "สัญญาณชีพ")
        case .conditions: t("Conditions", "โรคและการวินิจฉัย")
        case .meds: t("Medications", "ยา")
        case .allergies: t("Allergies", "การแพ้ยา")
        case .vaccines: t("Vaccines", "วัคซีน")
        case .coverage: t("Coverage", "สิทธิการรักษา")
        case .encounters: t("Visits", "การเข้ารับบริการ")
        case .labs: t("Lab results", "ผลตรวจทางห้องปฏิบัติการ")
        }
    }

    /// A number without a trailing ".0".
    public static func number(_ v: Double?, digits: Int = 1) -> String {
        guard let v else { return "" }
        if v == v.rounded(), abs(v) < 1e9 { return String(Int(v)) }
        var s = String(format: "%.\(digits)f", v)
        while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
        return s
    }

    /// Blood pressure as "130/85", or "" when neither value is known.
    public static func bloodPressure(_ v: Vital) -> String {
        guard v.systolic != nil || v.diastolic != nil else { return "" }
        return "\(number(v.systolic).isEmpty ? "?" : number(v.systolic))/\(number(v.diastolic).isEmpty ? "?" : number(v.diastolic))"
    }

    /// The table of one kind.
    public func table(_ kind: RecordKind, _ r: HealthRecord) -> Table {
        let unitColumn = unitColumn
        let date = Table.Column(t("Date", "วันที่"))
        func notes<R: HealthRecordItem>(_ items: [R]) -> [String] { items.map(note) }
        switch kind {
        case .vitals:
            return Table(columns: [date, .init(t("BP mmHg", "ความดัน มม.ปรอท"), alignRight: true), .init(t("Pulse", "ชีพจร"), alignRight: true),
                                   .init(t("Temp °C", "อุณหภูมิ °C"), alignRight: true, optional: true), .init(t("Weight kg", "น้ำหนัก กก."), alignRight: true),
                                   .init(t("Height cm", "ส่วนสูง ซม."), alignRight: true, optional: true), .init("BMI", alignRight: true, optional: true), unitColumn],
                         rows: r.vitals.map { v in
                             [dates.text(v.takenAt), Self.bloodPressure(v), Self.number(v.pulse), Self.number(v.temperatureC),
                              Self.number(v.weightKg), Self.number(v.heightCm), Self.number(v.bmi), unit(v.provenance)]
                         }, notes: notes(r.vitals))
        case .conditions:
            return Table(columns: [date, .init(t("Code", "รหัส")), .init(t("Condition", "โรค/ภาวะ"), flexible: true),
                                   .init(t("Type", "ประเภท"), optional: true), unitColumn],
                         rows: r.conditions.map { c in
                             [dates.text(c.recordedAt, time: false), clean(c.code.value, 12), clean(c.code.display),
                              c.isChronic ? t("chronic", "เรื้อรัง") : clean(c.category, 20), unit(c.provenance)]
                         }, notes: notes(r.conditions))
        case .meds:
            return Table(columns: [date, .init(t("Medicine", "ยา"), flexible: true), .init(t("Qty", "จำนวน"), alignRight: true),
                                   .init(t("How to take", "วิธีใช้"), flexible: true), unitColumn],
                         rows: r.medications.map { m in
                             [dates.text(m.effectiveAt, time: false), clean(m.name), Self.number(m.quantity), clean(m.instruction),
                              unit(m.provenance)]
                         }, notes: notes(r.medications))
        case .allergies:
            return Table(columns: [date, .init(t("Substance", "สิ่งที่แพ้"), flexible: true), .init(t("Reaction", "อาการ"), flexible: true),
                                   .init(t("Severity", "ความรุนแรง"), optional: true), unitColumn],
                         rows: r.allergies.map { a in
                             [dates.text(a.recordedAt, time: false), clean(a.substance), clean(a.reaction), clean(a.severity, 20),
                              unit(a.provenance)]
                         }, notes: notes(r.allergies))
        case .vaccines:
            return Table(columns: [date, .init(t("Vaccine", "วัคซีน"), flexible: true), .init(t("Dose", "เข็มที่"), alignRight: true),
                                   .init(t("Lot", "ล็อต"), optional: true), unitColumn],
                         rows: r.immunizations.map { i in
                             [dates.text(i.givenAt, time: false), clean(i.vaccine.display ?? i.vaccine.value) + " (\(clean(i.vaccine.value, 10)))",
                              i.doseNumber.map(String.init) ?? "", clean(i.lotNumber, 20), unit(i.provenance)]
                         }, notes: notes(r.immunizations))
        case .coverage:
            return Table(columns: [.init(t("Since", "ตั้งแต่")), .init(t("Right", "สิทธิ")), .init(t("Payer", "ผู้จ่าย"), flexible: true),
                                   .init(t("Group", "กลุ่ม"), flexible: true), unitColumn],
                         rows: r.coverage.map { c in
                             [dates.text(c.startedAt, time: false), clean(c.right.display.map { "\(c.right.value) \($0)" } ?? c.right.value, 60),
                              clean(c.payer), clean(c.subgroup), unit(c.provenance)]
                         }, notes: notes(r.coverage))
        case .encounters:
            return Table(columns: [date, .init(t("Visit", "ครั้งที่มา"), optional: true), .init(t("Type", "ประเภท")),
                                   .init(t("Complaint", "อาการสำคัญ"), flexible: true), .init(t("Diagnosis", "การวินิจฉัย"), flexible: true),
                                   unitColumn],
                         rows: r.encounters.map { e in
                             [dates.text(e.start), clean(e.ref, 30) + reportMark(e.ref), clean(e.classDisplay ?? e.classCode, 20), clean(e.chiefComplaint),
                              clean(e.diagnosisText), unit(e.provenance)]
                         }, notes: notes(r.encounters))
        case .labs:
            return labTable(r)
        }
    }

    /// The data-quality note under a record's row: one line per problem (``FlagText``).
    public func note<R: HealthRecordItem>(_ item: R) -> String {
        FlagText.note(item.flags, dates: Self.dates(of: item), sorting: item.date, options: options)
    }

    /// Every date of a record as sent (a visit has a start and an end).
    static func dates<R: HealthRecordItem>(of item: R) -> [SourceDate] {
        (item as? Encounter).map { [$0.start, $0.end] } ?? [item.date]
    }

    /// One kind as a titled table, or a line saying there is nothing. Under a filter (`scope`)
    /// the title says how many of the whole record's (`whole`) are shown, and an empty table
    /// says "none in this view", never "none"; a kind a consent did not share says so.
    public func section(_ kind: RecordKind, _ r: HealthRecord, scope: RecordScope = .whole, whole: RecordTally? = nil) -> String {
        guard scope.shared.contains(kind) else {
            return bold(title(kind)) + "\n  " + notShared + "\n"
        }
        let table = table(kind, r)
        let total = whole?.counts[kind]
        let count = scope.narrowsRecords && total != nil && total != table.rows.count
            ? t("\(table.rows.count) of \(total!)", "\(table.rows.count) จาก \(total!)") : "\(table.rows.count)"
        let heading = bold("\(title(kind)) (\(count))")
        guard table.rows.isEmpty else {
            let legend = kind == .labs ? labLegend(r).map { TextWidth.wrap($0, options.width).joined(separator: "\n") + "\n" } ?? "" : ""
            return heading + "\n" + table.render(width: options.width, bold: options.color, medium: options.medium) + legend
        }
        if scope.narrowsRecords {
            let all = total.map { t(" (\($0) in the whole record)", " (ในข้อมูลทั้งหมดมี \($0) รายการ)") } ?? ""
            return heading + "\n" + t("  none in this view", "  ไม่มีในช่วงที่เลือก") + all + "\n"
        }
        return heading + "\n" + t("  none stored", "  ไม่มีข้อมูล") + "\n"
    }

    /// "not shared under this consent": what a clinic sees for a kind the consent left out.
    var notShared: String { t("not shared under this consent", "ไม่ได้แชร์ในรหัสยินยอมนี้") }

    func bold(_ s: String) -> String { options.color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    func alert(_ s: String) -> String { options.color ? "\u{1B}[1;31m\(s)\u{1B}[0m" : s }

    /// The person's name in the display language (falling back to the other).
    public func name(_ p: Person) -> String {
        let n = options.language == .th ? (p.nameTH ?? p.nameEN) : (p.nameEN ?? p.nameTH)
        return clean(n?.display, 120)
    }

    /// The line that says a view or export is partial, or nil for the whole record: which
    /// records the tables show, that allergies, chronic conditions and current medicines come
    /// from the whole record (`withSummary`: a summary is shown with the tables), and what a
    /// consent did not share.
    public func scopeLine(_ scope: RecordScope, withSummary: Bool = true) -> String? {
        var sentences: [String] = []
        if withSummary ? scope.isFiltered : scope.narrowsRecords {
            var parts: [String] = []
            if let since = scope.since { parts.append(t("since ", "ตั้งแต่ ") + dates.text(since, time: false)) }
            if let unit = scope.unit { parts.append(t("from unit ", "หน่วยบริการ ") + unit.value) }
            if let limit = scope.limit { parts.append(t("the newest \(limit) of each kind", "ล่าสุด \(limit) รายการต่อประเภท")) }
            if let test = scope.test, scope.kinds.contains(.labs) {
                parts.append(t("lab results of ", "ผลตรวจเฉพาะ ") + test.title(thai: options.language == .th))
            }
            if scope.narrowsKinds && withSummary {
                parts.append(t("only ", "เฉพาะ") + scope.kinds.filter(scope.shared.contains).map(title).joined(separator: ", "))
            }
            sentences.append(t("Showing ", "แสดงเฉพาะรายการ ") + parts.joined(separator: ", ")
                             + (withSummary ? t("; allergies, chronic conditions and current medicines are from the whole record.",
                                                " — การแพ้ยา โรคเรื้อรัง และยาที่ใช้อยู่ มาจากข้อมูลทั้งหมด") : "."))
        }
        let withheld = RecordKind.allCases.filter { !scope.shared.contains($0) }
        if !withheld.isEmpty {
            sentences.append(t("Not shared under this consent: ", "ไม่ได้แชร์ในรหัสยินยอมนี้: ") + withheld.map(title).joined(separator: ", ") + ".")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// A one-screen overview like the app's main menu: person, coverage, chronic conditions,
    /// current medicines, allergies (highlighted), last vital signs, vaccines, flagged rows.
    /// See ``summaryFields(_:tally:scope:view:fullCID:today:)``.
    public func summary(_ r: HealthRecord, tally: RecordTally? = nil, scope: RecordScope = .whole, view: HealthRecord? = nil,
                        fullCID: Bool = false, today: CivilDateTime) -> String {
        let fields = summaryFields(r, tally: tally, scope: scope, view: view, fullCID: fullCID, today: today)
        let labelWidth = min(22, (fields.map { TextWidth.columns($0.label) }.max() ?? 0) + 2)
        let indent = String(repeating: " ", count: labelWidth)
        let lines = fields.map { f in
            bold(TextWidth.pad(f.label, labelWidth)) + TextWidth.wrap(f.value, options.width - labelWidth).joined(separator: "\n" + indent)
        }
        let header = scopeLine(scope).map { TextWidth.wrap($0, options.width).joined(separator: "\n") + "\n" } ?? ""
        return header + lines.joined(separator: "\n") + "\n"
    }

    /// The summary as labelled values (the PDF lays these out in two columns).
    ///
    /// `r` is the whole record (or what `StoreReader.summary` reads of it) and `tally` its
    /// totals: allergies, chronic conditions and current medicines always come from it, whatever
    /// filter `scope` puts on the tables; `view`, the filtered record, adds a line counting what
    /// the filter shows. A kind the consent did not share reads "not shared", never "none".
    public func summaryFields(_ r: HealthRecord, tally: RecordTally? = nil, scope: RecordScope = .whole, view: HealthRecord? = nil,
                              fullCID: Bool = false, today: CivilDateTime) -> [(label: String, value: String)] {
        let tally = tally ?? r.tally
        var lines: [(label: String, value: String)] = []
        func field(_ label: String, _ value: @autoclosure () -> String, _ kind: RecordKind? = nil) {
            lines.append((label, kind.map(scope.shared.contains) ?? true ? value() : notShared))
        }
        if let p = r.person {
            field(t("Name", "ชื่อ"), name(p))
            field(t("Citizen ID", "เลขประจำตัว"), fullCID ? p.cid.formatted : p.cid.masked)
            var born = dates.text(p.birthDate, time: false)
            if let b = p.birthDate.trusted {
                let age = today.year - b.year - ((today.month, today.day) < (b.month, b.day) ? 1 : 0)
                born += t(" (age \(age))", " (อายุ \(age) ปี)")
            }
            field(t("Born", "วันเกิด"), born)
            if let g = p.bloodGroup, !g.isEmpty { field(t("Blood group", "หมู่เลือด"), clean(g, 10)) }
        }
        let rights = Dictionary(grouping: r.coverage, by: \.right.value).keys.sorted()
        field(t("Coverage", "สิทธิการรักษา"), rights.isEmpty ? "—" : rights.map { v in
            let display = r.coverage.first { $0.right.value == v }?.right.display
            return clean(display.map { "\(v) \($0)" } ?? v, 60)
        }.joined(separator: ", "), .coverage)
        field(t("Chronic", "โรคเรื้อรัง"), chronicText(r.conditions), .conditions)
        field(t("Current meds", "ยาที่ใช้อยู่"), currentMedicinesText(CurrentMedicines(r.medications)), .meds)
        lines.append((t("Allergies", "แพ้ยา"), allergyText(r, shared: scope.shared.contains(.allergies))))
        if let v = r.vitals.first(where: { $0.systolic != nil || $0.weightKg != nil }) {
            var parts: [String] = []
            if !Self.bloodPressure(v).isEmpty { parts.append(t("BP ", "ความดัน ") + Self.bloodPressure(v) + t(" mmHg", " มม.ปรอท")) }
            if let p = v.pulse { parts.append(t("pulse ", "ชีพจร ") + Self.number(p) + t("/min", " ครั้ง/นาที")) }
            if let w = v.weightKg { parts.append(t("weight ", "น้ำหนัก ") + Self.number(w) + t(" kg", " กก.")) }
            if let b = v.bmi { parts.append("BMI " + Self.number(b)) }
            field(t("Last vitals", "สัญญาณชีพล่าสุด"), parts.joined(separator: " · ") + " — " + dates.text(v.takenAt) + ", " + unit(v.provenance))
        } else if !scope.shared.contains(.vitals) {
            field(t("Last vitals", "สัญญาณชีพล่าสุด"), "", .vitals)
        }
        if let bp = latestBloodPressureLine(r) { field(t("Latest BP", "ความดันล่าสุด"), bp) }
        let latest = latestLabLines(r)
        if !latest.isEmpty || !scope.shared.contains(.labs) { field(t("Latest labs", "ผลตรวจล่าสุด"), latest.joined(separator: "\n"), .labs) }
        let doses = r.immunizations.count
        let lastVaccine = r.immunizations.first.map { dates.text($0.givenAt, time: false) }
        field(t("Vaccines", "วัคซีน"), t("\(doses) \(doses == 1 ? "dose" : "doses")", "\(doses) ครั้ง")
              + (lastVaccine.map { t(", last ", " ล่าสุด ") + $0 } ?? ""), .vaccines)
        field(t("Visits", "การมารับบริการ"), "\(tally.counts[.encounters] ?? 0)" + (r.encounters.first.map { t(", last ", " ล่าสุด ") + dates.text($0.start, time: false) } ?? ""), .encounters)
        if scope.narrowsRecords, let view {
            let shown = view.tally.counts
            lines.append((t("In this view", "ในช่วงที่เลือก"), scope.kinds.filter(scope.shared.contains)
                .map { "\(title($0)) \(shown[$0] ?? 0)" }.joined(separator: " · ")))
        }
        let flagged = tally.flagged + (r.person.map { $0.flags.isEmpty ? 0 : 1 } ?? 0)
        if flagged > 0 {
            // `phr show flags` reads the citizen's own store; a clinic's fetch is gone afterwards.
            let list = options.commandHints && scope.shared.count == RecordKind.allCases.count
                ? t(" (list them: phr show flags)", " (ดูรายการ: phr show flags)") : ""
            lines.append((t("Check", "ควรตรวจสอบ"), t("\(flagged) records have doubtful data, marked ⚠", "\(flagged) รายการมีข้อมูลน่าสงสัย มีเครื่องหมาย ⚠") + list))
        }
        return lines
    }

    /// Chronic conditions (NCD registry), each with the date first recorded. That date follows
    /// the one date rule: a doubtful one is shown as sent with ⚠, never converted.
    func chronicText(_ conditions: [Condition]) -> String {
        let chronic = Dictionary(grouping: conditions.filter(\.isChronic), by: \.code.value)
        guard !chronic.isEmpty else { return "—" }
        return chronic.keys.sorted().map { code in
            let rows = chronic[code]!
            let first = rows.filter { $0.sortDate != nil }.min { $0.sortDate! < $1.sortDate! }?.recordedAt
            let display = rows.first?.code.display ?? ""
            return clean("\(code) \(display)", 60) + (first.map { t(" since ", " ตั้งแต่ ") + dates.text($0, time: false) } ?? "")
        }.joined(separator: "\n")
    }

    /// The allergies: every allergy row, plus any drug the service's patient summary
    /// (`allergy_intolerance_text`) names that no row has. "None recorded" only when both are
    /// empty; "not shared" (still with the summary's drugs) when the consent left allergies out.
    func allergyText(_ r: HealthRecord, shared: Bool) -> String {
        var listed = shared ? r.allergies.map { a in clean(a.substance, 60) + (a.reaction.map { " (\(clean($0, 60)))" } ?? "") } : []
        let substances = Set(r.allergies.map { $0.substance.lowercased() })
        let fromSummary = (r.person?.allergySummary ?? "").split(separator: ",")
            .map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty && !substances.contains($0.lowercased()) }
        if !fromSummary.isEmpty {
            listed.append(t("in the patient summary: ", "ในสรุปข้อมูลผู้ป่วย: ") + fromSummary.map { clean($0, 60) }.joined(separator: ", "))
        }
        guard shared else { return notShared + (listed.isEmpty ? "" : "; " + alert(listed.joined(separator: ", "))) }
        return listed.isEmpty ? t("none recorded", "ไม่มีบันทึก") : alert(listed.joined(separator: ", "))
    }

    /// Everything as one printable text: the scope line, the summary of the whole record `r`
    /// (with its totals `tally`), each kind's table of `tables` (default `r`) and the trends.
    /// This is `phr export --format text` (without colour: `options.color` false).
    public func document(_ r: HealthRecord, tally: RecordTally? = nil, tables: HealthRecord? = nil, scope: RecordScope = .whole,
                         fullCID: Bool, today: CivilDateTime) -> String {
        let tables = tables ?? r
        var out = summary(r, tally: tally, scope: scope, view: tables, fullCID: fullCID, today: today) + "\n"
        for kind in scope.kinds { out += section(kind, tables, scope: scope, whole: tally ?? r.tally) + "\n" }
        if scope.kinds.contains(.vitals), scope.shared.contains(.vitals) { out += charts(tables.vitals) }
        if scope.kinds.contains(.labs), scope.shared.contains(.labs) {
            let labs = labCharts(tables.labs, tests: LabTest.keyTests, quiet: true)
            if !labs.isEmpty { out += (out.hasSuffix("\n\n") ? "" : "\n") + labs }
        }
        return out
    }

    /// Current medicines (``CurrentMedicines``): the long-term ones, then those given once at
    /// the latest refill visit, said apart; "—" when none.
    func currentMedicinesText(_ current: CurrentMedicines) -> String {
        let longTerm = current.entries.filter(\.longTerm).map { clean($0.medication.name, 60) }
        let new = current.entries.filter { !$0.longTerm }.map { clean($0.medication.name, 60) }
        var parts: [String] = []
        if !longTerm.isEmpty { parts.append(longTerm.joined(separator: ", ")) }
        if !new.isEmpty { parts.append(t("new at the last follow-up: ", "เริ่มในการนัดล่าสุด: ") + new.joined(separator: ", ")) }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }
}
