import Foundation
import PHRModel

/// A fault the sandbox injects into an `/api/…` answer, to test clients against what the real
/// service (and real networks) do. Chosen per request with the `X-Sandbox-Fault` header, or
/// for a share of all requests with `phr-sandbox serve --fault SPEC` (docs/sandbox.md).
///
/// Spec syntax: `kind[=argument][@probability]`, e.g. `latency=300ms`, `status=503@0.2`,
/// `envelope=500@0.1`, `rate-limit@0.1` (or `rate-limit=nan`: its Retry-After), `reset`, `truncate`, `wrong-types`, `oversized`, `hostile`,
/// `other-citizen`.
public struct Fault: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Answer after a delay.
        case latency(milliseconds: Int)
        /// Answer with this HTTP status and an error envelope.
        case status(Int)
        /// Answer HTTP 200 with an envelope whose `MessageCode` is this (a failure only the
        /// envelope tells).
        case envelope(Int)
        /// 429 with this `Retry-After` value, sent as given (`rate-limit=nan` tests a client
        /// against a broken one); `1` by default.
        case rateLimit(retryAfter: String)
        /// Close the connection without answering.
        case reset
        /// Send only the first half of the body.
        case truncate
        /// Numbers as text and text as numbers in every row.
        case wrongTypes
        /// A body larger than any client should accept (80 MB).
        case oversized
        /// Terminal escapes, control and bidi characters in every text field, and a 10 MB name.
        case hostile
        /// Every row about another citizen: each `cid` replaced by another valid citizen ID (a
        /// server mixing up people; a client must refuse to store it).
        case otherCitizen
    }

    public var kind: Kind
    /// Share of requests affected (1 = every request).
    public var probability: Double

    /// Parses a spec; nil if it is not one.
    public init?(spec: String) {
        var text = Substring(spec.trimmingCharacters(in: .whitespaces))
        probability = 1
        if let at = text.lastIndex(of: "@") {
            guard let p = Double(text[text.index(after: at)...]), (0...1).contains(p) else { return nil }
            probability = p
            text = text[..<at]
        }
        guard !text.hasSuffix("=") else { return nil }   // `kind=` with nothing after: a typo
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let arg = parts.count > 1 ? parts[1] : nil
        switch parts.first?.lowercased() {
        case "latency":
            guard let a = arg, let ms = Int(a.lowercased().replacingOccurrences(of: "ms", with: "")), (0...60_000).contains(ms) else { return nil }
            kind = .latency(milliseconds: ms)
        case "status":
            guard let a = arg, let code = Int(a), (400...599).contains(code) else { return nil }
            kind = .status(code)
        case "envelope":
            guard let a = arg, let code = Int(a), (201...599).contains(code) else { return nil }
            kind = .envelope(code)
        case "rate-limit":
            guard arg.map({ !$0.isEmpty && $0.count <= 64 && $0.allSatisfy { $0.isASCII && !$0.isNewline } }) ?? true else { return nil }
            kind = .rateLimit(retryAfter: arg ?? "1")
        case "reset": kind = .reset
        case "truncate": kind = .truncate
        case "wrong-types": kind = .wrongTypes
        case "oversized": kind = .oversized
        case "hostile": kind = .hostile
        case "other-citizen": kind = .otherCitizen
        default: return nil
        }
    }
}

/// Rewrites of a JSON `result` for the data-shaped faults.
enum FaultData {
    static let hostilePrefix = "\u{1B}[2J\u{1B}[31m\u{1B}]0;pwned\u{07}\u{202E}\u{0008}\u{200B}"

    /// Every string field gets terminal escapes and bidi overrides; the first `first_name`
    /// becomes 10 MB long.
    static func hostile(_ value: Any) -> Any {
        var bigNameLeft = true
        func walk(_ v: Any, key: String?) -> Any {
            switch v {
            case let s as String:
                if key == "first_name", bigNameLeft {
                    bigNameLeft = false
                    return hostilePrefix + String(repeating: "ก", count: 10 << 20 / 3)
                }
                return key == "cid" || key == "encounter_ref_code" || key == "organization_code" ? s : hostilePrefix + s
            case let d as [String: Any]:
                var out: [String: Any] = [:]
                for (k, x) in d { out[k] = walk(x, key: k) }
                return out
            case let a as [Any]:
                return a.map { walk($0, key: key) }
            default:
                return v
            }
        }
        return walk(value, key: nil)
    }

    /// Every `cid` (at any depth) becomes another valid citizen ID: the same first eleven digits,
    /// the twelfth moved on by one, and the check digit to match.
    static func otherCitizen(_ value: Any) -> Any {
        switch value {
        case let d as [String: Any]:
            var out: [String: Any] = [:]
            for (k, v) in d {
                if k == "cid", let text = v as? String, let cid = try? CitizenID(text) {
                    var digits = cid.digits.utf8.prefix(12).map { $0 - 48 }
                    digits[11] = (digits[11] + 1) % 10
                    out[k] = CitizenID(prefix12: digits).digits
                } else {
                    out[k] = otherCitizen(v)
                }
            }
            return out
        case let a as [Any]: return a.map(otherCitizen)
        default: return value
        }
    }

    /// Numbers become text and numeric-looking text becomes numbers; booleans become "Y".
    static func wrongTypes(_ value: Any) -> Any {
        switch value {
        case let n as NSNumber where String(cString: n.objCType) == "c": return n.boolValue ? "Y" : "N"
        case let n as NSNumber: return "\(n)"
        case let s as String: return Double(s).map { $0 as Any } ?? s
        case let d as [String: Any]: return d.mapValues(wrongTypes)
        case let a as [Any]: return a.map(wrongTypes)
        default: return value
        }
    }
}
