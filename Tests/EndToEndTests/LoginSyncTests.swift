import Foundation
import Testing

/// `phr` as a citizen runs it, against a started `phr-sandbox`, with a real encrypted store.
@Suite(.serialized) struct LoginSyncTests {
    /// A throw-away phr home + config for one sandbox.
    struct Citizen {
        let sandbox: SandboxProcess
        let home: URL
        let env: [String: String]
        let cid: String

        init(_ sandbox: SandboxProcess, kind: String = "adult") throws {
            self.sandbox = sandbox
            home = try makeTempDir("home")
            let config = home.appendingPathComponent("config/phr")
            try run(binary("phr-sandbox"), ["demo-config", "--server", sandbox.base, "--account-server", sandbox.accountBase,
                                            "--healthid-server", sandbox.healthIDBase, "--dir", config.path])
            let passphrase = home.appendingPathComponent("passphrase")
            try Data("correct horse battery staple\n".utf8).write(to: passphrase)
            env = ["PHR_HOME": home.appendingPathComponent("data").path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                   "PHR_PASSPHRASE_FILE": passphrase.path]
            let list = try run(binary("phr-sandbox"), ["citizens", "--seed", "42", "--json"]).stdout
            let citizens = try JSONSerialization.jsonObject(with: Data(list.utf8)) as! [[String: Any]]
            cid = citizens.first { $0["kind"] as? String == kind }!["cid"] as! String
            let created = try run(binary("phr"), ["init"], env: env)
            #expect(created.status == 0, "\(created.stderr)")
        }

        @discardableResult
        func phr(_ args: String..., extraEnv: [String: String] = [:], stdin: String? = nil) throws -> RunResult {
            try run(binary("phr"), args, env: env.merging(extraEnv) { $1 }, stdin: stdin)
        }

        func login(otp: String? = nil) throws -> RunResult {
            try runAnsweringOTP(binary("phr"), ["login", "--cid", cid], env: env, sandbox: sandbox, cid: cid, override: otp)
        }

        /// The rows the sandbox serves this citizen, every Action phr syncs (labs included).
        func rows() throws -> Int {
            let list = try run(binary("phr-sandbox"), ["citizens", "--seed", "42", "--json"]).stdout
            let citizens = try JSONSerialization.jsonObject(with: Data(list.utf8)) as! [[String: Any]]
            let citizen = citizens.first { $0["cid"] as? String == cid }!
            return citizen["rows"] as! Int
        }

        /// Records per kind from `phr status`' last line ("vitals 36 · conditions 48 …").
        func stored() throws -> [String: Int] {
            let line = try phr("status").stdout.split(separator: "\n").last.map(String.init) ?? ""
            var out: [String: Int] = [:]
            for part in line.components(separatedBy: " · ") {
                let kv = part.split(separator: " ")
                if kv.count == 2, let n = Int(kv[1]) { out[String(kv[0])] = n }
            }
            return out
        }

        func cleanup() { try? FileManager.default.removeItem(at: home) }
    }

    /// Logging in again needs no retyping of the CID: the store knows whose it is.
    @Test func bareLoginReusesTheStoresCitizen() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox, kind: "child")
        defer { citizen.cleanup() }
        let none = try citizen.phr("login")
        #expect(none.status == 64 && none.stderr.contains("--cid"), "a store without a citizen asks for --cid: \(none.stderr)")
        #expect(try citizen.login().status == 0)
        let again = try runAnsweringOTP(binary("phr"), ["login"], env: citizen.env, sandbox: sandbox, cid: citizen.cid)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("Logged in as"))
    }

    @Test func otpLoginSyncAndNoChangeResync() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        let login = try citizen.login()
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stderr.contains("Logged in as"))
        #expect(!login.stderr.contains(citizen.cid), "the full CID is never printed")

        let first = try citizen.phr("sync")
        #expect(first.status == 0, "\(first.stderr)")
        let stored = try citizen.stored()
        // Every sandbox row becomes one record (Address/Telecom/summary rows go into the person).
        #expect(stored.values.reduce(0, +) == (try citizen.rows()), "\(stored)")

        let again = try citizen.phr("sync")
        #expect(again.status == 0)
        #expect(again.stdout.contains("vitals                0        0"), "\(again.stdout)")
        #expect(try citizen.stored() == stored, "a re-sync never duplicates")

        let full = try citizen.phr("sync", "--full")
        #expect(full.status == 0)
        #expect(try citizen.stored() == stored, "a full re-fetch never duplicates either")

        let status = try citizen.phr("status")
        #expect(status.stdout.contains("valid until"))
        #expect(try citizen.phr("logout").status == 0)
        #expect(try citizen.phr("sync").status == 3, "after logout, sync says: log in")
    }

    @Test func wrongOTPIsRefusedThenLocksOut() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        let wrong = try citizen.login(otp: "ZZ000000")
        #expect(wrong.status == 7)
        #expect(wrong.stderr.contains("wrong OTP"), "\(wrong.stderr)")
        var last = wrong
        for _ in 0..<5 { last = try citizen.login(otp: "ZZ000000") }
        #expect(last.status == 7)
        #expect(last.stderr.contains("locked") || last.stderr.contains("too many"), "\(last.stderr)")
        #expect(try citizen.phr("sync").status == 3, "no session was stored")
    }

    @Test func malformedOTPAndBadCIDAreUsageErrors() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        let badCID = try citizen.phr("login", "--cid", "1-2345-67890-12-0")
        #expect(badCID.status == 64)
        #expect(badCID.stderr.contains("check digit") || badCID.stderr.contains("checksum"), "\(badCID.stderr)")
        let malformed = try citizen.login(otp: "12345")
        #expect(malformed.status == 64)
    }

    @Test func expiredOTPAsksToLogInAgainAndKeepsData() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox, kind: "child")
        defer { citizen.cleanup() }
        #expect(try citizen.login().status == 0)
        #expect(try citizen.phr("sync").status == 0)
        let before = try citizen.stored()
        _ = try sandbox.json("POST", "/sandbox/clock", body: ["advance_seconds": 3700])
        let expired = try citizen.phr("sync", "--full")
        #expect(expired.status == 3, "\(expired.stderr)")
        #expect(expired.stderr.contains("phr login"))
        #expect(try citizen.stored() == before, "nothing lost")
    }

    @Test func wrongPassphraseExits4() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        let wrong = citizen.home.appendingPathComponent("wrong")
        try Data("not it\n".utf8).write(to: wrong)
        let r = try citizen.phr("status", extraEnv: ["PHR_PASSPHRASE_FILE": wrong.path])
        #expect(r.status == 4)
        #expect(r.stderr.contains("wrong passphrase"))
    }

    @Test func oauthLoginWithPKCEThenSyncWithBearer() throws {
        let sandbox = try SandboxProcess(args: ["--auto-approve"])
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        // The "browser" follows the authorize redirect to phr's loopback listener, like a real one.
        let login = try citizen.phr("login", "--oauth", "--cid", citizen.cid, extraEnv: ["BROWSER": "curl -sL -o /dev/null"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(try citizen.phr("status").stdout.contains("oauth for"))
        let sync = try citizen.phr("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try citizen.stored().values.reduce(0, +) == (try citizen.rows()))
    }

    @Test(arguments: ["status=503@0.3", "reset@0.2", "rate-limit@0.15", "rate-limit=nan@0.1", "latency=50ms@0.5"])
    func transientFaultsAreRetried(fault: String) throws {
        let sandbox = try SandboxProcess(args: ["--fault", fault])
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        // Login may hit the fault too. Asking for an OTP is not sent again after a 5xx or a
        // dropped answer (the server may have sent one), so the citizen runs login again.
        var login = try citizen.login()
        for _ in 0..<5 where login.status != 0 { login = try citizen.login() }
        #expect(login.status == 0, "\(login.stderr)")
        // Five tries per request cannot beat a 30 % fault rate on every one of a few hundred
        // requests; what must hold is that nothing is lost and that running `phr sync` again,
        // as the failure message says, finishes the job (it fetches only what is missing).
        var sync = try citizen.phr("sync")
        for _ in 0..<2 where sync.status == 8 {   // exit 8: partly synced
            #expect(sync.stderr.contains("run `phr sync` again"), "\(fault): \(sync.stderr)")
            sync = try citizen.phr("sync")
        }
        #expect(sync.status == 0, "\(fault): \(sync.stderr)")
        #expect(!sync.stderr.contains("retrying"), "off a terminal retries print no lines: \(sync.stderr)")
        #expect(try citizen.stored().values.reduce(0, +) == (try citizen.rows()))
    }

    @Test(arguments: ["truncate@0.3", "wrong-types@0.3", "oversized@0.1"])
    func brokenAnswersAreNamedAndNothingIsLost(fault: String) throws {
        let sandbox = try SandboxProcess(args: ["--fault", fault])
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox)
        defer { citizen.cleanup() }
        var login = try citizen.login()
        for _ in 0..<5 where login.status != 0 { login = try citizen.login() }
        #expect(login.status == 0, "\(login.stderr)")
        let sync = try citizen.phr("sync")
        #expect([0, 8].contains(sync.status), "\(fault): \(sync.stderr)")
        if sync.status == 8 { #expect(sync.stderr.contains("run `phr sync` again")) }
        #expect(!sync.stderr.contains("Fatal error") && !sync.stderr.contains("Stack"))
        #expect(try citizen.phr("db", "check").status == 0, "the store stays healthy")
    }

    @Test func hostileStringsAreStoredButNeverReachTheTerminal() throws {
        let sandbox = try SandboxProcess(args: ["--fault", "hostile@1"])
        defer { sandbox.stop() }
        let citizen = try Citizen(sandbox, kind: "child")
        defer { citizen.cleanup() }
        var login = try citizen.login()
        for _ in 0..<3 where login.status != 0 { login = try citizen.login() }
        #expect(login.status == 0, "\(login.stderr)")
        let sync = try citizen.phr("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        let status = try citizen.phr("status")
        #expect(status.status == 0)
        for out in [sync.stdout, sync.stderr, status.stdout, status.stderr] {
            #expect(!out.contains("\u{1B}"), "no escape sequence reaches the terminal")
            #expect(!out.contains("\u{202E}"), "no bidi override reaches the terminal")
            #expect(out.count < 20_000, "the 10 MB name is cut")
        }
    }
}
