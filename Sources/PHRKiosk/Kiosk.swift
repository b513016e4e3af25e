import Foundation
import NIOConcurrencyHelpers
import PHRCard
import PHRClient
import PHRModel
import PHRRender
import PHRShare
import PHRStore
import PHRSync

/// One kiosk: the cycle of visits (``KioskCycle`` decides; this class does the I/O: the
/// terminal, the card reader, the services through its ``KioskHost``).
public final class Kiosk {
    let settings: KioskSettings
    let host: any KioskHost
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

    public init(settings: KioskSettings, host: any KioskHost) {
        self.settings = settings
        self.host = host
        words = KioskWords(thai: settings.thai)
    }

    /// Serves visits until SIGTERM/SIGHUP (or `visits` of them), wiping after each.
    public func run(visits: Int?) async throws {
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
        } catch {
            settings.staffLog.write("visit failed: " + host.staffLine(error))
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
        let account = try host.clientAccount()
        try await host.withService { service in
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
        return words.thai ? "สวัสดีค่ะ คุณ\(Sanitize.line(PersonName(first: card.nameTH.first, middle: card.nameTH.middle, last: card.nameTH.last).display, limit: 120))  (\(card.cid.masked))"
            : "Hello, \(Sanitize.line(card.nameEN.display, limit: 120))  (\(card.cid.masked))"
    }

    /// The login step. Way 2: the card alone gets the OTP (the kiosk acts as the unit's card
    /// agent; no phone). When the service refuses the card, the citizen may choose the OTP
    /// sent to the หมอพร้อม app instead (way 1), typed here, masked.
    func login(_ cid: CitizenID, service: PHRService, clientToken: String, reader: String,
               clock: inout Inactivity) async throws -> Credential {
        screen.page(title: title, status: "", body: greeting + "\n\n    " + words.t("Checking your card with the PHR service…", "กำลังตรวจสอบบัตรกับระบบ PHR…") + "\n")
        let client = try host.cardClient()
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
            let record = try store.record(RecordQuery())
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
            case .measureBP:
                let said = try await measureBP(store, service: service, reader: reader, clock: &clock)
                if !said.isEmpty { try await show(said, reader: reader, clock: &clock) }   // empty: Esc, straight back
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
        case .measureBP: return words.t("Measure BP (sent to หมอพร้อม)", "วัดความดัน (ส่งเข้าหมอพร้อม)")
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
        let job = PrintJob(command: command, timeout: settings.printTimeout, log: settings.staffLog, searchPath: searchPath)
        let outcome = try await inBackground(greeting + "\n\n    " + words.t("Printing… please wait by the printer.", "กำลังพิมพ์… กรุณารอรับเอกสารที่เครื่องพิมพ์"),
                                             help: "", stoppable: false, busy: false, reader: reader, clock: &clock) {
            await job.run(file: base + ".pdf", errorFile: base + ".err")
        }
        return outcome == .printed ? words.t("Sent to the printer.", "ส่งไปพิมพ์แล้ว")
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
        let qr = (try? QRCode(link.text).terminalText()) ?? ""
        return words.t("Consent code for unit ", "รหัสยินยอมสำหรับหน่วยบริการ ") + settings.hospitalCode.value + ":  " + code.grouped +
            words.t("  (24 hours, 3 uses)", "  (24 ชั่วโมง ใช้ได้ 3 ครั้ง)") + "\n" + qr
    }

    // MARK: Measuring the blood pressure

    /// "Measure BP": typed in, or from the BP device when one is configured; checked like
    /// `phr measure add bp` (a refusal says why, three tries); shown for confirmation; then
    /// saved in the visit's store outbox and sent to SelfObservation for the card holder. The
    /// store is wiped with the visit, so a reading that could not be sent is said plainly.
    /// Esc goes back to the menu. Returns what to show the citizen (empty after Esc).
    func measureBP(_ store: Store, service: PHRService, reader: String, clock: inout Inactivity) async throws -> String {
        var entry = BPEntry()
        var note = ""
        while true {
            let heading = greeting + "\n\n    " + words.t("Measure your blood pressure", "วัดความดันโลหิต") + "\n" + (note.isEmpty ? "" : "\n    " + note + "\n")
            let given: BPInput?
            var device: String?
            if let bpDevice = settings.bpDevice {
                let key = try await nextKey(heading + "\n  1  " + words.t("Measure with the BP machine", "วัดด้วยเครื่องวัดความดัน") +
                                            "\n  2  " + words.t("Type the numbers in", "พิมพ์ค่าเอง"),
                                            help: words.t("Press 1 or 2 · Esc: back", "กด 1 หรือ 2 · Esc: กลับ"), reader: reader, clock: &clock, escapeBack: true)
                switch key {
                case .escape: return ""
                case .character("1"):
                    switch try await measure(with: bpDevice, heading: heading, reader: reader, clock: &clock) {
                    case .measured(let input):
                        given = input
                        device = Sanitize.line(bpDevice.name, limit: 60) + " (kiosk \(settings.hospitalCode.value))"
                    case .cancelled: return ""
                    case .failed:
                        note = words.t("The BP machine gave no reading. Please try again, or type the numbers in.",
                                       "เครื่องวัดความดันไม่ส่งค่ามา กรุณาลองใหม่ หรือพิมพ์ค่าเอง")
                        continue
                    }
                case .character("2"): given = try await typeBP(heading, reader: reader, clock: &clock)
                default: continue
                }
            } else {
                given = try await typeBP(heading, reader: reader, clock: &clock)
            }
            guard let given else { return "" }
            switch entry.offer(given) {
            case .askAgain(let problem, let left):
                note = words.refused(problem) + words.t(" (\(left) more tries)", " (ลองได้อีก \(left) ครั้ง)")
            case .giveUp(let problem):
                return words.refused(problem) + "\n\n    " + words.t("Nothing was saved. Please ask the staff to help you measure.",
                                                                    "ยังไม่ได้บันทึกค่าใด กรุณาให้เจ้าหน้าที่ช่วยวัด")
            case .confirm(let reading):
                let key = try await nextKey(greeting + "\n\n    " + words.reading(reading) + "\n\n    " +
                                            words.t("Send this reading to หมอพร้อม?", "ส่งค่านี้เข้าหมอพร้อมหรือไม่"),
                                            help: words.t("y or Enter: send · n or Esc: do not send", "y หรือ Enter: ส่ง · n หรือ Esc: ไม่ส่ง"),
                                            reader: reader, clock: &clock, escapeBack: true)
                guard key == .enter || key == .character("y") || key == .character("Y") else {
                    return words.t("Not sent; the reading was not kept.", "ไม่ได้ส่ง และไม่ได้เก็บค่านี้ไว้")
                }
                let said = try await send(reading, device: device ?? "kiosk \(settings.hospitalCode.value) (typed in)", store: store, service: service)
                clock.touch()   // the citizen waited for the service, not away
                return said
            }
        }
    }

    /// Systolic, diastolic and pulse typed in (Enter alone skips the pulse); nil on Esc.
    func typeBP(_ heading: String, reader: String, clock: inout Inactivity) async throws -> BPInput? {
        let help = heading + "\n    " + words.t("Type each number and press Enter · Esc: back", "พิมพ์ตัวเลขแล้วกด Enter · Esc: กลับ")
        guard let systolic = try await field(help, prompt: words.t("Upper number (systolic, mmHg): ", "ค่าตัวบน (มม.ปรอท): "),
                                             escapeBack: true, reader: reader, clock: &clock),
              let diastolic = try await field(help + "\n    " + words.t("Upper number: ", "ค่าตัวบน: ") + systolic,
                                              prompt: words.t("Lower number (diastolic, mmHg): ", "ค่าตัวล่าง (มม.ปรอท): "),
                                              escapeBack: true, reader: reader, clock: &clock),
              let pulse = try await field(help + "\n    " + words.t("Blood pressure: ", "ความดัน: ") + systolic + "/" + diastolic,
                                          prompt: words.t("Pulse (per minute; Enter: none): ", "ชีพจร (ครั้ง/นาที; Enter: ไม่มี): "),
                                          escapeBack: true, reader: reader, clock: &clock)
        else { return nil }
        let trim = { (s: String) in s.trimmingCharacters(in: .whitespaces) }
        return BPInput(systolic: trim(systolic), diastolic: trim(diastolic), pulse: trim(pulse))
    }

    /// Runs the BP device in the background with "measuring…" on the screen; the card, signals
    /// and Esc are still watched (the citizen sitting still for the cuff is not inactive).
    func measure(with device: BPDevice, heading: String, reader: String, clock: inout Inactivity) async throws -> BPDevice.Outcome {
        let directory = sessionDirectory ?? EphemeralStore.base()
        let (log, path) = (settings.staffLog, searchPath)
        return try await inBackground(heading + "\n    " + words.t("Measuring… please sit still and follow the BP machine.", "กำลังวัด… กรุณานั่งนิ่ง ๆ และทำตามเครื่องวัดความดัน"),
                                      help: words.t("Esc: stop", "Esc: หยุด"), stoppable: true, busy: true, reader: reader, clock: &clock) {
            await device.measure(in: directory, log: log, searchPath: path)
        } ?? .cancelled
    }

    /// Saves `reading` in the visit's outbox and sends it (``OutboxSender``) for the record's
    /// owner, who is the card holder (the record came with the card's consent); what the citizen is told.
    func send(_ reading: SelfReading, device: String, store: Store, service: PHRService) async throws -> String {
        let observations = reading.observations(takenAt: CivilDateTime.from(Date()), device: device)
        guard let card, try store.owner() == card.cid else {
            settings.staffLog.write("bp upload: the record's owner is not the card's citizen; nothing sent")
            throw VisitEnd.failed(words.somethingWentWrong)
        }
        try store.write { w in try w.queue(observations) }
        var report = OutboxReport()
        do {
            report = try await OutboxSender(service: service, store: store, account: try host.clientAccount(), system: host.systemName).flush()
        } catch {
            settings.staffLog.write("bp upload: the visit's store failed: \(type(of: error))")
        }
        if report.sent == observations.count {
            return words.reading(reading) + "\n\n    " + words.t("Sent to หมอพร้อม.", "ส่งเข้าหมอพร้อมแล้ว")
        }
        settings.staffLog.write("bp upload: \(report.sent) of \(observations.count) values sent" + (report.stopped.map { "; stopped: " + Self.staffReason($0) } ?? "; refused by the service"))
        return words.reading(reading) + "\n\n    " +
            words.t("⚠ This reading was NOT sent to หมอพร้อม, and the kiosk does not keep it. Please note it down, or ask the staff.",
                    "⚠ ค่านี้ยังไม่ได้ส่งเข้าหมอพร้อม และตู้นี้จะไม่เก็บค่าไว้ กรุณาจดค่าไว้ หรือแจ้งเจ้าหน้าที่")
    }

    /// A service failure in a few words for the staff log (no server text: it may echo the reading).
    static func staffReason(_ error: ClientError) -> String {
        switch error {
        case .unreachable, .gaveUp: return "service unreachable"
        case .refused(let status, _, _): return "refused (HTTP \(status))"
        case .unsuccessful(let code, _): return "refused (code \(code))"
        default: return "client error"
        }
    }

    /// The visit's record as a PDF report (the same as `phr export --format pdf`), in the
    /// visit's language; the kiosk warns about it on its own screen.
    func writePDF(_ store: Store, to path: String) throws {
        try host.writePDF(store, to: path, options: display(width: 100))
    }

    // MARK: Input

    /// Shows `body` (with `help` as its last line) and returns the next key. Watches the card,
    /// the inactivity clock (countdown in the title bar) and signals; Ctrl-C cancels at once,
    /// a bare Esc asks first (with `escapeBack` it is returned: "back", as in a measurement).
    /// `once`: return ``KioskKey/ignored`` when no key came within one wait (200 ms); `redraw`:
    /// draw the page first.
    func nextKey(_ body: String, help: String, reader: String, clock: inout Inactivity, once: Bool = false,
                 redraw: Bool = true, escapeBack: Bool = false) async throws -> KioskKey {
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
            case .escape where escapeBack: return .escape
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
        try await field(body, prompt: prompt, masked: masked, escapeBack: false, reader: reader, clock: &clock) ?? ""
    }

    /// A typed line (ended by Enter), or nil on a bare Esc when `escapeBack`.
    func field(_ body: String, prompt: String, masked: Bool = false, escapeBack: Bool, reader: String,
               clock: inout Inactivity) async throws -> String? {
        var typed = ""
        var redraw = true
        while true {
            let key = try await nextKey(body, help: prompt + (masked ? String(repeating: "•", count: typed.count) : typed),
                                        reader: reader, clock: &clock, redraw: redraw, escapeBack: escapeBack)
            redraw = false
            switch key {
            case .escape: return nil
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

    /// Runs `work` (the printer, the BP device) in the background with `body` on the screen,
    /// still watching the card, the inactivity clock and signals: a wipe cancels `work` (which
    /// stops its program) and waits for it before the visit ends. `stoppable`: Esc cancels it
    /// the same way and returns nil. `busy`: the citizen is occupied meanwhile (sitting for the
    /// cuff), so the inactivity clock does not run.
    func inBackground<T: Sendable>(_ body: String, help: String, stoppable: Bool, busy: Bool, reader: String, clock: inout Inactivity,
                                   _ work: @escaping @Sendable () async -> T) async throws -> T? {
        let result = NIOLockedValueBox<T?>(nil)
        let task = Task {
            let value = await work()
            result.withLockedValue { $0 = value }
        }
        do {
            var first = true
            while result.withLockedValue({ $0 }) == nil {
                let key = try await nextKey(body, help: help, reader: reader, clock: &clock, once: true, redraw: first, escapeBack: stoppable)
                first = false
                if busy { clock.touch() }
                if key == .escape {
                    task.cancel()
                    await task.value
                    return nil
                }
            }
        } catch {
            task.cancel()
            await task.value
            throw error
        }
        return result.withLockedValue { $0 }
    }

    /// `PATH` to look configured programs up on.
    var searchPath: String { ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin" }

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
