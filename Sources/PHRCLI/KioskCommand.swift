import ArgumentParser
import Foundation
import NIOConcurrencyHelpers
import PHRCard
import PHRExport
import PHRClient
import PHRKiosk
import PHRModel
import PHRRender
import PHRShare
import PHRStore
import PHRSync
#if canImport(Glibc)
import Glibc
#endif

/// `phr kiosk`: an unattended health-unit kiosk (docs/kiosk.md). A citizen inserts the ID
/// card, which gives consent (way 2; the phone OTP if the service refuses it), and sees, prints, exports or shares the record; on card
/// removal, inactivity, Ctrl-C or "done" everything of the visit is wiped and the kiosk waits
/// for the next card.
struct KioskCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Run the health-unit kiosk: insert ID card → card consent → view/print/export/share → wiped.",
        discussion: """
            Settings come from the kiosk file (--config, default /etc/phr/kiosk.toml): \
            hospital_code, server, account_server, ca_file, account_user, account_password_hash_file, \
            card_client_id, card_client_secret_file, card_redirect_uri, reader, \
            timeout_seconds (default 120), printer_command ({file} is the PDF; resolved on PATH), \
            print_timeout_seconds (default 60), staff_log (a file for the staff), staff_confirm_code \
            (lets staff confirm a card/record mismatch), export_dir (a USB drive's mount point), \
            actions (summary,kinds,print,export,share), language (th|en). \
            A visit's record lives only in an ephemeral encrypted store whose key is in memory.
            """)

    @Option(help: ArgumentHelp("The kiosk settings file.", valueName: "file"), completion: .file(extensions: ["toml"]))
    var config = "/etc/phr/kiosk.toml"

    @Option(help: ArgumentHelp("Serve this many visits, then exit (default: run until stopped).", valueName: "n"))
    var visits: Int?

    func execute() async throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIFailure(.usage, "phr kiosk needs a terminal (run it on the kiosk's console, not in a pipe)")
        }
        let settings = try KioskSettings(Config.load(from: config), file: config)
        let kiosk = Kiosk(settings: settings)
        try await kiosk.run(visits: visits)
    }
}

/// The kiosk file's settings, checked once at start.
struct KioskSettings {
    var config: Config
    var hospitalCode: HospitalCode
    var timeout: TimeInterval
    var printerCommand: PrinterCommand?
    var printTimeout: Swift.Duration
    var staffLog: StaffLog
    /// Typed by a staff member to let a visit go on after a card/record mismatch; without it
    /// a mismatch ends the visit.
    var staffConfirmCode: String?
    var exportDir: String?
    var actions: Set<String>
    var reader: String?
    var thai: Bool

    static let allActions: Set<String> = ["summary", "kinds", "print", "export", "share"]

    init(_ config: Config, file: String) throws(CLIFailure) {
        self.config = config
        guard let hcode = config["hospital_code"].flatMap(HospitalCode.init) else {
            throw CLIFailure(.usage, "\(file): set hospital_code = \"<5-digit unit code>\" for this kiosk")
        }
        hospitalCode = hcode
        let seconds = config["timeout_seconds"].map { Double($0) } ?? 120
        guard let seconds, (5...3_600).contains(seconds) else { throw CLIFailure(.usage, "\(file): timeout_seconds must be 5 to 3600") }
        timeout = seconds
        printerCommand = config["printer_command"].flatMap(PrinterCommand.init)
        let printSeconds = config["print_timeout_seconds"].map { Int($0) } ?? 60
        guard let printSeconds, (5...600).contains(printSeconds) else { throw CLIFailure(.usage, "\(file): print_timeout_seconds must be 5 to 600") }
        printTimeout = Swift.Duration.seconds(printSeconds)
        staffLog = StaffLog(path: config["staff_log"])
        staffConfirmCode = config["staff_confirm_code"].flatMap { $0.isEmpty ? nil : $0 }
        exportDir = config["export_dir"]
        let listed = config["actions"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) } ?? Self.allActions
        guard listed.isSubset(of: Self.allActions) else {
            throw CLIFailure(.usage, "\(file): actions may be \(Self.allActions.sorted().joined(separator: ","))")
        }
        actions = listed
        if actions.contains("print") && printerCommand == nil { actions.remove("print") }
        if actions.contains("export") && exportDir == nil { actions.remove("export") }
        reader = config["reader"]
        thai = (config["language"] ?? "th") != "en"
    }
}

/// One kiosk: the cycle of visits (``KioskCycle`` decides; this class does the I/O).
final class Kiosk {
    let settings: KioskSettings
    let screen = KioskTerminal()
    /// The visit's words; back to the kiosk's language for each visit.
    var words: KioskWords
    var cycle = KioskCycle(cardPresent: false)
    /// The current visit's private directory (its store, and a PDF on its way to the printer).
    var sessionDirectory: String?
    /// The card being served, for the greeting in the current language.
    var card: ThaiIDCard?
    /// The card reader's last problem, logged once rather than at every poll.
    var readerProblem: String?

    /// The card was gone before it could be read: no visit started, nothing to say.
    struct NoVisit: Error {}

    init(settings: KioskSettings) {
        self.settings = settings
        words = KioskWords(thai: settings.thai)
    }

    func run(visits: Int?) async throws {
        await KioskSignals.install()
        EphemeralStore.sweep(label: "kiosk")   // a crashed visit's ciphertext (its key died with it)
        defer { screen.wipe(); screen.restore() }
        var served = 0
        var reader = await cardReader()
        cycle = KioskCycle(cardPresent: reader != nil)
        var action = cycle.firstAction
        var farewell = ""
        while !KioskSignals.stopRequested {
            switch action {
            case .showInsertCard:
                if let visits, served >= visits { return }
                farewell = ""
                showInsertCard()
                action = .none
            case .showTakeYourCard:
                let lines = farewell.hasSuffix(words.takeYourCard) ? [farewell] : [farewell, words.takeYourCard].filter { !$0.isEmpty }
                screen.page(title: title, status: "", body: "\n\n    " + lines.joined(separator: "\n\n    ") + "\n")
                action = .none
            case .readCard:
                guard let name = reader else { action = .none; continue }
                served += 1
                let end = await visit(reader: name)
                card = nil
                action = cycle.end(end)
            case .wipe(let end):
                screen.wipe()
                if end == .stopped { return }
                farewell = words.ended(end)
                let stillIn = await goodbye(farewell, reader: reader, untilCard: end == .cardRemoved)
                words = KioskWords(thai: settings.thai)
                action = cycle.wiped(cardStillIn: stillIn)
            default:   // .none: wait for the card to come (or go)
                if case .character(let c) = screen.next(), c == "l" || c == "L" {
                    words.thai.toggle()
                    showInsertCard()
                }
                reader = await cardReader()
                action = cycle.cardPresence(reader != nil)
            }
        }
    }

    // MARK: Screens

    func showInsertCard() {
        screen.page(title: title, status: "", body: "\n\n    " + words.insertCard + "\n\n" + words.t("    (L: ภาษาไทย)", "    (L: English)") + "\n")
    }

    /// The reader with a card in it now (the configured one, else any); nil when there is none
    /// or PC/SC is not working (said on the screen).
    func cardReader() async -> String? {
        do throws(CardError) {
            let context = try PCSCContext()
            let readers = try context.readers()
            guard !readers.isEmpty else { throw CardError.noReader }
            readerProblem = nil
            for name in settings.reader.map({ [$0] }) ?? readers where try context.cardPresent(name) { return name }
            return nil
        } catch {
            if readerProblem != error.description { settings.staffLog.write("card reader: \(error.description)") }
            readerProblem = error.description
            screen.page(title: title, status: "", body: "\n\n    " + words.t("This kiosk's card reader is not working. Please ask the staff.",
                                                                             "เครื่องอ่านบัตรของตู้นี้ใช้งานไม่ได้ กรุณาติดต่อเจ้าหน้าที่") + "\n")
            try? await Task.sleep(for: .seconds(2))
            return nil
        }
    }

    /// Shows why the visit ended for 3 seconds (after a removal, a new card cuts it short: it
    /// is the next citizen's). Returns whether a card is in the reader.
    func goodbye(_ message: String, reader: String?, untilCard: Bool) async -> Bool {
        screen.page(title: title, status: "", body: "\n\n    " + message + "\n")
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(3), !KioskSignals.stopRequested {
            if untilCard, await cardReader() != nil { return false }
            _ = screen.next()
        }
        if untilCard { return false }
        return await cardReader() != nil
    }

    // MARK: The visit

    /// One citizen's visit, from reading the card to "done"; how it ended.
    func visit(reader: String) async -> VisitEnd {
        let session: EphemeralStore
        do { session = try EphemeralStore(label: "kiosk") } catch { return .failed(words.somethingWentWrong) }
        sessionDirectory = session.directory
        defer { session.destroy(); sessionDirectory = nil }
        do {
            try await steps(reader: reader, store: session.store)
            return .done
        } catch let end as VisitEnd {
            return end
        } catch is NoVisit {
            return .cardRemoved
        } catch let error as ClientError {
            return .failed(words.problem(error))
        } catch SyncError.client(let error) {
            return .failed(words.problem(error))
        } catch let error as CardError {
            return .failed(words.problem(error))
        } catch let failure as CLIFailure {
            settings.staffLog.write("visit failed: " + failure.message)
            return .failed(words.somethingWentWrong)
        } catch {
            settings.staffLog.write("visit failed: \(type(of: error))")
            return .failed(words.somethingWentWrong)
        }
    }

    func steps(reader: String, store: Store) async throws {
        var clock = Inactivity(timeout: settings.timeout)
        screen.page(title: title, status: "", body: "\n\n    " + words.t("Reading the card…", "กำลังอ่านบัตร…") + "\n")
        let card = try await readCard(reader)
        if card.isExpired(today: CivilDateTime.from(Date())) { throw CardError.expired(card.expiryDate?.description ?? "") }
        self.card = card
        guard cycle.cardRead() == .logIn else { return }
        let services = try ServiceSettings(config: settings.config).services()
        var account = try settings.config.clientAccount()
        account.hospitalCode = settings.hospitalCode.value
        try await ServerOptions().withService(services) { service in
            let clientToken = try await service.clientToken(account)
            let credential = try await login(card.cid, service: service, clientToken: clientToken, reader: reader, clock: &clock)
            guard cycle.loggedIn() == .sync else { return }
            try await sync(service: service, store: store, credential: credential, reader: reader)
            clock.touch()
            let person = try store.record(RecordQuery(kinds: [])).person
            if case .confirmIdentity(let found) = cycle.synced(IdentityCheck.compare(card: card, record: person)) {
                try await confirmIdentity(found, reader: reader, clock: &clock)
                _ = cycle.staffConfirmed()
            }
            try await menu(store: store, reader: reader, clock: &clock, service: service, credential: credential)
        }
    }

    /// The greeting, in the visit's language.
    var greeting: String {
        guard let card else { return "" }
        return words.thai ? "สวัสดีค่ะ คุณ\(CardText.name(PersonName(first: card.nameTH.first, middle: card.nameTH.middle, last: card.nameTH.last)))  (\(card.cid.masked))"
            : "Hello, \(CardText.englishName(card.nameEN))  (\(card.cid.masked))"
    }

    /// The login step. Way 2: the card alone gets the OTP (the kiosk acts as the unit's card
    /// agent; no phone). When the service refuses the card, the citizen may choose the OTP
    /// sent to the หมอพร้อม app instead (way 1), typed here, masked.
    func login(_ cid: CitizenID, service: PHRService, clientToken: String, reader: String,
               clock: inout Inactivity) async throws -> Credential {
        screen.page(title: title, status: "", body: greeting + "\n\n    " + words.t("Checking your card with the PHR service…", "กำลังตรวจสอบบัตรกับระบบ PHR…") + "\n")
        let client = try settings.config.cardClient()
        do throws(ClientError) {
            let otp = try await service.cardOTP(cid: cid.digits, client: client, clientToken: clientToken)
            return .otp(cid: cid.digits, otp: otp, clientToken: clientToken)
        } catch {
            guard case .cardLoginRefused(let why) = error else { throw error }
            settings.staffLog.write("card login refused: " + Sanitize.line(why, limit: 200))
        }
        let body = greeting + "\n\n    " + words.t("The PHR service did not accept the card login.", "ระบบ PHR ไม่รับการเข้าสู่ระบบด้วยบัตร") +
            "\n    " + words.t("Enter: send an OTP to your หมอพร้อม app instead · q: cancel", "Enter: ส่งรหัส OTP ไปที่แอปหมอพร้อมแทน · q: ยกเลิก")
        while true {
            let key = try await nextKey(body, help: "", reader: reader, clock: &clock)
            if key == .enter { break }
            if key == .character("q") || key == .character("Q") { throw VisitEnd.cancelled }
        }
        try await service.requestOTP(cid: cid.digits, clientToken: clientToken)
        var problem = ""
        while true {
            let typed = try await ask(greeting + "\n\n    " + words.t("An OTP was sent to your หมอพร้อม app.", "ส่งรหัส OTP ไปที่แอปหมอพร้อมแล้ว") +
                                      "\n    " + problem, prompt: words.t("OTP: ", "รหัส OTP: "), masked: true, reader: reader, clock: &clock)
            let otp = typed.trimmingCharacters(in: .whitespaces).uppercased()
            do throws(ClientError) {
                try await service.validateOTP(cid: cid.digits, otp: otp, clientToken: clientToken)
                return .otp(cid: cid.digits, otp: otp, clientToken: clientToken)
            } catch {
                guard case .wrongOTP(let left) = error else { throw error }
                problem = words.wrongOTP(left: left)
            }
        }
    }

    /// Reads the card just inserted. A reader that has not settled yet may call a present card
    /// absent: only when it is really gone does the visit end as "card removed".
    func readCard(_ reader: String) async throws -> ThaiIDCard {
        try? await Task.sleep(for: .milliseconds(500))   // some readers report a card before its ATR settles
        var attempt = 0
        while true {
            do throws(CardError) {
                let context = try PCSCContext()
                return try ThaiIDCardReader(try context.connect(reader)).read()
            } catch {
                attempt += 1
                guard error == .removed || error == .noCard else { throw error }
                let present = cardIn(reader)
                // Gone before a single field was read: the reader's "present" was stale (the
                // last card, just pulled). No visit started; wait for the next card quietly.
                if !present && attempt == 1 { throw NoVisit() }
                guard present, attempt < 3 else { throw VisitEnd.cardRemoved }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Syncs into the visit's store with a progress line, watching the card.
    func sync(service: PHRService, store: Store, credential: Credential, reader: String) async throws {
        let progress = NIOLockedValueBox((done: 0, total: 0, finished: false))
        let task = Task { () throws -> SyncSummary in
            defer { progress.withLockedValue { $0.finished = true } }
            return try await Syncer(service: service, store: store, credential: credential).run { event in
                if case .progress(let done, let total, _) = event { progress.withLockedValue { $0.done = done; $0.total = total } }
            }
        }
        screen.page(title: title, status: "", body: greeting + "\n\n    " + words.t("Fetching your record…", "กำลังดึงข้อมูลสุขภาพ…") + "\n")
        var last = ""
        while true {
            let now = progress.withLockedValue { $0 }
            let line = "\r    \(now.done)/\(max(now.total, now.done))    "
            if line != last { screen.write(line); last = line }
            var end: VisitEnd?
            if !cardIn(reader) { end = .cardRemoved }
            else if KioskSignals.stopRequested { end = .stopped }
            else if screen.next() == .interrupt { end = .cancelled }   // waits up to 200 ms for a key
            if let end {
                task.cancel()
                _ = await task.result
                throw end
            }
            if now.finished {
                guard case .failure(let error) = await task.result else { return }
                throw error
            }
        }
    }

    /// The card and the record name different people: both are shown; the visit goes on only
    /// when a staff member types the configured code (without one, it ends here).
    func confirmIdentity(_ found: [IdentityMismatch], reader: String, clock: inout Inactivity) async throws {
        let lines = words.mismatch(found)
        settings.staffLog.write("identity check: card and record differ in " + found.map { if case .name = $0 { "name" } else { "birth date" } }.joined(separator: " and ") + "; visit held for staff")
        let warning = words.t("⚠ The card and the health record do not match:", "⚠ ข้อมูลบนบัตรไม่ตรงกับข้อมูลสุขภาพ:") + "\n\n    " +
            lines.joined(separator: "\n    ")
        guard let code = settings.staffConfirmCode else {
            screen.page(title: title, status: "", body: "\n    " + warning + "\n\n    " + words.ended(.identityNotConfirmed) + "\n")
            try? await Task.sleep(for: .seconds(5))
            throw VisitEnd.identityNotConfirmed
        }
        var problem = ""
        while true {
            let typed = try await ask("\n    " + warning + "\n\n    " + words.t("Please ask the staff to check your ID and confirm.", "กรุณาให้เจ้าหน้าที่ตรวจสอบบัตรและยืนยัน") +
                                      "\n    " + problem, prompt: words.t("Staff code (Esc: cancel): ", "รหัสเจ้าหน้าที่ (Esc: ยกเลิก): "),
                                      masked: true, reader: reader, clock: &clock)
            if typed == code {
                settings.staffLog.write("identity check: confirmed by staff")
                return
            }
            problem = words.t("Wrong staff code.", "รหัสเจ้าหน้าที่ไม่ถูกต้อง")
        }
    }

    /// The menu, until "done": one key chooses.
    func menu(store: Store, reader: String, clock: inout Inactivity, service: PHRService, credential: Credential) async throws {
        let entries = MenuEntry.menu(actions: settings.actions)
        while true {
            let record = try ViewOptions.read(store, RecordQuery())
            let text = RecordText(display(), unitsFrom: record)
            let lines = entries.map { "  \($0.key)  " + label($0.entry, text) }
            let key = try await nextKey(([greeting, ""] + lines).joined(separator: "\n"),
                                        help: words.t("Press a key to choose:", "เลือก: กดปุ่มที่ต้องการ"), reader: reader, clock: &clock)
            guard case .character(let c) = key, let entry = entries.first(where: { $0.key == Character(c.lowercased()) })?.entry else { continue }
            switch entry {
            case .done: return
            case .language: words.thai.toggle()
            case .summary: try await show(text.summary(record, today: CivilDateTime.from(Date())), reader: reader, clock: &clock)
            case .kind(let kind): try await show(text.section(kind, record), reader: reader, clock: &clock)
            case .print: try await show(try await printPDF(store, reader: reader, clock: &clock), reader: reader, clock: &clock)
            case .export: try await show(try exportPDF(store), reader: reader, clock: &clock)
            case .share: try await show(try await share(service: service, credential: credential), reader: reader, clock: &clock)
            }
        }
    }

    func label(_ entry: MenuEntry, _ text: RecordText) -> String {
        switch entry {
        case .summary: return words.t("Summary", "สรุปข้อมูลสุขภาพ")
        case .kind(let kind): return text.title(kind)
        case .print: return words.t("Print (PDF)", "พิมพ์ (PDF)")
        case .export: return words.t("Save a PDF to the USB drive", "บันทึก PDF ลง USB")
        case .share: return words.t("Share a consent code with this unit", "ให้รหัสยินยอมกับหน่วยบริการนี้")
        case .language: return words.t("ภาษาไทย", "English")
        case .done: return words.t("Done (wipe everything)", "เสร็จสิ้น (ลบข้อมูลทั้งหมด)")
        }
    }

    // MARK: Actions

    /// Prints in the background with "printing…" on the screen; the card and the inactivity
    /// clock are still watched, and a wipe cancels the print and removes its file.
    func printPDF(_ store: Store, reader: String, clock: inout Inactivity) async throws -> String {
        guard let command = settings.printerCommand else { return "" }
        // In the visit's own directory, so a crash before the unlink leaves it for the sweep.
        let base = (sessionDirectory ?? EphemeralStore.base()) + "/print-\(UUID().uuidString)"
        try writePDF(store, to: base + ".pdf")
        let job = PrintJob(command: command, timeout: settings.printTimeout, log: settings.staffLog,
                           searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        let outcome = NIOLockedValueBox<PrintJob.Outcome?>(nil)
        let task = Task {
            let result = await job.run(file: base + ".pdf", errorFile: base + ".err")
            outcome.withLockedValue { $0 = result }
        }
        let body = greeting + "\n\n    " + words.t("Printing… please wait by the printer.", "กำลังพิมพ์… กรุณารอรับเอกสารที่เครื่องพิมพ์")
        do {
            var first = true
            while outcome.withLockedValue({ $0 }) == nil {
                _ = try await nextKey(body, help: "", reader: reader, clock: &clock, once: true, redraw: first)
                first = false
            }
        } catch {
            task.cancel()
            await task.value
            throw error
        }
        return outcome.withLockedValue { $0 } == .printed ? words.t("Sent to the printer.", "ส่งไปพิมพ์แล้ว")
            : words.t("The printer failed; please ask the staff.", "พิมพ์ไม่สำเร็จ กรุณาแจ้งเจ้าหน้าที่")
    }

    /// Saves the PDF to the USB drive, only when one is mounted at `export_dir`.
    func exportPDF(_ store: Store) throws -> String {
        guard let dir = settings.exportDir else { return "" }
        let probe = USBDrive.Probe(sysfsRoot: ProcessInfo.processInfo.environment["PHR_KIOSK_SYSFS_ROOT"] ?? "/sys")
        guard let drive = probe.drive(at: dir) else {
            settings.staffLog.write("usb: nothing removable mounted at \(dir)")
            return words.t("No USB stick found: please insert a USB stick and choose again. Nothing was saved.",
                           "ไม่พบ USB กรุณาเสียบ USB แล้วเลือกใหม่อีกครั้ง ยังไม่ได้บันทึกข้อมูล")
        }
        guard drive.freeBytes >= 2 << 20 else {
            return words.t("The USB stick is full: please use another one. Nothing was saved.", "USB เต็ม กรุณาใช้ USB อันอื่น ยังไม่ได้บันทึกข้อมูล")
        }
        let stamp = Int(Date().timeIntervalSince1970)
        let path = drive.mountPoint + "/phr-record-\(stamp).pdf"
        try writePDF(store, to: path)
        let free = String(format: "%.1f", Double(drive.freeBytes) / 1_048_576)
        return words.t("Saved to the USB stick: ", "บันทึกลง USB แล้ว: ") + (path as NSString).lastPathComponent +
            words.t(" (\(free) MB were free)", " (ก่อนบันทึกมีที่ว่าง \(free) MB)") +
            words.t("\n\n    The file is not encrypted: keep the stick safe.", "\n\n    ไฟล์นี้ไม่ได้เข้ารหัส กรุณาเก็บ USB ให้ปลอดภัย")
    }

    func share(service: PHRService, credential: Credential) async throws -> String {
        let grant = PHRService.ConsentRequest(kinds: RecordKind.allCases, audience: settings.hospitalCode, lifetime: 86_400, maxUses: 3)
        let info = try await service.createConsent(grant, as: credential)
        guard let text = info.code, let code = try? ConsentCode(text), case .otp(let cid, _, _) = credential, let citizen = try? CitizenID(cid) else {
            return words.t("No code came back; please try again or ask the staff.", "ไม่ได้รับรหัส กรุณาลองใหม่ หรือติดต่อเจ้าหน้าที่")
        }
        let link = ConsentLink(citizen: citizen, code: code)
        let qr = (try? Shares.qr(link).terminalText()) ?? ""
        return words.t("Consent code for unit ", "รหัสยินยอมสำหรับหน่วยบริการ ") + settings.hospitalCode.value + ":  " + code.grouped +
            words.t("  (24 hours, 3 uses)", "  (24 ชั่วโมง ใช้ได้ 3 ครั้ง)") + "\n" + qr
    }

    /// The visit's record as a PDF report (the same as `phr export --format pdf`), in the
    /// visit's language; the kiosk warns about it on its own screen.
    func writePDF(_ store: Store, to path: String) throws {
        let (summary, tally) = try ViewOptions.summary(store)
        let report = try ExportCommand.pdfReport(store, scope: .whole, summary: summary, tally: tally, rows: 40,
                                                 options: display(width: 100), fullCID: false)
        try ExportFile.write(to: path, force: false) { file throws(ExportError) in
            guard report.write(to: .file(file)) else { throw .cannotWrite(file, reason: "the PDF could not be written (disk full?)") }
        }
    }

    // MARK: Input

    /// Shows `body` (with `help` as its last line) and returns the next key. Watches the card,
    /// the inactivity clock (countdown in the title bar) and signals; Ctrl-C cancels at once,
    /// a bare Esc asks first. `once`: return ``KioskKey/ignored`` when no key came within one
    /// wait (200 ms); `redraw`: draw the page first.
    func nextKey(_ body: String, help: String, reader: String, clock: inout Inactivity, once: Bool = false,
                 redraw: Bool = true) async throws -> KioskKey {
        if redraw { screen.page(title: title, status: "", body: body + "\n\n" + help) }
        var lastSecond = -1
        var lastCardCheck = ContinuousClock.now - .seconds(1)
        while true {
            if KioskSignals.stopRequested { throw VisitEnd.stopped }
            let left = clock.secondsLeft
            if left <= 0 { throw VisitEnd.timedOut }
            if left != lastSecond {
                screen.updateTitle(title, words.t("\(left) s left", "เหลือ \(left) วินาที"))
                lastSecond = left
            }
            if ContinuousClock.now - lastCardCheck >= .milliseconds(400) {
                lastCardCheck = ContinuousClock.now
                if !cardIn(reader) { throw VisitEnd.cardRemoved }
            }
            guard let key = screen.next() else {
                if once { return .ignored }
                continue
            }
            clock.touch()
            switch key {
            case .interrupt: throw VisitEnd.cancelled
            case .escape:
                let confirm = try await nextKey("\n\n    " + words.t("Cancel and wipe everything now?", "ยกเลิกและลบข้อมูลทั้งหมดตอนนี้หรือไม่"),
                                                help: words.t("y: yes, wipe · any other key: go back", "y: ใช่ ลบเลย · ปุ่มอื่น: กลับ"),
                                                reader: reader, clock: &clock)
                if confirm == .character("y") || confirm == .character("Y") { throw VisitEnd.cancelled }
                screen.page(title: title, status: "", body: body + "\n\n" + help)
                lastSecond = -1
                if once { return .ignored }
            case .ignored: if once { return .ignored }
            default: return key
            }
        }
    }

    /// A typed line (ended by Enter); `masked` shows • for each character.
    func ask(_ body: String, prompt: String, masked: Bool = false, reader: String, clock: inout Inactivity) async throws -> String {
        var typed = ""
        var redraw = true
        while true {
            let key = try await nextKey(body, help: prompt + (masked ? String(repeating: "•", count: typed.count) : typed),
                                        reader: reader, clock: &clock, redraw: redraw)
            redraw = false
            switch key {
            case .enter: return typed
            case .backspace:
                if !typed.isEmpty { typed.removeLast(); screen.write("\u{8} \u{8}") }
            case .character(let c):
                if typed.count < 40 { typed.append(c); screen.write(masked ? "•" : String(c)) }
            default: continue
            }
        }
    }

    /// Text in screen-sized pages with its header on each: ↑/↓, PgUp/PgDn, Home/End scroll,
    /// Enter the next page, d jumps to a date, q (or Enter on the last page) goes back.
    func show(_ text: String, reader: String, clock: inout Inactivity) async throws {
        var pager = Pager(text, rows: screen.rows - 4)
        var note = ""
        while true {
            let (page, pages) = pager.position
            let help = pager.fitsOnePage ? words.t("Enter or q: back", "Enter หรือ q: กลับ")
                : words.t("↑↓ PgUp PgDn Home End: scroll · Enter: next page · d: date · q: back  (\(page)/\(pages))",
                          "↑↓ PgUp PgDn Home End: เลื่อน · Enter: หน้าถัดไป · d: วันที่ · q: กลับ  (\(page)/\(pages))")
            let key = try await nextKey(pager.visible.joined(separator: "\n") + (note.isEmpty ? "" : "\n" + note), help: help, reader: reader, clock: &clock)
            note = ""
            switch key {
            case .character("q"), .character("Q"): return
            case .enter where pager.atEnd: return
            case .character("d"), .character("D"):
                let date = try await ask(words.t("Jump to a date as shown in the list (e.g. 15/03/2566 or 03/2566):", "ไปยังวันที่ตามที่แสดงในรายการ (เช่น 15/03/2566 หรือ 03/2566):"),
                                         prompt: words.t("Date: ", "วันที่: "), reader: reader, clock: &clock)
                if !pager.jump(to: date.trimmingCharacters(in: .whitespaces)) {
                    note = words.t("No entry on \(date).", "ไม่มีรายการวันที่ \(date)")
                }
            default: pager.scroll(key)
            }
        }
    }

    // MARK: Helpers

    /// Whether a card is in `reader` now (pcscd gone counts as no card: the visit ends).
    func cardIn(_ reader: String) -> Bool {
        (try? PCSCContext().cardPresent(reader)) ?? false
    }

    /// What the kiosk shows: the visit's language, no colour, no hints at `phr` commands or files.
    func display(width: Int = 80) -> DisplayOptions {
        var options = DisplayOptions(language: words.thai ? .th : .en, color: false, width: width)
        options.commandHints = false
        return options
    }
    var title: String { "phr kiosk · " + settings.hospitalCode.value }
}

/// The inactivity clock: the visit is wiped when it runs out.
struct Inactivity {
    let timeout: TimeInterval
    private var last = ContinuousClock.now
    init(timeout: TimeInterval) { self.timeout = timeout }
    mutating func touch() { last = ContinuousClock.now }
    var secondsLeft: Int {
        let elapsed = ContinuousClock.now - last
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Int((timeout - seconds).rounded(.up))
    }
}
