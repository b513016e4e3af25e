import ArgumentParser
import Foundation
import PHRClient
import PHRModel
import PHRRender
import PHRStore
import PHRSync
import PHRWire

/// `phr report-visit`: tell the ministry a visit in the record is not yours or is wrong
/// (ReportEncounter&mode=ADD|DELETE|LIST).
struct ReportVisitCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "report-visit",
        abstract: "Report a visit in your record as wrong to the ministry, list or withdraw reports.",
        discussion: """
            VISIT is the visit id (hcode:vn) that `phr show visits` and `phr show flags` show. \
            The report asks the ministry to check the visit; nothing in your record changes. \
            The visit's row then shows ⚑ reported. Needs a login (phr login).
            """)

    @Argument(help: ArgumentHelp("The visit id, e.g. 10669:6612345 (phr show visits).", valueName: "visit"))
    var visit: String?

    @Option(help: ArgumentHelp("Why the visit is wrong (required to report).", valueName: "text"))
    var reason: String?

    @Flag(help: "List the visits reported from this computer and the ministry's count.")
    var list = false

    @Option(help: ArgumentHelp("Withdraw the report of this visit.", valueName: "visit"))
    var undo: String?

    @Flag(name: .shortAndLong, help: "Do not ask for confirmation.")
    var yes = false

    @OptionGroup var server: ServerOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        let modes = [visit != nil, list, undo != nil].filter { $0 }.count
        guard modes == 1 else { throw ValidationError(Message.reportVisitMode.text(Locale.language)) }
        if visit != nil {
            guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError(Message.reasonRequired.text(Locale.language))
            }
            guard reason.count <= 1000 else { throw ValidationError(Message.reasonTooLong.text(Locale.language)) }
        } else if reason != nil {
            throw ValidationError(Message.reasonNeedsVisit.text(Locale.language))
        }
        for id in [visit, undo].compactMap({ $0 }) where !id.contains(":") || id.count > 100 {
            throw ValidationError(Message.notAVisitId.text(Locale.language, ["id": Sanitize.line(id, limit: 40)]))
        }
    }

    func execute() async throws {
        let config = try Config.load()
        let opened = try store.open()
        defer { opened.close() }
        let (services, session) = try await server.session(in: opened, config: config)
        let display = DisplayOptions(language: Locale.prefersThai ? .th : .en, width: Terminal.outputWidth(piped: 100))
        if list {
            let count = try await call(services) { try await $0.reportEncounter(.list, as: session.credential) }
            let reports: [VisitReport]
            do { reports = try opened.read { try $0.visitReports() } } catch { throw error.cliFailure }
            return Terminal.out(RecordText(display).visitReportList(reports, serverCount: count))
        }
        let id = visit ?? undo!
        let stored: Encounter?
        do { stored = try opened.read { try $0.encounter(ref: id) } } catch { throw error.cliFailure }
        guard let encounter = stored else {
            throw CLIFailure(.noData, "there is no visit \(Sanitize.line(id, limit: 60)) in your record; `phr show visits` lists the visit ids",
                             th: "ไม่พบการมารับบริการ \(Sanitize.line(id, limit: 60)) ในข้อมูลของคุณ ดูรหัสด้วย phr show visits")
        }
        let text = RecordText(display, unitsFrom: HealthRecord(encounters: [encounter]))
        let reasonText = reason.map { Sanitize.line($0, limit: 1000) }
        let question = undo == nil
            ? display.language.pick("Report visit \(Sanitize.line(id, limit: 60)) (\(text.visitLine(encounter))) to the ministry as wrong, because: \(reasonText ?? "")? [y/N] ",
                        "แจ้งกระทรวงว่าการมารับบริการ \(Sanitize.line(id, limit: 60)) (\(text.visitLine(encounter))) ไม่ถูกต้อง เหตุผล: \(reasonText ?? "") ใช่หรือไม่ [y/N] ")
            : display.language.pick("Withdraw the report of visit \(Sanitize.line(id, limit: 60))? [y/N] ", "ยกเลิกการแจ้งการมารับบริการ \(Sanitize.line(id, limit: 60)) ใช่หรือไม่ [y/N] ")
        try confirm(question)
        let count: Int
        if let reasonText {
            count = try await call(services) { try await $0.reportEncounter(.add, visit: id, reason: reasonText, as: session.credential) }
            try save(opened) { try $0.saveVisitReport(VisitReport(visit: id, reason: reasonText, reportedAt: Date())); try $0.audit("report-visit", "add") }
            Terminal.out(display.language.pick("Reported. The ministry counts \(count) of your visits as reported.\n",
                                   "แจ้งแล้ว กระทรวงนับการมารับบริการที่แจ้งว่าไม่ถูกต้องได้ \(count) ครั้ง\n"))
        } else {
            count = try await call(services) { try await $0.reportEncounter(.delete, visit: id, as: session.credential) }
            try save(opened) { try $0.removeVisitReport(id); try $0.audit("report-visit", "delete") }
            Terminal.out(display.language.pick("Withdrawn. The ministry counts \(count) of your visits as reported.\n",
                                   "ยกเลิกแล้ว กระทรวงนับการมารับบริการที่แจ้งว่าไม่ถูกต้องได้ \(count) ครั้ง\n"))
        }
    }

    /// Asks `question` unless `--yes`; without a terminal to ask on, `--yes` is required.
    func confirm(_ question: String) throws(CLIFailure) {
        guard !yes else { return }
        guard Terminal.stdinIsTTY else {
            throw CLIFailure(.usage, "add --yes to confirm when no one can answer the question (no terminal)", th: "เพิ่ม --yes เพื่อยืนยันเมื่อไม่มีหน้าจอให้ตอบ")
        }
        guard let answer = Terminal.ask(question)?.lowercased(), ["y", "yes", "ใช่"].contains(answer) else {
            throw CLIFailure(.ok, "nothing was sent", th: "ไม่ได้ส่งอะไร")
        }
    }

    func call(_ services: Services, _ body: (PHRService) async throws -> Int) async throws -> Int {
        try await server.withService(services) { service in
            do { return try await body(service) } catch let e as ClientError { throw e.cliFailure }
        }
    }

    func save(_ opened: Store, _ body: (StoreWriter) throws -> Void) throws(CLIFailure) {
        do { try opened.write(body) } catch { throw error.cliFailure }
    }
}
