import Foundation
import PHRClient

/// `phr`'s configuration file, `$XDG_CONFIG_HOME/phr/config.toml` (default
/// `~/.config/phr/config.toml`). A small TOML subset: `key = "string"` or `key = 123` lines,
/// `#` comments; unknown keys are ignored so newer files work with older `phr`.
///
/// ```toml
/// server = "https://phr1.moph.go.th"
/// ca_file = "/etc/phr/sandbox-ca.pem"
/// client_id = "phr-cli"
/// client_secret_file = "/etc/phr/client-secret"
/// account_user = "demo-client"
/// account_password_file = "/etc/phr/account-password"
/// hospital_code = "10699"
/// ```
struct Config: Sendable {
    var values: [String: String] = [:]

    /// The production PHR service.
    static let defaultServer = "https://phr1.moph.go.th"

    static var path: String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return base + "/phr/config.toml"
    }

    /// Loads the file if it exists; a malformed line is an error naming the line.
    static func load(from path: String = Config.path) throws(CLIFailure) -> Config {
        guard let data = FileManager.default.contents(atPath: path) else { return Config() }
        var config = Config()
        for (n, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("[") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw CLIFailure(.usage, "\(path):\(n + 1): expected key = value")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") {
                guard value.count >= 2, let close = value.dropFirst().firstIndex(of: "\"") else {
                    throw CLIFailure(.usage, "\(path):\(n + 1): unterminated string")
                }
                value = String(value[value.index(after: value.startIndex)..<close])
            } else if let hash = value.firstIndex(of: "#") {
                value = value[..<hash].trimmingCharacters(in: .whitespaces)
            }
            config.values[key] = value
        }
        return config
    }

    subscript(_ key: String) -> String? { values[key] }

    /// The server: `--server`, then `PHR_SERVER`, then the file, then production.
    func endpoint(flag: String?, caFile: String?) throws(CLIFailure) -> ServerEndpoint {
        let env = ProcessInfo.processInfo.environment
        let text = flag ?? env["PHR_SERVER"].flatMap { $0.isEmpty ? nil : $0 } ?? self["server"] ?? Config.defaultServer
        do {
            return try ServerEndpoint(text, caFile: caFile ?? env["PHR_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? self["ca_file"])
        } catch {
            throw error.cliFailure
        }
    }

    /// Reads a secret from the file named by `key`_file (never from the config text itself).
    func secret(_ key: String) throws(CLIFailure) -> String? {
        guard let file = self[key + "_file"] else { return nil }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure(.usage, "cannot read \(key) from \(file); check the path in \(Config.path)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
