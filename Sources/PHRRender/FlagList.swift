import PHRModel

/// One record with doubtful data, as `phr show flags` lists it: what it is, where it came from
/// (unit, visit, Action), each problem in plain words and the next step. The visit id is what
/// a report of the visit to the ministry (MOPH's ReportEncounter) will need.
public struct FlaggedEntry: Sendable {
    /// The record's kind; nil for the person (PatientSummary).
    public var kind: RecordKind?
    /// The record's natural key (as in the exports).
    public var key: String
    /// What the record is, sanitized and short ("I10 Essential hypertension", "BP 135/85").
    public var what: String
    /// The record's date as sent.
    public var date: SourceDate
    public var provenance: Provenance
    /// The visit (`hcode:vn`) the record belongs to, when it names one.
    public var visit: String?
    /// The flags themselves (kind, wire field, English detail), for machines.
    public var flags: [QualityFlag]
    /// One readable line per problem (``FlagText/lines(_:dates:sorting:options:)``).
    public var problems: [String]
    /// What the citizen can do (``FlagText/nextStep(_:_:)``).
    public var nextStep: String
}

extension RecordText {
    /// Every record of `flagged` (``HealthRecord`` of flagged records, e.g.
    /// `StoreReader.flagged()`) as entries: the person first, then by kind, newest first.
    public func flaggedEntries(_ flagged: HealthRecord) -> [FlaggedEntry] {
        var out: [FlaggedEntry] = []
        if let p = flagged.person, !p.flags.isEmpty {
            out.append(FlaggedEntry(kind: nil, key: p.cid.masked, what: t("Patient summary", "ข้อมูลผู้ป่วย"), date: p.birthDate,
                                    provenance: p.provenance, visit: nil, flags: p.flags,
                                    problems: FlagText.lines(p.flags, dates: [p.birthDate], sorting: nil, options: options),
                                    nextStep: FlagText.nextStep(p.flags, options.language)))
        }
        func add<R: HealthRecordItem>(_ items: [R], _ what: (R) -> String) {
            for item in items where !item.flags.isEmpty {
                let ref = (item as? Encounter)?.ref ?? item.provenance.sourceRef
                out.append(FlaggedEntry(kind: R.kind, key: item.naturalKey, what: clean(what(item), 80), date: item.date,
                                        provenance: item.provenance, visit: ref.flatMap { $0.contains(":") ? $0 : nil },
                                        flags: item.flags,
                                        problems: FlagText.lines(item.flags, dates: Self.dates(of: item), sorting: item.date, options: options),
                                        nextStep: FlagText.nextStep(item.flags, options.language)))
            }
        }
        add(flagged.vitals) { v in Self.bloodPressure(v).isEmpty ? title(.vitals) : t("BP ", "ความดัน ") + Self.bloodPressure(v) }
        add(flagged.conditions) { c in c.code.value + (c.code.display.map { " " + $0 } ?? "") }
        add(flagged.medications) { $0.name }
        add(flagged.allergies) { $0.substance }
        add(flagged.immunizations) { $0.vaccine.display ?? $0.vaccine.value }
        add(flagged.coverage) { c in c.right.value + (c.right.display.map { " " + $0 } ?? "") }
        add(flagged.encounters) { e in t("Visit", "การมารับบริการ") + (e.chiefComplaint.map { ": " + $0 } ?? "") }
        add(flagged.labs) { l in l.name + " " + (l.valueText ?? l.value.map { Self.number($0, digits: 2) } ?? "") + (l.unit.map { " " + $0 } ?? "") }
        return out
    }

    /// `phr show flags`: every record with doubtful data, where it came from and what to do.
    public func flagList(_ flagged: HealthRecord) -> String {
        let entries = flaggedEntries(flagged)
        var out = bold(t("Records with doubtful data (\(entries.count))", "รายการที่มีข้อมูลน่าสงสัย (\(entries.count))")) + "\n"
        guard !entries.isEmpty else { return out + t("  none: every record reads as expected\n", "  ไม่มี ทุกรายการอ่านได้ตามปกติ\n") }
        out += TextWidth.wrap(t("Each is shown as the health unit sent it. Keep the visit id: a report of the visit to the ministry will need it.",
                                "ทุกรายการแสดงตามที่หน่วยบริการส่งมา เก็บรหัสการมารับบริการไว้ ใช้เมื่อแจ้งกระทรวงสาธารณสุข"),
                              options.width).joined(separator: "\n") + "\n"
        for e in entries {
            let kind = e.kind.map(title) ?? t("Person", "ผู้ป่วย")
            var source = [unit(e.provenance)].filter { !$0.isEmpty }
            if let visit = e.visit { source.append(t("visit ", "ครั้งที่มา ") + clean(visit, 60) + reportMark(visit)) }
            source.append(t("from ", "จาก ") + clean(e.provenance.action, 40))
            out += "\n" + alert("⚠") + " " + bold("\(kind): \(e.what)") + " — " + dates.text(e.date) + "\n"
            for line in [source.joined(separator: " · ")] + e.problems {
                out += TextWidth.wrap(line, options.width - 6).enumerated().map { ($0 == 0 ? "    " : "      ") + $1 }.joined(separator: "\n") + "\n"
            }
            out += TextWidth.wrap("→ " + e.nextStep, options.width - 4).map { "    " + $0 }.joined(separator: "\n") + "\n"
        }
        return out
    }
}
