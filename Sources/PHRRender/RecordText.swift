import PHRModel

/// The record as text for a terminal or a plain-text export: one table per kind and a
/// one-screen summary. Every server string is sanitized here; nothing else needs to.
public struct RecordText: Sendable {
    public var options: DisplayOptions
    /// Unit names by hcode, for records that came without one (see `learnUnitNames`).
    public var unitNames: [String: String] = [:]
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
    private func clean(_ s: String?, _ limit: Int = 200) -> String { s.map { Sanitize.line($0, limit: limit) } ?? "" }

    /// "unit name (hcode)", or whichever of the two is known.
    public func unit(_ p: Provenance) -> String {
        switch ((p.unitName ?? p.unit.flatMap { unitNames[$0.value] }).map { clean($0, 80) }, p.unit?.value) {
        case let (name?, code?) where !name.isEmpty: return "\(name) (\(code))"
        case let (_, code?): return code
        case let (name?, nil): return name
        default: return ""
        }
    }

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
        let unitColumn = Table.Column(t("Unit", "หน่วยบริการ"), flexible: true)
        let date = Table.Column(t("Date", "วันที่"))
        func notes<R: HealthRecordItem>(_ items: [R]) -> [String] { items.map { FlagText.note($0.flags, options.language) } }
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
                             [dates.text(e.start), clean(e.ref, 30), clean(e.classDisplay ?? e.classCode, 20), clean(e.chiefComplaint),
                              clean(e.diagnosisText), unit(e.provenance)]
                         }, notes: notes(r.encounters))
        }
    }

    /// One kind as a titled table, or a line saying there is nothing.
    public func section(_ kind: RecordKind, _ r: HealthRecord) -> String {
        let table = table(kind, r)
        let heading = bold("\(title(kind)) (\(table.rows.count))")
        guard !table.rows.isEmpty else { return heading + "\n" + t("  none stored", "  ไม่มีข้อมูล") + "\n" }
        return heading + "\n" + table.render(width: options.width, bold: options.color)
    }

    func bold(_ s: String) -> String { options.color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    func alert(_ s: String) -> String { options.color ? "\u{1B}[1;31m\(s)\u{1B}[0m" : s }

    /// The person's name in the display language (falling back to the other).
    public func name(_ p: Person) -> String {
        let n = options.language == .th ? (p.nameTH ?? p.nameEN) : (p.nameEN ?? p.nameTH)
        return clean(n?.display, 120)
    }

    /// A one-screen overview like the app's main menu: person, coverage, chronic conditions,
    /// current medicines, allergies (highlighted), last vital signs, vaccines, flagged rows.
    /// `cid` decides whether the CID is shown whole or masked.
    /// `tally` gives the totals when `r` holds only part of the record (`StoreReader.summary`).
    public func summary(_ r: HealthRecord, tally: RecordTally? = nil, fullCID: Bool = false, today: CivilDateTime,
                        included: Set<RecordKind> = Set(RecordKind.allCases)) -> String {
        let fields = summaryFields(r, tally: tally, fullCID: fullCID, today: today, included: included)
        let labelWidth = min(22, (fields.map { TextWidth.columns($0.label) }.max() ?? 0) + 2)
        let indent = String(repeating: " ", count: labelWidth)
        return fields.map { f in
            let lines = TextWidth.wrap(f.value, options.width - labelWidth)
            return bold(TextWidth.pad(f.label, labelWidth)) + lines.joined(separator: "\n" + indent)
        }.joined(separator: "\n") + "\n"
    }

    /// The summary as labelled values (the PDF lays these out in two columns). Lines of kinds
    /// not `included` say so instead of "none" (a clinic reading a scoped consent must not take
    /// "not shared" for "no allergies").
    public func summaryFields(_ r: HealthRecord, tally: RecordTally? = nil, fullCID: Bool = false,
                              today: CivilDateTime, included: Set<RecordKind> = Set(RecordKind.allCases)) -> [(label: String, value: String)] {
        let tally = tally ?? r.tally
        var lines: [(label: String, value: String)] = []
        func field(_ label: String, _ value: @autoclosure () -> String, _ kind: RecordKind? = nil) {
            lines.append((label, kind.map { included.contains($0) } ?? true ? value() : t("not included", "ไม่ได้รวมไว้")))
        }
        if let p = r.person {
            field(t("Name", "ชื่อ"), name(p))
            field(t("Citizen ID", "เลขประจำตัว"), fullCID ? p.cid.formatted : p.cid.masked)
            var born = dates.text(p.birthDate, time: false)
            if let b = p.birthDate.value, p.birthDate.flags.isEmpty {
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
        let chronic = Dictionary(grouping: r.conditions.filter(\.isChronic), by: \.code.value)
        field(t("Chronic", "โรคเรื้อรัง"), chronic.isEmpty ? "—" : chronic.keys.sorted().map { code in
            let first = chronic[code]!.compactMap(\.recordedAt.value).min()
            let display = chronic[code]!.first?.code.display ?? ""
            return clean("\(code) \(display)", 60) + (first.map { t(" since ", " ตั้งแต่ ") + dates.text($0, time: false) } ?? "")
        }.joined(separator: "\n"), .conditions)
        let current = Self.currentMedications(r.medications)
        field(t("Current meds", "ยาที่ใช้อยู่"), current.isEmpty ? "—" : current.map { clean($0.name, 60) }.joined(separator: ", "), .meds)
        let allergies = r.allergies.map { a in clean(a.substance, 60) + (a.reaction.map { " (\(clean($0, 60)))" } ?? "") }
        field(t("Allergies", "แพ้ยา"), allergies.isEmpty ? t("none recorded", "ไม่มีบันทึก") : alert(allergies.joined(separator: ", ")), .allergies)
        if let v = r.vitals.first(where: { $0.systolic != nil || $0.weightKg != nil }) {
            var parts: [String] = []
            if !Self.bloodPressure(v).isEmpty { parts.append(t("BP ", "ความดัน ") + Self.bloodPressure(v) + t(" mmHg", " มม.ปรอท")) }
            if let p = v.pulse { parts.append(t("pulse ", "ชีพจร ") + Self.number(p) + t("/min", " ครั้ง/นาที")) }
            if let w = v.weightKg { parts.append(t("weight ", "น้ำหนัก ") + Self.number(w) + t(" kg", " กก.")) }
            if let b = v.bmi { parts.append("BMI " + Self.number(b)) }
            field(t("Last vitals", "สัญญาณชีพล่าสุด"), parts.joined(separator: " · ") + " — " + dates.text(v.takenAt) + ", " + unit(v.provenance))
        } else if !included.contains(.vitals) {
            field(t("Last vitals", "สัญญาณชีพล่าสุด"), "", .vitals)
        }
        let lastVaccine = r.immunizations.first.map { dates.text($0.givenAt, time: false) }
        field(t("Vaccines", "วัคซีน"), t("\(r.immunizations.count) doses", "\(r.immunizations.count) ครั้ง")
              + (lastVaccine.map { t(", last ", " ล่าสุด ") + $0 } ?? ""), .vaccines)
        field(t("Visits", "การมารับบริการ"), "\(tally.counts[.encounters] ?? 0)" + (r.encounters.first.map { t(", last ", " ล่าสุด ") + dates.text($0.start, time: false) } ?? ""), .encounters)
        let flagged = tally.flagged
        if flagged > 0 {
            field(t("Check", "ควรตรวจสอบ"), t("\(flagged) records have doubtful data (marked ⚠ in phr show)",
                                              "\(flagged) รายการมีข้อมูลน่าสงสัย (มีเครื่องหมาย ⚠ ใน phr show)"))
        }
        return lines
    }

    /// Everything as one printable text: the summary, each kind's table, the trends. This is
    /// `phr export --format text` (without colour: `options.color` false).
    public func document(_ r: HealthRecord, kinds: [RecordKind], fullCID: Bool, today: CivilDateTime) -> String {
        var out = summary(r, fullCID: fullCID, today: today, included: Set(kinds)) + "\n"
        for kind in kinds { out += section(kind, r) + "\n" }
        if kinds.contains(.vitals) { out += charts(r.vitals) }
        return out
    }

    /// Medicines dispensed in the 180 days before the newest dispensing, one per name, newest first.
    public static func currentMedications(_ meds: [Medication]) -> [Medication] {
        guard let newest = meds.compactMap(\.effectiveAt.value).max() else { return [] }
        var seen = Set<String>()
        return meds.filter { m in
            guard let d = m.effectiveAt.value, newest.dayNumber - d.dayNumber <= 180 else { return false }
            return seen.insert(m.name).inserted
        }
    }
}
