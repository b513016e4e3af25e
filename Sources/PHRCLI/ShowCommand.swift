import ArgumentParser
import Foundation
import PHRExport
import PHRModel
import PHRRender
import PHRStore

/// `phr show`: the record in the terminal, offline.
struct ShowCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show your record in the terminal (offline): a summary, or one kind as a table.",
        discussion: """
            Views: summary (default), vitals, conditions, meds, allergies, vaccines, coverage, \\
            encounters. Thai shows Buddhist-Era dates (--ce for CE). Rows whose data looks wrong \\
            at the source (e.g. the year 1479) are marked ⚠ with the reason, and shown as sent.
            """)

    @Argument(help: ArgumentHelp("summary, or a kind: vitals, conditions, meds, allergies, vaccines, coverage, encounters.", valueName: "view"))
    var view = "summary"

    @OptionGroup var filter: ViewOptions

    @Option(help: "At most this many rows per kind.")
    var limit: Int?

    @Flag(help: "With vitals: draw the blood-pressure and weight trend.")
    var chart = false

    @Flag(help: "One JSON document on stdout (schema phr-export/1) instead of tables.")
    var json = false

    @Flag(help: "No colour (also when NO_COLOR is set or stdout is not a terminal).")
    var noColor = false

    @Flag(help: "Show the whole citizen ID instead of x-xxxx-xxxxx-xx-x with digits hidden.")
    var fullCid = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard view == "summary" || KindNames.parse(view)?.count == 1 else {
            throw ValidationError("unknown view '\(view)': use summary, vitals, conditions, meds, allergies, vaccines, coverage or encounters")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func execute() async throws {
        let kinds = view == "summary" ? RecordKind.allCases : KindNames.parse(view)!
        let opened = try store.open()
        defer { opened.close() }
        let display = filter.display(color: Terminal.colorAllowed && !noColor, width: Terminal.stdoutIsTTY ? Terminal.width : 100)
        if view == "summary", !json, filter.since == nil, filter.unit == nil {
            // The fast path: only what the summary shows is read and decoded.
            let (record, tally) = try ViewOptions.summary(opened)
            let text = RecordText(display, unitsFrom: record)
            return Terminal.page(text.summary(record, tally: tally, fullCID: fullCid, today: CivilDateTime.from(Date())))
        }
        // Visits come along for the names of the units other rows only give as a code.
        var record = try ViewOptions.read(opened, filter.query(kinds: Set(kinds + [.encounters]), limit: view == "summary" ? nil : limit))
        let text = RecordText(display, unitsFrom: record)
        if !kinds.contains(.encounters) { record.encounters = [] }
        if json {
            return Terminal.out(String(decoding: FlatJSON.document(record, kinds: kinds, now: Date()), as: UTF8.self) + "\n")
        }
        var out: String
        if view == "summary" {
            out = text.summary(record, fullCID: fullCid, today: CivilDateTime.from(Date()))
        } else {
            out = text.section(kinds[0], record)
            if chart, kinds[0] == .vitals { out += "\n" + text.charts(record.vitals) }
        }
        Terminal.page(out)
    }
}
