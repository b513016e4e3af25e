import Foundation
import PHRModel
import Testing

/// Home readings: what is accepted, what needs --force, what is never accepted, and how a
/// reading becomes observations with SPEC's identifiers.
struct SelfReadingTests {
    @Test func aBloodPressureOf300Over20IsRefusedUnlessForced() throws {
        let reading = try SelfReading(kind: .bp, text: "300/20")
        #expect(throws: SelfReading.Problem.implausible(.systolic, 300)) { try reading.check(force: false) }
        try reading.check(force: true)
    }

    @Test func impossibleValuesAreRefusedEvenWhenForced() throws {
        #expect(throws: SelfReading.Problem.impossible(.spo2, 104)) { try SelfReading(kind: .spo2, text: "104").check(force: true) }
        #expect(throws: SelfReading.Problem.impossible(.diastolic, 120)) { try SelfReading(kind: .bp, text: "110/120").check(force: true) }
        #expect(throws: SelfReading.Problem.impossible(.temperature, 98.6)) { try SelfReading(kind: .temp, text: "98.6").check(force: true) }
    }

    @Test func ordinaryReadingsPass() throws {
        try SelfReading(kind: .bp, text: "135/85", pulse: 72).check(force: false)
        try SelfReading(kind: .glucose, text: "126", fasting: true).check(force: false)
        try SelfReading(kind: .weight, text: "68.5").check(force: false)
        try SelfReading(kind: .temp, text: "37.2").check(force: false)
        try SelfReading(kind: .spo2, text: "97").check(force: false)
    }

    @Test func unreadableTextIsNamed() {
        for (kind, text) in [(SelfReading.Kind.bp, "135-85"), (.bp, "135/"), (.weight, "68,5kg"), (.glucose, "nan"), (.spo2, "")] {
            #expect(throws: SelfReading.Problem.unreadable(kind: kind, text: text)) { try SelfReading(kind: kind, text: text) }
        }
    }

    @Test func aBPReadingIsThreeObservationsSharingOneReadingIDEachWithItsOwnBracedGUID() throws {
        let at = CivilDateTime(year: 2025, month: 1, day: 2, hour: 7, minute: 5, second: 0)
        let obs = try SelfReading(kind: .bp, text: "135/85", pulse: 72).observations(takenAt: at, device: "Omron")
        #expect(obs.map(\.measure) == [.systolic, .diastolic, .pulse])
        #expect(obs.map(\.valueText) == ["135", "85", "72"])
        #expect(Set(obs.map(\.readingID)).count == 1)
        #expect(Set(obs.map(\.refCode)).count == 3)
        for o in obs {
            #expect(o.refCode.range(of: #"^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$"#, options: .regularExpression) != nil)
        }
    }

    @Test func codesAreLOINCAndUnitsAreUCUM() {
        #expect(SelfMeasure.systolic.loinc.code == "8480-6" && SelfMeasure.systolic.unit == "mm[Hg]")
        #expect(SelfMeasure.diastolic.loinc.code == "8462-4")
        #expect(SelfMeasure.pulse.loinc.code == "8867-4" && SelfMeasure.pulse.unit == "/min")
        #expect(SelfMeasure.glucose.unit == "mg/dL" && SelfMeasure.fastingGlucose.loinc.code == "41604-0")
        #expect(SelfMeasure.weight.loinc.code == "29463-7" && SelfMeasure.weight.unit == "kg")
        #expect(SelfMeasure.temperature.loinc.code == "8310-5" && SelfMeasure.temperature.unit == "Cel")
        #expect(SelfMeasure.spo2.loinc.code == "59408-5" && SelfMeasure.spo2.unit == "%")
    }

    static let now = CivilDateTime(year: 2025, month: 6, day: 1, hour: 12, minute: 0, second: 0)

    @Test func aDevicesCSVIsReadWithItsColumnsInAnyOrder() throws {
        let csv = "Kind,Time,Value,Pulse,Fasting,Device\r\nbp,2025-05-01 07:30,135/85,72,,\"Omron, HEM-7120\"\r\nglucose,2025-05-01T06:45:00,126,,yes,\r\n\r\n"
        guard case .rows(let rows) = SelfReadingCSV.parse(csv, force: false, now: Self.now) else { Issue.record("refused"); return }
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows[0].reading.values.map { $0.0 } == [.systolic, .diastolic, .pulse] && rows[0].device == "Omron, HEM-7120")
        #expect(rows[1].reading.values.map { $0.0 } == [.fastingGlucose] && rows[1].takenAt == CivilDateTime(year: 2025, month: 5, day: 1, hour: 6, minute: 45, second: 0))
    }

    @Test func everyBadRowIsNamedByItsLine() {
        let csv = """
            time,kind,value
            2025-05-01 07:30,bp,135/85
            2025-05-01 07:31,bp,300/20
            2025-02-30 07:30,weight,68
            2025-05-01 07:30,height,170
            2025-07-01 07:30,temp,37
            2025-05-01 07:30,spo2,104
            """
        guard case .problems(let problems) = SelfReadingCSV.parse(csv, force: false, now: Self.now) else { Issue.record("a bad file was accepted"); return }
        #expect(problems.map(\.line) == [3, 4, 5, 6, 7])
        #expect(problems[0].message.contains("--force") && problems[4].message.contains("cannot be a real reading"))
        guard case .problems(let forced) = SelfReadingCSV.parse(csv, force: true, now: Self.now) else { Issue.record("--force let an impossible row in"); return }
        #expect(forced.map(\.line) == [4, 5, 6, 7])
    }

    @Test func aHeaderWithoutTheRequiredColumnsIsRefused() {
        guard case .problems(let problems) = SelfReadingCSV.parse("date,value\n2025-05-01 07:30,120\n", force: false, now: Self.now) else {
            Issue.record("accepted"); return
        }
        #expect(problems.map(\.line) == [1] && problems[0].message == "the header lacks time, kind (columns: time,kind,value[,pulse,fasting,device])")
    }

    @Test func aTimeIsADayAndATimeOfDay() {
        #expect(SelfReading.time("07:30", today: Self.now) == CivilDateTime(year: 2025, month: 6, day: 1, hour: 7, minute: 30, second: 0))
        #expect(SelfReading.time("2024-02-29 23:59:59", today: Self.now) != nil)
        for bad in ["2025-02-29 07:00", "2025-05-01", "24:00", "2025-05-01 07:60", "07:30:61", "2025-5-1 7", "yesterday"] {
            #expect(SelfReading.time(bad, today: Self.now) == nil, "\(bad)")
        }
    }
}
