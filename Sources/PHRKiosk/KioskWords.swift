import Foundation
import PHRCard
import PHRClient
import PHRModel

/// Every line the kiosk shows a citizen, in Thai or English: plain words and a next step, never
/// a field name, a command or an error code.
public struct KioskWords: Sendable {
    public var thai: Bool

    public init(thai: Bool) { self.thai = thai }

    /// `en` or `th`, by the visit's language.
    public func t(_ en: String, _ th: String) -> String { thai ? th : en }

    public var insertCard: String { t("Please insert your Thai national ID card.", "กรุณาเสียบบัตรประจำตัวประชาชน") }
    public var takeYourCard: String { t("Please take your card.", "กรุณารับบัตรคืน") }

    /// Why the visit ended, for the goodbye screen.
    public func ended(_ why: VisitEnd) -> String {
        switch why {
        case .done: return t("Thank you. Please take your card.", "ขอบคุณค่ะ กรุณารับบัตรคืน")
        case .cardRemoved: return t("The card was removed: everything was wiped.", "นำบัตรออกแล้ว ข้อมูลทั้งหมดถูกลบ")
        case .timedOut: return t("No activity: everything was wiped.", "ไม่มีการใช้งาน ข้อมูลทั้งหมดถูกลบ")
        case .cancelled: return t("Cancelled: everything was wiped.", "ยกเลิกแล้ว ข้อมูลทั้งหมดถูกลบ")
        case .identityNotConfirmed:
            return t("The record could not be shown: the card and the record do not match. Please ask the staff.",
                     "ไม่สามารถแสดงข้อมูลได้ เนื่องจากข้อมูลบนบัตรไม่ตรงกับข้อมูลสุขภาพ กรุณาติดต่อเจ้าหน้าที่")
        case .failed(let line): return line
        case .stopped: return ""
        }
    }

    /// A failure of the PHR service, for the citizen. `now` dates a lockout's end.
    public func problem(_ error: ClientError, now: Date = Date()) -> String {
        switch error {
        case .lockedOut(let after):
            let seconds = after ?? 900
            let until = clockTime(now.addingTimeInterval(TimeInterval(seconds)))
            let minutes = (seconds + 59) / 60
            return t("Too many wrong OTPs: locked until \(until) (about \(minutes) min). Please try again after that, or ask the staff.",
                     "ใส่รหัส OTP ผิดหลายครั้ง ระบบล็อกไว้ถึง \(until) น. (ประมาณ \(minutes) นาที) กรุณาลองใหม่หลังเวลานั้น หรือติดต่อเจ้าหน้าที่")
        case .refused(status: 404, _, _):
            return t("This ID is not registered in หมอพร้อม. Please register in the หมอพร้อม app (or ask the staff to help), then come back.",
                     "เลขประจำตัวนี้ยังไม่ได้ลงทะเบียนในหมอพร้อม กรุณาลงทะเบียนในแอปหมอพร้อม (หรือขอให้เจ้าหน้าที่ช่วย) แล้วกลับมาใหม่")
        case .wrongOTP(let left):
            return wrongOTP(left: left)
        case .unreachable, .gaveUp, .noSuchEndpoint:
            return t("The health service cannot be reached now. Please try again later, or ask the staff.",
                     "ติดต่อระบบข้อมูลสุขภาพไม่ได้ในขณะนี้ กรุณาลองใหม่ภายหลัง หรือติดต่อเจ้าหน้าที่")
        case .sessionExpired:
            return t("The login expired. Please take your card and insert it again.", "การเข้าสู่ระบบหมดเวลา กรุณาดึงบัตรออกแล้วเสียบใหม่")
        default:
            return somethingWentWrong
        }
    }

    /// A wrong OTP, with the tries left when the service says.
    public func wrongOTP(left: Int?) -> String {
        guard let left else { return t("Wrong OTP. Check หมอพร้อม and type it again.", "รหัส OTP ไม่ถูกต้อง กรุณาตรวจสอบในหมอพร้อมแล้วพิมพ์ใหม่") }
        return t("Wrong OTP: \(left) tries left. Check หมอพร้อม and type it again.",
                 "รหัส OTP ไม่ถูกต้อง เหลืออีก \(left) ครั้ง กรุณาตรวจสอบในหมอพร้อมแล้วพิมพ์ใหม่")
    }

    /// A card that cannot be used, for the citizen.
    public func problem(_ error: CardError) -> String {
        switch error {
        case .expired(let date):
            return t("This card expired (\(date)). Please use a valid ID card, or ask the staff.",
                     "บัตรนี้หมดอายุแล้ว (\(date)) กรุณาใช้บัตรที่ยังไม่หมดอายุ หรือติดต่อเจ้าหน้าที่")
        case .notThaiID:
            return t("This is not a Thai national ID card. Please insert your ID card, chip up.",
                     "บัตรนี้ไม่ใช่บัตรประจำตัวประชาชน กรุณาเสียบบัตรประจำตัวประชาชน หันชิปขึ้น")
        default:
            return t("The card could not be read. Please take it out and insert it again, chip up; if it happens again, ask the staff.",
                     "อ่านบัตรไม่ได้ กรุณาดึงบัตรออกแล้วเสียบใหม่ หันชิปขึ้น หากยังไม่ได้ กรุณาติดต่อเจ้าหน้าที่")
        }
    }

    public var somethingWentWrong: String {
        t("Something went wrong; everything was wiped. Please ask the staff.", "เกิดข้อผิดพลาด ข้อมูลทั้งหมดถูกลบ กรุณาติดต่อเจ้าหน้าที่")
    }

    /// What the identity check found, for the citizen and the staff.
    public func mismatch(_ found: [IdentityMismatch]) -> [String] {
        found.map {
            switch $0 {
            case .name(let card, let record):
                return t("Name on the card: \(card) · in the record: \(record)", "ชื่อบนบัตร: \(card) · ในข้อมูลสุขภาพ: \(record)")
            case .birthDate(let card, let record):
                return t("Birth date on the card: \(card) · in the record: \(record)", "วันเกิดบนบัตร: \(card) · ในข้อมูลสุขภาพ: \(record)")
            }
        }
    }

    /// Why a BP reading was refused, for the citizen (with the next step).
    public func refused(_ problem: SelfReading.Problem) -> String {
        switch problem {
        case .unreadable:
            return t("That is not a number. Please type the numbers only, e.g. 135 and 85.",
                     "ค่าที่ได้ไม่ใช่ตัวเลข กรุณาพิมพ์เฉพาะตัวเลข เช่น 135 และ 85")
        case .impossible(let measure, let value):
            let hint = measure == .diastolic ? t(" (the upper number must be higher than the lower one)", " (ค่าตัวบนต้องสูงกว่าค่าตัวล่าง)") : ""
            return t("\(name(measure)) \(CanonicalJSON.format(value)) cannot be right\(hint). Please check and try again.",
                     "\(name(measure)) \(CanonicalJSON.format(value)) เป็นไปไม่ได้\(hint) กรุณาตรวจสอบแล้วลองใหม่")
        case .implausible(let measure, let value):
            return t("\(name(measure)) \(CanonicalJSON.format(value)) is very unusual. Please measure again; if it is right, show it to the staff.",
                     "\(name(measure)) \(CanonicalJSON.format(value)) ผิดปกติมาก กรุณาวัดใหม่ หากค่าถูกต้อง กรุณาแจ้งเจ้าหน้าที่")
        }
    }

    /// A reading's values in one line: `BP 135/85 mmHg · pulse 72 /min`.
    public func reading(_ reading: SelfReading) -> String {
        let value = { (m: SelfMeasure) in reading.values.first { $0.0 == m }.map { CanonicalJSON.format($0.1) } }
        var line = t("Blood pressure ", "ความดันโลหิต ") + (value(.systolic) ?? "?") + "/" + (value(.diastolic) ?? "?") + t(" mmHg", " มม.ปรอท")
        if let pulse = value(.pulse) { line += t(" · pulse \(pulse) /min", " · ชีพจร \(pulse) ครั้ง/นาที") }
        return line
    }

    private func name(_ measure: SelfMeasure) -> String {
        switch measure {
        case .systolic: return t("The upper number (systolic)", "ค่าตัวบน")
        case .diastolic: return t("The lower number (diastolic)", "ค่าตัวล่าง")
        case .pulse: return t("The pulse", "ชีพจร")
        default: return measure.rawValue
        }
    }

    /// `HH:MM`, local time.
    private func clockTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%02d:%02d", parts.tm_hour, parts.tm_min)
    }
}
