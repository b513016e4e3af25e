import Foundation
import PHRFixtures
import PHRModel
import Testing
@testable import PHRRender

/// Views compared with golden files in Tests/PHRRenderTests/Golden. After an intended change,
/// regenerate with `PHR_UPDATE_GOLDEN=1 swift test --filter RenderTests` and review the diff.
@Suite struct RenderTests {
    static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func golden(_ name: String, _ actual: String) throws {
        let url = Self.goldenDir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PHR_UPDATE_GOLDEN"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(Bundle.module.url(forResource: "Golden/" + (name as NSString).deletingPathExtension, withExtension: "txt")
            .flatMap { try? String(contentsOf: $0, encoding: .utf8) }, "golden file \(name) missing: run with PHR_UPDATE_GOLDEN=1")
        #expect(actual == expected, "\(name) differs from its golden file")
    }

    func everything(_ options: DisplayOptions) -> String {
        let r = SampleRecord.record
        return RecordText(options, unitsFrom: r).document(r, fullCID: false, today: SampleRecord.today)
    }

    @Test func thaiWithBuddhistEra() throws {
        try golden("th-be.txt", everything(DisplayOptions(language: .th, width: 100)))
    }

    @Test func englishWithCommonEra() throws {
        try golden("en-ce.txt", everything(DisplayOptions(language: .en, width: 100)))
    }

    @Test func thaiForcedToCommonEraIn80Columns() throws {
        try golden("th-ce-80.txt", everything(DisplayOptions(language: .th, era: .gregorian, width: 80)))
    }

    @Test func buddhistEraIsCommonEraPlus543AndFlaggedDatesStayAsSent() {
        let d = CivilDateTime(year: 2017, month: 7, day: 23, hour: 4, minute: 34)
        #expect(DateText(era: .buddhist).text(d) == "23/07/2560 04:34")
        #expect(DateText(era: .gregorian).text(d) == "23/07/2017 04:34")
        let flagged = SourceDate(original: "02/08/1479", value: CivilDateTime(year: 1479, month: 8, day: 2),
                                 flags: [QualityFlag(.doubleConvertedYear, field: "d", detail: "year 1479 looks double-converted (2022?)")])
        #expect(DateText(era: .buddhist).text(flagged) == "⚠ 02/08/1479", "never converted to 2022 nor shown as BE")
    }

    @Test func hostileStringsNeverReachTheTerminal() {
        let out = everything(DisplayOptions(language: .en, width: 100))
        #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x07 || $0.value == 0x08 })
        #expect(out.contains("Essential hypertension"))
    }

    @Test func colourOnlyWhenAskedFor() {
        #expect(!everything(DisplayOptions(language: .en, color: false)).contains("\u{1B}["))
        #expect(everything(DisplayOptions(language: .en, color: true)).contains("\u{1B}[1;31m"), "allergies highlighted")
    }

    @Test func everyLineFitsTheWidth() {
        for width in [60, 80, 100] {
            let out = everything(DisplayOptions(language: .th, width: width))
            let widest = out.split(separator: "\n").map { TextWidth.columns(String($0)) }.max() ?? 0
            #expect(widest <= width, "\(width) columns: a line of \(widest)")
        }
    }

    @Test func thaiMarksTakeNoColumn() {
        #expect(TextWidth.columns("ที่") == 1)
        #expect(TextWidth.columns("น้ำหนัก") == 5)
        #expect(TextWidth.columns("漢字") == 4)
        #expect(TextWidth.fit("ความดันโลหิตสูง", 6) == "ความดั…", "ั rides on ด")
        #expect(TextWidth.columns(TextWidth.pad("ผื่นลมพิษ", 10)) == 10)
    }

    @Test func longValuesAreCutWithAMarker() {
        let long = String(repeating: "ก", count: 5000)
        #expect(Sanitize.line(long).hasSuffix("…[cut]"))
        #expect(TextWidth.columns(Sanitize.line(long)) < 520)
    }

    /// Given the allergic, hypertensive sample person, when a filter leaves none of their
    /// allergy or chronic rows in the view, then the summary still names them, says it is
    /// filtered, and a filtered table says "none in this view", never "none".
    @Test(arguments: [DisplayLanguage.en, .th])
    func aFilterNeverTakesAllergiesOrChronicConditionsOffTheSummary(language: DisplayLanguage) {
        let whole = SampleRecord.record
        var view = HealthRecord(person: whole.person)
        view.vitals = Array(whole.vitals.prefix(1))
        let scope = RecordScope(since: CivilDateTime(year: 2026, month: 10, day: 1), unit: HospitalCode("10866"))
        let text = RecordText(DisplayOptions(language: language, width: 100), unitsFrom: whole)
        let summary = text.summary(whole, scope: scope, view: view, today: SampleRecord.today)
        for fact in ["PENICILLIN V", "I10", "E119", "AML_AMLODIPINE 5 mg.", "7.8 % (H)", "52 ml/min/1.73m2 (L*)"] {
            #expect(summary.contains(fact), "\(language): \(fact) lost")
        }
        #expect(summary.contains(language == .en ? "from the whole record" : "มาจากข้อมูลทั้งหมด"), "the filter is named")
        #expect(summary.contains(language == .en ? "since 01/10/2026" : "ตั้งแต่ 01/10/2569"))
        #expect(!summary.contains(language == .en ? "none recorded" : "ไม่มีบันทึก"))
        let allergies = text.section(.allergies, view, scope: scope, whole: whole.tally)
        #expect(allergies.contains(language == .en ? "none in this view (1 in the whole record)" : "ไม่มีในช่วงที่เลือก (ในข้อมูลทั้งหมดมี 1 รายการ)"))
        #expect(!allergies.contains(language == .en ? "none stored" : "ไม่มีข้อมูล"))
        let document = text.document(whole, tables: view, scope: scope, fullCID: false, today: SampleRecord.today)
        #expect(document.contains("PENICILLIN V") && document.contains(language == .en ? "Vital signs (1 of 3)" : "สัญญาณชีพ (1 จาก 3)"))
    }

    /// A clinic's consent that left allergies out reads "not shared", never "none recorded";
    /// what the service's patient summary says about allergies is still shown.
    @Test func aKindNotSharedReadsNotSharedNeverNone() {
        var r = SampleRecord.record
        r.allergies = []
        let scope = RecordScope(kinds: [.vitals, .meds], shared: [.vitals, .meds])
        let text = RecordText(DisplayOptions(language: .en, width: 100))
        let summary = text.summary(r, scope: scope, today: SampleRecord.today)
        #expect(summary.contains("Allergies     not shared under this consent"))
        #expect(!summary.contains("none recorded") && !summary.contains("Chronic       —"))
        #expect(summary.contains("Not shared under this consent: Conditions, Allergies, Vaccines, Coverage, Visits, Lab results."))
        #expect(summary.contains("Latest labs   not shared under this consent"))
        #expect(text.section(.allergies, r, scope: scope).contains("not shared under this consent"))
        r.person?.allergySummary = "PENICILLIN V, ASPIRIN"
        #expect(text.summary(r, scope: scope, today: SampleRecord.today).contains("not shared under this consent; in the patient summary: PENICILLIN V, ASPIRIN"))
        r.allergies = SampleRecord.record.allergies
        let whole = text.summary(r, today: SampleRecord.today)
        #expect(whole.contains("PENICILLIN V (ผื่นลมพิษ คัน), in the patient summary: ASPIRIN"), "a drug only the patient summary names is not lost")
    }

    /// One readable line per problem: four numbers sent as text are one line naming the
    /// measurements; a doubtful date is quoted as sent with what it probably was; no wire names.
    @Test(arguments: [DisplayLanguage.en, .th])
    func flagNotesAreOneReadableLinePerProblem(language: DisplayLanguage) {
        let parser = ThaiDateParser(now: SampleRecord.today)
        let taken = parser.parse("1479-08-02T09:15:00", field: "period_start")
        let asText = ["vital_sign_bp_systolic_mmhg", "vital_sign_bp_diastolic_mmhg", "vital_sign_body_weight_kg", "vital_sign_body_height_cm"]
            .map { QualityFlag(.numberAsText, field: $0, detail: "number sent as text") }
        let vital = Vital(takenAt: taken, systolic: 135, diastolic: 85, provenance: Provenance(action: "VitalSign", fetchedAt: Date()),
                          flags: taken.flags + asText)
        let text = RecordText(DisplayOptions(language: language, width: 100))
        let lines = text.note(vital).split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(lines)")
        #expect(!lines.joined().contains("vital_sign") && !lines.joined().contains("period_start"), "no wire field names")
        if language == .en {
            #expect(lines[0] == "⚠ the date was sent as \"1479-08-02T09:15:00\": the year looks converted between Buddhist Era and Common Era twice — probably 02/08/2022; listed by that date")
            #expect(lines[1] == "⚠ numbers sent as text, read correctly: systolic blood pressure, diastolic blood pressure, weight, height")
        } else {
            #expect(lines[0].contains("น่าจะเป็น 02/08/2565"))
            #expect(lines[1] == "⚠ ส่งตัวเลขมาเป็นตัวอักษร อ่านค่าได้ถูกต้อง: ความดันตัวบน, ความดันตัวล่าง, น้ำหนัก, ส่วนสูง")
        }
        let table = text.section(.vitals, HealthRecord(vitals: [vital]))
        #expect(table.components(separatedBy: language == .en ? "numbers sent as text" : "ส่งตัวเลขมาเป็นตัวอักษร").count == 2, "said once")
    }

    /// `phr show flags` lists each doubtful record with its unit, visit and Action, the
    /// problems and the next step; the count is the summary's.
    @Test func flagListNamesWhereEachDoubtfulRecordCameFromAndWhatToDo() {
        let r = SampleRecord.record
        let text = RecordText(DisplayOptions(language: .en, width: 100), unitsFrom: r)
        let list = text.flagList(r)
        #expect(list.hasPrefix("Records with doubtful data (3)"))
        #expect(text.summary(r, today: SampleRecord.today).contains("3 records have doubtful data, marked ⚠ (list them: phr show flags)"))
        #expect(list.contains("Lab results: Creatinine 106 umol/L") && list.contains("→ read the unit before comparing it with other results"))
        #expect(list.contains("visit 10699:650802 · from VitalSign"))
        #expect(list.contains("→ ask the health unit to correct the date at the source"))
        #expect(list.contains("→ nothing to do: the values were read correctly"))
        #expect(text.flaggedEntries(r).map(\.visit) == ["10699:680629", "10699:650802", "10866:671014"])
    }

    /// A kiosk's citizen has no shell: the summary still counts the doubtful records but
    /// points at no `phr` command.
    @Test func withoutCommandHintsTheSummaryNamesNoCommand() {
        var options = DisplayOptions(language: .th, width: 100)
        options.commandHints = false
        let summary = RecordText(options, unitsFrom: SampleRecord.record).summary(SampleRecord.record, today: SampleRecord.today)
        #expect(summary.contains("3 รายการมีข้อมูลน่าสงสัย มีเครื่องหมาย ⚠"))
        #expect(!summary.contains("phr "))
    }

    @Test func chartDrawsTheThresholdsAndSkipsFlaggedRows() {
        let text = RecordText(DisplayOptions(language: .en, width: 80))
        let chart = text.charts(SampleRecord.record.vitals)
        #expect(chart.contains("140 ┤"))
        #expect(chart.contains(" 90 ┤"))
        #expect(chart.contains("2 flagged"), "both flagged rows are left out and counted")
        #expect(!chart.contains("1479"), "the 1479 row is not on the time axis")
        #expect(chart.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille dots")
    }

    /// The labs table marks what is out of range and says who judged it: the lab's own mark
    /// (H), phr's adult interval when the lab sent none (L*, explained under the table); a
    /// result in another unit is not judged, and its note says why.
    @Test(arguments: [DisplayLanguage.en, .th])
    func labsTableMarksOutOfRangeAndSaysWhoJudged(language: DisplayLanguage) {
        let r = SampleRecord.record
        let text = RecordText(DisplayOptions(language: language, width: 120), unitsFrom: r)
        let section = text.section(.labs, r)
        let lines = section.split(separator: "\n").map(String.init)
        func row(_ test: String) -> String { lines.first { $0.contains(" \(test) ") } ?? "" }
        #expect(row("HbA1C").contains(" H ") && row("HbA1C").contains("7.8"))
        #expect(row("eGFR").contains(" L* "), "eGFR 52: below phr's 60, the lab sent no range")
        #expect(!row("LDL-C").contains(" H") && row("LDL-C").contains("0 - 130"), "within the lab's own range")
        #expect(row("CKD Stage").contains("ระดับที่ 3a (GFR 45 - 59)"))
        #expect(!row("Creatinine").contains(" H") && !row("Creatinine").contains(" L"), "another unit: not judged")
        #expect(section.contains(language == .en ? "in another unit than this test's other results" : "หน่วยต่างจากผลตรวจเดียวกันครั้งอื่น"))
        #expect(section.contains(language == .en ? "* outside the usual adult range (phr's table" : "* นอกช่วงปกติของผู้ใหญ่ (ตามตารางของ phr"))
        #expect(lines.allSatisfy { TextWidth.columns($0) <= 120 })
    }

    /// The summary's latest HbA1c, eGFR and LDL come from the whole record whatever a filter
    /// shows; a result in another unit is never given as "the latest" without a comparable one.
    @Test func theSummarysLatestLabsComeFromTheWholeRecord() {
        let whole = SampleRecord.record
        let scope = RecordScope(since: CivilDateTime(year: 2027, month: 1, day: 1), kinds: [.labs])
        let text = RecordText(DisplayOptions(language: .en, width: 120), unitsFrom: whole)
        let summary = text.summary(whole, scope: scope, view: HealthRecord(person: whole.person), today: SampleRecord.today)
        #expect(summary.contains("Latest labs   HbA1c 7.8 % (H) — 14/10/2026, โรงพยาบาลคลองหาด (10866)"))
        #expect(summary.contains("eGFR 52 ml/min/1.73m2 (L*) — 14/10/2026") && summary.contains("LDL cholesterol 96.4 mg/dL — 14/10/2026"))
        var newer = whole
        newer.labs.insert(LabResult(test: Code(system: CodeSystem.loinc, value: "59261-8"), name: "HbA1C",
                                    issuedAt: SourceDate(original: "2026-11-01", value: CivilDateTime(year: 2026, month: 11, day: 1)),
                                    value: 62, unit: "mmol/mol", provenance: whole.labs[0].provenance,
                                    flags: [QualityFlag(.unexpectedUnit, field: "observation_unit", detail: "mmol/mol")]), at: 0)
        #expect(text.summary(newer, today: SampleRecord.today).contains("HbA1c 62 mmol/mol ⚠ — 01/11/2026, โรงพยาบาลคลองหาด (10866); before that 7.8 % (H)"))
        // A child without labs: no line at all.
        #expect(!text.summary(HealthRecord(person: whole.person), today: SampleRecord.today).contains("Latest labs"))
    }

    /// Current medicines: refilled ones, then one started at the last follow-up, said apart.
    @Test func currentMedicinesSayWhatIsNewAtTheLastFollowUp() {
        let text = RecordText(DisplayOptions(language: .en, width: 120))
        let summary = text.summary(SampleRecord.record, today: SampleRecord.today)
        #expect(summary.contains("Current meds  AML_AMLODIPINE 5 mg.; new at the last follow-up: MET_METFORMIN 500 mg."))
    }

    @Test func labChartsDrawHbA1cEGFRAndLDLWithTheirLinesAndSayWhenThereIsNothing() {
        let day = { (m: Int) in SourceDate(original: "", value: CivilDateTime(year: 2025, month: m, day: 1)) }
        let labs = (1...6).map { m in
            LabResult(test: Code(system: CodeSystem.loinc, value: "4548-4"), name: "HbA1C", issuedAt: day(m), value: 6 + Double(m) / 2, unit: "%",
                      provenance: Provenance(action: "Observation&mode=Encounter", fetchedAt: Date()))
        } + [LabResult(test: Code(system: CodeSystem.loinc, value: "4548-4"), name: "HbA1C", issuedAt: day(7), value: 70, unit: "%",
                       provenance: Provenance(action: "Observation&mode=Encounter", fetchedAt: Date()),
                       flags: [QualityFlag(.implausibleValue, field: "value_quantity", detail: "70")])]
        let text = RecordText(DisplayOptions(language: .en, width: 80))
        let chart = text.labCharts(labs, tests: LabTest.keyTests)
        #expect(chart.hasPrefix("HbA1c\n") && chart.contains(" 7 ┤") && chart.contains("7 usual target in diabetes"))
        #expect(chart.contains("1 not drawn"), "the impossible 70 % is left out and counted")
        #expect(!chart.contains("eGFR") && !chart.contains("LDL"), "no results, no chart")
        #expect(chart.split(separator: "\n").allSatisfy { TextWidth.columns(String($0)) <= 80 })
        #expect(text.labCharts([], tests: LabTest.keyTests) == "No results of HbA1c, eGFR, LDL cholesterol to draw.\n")
    }
}
