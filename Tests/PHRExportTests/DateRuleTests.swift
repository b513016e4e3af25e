import Foundation
import PHRModel
import PHRRender
import PHRWire
import Testing
@testable import PHRExport

/// The one date rule, end to end inside the process: every date shape the wire can send goes
/// through the real mapping (WireMapper) into every kind, and then through every view and
/// export — the Thai and English summary and tables, the text export, the PDF (read back by
/// pdftotext), CSV, flat JSON and FHIR. A trusted date is shown as the date it is; a doubtful
/// one is shown as sent, marked, never converted or doubled, and never given as a date.
@Suite struct DateRuleTests {
    static let now = CivilDateTime(year: 2026, month: 11, day: 24, hour: 12, minute: 0, second: 0)
    static let mapper = WireMapper(fetchedAt: now.date, dates: ThaiDateParser(now: now))

    /// A date as the wire may send it, and the CE date it is when it can be trusted.
    struct Shape: CustomStringConvertible {
        var text: String
        var trusted: CivilDateTime?
        var description: String { text.isEmpty ? "(empty)" : text }
    }

    static let shapes: [Shape] = [
        Shape(text: "2017-11-14", trusted: CivilDateTime(year: 2017, month: 11, day: 14)),
        Shape(text: "2017-11-14T08:15:17", trusted: CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 17)),
        Shape(text: "2024-12-19T10:09:36.388Z", trusted: CivilDateTime(year: 2024, month: 12, day: 19, hour: 17, minute: 9, second: 36)),
        Shape(text: "2024-12-31T20:00:00+00:00", trusted: CivilDateTime(year: 2025, month: 1, day: 1, hour: 3, minute: 0, second: 0)),
        Shape(text: "2019-03-08 14:05", trusted: CivilDateTime(year: 2019, month: 3, day: 8, hour: 14, minute: 5, second: 0)),
        Shape(text: "20180131", trusted: CivilDateTime(year: 2018, month: 1, day: 31)),
        Shape(text: "16/07/2021 11:45:56", trusted: CivilDateTime(year: 2021, month: 7, day: 16, hour: 11, minute: 45, second: 56)),
        Shape(text: "23/07/2560", trusted: CivilDateTime(year: 2017, month: 7, day: 23)),
        Shape(text: "14 พฤศจิกายน 2560 08:15", trusted: CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 0)),
        Shape(text: "1 ม.ค. 2567", trusted: CivilDateTime(year: 2024, month: 1, day: 1)),
        // Doubtful: as sent, never a date.
        Shape(text: "1479-08-02T09:15:00"),      // 543 taken off twice (2022)
        Shape(text: "2561-02-10"),               // a BE year in a CE field (2018)
        Shape(text: "10/02/3104"),               // a BE year converted to BE again (2018)
        Shape(text: "2 สิงหาคม 2022"),           // a CE year in Thai (BE) text
        Shape(text: "2099-01-01"),               // the future
        Shape(text: "1970-01-01"),               // the placeholder for unknown
        Shape(text: "2023-02-29"),               // not a day
        Shape(text: "yesterday"),                // not a date
        Shape(text: ""),                         // nothing
    ]

    /// One record of every kind, each dated with shape number `i` (codes and visits keep the
    /// records of different shapes apart).
    static func record(_ shapes: [Shape]) -> HealthRecord {
        var r = HealthRecord()
        var encounterRows: [WireRow] = []
        var vitalRows: [WireRow] = []
        for (i, shape) in shapes.enumerated() {
            let ref = "10699:\(6_000 + i)"
            let common: [String: Any] = ["cid": "1101700230708", "organization_code": "10699", "organization_name": "โรงพยาบาลสมเด็จพระยุพราชสระแก้ว",
                                         "encounter_ref_code": ref]
            func row(_ extra: [String: Any]) -> WireRow { WireRow(common.merging(extra) { $1 }) }
            let visit = row(["period_start": shape.text, "period_end": "", "class_code": "AMB", "encounter_cc_text": "visit \(i)"])
            encounterRows.append(visit)
            vitalRows.append(WireRow(["period_start": shape.text, "vital_sign_bp_systolic_mmhg": 120 + i, "vital_sign_bp_diastolic_mmhg": 80]))
            if let c = mapper.chronicCondition(row(["ncd_code": String(format: "Z%02d", i), "ncd_name": "chronic \(i)", "first_diagnosis_date": shape.text])) {
                r.conditions.append(c)
            }
            if let c = mapper.condition(row(["code_text": String(format: "Y%02d", i), "code_display_text": "diagnosis \(i)", "recorded_datetime": shape.text]), encounter: ref) {
                r.conditions.append(c)
            }
            if let m = mapper.medication(row(["code_text": "DRUG \(i)", "statement_effective_datetime": shape.text, "finance_qty": 10]), encounter: ref) {
                r.medications.append(m)
            }
            if let a = mapper.allergy(row(["drug_name": "ALLERGEN \(i)", "recorded_date": shape.text])) { r.allergies.append(a) }
            if let v = mapper.immunization(row(["vaccine_code": String(format: "V%02d", i), "vaccine_name": "vaccine \(i)", "immunization_date": shape.text])) {
                r.immunizations.append(v)
            }
            if let c = mapper.coverage(row(["class_group_value": "UCS", "class_subgroup_value": "\(i)", "period_start": shape.text])) { r.coverage.append(c) }
            if let e = mapper.encounter(visit) { r.encounters.append(e) }
            if let l = mapper.labResult(row(["loinc_code": "4548-4", "display_text": "HbA1C", "value_quantity": 6 + Double(i) / 10,
                                             "observation_unit": "%", "issued": shape.text]), encounter: ref) { r.labs.append(l) }
        }
        r.vitals = mapper.vitals(vitalRows, encounters: encounterRows)
        r.person = try? mapper.person(summary: WireRow(["patient": ["cid": "1101700230708", "birth_date": "1971-03-09"],
                                                         "patient_names_th": [["first_name": "กาญจนา", "last_name": "ใจดี", "prefix": "นาง"]]]))
        return r
    }

    /// The `dd/mm/yyyy` dates in `text` whose year a reader cannot trust in `era` (before 1880
    /// or after next year), leaving out those shown as sent (after `⚠ ` or in quotes): empty
    /// when no doubtful year was printed as a date, converted or doubled.
    static func implausibleDates(_ text: String, era: Era) -> [String] {
        let range = era == .buddhist ? (1880 + 543)...(now.year + 1 + 543) : 1880...(now.year + 1)
        let pattern = try! NSRegularExpression(pattern: #"(?<!⚠ )(?<!")\b\d{2}/\d{2}/(\d{4})\b"#)
        let ns = text as NSString
        return pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let year = Int(ns.substring(with: m.range(at: 1)))!
            return range.contains(year) ? nil : ns.substring(with: m.range)
        }
    }

    @Test(arguments: [DisplayLanguage.th, .en])
    func everyViewShowsATrustedDateAsItsDateAndADoubtfulOneAsSent(language: DisplayLanguage) throws {
        let r = Self.record(Self.shapes)
        let options = DisplayOptions(language: language, width: 140)
        let text = RecordText(options, unitsFrom: r).document(r, fullCID: false, today: Self.now)
        #expect(Self.implausibleDates(text, era: options.era).isEmpty, "impossible dates printed as dates: \(Self.implausibleDates(text, era: options.era))")
        let dates = DateText(era: options.era)
        for shape in Self.shapes {
            if let trusted = shape.trusted {
                #expect(text.contains(dates.text(trusted, time: false)), "\(shape): \(dates.text(trusted, time: false)) missing")
            } else if !shape.text.isEmpty {
                #expect(text.contains("⚠ " + shape.text), "\(shape): not shown as sent with ⚠")
            }
        }
        // The summary's chronic line takes the date through the same rule.
        let summary = RecordText(options).summary(r, today: Self.now)
        #expect(summary.contains("Z11 chronic 11") && summary.contains("⚠ 2561-02-10"), "the summary shows the BE-in-CE year as sent")
        #expect(!summary.contains("10/02/3104") || summary.contains("⚠ 10/02/3104"), "a doubled year only ever as sent")
    }

    @Test func thePDFFollowsTheSameRule() throws {
        let r = Self.record(Self.shapes)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phr-daterule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        for language in [DisplayLanguage.th, .en] {
            let path = dir.appendingPathComponent("\(language).pdf").path
            let report = PDFReport(r, options: DisplayOptions(language: language), now: Self.now.date, rowsPerKind: 100)
            #expect(report.write(to: .file(path)))
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["pdftotext", "-raw", path, "-"]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            let era: Era = language == .th ? .buddhist : .gregorian
            #expect(Self.implausibleDates(text, era: era).isEmpty, "\(language): \(Self.implausibleDates(text, era: era))")
            #expect(text.contains("⚠ 2561-02-10"), "\(language): the BE-in-CE year as sent")
            for shape in Self.shapes where shape.trusted != nil {
                #expect(text.contains(DateText(era: era).text(shape.trusted!, time: false)), "\(language) \(shape)")
            }
        }
    }

    @Test func csvAndJSONGiveADateOnlyWhenItCanBeTrusted() throws {
        let r = Self.record(Self.shapes)
        let doc = try #require(try JSONSerialization.jsonObject(with: FlatJSON.document(r, now: Self.now.date)) as? [String: Any])
        let records = try #require(doc["records"] as? [String: [[String: Any]]])
        for kind in RecordKind.allCases {
            let rows = try #require(records[kind.rawValue])
            #expect(!rows.isEmpty, "\(kind)")
            for row in rows {
                let sent = row["date_text"] as? String ?? "?"
                guard let shape = Self.shapes.first(where: { $0.text == sent }) else { Issue.record("\(kind): date_text \(sent) is not as sent"); continue }
                #expect((row["date"] as? String) == shape.trusted?.iso, "\(kind) \(shape): date")
                #expect((row["date_doubt"] as? String)?.isEmpty == (shape.trusted != nil || shape.text.isEmpty), "\(kind) \(shape): date_doubt")
                if shape.trusted != nil { #expect(row["sort_date"] as? String == shape.trusted?.iso) }
            }
        }
        // CSV has the same columns, the same cells.
        let csv = CSVExport.csv(.conditions, r)
        let lines = csv.components(separatedBy: "\r\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let (dateColumn, textColumn) = (header.firstIndex(of: "date")!, header.firstIndex(of: "date_text")!)
        for line in lines.dropFirst() where line.contains("2561-02-10") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells[dateColumn].isEmpty && cells[textColumn] == "2561-02-10", "CSV: \(line)")
        }
    }

    @Test func fhirGivesDateTimesOnlyForTrustedDatesAndQuotesTheRest() throws {
        let r = Self.record(Self.shapes)
        let bundle = try #require(try JSONSerialization.jsonObject(with: FHIRBundle(r, now: Self.now.date).data()) as? [String: Any])
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        let dateKeys = ["recordedDate", "effectiveDateTime", "occurrenceDateTime", "birthDate", "issued"]
        var notes = ""
        for entry in entries {
            let resource = entry["resource"] as! [String: Any]
            for key in dateKeys {
                guard let value = resource[key] as? String else { continue }
                let year = Int(value.prefix(4))!
                #expect((1880...(Self.now.year + 1)).contains(year), "\(resource["resourceType"]!).\(key) = \(value)")
            }
            for note in resource["note"] as? [[String: Any]] ?? [] { notes += (note["text"] as? String ?? "") + "\n" }
        }
        for shape in Self.shapes where shape.trusted == nil && !shape.text.isEmpty {
            #expect(notes.contains("\"\(shape.text)\""), "\(shape): not quoted as sent in a note")
        }
        #expect(notes.contains("probably 2018-02-10"), "the BE-in-CE year's plausible date is given as a guess, in words")
    }
}
