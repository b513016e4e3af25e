import Foundation

/// A small, fast JSON writer with keys in byte order, so the same value always gives the same
/// bytes (the sandbox's "same seed → same bytes", content hashes of rows and stable exports
/// rely on it).
/// Foundation's `.sortedKeys` sorts with locale-aware string comparison, which dominated the
/// sandbox's generation time; this writer does not.
public enum CanonicalJSON {
    /// Serialises strings, integers, doubles, booleans, `NSNull`, arrays and string-keyed
    /// dictionaries (as produced by `JSONSerialization` or built in Swift).
    public static func data(_ value: Any) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, to: &out)
        return Data(out)
    }

    static func write(_ value: Any, to out: inout [UInt8]) {
        // Native Swift containers first: testing them against NSNumber first would bridge
        // every dictionary and array to Foundation objects (that was 60 % of an export).
        switch value {
        case let s as String:
            string(s, to: &out)
        case let d as [String: Any]:
            out.append(UInt8(ascii: "{"))
            // Sorted as pairs: no second hash lookup per key.
            for (i, member) in d.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let a as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, x) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(x, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let b as Bool where type(of: value) == Bool.self:
            out += Array((b ? "true" : "false").utf8)
        case let i as Int where type(of: value) == Int.self:
            out += Array(String(i).utf8)
        case let d as Double where type(of: value) == Double.self:
            number(d, to: &out)
        case let n as NSNumber:
            if n.isJSONBool { out += Array((n.boolValue ? "true" : "false").utf8) }
            else { number(n.doubleValue, to: &out) }
        default:
            out += Array("null".utf8)
        }
    }

    /// Appends a number as JSON text (non-finite numbers become `null`).
    public static func number(_ d: Double, to out: inout [UInt8]) {
        guard d.isFinite else { out += Array("null".utf8); return }
        out += Array(format(d).utf8)
    }

    /// A number as JSON text: integral values without a fraction (`120`, not `120.0`).
    public static func format(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    /// Appends a string as a quoted, escaped JSON string.
    public static func string(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escape: copied in one piece, not byte by byte.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [92, 34]
            case UInt8(ascii: "\\"): out += [92, 92]
            case 0x0A: out += [92, UInt8(ascii: "n")]
            case 0x0D: out += [92, UInt8(ascii: "r")]
            case 0x09: out += [92, UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension NSNumber {
    /// Whether `JSONSerialization` made this number from a JSON `true`/`false`.
    public var isJSONBool: Bool { String(cString: objCType) == "c" }
}
