import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The package root, found from this file's path (Tests/EndToEndTests/Harness.swift).
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built binaries under test (`swift build` puts them here; `swift test` builds them first
/// because this test target depends on both executables).
func binary(_ name: String) -> String {
    let env = ProcessInfo.processInfo.environment
    if let dir = env["PHR_BIN_DIR"], !dir.isEmpty { return dir + "/" + name }
    for config in ["debug", "release"] {
        let p = packageRoot.appendingPathComponent(".build/\(config)/\(name)").path
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return packageRoot.appendingPathComponent(".build/debug/\(name)").path
}

/// What a finished process left behind.
struct RunResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Starts `path args` with `env` added to a minimal environment and pipes on stdin/out/err.
func launch(_ path: String, _ args: [String], env: [String: String]) throws -> (Process, out: Pipe, err: Pipe, input: Pipe) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    // The machine's /etc/phr/config.toml (a distributor's client account) stays out of tests.
    var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "PHR_SYSTEM_CONFIG": "/nonexistent/phr/config.toml"]
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out; p.standardError = err; p.standardInput = input
    try p.run()
    return (p, out, err, input)
}

/// Runs `path args` with `env` added to a minimal environment, feeding `stdin`, and waits.
@discardableResult
func run(_ path: String, _ args: [String], env: [String: String] = [:], stdin: String? = nil,
         timeout: Double = 120) throws -> RunResult {
    let (p, out, err, input) = try launch(path, args, env: env)
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    return collect(p, out: out, err: err, timeout: timeout)
}

/// Reads the process's stdout and stderr to their ends (concurrently, so a chatty child cannot
/// block on a full pipe), terminating it after `timeout`, and waits for it to exit.
func collect(_ p: Process, out: Pipe, err: Pipe, timeout: Double) -> RunResult {
    let outData = LockedData(), errData = LockedData()
    let group = DispatchGroup()
    for (pipe, box) in [(out, outData), (err, errData)] {
        group.enter()
        DispatchQueue.global().async {
            box.set(pipe.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
    }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        p.terminate()
        _ = group.wait(timeout: .now() + 5)
    }
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: outData.get(), as: UTF8.self),
                     stderr: String(decoding: errData.get(), as: UTF8.self))
}

final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}

/// A fresh temporary directory (0700) removed by `cleanup()`.
func makeTempDir(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("phr-e2e-\(label)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return url
}

/// A `phr-sandbox` process with its three listeners (PHR API, Account Center, Health ID) on
/// kernel-picked loopback ports.
final class SandboxProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let dataDir: URL
    /// The listeners' URLs by the names `serve` prints: `phr`, `account`, `healthid`.
    let urls: [String: String]
    var base: String { urls["phr"]! }
    var accountBase: String { urls["account"]! }
    var healthIDBase: String { urls["healthid"]! }
    private let keepData: Bool

    /// Starts `phr-sandbox serve` (`--port 0` unless `args` name ports): the PHR port is the first stdout line, then one
    /// `name URL` line per service. With `dataDir`, the sandbox keeps its state there (and
    /// `stop()` leaves it, for a restart).
    init(args: [String] = [], seed: Int = 42, dataDir: URL? = nil) throws {
        self.dataDir = try dataDir ?? makeTempDir("sandbox")
        keepData = dataDir != nil
        process.executableURL = URL(fileURLWithPath: binary("phr-sandbox"))
        let ports = args.contains("--port") ? [] : ["--port", "0"]
        process.arguments = ["serve"] + ports + ["--data-dir", self.dataDir.path, "--seed", String(seed)] + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        var text = Data()
        let handle = out.fileHandleForReading
        while String(decoding: text, as: UTF8.self).split(separator: "\n").count < 4 {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text.append(chunk)
        }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
        var urls: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2, ["phr", "account", "healthid"].contains(parts[0]) { urls[parts[0]] = parts[1] }
        }
        guard let port = lines.first.flatMap({ Int($0) }), port > 0, urls.count == 3 else {
            process.terminate()
            throw HarnessError.sandboxDidNotStart(lines.joined(separator: " | "))
        }
        self.port = port
        self.urls = urls
        // Keep draining stdout so the sandbox never blocks on a full pipe.
        DispatchQueue.global().async { while !handle.availableData.isEmpty {} }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if !keepData { try? FileManager.default.removeItem(at: dataDir) }
    }

    deinit { stop() }

    /// GET or POST JSON to one of the sandbox's listeners (the PHR API by default) and decode
    /// the answer as a JSON object.
    func json(_ method: String, _ path: String, body: [String: Any]? = nil, on listener: String = "phr",
              headers: [String: String] = [:]) throws -> (Int, [String: Any]) {
        var request = URLRequest(url: URL(string: urls[listener]! + path)!)
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let box = LockedData()
        let status = StatusBox()
        let sem = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            box.set(data ?? Data())
            status.value = (response as? HTTPURLResponse)?.statusCode ?? 0
            sem.signal()
        }.resume()
        _ = sem.wait(timeout: .now() + 30)
        let object = (try? JSONSerialization.jsonObject(with: box.get())) as? [String: Any] ?? [:]
        return (status.value, object)
    }
}

final class StatusBox: @unchecked Sendable { var value = 0 }

enum HarnessError: Error { case sandboxDidNotStart(String) }

/// Runs `path args` while a helper "reads the citizen's phone": it polls the sandbox's demo
/// outbox for `cid` until an OTP newer than the one there at start appears (or `otp` is given),
/// then types it into the process's stdin. Returns when the process exits.
func runAnsweringOTP(_ path: String, _ args: [String], env: [String: String], sandbox: SandboxProcess,
                     cid: String, override otp: String? = nil, timeout: Double = 120) throws -> RunResult {
    let before = sandbox.outboxOTP(cid)
    let (p, out, err, input) = try launch(path, args, env: env)
    let typist = Thread {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, p.isRunning {
            if let fresh = sandbox.outboxOTP(cid), fresh != before {
                input.fileHandleForWriting.write(Data(((otp ?? fresh) + "\n").utf8))
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try? input.fileHandleForWriting.close()
    }
    typist.start()
    return collect(p, out: out, err: err, timeout: timeout)
}

extension SandboxProcess {
    /// The latest OTP the sandbox "sent" to `cid`'s phone, from `GET /sandbox/outbox`.
    func outboxOTP(_ cid: String) -> String? {
        guard let (status, object) = try? json("GET", "/sandbox/outbox?cid=\(cid)"), status == 200 else { return nil }
        return object["otp"] as? String
    }
}
