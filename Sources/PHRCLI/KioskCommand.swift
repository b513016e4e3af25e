import ArgumentParser
import Foundation
import PHRCard
import PHRClient
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
            timeout_seconds (default 120), printer_command (the PDF path is appended), \
            export_dir (a USB mount), actions (summary,kinds,print,export,share), language (th|en). \
            A visit's record lives only in an ephemeral encrypted store whose key is in memory.
            """)

    @Option(help: ArgumentHelp("The kiosk settings file.", valueName: "file"))
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
    var printerCommand: [String]?
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
        printerCommand = config["printer_command"].map { $0.split(separator: " ").map(String.init) }.flatMap { $0.isEmpty ? nil : $0 }
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

/// One kiosk: the loop of visits.
final class Kiosk {
    let settings: KioskSettings
    let screen = KioskTerminal()
    var thai: Bool
    /// The current visit's private directory (its store, and a PDF on its way to the printer).
    var sessionDirectory: String?

    init(settings: KioskSettings) {
        self.settings = settings
        thai = settings.thai
    }

    /// Why a visit ended early.
    enum End: Error {
        case cardRemoved, timedOut, cancelled, stopped
        /// The card was gone before it could be read: nothing to wipe, nothing to say.
        case noVisit
    }

    func run(visits: Int?) async throws {
        KioskSignals.install()
        EphemeralStore.sweep(label: "kiosk")   // a crashed visit's ciphertext (its key died with it)
        defer { screen.wipe(); screen.restore() }
        var served = 0
        while visits.map({ served < $0 }) ?? true {
            if KioskSignals.stopRequested { return }
            guard let reader = try waitForCard() else { return }
            served += 1
            let session: EphemeralStore
            do { session = try EphemeralStore(label: "kiosk") } catch { throw error.cliFailure }
            sessionDirectory = session.directory
            defer { sessionDirectory = nil }
            var reason = ""
            var removed = false
            do {
                try await visit(reader: reader, store: session.store)
                reason = t("Thank you. Please take your card.", "ขอบคุณค่ะ กรุณารับบัตรคืน")
            } catch End.cardRemoved {
                removed = true
                reason = t("The card was removed: everything was wiped.", "นำบัตรออกแล้ว ข้อมูลทั้งหมดถูกลบ")
            } catch End.timedOut {
                reason = t("No activity: everything was wiped.", "ไม่มีการใช้งาน ข้อมูลทั้งหมดถูกลบ")
            } catch End.cancelled {
                reason = t("Cancelled: everything was wiped.", "ยกเลิกแล้ว ข้อมูลทั้งหมดถูกลบ")
            } catch End.stopped {
                session.destroy()
                return
            } catch End.noVisit {
                session.destroy()
                served -= 1
                continue
            } catch let failure as CLIFailure {
                reason = Sanitize.line(thai ? (failure.messageTH ?? failure.message) : failure.message, limit: 300)
            } catch {
                reason = t("Something went wrong; everything was wiped.", "เกิดข้อผิดพลาด ข้อมูลทั้งหมดถูกลบ")
            }
            session.destroy()
            screen.wipe()
            await goodbye(reason, reader: reader, cardWasRemoved: removed)
        }
    }

    // MARK: Screens

    /// "Insert your card" until one is in a reader; nil when asked to stop.
    func waitForCard() throws -> String? {
        var shown = false
        while !KioskSignals.stopRequested {
            do throws(CardError) {
                let context = try PCSCContext()
                let readers = try context.readers()
                guard !readers.isEmpty else { throw CardError.noReader }
                let candidates = settings.reader.map { [$0] } ?? readers
                if !shown {
                    screen.page(title: title, status: "", body: "\n\n" + t("    Please insert your Thai national ID card.", "    กรุณาเสียบบัตรประจำตัวประชาชน") +
                                "\n\n" + t("    (L: ภาษาไทย)", "    (L: English)") + "\n")
                    shown = true
                }
                if let state = try context.waitForCard(in: candidates, timeout: 0.5) {
                    Thread.sleep(forTimeInterval: 0.5)   // some readers report a card before its ATR settles
                    return state.name
                }
            } catch {
                screen.page(title: title, status: "", body: "\n\n    " + error.description + "\n")
                shown = false
                Thread.sleep(forTimeInterval: 2)
            }
            if case .key(let k) = screen.next(), k == "l" || k == "L" { thai.toggle(); shown = false }
        }
        return nil
    }

    /// Shows why the visit ended for 3 seconds, and longer while the card is still in (at
    /// most 30 s), so the next citizen never meets this one's card. After a removal, a card in
    /// the reader is the next citizen's: the message gives way to it at once.
    func goodbye(_ message: String, reader: String, cardWasRemoved: Bool) async {
        screen.page(title: title, status: "", body: "\n\n    " + message + "\n")
        let start = Date()
        while Date().timeIntervalSince(start) < 30, !KioskSignals.stopRequested {
            let present = cardIn(reader)
            let seen = Date().timeIntervalSince(start) >= 3
            if cardWasRemoved {
                if present || seen { break }   // the next citizen's card, or the message was shown
            } else if !present && seen {
                break                          // the card was taken
            }
            _ = screen.next()
        }
    }

    /// One citizen's visit, from reading the card to "done".
    func visit(reader: String, store: Store) async throws {
        var clock = Inactivity(timeout: settings.timeout)
        screen.page(title: title, status: "", body: "\n\n    " + t("Reading the card…", "กำลังอ่านบัตร…") + "\n")
        let card = try readCard(reader)
        if card.isExpired(today: CivilDateTime.from(Date())) { throw CardError.expired(card.expiryDate?.description ?? "").cliFailure }
        let greeting = thai ? "สวัสดีค่ะ คุณ\(CardText.name(PersonName(first: card.nameTH.first, middle: card.nameTH.middle, last: card.nameTH.last)))  (\(card.cid.masked))" : "Hello, \(CardText.englishName(card.nameEN))  (\(card.cid.masked))"
        let services = try ServiceSettings(config: settings.config).services()
        var account = try settings.config.clientAccount()
        account.hospitalCode = settings.hospitalCode.value
        try await ServerOptions().withService(services) { service in
            let clientToken = try await service.clientToken(account)
            let credential = try await login(card.cid, service: service, clientToken: clientToken, greeting: greeting,
                                             reader: reader, clock: &clock)
            try await sync(service: service, store: store, credential: credential, greeting: greeting, reader: reader)
            clock.touch()
            try await menu(store: store, greeting: greeting, reader: reader, clock: &clock, service: service, credential: credential)
        }
    }

    /// The login step. Way 2: the card alone gets the OTP (the kiosk acts as the unit's card
    /// agent; no phone). When the service refuses the card, the citizen may choose the OTP
    /// sent to the หมอพร้อม app instead (way 1), typed here.
    func login(_ cid: CitizenID, service: PHRService, clientToken: String, greeting: String, reader: String,
               clock: inout Inactivity) async throws -> Credential {
        screen.page(title: title, status: "", body: greeting + "\n\n    " + t("Checking your card with the PHR service…", "กำลังตรวจสอบบัตรกับระบบ PHR…") + "\n")
        let client = try settings.config.cardClient()
        do throws(ClientError) {
            let otp = try await service.cardOTP(cid: cid.digits, client: client, clientToken: clientToken)
            return .otp(cid: cid.digits, otp: otp, clientToken: clientToken)
        } catch {
            guard case .cardLoginRefused = error else { throw error }
        }
        let choice = try ask(greeting + "\n\n    " + t("The PHR service did not accept the card login.", "ระบบ PHR ไม่รับการเข้าสู่ระบบด้วยบัตร") +
                             "\n    " + t("Enter: send an OTP to your หมอพร้อม app instead · q: cancel", "Enter: ส่งรหัส OTP ไปที่แอปหมอพร้อมแทน · q: ยกเลิก"),
                             prompt: "", reader: reader, clock: &clock)
        if choice.lowercased() == "q" { throw End.cancelled }
        try await service.requestOTP(cid: cid.digits, clientToken: clientToken)
        var problem = ""
        while true {
            let typed = try ask(greeting + "\n\n    " + t("An OTP was sent to your หมอพร้อม app.", "ส่งรหัส OTP ไปที่แอปหมอพร้อมแล้ว") +
                                "\n    " + problem, prompt: t("OTP: ", "รหัส OTP: "), reader: reader, clock: &clock)
            let otp = typed.trimmingCharacters(in: .whitespaces).uppercased()
            do throws(ClientError) {
                try await service.validateOTP(cid: cid.digits, otp: otp, clientToken: clientToken)
                return .otp(cid: cid.digits, otp: otp, clientToken: clientToken)
            } catch {
                guard case .wrongOTP = error else { throw error }
                problem = t("Wrong OTP; check หมอพร้อม and type it again.", "รหัส OTP ไม่ถูกต้อง กรุณาตรวจสอบแล้วพิมพ์ใหม่")
            }
        }
    }

    /// Reads the card just inserted. A reader that has not settled yet may call a present card
    /// absent: only when it is really gone does the visit end as "card removed".
    func readCard(_ reader: String) throws -> ThaiIDCard {
        var attempt = 0
        while true {
            do throws(CardError) {
                let context = try PCSCContext()
                return try ThaiIDCardReader(try context.connect(reader)).read()
            } catch {
                attempt += 1
                guard error == .removed || error == .noCard else { throw error.cliFailure }
                let present = cardIn(reader)
                // Gone before a single field was read: the reader's "present" was stale (the
                // last card, just pulled). No visit started; wait for the next card quietly.
                if !present && attempt == 1 { throw End.noVisit }
                guard present, attempt < 3 else { throw End.cardRemoved }
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// Syncs into the visit's store with a progress line, watching the card.
    func sync(service: PHRService, store: Store, credential: Credential, greeting: String, reader: String) async throws {
        let progress = ProgressBox()
        let task = Task { () throws -> SyncSummary in
            defer { progress.finish() }
            return try await Syncer(service: service, store: store, credential: credential).run { event in
                if case .progress(let done, let total, _) = event { progress.set(done, total) }
            }
        }
        screen.page(title: title, status: "", body: greeting + "\n\n    " + t("Fetching your record…", "กำลังดึงข้อมูลสุขภาพ…") + "\n")
        var last = ""
        while true {
            let (done, total) = progress.get()
            let line = "\r    \(done)/\(max(total, done))    "
            if line != last { screen.write(line); last = line }
            var end: End?
            if !cardIn(reader) { end = .cardRemoved }
            else if KioskSignals.stopRequested { end = .stopped }
            else if case .cancel = screen.next() { end = .cancelled }   // waits up to 200 ms for a key
            if let end {
                task.cancel()
                _ = await task.result
                throw end
            }
            if progress.finished {
                guard case .failure(let error) = await task.result else { return }
                throw (error as? SyncError)?.cliFailure ?? error
            }
        }
    }

    /// The menu, until "done".
    func menu(store: Store, greeting: String, reader: String, clock: inout Inactivity, service: PHRService, credential: Credential) async throws {
        let kinds = RecordKind.allCases
        while true {
            let record = try ViewOptions.read(store, RecordQuery())
            let text = RecordText(display, unitsFrom: record)
            var lines = [greeting, ""]
            if settings.actions.contains("summary") { lines.append("  1  " + t("Summary", "สรุปข้อมูลสุขภาพ")) }
            if settings.actions.contains("kinds") {
                for (i, kind) in kinds.enumerated() { lines.append("  \(i + 2)  " + text.title(kind)) }
            }
            if settings.actions.contains("print") { lines.append("  p  " + t("Print (PDF)", "พิมพ์ (PDF)")) }
            if settings.actions.contains("export") { lines.append("  e  " + t("Save a PDF to the USB drive", "บันทึก PDF ลง USB")) }
            if settings.actions.contains("share") { lines.append("  s  " + t("Share a consent code with this unit", "ให้รหัสยินยอมกับหน่วยบริการนี้")) }
            lines += ["  l  " + t("ภาษาไทย", "English"), "  q  " + t("Done (wipe everything)", "เสร็จสิ้น (ลบข้อมูลทั้งหมด)")]
            let choice = try ask(lines.joined(separator: "\n"), prompt: t("Choose: ", "เลือก: "), reader: reader, clock: &clock)
            switch choice.lowercased() {
            case "q": return
            case "l": thai.toggle()
            case "1" where settings.actions.contains("summary"):
                try show(text.summary(record, today: CivilDateTime.from(Date())), reader: reader, clock: &clock)
            case "p" where settings.actions.contains("print"):
                try show(try printPDF(store), reader: reader, clock: &clock)
            case "e" where settings.actions.contains("export"):
                try show(try exportPDF(store), reader: reader, clock: &clock)
            case "s" where settings.actions.contains("share"):
                try show(try await share(service: service, credential: credential), reader: reader, clock: &clock)
            default:
                if settings.actions.contains("kinds"), let n = Int(choice), (2...kinds.count + 1).contains(n) {
                    try show(text.section(kinds[n - 2], record), reader: reader, clock: &clock)
                }
            }
        }
    }

    // MARK: Actions

    func printPDF(_ store: Store) throws -> String {
        guard let command = settings.printerCommand else { return "" }
        // In the visit's own directory, so a crash before the unlink leaves it for the sweep.
        let path = (sessionDirectory ?? EphemeralStore.base()) + "/print-\(UUID().uuidString).pdf"
        defer { unlink(path) }
        try writePDF(store, to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + [path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return t("The printer command could not be started; ask the staff.", "สั่งพิมพ์ไม่ได้ กรุณาแจ้งเจ้าหน้าที่") }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? t("Sent to the printer.", "ส่งไปพิมพ์แล้ว") : t("The printer failed; ask the staff.", "พิมพ์ไม่สำเร็จ กรุณาแจ้งเจ้าหน้าที่")
    }

    func exportPDF(_ store: Store) throws -> String {
        guard let dir = settings.exportDir else { return "" }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            return t("No USB drive found; insert one and try again.", "ไม่พบ USB กรุณาเสียบแล้วลองใหม่")
        }
        let stamp = Int(Date().timeIntervalSince1970)
        let path = dir + "/phr-record-\(stamp).pdf"
        try writePDF(store, to: path)
        return t("Saved to the USB drive: ", "บันทึกลง USB แล้ว: ") + (path as NSString).lastPathComponent +
            t("\n\n    The file is not encrypted: keep the drive safe.", "\n\n    ไฟล์นี้ไม่ได้เข้ารหัส กรุณาเก็บ USB ให้ปลอดภัย")
    }

    func share(service: PHRService, credential: Credential) async throws -> String {
        let grant = PHRService.ConsentRequest(kinds: RecordKind.allCases, audience: settings.hospitalCode, lifetime: 86_400, maxUses: 3)
        let info = try await service.createConsent(grant, as: credential)
        guard let text = info.code, let code = try? ConsentCode(text), case .otp(let cid, _, _) = credential, let citizen = try? CitizenID(cid) else {
            return t("The server did not return a code.", "เซิร์ฟเวอร์ไม่ได้ส่งรหัสมา")
        }
        let link = ConsentLink(citizen: citizen, code: code)
        let qr = (try? Shares.qr(link).terminalText()) ?? ""
        return t("Consent code for unit ", "รหัสยินยอมสำหรับหน่วยบริการ ") + settings.hospitalCode.value + ":  " + code.grouped +
            t("  (24 hours, 3 uses)", "  (24 ชั่วโมง ใช้ได้ 3 ครั้ง)") + "\n" + qr
    }

    /// The visit's record as a PDF report (the same as `phr export --format pdf`), in the
    /// kiosk's language; the kiosk warns about it on its own screen.
    func writePDF(_ store: Store, to path: String) throws {
        try ExportCommand.parse(["--format", "pdf", "-o", path, "--lang", thai ? "th" : "en"]).export(from: store, warn: false)
    }

    // MARK: Input

    /// A page with a prompt; returns the typed line. Watches the card, the inactivity clock
    /// (countdown in the title bar) and Ctrl-C.
    func ask(_ body: String, prompt: String, reader: String, clock: inout Inactivity) throws -> String {
        screen.page(title: title, status: "", body: body + "\n\n" + prompt)
        var typed = ""
        var lastSecond = -1
        var lastCardCheck = Date.distantPast
        while true {
            if KioskSignals.stopRequested { throw End.stopped }
            let left = clock.secondsLeft
            if left <= 0 { throw End.timedOut }
            if left != lastSecond {
                screen.updateTitle(title, t("\(left) s left", "เหลือ \(left) วินาที"))
                lastSecond = left
            }
            if Date().timeIntervalSince(lastCardCheck) >= 0.4 {
                lastCardCheck = Date()
                if !cardIn(reader) { throw End.cardRemoved }
            }
            switch screen.next() {
            case .tick: continue
            case .cancel: throw End.cancelled
            case .enter:
                clock.touch()
                return typed
            case .backspace:
                clock.touch()
                if !typed.isEmpty { typed.removeLast(); screen.write("\u{8} \u{8}") }
            case .key(let c):
                clock.touch()
                if typed.count < 40 { typed.append(c); screen.write(String(c)) }
            }
        }
    }

    /// Text in screen-sized pages: Enter shows the next page, q goes back to the menu.
    func show(_ text: String, reader: String, clock: inout Inactivity) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let perPage = max(5, screen.rows - 4)
        let pages = stride(from: 0, to: max(lines.count, 1), by: perPage).map { Array(lines[$0..<min($0 + perPage, lines.count)]) }
        for (i, page) in pages.enumerated() {
            let last = i == pages.count - 1
            let prompt = last ? t("Enter: back", "Enter: กลับ")
                : t("Enter: next page (\(i + 1)/\(pages.count)) · q: back", "Enter: หน้าถัดไป (\(i + 1)/\(pages.count)) · q: กลับ")
            let typed = try ask(page.joined(separator: "\n"), prompt: prompt, reader: reader, clock: &clock)
            if typed.lowercased() == "q" { return }
        }
    }

    // MARK: Helpers

    /// Whether a card is in `reader` now (pcscd gone counts as no card: the visit ends).
    func cardIn(_ reader: String) -> Bool {
        (try? PCSCContext().cardPresent(reader)) ?? false
    }

    var display: DisplayOptions { DisplayOptions(language: thai ? .th : .en, color: false, width: 80) }
    var title: String { "phr kiosk · " + settings.hospitalCode.value }
    func t(_ en: String, _ th: String) -> String { thai ? th : en }
}

/// The inactivity clock: the visit is wiped when it runs out.
struct Inactivity {
    let timeout: TimeInterval
    private var last = Date()
    init(timeout: TimeInterval) { self.timeout = timeout }
    mutating func touch() { last = Date() }
    var secondsLeft: Int { Int((timeout - Date().timeIntervalSince(last)).rounded(.up)) }
}

/// Sync progress shared between the sync task and the screen.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = (0, 0)
    private var done = false
    func set(_ done: Int, _ total: Int) { lock.lock(); value = (done, total); lock.unlock() }
    func get() -> (Int, Int) { lock.lock(); defer { lock.unlock() }; return value }
    func finish() { lock.lock(); done = true; lock.unlock() }
    var finished: Bool { lock.lock(); defer { lock.unlock() }; return done }
}

/// SIGTERM/SIGHUP ask the kiosk to wipe and stop; SIGINT is a key (Ctrl-C) in raw mode.
enum KioskSignals {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0
    static var stopRequested: Bool { flag != 0 }
    static func install() {
        signal(SIGTERM) { _ in KioskSignals.flag = 1 }
        signal(SIGHUP) { _ in KioskSignals.flag = 1 }
        signal(SIGINT) { _ in KioskSignals.flag = 1 }
    }
}
