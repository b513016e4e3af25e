import Foundation

/// The message catalog: every sentence of the CLI's own (errors, validation, prompts' answers,
/// status labels) in English and Thai, one entry per message, chosen by the display language
/// (`--lang`, `PHR_LANG`, the locale). `{name}` in a template marks where an argument goes;
/// both languages take the same arguments (Tests/PHRRenderTests/MessageCatalogTests).
///
/// Views of the record word their labels in ``RecordText``; the kiosk in `KioskWords`.
public enum Message: String, CaseIterable, Sendable {
    // Usage
    case seeHelp, unknownCommand, noHelpTopic, didYouMean
    // Validation of what was typed
    case cidEmpty, cidCharacter, cidLength, cidChecksum
    case since, unknownView, unknownKind, kindList, unknownTest, testNeedsLabs, limitTooSmall, jobsRange, minutesRange
    // Refusals with a wait
    case otpLockedOut, otpLockedOutNoTime, consentLockedOut, consentLockedOutNoTime, wrongCitizen
    // unlock / lock / logout
    case unlockedFor, nothingUnlocked, locked, keyringUnavailable, loggedOut
    // phr status
    case statusProfile, statusPerson, statusLogin, statusLoginLine, statusValidUntil, statusExpiredAt, statusNotLoggedIn
    case statusServers, statusSynced, statusNeverSynced, statusStore, statusStoreLine
    // Whatever the command
    case interrupted, unexpected

    /// The English and Thai templates.
    public var templates: (en: String, th: String) {
        switch self {
        case .seeHelp: ("(see `phr help{command}`)", "(ดูวิธีใช้: `phr help{command}`)")
        case .unknownCommand: ("unknown command '{command}'{suggestion} (`phr --help` lists the commands)",
                               "ไม่มีคำสั่ง '{command}'{suggestion} (`phr --help` แสดงคำสั่งทั้งหมด)")
        case .noHelpTopic: ("no help topic '{topic}'{suggestion} (`phr --help` lists the commands)",
                            "ไม่มีหัวข้อวิธีใช้ '{topic}'{suggestion} (`phr --help` แสดงคำสั่งทั้งหมด)")
        case .didYouMean: ("; did you mean '{name}'?", " หมายถึง '{name}' หรือไม่")
        case .cidEmpty: ("no citizen ID given", "ไม่ได้ใส่เลขประจำตัวประชาชน")
        case .cidCharacter: ("a citizen ID may hold only digits and dashes, found \"{character}\"",
                             "เลขประจำตัวประชาชนมีได้เฉพาะตัวเลขและขีด แต่พบ \"{character}\"")
        case .cidLength: ("a citizen ID has 13 digits, this one has {count}",
                          "เลขประจำตัวประชาชนมี 13 หลัก แต่ที่ใส่มามี {count} หลัก")
        case .cidChecksum: ("these 13 digits are not a valid citizen ID (the check digit does not match): a digit is mistyped somewhere; compare every digit with the ID card",
                            "เลข 13 หลักนี้ไม่ใช่เลขประจำตัวประชาชนที่ถูกต้อง (หลักตรวจสอบไม่ตรง) มีเลขพิมพ์ผิดสักหลัก กรุณาเทียบทุกหลักกับบัตรประชาชน")
        case .since: ("--since: use 1y, 6m, 30d, a CE date like 2020-01-01 or a BE date like 2563-01-01",
                      "--since: ใช้ 1y, 6m, 30d, วันที่ ค.ศ. เช่น 2020-01-01 หรือ พ.ศ. เช่น 2563-01-01")
        case .unknownView: ("unknown view '{view}': use summary, {kinds}, flags, caregivers or appointments",
                            "ไม่รู้จักมุมมอง '{view}' ใช้ได้: summary, {kinds}, flags, caregivers หรือ appointments")
        case .unknownKind: ("unknown kind in \"{text}\"; use {kinds}", "ไม่รู้จักประเภทข้อมูลใน \"{text}\" ใช้ได้: {kinds}")
        case .kindList: ("--kind: use {kinds} (comma-separated)", "--kind: ใช้ {kinds} (คั่นด้วยจุลภาค)")
        case .unknownTest: ("unknown test '{test}': use {tests} or a LOINC code", "ไม่รู้จักการตรวจ '{test}' ใช้ได้: {tests} หรือรหัส LOINC")
        case .testNeedsLabs: ("--test goes with `phr show labs`", "--test ใช้กับ `phr show labs` เท่านั้น")
        case .limitTooSmall: ("--limit must be at least 1", "--limit ต้องมีค่าอย่างน้อย 1")
        case .jobsRange: ("--jobs must be 1 to 32", "--jobs ต้องอยู่ระหว่าง 1 ถึง 32")
        case .minutesRange: ("--minutes must be 1 to 480", "--minutes ต้องอยู่ระหว่าง 1 ถึง 480")
        case .otpLockedOut: ("too many wrong OTPs: locked for {minutes} min; request a new OTP later",
                             "ใส่ OTP ผิดหลายครั้ง ถูกล็อกชั่วคราว {minutes} นาที กรุณาขอ OTP ใหม่ภายหลัง")
        case .otpLockedOutNoTime: ("too many wrong OTPs: locked; request a new OTP later",
                                   "ใส่ OTP ผิดหลายครั้ง ถูกล็อกชั่วคราว กรุณาขอ OTP ใหม่ภายหลัง")
        case .consentLockedOut: ("too many wrong consent codes: locked for {minutes} min; check the code with the citizen, then try again",
                                 "ใส่รหัสยินยอมผิดหลายครั้ง ถูกล็อกชั่วคราว {minutes} นาที กรุณาตรวจรหัสกับผู้รับบริการแล้วลองใหม่")
        case .consentLockedOutNoTime: ("too many wrong consent codes: locked; check the code with the citizen, then try again",
                                       "ใส่รหัสยินยอมผิดหลายครั้ง ถูกล็อกชั่วคราว กรุณาตรวจรหัสกับผู้รับบริการแล้วลองใหม่")
        case .wrongCitizen: ("this login is for another citizen ID; run `phr login` for this one",
                             "การเข้าสู่ระบบนี้เป็นของเลขประจำตัวประชาชนอื่น กรุณา phr login สำหรับเลขนี้")
        case .unlockedFor: ("The store stays unlocked for {minutes} min (phr lock ends it now).",
                            "ที่เก็บข้อมูลจะปลดล็อกไว้ {minutes} นาที (phr lock เพื่อล็อกทันที)")
        case .nothingUnlocked: ("Nothing was unlocked.", "ไม่มีที่เก็บข้อมูลที่ปลดล็อกไว้")
        case .locked: ("Locked: the cached key is gone ({profiles}).", "ล็อกแล้ว ลบกุญแจที่จำไว้แล้ว ({profiles})")
        case .keyringUnavailable: ("the kernel keyring is not available here (e.g. inside a restricted container); phr will keep asking for the passphrase",
                                   "เครื่องนี้ใช้ keyring ของเคอร์เนลไม่ได้ (เช่น ใน container ที่จำกัดสิทธิ์) phr จะถามรหัสผ่านทุกครั้ง")
        case .loggedOut: ("Logged out; the session is wiped. Your synced record stays in the store.",
                          "ออกจากระบบแล้ว ข้อมูลที่ซิงก์ไว้ยังอยู่")
        case .statusProfile: ("profile", "โปรไฟล์")
        case .statusPerson: ("person", "ชื่อ")
        case .statusLogin: ("login", "เข้าระบบ")
        case .statusLoginLine: ("{method} for {cid}, {state} {time} — {server}", "{method} ของ {cid} {state} {time} — {server}")
        case .statusValidUntil: ("valid until", "ใช้ได้ถึง")
        case .statusExpiredAt: ("expired at", "หมดอายุเมื่อ")
        case .statusNotLoggedIn: ("not logged in (phr login --cid …)", "ยังไม่ได้เข้าสู่ระบบ (phr login)")
        case .statusServers: ("servers", "เซิร์ฟเวอร์")
        case .statusSynced: ("synced", "ซิงก์ล่าสุด")
        case .statusNeverSynced: ("never (phr sync)", "ยังไม่เคย (phr sync)")
        case .statusStore: ("store", "ที่เก็บ")
        case .statusStoreLine: ("{path}, {size} KiB, encrypted", "{path} ขนาด {size} KiB เข้ารหัสแล้ว")
        case .interrupted: ("interrupted; everything already saved is kept", "ถูกขัดจังหวะ ข้อมูลที่บันทึกแล้วยังอยู่ครบ")
        case .unexpected: ("unexpected error: {error}", "เกิดข้อผิดพลาดที่ไม่คาดคิด: {error}")
        }
    }

    /// The message in `language`, each `{name}` replaced by `arguments[name]`.
    public func text(_ language: DisplayLanguage, _ arguments: [String: String] = [:]) -> String {
        Self.fill(language == .th ? templates.th : templates.en, arguments)
    }

    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        var out = template
        for (name, value) in arguments { out = out.replacingOccurrences(of: "{\(name)}", with: value) }
        return out
    }

    /// The names of the arguments `template` takes (`{minutes}` → "minutes").
    static func placeholders(_ template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
