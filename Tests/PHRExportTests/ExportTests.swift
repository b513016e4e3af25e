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
        #expect(counts["Patient"] == 1 && counts["Condition"] == 3 && counts["MedicationStatement"] == 3)
        #expect(counts["AllergyIntolerance"] == 1 && counts["Immunization"] == 1 && counts["Coverage"] == 1)
        #expect(counts["Organization"] == 3 && counts["Provenance"] == 3)
        // 142/91 + pulse + temp + weight + height + BMI; 128/82 + pulse + weight + height + BMI; 135/85; 5 lab results.
        #expect(counts["Observation"] == 17 && counts["labs"] == 5 && counts["labs_loinc"] == 4)
    }

    /// Every code in the system a receiving system validates, in that system's shape: WHO
    /// ICD-10 dotted (a dotless `E119` as `E11.9`), a longer Thai code under ICD-10-TM as sent, a
    /// pseudo-code as text only; SIL-TH TMT, 24-digit and THCC vaccine codes (also for a store
    /// synced with the earlier URIs); a drug name only as text; TH Core's typed CID and hcode;
    /// one Coverage per right whose payor is the insurer; labs with LOINC, UCUM and ranges.
    @Test func codesAndIdentifiersUseTheSystemsAReceivingSystemAccepts() throws {
        var r = record
        let visit = SampleRecord.record.conditions[2].provenance
        r.conditions += [Condition(code: Code(system: CodeSystem.icd10, value: "S0600", display: "Concussion without open wound"),
                                   recordedAt: r.conditions[2].recordedAt, isChronic: false, provenance: visit),
                         Condition(code: Code(system: "urn:phr:moph:condition-text", value: "hpi", display: "ปวดศีรษะ 2 วัน"),
                                   recordedAt: r.conditions[2].recordedAt, isChronic: false, provenance: visit)]
        r.medications[0].codes = [Code(system: "https://www.this.or.th/tmt/gp", value: "224906"),
                                  Code(system: "https://www.this.or.th/drugcode24", value: "101010100000000000224906"),
                                  Code(system: CodeSystem.localDrug, value: "AML_AMLODIPINE 5 mg.")]
        r.immunizations[0].vaccine.system = "https://refcode.moph.go.th/vaccine"
        let ucs = r.coverage[0]
        var again = ucs
        again.provenance.sourceRef = "10866:670814"
        var sss = ucs
        sss.right = Code(system: CodeSystem.coverageRight, value: "SSS", display: "สิทธิประกันสังคม")
        sss.payer = "สำนักงานประกันสังคม"
        sss.subgroup = nil
        r.coverage = [ucs, again, sss]
        let path = dir.appendingPathComponent("codes.json").path
        let data = FHIRBundle(r, now: now).data()
        try ExportFile.write(data, to: path, force: false)
        let oracle = try run(["python3", Self.oracle, path])
        #expect(oracle.status == 0, "\(oracle.err)")

        let bundle = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let resources = (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
        func of(_ type: String) -> [[String: Any]] { resources.filter { $0["resourceType"] as? String == type } }
        func codings(_ concept: Any?) -> [[String: String]] {
            ((concept as? [String: Any])?["coding"] as? [[String: Any]] ?? []).map { $0.compactMapValues { $0 as? String } }
        }
        let conditionCodes = of("Condition").flatMap { codings($0["code"]) }.map { [$0["system"]!, $0["code"]!] }
        #expect(conditionCodes.contains([CodeSystem.icd10, "E11.9"]) && !conditionCodes.contains { $0[1] == "E119" })
        #expect(conditionCodes.contains([CodeSystem.icd10, "I10"]))
        #expect(conditionCodes.contains(["https://terms.sil-th.org/core/CodeSystem/cs-th-icd10tm", "S0600"]))
        #expect(of("Condition").contains { codings($0["code"]).isEmpty && ($0["code"] as? [String: Any])?["text"] as? String == "ปวดศีรษะ 2 วัน" },
                "a pseudo-code is text, never a code")
        let drug = try #require(of("MedicationStatement").first { ($0["medicationCodeableConcept"] as? [String: Any])?["text"] as? String == "AML_AMLODIPINE 5 mg." })
        #expect(codings(drug["medicationCodeableConcept"]).map { $0["system"]! } == ["https://terms.sil-th.org/core/CodeSystem/cs-th-tmt",
                                                                                   "https://terms.sil-th.org/core/CodeSystem/cs-th-24drug"])
        #expect(!String(decoding: data, as: UTF8.self).contains("urn:phr:"), "no private system reaches a receiving system")
        #expect(codings(of("Immunization")[0]["vaccineCode"]).first?["system"] == "https://terms.sil-th.org/core/CodeSystem/cs-thcc-vaccine-code")
        let patientID = try #require((of("Patient")[0]["identifier"] as? [[String: Any]])?.first)
        #expect(patientID["system"] as? String == "https://terms.sil-th.org/id/th-cid" && codings(patientID["type"]).first?["code"] == "cid")
        let orgID = try #require((of("Organization")[0]["identifier"] as? [[String: Any]])?.first)
        #expect(orgID["system"] as? String == "https://terms.sil-th.org/id/th-moph-hcode" && codings(orgID["type"]).first?["code"] == "hcode")
        let coverages = of("Coverage")
        #expect(coverages.count == 2, "one Coverage per right, not one per visit")
        #expect(Set(coverages.compactMap { ($0["payor"] as? [[String: Any]])?.first?["display"] as? String }) == ["สปสช.", "สำนักงานประกันสังคม"],
                "the payor is the insurer, never the hospital")
        #expect(Set(coverages.flatMap { codings($0["type"]) }.map { $0["code"]! }) == ["UCS", "SSS"])
        let labs = of("Observation").filter { ((($0["category"] as? [[String: Any]])?.first?["coding"] as? [[String: Any]])?.first?["code"] as? String) == "laboratory" }
        #expect(labs.count == 5)
        let ldl = try #require(labs.first { codings($0["code"]).first?["code"] == "13457-7" })
        #expect((ldl["valueQuantity"] as? [String: Any])?["code"] as? String == "mg/dL")
        #expect(((ldl["referenceRange"] as? [[String: Any]])?.first?["high"] as? [String: Any])?["value"] as? Double == 130)
        let egfr = try #require(labs.first { codings($0["code"]).first?["code"] == "62238-1" })
        #expect(((egfr["interpretation"] as? [[String: Any]])?.first?["text"] as? String)?.contains("phr") == true, "phr's judgement says it is phr's")
        #expect(labs.contains { $0["valueString"] as? String == "ระดับที่ 3a (GFR 45 - 59)" && codings($0["code"]).isEmpty })
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
        #expect(object["schema"] as? String == "phr-export/3")
        let records = try #require(object["records"] as? [String: [[String: Any]]])
        #expect(records["vitals"]?.count == 3 && records["conditions"]?.count == 3 && records["labs"]?.count == 5)
        #expect(records["labs"]?.first?["out_of_range"] as? String == "H" && records["labs"]?.first?["unit_ucum"] as? String == "%")
        #expect(records["labs"]?.first?["value_unit"] as? String == "%" && records["labs"]?.first?["unit"] as? String == "10866",
                "a lab row keeps both its unit of measure and its health unit")
        #expect((records["vitals"]?[2]["flags"] as? String)?.hasPrefix("double-converted-year:period_start:") == true)
        #expect(records["vitals"]?[2]["date_text"] as? String == "1479-08-02T09:15:00")
        #expect(records["vitals"]?[2]["date"] is NSNull, "a doubtful date is never given as a date")
        #expect(records["vitals"]?[2]["sort_date"] as? String == "2022-08-02T09:15:00", "ordered by its plausible date")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/export.json")
        if ProcessInfo.processInfo.environment["PHR_UPDATE_GOLDEN"] != nil { try data.write(to: golden) }
        #expect(data == (try Data(contentsOf: golden)), "the phr-export/3 document changed: update docs/export-json.md and the golden file together")
    }

    @Test func everyKindNamesEachColumnOnce() {
        for kind in RecordKind.allCases {
            let columns = FlatRecord.columns(kind)
            #expect(Set(columns).count == columns.count, "\(kind): a repeated column name loses a value in the JSON export")
        }
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

    /// The PDF's BP chart draws home readings as squares and its legend and summary say so.
    @Test func pdfLabelsHomeReadingsInTheChartAndTheSummary() throws {
        let path = dir.appendingPathComponent("home.pdf").path
        var report = PDFReport(record, options: DisplayOptions(language: .en), now: now)
        let at = CivilDateTime.from(now)
        report.homeReadings = [(SelfMeasure.systolic, 132.0), (.diastolic, 84.0)].map { m, v in
            HomeObservation(observation: SelfObservation(refCode: "{r-\(m.rawValue)}", readingID: "r", measure: m, value: v, takenAt: at, device: nil),
                            sentAt: now, lastError: nil)
        }
        try ExportFile.write(to: path, force: false) { temp throws(ExportError) in
            guard report.write(to: .file(temp)) else { throw .cannotWrite(temp, reason: "cairo") }
        }
        // Lines wrap where the PDF's columns end: compare with the whitespace collapsed.
        let text = try run(["pdftotext", "-raw", path, "-"]).out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("squares: your home readings (1)"))
        // The sample's clinic BP is newer: the summary gives it with its unit, then the home one.
        #expect(text.contains("Latest BP 142/91 mmHg"))
        #expect(text.contains("latest home reading 132/84 mmHg"))
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
