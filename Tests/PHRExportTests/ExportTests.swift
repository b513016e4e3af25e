import Foundation
import PHRFixtures
import PHRModel
import PHRRender
import Testing
@testable import PHRExport

@Suite final class ExportTests {
    let record = SampleRecord.record
    let now = Date(timeIntervalSince1970: 1_764_100_000)
    let dir: URL = FileManager.default.temporaryDirectory.appendingPathComponent("phr-export-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Runs a tool; returns its status and stdout.
    func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Oracle/fhir_validate.py").path

    @Test func fhirBundleIsValidIPSForAnIndependentValidator() throws {
        let path = dir.appendingPathComponent("bundle.json").path
        try ExportFile.write(FHIRBundle(record, now: now).data(), to: path, force: false)
        let result = try run(["python3", Self.oracle, path])
        #expect(result.status == 0, "\(result.err)")
        let counts = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Int] ?? [:]
        #expect(counts["Patient"] == 1 && counts["Condition"] == 3 && counts["MedicationStatement"] == 2)
        #expect(counts["AllergyIntolerance"] == 1 && counts["Immunization"] == 1 && counts["Coverage"] == 1)
        #expect(counts["Organization"] == 3 && counts["Provenance"] == 3)
        // 142/91 + pulse + temp + weight + height + BMI; 128/82 + pulse + weight + height + BMI; 135/85.
        #expect(counts["Observation"] == 12)
    }

    @Test func fhirKeepsFlaggedDatesOutOfDateTimesAndSaysWhy() throws {
        let json = String(decoding: FHIRBundle(record, now: now).data(), as: UTF8.self)
        #expect(!json.contains("DateTime\":\"1479"), "a doubtful date is not asserted as a FHIR dateTime")
        #expect(json.contains(#"was sent as \"1479-08-02T09:15:00\": the year looks converted between Buddhist Era and Common Era twice"#),
                "the note quotes the date as sent and says why, in the words the views use")
        #expect(FHIRBundle(record, now: now).data() == FHIRBundle(record, now: now).data(), "same record, same bundle")
    }

    @Test func flatJSONMatchesItsGoldenFile() throws {
        let data = FlatJSON.document(record, now: now)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? String == "phr-export/2")
        let records = try #require(object["records"] as? [String: [[String: Any]]])
        #expect(records["vitals"]?.count == 3 && records["conditions"]?.count == 3)
        #expect((records["vitals"]?[2]["flags"] as? String)?.hasPrefix("double-converted-year:period_start:") == true)
        #expect(records["vitals"]?[2]["date_text"] as? String == "1479-08-02T09:15:00")
        #expect(records["vitals"]?[2]["date"] is NSNull, "a doubtful date is never given as a date")
        #expect(records["vitals"]?[2]["sort_date"] as? String == "2022-08-02T09:15:00", "ordered by its plausible date")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/export.json")
        if ProcessInfo.processInfo.environment["PHR_UPDATE_GOLDEN"] != nil { try data.write(to: golden) }
        #expect(data == (try Data(contentsOf: golden)), "the phr-export/2 document changed: update docs/export-json.md and the golden file together")
    }

    @Test func csvQuotesDefusesFormulasAndCanCarryABOM() {
        var r = record
        r.allergies[0].substance = "=HYPERLINK(\"http://x\",\"click\")"
        r.allergies[0].reaction = "ผื่น, คัน\nบวม"
        let csv = CSVExport.csv(.allergies, r, bom: true)
        #expect(csv.hasPrefix("\u{FEFF}kind,key,date,date_text,substance,"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""), "formula prefixed and quotes doubled")
        #expect(csv.contains("\"ผื่น, คัน\nบวม\""))
        // "\r\n" is one Character in Swift (equal to neither "\r" nor "\n"); SPEC's Thai
        // directions carry it, and an unquoted one would split the row in two.
        r.allergies[0].reaction = "ผื่น\r\nบวม"
        #expect(CSVExport.csv(.allergies, r).contains("\"ผื่น\r\nบวม\""))
        let lines = CSVExport.csv(.vitals, record).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + record.vitals.count)
        #expect(lines[0].split(separator: ",").count == FlatRecord.columns(.vitals).count)
    }

    @Test func pdfHasCorrectThaiTextAndEveryPageRenders() throws {
        let path = dir.appendingPathComponent("report.pdf").path
        let report = PDFReport(record, options: DisplayOptions(language: .th), now: now)
        try ExportFile.write(to: path, force: false) { temp throws(ExportError) in
            guard report.write(to: .file(temp)) else { throw .cannotWrite(temp, reason: "cairo") }
        }
        // -raw: the text in content order (-layout adds spaces inside Thai words by guessing
        // columns from glyph gaps; the text itself is intact).
        let text = try run(["pdftotext", "-raw", path, "-"])
        #expect(text.status == 0)
        for expected in ["บันทึกสุขภาพส่วนบุคคล", "นางกาญจนา ใจดี", "ความดันโลหิตสูง", "เบาหวานชนิดที่ 2", "PENICILLIN V",
                         "ผื่นลมพิษ คัน", "1-1037-XXXXX-XX-1", "14/10/2569", "น้ำหนัก", "โรงพยาบาลคลองหาด (10866)",
                         "ระบบข้อมูลสุขภาพส่วนบุคคล"] {
            #expect(text.out.contains(expected), "pdftotext lost \(expected)")
        }
        #expect(!text.out.contains("1037-02071"), "CID masked by default")
        #expect(!text.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "hostile text sanitized")
        let pages = try run(["pdftoppm", "-r", "40", "-png", path, dir.appendingPathComponent("page").path])
        #expect(pages.status == 0, "\(pages.err)")
        let pngs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }
        #expect(!pngs.isEmpty)
        let info = try run(["pdfinfo", path])
        #expect(info.out.contains("Pages:"))
        #expect(text.out.contains("หน้า 1/\(pngs.count)"), "page numbers know the total")
    }

    @Test func exportFilesAreAtomicPrivateAndNotOverwritten() throws {
        let path = dir.appendingPathComponent("x.json").path
        try ExportFile.write(Data("one".utf8), to: path, force: false)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: ExportError.exists(path)) { try ExportFile.write(Data("two".utf8), to: path, force: false) }
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == "one")
        try ExportFile.write(Data("two".utf8), to: path, force: true)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == "two")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary files left: \(leftovers)")
        #expect(throws: ExportError.self) { try ExportFile.write(Data(), to: "/nonexistent-dir/x.json", force: false) }
    }
}
