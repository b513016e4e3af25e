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
        return RecordText(options, unitsFrom: r).document(r, kinds: RecordKind.allCases, fullCID: false, today: SampleRecord.today)
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

    @Test func chartDrawsTheThresholdsAndSkipsFlaggedRows() {
        let text = RecordText(DisplayOptions(language: .en, width: 80))
        let chart = text.charts(SampleRecord.record.vitals)
        #expect(chart.contains("140 ┤"))
        #expect(chart.contains(" 90 ┤"))
        #expect(chart.contains("2 flagged"), "both flagged rows are left out and counted")
        #expect(!chart.contains("1479"), "the 1479 row is not on the time axis")
        #expect(chart.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille dots")
    }
}
