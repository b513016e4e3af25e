import PHRModel

/// Lab results as text: the table (out-of-range results marked), the summary's latest key
/// results, and their trend charts.
extension RecordText {
    /// `H`, `L`, `HH`, `LL`, `A` as labs print them; `*` when judged by phr's adult interval
    /// (the lab sent no range); "" within range or when nothing says.
    public static func marker(_ a: LabAssessment?) -> String {
        guard let a, a.isOutOfRange else { return "" }
        let letter = a.level == .high ? "H" : a.level == .low ? "L" : "A"
        return (a.critical ? letter + letter : letter) + (a.source == .catalog ? "*" : "")
    }

    /// The value as the lab wrote it (keeping its decimals), else the number.
    func labValue(_ l: LabResult) -> String {
        clean(l.valueText, 60).isEmpty ? Self.number(l.value, digits: 2) : clean(l.valueText, 60)
    }

    /// The lab's reference range: its text, else its bounds.
    func labRange(_ l: LabResult) -> String {
        if let text = l.referenceText, !text.isEmpty { return clean(text, 30) }
        switch (l.referenceLow, l.referenceHigh) {
        case let (low?, high?): return "\(Self.number(low, digits: 2)) - \(Self.number(high, digits: 2))"
        case let (low?, nil): return "≥ " + Self.number(low, digits: 2)
        case let (nil, high?): return "≤ " + Self.number(high, digits: 2)
        default: return ""
        }
    }

    func labTable(_ r: HealthRecord) -> Table {
        let female = r.person?.isFemale
        return Table(columns: [.init(t("Date", "วันที่")), .init(t("Test", "การตรวจ"), flexible: true), .init(t("Result", "ผล"), alignRight: true),
                               .init(t("Unit", "หน่วย")), .init(t("Flag", "แปลผล")), .init(t("Range", "ค่าอ้างอิง"), optional: true),
                               unitColumn],
                     rows: r.labs.map { l in
                         [dates.text(l.issuedAt), clean(l.name, 60), labValue(l), clean(l.unit, 20), Self.marker(l.assessment(female: female)),
                          labRange(l), unit(l.provenance)]
                     }, notes: r.labs.map(note))
    }

    /// The line under the labs table when some results are judged by phr's own intervals.
    func labLegend(_ r: HealthRecord) -> String? {
        let female = r.person?.isFemale
        guard r.labs.contains(where: { $0.assessment(female: female)?.source == .catalog && $0.assessment(female: female)!.isOutOfRange }) else { return nil }
        return t("* outside the usual adult range (phr's table: the lab sent no range of its own)",
                 "* นอกช่วงปกติของผู้ใหญ่ (ตามตารางของ phr เพราะห้องปฏิบัติการไม่ได้ส่งค่าอ้างอิงมา)")
    }

    /// One summary line per key test (``LabTest/keyTests``) the record has: the test, its newest
    /// result, mark, date and unit; when the newest is doubtful (another unit, an impossible
    /// value), the newest comparable one follows it.
    func latestLabLines(_ r: HealthRecord) -> [String] {
        let female = r.person?.isFemale
        let thai = options.language == .th
        return LabTest.keyTests.compactMap { test in
            let results = r.labs.filter { $0.knownTest == test }.sorted { ($0.sortDate?.sortKey ?? .min) > ($1.sortDate?.sortKey ?? .min) }
            guard let newest = results.first else { return nil }
            func describe(_ l: LabResult) -> String {
                let mark = Self.marker(l.assessment(female: female))
                return [labValue(l), clean(l.unit, 20), mark.isEmpty ? "" : "(\(mark))"].filter { !$0.isEmpty }.joined(separator: " ")
                    + (l.flags.isEmpty ? "" : " ⚠") + " — " + dates.text(l.issuedAt, time: false) + ", " + unit(l.provenance)
            }
            var value = describe(newest)
            if !newest.isComparable, let comparable = results.first(where: \.isComparable) {
                value += t("; before that ", "; ก่อนหน้านั้น ") + describe(comparable)
            }
            return test.title(thai: thai) + " " + value
        }
    }

    /// Trend charts of `tests` (HbA1c, eGFR, LDL by default), oldest left, like the blood-pressure
    /// chart: only results in the test's usual unit, unflagged and with a trusted date are drawn,
    /// and the legend counts the ones left out. A test with no result is skipped; when none of
    /// them has one, a line says so (nothing at all with `quiet`, for the text export).
    public func labCharts(_ labs: [LabResult], tests: [LabTest], quiet: Bool = false) -> String {
        var out = ""
        let chart = TrendChart(width: max(20, options.width - 8), height: 8)
        let thai = options.language == .th
        for test in tests {
            let own = labs.filter { $0.knownTest == test && $0.value != nil }
            let drawn = own.filter(\.isComparable).compactMap { l in l.issuedAt.trusted.map { (day: $0, value: l.value!) } }
                .sorted { $0.day < $1.day }
            guard let first = drawn.first?.day, let last = drawn.last?.day else { continue }
            let left = own.count - drawn.count
            let leftOut = left == 0 ? "" : t("; \(left) not drawn (doubtful date or value, or another unit)",
                                             "; ไม่แสดง \(left) รายการ (วันที่หรือค่าน่าสงสัย หรือหน่วยต่างกัน)")
            let lines = Self.referenceLines[test.id] ?? []
            let legend = lines.isEmpty ? "" : "; ┄ " + lines.map { Self.number($0.value) + " " + t($0.en, $0.th) }.joined(separator: ", ")
            out += (out.isEmpty ? "" : "\n") + bold(test.title(thai: thai)) + "\n"
            out += chart.render(series: [drawn.map { (x: Double($0.day.dayNumber), y: $0.value) }], references: lines.map(\.value),
                                xLabels: (dates.text(first, time: false), dates.text(last, time: false)),
                                unit: Self.unitName(test.unit) + legend + leftOut)
        }
        if out.isEmpty && !quiet {
            return t("No results of \(tests.map { $0.title(thai: false) }.joined(separator: ", ")) to draw.",
                     "ไม่มีผลตรวจ \(tests.map { $0.title(thai: true) }.joined(separator: ", ")) ที่จะแสดงเป็นกราฟ") + "\n"
        }
        return out
    }

    /// Lines drawn across the key tests' charts: treatment targets and stage limits.
    static let referenceLines: [String: [(value: Double, en: String, th: String)]] = [
        "hba1c": [(7, "usual target in diabetes", "เป้าหมายทั่วไปในเบาหวาน")],                           // ADA
        "egfr": [(60, "kidney function decreased", "ไตทำงานลดลง"), (15, "kidney failure", "ไตวาย")],      // KDIGO G3a, G5
        "ldl": [(100, "target with diabetes or high risk", "เป้าหมายเมื่อเป็นเบาหวานหรือเสี่ยงสูง")],       // NCEP ATP III
    ]

    /// A UCUM unit as people write it (`mL/min/1.73 m²`).
    static func unitName(_ ucum: String) -> String {
        ucum == "mL/min/{1.73_m2}" ? "mL/min/1.73 m²" : ucum
    }
}
