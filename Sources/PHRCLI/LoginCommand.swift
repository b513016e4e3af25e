import ArgumentParser
import Foundation
import PHRCard
import PHRClient
import PHRModel
import PHRStore
import PHRSync

/// `phr login`: the Mor Prom consent, by the three ways of the ministry (SPEC.md): an OTP
/// sent to the app (`--cid`, way 1), the ID card at a health unit (`--card`, way 2) or a
/// Health ID login in a browser (`--oauth`, way 3).
struct LoginCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Give consent with หมอพร้อม: an OTP sent to your app (--cid), your ID card (--card) or Health ID (--oauth).",
        discussion: """
            OTP (--cid): phr asks the PHR service to send an OTP to your หมอพร้อม app, then asks \
            you to type it (r = send a new one). It is valid for 1 hour. When standard input is \
            not a terminal, the OTP is read from it. Without --cid, phr logs in the store's own \
            citizen (a store belongs to one person from its first login), or asks on a terminal.

            Card (--card): the citizen ID is read from the Thai national ID card in the reader \
            (--wait seconds for it to be inserted; an expired card is refused). phr acts as the \
            unit's card agent at the PHR service's OAuth2 and gets the OTP with GetPHROTP: no \
            phone is needed. If the service refuses, log in with --cid instead.

            Health ID (--oauth): phr opens Health ID's login page ($BROWSER, else xdg-open; \
            --no-browser prints the URL and asks for the address you were sent back to), checks \
            state and PKCE, and exchanges the code for a Health ID token that reads the PHR. The \
            token's signature is checked when healthid_jwks_url is configured. With --card or \
            --cid, the login must be that citizen's.

            The session is stored in the encrypted store; `phr logout` removes it.
            """)

    @Option(help: ArgumentHelp("Your 13-digit citizen ID (dashes allowed).", valueName: "cid"))
    var cid: String?

    @Flag(help: "Take the citizen ID from the Thai national ID card in the reader.")
    var card = false

    @OptionGroup var cardOptions: CardOptions

    @Flag(help: "Log in with Health ID (OAuth 2.0 authorization code + PKCE, loopback redirect) instead of an OTP.")
    var oauth = false

    @Flag(help: "With --oauth: do not open a browser; print the URL and read the redirect address you paste.")
    var noBrowser = false

    @OptionGroup var server: ServerOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if card && cid != nil {
            throw ValidationError("--card reads the citizen ID from the card: leave out --cid", th: "--card อ่านเลขประจำตัวประชาชนจากบัตรเอง ไม่ต้องใส่ --cid")
        }
        if let cid {
            do { _ = try CitizenID(cid) } catch { throw ValidationError("--cid: " + error.localized) }
        }
    }

    /// The citizen of an OTP login: `--cid`, else the store's own citizen (logging in again
    /// needs no retyping), else asked on a terminal (3 tries).
    func otpCitizen(_ opened: Store) throws -> CitizenID {
        if let cid {
            do { return try CitizenID(cid) } catch { throw CLIFailure(.usage, "--cid: " + error.localized) }
        }
        if let owner = try opened.owner() { return owner }
        let thai = Locale.prefersThai
        guard Terminal.stdinIsTTY else {
            throw CLIFailure(.usage, "this store has no citizen yet: give --cid <citizen ID>, or use --card or --oauth",
                             th: "ที่เก็บข้อมูลนี้ยังไม่มีเจ้าของ กรุณาระบุ --cid เลขประจำตัวประชาชน หรือใช้ --card หรือ --oauth")
        }
        for _ in 0..<3 {
            guard let text = Terminal.ask(thai ? "เลขประจำตัวประชาชน 13 หลัก: " : "Your 13-digit citizen ID: ") else { break }
            do { return try CitizenID(text) } catch { Terminal.err("phr: " + error.localized + "\n") }
        }
        throw CLIFailure(.usage, "no valid citizen ID given; run `phr login --cid <citizen ID>`",
                         th: "ไม่ได้ระบุเลขประจำตัวประชาชนที่ถูกต้อง กรุณาเรียก phr login --cid เลขประจำตัวประชาชน")
    }

    func execute() async throws {
        let config = try Config.load()
        let opened = try store.open()   // before any OTP is spent: a wrong passphrase fails first
        defer { opened.close() }
        let services = try server.services(config: config, session: try Sessions.load(opened))
        let fromCard = card ? try cardCitizen() : nil
        if let known = try fromCard ?? cid.map(CitizenID.init) { try opened.check(citizen: known) }   // before an OTP is spent
        let session = try await server.withService(services) { service in
            if oauth { return try await oauthLogin(hint: fromCard ?? cid.map { try CitizenID($0) }, config: config, service: service) }
            if let fromCard { return try await cardLogin(fromCard, config: config, service: service) }
            return try await Self.otpLogin(try otpCitizen(opened), config: config, service: service)
        }
        if let fromCard, session.citizen != fromCard {
            throw CLIFailure(.refused, "the consent was given for another citizen than the card's; log in again as the card holder",
                             th: "การยินยอมนี้เป็นของบุคคลอื่น ไม่ใช่เจ้าของบัตร กรุณาเข้าสู่ระบบใหม่ในฐานะเจ้าของบัตร")
        }
        try Sessions.save(session, in: opened, services: services, event: "login")
        Self.sayLoggedIn(session)
    }

    /// The line after a login: whose, until when, what next.
    static func sayLoggedIn(_ session: Session) {
        let who = session.citizen?.masked ?? "?"
        Terminal.err(Locale.prefersThai
            ? "เข้าสู่ระบบแล้ว (\(who)) ใช้ได้ถึง \(Clock.local(session.expiresAt)) ต่อไป: phr sync\n"
            : "Logged in as \(who) until \(Clock.local(session.expiresAt)). Next: phr sync\n")
    }

    /// The card holder's citizen ID, read from the card (which must not have expired).
    private func cardCitizen() throws -> CitizenID {
        let holder = try cardOptions.withCard { c throws(CardError) in try ThaiIDCardReader(c).read() }
        if holder.isExpired(today: CivilDateTime.from(Date())) { throw CardError.expired(holder.expiryDate?.description ?? "").cliFailure }
        Terminal.err(Locale.prefersThai
            ? "บัตรประชาชน: \(CardText.name(holder.nameTH)) (\(holder.cid.masked))\n"
            : "ID card: \(CardText.englishName(holder.nameEN)) (\(holder.cid.masked))\n")
        return holder.cid
    }

    // MARK: OTP (way 1)

    /// Sends an OTP to `citizen`'s app and asks for it (r = send a new one); the new session.
    static func otpLogin(_ citizen: CitizenID, config: Config, service: PHRService) async throws -> Session {
        let clientToken = try await service.clientToken(try config.clientAccount())
        try await service.requestOTP(cid: citizen.digits, clientToken: clientToken)
        var expires = Date().addingTimeInterval(3600)
        Terminal.err(Locale.prefersThai
            ? "ส่ง OTP ไปที่แอปหมอพร้อมของ \(citizen.masked) แล้ว (ใช้ได้ถึง \(Clock.local(expires)))\n"
            : "An OTP was sent to the หมอพร้อม app of \(citizen.masked) (valid until \(Clock.local(expires))).\n")
        while true {
            guard let typed = Terminal.ask(Locale.prefersThai ? "ใส่รหัส OTP (r = ส่งใหม่): " : "Enter the OTP from หมอพร้อม (r = send a new one): ") else {
                throw CLIFailure(.usage, "no OTP was entered; run `phr login` again when you have it",
                                 th: "ไม่ได้ใส่รหัส OTP เมื่อได้รับรหัสแล้วให้เรียก phr login อีกครั้ง")
            }
            let otp = typed.trimmingCharacters(in: .whitespaces).uppercased()
            if !Terminal.stdinIsTTY { Terminal.err("\n") }
            if otp == "R" {
                try await service.requestOTP(cid: citizen.digits, clientToken: clientToken)
                expires = Date().addingTimeInterval(3600)
                Terminal.err(Locale.prefersThai ? "ส่งรหัส OTP ใหม่แล้ว (ใช้ได้ถึง \(Clock.local(expires)))\n" : "A new OTP was sent (valid until \(Clock.local(expires))).\n")
                continue
            }
            guard Self.looksLikeOTP(otp) else {
                Terminal.err(Locale.prefersThai ? "phr: รหัส OTP คือตัวอักษร 2 ตัวและตัวเลข 6 หลัก เช่น AB123456 กรุณาลองใหม่\n"
                                                 : "phr: an OTP is 2 letters and 6 digits, like AB123456; try again\n")
                if !Terminal.stdinIsTTY {
                    throw CLIFailure(.usage, "the OTP on standard input is not 2 letters and 6 digits",
                                     th: "รหัส OTP จากอินพุตมาตรฐานไม่ใช่ตัวอักษร 2 ตัวและตัวเลข 6 หลัก")
                }
                continue
            }
            do throws(ClientError) {
                try await service.validateOTP(cid: citizen.digits, otp: otp, clientToken: clientToken)
            } catch {
                guard case .wrongOTP(let left) = error, Terminal.stdinIsTTY, (left ?? 1) > 0 else { throw error }
                Terminal.err(Locale.prefersThai ? "phr: รหัส OTP ไม่ถูกต้อง\(left.map { " เหลือ \($0) ครั้ง" } ?? "") ตรวจรหัสในหมอพร้อมแล้วลองใหม่\n"
                                                 : "phr: wrong OTP\(left.map { ", \($0) tries left" } ?? ""); check หมอพร้อม and try again\n")
                continue
            }
            return Session(method: .otp, credential: .otp(cid: citizen.digits, otp: otp, clientToken: clientToken),
                           server: service.services.phr.base.absoluteString, expiresAt: expires)
        }
    }

    // MARK: Card (way 2)

    /// The card holder's OTP from GetPHROTP, phr acting as the unit's card agent: no phone.
    private func cardLogin(_ citizen: CitizenID, config: Config, service: PHRService) async throws -> Session {
        let clientToken = try await service.clientToken(try config.clientAccount())
        let otp = try await service.cardOTP(cid: citizen.digits, client: try config.cardClient(), clientToken: clientToken)
        return Session(method: .card, credential: .otp(cid: citizen.digits, otp: otp, clientToken: clientToken),
                       server: service.services.phr.base.absoluteString, expiresAt: Date().addingTimeInterval(3600))
    }

    static func looksLikeOTP(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 8 && u[0..<2].allSatisfy { (65...90).contains($0) } && u[2...].allSatisfy { (48...57).contains($0) }
    }

    // MARK: Health ID (way 3)

    private func oauthLogin(hint holder: CitizenID?, config: Config, service: PHRService) async throws -> Session {
        let client = try config.healthIDClient()
        let receiver = try LoopbackRedirectReceiver()
        let request = OAuthRequest(clientID: client.clientID, redirectURI: receiver.redirectURI)
        let hint = holder?.digits
        let url = request.authorizeURL(on: service.services.healthID, loginHint: hint)
        let code: String
        if noBrowser {
            Terminal.err(Locale.prefersThai ? "เปิดที่อยู่นี้ในเบราว์เซอร์ เข้าสู่ระบบด้วย Health ID แล้ววางที่อยู่ของหน้าที่ไปถึง:\n\(url)\n"
                                             : "Open this address in a browser, log in with Health ID, then paste the address you end up at:\n\(url)\n")
            guard let pasted = Terminal.ask(Locale.prefersThai ? "ที่อยู่ที่ไปถึง: " : "Redirect address: ") else { throw CLIFailure(.usage, "no redirect address was pasted", th: "ไม่ได้วางที่อยู่ที่เบราว์เซอร์เปลี่ยนไป") }
            code = try AuthorizationResponse(redirect: pasted).code(expectingState: request.state)
        } else {
            Terminal.err(Locale.prefersThai ? "กำลังเปิดหน้าเข้าสู่ระบบ Health ID ของหมอพร้อม… ถ้าไม่มีอะไรเปิดขึ้น ให้ไปที่:\n\(url)\n"
                                             : "Opening the หมอพร้อม Health ID login… if nothing opens, visit:\n\(url)\n")
            Browser.open(url)
            Terminal.err(Locale.prefersThai ? "กำลังรอเบราว์เซอร์… (กด Ctrl-C เพื่อยกเลิก)\n" : "waiting for the browser… (Ctrl-C to cancel)\n")
            code = try await receiver.wait(timeout: 300, expectingState: request.state)
        }
        let grant = try await service.healthIDToken(code: code, request: request, client: client)
        let claims = try await service.healthIDClaims(grant.accessToken)
        guard let digits = claims.cid ?? hint, let citizen = try? CitizenID(digits) else {
            throw CLIFailure(.usage, "the Health ID token does not say whose it is; run `phr login --oauth --cid <your citizen ID>`",
                             th: "โทเคน Health ID ไม่ได้ระบุว่าเป็นของใคร กรุณาเรียก `phr login --oauth --cid <เลขประจำตัวประชาชน>`")
        }
        if let hint, hint != citizen.digits { throw ClientError.wrongCitizen }
        let expires = claims.exp?.value ?? Date().addingTimeInterval(TimeInterval(grant.expiresIn ?? 3600))
        return Session(method: .oauth, credential: .bearer(cid: citizen.digits, token: grant.accessToken),
                       server: service.services.phr.base.absoluteString, expiresAt: expires)
    }
}

/// Opens a URL in the user's browser: `$BROWSER` (a command; the URL is its last argument),
/// else `xdg-open` when present. Failure is fine: the URL is also printed.
enum Browser {
    static func open(_ url: String) {
        let env = ProcessInfo.processInfo.environment
        let command = env["BROWSER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (FileManager.default.isExecutableFile(atPath: "/usr/bin/xdg-open") ? "/usr/bin/xdg-open" : nil)
        guard let command else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command + " \"$1\" >/dev/null 2>&1", "phr-browser", url]
        p.standardInput = FileHandle.nullDevice
        try? p.run()
    }
}
