import PHRClient

extension ClientError: CLIFailureConvertible {
    /// One line with the next step, and the exit code (docs/exit-codes.md).
    public var cliFailure: CLIFailure {
        switch self {
        case .badServerURL(let url, let reason):
            return CLIFailure(.usage, "server URL \(url.prefix(100)) is not usable: \(reason)")
        case .badCAFile(let path):
            return CLIFailure(.usage, "cannot read CA certificates from \(path); give a PEM file with --ca-file")
        case .unreachable(let why):
            return CLIFailure(.network, "cannot reach the PHR server: \(why); check the network or --server, then try again",
                              th: "ติดต่อเซิร์ฟเวอร์ PHR ไม่ได้ (\(why)) ตรวจสอบเครือข่ายแล้วลองใหม่")
        case .refused(let status, _, let message):
            return CLIFailure(.refused, "the server refused (\(status)): \(message.prefix(160))")
        case .wrongOTP(let left):
            return CLIFailure(.refused, "wrong OTP\(left.map { ", \($0) tries left" } ?? ""); check the code in หมอพร้อม and try again",
                              th: "รหัส OTP ไม่ถูกต้อง\(left.map { " เหลือ \($0) ครั้ง" } ?? "")")
        case .sessionExpired:
            return CLIFailure(.notLoggedIn, "your session has expired; run `phr login` again (nothing synced is lost)",
                              th: "หมดเวลาการเข้าสู่ระบบ กรุณา phr login ใหม่ (ข้อมูลที่ซิงก์แล้วไม่หาย)")
        case .lockedOut(let after):
            return CLIFailure(.refused, "too many wrong OTPs: locked\(after.map { " for \($0 / 60 + 1) min" } ?? ""); request a new OTP later",
                              th: "ใส่ OTP ผิดหลายครั้ง ถูกล็อกชั่วคราว")
        case .wrongCitizen:
            return CLIFailure(.refused, "this login is for another citizen ID; run `phr login` for this one")
        case .gaveUp(let attempts, let last):
            return CLIFailure(.server, "the server kept failing (\(last)) after \(attempts) tries; try again later")
        case .malformedResponse(let what):
            return CLIFailure(.server, "the server sent data phr cannot read (\(what.prefix(120))); nothing was changed")
        case .invalidToken(let why):
            return CLIFailure(.refused, "the server's access token is not valid (\(why)); run `phr login` again")
        case .authorizationFailed(let why):
            return CLIFailure(.refused, "login failed: \(why)")
        case .consentRefused(let reason, let message, let after):
            return ConsentFailure.describe(reason, message: message, retryAfter: after)
        case .responseTooLarge(let limit):
            return CLIFailure(.server, "the server sent more than \(limit >> 20) MB in one answer; refusing it")
        }
    }
}
