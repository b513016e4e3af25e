import ArgumentParser
import Foundation
import PHRCard
import PHRClient
import PHRModel
import PHRStore
import PHRSync

/// `phr login`: the Mor Prom consent, by OTP (default) or OAuth 2.0 with PKCE.
struct LoginCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Give consent with หมอพร้อม: an OTP sent to your app (default) or OAuth in a browser (--oauth).",
        discussion: """
            OTP: phr asks the service to send an OTP to your หมอพร้อม app, then asks you to type it \
            (r = send a new one). It is valid for 1 hour. When standard input is not a terminal, \
            the OTP is read from it.

            OAuth: phr opens the consent page ($BROWSER, else xdg-open; --no-browser prints the \
            URL and asks for the address you were sent back to), checks state and PKCE, and \
            verifies the access token's signature against the server's keys.

            Card (--card): the citizen ID is read from the Thai national ID card in the reader \
            (--wait seconds for it to be inserted); an expired card is refused. Then the OTP or \
            OAuth consent as above, for that citizen.

            The session is stored in the encrypted store; `phr logout` removes it.
            """)

    @Option(help: ArgumentHelp("Your 13-digit citizen ID (dashes allowed).", valueName: "cid"))
    var cid: String?

    @Flag(help: "Take the citizen ID from the Thai national ID card in the reader.")
    var card = false

    @OptionGroup var cardOptions: CardOptions

    @Flag(help: "Use OAuth 2.0 (authorization code + PKCE, loopback redirect) instead of an OTP.")
    var oauth = false

    @Flag(help: "With --oauth: do not open a browser; print the URL and read the redirect address you paste.")
    var noBrowser = false

    @OptionGroup var server: ServerOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if !oauth && !card && cid == nil { throw ValidationError("give --cid <citizen ID>, or use --card or --oauth") }
        if card && cid != nil { throw ValidationError("--card reads the citizen ID from the card: leave out --cid") }
        if let cid {
            do { _ = try CitizenID(cid) } catch { throw ValidationError("--cid: \(error.description)") }
        }
    }

    func execute() async throws {
        let config = try Config.load()
        let opened = try store.open()   // before any OTP is spent: a wrong passphrase fails first
        defer { opened.close() }
        let endpoint = try server.endpoint(config: config)
        let fromCard = card ? try cardCitizen() : nil
        if let known = try fromCard ?? cid.map(CitizenID.init) { try opened.check(citizen: known) }   // before an OTP is spent
        let session = try await server.withService(endpoint) { service in
            oauth ? try await oauthLogin(hint: fromCard ?? cid.map { try CitizenID($0) }, config: config, endpoint: endpoint, service: service)
                  : try await otpLogin(fromCard ?? CitizenID(cid ?? ""), config: config, endpoint: endpoint, service: service)
        }
        if let fromCard, session.citizen != fromCard {
            throw CLIFailure(.refused, "the consent was given for another citizen than the card's; log in again as the card holder")
        }
        try Sessions.save(session, in: opened, event: "login")
        let who = session.citizen?.masked ?? "?"
        Terminal.err(Locale.prefersThai
            ? "เข้าสู่ระบบแล้ว (\(who)) ใช้ได้ถึง \(Clock.local(session.expiresAt)) ต่อไป: phr sync\n"
            : "Logged in as \(who) until \(Clock.local(session.expiresAt)). Next: phr sync\n")
    }

    // MARK: OTP (way 1)

    /// The card holder's citizen ID, read from the card (which must not have expired).
    private func cardCitizen() throws -> CitizenID {
        let holder = try cardOptions.withCard { c throws(CardError) in try ThaiIDCardReader(c).read() }
        if holder.isExpired(today: CivilDateTime.from(Date())) { throw CardError.expired(holder.expiryDate?.description ?? "").cliFailure }
        Terminal.err(Locale.prefersThai
            ? "บัตรประชาชน: \(CardText.name(holder.nameTH)) (\(holder.cid.masked))\n"
            : "ID card: \(CardText.englishName(holder.nameEN)) (\(holder.cid.masked))\n")
        return holder.cid
    }

    private func otpLogin(_ citizen: CitizenID, config: Config, endpoint: ServerEndpoint, service: PHRService) async throws -> Session {
        let clientToken = try await service.clientToken(try config.clientAccount())
        try await service.requestOTP(cid: citizen.digits, clientToken: clientToken)
        var expires = Date().addingTimeInterval(3600)
        Terminal.err(Locale.prefersThai
            ? "ส่ง OTP ไปที่แอปหมอพร้อมของ \(citizen.masked) แล้ว (ใช้ได้ถึง \(Clock.local(expires)))\n"
            : "An OTP was sent to the หมอพร้อม app of \(citizen.masked) (valid until \(Clock.local(expires))).\n")
        while true {
            guard let typed = Terminal.ask(Locale.prefersThai ? "ใส่รหัส OTP (r = ส่งใหม่): " : "Enter the OTP from หมอพร้อม (r = send a new one): ") else {
                throw CLIFailure(.usage, "no OTP was entered; run `phr login` again when you have it")
            }
            let otp = typed.trimmingCharacters(in: .whitespaces).uppercased()
            if !Terminal.stdinIsTTY { Terminal.err("\n") }
            if otp == "R" {
                try await service.requestOTP(cid: citizen.digits, clientToken: clientToken)
                expires = Date().addingTimeInterval(3600)
                Terminal.err("A new OTP was sent (valid until \(Clock.local(expires))).\n")
                continue
            }
            guard Self.looksLikeOTP(otp) else {
                Terminal.err("phr: an OTP is 2 letters and 6 digits, like AB123456; try again\n")
                if !Terminal.stdinIsTTY { throw CLIFailure(.usage, "the OTP on standard input is not 2 letters and 6 digits") }
                continue
            }
            do throws(ClientError) {
                try await service.validateOTP(cid: citizen.digits, otp: otp, clientToken: clientToken)
            } catch {
                guard case .wrongOTP(let left) = error, Terminal.stdinIsTTY, (left ?? 1) > 0 else { throw error }
                Terminal.err("phr: wrong OTP\(left.map { ", \($0) tries left" } ?? ""); check หมอพร้อม and try again\n")
                continue
            }
            return Session(method: .otp, credential: .otp(cid: citizen.digits, otp: otp, clientToken: clientToken),
                           server: endpoint.base.absoluteString, expiresAt: expires)
        }
    }

    static func looksLikeOTP(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 8 && u[0..<2].allSatisfy { (65...90).contains($0) } && u[2...].allSatisfy { (48...57).contains($0) }
    }

    // MARK: OAuth (way 3)

    private func oauthLogin(hint holder: CitizenID?, config: Config, endpoint: ServerEndpoint, service: PHRService) async throws -> Session {
        let clientID = config["client_id"] ?? "phr-cli"
        let receiver = try LoopbackRedirectReceiver()
        let request = OAuthRequest(clientID: clientID, redirectURI: receiver.redirectURI)
        let hint = holder?.digits
        let url = request.authorizeURL(on: endpoint, loginHint: hint)
        let response: AuthorizationResponse
        if noBrowser {
            Terminal.err("Open this address in a browser, give consent, then paste the address you end up at:\n\(url)\n")
            guard let pasted = Terminal.ask("Redirect address: ") else { throw CLIFailure(.usage, "no redirect address was pasted") }
            response = try AuthorizationResponse(redirect: pasted)
        } else {
            Terminal.err("Opening the หมอพร้อม consent page… if nothing opens, visit:\n\(url)\n")
            Browser.open(url)
            response = try await receiver.wait(timeout: 300)
        }
        let code = try response.code(expectingState: request.state)
        let grant = try await service.exchangeCode(code, redirectURI: request.redirectURI, verifier: request.pkce.verifier,
                                                   clientID: clientID, clientSecret: try config.secret("client_secret"))
        let claims = try await TokenVerifier(issuer: endpoint.base.absoluteString, audience: clientID)
            .verify(grant.accessToken, jwks: try await service.jwks())
        guard let citizen = try? CitizenID(claims.sub.value) else {
            throw CLIFailure(.server, "the access token does not name a valid citizen ID")
        }
        if let hint, hint != citizen.digits { throw ClientError.wrongCitizen }
        return Session(method: .oauth, credential: .bearer(cid: citizen.digits, token: grant.accessToken),
                       server: endpoint.base.absoluteString, expiresAt: claims.exp.value)
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
