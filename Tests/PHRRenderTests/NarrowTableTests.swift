import PHRFixtures
import PHRModel
import Testing
@testable import PHRRender

/// Tables at any width lose nothing: every row keeps its hcode, every clinical value and unit
/// of measure is shown whole, nothing is cut with "…"; a file names every unit in full.
@Suite struct NarrowTableTests {
    static let kinds: [RecordKind] = [.vitals, .labs, .meds, .encounters, .conditions, .allergies, .vaccines]
    static let record = SampleRecord.record

    func provenances(_ kind: RecordKind) -> [Provenance] {
        let r = Self.record
        switch kind {
        case .vitals: return r.vitals.map(\.provenance)
        case .labs: return r.labs.map(\.provenance)
        case .meds: return r.medications.map(\.provenance)
        case .encounters: return r.encounters.map(\.provenance)
        case .conditions: return r.conditions.map(\.provenance)
        case .allergies: return r.allergies.map(\.provenance)
        case .vaccines: return r.immunizations.map(\.provenance)
        case .coverage: return r.coverage.map(\.provenance)
        }
    }

    @Test(arguments: DisplayLanguage.allCases, [40, 60, 80, 120])
    func everyRowKeepsItsHcodeAndEveryValueWholeAtAnyWidth(language: DisplayLanguage, width: Int) {
        let text = RecordText(DisplayOptions(language: language, width: width), unitsFrom: Self.record)
        for kind in Self.kinds {
            let out = text.section(kind, Self.record)
            for line in out.split(separator: "\n") {
                #expect(TextWidth.columns(String(line)) <= width, "\(kind) at \(width): \(line)")
            }
            #expect(!out.contains("…"), "\(kind) at \(width) cut a cell")
            // One "(hcode)" per row of that unit: rows from two units never read the same.
            for code in Set(provenances(kind).compactMap(\.unit?.value)) {
                let rows = provenances(kind).filter { $0.unit?.value == code }.count
                #expect(out.components(separatedBy: "(\(code))").count - 1 == rows, "\(kind) at \(width): hcode \(code)")
            }
            let table = text.table(kind, Self.record)
            for row in table.rows {
                for (i, cell) in row.enumerated() where !table.columns[i].flexible && !cell.isEmpty {
                    #expect(out.contains(cell), "\(kind) at \(width): value \(cell) not shown whole")
                }
            }
        }
    }

    @Test(arguments: [40, 60, 80, 120])
    func theTextExportNamesEveryUnitInFullAtAnyWidth(width: Int) {
        var options = DisplayOptions(language: .th, width: width)
        options.medium = .file
        let out = RecordText(options, unitsFrom: Self.record).document(Self.record, fullCID: false, today: SampleRecord.today)
        #expect(!out.contains("…"))
        for kind in Self.kinds {
            for p in provenances(kind) {
                guard let code = p.unit?.value, let name = p.unitName ?? Self.record.provenances.first(where: { $0.unit?.value == code })?.unitName
                else { continue }
                #expect(out.contains("\(name) (\(code))"), "\(kind) at \(width): \(name) (\(code)) not whole")
            }
        }
    }

    @Test func aNarrowScreenWritesTheKindOfUnitShortAndKeepsThePlace() {
        #expect(UnitName.abbreviated("โรงพยาบาลคลองหาด (10866)") == "รพ.คลองหาด (10866)")
        #expect(UnitName.abbreviated("โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองแวง (03911)") == "รพ.สต.บ้านหนองแวง (03911)")
        #expect(UnitName.abbreviated("Khlong Hat Hospital (10866)") == "Khlong Hat Hosp. (10866)")
        let wide = RecordText(DisplayOptions(language: .th, width: 160), unitsFrom: Self.record).section(.vitals, Self.record)
        #expect(wide.contains("โรงพยาบาล"), "a screen wide enough shows names in full")
    }

    @Test func aCellTooLongForItsColumnWrapsAndIsNeverCut() {
        let long = "Anaemia in other chronic diseases classified elsewhere"
        let table = Table(columns: [.init("Date"), .init("Diagnosis", flexible: true), .init("Unit", flexible: true, shorten: UnitName.abbreviated)],
                          rows: [["2026-01-02", long, "โรงพยาบาลคลองหาด (10866)"]])
        let out = table.render(width: 40)
        #expect(!out.contains("…"))
        for word in long.split(separator: " ") { #expect(out.contains(word)) }
        #expect(out.contains("(10866)"))
        #expect(out.split(separator: "\n").allSatisfy { TextWidth.columns(String($0)) <= 40 })
    }

    @Test func optionalColumnsThatDoNotFitMoveUnderTheirRow() {
        let table = Table(columns: [.init("Date"), .init("Pulse", alignRight: true), .init("BMI", alignRight: true, optional: true),
                                    .init("Unit", flexible: true)],
                          rows: [["2026-01-02 10:30", "72", "26.5", "Khlong Hat Hospital (10866)"]])
        let out = table.render(width: 40)
        #expect(out.contains("BMI 26.5"), "moved under the row as header and value")
    }
}
