import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PHRModel
import PHRSandbox

/// `phr-sandbox`: a local stand-in for the MOPH PHR service (docs/sandbox.md).
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phr-sandbox",
        abstract: "A faithful local stand-in for the MOPH PHR service (หมอพร้อม), for demos, tests and integrators.",
        discussion: "Sandbox only: OTPs go to GET /sandbox/outbox?cid=… instead of a phone. See docs/sandbox.md.",
        version: "0.1.0",
        subcommands: [Serve.self, Citizens.self, DemoConfig.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by every subcommand.
struct SeedOption: ParsableArguments {
    @Option(help: "Seed for the synthetic citizens (same seed → same data).")
    var seed: UInt64 = 42
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the PHR API, the Account Center and Health ID, each on its own port.",
        discussion: """
            Standard output, once all three listen: the PHR API's port alone on the first line \
            (useful with --port 0), then one line per service, "phr URL", "account URL", \
            "healthid URL".
            """)

    @OptionGroup var seed: SeedOption
    @Option(help: "Port of the PHR API (and its /oauth2); 0 lets the kernel pick a free one.") var port = 8787
    @Option(help: "Port of the Account Center (default: --port + 1, or a free one with --port 0).") var accountPort: Int?
    @Option(help: "Port of Health ID (default: --port + 2, or a free one with --port 0).") var healthidPort: Int?
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Directory for the signing keys and the saved state, sandbox.sqlite (created 0700).") var dataDir = "./sandbox-data"
    @Flag(help: "Approve Health ID's /oauth/redirect at once when login_hint names a sandbox citizen (headless demos and tests).")
    var autoApprove = false
    @Flag(name: .customLong("no-etag"), help: "Answer reads without ETag and never with 304, like the real service.")
    var noETag = false
    @Option(name: .customLong("fault"), help: "Inject a fault into a share of the PHR API's /api requests: kind[=arg][@probability], e.g. status=503@0.1 (repeatable).")
    var faults: [String] = []
    @Flag(help: "Log only warnings and errors.") var quiet = false
    @Option(help: "PEM certificate (chain) to serve HTTPS (see scripts/gen-ca).") var tlsCert: String?
    @Option(help: "PEM private key for --tls-cert.") var tlsKey: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("give both --tls-cert and --tls-key") }
    }

    /// The port of each listener.
    var ports: [SandboxListener: Int] {
        [.phr: port, .account: accountPort ?? (port == 0 ? 0 : port + 1), .healthID: healthidPort ?? (port == 0 ? 0 : port + 2)]
    }

    func run() async throws {
        let parsed = try faults.map { spec -> Fault in
            guard let f = Fault(spec: spec) else { throw ValidationError("--fault \(spec): expected kind[=arg][@probability], see docs/sandbox.md") }
            return f
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = quiet ? .warning : .info
            return handler
        }
        let sandbox = try await Sandbox(options: SandboxOptions(dataDir: URL(fileURLWithPath: dataDir), seed: seed.seed,
                                                               autoApprove: autoApprove, faults: parsed,
                                                               tls: tlsCert.map { ($0, tlsKey!) }, noETag: noETag))
        let scheme = tlsCert == nil ? "http" : "https"
        let announcer = Announcer(scheme: scheme, host: host, seed: seed.seed)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for listener in SandboxListener.allCases {
                let app = try sandbox.application(listener, host: host, port: ports[listener]!) { bound in
                    await announcer.bound(listener, port: bound)
                }
                group.addTask { try await app.runService() }
            }
            // One listener ending (a signal, or a failure) ends the sandbox.
            try await group.next()
            group.cancelAll()
        }
    }
}

/// Prints the listeners' addresses once all three are bound, in one write.
actor Announcer {
    let scheme: String, host: String, seed: UInt64
    private var bound: [SandboxListener: Int] = [:]

    init(scheme: String, host: String, seed: UInt64) {
        self.scheme = scheme; self.host = host; self.seed = seed
    }

    func bound(_ listener: SandboxListener, port: Int) {
        bound[listener] = port
        guard bound.count == SandboxListener.allCases.count, let phr = bound[.phr] else { return }
        func url(_ l: SandboxListener) -> String { "\(scheme)://\(host):\(bound[l]!)" }
        let text = "\(phr)\n" + SandboxListener.allCases.map { "\($0.rawValue) \(url($0))\n" }.joined()
            + "phr-sandbox (seed \(seed)): PHR API \(url(.phr)), Account Center \(url(.account)), Health ID \(url(.healthID)); OTPs at \(url(.phr))/sandbox/outbox?cid=…\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct Citizens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the synthetic citizens: CID, kind, name, rows (--json: also rows per Action, the card's fields and a child's mother).")
    @OptionGroup var seed: SeedOption
    @Flag(help: "Print JSON.") var json = false

    /// The fields of the citizen's national ID card as the card stores them (for the virtual
    /// card of the tests, Tests/Fixtures/thai_id_card.py): `prefix#first#middle#last` names,
    /// Buddhist-Era `YYYYMMDD` dates, gender 1/2.
    static func card(_ p: CitizenProfile) -> [String: String] {
        func be(_ d: CivilDateTime) -> String { String(format: "%04d%02d%02d", d.buddhistYear, d.month, d.day) }
        func hashes(_ n: PersonName) -> String { [n.prefix, n.first, n.middle, n.last].joined(separator: "#") }
        return ["name_th": hashes(p.nameTH), "name_en": hashes(p.nameEN), "birth": be(p.birthDate), "gender": p.gender == "F" ? "2" : "1"]
    }

    func run() async throws {
        let directory = CitizenDirectory(seed: seed.seed)
        let state = try SandboxState(directory: directory)
        var list: [[String: Any]] = []
        for p in directory.profiles {
            let record = await state.record(p.cid.digits)
            var entry: [String: Any] = ["cid": p.cid.digits, "kind": p.kind.rawValue, "name_th": p.nameTH.display, "name_en": p.nameEN.display,
                                        "rows": record?.totalRows ?? 0, "rows_by_action": record?.rowCounts ?? [:],
                                        "birth_date": p.healthIDBirthDate, "card": Self.card(p)]
            if let mother = p.mother { entry["mother_cid"] = mother.digits }
            list.append(entry)
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for c in list {
                print("\(c["cid"]!)  \(String(describing: c["kind"]!).padding(toLength: 7, withPad: " ", startingAt: 0))  \(c["rows"]!) rows  \(c["name_th"]!) / \(c["name_en"]!)")
            }
        }
    }
}

struct DemoConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-config",
        abstract: "Write a phr config.toml (and the demo account's password-hash file) for this sandbox.")
    @Option(help: "The sandbox's PHR API URL, e.g. http://127.0.0.1:8787.") var server: String
    @Option(help: "The sandbox's Account Center URL (default: the --server host, its port + 1).") var accountServer: String?
    @Option(help: "The sandbox's Health ID URL (default: the --server host, its port + 2).") var healthidServer: String?
    @Option(help: "Directory to write config.toml into (created 0700).") var dir: String
    @Flag(help: "Replace an existing config.toml that says something else.") var force = false

    /// `server` with its port moved by `offset` (serve's default ports are consecutive).
    func beside(_ offset: Int) throws -> String {
        guard var url = URLComponents(string: server), let port = url.port else {
            throw ValidationError("--server \(server) has no port: give --account-server and --healthid-server too")
        }
        url.port = port + offset
        return url.string ?? server
    }

    func run() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let hashFile = dir + "/sandbox-account-password-hash"
        guard fm.createFile(atPath: hashFile, contents: Data((DemoAccount.passwordHash + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write \(hashFile)")
        }
        let healthID = try healthidServer ?? beside(2)
        let config = """
            # phr configuration for a local phr-sandbox (written by `phr-sandbox demo-config`).
            # The three MOPH services, each on its own port (docs/sandbox.md).
            server = "\(server)"
            account_server = "\(try accountServer ?? beside(1))"
            healthid_server = "\(healthID)"
            # Health ID's signing keys: phr verifies the access token when this is set.
            healthid_jwks_url = "\(healthID)/.well-known/jwks.json"
            healthid_client_id = "\(DemoAccount.clientID)"
            account_user = "\(DemoAccount.user)"
            account_password_hash_file = "\(hashFile)"
            hospital_code = "\(DemoAccount.hospitalCode)"

            """
        // Someone's own config is never replaced unasked; writing the same text again is fine.
        let path = dir + "/config.toml"
        if !force, let existing = fm.contents(atPath: path), existing != Data(config.utf8) {
            throw ValidationError("\(path) exists and says something else; keep it, or give --force to replace it")
        }
        guard fm.createFile(atPath: path, contents: Data(config.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write \(dir)/config.toml")
        }
        print(dir + "/config.toml")
    }
}
