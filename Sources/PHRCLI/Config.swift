import Foundation
import PHRRender
import TOMLKit

/// `phr`'s configuration: the system-wide `/etc/phr/config.toml` (`PHR_SYSTEM_CONFIG`
/// overrides the path), where a distributor puts the production client account, under the
/// user's `$XDG_CONFIG_HOME/phr/config.toml` (default `~/.config/phr/config.toml`): a key the
/// user sets wins. Each is read as TOML (TOMLKit). Values are read as text: strings as
/// they are, numbers and booleans as written, arrays of them joined with commas; keys inside a
/// `[table]` are `table.key`. Unknown keys are ignored so newer files work with older `phr`.
/// Every problem is reported as `file:line: problem`.
///
/// ```toml
/// server = "https://phr1.moph.go.th"            # PHR API + its OAuth2 (way 2)
/// account_server = "https://cvp1.moph.go.th"    # Account Center
/// healthid_server = "https://moph.id.th"        # Health ID (way 3)
/// ca_file = "/etc/phr/sandbox-ca.pem"
/// account_user = "demo-client"
/// account_password_hash_file = "/etc/phr/account-password-hash"
/// hospital_code = "10699"
/// healthid_client_id = "…"                      # from the ministry
/// healthid_client_secret_file = "/etc/phr/healthid-secret"
/// ```
struct Config: Sendable {
    /// The files the values came from, the one that wins last (empty: none was found).
    private(set) var files: [String] = []
    private(set) var values: [String: String] = [:]
    /// The file and line each key was set on, for messages.
    private var origins: [String: (file: String, line: Int?)] = [:]

    /// The system-wide file a distributor installs: `PHR_SYSTEM_CONFIG`, else `/etc/phr/config.toml`.
    static var systemPath: String {
        ProcessInfo.processInfo.environment["PHR_SYSTEM_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/phr/config.toml"
    }

    static var path: String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return base + "/phr/config.toml"
    }

    /// The system-wide file, then the user's over it (each only if it exists).
    static func load() throws(CLIFailure) -> Config {
        var config = try load(from: systemPath)
        let user = try load(from: path)
        for (key, value) in user.values {
            config.values[key] = value
            config.origins[key] = user.origins[key]
        }
        config.files += user.files
        return config
    }

    /// Loads one file if it exists; a malformed file is an error naming the line.
    static func load(from path: String) throws(CLIFailure) -> Config {
        guard let data = FileManager.default.contents(atPath: path) else { return Config() }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure(.usage, "\(path): not UTF-8 text; save it as UTF-8", th: "\(path): ไม่ใช่ข้อความ UTF-8")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw CLIFailure(.usage, "\(path):\(error.source.begin.line): \(error.description); fix that line",
                             th: "\(path) บรรทัด \(error.source.begin.line): รูปแบบ TOML ไม่ถูกต้อง กรุณาแก้ไข")
        } catch {
            throw CLIFailure(.usage, .configNotTOML, ["path": path])
        }
        var config = Config()
        config.files = [path]
        config.flatten(table, prefix: "")
        let lines = Self.keyLines(text)
        for key in config.values.keys { config.origins[key] = (path, lines[key]) }
        return config
    }

    private mutating func flatten(_ table: TOMLTable, prefix: String) {
        for key in table.keys {
            guard let value = table[key]?.tomlValue else { continue }
            let name = prefix + key
            if let nested = value.table {
                flatten(nested, prefix: name + ".")
            } else if let text = Self.text(value) {
                values[name] = text
            }
        }
    }

    /// A scalar or an array of scalars as text; nil for what `phr` never reads (arrays of tables).
    private static func text(_ value: TOMLValue) -> String? {
        if let s = value.string { return s }
        if let i = value.int { return String(i) }
        if let d = value.double { return String(d) }
        if let b = value.bool { return b ? "true" : "false" }
        if let array = value.array {
            let items = array.map { text($0.tomlValue) }
            return items.contains(nil) ? nil : items.compactMap { $0 }.joined(separator: ",")
        }
        return value.debugDescription
    }

    /// Where each `key = …` (dotted within `[tables]`) is set, by a line scan: TOMLKit keeps no
    /// positions for values that parsed well.
    private static func keyLines(_ text: String) -> [String: Int] {
        var out: [String: Int] = [:]
        var prefix = ""
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: "#").first ?? ""
                prefix = name.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")) + "."
            } else if let eq = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<eq].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
                if out[prefix + key] == nil { out[prefix + key] = n + 1 }
            }
        }
        return out
    }

    subscript(_ key: String) -> String? { values[key] }

    /// `file:line: ` for `key`, or `file: ` when the line is unknown (empty with no file).
    func location(_ key: String) -> String {
        if let origin = origins[key] { return origin.line.map { "\(origin.file):\($0): " } ?? "\(origin.file): " }
        return files.last.map { "\($0): " } ?? ""
    }

    /// A usage failure about the value of `key`: `file:line: key: problem`.
    func problem(_ key: String, _ problem: String, th: String? = nil) -> CLIFailure {
        CLIFailure(.usage, "\(location(key))\(key): \(problem)", th: th.map { "\(location(key))\(key): \($0)" })
    }

    /// Reads a secret from the file named by `key`_file (never from the config text itself).
    func secret(_ key: String) throws(CLIFailure) -> String? {
        guard let file = self[key + "_file"] else { return nil }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw problem(key + "_file", "cannot read \(file); check the path")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
