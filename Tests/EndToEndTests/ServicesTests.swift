import Foundation
import Testing

/// `phr` against the three services of a started `phr-sandbox`: each on its own address, set
/// by flag > environment > config.toml > default; the sandbox without ETags; its state across
/// a restart.
@Suite(.serialized) struct ServicesTests {
    typealias Citizen = LoginSyncTests.Citizen

    static func configFile(_ citizen: Citizen) -> URL {
        citizen.home.appendingPathComponent("config/phr/config.toml")
    }

    /// Rewrites config.toml with `transform` applied to its text.
    static func editConfig(_ citizen: Citizen, _ transform: (String) -> String) throws {
        let file = configFile(citizen)
        try transform(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aCallSentToAnotherServicesAddressFailsNamingTheSetting() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        // The Account Center's address pointing at the PHR API: the client token cannot be had.
        let login = try citizen.phr("login", "--cid", citizen.cid, extraEnv: ["PHR_ACCOUNT_SERVER": sandbox.base])
        #expect(login.status == 6, "\(login.stderr)")
        #expect(login.stderr.contains("is not the Account Center") && login.stderr.contains("account_server"), "\(login.stderr)")
        #expect(login.stderr.split(separator: "\n").count == 1)
        // The PHR API's address pointing at the Account Center.
        let swapped = try citizen.phr("login", "--cid", citizen.cid, "--server", sandbox.accountBase)
        #expect(swapped.status == 6 && swapped.stderr.contains("is not the PHR API"), "\(swapped.stderr)")
        #expect(try citizen.phr("sync").status == 3, "no session was stored")
    }

    @Test func statusShowsEachServiceAndWhereItsAddressCameFrom() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        let status = try citizen.phr("status", "--healthid-server", "https://id.example.org",
                                     extraEnv: ["PHR_ACCOUNT_SERVER": "https://account.example.org", "PHR_SERVER": "https://phr.example.org"])
        #expect(status.status == 0, "\(status.stderr)")
        let text = status.stdout
        #expect(text.contains("PHR API https://phr.example.org (PHR_SERVER)"), "env beats config: \(text)")
        #expect(text.contains("Account Center https://account.example.org (PHR_ACCOUNT_SERVER)"), "\(text)")
        #expect(text.contains("Health ID https://id.example.org (--healthid-server)"), "\(text)")
        let flagged = try citizen.phr("status", "--server", "https://flag.example.org", extraEnv: ["PHR_SERVER": "https://phr.example.org"])
        #expect(flagged.stdout.contains("PHR API https://flag.example.org (--server)"), "a flag beats the environment")
        let fromFile = try citizen.phr("status")
        #expect(fromFile.stdout.contains("Health ID \(sandbox.healthIDBase) (\(Self.configFile(citizen).path):"), "\(fromFile.stdout)")
        try Self.editConfig(citizen) { $0.split(separator: "\n").filter { !$0.hasPrefix("account_server") }.joined(separator: "\n") }
        #expect(try citizen.phr("status").stdout.contains("Account Center https://cvp1.moph.go.th (default)"))
    }

    @Test func httpsIsRequiredForEveryServiceExceptOnLoopback() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        for (variable, name) in [("PHR_SERVER", "PHR API"), ("PHR_ACCOUNT_SERVER", "Account Center"), ("PHR_HEALTHID_SERVER", "Health ID")] {
            let r = try citizen.phr("login", "--cid", citizen.cid, extraEnv: [variable: "http://moph.example.org"])
            #expect(r.status == 64, "\(variable): \(r.stderr)")
            #expect(r.stderr.contains("\(variable): the \(name) address") && r.stderr.contains("https is required"), "\(r.stderr)")
        }
    }

    @Test func aBadConfigFileIsNamedWithItsLine() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        let file = Self.configFile(citizen)
        let good = try String(contentsOf: file, encoding: .utf8)
        try (good + "\nhospital_code = \"unterminated\n").write(to: file, atomically: true, encoding: .utf8)
        let line = good.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let broken = try citizen.phr("status")
        #expect(broken.status == 64)
        #expect(broken.stderr.hasPrefix("phr: \(file.path):\(line): "), "\(broken.stderr)")
        try good.replacingOccurrences(of: "server = \"\(sandbox.base)\"", with: "server = \"http://phr1.moph.go.th\"")
            .write(to: file, atomically: true, encoding: .utf8)
        let insecure = try citizen.phr("sync")
        #expect(insecure.status == 64 && insecure.stderr.contains("\(file.path):3: the PHR API address"), "\(insecure.stderr)")
        try (good + "healthid_token_path = \"api/v1/token\"\n").write(to: file, atomically: true, encoding: .utf8)
        let path = try citizen.phr("login", "--cid", citizen.cid)
        #expect(path.status == 64 && path.stderr.contains("healthid_token_path: must start with /"), "\(path.stderr)")
        // Real TOML: tables, arrays, numbers and comments after values all parse.
        try (good + "timeout = 30 # seconds\nlist = [\"a\", \"b\"]\n[kiosk]\nlanguage = \"th\"\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try citizen.phr("status").status == 0)
    }

    /// A "browser" that fills in Health ID's login form (CID + birth date) for the citizen and
    /// follows the redirect back to phr's loopback listener.
    static func loginFormBrowser(_ citizen: Citizen) throws -> [String: String] {
        let list = try run(binary("phr-sandbox"), ["citizens", "--seed", "42", "--json"]).stdout
        let citizens = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
        let birth = try #require(citizens.first { $0["cid"] as? String == citizen.cid }?["birth_date"] as? String)
        let script = citizen.home.appendingPathComponent("browser.sh")
        try """
            url=$1; base=${url%%/oauth/redirect*}
            exec curl -sL -o /dev/null --data "${url#*\\?}&cid=\(citizen.cid)&birth_date=\(birth)" "$base/oauth/approve"
            """.write(to: script, atomically: true, encoding: .utf8)
        return ["BROWSER": "sh " + script.path]
    }

    @Test func healthIDLoginWorksWithoutAJWKSAndChecksOneWhenGiven() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        try Self.editConfig(citizen) { $0.split(separator: "\n").filter { !$0.hasPrefix("healthid_jwks_url") }.joined(separator: "\n") }
        let browser = try Self.loginFormBrowser(citizen)
        let login = try citizen.phr("login", "--oauth", extraEnv: browser)
        #expect(login.status == 0, "no JWKS configured, none required: \(login.stderr)")
        #expect(try citizen.phr("status").stdout.contains("oauth for"), "the citizen comes from the token")
        #expect(try citizen.phr("sync").status == 0)
        // A JWKS address that is not Health ID's (the PHR host publishes none): refused, not trusted.
        try Self.editConfig(citizen) { $0 + "\nhealthid_jwks_url = \"\(sandbox.base)/.well-known/jwks.json\"\n" }
        let unchecked = try citizen.phr("login", "--oauth", extraEnv: browser)
        #expect(unchecked.status == 6 && unchecked.stderr.contains("is not the Health ID"), "\(unchecked.stderr)")
    }

    @Test func syncAndResyncWithoutETagsNeitherDuplicateNorLoseARow() throws {
        let sandbox = try SandboxProcess(args: ["--no-etag"])
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        #expect(try citizen.login().status == 0)
        let first = try citizen.phr("sync")
        #expect(first.status == 0, "\(first.stderr)")
        let stored = try citizen.stored()
        #expect(stored.values.reduce(0, +) == (try citizen.rows()), "every row of the sandbox, once: \(stored)")
        let again = try citizen.phr("sync")
        #expect(again.status == 0, "\(again.stderr)")
        let kinds: Set<String> = ["vitals", "conditions", "meds", "allergies", "vaccines", "coverage", "encounters"]
        let rows = again.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { kinds.contains($0.first ?? "") }
        #expect(rows.count == kinds.count && rows.allSatisfy { $0[1] == "0" && $0[2] == "0" }, "no new or updated rows on a re-sync: \(again.stdout)")
        // Every list's `result` reads as last time: each is skipped like a 304, so no visit is asked for again.
        let tally = try #require(again.stdout.firstMatch(of: #/(\d+) requests, (\d+) skipped/#), "\(again.stdout)")
        #expect(tally.1 == tally.2 && Int(tally.1)! < 20, "one request per list, each unchanged: \(again.stdout)")
        #expect(try citizen.stored() == stored, "nothing duplicated, nothing lost")
        #expect(try citizen.phr("sync", "--full").status == 0)
        #expect(try citizen.stored() == stored)
    }

    @Test func aReplyWhoseEnvelopeSaysFailureIsNeverZeroNewRows() throws {
        // HTTP 200, MessageCode 503 in the envelope, for a share of the PHR API's answers.
        let sandbox = try SandboxProcess(args: ["--fault", "envelope=503@0.25"])
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        var login = try citizen.login()
        for _ in 0..<8 where login.status != 0 {
            #expect(login.status == 8 && login.stderr.contains("MessageCode 503"), "a refused login says why: \(login.stderr)")
            login = try citizen.login()
        }
        #expect(login.status == 0, "\(login.stderr)")
        let sync = try citizen.phr("sync")
        #expect(sync.status == 8, "\(sync.stdout) \(sync.stderr)")
        #expect(sync.stderr.contains("not fetched") && sync.stderr.contains("MessageCode 503"), "\(sync.stderr)")
        #expect(sync.stderr.contains("run `phr sync` again"))
        #expect(try citizen.stored().values.reduce(0, +) < (try citizen.rows()), "what failed is not counted as fetched")
    }

    @Test func consentsTheirLogAndLockoutsSurviveASandboxRestart() throws {
        let dataDir = try makeTempDir("sandbox-state")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        var sandbox = try SandboxProcess(dataDir: dataDir)
        let ports = [sandbox.port] + [sandbox.accountBase, sandbox.healthIDBase].map { Int($0.split(separator: ":").last!)! }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        #expect(try citizen.login().status == 0)
        let created = try citizen.phr("share", "create", "--kinds", "vitals", "--for", "10699", "--expires", "24h", "--json")
        #expect(created.status == 0, "\(created.stderr)")
        let consent = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
        let code = try #require(consent["code"] as? String)
        #expect(try citizen.phr("clinic", "fetch", "--cid", citizen.cid, "--code", "-", "--unit", "10699", stdin: code + "\n").status == 0)
        // Another citizen locked out by wrong OTPs.
        let child = try Citizen(sandbox, kind: "child")
        defer { child.cleanup() }
        for _ in 0..<5 { _ = try child.login(otp: "ZZ000000") }

        sandbox.stop()
        sandbox = try SandboxProcess(args: ["--port", String(ports[0]), "--account-port", String(ports[1]), "--healthid-port", String(ports[2])],
                                     dataDir: dataDir)
        defer { sandbox.stop() }
        #expect(sandbox.port == ports[0])
        let list = try citizen.phr("share", "list")
        #expect(list.status == 0 && list.stdout.contains(String(code.prefix(4))), "the consent is still there: \(list.stdout) \(list.stderr)")
        let log = try citizen.phr("share", "log")
        #expect(log.status == 0 && log.stdout.contains("10699"), "and who used it: \(log.stdout)")
        #expect(try citizen.phr("clinic", "fetch", "--cid", citizen.cid, "--code", "-", "--unit", "10699", stdin: code + "\n").status == 0,
                "the code still works for the clinic")
        let locked = try child.login(otp: "ZZ000000")
        #expect(locked.status == 7 && (locked.stderr.contains("locked") || locked.stderr.contains("too many")), "\(locked.stderr)")
    }
}
