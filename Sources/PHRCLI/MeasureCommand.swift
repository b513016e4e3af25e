import ArgumentParser
import Foundation
import PHRClient
import PHRModel
import PHRRender
import PHRStore
import PHRSync

/// `phr measure`: home readings (BP, glucose, weight, temperature, SpO2) sent to Mor Prom.
struct MeasureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Record home measurements and send them to Mor Prom (SelfObservation).",
        discussion: """
            Each reading is saved in the encrypted store first, then sent; a reading made \
            offline waits in the store's outbox and goes with the next `phr measure send` or \
            `phr sync`. A reading is never lost and never counted twice (docs/measure.md).
            """,
        subcommands: [Add.self, Import.self, List.self, Send.self])

    /// `phr measure add KIND VALUE`.
    struct Add: PHRSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Save a home reading and send it: bp 135/85, glucose 126, weight 68.5, temp 37.2, spo2 97.",
            discussion: """
                Units: BP mmHg, glucose mg/dL, weight kg, temperature °C, SpO2 %. An unusual value \
                (e.g. BP 300/20) is refused unless --force; an impossible one (SpO2 above 100, a \
                systolic not above the diastolic) always is.
                """)

        @Argument(help: ArgumentHelp("bp, glucose, weight, temp or spo2.", valueName: "kind"))
        var kind: SelfReading.Kind

        @Argument(help: ArgumentHelp("The value: 135/85 for a BP, a number otherwise.", valueName: "value"))
        var value: String

        @Option(help: ArgumentHelp("With bp: the pulse (beats per minute).", valueName: "bpm"))
        var pulse: Double?

        @Flag(help: "With glucose: measured fasting.")
        var fasting = false

        @Option(help: ArgumentHelp("When it was measured, Thailand time, CE: YYYY-MM-DD HH:MM or HH:MM today (default: now).", valueName: "time"))
        var at: String?

        @Option(help: ArgumentHelp("The device, e.g. \"Omron HEM-7120\".", valueName: "name"))
        var device: String?

        @Flag(help: "Save an unusual value anyway (it may be real).")
        var force = false

        @OptionGroup var server: ServerOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if pulse != nil, kind != .bp { throw ValidationError(Message.pulseWithBP.text(Locale.language)) }
            if fasting, kind != .glucose { throw ValidationError(Message.fastingWithGlucose.text(Locale.language)) }
            if let device, device.count > 80 { throw ValidationError(Message.deviceTooLong.text(Locale.language)) }
        }

        func execute() async throws {
            let reading: SelfReading
            do throws(SelfReading.Problem) {
                reading = try SelfReading(kind: kind, text: value, pulse: pulse, fasting: fasting)
                try reading.check(force: force)
            } catch {
                throw error.cliFailure
            }
            let now = CivilDateTime.from(Date())
            let takenAt = try at.map { try MeasureTime.parse($0, now: now) } ?? now
            let opened = try store.open()
            defer { opened.close() }
            let observations = reading.observations(takenAt: takenAt, device: device.map { Sanitize.line($0, limit: 80) })
            do {
                guard try opened.owner() != nil else { throw Outbox.noOwner }
                try opened.write { w in
                    try w.queue(observations)
                    try w.audit("measure", "kind=\(kind.rawValue) values=\(observations.count)")
                }
            } catch let e as StoreError {
                throw e.cliFailure
            }
            await Outbox.sendSaved(opened, server: server)
            // The reading as stored now: sent, or waiting.
            let refs = Set(observations.map(\.refCode))
            let stored = (try? opened.read { try $0.homeObservations(limit: 50) })?.filter { refs.contains($0.observation.refCode) } ?? []
            Terminal.out(RecordText(DisplayOptions(language: Locale.prefersThai ? .th : .en)).measureTable(MeasureRow.merge(home: stored, clinic: [])))
        }
    }

    /// `phr measure import FILE.csv`.
    struct Import: PHRSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a device's CSV export (time,kind,value[,pulse,fasting,device]): every row or none.",
            discussion: """
                The header names the columns, in any order: time (YYYY-MM-DD HH:MM, CE, Thailand \
                time), kind (bp, glucose, weight, temp, spo2), value (135/85 for a BP), and \
                optionally pulse, fasting (yes/no) and device. Every bad row is named by its line \
                and nothing is imported until all are right. A reading already stored (same value, \
                same time) is skipped, so importing the same file again adds nothing.
                """)

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"), completion: .file(extensions: ["csv"]))
        var file: String

        @Flag(help: "Import unusual values too (impossible ones are still refused).")
        var force = false

        @OptionGroup var server: ServerOptions
        @OptionGroup var store: StoreOptions

        func execute() async throws {
            let name = Sanitize.line(file, limit: 100)
            guard let data = FileManager.default.contents(atPath: file), data.count <= 5 << 20, let text = String(data: data, encoding: .utf8) else {
                throw CLIFailure(.usage, "cannot read \(name) as a UTF-8 CSV file of at most 5 MB",
                                 th: "อ่านไฟล์ \(name) ไม่ได้ (ต้องเป็น CSV แบบ UTF-8 ไม่เกิน 5 MB)")
            }
            let rows: [SelfReadingCSV.Row]
            switch SelfReadingCSV.parse(text, force: force, now: CivilDateTime.from(Date())) {
            case .rows(let good): rows = good
            case .problems(let problems):
                let thai = Locale.prefersThai
                for p in problems.prefix(20) {
                    let why = thai ? (p.reading.flatMap { $0.cliFailure.messageTH } ?? p.th) : p.message
                    Terminal.err(thai ? "phr: \(name) บรรทัด \(p.line): \(Sanitize.line(why, limit: 200))\n"
                                      : "phr: \(name) line \(p.line): \(Sanitize.line(why, limit: 200))\n")
                }
                if problems.count > 20 { Terminal.err(thai ? "phr: … และอีก \(problems.count - 20) แถว\n" : "phr: … and \(problems.count - 20) more\n") }
                throw CLIFailure(.usage, "\(problems.count) bad row(s) in \(name); nothing was imported: fix them and import again",
                                 th: "มี \(problems.count) แถวที่ไม่ถูกต้องใน \(name) ยังไม่ได้นำเข้าข้อมูลใด แก้ไขแล้วนำเข้าใหม่")
            }
            let opened = try store.open()
            defer { opened.close() }
            let added: Int
            do {
                guard try opened.owner() != nil else { throw Outbox.noOwner }
                added = try opened.write { w in
                    // A reading is already stored when one of its values is, for the same time.
                    func key(_ o: SelfObservation) -> String { "\(o.measure.rawValue)|\(o.takenAt.sortKey)|\(o.value)" }
                    let known = Set(try w.reader.homeObservations().map { key($0.observation) })
                    let new = rows.map { $0.reading.observations(takenAt: $0.takenAt, device: $0.device) }
                        .filter { !$0.contains { known.contains(key($0)) } }
                    try w.queue(new.flatMap { $0 })
                    try w.audit("measure-import", "readings=\(new.count)")
                    return new.count
                }
            } catch let e as StoreError {
                throw e.cliFailure
            }
            Terminal.out(Locale.prefersThai ? "นำเข้า \(added) รายการ (มีอยู่แล้ว \(rows.count - added) รายการ)\n"
                                            : "imported \(added) reading(s); \(rows.count - added) already stored\n")
            await Outbox.sendSaved(opened, server: server)
        }
    }

    /// `phr measure list`.
    struct List: PHRSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Home readings beside the clinics' vital signs, newest first (offline).")

        @Option(help: "At most this many rows.")
        var limit = 50

        @Flag(help: "JSON on stdout: [{taken_at, source (home or the unit's hcode), values, sent}].")
        var json = false

        @OptionGroup var store: StoreOptions

        func execute() async throws {
            let opened = try store.open()
            defer { opened.close() }
            let rows: [MeasureRow]
            do {
                rows = try opened.read { r in MeasureRow.merge(home: try r.homeObservations(), clinic: try r.record(RecordQuery(kinds: [.vitals])).vitals) }
            } catch {
                throw error.cliFailure
            }
            let shown = Array(rows.prefix(max(1, limit)))
            if json { return Terminal.out(String(decoding: MeasureRow.json(shown), as: UTF8.self) + "\n") }
            let text = RecordText(DisplayOptions(language: Locale.prefersThai ? .th : .en, width: Terminal.outputWidth(piped: 100)))
            Terminal.page(text.measureTable(shown))
        }
    }

    /// `phr measure send`.
    struct Send: PHRSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Send the readings waiting in the outbox (phr sync does this first, too).")

        @OptionGroup var server: ServerOptions
        @OptionGroup var store: StoreOptions

        func execute() async throws {
            let opened = try store.open()
            defer { opened.close() }
            let report = try await Outbox.send(opened, server: server)
            Outbox.say(report)
            if let stopped = report.stopped { throw stopped.cliFailure }
        }
    }
}

extension SelfReading.Kind: ExpressibleByArgument {}

/// The outbox of home readings, as the commands send it.
enum Outbox {
    static let noOwner = CLIFailure(.notLoggedIn, "this store belongs to no one yet: log in first (phr login), so readings go to the right person",
                                    th: "ที่เก็บข้อมูลนี้ยังไม่ผูกกับผู้ใด กรุณา phr login ก่อน เพื่อส่งค่าที่วัดให้ถูกคน")

    /// After readings were saved: one pass; a failure is only said (the readings wait).
    static func sendSaved(_ opened: Store, server: ServerOptions) async {
        do {
            let report = try await send(opened, server: server)
            if let stopped = report.stopped { throw stopped.cliFailure }
            say(report)
        } catch {
            let reason = Sanitize.line((error as? CLIFailure)?.message ?? "\(error)", limit: 300)
            Terminal.err(Locale.prefersThai ? "phr: บันทึกแล้ว ยังไม่ได้ส่ง (\(reason)) จะส่งเมื่อเรียก phr measure send หรือ phr sync\n"
                                            : "phr: saved, not sent yet (\(reason)); `phr measure send` or `phr sync` sends it later\n")
        }
    }

    /// One pass over the outbox (``OutboxSender``) with the configured client account.
    static func send(_ opened: Store, server: ServerOptions) async throws -> OutboxReport {
        let pending: Int
        do { pending = try opened.read { try $0.pendingObservations().count } } catch { throw error.cliFailure }
        guard pending > 0 else { return OutboxReport() }
        let config = try Config.load()
        let services = try server.services(config: config, session: try Sessions.load(opened))
        let account = try config.clientAccount()
        return try await server.withService(services) { service in
            do throws(SyncError) {
                return try await OutboxSender(service: service, store: opened, account: account, system: "phr \(PHRCommand.version)").flush()
            } catch {
                throw error.cliFailure
            }
        }
    }

    /// What a pass did, one line on stderr (nothing when there was nothing to send).
    static func say(_ r: OutboxReport) {
        guard r.sent + r.refused + r.pending > 0 else { return }
        let thai = Locale.prefersThai
        var line = thai ? "ส่งค่าที่วัดเองแล้ว \(r.sent) ค่า" : "sent \(r.sent) home value(s) to Mor Prom"
        if r.refused > 0 { line += thai ? ", ถูกปฏิเสธ \(r.refused) ค่า (phr measure list)" : ", \(r.refused) refused (phr measure list)" }
        if r.pending > 0 { line += thai ? ", รอส่ง \(r.pending) ค่า" : ", \(r.pending) waiting in the outbox" }
        if let stopped = r.stopped {
            line += ": " + Sanitize.line(stopped.cliFailure.message, limit: 200)
        }
        Terminal.err("phr: " + line + "\n")
    }
}

/// `--at` for a reading.
enum MeasureTime {
    /// `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM[:SS]` or `HH:MM` (today), Thailand time, CE; not in
    /// the future, not before 2000. A Buddhist-Era year is refused with the CE year to use.
    static func parse(_ text: String, now: CivilDateTime) throws(CLIFailure) -> CivilDateTime {
        guard let t = SelfReading.time(text, today: now), t.year >= 2000 else {
            throw CLIFailure(.usage, "--at \"\(Sanitize.line(text, limit: 40))\": give YYYY-MM-DD HH:MM (CE, Thailand time) or HH:MM for today",
                             th: "--at ใช้รูปแบบ YYYY-MM-DD HH:MM (ค.ศ. เวลาประเทศไทย) หรือ HH:MM สำหรับวันนี้")
        }
        if t.year > 2400 {
            throw CLIFailure(.usage, "--at: \(t.year) looks like a Buddhist-Era year; give the CE year (\(t.year - Era.offset))",
                             th: "--at: ปี \(t.year) เป็นปี พ.ศ. กรุณาใช้ปี ค.ศ. (\(t.year - Era.offset))")
        }
        guard t.sortKey <= now.sortKey + 300 else {
            throw CLIFailure(.usage, "--at is in the future; a reading is recorded after it is taken", th: "--at เป็นเวลาในอนาคต")
        }
        return t
    }
}

extension SelfReading.Problem: CLIFailureConvertible {
    public var cliFailure: CLIFailure {
        let what = Sanitize.line(description, limit: 100)
        switch self {
        case .unreadable(let kind, _):
            return CLIFailure(.usage, "\(what): give \(kind == .bp ? "systolic/diastolic, e.g. 135/85" : "a number, e.g. \(kind == .weight ? "68.5" : "97")")",
                              th: "ค่า \(kind.rawValue) ไม่ถูกต้อง ใช้รูปแบบ \(kind == .bp ? "ตัวบน/ตัวล่าง เช่น 135/85" : "ตัวเลข")")
        case .impossible(let m, let v):
            return CLIFailure(.usage, "\(what); check the device and type it again (nothing was saved)",
                              th: "ค่า \(m.rawValue) \(CanonicalJSON.format(v)) \(m.symbol) เป็นไปไม่ได้ ตรวจเครื่องวัดแล้วพิมพ์ใหม่ (ยังไม่ได้บันทึก)")
        case .implausible(let m, let v):
            return CLIFailure(.usage, "\(what); measure again, or add --force if it is right (nothing was saved)",
                              th: "ค่า \(m.rawValue) \(CanonicalJSON.format(v)) \(m.symbol) ผิดปกติมาก วัดซ้ำ หรือเพิ่ม --force ถ้าถูกต้อง (ยังไม่ได้บันทึก)")
        }
    }
}
