import Foundation
import PHRModel
import PHRRender

/// An A4 PDF a doctor can read: header (name, CID masked unless asked, birth date, export date),
/// the one-page summary, a blood-pressure chart, then per kind a table of the newest rows,
/// page numbers, and a footer with provenance and a note on flagged data. Thai is shaped by
/// pango with a TLWG font (Garuda), so marks stack correctly and copy out as the same text.
///
/// A report is for reading, not for archiving every row: each kind shows its newest
/// `rowsPerKind` rows and says how many more there are (the FHIR, JSON and CSV exports carry
/// everything).
///
/// The summary block always describes the whole record; a filter (`scope`) narrows only the
/// tables, and the report says so under its title.
public struct PDFReport {
    /// The records drawn in tables (each kind's newest `rowsPerKind` are used) and, all of its
    /// vital signs, in the trend chart. Under a filter that narrows records: every record it keeps.
    public var record: HealthRecord
    /// What the summary block shows (the whole record, or what `StoreReader.summary` reads of
    /// it), and the whole record's totals per kind.
    public var summary: HealthRecord
    public var tally: RecordTally
    /// Which tables, under which filter, and what a consent shared.
    public var scope: RecordScope
    public var options: DisplayOptions
    public var fullCID: Bool
    public var now: Date
    public var rowsPerKind: Int
    /// The citizen's home readings (`phr measure`): squares in the BP chart, named in the
    /// summary's "Latest BP".
    public var homeReadings: [HomeObservation] = []

    /// A report of a whole record.
    public init(_ record: HealthRecord, scope: RecordScope = .whole, options: DisplayOptions, fullCID: Bool = false,
                now: Date, rowsPerKind: Int = 40) {
        self.init(summary: record, tally: record.tally, tables: record, scope: scope, options: options, fullCID: fullCID,
                  now: now, rowsPerKind: rowsPerKind)
    }

    /// A report from the parts a large record is read in: the summary's records and the totals
    /// (`StoreReader.summary`), and the rows of the tables plus all vital signs of the scope.
    public init(summary: HealthRecord, tally: RecordTally, tables: HealthRecord, scope: RecordScope, options: DisplayOptions,
                fullCID: Bool = false, now: Date, rowsPerKind: Int = 40) {
        self.summary = summary; self.tally = tally
        self.record = tables; self.scope = scope; self.options = options; self.fullCID = fullCID
        self.now = now; self.rowsPerKind = max(1, rowsPerKind)
    }

    static let font = "Loma"
    var text: RecordText {
        var o = options
        o.color = false
        o.width = 120
        o.medium = .file
        var text = RecordText(o, unitsFrom: record)
        text.homeReadings = homeReadings
        return text
    }
    func t(_ en: String, _ th: String) -> String { options.language.pick(en, th) }

    /// Writes the PDF (the caller makes a file atomic); false when cairo failed.
    public func write(to destination: PDFDestination) -> Bool {
        guard let measure = PDFCanvas(nil, title: "") else { return false }
        draw(on: measure, pages: 0)
        let pages = measure.page
        _ = measure.finish()
        let name = summary.person.map(text.name) ?? ""
        guard let canvas = PDFCanvas(destination, title: t("Health record", "บันทึกสุขภาพ") + (name.isEmpty ? "" : " — " + name)) else { return false }
        draw(on: canvas, pages: pages)
        return canvas.finish()
    }

    func draw(on c: PDFCanvas, pages: Int) {
        let left = PDFCanvas.margin, width = PDFCanvas.pageWidth - 2 * PDFCanvas.margin
        let dates = DateText(era: options.era)
        let exported = dates.text(CivilDateTime.from(now))
        let footer = { (c: PDFCanvas) in
            let units = Set(self.record.provenances.compactMap(\.unit?.value)).count
            let note = self.t("Source: MOPH personal health record (หมอพร้อม) via phr, \(units) health units; exported \(exported).",
                              "ที่มา: ระบบข้อมูลสุขภาพส่วนบุคคล กระทรวงสาธารณสุข (หมอพร้อม) ผ่าน phr จาก \(units) หน่วยบริการ ส่งออก \(exported)")
            + (self.tally.flagged > 0 ? self.t(" ⚠ marks data the source sent in a doubtful form (shown as sent).",
                                                     " ⚠ คือข้อมูลที่ต้นทางส่งมาผิดรูปแบบ (แสดงตามที่ได้รับ)") : "")
            let l = c.layout(note, font: "\(Self.font) 6.5", width: width - 60)
            c.draw(l, x: left, y: PDFCanvas.pageHeight - PDFCanvas.margin - 20, gray: 0.35)
            let n = c.layout(self.t("page \(c.page) of \(max(pages, c.page))", "หน้า \(c.page)/\(max(pages, c.page))"),
                             font: "\(Self.font) 7", width: 60, alignRight: true)
            c.draw(n, x: left + width - 60, y: PDFCanvas.pageHeight - PDFCanvas.margin - 20, gray: 0.35)
        }

        // Header
        let title = c.layout(t("Personal health record", "บันทึกสุขภาพส่วนบุคคล"), font: "\(Self.font) Bold 16", width: width)
        c.draw(title, x: left, y: c.y); c.y += title.height + 4
        if let scopeLine = text.scopeLine(scope) {
            let l = c.layout("⚠ " + scopeLine, font: "\(Self.font) Bold 9", width: width)
            c.draw(l, x: left, y: c.y); c.y += l.height + 6
        }
        for field in text.summaryFields(summary, tally: tally, scope: scope, view: record, fullCID: fullCID, today: CivilDateTime.from(now)) {
            let label = c.layout(field.label, font: "\(Self.font) Bold 9", width: 105)
            let value = c.layout(field.value, font: "\(Self.font) 9", width: width - 110)
            c.draw(label, x: left, y: c.y); c.draw(value, x: left + 110, y: c.y)
            c.y += max(label.height, value.height) + 1
        }
        c.y += 7
        c.line(x0: left, y0: c.y, x1: left + width, y1: c.y); c.y += 8

        if scope.kinds.contains(.vitals), scope.shared.contains(.vitals) { chart(on: c, left: left, width: width, footer: footer) }

        for kind in scope.kinds {
            let table = text.table(kind, record)
            var rows = table.rows
            let whole = tally.counts[kind] ?? 0
            let total = scope.narrowsRecords ? rows.count : max(rows.count, whole)
            let hidden = max(0, total - rowsPerKind)
            rows = Array(rows.prefix(rowsPerKind))
            let count = scope.narrowsRecords && total != whole ? t("\(total) of \(whole)", "\(total) จาก \(whole)") : "\(total)"
            let heading = c.layout("\(text.title(kind)) (\(count))", font: "\(Self.font) Bold 11", width: width)
            c.ensure(heading.height + 40, footer: footer)
            c.draw(heading, x: left, y: c.y); c.y += heading.height + 3
            if rows.isEmpty {
                let empty = !scope.shared.contains(kind) ? t("Not shared under this consent.", "ไม่ได้แชร์ในรหัสยินยอมนี้")
                    : scope.narrowsRecords ? t("None in this view (\(whole) in the whole record).", "ไม่มีในช่วงที่เลือก (ในข้อมูลทั้งหมดมี \(whole) รายการ)")
                    : t("None stored.", "ไม่มีข้อมูล")
                let none = c.layout(empty, font: "\(Self.font) 8.5", width: width)
                c.draw(none, x: left, y: c.y, gray: 0.4); c.y += none.height + 10
                continue
            }
            let fontSize = "\(Self.font) 7.5"
            // Data-quality notes go on a full-width line under their row; so does the unit when
            // the numbers and the unit's full name cannot share a line.
            var columns = table.columns
            let notes = Array(table.notes.prefix(rowsPerKind))
            var units: [String]?
            var widths: [Double]
            if let fitting = columnWidths(c, columns: columns, rows: rows, font: fontSize, width: width) {
                widths = fitting
            } else {
                let u = columns.firstIndex(where: \.wholeInFiles)!
                units = rows.map { $0[u].isEmpty ? "" : columns[u].header + ": " + $0[u] }
                columns.remove(at: u)
                rows = rows.map { var r = $0; r.remove(at: u); return r }
                widths = columnWidths(c, columns: columns, rows: rows, font: fontSize, width: width)!
            }
            func row(_ cells: [String], unit: String? = nil, note: String = "", bold: Bool, gray: Double) {
                var x = left
                var layouts: [PDFCanvas.Text] = []
                for (i, cell) in cells.enumerated() {
                    // A cell wraps inside its column, never cut: a file is read later, by a clinician too.
                    // The unit stays on one line: its column has its natural width.
                    let font = bold ? "\(Self.font) Bold 7.5" : fontSize
                    layouts.append(c.layout(cell, font: font, width: columns[i].wholeInFiles && !bold ? nil : widths[i] - 4,
                                            alignRight: columns[i].alignRight))
                }
                let under = [unit, note].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
                let noteLayout = under.isEmpty ? nil : c.layout(under, font: "\(Self.font) Italic 7", width: width - 12)
                let h = (layouts.map(\.height).max() ?? 10) + 2
                c.ensure(h + (noteLayout?.height ?? 0), footer: footer)
                for (i, l) in layouts.enumerated() { c.draw(l, x: x, y: c.y, gray: gray); x += widths[i] }
                c.y += h
                if let noteLayout { c.draw(noteLayout, x: left + 12, y: c.y - 1, gray: 0.45); c.y += noteLayout.height + 1 }
            }
            row(columns.map(\.header), bold: true, gray: 0)
            c.line(x0: left, y0: c.y, x1: left + width, y1: c.y, gray: 0.7)
            c.y += 1
            for (k, (r, note)) in zip(rows, notes).enumerated() { row(r, unit: units?[k], note: note, bold: false, gray: 0.1) }
            if hidden > 0 {
                let more = c.layout(options.commandHints
                                    ? t("… and \(hidden) older records (the FHIR, JSON and CSV exports carry all of them).",
                                        "… และอีก \(hidden) รายการที่เก่ากว่า (มีครบในไฟล์ FHIR, JSON และ CSV)")
                                    : t("… and \(hidden) older records, not shown here.", "… และอีก \(hidden) รายการที่เก่ากว่า ไม่ได้แสดงในที่นี้"),
                                    font: "\(Self.font) Italic 7.5", width: width)
                c.ensure(more.height, footer: footer)
                c.draw(more, x: left, y: c.y, gray: 0.4); c.y += more.height
            }
            c.y += 10
        }
        footer(c)
    }

    /// Natural (measured) widths; when they do not fit, flexible columns share what is left
    /// (the unit column keeps its width: a file names every unit whole), then the other text
    /// columns narrow around the numbers and the unit, which keep theirs (a number split over
    /// two lines reads as another number). Nil when the numbers and the unit take more than two
    /// thirds of the page: the unit then goes under its row.
    func columnWidths(_ c: PDFCanvas, columns: [Table.Column], rows: [[String]], font: String, width: Double) -> [Double]? {
        let gap = 6.0
        var natural = columns.indices.map { i in
            rows.reduce(c.layout(columns[i].header, font: "\(Self.font) Bold 7.5", width: nil).width) { max($0, c.layout($1[i], font: font, width: nil).width) } + gap
        }
        let flexible = columns.indices.filter { columns[$0].flexible && !columns[$0].wholeInFiles }
        let fixed = columns.indices.filter { !flexible.contains($0) }.map { natural[$0] }.reduce(0, +)
        let flexibleWidth = flexible.map { natural[$0] }.reduce(0, +)
        if fixed + flexibleWidth > width, flexibleWidth > 0 {
            let room = max(width - fixed, Double(flexible.count) * 40)
            for i in flexible { natural[i] = natural[i] / flexibleWidth * room }
        }
        let total = natural.reduce(0, +)
        guard total > width else { return natural }
        let keep = columns.indices.filter { columns[$0].wholeInFiles || columns[$0].alignRight }
        let kept = keep.map { natural[$0] }.reduce(0, +)
        guard kept <= width * 2 / 3 else {
            return columns.contains(where: \.wholeInFiles) ? nil : natural.map { $0 * width / total }
        }
        return columns.indices.map { keep.contains($0) ? natural[$0] : natural[$0] * (width - kept) / (total - kept) }
    }

    /// Systolic (red) and diastolic (blue) over time, 140/90 mmHg dashed, the 90–120 / 60–80
    /// normal band shaded; home readings as squares, not joined to the clinics' line.
    func chart(on c: PDFCanvas, left: Double, width: Double, footer: (PDFCanvas) -> Void) {
        let points = record.vitals.compactMap { v -> (Double, Double?, Double?)? in
            guard v.flags.isEmpty, let d = v.takenAt.trusted, v.systolic != nil || v.diastolic != nil else { return nil }
            return (Double(d.sortKey), v.systolic, v.diastolic)
        }.sorted { $0.0 < $1.0 }
        let home = text.homeBloodPressures.map { (Double($0.takenAt.sortKey), $0.systolic, $0.diastolic) }
        let xs = (points + home).map(\.0)
        guard xs.count >= 2, let x0 = xs.min(), let x1 = xs.max(), x1 > x0 else { return }
        let height = 120.0
        let heading = c.layout(t("Blood pressure trend (mmHg)", "แนวโน้มความดันโลหิต (มม.ปรอท)"), font: "\(Self.font) Bold 11", width: width)
        c.ensure(heading.height + height + 30, footer: footer)
        c.draw(heading, x: left, y: c.y); c.y += heading.height + 4
        let top = c.y, plotLeft = left + 28, plotWidth = width - 28
        let lo = 40.0, hi = 200.0
        func px(_ x: Double) -> Double { plotLeft + (x - x0) / (x1 - x0) * plotWidth }
        func py(_ v: Double) -> Double { top + (hi - min(hi, max(lo, v))) / (hi - lo) * height }
        c.rectangle(x: plotLeft, y: py(120), width: plotWidth, height: py(90) - py(120), r: 0.9, g: 0.96, b: 0.9)
        c.rectangle(x: plotLeft, y: py(80), width: plotWidth, height: py(60) - py(80), r: 0.9, g: 0.96, b: 0.9)
        for v in [lo, 80, 120, 160, hi] {
            let l = c.layout(RecordText.number(v), font: "\(Self.font) 6.5", width: 24, alignRight: true)
            c.draw(l, x: left, y: py(v) - l.height / 2, gray: 0.4)
        }
        for v in [140.0, 90] { c.line(x0: plotLeft, y0: py(v), x1: plotLeft + plotWidth, y1: py(v), gray: 0.5, width: 0.6, dash: 3) }
        c.line(x0: plotLeft, y0: top, x1: plotLeft, y1: top + height, gray: 0.3)
        c.line(x0: plotLeft, y0: top + height, x1: plotLeft + plotWidth, y1: top + height, gray: 0.3)
        c.polyline(points.compactMap { p in p.1.map { (px(p.0), py($0)) } }, r: 0.8, g: 0.1, b: 0.1, width: 0.8)
        c.polyline(points.compactMap { p in p.2.map { (px(p.0), py($0)) } }, r: 0.1, g: 0.25, b: 0.8, width: 0.8)
        for h in home {
            if let s = h.1 { c.rectangle(x: px(h.0) - 1.8, y: py(s) - 1.8, width: 3.6, height: 3.6, r: 0.8, g: 0.1, b: 0.1) }
            if let d = h.2 { c.rectangle(x: px(h.0) - 1.8, y: py(d) - 1.8, width: 3.6, height: 3.6, r: 0.1, g: 0.25, b: 0.8) }
        }
        c.y = top + height + 3
        let dates = DateText(era: options.era)
        let span = c.layout(dates.text(CivilDateTime(dayNumber: Int(x0) / 86_400), time: false) + "  —  "
                            + dates.text(CivilDateTime(dayNumber: Int(x1) / 86_400), time: false)
                            + t("   red: systolic, blue: diastolic, dashed: 140/90, green: normal range",
                                "   แดง: ตัวบน, น้ำเงิน: ตัวล่าง, เส้นประ: 140/90, สีเขียว: ช่วงปกติ")
                            + (home.isEmpty ? "" : t("; squares: your home readings (\(home.count)), lines: clinics'",
                                                     "; สี่เหลี่ยม: วัดเองที่บ้าน (\(home.count) ครั้ง) เส้น: จากหน่วยบริการ")),
                            font: "\(Self.font) 7", width: width)
        c.draw(span, x: plotLeft, y: c.y, gray: 0.3)
        c.y += span.height + 10
    }
}
