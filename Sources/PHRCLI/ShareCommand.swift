import ArgumentParser
import Foundation
import PHRClient
import PHRExport
import PHRModel
import PHRRender
import PHRShare
import PHRStore
import PHRSync
import PHRWire

/// `phr share`: consent codes that let a clinic read chosen parts of the record for a while.
struct ShareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Give a clinic a consent code: chosen kinds, one unit, until it expires or you revoke it.",
        discussion: """
            The clinic needs your citizen ID and the code (or the QR code, which holds both). \
            The server enforces what the code allows; `phr share log` shows who used it. \
            See docs/sharing.md.
            """,
        subcommands: [ShareCreate.self, ShareList.self, ShareRevoke.self, ShareLog.self])
}

/// Options every `phr share` subcommand needs: the server, the store (for the session).
struct ShareContext: ParsableArguments {
    @OptionGroup var server: ServerOptions
    @OptionGroup var store: StoreOptions

    /// Runs `body` with the logged-in citizen's credential and the service.
    func run<T>(_ body: (PHRService, Session, Store) async throws -> T) async throws -> T {
        let opened = try store.open()
        defer { opened.close() }
        return try await run(in: opened, body)
    }

    /// Runs `body` as ``run(_:)`` does, on a store already open.
    func run<T>(in opened: Store, _ body: (PHRService, Session, Store) async throws -> T) async throws -> T {
        try await server.withSession(in: opened, config: try Config.load()) { service, session in try await body(service, session, opened) }
    }
}

struct ShareCreate: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a consent code for a clinic.",
        discussion: """
            Example: phr share create --kinds vitals,meds,allergies --for 10699 --expires 24h --uses 3 --qr
            """)

    @Option(help: ArgumentHelp("Kinds the clinic may read (comma-separated, or all): vitals, conditions, meds, allergies, vaccines, coverage, encounters, labs.",
                               valueName: "kinds"), completion: Completions.kinds)
    var kinds: String

    @Option(name: .customLong("for"), help: ArgumentHelp("Only this health unit (5-digit hcode) may use the code.", valueName: "hcode"))
    var audience: String?

    @Option(help: ArgumentHelp("How long the code works: 30m, 24h, 7d (at most 30d).", valueName: "duration"))
    var expires = "24h"

    @Option(help: ArgumentHelp("How many times a clinic may use it (default: until it expires).", valueName: "n"))
    var uses: Int?

    @Flag(help: "Also print the code as a QR code in the terminal.")
    var qr = false

    @Option(help: ArgumentHelp("Write the QR code as an image (.png or .svg).", valueName: "file"), completion: .file(extensions: ["png", "svg"]))
    var qrOut: String?

    @Flag(help: "Print the consent as JSON (with the code) instead of text.")
    var json = false

    @OptionGroup var context: ShareContext

    func validate() throws {
        if KindNames.parse(kinds) == nil && kinds != "all" {
            throw ValidationError("--kinds: use \(KindNames.list) (comma-separated) or all",
                                  th: "--kinds: ใช้ \(KindNames.list) (คั่นด้วยจุลภาค) หรือ all")
        }
        try HospitalCode.validateTyped(audience, option: "--for")
        guard let seconds = Duration.seconds(expires), (60...30 * 86_400).contains(seconds) else {
            throw ValidationError("--expires: a duration from 1m to 30d, like 30m, 24h or 7d",
                                  th: "--expires: ระยะเวลาตั้งแต่ 1m ถึง 30d เช่น 30m, 24h หรือ 7d")
        }
        if let uses, !(1...1000).contains(uses) { throw ValidationError("--uses must be 1 to 1000", th: "--uses ต้องอยู่ระหว่าง 1 ถึง 1000") }
        if let qrOut, !(qrOut.hasSuffix(".png") || qrOut.hasSuffix(".svg")) {
            throw ValidationError("--qr-out: the file name must end in .png or .svg", th: "--qr-out: ชื่อไฟล์ต้องลงท้ายด้วย .png หรือ .svg")
        }
    }

    func execute() async throws {
        let grant = PHRService.ConsentRequest(kinds: kinds == "all" ? RecordKind.allCases : KindNames.parse(kinds)!,
                                              audience: audience.flatMap(HospitalCode.init),
                                              lifetime: TimeInterval(Duration.seconds(expires)!), maxUses: uses)
        let (info, citizen) = try await context.run { service, session, store -> (ConsentInfo, CitizenID?) in
            let info = try await service.createConsent(grant, as: session.credential)
            try Shares.remember(info, in: store)
            return (info, session.citizen)
        }
        guard let text = info.code, let code = try? ConsentCode(text), let citizen else {
            throw CLIFailure(.server, "the server's answer has no valid consent code; nothing to give the clinic",
                             th: "คำตอบของเซิร์ฟเวอร์ไม่มีรหัสยินยอมที่ใช้ได้ จึงไม่มีรหัสให้หน่วยบริการ")
        }
        let link = ConsentLink(citizen: citizen, code: code)
        if let qrOut { try writeQR(link, to: qrOut) }
        if json {
            return Terminal.out(String(decoding: try ConsentJSON.encoder().encode(info), as: UTF8.self) + "\n")
        }
        Terminal.out(Shares.describe(info, code: code, citizen: citizen))
        if qr { Terminal.out(try Shares.qr(link).terminalText()) }
    }

    func writeQR(_ link: ConsentLink, to path: String) throws(CLIFailure) {
        let symbol = try Shares.qr(link)
        let data: Data
        do { data = path.hasSuffix(".svg") ? Data(symbol.svg().utf8) : try symbol.png() } catch {
            throw CLIFailure(.failure, "cannot draw the QR image; try --qr-out with a .svg file",
                             th: "สร้างภาพ QR ไม่ได้ ลองใช้ --qr-out กับไฟล์ .svg")
        }
        do throws(ExportError) { try ExportFile.write(data, to: path, force: false) } catch { throw error.cliFailure }
    }
}

struct ShareList: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List your consent codes: active, expired, revoked or used up, and their uses.")

    @Flag(help: "Show the whole code of those created on this computer (default: the first group).")
    var codes = false

    @Flag(help: "JSON instead of a table.")
    var json = false

    @OptionGroup var context: ShareContext

    func execute() async throws {
        let (kept, offline) = try await listed()
        if let offline { Terminal.err(Shares.offlineNote(asOf: offline)) }
        // Whole codes only when asked for (the store keeps those made here).
        let list = codes ? kept : kept.map { c in var c = c; c.code = nil; return c }
        if json { return Terminal.out(String(decoding: try ConsentJSON.encoder().encode(list), as: UTF8.self) + "\n") }
        guard !list.isEmpty else {
            return Terminal.out(Locale.prefersThai ? "ยังไม่มีรหัสยินยอม สร้างด้วย phr share create\n" : "No consent codes yet; create one with `phr share create`.\n")
        }
        let thai = Locale.prefersThai
        let columns: [Table.Column] = [
            .init(thai ? "รหัส" : "code"), .init(thai ? "สถานะ" : "status"), .init(thai ? "ประเภทข้อมูล" : "kinds", flexible: true),
            .init(thai ? "หน่วยบริการ" : "unit"), .init(thai ? "หมดอายุ" : "expires"), .init(thai ? "ใช้แล้ว" : "uses"),
        ]
        let anyUnit = thai ? "ทุกแห่ง" : "any"
        let rows = list.map { c -> [String] in
            let shown: String = c.code ?? c.hint
            let uses: String = c.maxUses.map { "\(c.uses)/\($0)" } ?? "\(c.uses)"
            let kinds: String = c.kinds.map(\.rawValue).joined(separator: ",")
            return [shown, Shares.status(c.status), kinds, c.audience ?? anyUnit, Clock.local(c.expiresAt), uses]
        }
        Terminal.out(Table(columns: columns, rows: rows).render(width: Terminal.outputWidth(piped: 100)))
    }

    /// The consents from the server (kept in the store for next time, codes made here attached),
    /// or, when the server cannot be reached, those in the store and when they were kept.
    private func listed() async throws -> ([ConsentInfo], offline: Date?) {
        let opened = try context.store.open()
        defer { opened.close() }
        do {
            let list = try await context.run(in: opened) { service, session, store in
                try Shares.refresh(try await service.consents(as: session.credential), in: store)
            }
            return (list, nil)
        } catch {
            let failure = (error as? CLIFailure) ?? (error as? any CLIFailureConvertible)?.cliFailure
            guard let failure, failure.exit == .network else { throw error }
            let (consents, asOf) = try Shares.kept(in: opened)
            guard let asOf else { throw failure }   // nothing kept: the network failure stands
            return (consents, asOf)
        }
    }
}

struct ShareRevoke: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a consent code (or all active ones): clinics are refused from now on.")

    @Argument(help: ArgumentHelp("The code, as printed (dashes optional).", valueName: "code"))
    var code: String?

    @Flag(help: "Revoke every active consent code.")
    var all = false

    @OptionGroup var context: ShareContext

    func validate() throws {
        guard (code == nil) != !all else { throw ValidationError("give a code, or --all", th: "ใส่รหัสยินยอม หรือ --all") }
        if let code {
            do throws(ConsentCode.ParseError) { _ = try ConsentCode(code) } catch {
                // `share list` shows a code's first four symbols (WQ57-…): point at the whole code.
                let symbols = code.filter { $0.isLetter || $0.isNumber }
                if symbols.count == 4 {
                    throw ValidationError("\(symbols)-… is the start of a code as `phr share list` shows it; `phr share list --codes` shows whole codes to revoke (or use --all)",
                                          th: "\(symbols)-… เป็นเพียงต้นรหัสที่ `phr share list` แสดง ใช้ `phr share list --codes` เพื่อดูรหัสเต็มที่จะเพิกถอน (หรือใช้ --all)")
                }
                throw ValidationError(error.description, th: "รหัสยินยอมไม่ถูกต้อง ดูรหัสเต็มได้ด้วย `phr share list --codes`")
            }
        }
    }

    func execute() async throws {
        let parsed = try code.map { text throws(CLIFailure) in
            do throws(ConsentCode.ParseError) { return try ConsentCode(text) } catch { throw CLIFailure(.usage, error.description) }
        }
        // The consents as they were, so a code revoked before is not reported as revoked now.
        let (before, revoked) = try await context.run { service, session, store in
            let before = parsed == nil ? [] : try await service.consents(as: session.credential)
            return (before, try await service.revokeConsent(code: parsed, as: session.credential))
        }
        let thai = Locale.prefersThai
        if revoked.isEmpty { return Terminal.out(thai ? "ไม่มีรหัสที่ใช้งานอยู่\n" : "No active consent codes.\n") }
        let alreadyRevoked = Set(before.filter { $0.revokedAt != nil }.map(\.id))
        for c in revoked {
            let hint = Sanitize.line(c.hint, limit: 20)
            if alreadyRevoked.contains(c.id) {
                let when = c.revokedAt.map { Clock.local($0) } ?? "?"
                Terminal.out(thai ? "\(hint) ถูกยกเลิกไปแล้วเมื่อ \(when) ไม่มีอะไรเปลี่ยน\n" : "\(hint) was already revoked on \(when); nothing changed.\n")
            } else {
                Terminal.out(thai ? "ยกเลิก \(hint) แล้ว: คลินิกจะใช้รหัสนี้ไม่ได้อีก\n" : "Revoked \(hint): clinics can no longer use it.\n")
            }
        }
    }
}

struct ShareLog: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Who used your consent codes: which unit, when, which kinds — and refused tries.")

    @Flag(help: "JSON instead of a table.")
    var json = false

    @OptionGroup var context: ShareContext

    func execute() async throws {
        let (log, list) = try await context.run { service, session, _ in
            (try await service.consentLog(as: session.credential), try await service.consents(as: session.credential))
        }
        if json { return Terminal.out(String(decoding: try ConsentJSON.encoder().encode(log), as: UTF8.self) + "\n") }
        let thai = Locale.prefersThai
        guard !log.isEmpty else { return Terminal.out(thai ? "ยังไม่มีการใช้รหัสยินยอม\n" : "No clinic has used a consent code yet.\n") }
        let hints = Dictionary(list.map { ($0.id, $0.hint) }, uniquingKeysWith: { a, _ in a })
        let columns: [Table.Column] = [
            .init(thai ? "เมื่อ" : "when"), .init(thai ? "หน่วยบริการ" : "unit", flexible: true), .init(thai ? "รหัส" : "code"),
            .init(thai ? "ข้อมูลที่อ่าน" : "read", flexible: true), .init(thai ? "ผล" : "outcome"),
        ]
        let rows = log.map { a -> [String] in
            [Clock.local(a.at), a.unit + (a.unitName.map { " " + Sanitize.line($0) } ?? ""), a.consentID.flatMap { hints[$0] } ?? "-",
             a.kindsRead.isEmpty ? "-" : a.kindsRead.map(\.rawValue).joined(separator: ",") + " (\(a.reads))",
             a.outcome == "ok" ? (thai ? "อ่านแล้ว" : "read") : (thai ? "ถูกปฏิเสธ: " : "refused: ") + Sanitize.line(a.outcome)]
        }
        Terminal.out(Table(columns: columns, rows: rows).render(width: Terminal.outputWidth(piped: 100)))
    }
}

/// Text, QR and local memory of consent codes.
enum Shares {
    static func qr(_ link: ConsentLink) throws(CLIFailure) -> QRCode {
        do { return try QRCode(link.text) } catch { throw CLIFailure(.failure, "cannot make a QR code of the consent link", th: "สร้าง QR code ของลิงก์ยินยอมไม่ได้") }
    }

    /// What `share create` prints: the code to read aloud, what it allows, until when.
    static func describe(_ info: ConsentInfo, code: ConsentCode, citizen: CitizenID) -> String {
        let thai = Locale.prefersThai
        let titles = RecordText(DisplayOptions(language: thai ? .th : .en))
        let kinds = info.kinds.map { thai ? "\(titles.title($0)) (\($0.rawValue))" : $0.rawValue }.joined(separator: ", ")
        let uses = info.maxUses.map { thai ? "ใช้ได้ \($0) ครั้ง" : "up to \($0) uses" } ?? (thai ? "ใช้ได้จนหมดอายุ" : "any number of uses until it expires")
        let unit = info.audience.map { thai ? "เฉพาะหน่วยบริการ \($0)" : "only unit \($0)" } ?? (thai ? "ทุกหน่วยบริการ" : "any health unit")
        if thai {
            return """
                รหัสยินยอม: \(code.grouped)
                  ผู้ป่วย:   \(citizen.masked)
                  ข้อมูล:    \(kinds)
                  ใช้ที่:     \(unit)
                  หมดอายุ:  \(Clock.local(info.expiresAt)) (\(uses))
                ให้คลินิกใช้เลขบัตรประชาชนกับรหัสนี้ ยกเลิกได้ทุกเมื่อ: phr share revoke \(code.grouped)

                """
        }
        return """
            Consent code: \(code.grouped)
              patient:  \(citizen.masked)
              kinds:    \(kinds)
              for:      \(unit)
              expires:  \(Clock.local(info.expiresAt)) (\(uses))
            Give the clinic your citizen ID and this code. Revoke it any time: phr share revoke \(code.grouped)

            """
    }

    static func status(_ s: ConsentStatus) -> String {
        let thai = Locale.prefersThai
        switch s {
        case .active: return thai ? "ใช้ได้" : "active"
        case .expired: return thai ? "หมดอายุ" : "expired"
        case .revoked: return thai ? "ยกเลิกแล้ว" : "revoked"
        case .usedUp: return thai ? "ใช้ครบแล้ว" : "used up"
        }
    }

    /// Keeps the created consent, code included, in the encrypted store (so `share list
    /// --codes` can show it again).
    static func remember(_ info: ConsentInfo, in store: Store) throws(CLIFailure) {
        do {
            let body = try ConsentJSON.encoder().encode(info)
            try store.write { w in
                try w.saveShare(id: info.id, body: body)
                try w.audit("share", "consent=\(info.id) kinds=\(info.kinds.map(\.rawValue).joined(separator: ","))")
            }
        } catch let e as StoreError {
            throw e.cliFailure
        } catch {
            throw CLIFailure(.failure, "cannot keep the consent in the store", th: "เก็บการยินยอมไว้ในที่เก็บข้อมูลไม่ได้")
        }
    }

    /// Keeps the server's list of consents in the store, each with its code when it was created
    /// here, and returns it so: `share list` can answer from the store when offline.
    static func refresh(_ list: [ConsentInfo], in store: Store) throws(CLIFailure) -> [ConsentInfo] {
        let known = try kept(in: store).consents
        let codes = Dictionary(known.compactMap { c in c.code.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let merged = list.map { c -> ConsentInfo in
            var c = c
            c.code = c.code ?? codes[c.id]
            return c
        }
        do {
            let bodies = try merged.map { ($0.id, try ConsentJSON.encoder().encode($0)) }
            try store.write { w in for (id, body) in bodies { try w.saveShare(id: id, body: body) } }
        } catch let e as StoreError {
            throw e.cliFailure
        } catch {
            throw CLIFailure(.failure, "cannot keep the consents in the store", th: "เก็บรายการการยินยอมไว้ในที่เก็บข้อมูลไม่ได้")
        }
        return merged
    }

    /// The consents kept in the store (codes made here included) and when they were last
    /// refreshed; one whose time is past shows as expired.
    static func kept(in store: Store) throws(CLIFailure) -> (consents: [ConsentInfo], asOf: Date?) {
        let rows: [(body: Data, savedAt: Date)]
        do { rows = try store.read { try $0.shares() } } catch { throw error.cliFailure }
        let now = Date()
        let consents = rows.compactMap { try? ConsentJSON.decoder().decode(ConsentInfo.self, from: $0.body) }.map { c -> ConsentInfo in
            var c = c
            if c.status == .active && c.expiresAt <= now { c.status = .expired }
            return c
        }
        return (consents, rows.map(\.savedAt).max())
    }

    /// The one line that says a list came from the store, not the server.
    static func offlineNote(asOf: Date) -> String {
        Locale.prefersThai
            ? "phr: ออฟไลน์ (ติดต่อเซิร์ฟเวอร์ไม่ได้) แสดงรหัสยินยอมจากที่เก็บข้อมูล ณ \(Clock.local(asOf)) การใช้หรือการยกเลิกหลังจากนั้นยังไม่แสดง\n"
            : "phr: offline (cannot reach the server): consent codes from the store, as of \(Clock.local(asOf)); uses or revocations since then are not shown\n"
    }
}

/// Durations people type: `30m`, `24h`, `7d`, `2w`.
enum Duration {
    static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, let n = Int(text.dropLast()), n > 0 else { return nil }
        switch unit {
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        case "w": return n * 7 * 86_400
        default: return nil
        }
    }
}

/// One line per consent refusal, with the next step (exit code 12).
enum ConsentFailure {
    static func describe(_ reason: ConsentRefusal, message: String, retryAfter: Int?) -> CLIFailure {
        switch reason {
        case .unknown:
            return CLIFailure(.consent, "the consent code is not valid for this citizen ID; check both with the citizen",
                              th: "รหัสยินยอมไม่ถูกต้องสำหรับเลขบัตรประชาชนนี้ กรุณาตรวจสอบกับผู้ป่วย")
        case .expired:
            return CLIFailure(.consent, "the consent code has expired; ask the citizen for a new one (phr share create)",
                              th: "รหัสยินยอมหมดอายุแล้ว ขอรหัสใหม่จากผู้ป่วย")
        case .revoked:
            return CLIFailure(.consent, "the citizen revoked this consent code; ask for a new one if they agree",
                              th: "ผู้ป่วยยกเลิกรหัสยินยอมนี้แล้ว")
        case .usedUp:
            return CLIFailure(.consent, "the consent code was used as many times as the citizen allowed; ask for a new one",
                              th: "รหัสยินยอมถูกใช้ครบจำนวนครั้งแล้ว ขอรหัสใหม่จากผู้ป่วย")
        case .otherUnit:
            return CLIFailure(.consent, "this consent code is for another health unit; use that unit's account (--unit) or ask for a new code",
                              th: "รหัสยินยอมนี้สำหรับหน่วยบริการอื่น")
        case .outOfScope:
            return CLIFailure(.consent, "the consent does not cover this (\(Sanitize.line(String(message.prefix(80))))); ask the citizen for a code that includes it",
                              th: "รหัสยินยอมไม่ครอบคลุมข้อมูลนี้")
        case .rateLimited:
            return retryAfter.map { CLIFailure(.consent, .consentLockedOut, ["minutes": "\($0 / 60 + 1)"]) } ?? CLIFailure(.consent, .consentLockedOutNoTime)
        }
    }
}
