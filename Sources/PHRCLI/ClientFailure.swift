import PHRClient
import PHRRender

extension ClientError: CLIFailureConvertible {
    /// One line with the next step, and the exit code (docs/exit-codes.md).
    public var cliFailure: CLIFailure {
        switch self {
        case .badServerURL(let url, let reason):
            return CLIFailure(.usage, "server URL \(url.prefix(100)) is not usable: \(reason)",
                              th: "ใช้ที่อยู่เซิร์ฟเวอร์ \(url.prefix(100)) ไม่ได้: \(reason)")
        case .badCAFile(let path):
            return CLIFailure(.usage, "cannot read CA certificates from \(path); give a PEM file with --ca-file",
                              th: "อ่านใบรับรอง CA จาก \(path) ไม่ได้ กรุณาให้ไฟล์ PEM ด้วย --ca-file")
        case .unreachable(let why):
            return CLIFailure(.network, "cannot reach the server: \(why); check the network and the addresses (phr status), then try again",
                              th: "ติดต่อเซิร์ฟเวอร์ไม่ได้ (\(why)) ตรวจสอบเครือข่ายและที่อยู่เซิร์ฟเวอร์ (phr status) แล้วลองใหม่")
        case .refused(let status, _, let message):
            return CLIFailure(.refused, "the server refused (\(status)): \(message.prefix(160))",
                              th: "เซิร์ฟเวอร์ปฏิเสธ (\(status)): \(message.prefix(160))")
        case .unsuccessful(let code, let message) where code >= 500:
            return CLIFailure(.server, "the server answered but failed (MessageCode \(code): \(message.prefix(160))); nothing was changed, try again later",
                              th: "เซิร์ฟเวอร์ตอบว่าทำไม่สำเร็จ (MessageCode \(code)) ไม่มีการเปลี่ยนแปลง กรุณาลองใหม่ภายหลัง")
        case .unsuccessful(let code, let message):
            return CLIFailure(.refused, "the server answered but refused (MessageCode \(code): \(message.prefix(160)))",
                              th: "เซิร์ฟเวอร์ปฏิเสธ (MessageCode \(code))")
        case .noSuchEndpoint(let service, let url):
            let names = ServiceSettings.names(service)
            return CLIFailure(.network, "\(url.prefix(120)) is not the \(service.displayName) (no such path there); check \(names.key) in config.toml, \(names.env) or \(names.flag)",
                              th: "\(url.prefix(120)) ไม่ใช่ \(service.displayName) ตรวจสอบ \(names.key) ใน config.toml, \(names.env) หรือ \(names.flag)")
        case .cardLoginRefused(let why):
            return CLIFailure(.refused, "the card login (way 2) was refused: \(why.prefix(160)); log in with the OTP sent to หมอพร้อม instead: phr login --cid <citizen ID>",
                              th: "เข้าสู่ระบบด้วยบัตรไม่สำเร็จ กรุณาใช้ OTP ที่ส่งไปยังหมอพร้อม: phr login --cid <เลขประจำตัวประชาชน>")
        case .wrongOTP(let left):
            return CLIFailure(.refused, "wrong OTP\(left.map { ", \($0) tries left" } ?? ""); check the code in หมอพร้อม and try again",
                              th: "รหัส OTP ไม่ถูกต้อง\(left.map { " เหลือ \($0) ครั้ง" } ?? "")")
        case .sessionExpired:
            return CLIFailure(.notLoggedIn, "your session has expired; run `phr login` again (nothing synced is lost)",
                              th: "หมดเวลาการเข้าสู่ระบบ กรุณา phr login ใหม่ (ข้อมูลที่ซิงก์แล้วไม่หาย)")
        case .lockedOut(let after):
            return after.map { CLIFailure(.refused, .otpLockedOut, ["minutes": "\($0 / 60 + 1)"]) } ?? CLIFailure(.refused, .otpLockedOutNoTime)
        case .wrongCitizen:
            return CLIFailure(.refused, .wrongCitizen)
        case .gaveUp(let attempts, let last):
            return CLIFailure(.server, "the server kept failing (\(last)) after \(attempts) tries; try again later",
                              th: "เซิร์ฟเวอร์ขัดข้องต่อเนื่อง (\(last)) ลองแล้ว \(attempts) ครั้ง กรุณาลองใหม่ภายหลัง")
        case .malformedResponse(let what):
            return CLIFailure(.server, "the server sent data phr cannot read (\(what.prefix(120))); nothing was changed",
                              th: "เซิร์ฟเวอร์ส่งข้อมูลที่ phr อ่านไม่ได้ (\(what.prefix(120))) ไม่มีการเปลี่ยนแปลงใดๆ")
        case .invalidToken(let why):
            return CLIFailure(.refused, "the server's access token is not valid (\(why)); run `phr login` again",
                              th: "โทเคนเข้าใช้งานจากเซิร์ฟเวอร์ไม่ถูกต้อง (\(why)) กรุณา phr login ใหม่")
        case .authorizationFailed(let why):
            return CLIFailure(.refused, "login failed: \(why)", th: "เข้าสู่ระบบไม่สำเร็จ: \(why)")
        case .consentRefused(let reason, let message, let after):
            return ConsentFailure.describe(reason, message: message, retryAfter: after)
        case .responseTooLarge(let limit):
            return CLIFailure(.server, "the server sent more than \(limit >> 20) MB in one answer; refusing it",
                              th: "เซิร์ฟเวอร์ส่งข้อมูลเกิน \(limit >> 20) MB ในคำตอบเดียว จึงไม่รับไว้")
        }
    }
}
