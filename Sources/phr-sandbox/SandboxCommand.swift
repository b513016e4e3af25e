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
        abstract: "Serve the PHR API. The first line of stdout is the port (useful with --port 0).")

    @OptionGroup var seed: SeedOption
    @Option(help: "Port to listen on; 0 lets the kernel pick a free one.") var port = 8787
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Directory for the signing key (created 0700).") var dataDir = "./sandbox-data"
    @Flag(help: "Approve /oauth2/auth at once when login_hint names a sandbox citizen (headless demos and tests).")
    var autoApprove = false
    @Option(name: .customLong("fault"), help: "Inject a fault into a share of /api requests: kind[=arg][@probability], e.g. status=503@0.1 (repeatable).")
    var faults: [String] = []
    @Flag(help: "Log only warnings and errors.") var quiet = false
    @Option(help: "PEM certificate (chain) to serve HTTPS (see scripts/gen-ca).") var tlsCert: String?
    @Option(help: "PEM private key for --tls-cert.") var tlsKey: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("give both --tls-cert and --tls-key") }
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
                                                               tls: tlsCert.map { ($0, tlsKey!) }))
        let scheme = tlsCert == nil ? "http" : "https"
        let app = try sandbox.application(host: host, port: port) { bound in
            print(bound)
            print("phr-sandbox listening on \(scheme)://\(host):\(bound) (seed \(seed.seed)); OTPs at /sandbox/outbox?cid=…")
            fflush(nil)
        }
        try await app.runService()
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
        let state = SandboxState(directory: directory)
        var list: [[String: Any]] = []
        for p in directory.profiles {
            let record = await state.record(p.cid.digits)
            var entry: [String: Any] = ["cid": p.cid.digits, "kind": p.kind.rawValue, "name_th": p.nameTH.display, "name_en": p.nameEN.display,
                                        "rows": record?.totalRows ?? 0, "rows_by_action": record?.rowCounts ?? [:], "card": Self.card(p)]
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
    @Option(help: "The sandbox URL, e.g. http://127.0.0.1:8787.") var server: String
    @Option(help: "Directory to write config.toml into (created 0700).") var dir: String

    func run() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let hashFile = dir + "/sandbox-account-password-hash"
        guard fm.createFile(atPath: hashFile, contents: Data((DemoAccount.passwordHash + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write \(hashFile)")
        }
        let config = """
            # phr configuration for a local phr-sandbox (written by `phr-sandbox demo-config`).
            server = "\(server)"
            account_user = "\(DemoAccount.user)"
            account_password_hash_file = "\(hashFile)"
            hospital_code = "\(DemoAccount.hospitalCode)"
            client_id = "\(DemoAccount.clientID)"

            """
        guard fm.createFile(atPath: dir + "/config.toml", contents: Data(config.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write \(dir)/config.toml")
        }
        print(dir + "/config.toml")
    }
}
