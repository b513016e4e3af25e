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
            Views: summary (default), vitals, conditions, meds, allergies, vaccines, coverage, \
            encounters, and flags (every record with doubtful data, where it came from and what \
            to do). Thai shows Buddhist-Era dates (--ce for CE). Rows whose data looks wrong at \
            the source (e.g. the year 1479) are marked ⚠ with the reason, and shown as sent.

            --since and --unit narrow the tables only: the summary's allergies, chronic \
            conditions and current medicines always come from the whole record, and a filtered \
            view says so at the top.
            """)

    @Argument(help: ArgumentHelp("summary, a kind (vitals, conditions, meds, allergies, vaccines, coverage, encounters), or flags.", valueName: "view"))
    var view = "summary"

    @OptionGroup var filter: ViewOptions

    @Option(help: "At most this many rows per kind.")
    var limit: Int?

    @Flag(help: "With vitals: draw the blood-pressure and weight trend.")
    var chart = false

    @Flag(help: "One JSON document on stdout (schema phr-export/2) instead of tables.")
    var json = false

    @Flag(help: "No colour (also when NO_COLOR is set or stdout is not a terminal).")
    var noColor = false

    @Flag(help: "Show the whole citizen ID instead of x-xxxx-xxxxx-xx-x with digits hidden.")
    var fullCid = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard view == "summary" || view == "flags" || KindNames.parse(view)?.count == 1 else {
            throw ValidationError("unknown view '\(view)': use summary, vitals, conditions, meds, allergies, vaccines, coverage, encounters or flags")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func execute() async throws {
        let opened = try store.open()
        defer { opened.close() }
        let display = filter.display(color: Terminal.colorAllowed && !noColor, width: Terminal.stdoutIsTTY ? Terminal.width : 100)
        let today = CivilDateTime.from(Date())
        if view == "flags" { return try flags(opened, display) }
        let kinds = view == "summary" ? RecordKind.allCases : KindNames.parse(view)!
        let scope = filter.scope(kinds: kinds, limit: view == "summary" ? nil : limit)
        if json {
            let record = try ViewOptions.read(opened, RecordQuery(scope))
            let safety = try ViewOptions.summary(opened).record
            return Terminal.out(String(decoding: FlatJSON.document(record, scope: scope, safety: safety, now: Date()), as: UTF8.self) + "\n")
        }
        if view == "summary" {
            // The summary is the whole record; a filter adds what it shows and says so.
            let (summary, tally) = try ViewOptions.summary(opened)
            let shown = scope.narrowsRecords ? try ViewOptions.read(opened, RecordQuery(scope)) : nil
            let text = RecordText(display, unitsFrom: summary)
            return Terminal.page(text.summary(summary, tally: tally, scope: scope, view: shown, fullCID: fullCid, today: today))
        }
        let record = try ViewOptions.read(opened, RecordQuery(scope), withVisits: true)
        let tally: RecordTally
        do { tally = try opened.read { try $0.tally() } } catch { throw error.cliFailure }
        var text = RecordText(display, unitsFrom: record)
        text.reportedVisits = try Self.reportedVisits(opened)
        var out = text.scopeLine(scope, withSummary: false).map { TextWidth.wrap($0, display.width).joined(separator: "\n") + "\n\n" } ?? ""
        out += text.section(kinds[0], record, scope: scope, whole: tally)
        if chart, kinds[0] == .vitals { out += "\n" + text.charts(record.vitals) }
        Terminal.page(out)
    }

    /// `phr show flags`: every record with doubtful data (the filters do not apply).
    func flags(_ opened: Store, _ display: DisplayOptions) throws(CLIFailure) {
        let flagged: HealthRecord
        do { flagged = try opened.read { try $0.flagged() } } catch { throw error.cliFailure }
        var text = RecordText(display, unitsFrom: flagged)
        text.reportedVisits = try Self.reportedVisits(opened)
        if json { return Terminal.out(String(decoding: FlatJSON.flags(text.flaggedEntries(flagged), now: Date()), as: UTF8.self) + "\n") }
        Terminal.page(text.flagList(flagged))
    }

    /// The visits reported as wrong from this store (`phr report-visit`), marked on their rows.
    static func reportedVisits(_ opened: Store) throws(CLIFailure) -> Set<String> {
        do { return Set(try opened.read { try $0.visitReports() }.map(\.visit)) } catch { throw error.cliFailure }
    }
}
