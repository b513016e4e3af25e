import ArgumentParser
import Foundation
import PHRCard
import PHRExport
import PHRModel
import PHRRender

/// `phr card`: the Thai national ID card in a PC/SC reader.
struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Read the Thai national ID card in a smart-card reader (PC/SC, pcscd).",
        subcommands: [CardStatusCommand.self, CardReadCommand.self])
}

/// Where to find the card: which reader, how long to wait for it.
struct CardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use this reader (default: the first with a card; `phr card status` lists them).", valueName: "name"))
    var reader: String?

    @Option(help: ArgumentHelp("Wait this many seconds for a card to be inserted (0: it must be in already).", valueName: "seconds"))
    var wait: Double = 0

    func validate() throws {
        guard wait >= 0, wait <= 3_600 else { throw ValidationError("--wait: 0 to 3600 seconds", th: "--wait: 0 ถึง 3600 วินาที") }
    }

    /// Connects to the card (waiting for it when asked) and runs `body` with it.
    func withCard<T>(_ body: (PCSCCard) throws(CardError) -> T) throws(CLIFailure) -> T {
        do throws(CardError) {
            let context = try PCSCContext()
            let readers = try context.readers()
            guard !readers.isEmpty else { throw CardError.noReader }
            var candidates = readers
            if let reader {
                guard readers.contains(reader) else { throw CardError.unknownReader(reader) }
                candidates = [reader]
            }
            if wait > 0 { Terminal.err(Locale.prefersThai ? "กรุณาเสียบบัตรประชาชน…\n" : "Insert the ID card…\n") }
            guard let state = try context.waitForCard(in: candidates, timeout: wait) else { throw CardError.noCard }
            return try body(try context.connect(state.name))
        } catch {
            throw error.cliFailure
        }
    }
}

/// `phr card status`.
struct CardStatusCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List the smart-card readers: card present, in use, ATR.")

    @Flag(help: "JSON instead of a table.")
    var json = false

    func execute() async throws {
        let states: [PCSCContext.ReaderState]
        do throws(CardError) {
            let context = try PCSCContext()
            let readers = try context.readers()
            guard !readers.isEmpty else { throw CardError.noReader }
            states = try context.states(readers)
        } catch { throw error.cliFailure }
        if json {
            let list: [[String: Any]] = states.map {
                ["reader": $0.name, "card_present": $0.cardPresent, "in_use": $0.inUse, "mute": $0.mute, "atr": CardText.hex($0.atr)]
            }
            Terminal.out(Data(try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys, .prettyPrinted]) + Data("\n".utf8)))
            return
        }
        let thai = Locale.prefersThai
        let rows = states.map { s -> [String] in
            let card = s.mute ? (thai ? "บัตรไม่ตอบ" : "not answering") : s.cardPresent ? (thai ? "มีบัตร" : "card") : (thai ? "ว่าง" : "empty")
            return [Sanitize.line(s.name, limit: 60), card + (s.inUse ? (thai ? " (ถูกใช้อยู่)" : " (in use)") : ""), CardText.hex(s.atr)]
        }
        let table = Table(columns: [.init(thai ? "เครื่องอ่าน" : "reader", flexible: true), .init(thai ? "สถานะ" : "state"), .init("ATR", optional: true)], rows: rows)
        Terminal.out(table.render(width: Terminal.outputWidth(piped: 120)))
    }
}

/// `phr card read`.
struct CardReadCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read the Thai national ID card: citizen ID, names, birth date, card dates, address.",
        discussion: """
            The citizen ID is masked (x-xxxx-XXXXX-XX-x) unless --full-cid. Dates are shown as on \
            the card (Buddhist Era). An expired card is read and marked as expired; `phr login \
            --card` refuses it.
            """)

    @OptionGroup var card: CardOptions

    @Option(help: ArgumentHelp("Also read the photo and write it to this JPEG file (0600).", valueName: "file"), completion: .file(extensions: ["jpg", "jpeg"]))
    var photo: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Show the whole citizen ID.")
    var fullCid = false

    @Flag(help: "Replace an existing --photo file.")
    var force = false

    func execute() async throws {
        let data = try card.withCard { c throws(CardError) in try ThaiIDCardReader(c).read(photo: photo != nil) }
        if let photo {
            guard let jpeg = data.photo else { throw CLIFailure(.card, .noCardPhoto) }
            do throws(ExportError) { try ExportFile.write(jpeg, to: photo, force: force) } catch { throw error.cliFailure }
        }
        let today = CivilDateTime.from(Date())
        if json {
            Terminal.out(Data(try CardText.json(data, fullCID: fullCid, today: today, photo: photo) + Data("\n".utf8)))
        } else {
            Terminal.out(CardText.text(data, fullCID: fullCid, today: today, thai: Locale.prefersThai))
        }
    }
}

/// How a card's data is shown: every string from the card is sanitized first.
enum CardText {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined(separator: " ") }

    static func name(_ n: PersonName) -> String {
        Sanitize.line([n.prefix + n.first, n.middle, n.last].filter { !$0.isEmpty }.joined(separator: " "), limit: 120)
    }

    static func englishName(_ n: PersonName) -> String {
        Sanitize.line([n.prefix, n.first, n.middle, n.last].filter { !$0.isEmpty }.joined(separator: " "), limit: 120)
    }

    static func text(_ c: ThaiIDCard, fullCID: Bool, today: CivilDateTime, thai: Bool) -> String {
        let expiry = c.expiryDate.map(\.description) ?? (thai ? "ตลอดชีพ" : "lifetime")
        let expired = c.isExpired(today: today) ? (thai ? "  ⚠ บัตรหมดอายุแล้ว" : "  ⚠ expired") : ""
        let gender = c.gender.map { g in thai ? (g == .male ? "ชาย" : "หญิง") : g.rawValue } ?? "-"
        let labels = thai
            ? ["เลขประจำตัวประชาชน", "ชื่อ", "Name", "วันเกิด", "เพศ", "ที่อยู่", "ออกบัตร", "หมดอายุ", "ออกโดย"]
            : ["Citizen ID", "ชื่อ", "Name", "Born", "Gender", "Address", "Issued", "Expires", "Issued by"]
        let values = [fullCID ? c.cid.formatted : c.cid.masked, name(c.nameTH), englishName(c.nameEN), c.birthDate.description, gender,
                      Sanitize.line(c.addressLine, limit: 200), c.issueDate.description, expiry + expired, Sanitize.line(c.issuer, limit: 100)]
        let width = labels.map(TextWidth.columns).max()! + 2
        return zip(labels, values).map { label, value in label + String(repeating: " ", count: width - TextWidth.columns(label)) + value }
            .joined(separator: "\n") + "\n"
    }

    static func json(_ c: ThaiIDCard, fullCID: Bool, today: CivilDateTime, photo: String?) throws -> Data {
        func civil(_ d: CardDate?) -> Any { d?.civil?.iso ?? NSNull() }
        let object: [String: Any] = [
            "cid": fullCID ? c.cid.digits : c.cid.masked,
            "name_th": ["prefix": c.nameTH.prefix, "first": c.nameTH.first, "middle": c.nameTH.middle, "last": c.nameTH.last],
            "name_en": ["prefix": c.nameEN.prefix, "first": c.nameEN.first, "middle": c.nameEN.middle, "last": c.nameEN.last],
            "birth_date": civil(c.birthDate), "birth_date_be": c.birthDate.description,
            "gender": c.gender?.rawValue ?? NSNull(),
            "issuer": c.issuer, "issue_date": civil(c.issueDate),
            "expiry_date": c.expiryDate.map { civil($0) } ?? NSNull(), "lifetime": c.expiryDate == nil,
            "expired": c.isExpired(today: today), "address": c.address,
            "atr": hex(c.atr), "photo": photo ?? NSNull(),
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    }
}

extension CardError: CLIFailureConvertible {
    /// One line with the next step; exit code 9 (docs/exit-codes.md).
    public var cliFailure: CLIFailure {
        let th: String? = switch self {
        case .serviceNotRunning: "บริการเครื่องอ่านบัตร (pcscd) ไม่ทำงาน กรุณาเริ่มบริการแล้วลองใหม่"
        case .noReader: "ไม่พบเครื่องอ่านบัตร กรุณาเสียบเครื่องอ่านแล้วลองใหม่"
        case .noCard: "ไม่มีบัตรในเครื่องอ่าน กรุณาเสียบบัตรประชาชน"
        case .removed: "บัตรถูกดึงออกระหว่างอ่าน กรุณาเสียบบัตรใหม่และรอจนอ่านเสร็จ"
        case .notThaiID: "บัตรนี้ไม่ใช่บัตรประชาชนไทย"
        case .expired(let d): "บัตรประชาชนหมดอายุแล้ว (\(d))"
        case .readerBusy: "เครื่องอ่านบัตรถูกโปรแกรมอื่นใช้อยู่"
        default: nil
        }
        return CLIFailure(.card, description, th: th)
    }
}
