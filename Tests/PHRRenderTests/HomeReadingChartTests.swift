import Foundation
import PHRModel
import Testing
@testable import PHRRender

/// Home readings (`phr measure`) in the BP chart and the summary: always labelled as the
/// citizen's own, never mixed silently with a clinic's.
@Suite struct HomeReadingChartTests {
    let clinic = Vital(takenAt: SourceDate(original: "2026-10-01T09:00:00", value: CivilDateTime(year: 2026, month: 10, day: 1, hour: 9, minute: 0)),
                       systolic: 150, diastolic: 95, weightKg: 70,
                       provenance: Provenance(unit: HospitalCode("10699"), unitName: "โรงพยาบาลบ้านแพ้ว", action: "VitalSign", fetchedAt: Date()))

    func home(_ day: Int, _ systolic: Double, _ diastolic: Double, id: String) -> [HomeObservation] {
        let at = CivilDateTime(year: 2026, month: 11, day: day, hour: 7, minute: 30)
        return [(SelfMeasure.systolic, systolic), (.diastolic, diastolic)].map { m, v in
            HomeObservation(observation: SelfObservation(refCode: id + m.rawValue, readingID: id, measure: m, value: v, takenAt: at, device: nil),
                            sentAt: nil, lastError: nil)
        }
    }

    func text(_ language: DisplayLanguage, home: [HomeObservation]) -> RecordText {
        var text = RecordText(DisplayOptions(language: language, width: 160))
        text.homeReadings = home
        return text
    }

    @Test func homeReadingsAreDrawnAsHAndTheLegendSaysSo() {
        let chart = text(.en, home: home(5, 135, 85, id: "r1") + home(20, 128, 82, id: "r2")).charts([clinic])
        let bp = chart.components(separatedBy: "Weight")[0]
        let plot = bp.split(separator: "\n").filter { $0.contains("┤") }.joined()
        #expect(plot.filter { $0 == "h" }.count == 4, "two readings, systolic and diastolic each")
        #expect(bp.contains("h = your home readings (2), dots = clinics'"))
        #expect(bp.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "the clinic's reading is still a dot")
        #expect(bp.contains("20/11/2026"), "the time axis reaches the newest home reading")
    }

    @Test func withoutHomeReadingsTheChartIsUnchanged() {
        #expect(text(.en, home: []).charts([clinic]) == RecordText(DisplayOptions(language: .en, width: 160)).charts([clinic]))
        #expect(!text(.en, home: []).charts([clinic]).contains("home"))
    }

    @Test func onlyHomeReadingsStillMakeALabelledChart() {
        let chart = text(.th, home: home(5, 135, 85, id: "r1")).charts([])
        #expect(chart.contains("h = วัดเองที่บ้าน (1 ครั้ง)"))
        #expect(chart.contains("140 ┤"))
    }

    @Test func theSummarysLatestBPSaysItIsAHomeReading() {
        let r = HealthRecord(vitals: [clinic])
        let line = text(.en, home: home(5, 135, 85, id: "r1")).summary(r, today: CivilDateTime(year: 2026, month: 12, day: 3))
            .split(separator: "\n").first { $0.hasPrefix("Latest BP") }
        #expect(line?.contains("135/85 mmHg — 05/11/2026 07:30, home reading (measured by you)") == true, "\(line ?? "none")")
    }

    @Test func aNewerClinicBPLeadsAndTheHomeOneFollowsNamed() {
        var newer = clinic
        newer.takenAt = SourceDate(original: "2026-11-30T10:00:00", value: CivilDateTime(year: 2026, month: 11, day: 30, hour: 10, minute: 0))
        let summary = text(.th, home: home(5, 135, 85, id: "r1")).summary(HealthRecord(vitals: [newer]), today: CivilDateTime(year: 2026, month: 12, day: 3))
        let line = summary.split(separator: "\n").first { $0.contains("ความดันล่าสุด") }.map(String.init) ?? ""
        #expect(line.contains("150/95"))
        #expect(line.contains("โรงพยาบาลบ้านแพ้ว"))
        #expect(line.contains("วัดเองที่บ้านล่าสุด 135/85"))
    }

    @Test func noHomeReadingsNoLatestBPLine() {
        let summary = text(.en, home: []).summary(HealthRecord(vitals: [clinic]), today: CivilDateTime(year: 2026, month: 12, day: 3))
        #expect(!summary.contains("Latest BP"))
    }
}
