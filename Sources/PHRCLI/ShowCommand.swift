import ArgumentParser
import Foundation
import PHRExport
import PHRModel
import PHRRender
import PHRClient
import PHRStore
import PHRWire

/// `phr show`: the record in the terminal, offline.
struct ShowCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show your record in the terminal (offline): a summary, or one kind as a table.",
        discussion: """
            Views: summary (default), vitals, conditions, meds, allergies, vaccines, coverage, \
            encounters, labs, and flags (every record with doubtful data, where it came from and \
            what to do). Thai shows Buddhist-Era dates (--ce for CE). Rows whose data looks wrong \
            at the source (e.g. the year 1479) are marked ⚠ with the reason, and shown as sent.

            Lab results outside their reference range are marked H or L (the lab's own range or \
            interpretation; H* and L* use phr's adult reference interval when the lab sent \
            none). --test picks one test: \(LabTest.catalog.map(\.id).joined(separator: ", ")), \
            a synonym (fbs, a1c, ldl-c …) or a LOINC code.

            --since and --unit narrow the tables only: the summary's allergies, chronic \
            conditions and current medicines always come from the whole record, and a filtered \
            view says so at the top.
            """)

    @Argument(help: ArgumentHelp("summary, a kind (vitals, conditions, meds, allergies, vaccines, coverage, encounters, labs), flags, or (read from the service, after phr login) caregivers or appointments.", valueName: "view"), completion: Completions.views)
    var view = "summary"

    @Option(help: ArgumentHelp("With labs: only this test (hba1c, glucose, creatinine, egfr, ldl, hdl, tg, chol, … or a LOINC code).", valueName: "test"), completion: Completions.tests)
    var test: String?

    @OptionGroup var filter: ViewOptions

    @Option(help: "At most this many rows per kind.")
    var limit: Int?

    @Flag(help: "With vitals: draw the blood-pressure and weight trend; with labs: HbA1c, eGFR and LDL (or the --test).")
    var chart = false

    @Flag(help: "One JSON document on stdout (schema phr-export/3) instead of tables.")
    var json = false

    @Flag(help: "No colour (also when NO_COLOR is set or stdout is not a terminal).")
    var noColor = false

    @Flag(help: "Show the whole citizen ID instead of x-xxxx-xxxxx-xx-x with digits hidden.")
    var fullCid = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var server: ServerOptions

    /// Views read from the service at once (they are not synced into the store).
    static let live: Set<String> = ["caregivers", "appointments"]

    func validate() throws {
        guard ["summary", "flags"].contains(view) || Self.live.contains(view) || KindNames.parse(view)?.count == 1 else {
            throw ValidationError(Message.unknownView.text(Locale.language, ["view": view, "kinds": KindNames.list]))
        }
        if let test {
            guard KindNames.parse(view) == [.labs] else { throw ValidationError(Message.testNeedsLabs.text(Locale.language)) }
            guard LabTest.named(test) != nil else {
                throw ValidationError(Message.unknownTest.text(Locale.language, ["test": String(test.prefix(30)), "tests": LabTest.catalog.map(\.id).joined(separator: ", ")]))
            }
        }
        if let limit, limit < 1 { throw ValidationError(Message.limitTooSmall.text(Locale.language)) }
    }

    func execute() async throws {
        let opened = try store.open()
        defer { opened.close() }
        let display = filter.display(color: Terminal.colorAllowed && !noColor, width: Terminal.outputWidth(piped: 100))
        let today = CivilDateTime.from(Date())
        if view == "flags" { return try flags(opened, display) }
        if Self.live.contains(view) { return try await liveView(opened, display, today: today) }
        let kinds = view == "summary" ? RecordKind.allCases : KindNames.parse(view)!
        var scope = filter.scope(kinds: kinds, limit: view == "summary" ? nil : limit)
        scope.test = test.flatMap(LabTest.named)
        if json {
            let record = try ViewOptions.read(opened, RecordQuery(scope))
            let safety = try ViewOptions.summary(opened).record
            return Terminal.out(String(decoding: FlatJSON.document(record, scope: scope, safety: safety, now: Date()), as: UTF8.self) + "\n")
        }
        if view == "summary" {
            // The summary is the whole record; a filter adds what it shows and says so.
            let (summary, tally) = try ViewOptions.summary(opened)
            let shown = scope.narrowsRecords ? try ViewOptions.read(opened, RecordQuery(scope)) : nil
            var text = RecordText(display, unitsFrom: summary)
            text.homeReadings = try Self.homeReadings(opened, scope: .whole)
            return Terminal.page(text.summary(summary, tally: tally, scope: scope, view: shown, fullCID: fullCid, today: today))
        }
        let record = try ViewOptions.read(opened, RecordQuery(scope), withVisits: true)
        let tally: RecordTally
        do { tally = try opened.read { try $0.tally() } } catch { throw error.cliFailure }
        var text = RecordText(display, unitsFrom: record)
        text.reportedVisits = try Self.reportedVisits(opened)
        var out = text.scopeLine(scope, withSummary: false).map { TextWidth.wrap($0, display.width).joined(separator: "\n") + "\n\n" } ?? ""
        out += text.section(kinds[0], record, scope: scope, whole: tally)
        if chart, kinds[0] == .vitals {
            text.homeReadings = try Self.homeReadings(opened, scope: scope)
            out += "\n" + text.charts(record.vitals)
        }
        if chart, kinds[0] == .labs {
            // Every result in the filter's range is drawn, whatever --limit kept in the table.
            var all = RecordQuery(scope)
            all.limit = nil
            out += "\n" + text.labCharts(try ViewOptions.read(opened, all).labs, tests: scope.test.map { [$0] } ?? LabTest.keyTests)
        }
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

    /// The citizen's home readings (`phr measure`) within `scope`'s dates; none under `--unit`,
    /// since they come from no health unit.
    static func homeReadings(_ opened: Store, scope: RecordScope) throws(CLIFailure) -> [HomeObservation] {
        guard scope.unit == nil else { return [] }
        do {
            return try opened.read { try $0.homeObservations() }.filter { h in scope.since.map { h.observation.takenAt >= $0 } ?? true }
        } catch { throw error.cliFailure }
    }

    /// The visits reported as wrong from this store (`phr report-visit`), marked on their rows.
    static func reportedVisits(_ opened: Store) throws(CLIFailure) -> Set<String> {
        do { return Set(try opened.read { try $0.visitReports() }.map(\.visit)) } catch { throw error.cliFailure }
    }

    /// `phr show caregivers` (CareGiver mode 1 and 2) and `phr show appointments`, read with the
    /// login's credential.
    func liveView(_ opened: Store, _ display: DisplayOptions, today: CivilDateTime) async throws {
        let text = RecordText(display)
        if view == "appointments" {
            return Terminal.page(text.appointmentTable(try await Self.appointments(opened, server: server), now: today))
        }
        Terminal.page(text.careTable(try await Self.careRelations(opened, server: server), fullCID: fullCid))
    }

    /// The citizen's caregiver relations, read with the login's credential: those who care for
    /// the citizen (`CareGiver&mode=1`) when `caringForCitizen`, then those the citizen cares for
    /// (`mode=2`) when `inCitizensCare` (`phr show caregivers`, `phr profile add --from-caregiver`).
    static func careRelations(_ opened: Store, server: ServerOptions, caringForCitizen: Bool = true, inCitizensCare: Bool = true) async throws -> [CareRelation] {
        let (services, session) = try await server.session(in: opened, config: try Config.load())
        let credential = session.credential
        let modes = [("1", true)].filter { _ in caringForCitizen } + [("2", false)].filter { _ in inCitizensCare }
        return try await server.withService(services) { service in
            do {
                var relations: [CareRelation] = []
                for (mode, caresForCitizen) in modes {
                    let body = try await service.read(action: "CareGiver", query: [("mode", mode)], as: credential).body ?? Data()
                    relations += try FamilyMapping.careRelations(body, caresForCitizen: caresForCitizen)
                }
                return relations
            } catch let e as ClientError {
                throw e.cliFailure
            } catch let e as WireError {
                throw CLIFailure(.server, .unreadableCaregivers, ["problem": Sanitize.line(e.description, limit: 100)])
            }
        }
    }

    /// The citizen's appointments (`Appointment&mode=Detail`), read with the login's credential
    /// (`phr show appointments`, `phr export --format ics`).
    static func appointments(_ opened: Store, server: ServerOptions) async throws -> [Appointment] {
        let (services, session) = try await server.session(in: opened, config: try Config.load())
        let credential = session.credential
        return try await server.withService(services) { service in
            do {
                let body = try await service.read(action: "Appointment", query: [("mode", "Detail")], as: credential).body ?? Data()
                return try FamilyMapping.appointments(body)
            } catch let e as ClientError {
                throw e.cliFailure
            } catch let e as WireError {
                throw CLIFailure(.server, .unreadableAppointments, ["problem": Sanitize.line(e.description, limit: 100)])
            }
        }
    }
}
