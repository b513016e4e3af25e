import ArgumentParser
import Foundation
import PHRClient
import PHRModel
import PHRRender
import PHRStore
import PHRSync
import PHRWire

/// `phr clinic`: the clinic's side of a consent code.
struct ClinicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic",
        abstract: "For a clinic: read a citizen's record with the consent code they gave you.",
        subcommands: [ClinicFetch.self])
}

struct ClinicFetch: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Redeem a consent code once, read what it allows, and print or export it.",
        discussion: """
            Uses the clinic's client account from config.toml (account_user, \
            account_password_hash_file, hospital_code; --unit picks the unit). The record is \
            fetched into a temporary encrypted store with a random key, printed or exported, \
            and the store is deleted: nothing of the citizen's record stays on this computer \
            unless you export it (-o). Kinds the consent does not cover are refused by the server.
            Allergies, chronic conditions and current medicines are always read when the consent \
            covers them, so the summary shows them even with --kind; a kind the consent did not \
            share reads "not shared", never "none".
            The code (7KQ2-M9XD-4HTB, or the text of its QR code) is asked for at a prompt on a \
            terminal (a QR scanner that types works there), or read from standard input \
            (--code -) or a file (--code-file): not from the command line, where other users \
            (ps) and the shell history would see it. --code CODE still works, with a warning.
            Exit code 12: the code is unknown, expired, revoked, used up, for another unit or \
            out of scope, or too many wrong codes were tried.
            """)

    @Option(help: ArgumentHelp("The citizen's 13-digit ID (not needed when the code is a scanned QR link).", valueName: "cid"))
    var cid: String?

    @Option(help: ArgumentHelp("- reads the consent code (or its QR text) from standard input; a code given here is visible to other users (a warning says so). Default: a prompt.", valueName: "-"))
    var code: String?

    @Option(help: ArgumentHelp("Read the consent code (or its QR text) from the first line of this file.", valueName: "file"))
    var codeFile: String?

    @Option(help: ArgumentHelp("The clinic's health-unit code (default: hospital_code in config.toml).", valueName: "hcode"))
    var unit: String?

    @Option(name: .customLong("kind"), help: ArgumentHelp("Only these kinds (default: all the consent allows).", valueName: "kinds"), completion: Completions.kinds)
    var kindList: String?

    @Option(help: ArgumentHelp("Export instead of printing: fhir, json, csv, text or pdf (with -o).", valueName: "format"))
    var format: ExportCommand.Format?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file for --format (- for stdout).", valueName: "file"), completion: .file())
    var output: String?

    @Flag(help: "Replace an existing output file.")
    var force = false

    @Option(help: ArgumentHelp("Language: th or en.", valueName: "th|en"), completion: Completions.languages)
    var lang: String?

    @Flag(help: "Years in the Common Era even in Thai.")
    var ce = false

    @OptionGroup var server: ServerOptions

    func validate() throws {
        if code != nil && codeFile != nil {
            throw ValidationError("give the consent code one way: --code - (standard input) or --code-file, not both",
                                  th: "ให้รหัสยินยอมทางเดียว: --code - (อินพุตมาตรฐาน) หรือ --code-file อย่างใดอย่างหนึ่ง")
        }
        if let code, code != "-" { _ = try consentLink(code) }
        if let cid {
            do throws(CitizenID.ParseError) { _ = try CitizenID(cid) } catch { throw ValidationError("--cid: " + error.localized) }
        }
        try HospitalCode.validateTyped(unit, option: "--unit")
        if let kindList, KindNames.parse(kindList) == nil {
            throw ValidationError(Message.kindList.text(Locale.language, ["kinds": KindNames.list]))
        }
        if (format == nil) != (output == nil) { throw ValidationError(Message.formatWithOutput.text(Locale.language)) }
        if format == .ics { throw ValidationError(Message.clinicNoIcs.text(Locale.language)) }
        if let lang, DisplayLanguage(rawValue: lang) == nil { throw ValidationError(Message.langValue.text(Locale.language)) }
    }

    /// The citizen and code, from `--cid` + the code or from a scanned link as the code.
    func consentLink(_ code: String) throws -> ConsentLink {
        if let link = ConsentLink(scanned: code) {
            if let cid, (try? CitizenID(cid)) != link.citizen { throw ValidationError(Message.cidDiffersFromCode.text(Locale.language)) }
            return link
        }
        guard let cid else { throw ValidationError(Message.cidNeeded.text(Locale.language)) }
        let citizen: CitizenID
        do throws(CitizenID.ParseError) { citizen = try CitizenID(cid) } catch { throw ValidationError("--cid: " + error.localized) }
        do throws(ConsentCode.ParseError) { return ConsentLink(citizen: citizen, code: try ConsentCode(code)) } catch {
            throw ValidationError("the consent code: \(error.description)", th: "รหัสยินยอมไม่ถูกต้อง ตรวจรหัสกับผู้รับบริการอีกครั้ง")
        }
    }

    /// The code's text: from `--code-file`, standard input (`--code -`), `--code` itself (with a
    /// warning: argv is visible to every user), else a prompt on a terminal.
    func codeText() throws(CLIFailure) -> String {
        let thai = Locale.prefersThai
        let text: String?
        if let codeFile {
            guard let data = FileManager.default.contents(atPath: codeFile) else {
                throw CLIFailure(.usage, "cannot read \(codeFile); check the path", th: "อ่านไฟล์ \(codeFile) ไม่ได้ ตรวจสอบที่อยู่ไฟล์")
            }
            text = String(decoding: data.prefix(1024), as: UTF8.self).split(separator: "\n").first.map(String.init)
        } else if code == "-" {
            text = Terminal.readLine(limit: 1024)
        } else if let code {
            Terminal.err(thai ? "phr: คำเตือน: รหัสยินยอมในบรรทัดคำสั่งผู้ใช้อื่นเห็นได้ (ps) และอยู่ในประวัติเชลล์ ครั้งต่อไปให้พิมพ์ที่ข้อความถาม หรือใช้ --code - หรือ --code-file\n"
                              : "phr: warning: a consent code on the command line is visible to other users (ps) and kept in shell history; next time type it at the prompt, or use --code - or --code-file\n")
            text = code
        } else if Terminal.stdinIsTTY {
            text = Terminal.ask(thai ? "รหัสยินยอม (หรือสแกน QR): " : "Consent code (or scan the QR code): ")
        } else {
            throw CLIFailure(.usage, "no consent code: type it at a terminal, or give it with --code - (standard input) or --code-file FILE",
                             th: "ไม่มีรหัสยินยอม พิมพ์ที่เทอร์มินัล หรือใช้ --code - (อินพุตมาตรฐาน) หรือ --code-file ไฟล์")
        }
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw CLIFailure(.usage, "the consent code is empty; ask the citizen for it (phr share create makes one)",
                             th: "รหัสยินยอมว่างเปล่า ขอรหัสจากผู้ป่วย")
        }
        return text
    }

    func execute() async throws {
        let link: ConsentLink
        do { link = try consentLink(try codeText()) } catch let e as ValidationError { throw CLIFailure(.usage, e.message) }
        let config = try Config.load()
        var account = try config.clientAccount()
        if let unit = unit.flatMap(HospitalCode.init) { account.hospitalCode = unit.value }
        let services = try server.services(config: config)
        let session: EphemeralStore
        do { session = try EphemeralStore(label: "clinic") } catch { throw error.cliFailure }
        defer { session.destroy() }
        let redemption = try await server.withService(services) { service -> ConsentRedemption in
            let clientToken: String
            do throws(ClientError) { clientToken = try await service.clientToken(account) } catch {
                guard case .sessionExpired = error else { throw error }
                throw CLIFailure(.refused, "the server did not accept the clinic account for unit \(account.hospitalCode); check --unit and user/password in config.toml",
                                 th: "เซิร์ฟเวอร์ไม่ยอมรับบัญชีของหน่วยบริการ \(account.hospitalCode) ตรวจสอบ --unit และบัญชีใน config.toml")
            }
            let redemption = try await service.redeemConsent(cid: link.citizen, code: link.code, clientToken: clientToken)
            // The safety facts come along whenever the consent covers them, whatever --kind asks.
            let consented = Set(redemption.kinds)
            let kinds = (kindList.flatMap(KindNames.parse).map(Set.init) ?? consented)
                .union(consented.intersection([.allergies, .conditions, .meds]))
            let credential = Credential.bearer(cid: link.citizen.digits, token: redemption.accessToken)
            let summary: SyncSummary
            do throws(SyncError) {
                summary = try await Syncer(service: service, store: session.store, credential: credential, options: SyncOptions(kinds: kinds)).run()
            } catch {
                throw error.cliFailure
            }
            if let refused = summary.failures.first {
                throw CLIFailure(.consent, "the server refused part of the record (\(Sanitize.line(refused.action)): \(Sanitize.line(refused.reason))); nothing was kept",
                                 th: "เซิร์ฟเวอร์ปฏิเสธข้อมูลบางส่วน ไม่มีการเก็บข้อมูลไว้")
            }
            return redemption
        }
        let kinds = kindList.flatMap(KindNames.parse) ?? redemption.kinds
        let shared = Set(redemption.kinds)
        Terminal.err(Locale.prefersThai
            ? "อ่านข้อมูลของ \(link.citizen.masked) ตามรหัสยินยอม (\(kinds.map(\.rawValue).joined(separator: ", "))) แล้ว\n"
            : "Read the record of \(link.citizen.masked) under the consent code (\(kinds.map(\.rawValue).joined(separator: ", "))).\n")
        if let format, let output {
            var args = ["--format", format.rawValue, "-o", output, "--kind", kinds.map(\.rawValue).joined(separator: ",")]
            if force { args.append("--force") }
            if let lang { args += ["--lang", lang] }
            if ce { args.append("--ce") }
            try ExportCommand.parse(args).export(from: session.store, shared: shared)
            return
        }
        let scope = RecordScope(kinds: kinds, shared: shared)
        let (summary, tally) = try ViewOptions.summary(session.store)
        let record = try ViewOptions.read(session.store, RecordQuery(scope), withVisits: true)
        let language = lang.flatMap(DisplayLanguage.init) ?? (Locale.prefersThai ? .th : .en)
        let display = DisplayOptions(language: language, era: ce ? .gregorian : nil, color: Terminal.colorAllowed,
                                     width: Terminal.outputWidth(piped: 100))
        Terminal.page(RecordText(display, unitsFrom: record)
            .document(summary, tally: tally, tables: record, scope: scope, fullCID: false, today: CivilDateTime.from(Date())))
    }
}
