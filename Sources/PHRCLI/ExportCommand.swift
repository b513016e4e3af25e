import ArgumentParser
import Foundation
import PHRExport
import PHRModel
import PHRRender
import PHRStore

/// `phr export`: the record as a file for a doctor, a spreadsheet or another system.
struct ExportCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export your record (FHIR R4 IPS bundle, flat JSON, CSV, plain text, PDF report) or your appointments (iCalendar).",
        discussion: """
            The file is NOT encrypted: keep it safe and delete it when you no longer need it. \
            Files are written atomically with mode 0600 and never overwrite an existing file \
            without --force. csv writes one file per kind into the directory given by -o \
            (or one kind to stdout with -o -).

            --kind, --since and --unit narrow the tables and rows only: the summary of the text \
            and PDF exports, the FHIR bundle's problem, medication and allergy sections and the \
            JSON "safety" block always carry every allergy, chronic condition and current \
            medicine of the whole record, and a filtered export says so.

            ics is not read from the store: it is your upcoming appointments, read from the \
            service after phr login (like phr show appointments), as an RFC 5545 calendar in \
            Thailand time with a reminder the day before (to stdout without -o). An \
            appointment whose date looks wrong at the source is left out, and said so.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case fhir, json, csv, text, pdf, ics
    }

    @Option(help: "fhir, json, csv, text, pdf, or ics (your upcoming appointments, read from the service).")
    var format: Format

    @Option(name: .customLong("kind"), help: ArgumentHelp("Only these kinds (comma-separated; default all).", valueName: "kinds"), completion: Completions.kinds)
    var kindList: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Output file (a directory for csv); - for stdout (needed except for ics).", valueName: "file"), completion: .file())
    var outputOption: String?

    var output: String { outputOption ?? "-" }

    @Flag(help: "Replace an existing file.")
    var force = false

    @Flag(help: "csv: start each file with a UTF-8 byte-order mark (for spreadsheet programs).")
    var bom = false

    @Flag(help: "pdf/text: show the whole citizen ID (masked by default).")
    var fullCid = false

    @Option(help: "pdf: newest rows per kind in the report (the other formats include all).")
    var rows = 40

    @OptionGroup var filter: ViewOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var server: ServerOptions

    func validate() throws {
        if outputOption == nil, format != .ics { throw ValidationError(Message.outputNeeded.text(Locale.language)) }
        if format == .ics, kindList != nil || filter.since != nil || filter.unit != nil { throw ValidationError(Message.icsNoFilters.text(Locale.language)) }
        if let kindList, KindNames.parse(kindList) == nil {
            throw ValidationError(Message.kindList.text(Locale.language, ["kinds": KindNames.list]))
        }
        if format == .csv, output == "-", (kindList.flatMap(KindNames.parse)?.count ?? 0) != 1 {
            throw ValidationError(Message.csvStdoutOneKind.text(Locale.language))
        }
        if rows < 1 { throw ValidationError(Message.rowsTooSmall.text(Locale.language)) }
        if format == .pdf, output == "-", Terminal.stdoutIsTTY {
            throw ValidationError(Message.pdfNotForTerminal.text(Locale.language))
        }
    }

    func execute() async throws {
        let opened = try store.open()
        defer { opened.close() }
        if format == .ics { return try await exportCalendar(opened) }
        try export(from: opened)
    }

    /// `--format ics`: the upcoming appointments, read from the service, as a calendar.
    func exportCalendar(_ opened: Store) async throws {
        let calendar = AppointmentCalendar.document(try await ShowCommand.appointments(opened, server: server), now: Date())
        try emit(Data(calendar.text.utf8))
        if calendar.skipped > 0 {
            Terminal.err(Locale.prefersThai
                ? "ไม่ได้ใส่นัด \(calendar.skipped) รายการที่วันที่จากต้นทางดูไม่ถูกต้อง ดูได้ด้วย phr show appointments\n"
                : "Left out \(calendar.skipped) appointment(s) whose date looks wrong at the source; see phr show appointments.\n")
        }
        if output != "-" {
            Terminal.err(Locale.prefersThai
                ? "เขียนนัดหมาย \(calendar.events) รายการลง \(output) แล้ว — ไฟล์นี้ไม่ได้เข้ารหัส\n"
                : "Wrote \(calendar.events) appointment(s) to \(output). This file is NOT encrypted.\n")
        }
    }

    /// Writes the export of `opened` (the citizen's store, a clinic's one-time fetch, or a
    /// kiosk visit's). `warn`: say on stderr that the file is not encrypted (a kiosk says it
    /// on its own screen instead). `shared`: the kinds the store can hold at all (a clinic's
    /// consent); the others read "not shared".
    func export(from opened: Store, warn: Bool = true, shared: Set<RecordKind> = Set(RecordKind.allCases)) throws(CLIFailure) {
        let scope = filter.scope(kinds: kindList.flatMap(KindNames.parse) ?? RecordKind.allCases.filter(shared.contains), shared: shared)
        // The whole record's summary: what no filter may take away.
        let (summary, tally) = try ViewOptions.summary(opened)
        // The PDF shows only the newest rows per kind, so it reads just those.
        if format == .pdf { return try exportPDF(opened, scope: scope, summary: summary, tally: tally, warn: warn) }
        let record = try ViewOptions.read(opened, RecordQuery(scope))
        let now = Date()
        switch format {
        case .fhir: try emit(FHIRBundle(record, scope: scope, safety: summary, now: now).data())
        case .json: try emit(FlatJSON.document(record, scope: scope, safety: summary, now: now))
        case .text:
            var options = filter.display(color: false, width: 100)
            options.medium = .file
            var text = RecordText(options, unitsFrom: record)
            if scope.kinds.contains(.vitals) { text.homeReadings = try ShowCommand.homeReadings(opened, scope: scope) }
            try emit(Data(text.document(summary, tally: tally, tables: record, scope: scope, fullCID: fullCid, today: CivilDateTime.from(now)).utf8))
        case .csv:
            let kinds = scope.kinds.filter(shared.contains)
            if output == "-" { return Terminal.out(CSVExport.csv(kinds[0], record, bom: bom)) }
            try csvDirectory(record, kinds: kinds)
        case .pdf, .ics: return   // written by exportPDF and exportCalendar
        }
        if output != "-" && warn { warnUnencrypted() }
    }

    func exportPDF(_ opened: Store, scope: RecordScope, summary: HealthRecord, tally: RecordTally, warn: Bool) throws(CLIFailure) {
        var report = try Self.pdfReport(opened, scope: scope, summary: summary, tally: tally, rows: rows,
                                        options: filter.display(color: false, width: 100), fullCID: fullCid)
        if scope.kinds.contains(.vitals) { report.homeReadings = try ShowCommand.homeReadings(opened, scope: scope) }
        if output == "-" {
            guard report.write(to: .standardOutput) else { throw CLIFailure(.output, .pdfNotWritten) }
            return
        }
        try write(to: output, force: force) { path throws(ExportError) in
            guard report.write(to: .file(path)) else { throw .cannotWrite(path, reason: "the PDF could not be written (disk full?)") }
        }
        if warn { warnUnencrypted() }
    }

    /// The PDF report of `opened` (also the kiosk's print and USB file): under a filter that
    /// narrows records, every record it keeps (so the counts are exact); otherwise the newest
    /// `rows` of each kind. Every vital sign in scope goes to the chart.
    static func pdfReport(_ opened: Store, scope: RecordScope, summary: HealthRecord, tally: RecordTally, rows: Int,
                          options: DisplayOptions, fullCID: Bool) throws(CLIFailure) -> PDFReport {
        var query = RecordQuery(scope)
        if !scope.narrowsRecords { query.limit = rows }
        let chart = query.kinds.remove(.vitals) != nil
        var tables: HealthRecord
        do throws(StoreError) {
            tables = try opened.record(query)
            if chart { tables.vitals = try opened.record(RecordQuery(kinds: [.vitals], since: scope.since, unit: scope.unit)).vitals }
        } catch { throw error.cliFailure }
        return PDFReport(summary: summary, tally: tally, tables: tables, scope: scope, options: options,
                         fullCID: fullCID, now: Date(), rowsPerKind: rows)
    }

    func warnUnencrypted() {
        Terminal.err(Locale.prefersThai
            ? "เขียน \(output) แล้ว — ไฟล์นี้ไม่ได้เข้ารหัส เก็บให้ปลอดภัยและลบเมื่อไม่ใช้\n"
            : "Wrote \(output). This file is NOT encrypted: keep it safe and delete it when done.\n")
    }

    func emit(_ data: Data) throws(CLIFailure) {
        if output == "-" { return Terminal.out(data) }
        try write(to: output, force: force) { path throws(ExportError) in
            // ExportFile.write replaces the empty temp file atomically.
            try ExportFile.write(data, to: path, force: true)
        }
    }

    func csvDirectory(_ record: HealthRecord, kinds: [RecordKind]) throws(CLIFailure) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CLIFailure(.output, .csvNeedsDirectory, ["path": output]) }
        } else if mkdir(output, 0o700) != 0 {
            throw CLIFailure(.output, .cannotCreateDirectory, ["path": output, "reason": String(cString: strerror(errno))])
        }
        // Check every target first, so a refusal writes nothing rather than some of the kinds.
        let paths = kinds.map { output + "/" + $0.rawValue + ".csv" }
        if !force, let existing = paths.first(where: fm.fileExists(atPath:)) { throw ExportError.exists(existing).cliFailure }
        for (kind, path) in zip(kinds, paths) {
            do { try ExportFile.write(Data(CSVExport.csv(kind, record, bom: bom).utf8), to: path, force: force) } catch { throw error.cliFailure }
        }
    }

    func write(to path: String, force: Bool, _ fill: (String) throws(ExportError) -> Void) throws(CLIFailure) {
        do { try ExportFile.write(to: path, force: force, fill: fill) } catch { throw error.cliFailure }
    }
}

extension ExportError {
    var cliFailure: CLIFailure {
        switch self {
        case .exists(let path):
            CLIFailure(.output, "\(path) already exists; choose another name or add --force to replace it",
                       th: "มีไฟล์ \(path) อยู่แล้ว ใช้ชื่ออื่นหรือเพิ่ม --force เพื่อเขียนทับ")
        case .cannotWrite(let path, let reason):
            CLIFailure(.output, "cannot write \(path): \(reason); check the directory and free space",
                       th: "เขียน \(path) ไม่ได้: \(reason)")
        }
    }
}
