import Foundation

/// A strict JSON (RFC 8259) reader for the service's answers, straight from the bytes into
/// native Swift values: `String`, `Double`, `Bool`, ``JSONReader/null``, `[String: Any]` and
/// `[Any]` — no Foundation object graph (`JSONSerialization` builds one and bridges every
/// number and string through it; that was a tenth of a full sync's CPU).
///
/// Refused (``WireError/notJSON``): anything that is not one JSON value surrounded by white
/// space (a UTF-8 byte order mark is skipped), invalid UTF-8, unpaired surrogate escapes, and
/// nesting deeper than ``maxDepth``. A key given twice keeps its last value.
public enum JSONReader {
    /// How deep objects and arrays may nest (an answer's rows are three levels down).
    public static let maxDepth = 256

    /// What JSON `null` reads as (the value `JSONSerialization` gives, so callers testing
    /// `is NSNull` keep working).
    public static var null: Any { NSNullBox.value }

    /// Parses one JSON value.
    public static func value(_ data: Data) throws(WireError) -> Any {
        let result = data.withUnsafeBytes { raw -> Result<Any, WireError> in
            var p = Parser(b: raw.bindMemory(to: UInt8.self))
            let b = p.b
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { p.i = 3 }
            do throws(WireError) {
                let v = try p.value(depth: 0)
                p.skipSpace()
                guard p.i == b.count else { throw .notJSON }
                return .success(v)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// `NSNull()` once, so that `null` costs no allocation per field.
private enum NSNullBox {
    nonisolated(unsafe) static let value: Any = NSNull()
}

private struct Parser {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(WireError) -> Any {
        skipSpace()
        guard i < b.count else { throw .notJSON }
        switch b[i] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        case UInt8(ascii: "n"): try literal("null"); return JSONReader.null
        default: return try number()
        }
    }

    mutating func literal(_ word: StaticString) throws(WireError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw .notJSON }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { throw .notJSON }
        i += n
    }

    mutating func object(depth: Int) throws(WireError) -> [String: Any] {
        guard depth <= JSONReader.maxDepth else { throw .notJSON }
        i += 1
        var out: [String: Any] = [:]
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return out }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw .notJSON }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw .notJSON }
            i += 1
            out[key] = try value(depth: depth)
            skipSpace()
            guard i < b.count else { throw .notJSON }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            guard b[i] == UInt8(ascii: "}") else { throw .notJSON }
            i += 1
            return out
        }
    }

    mutating func array(depth: Int) throws(WireError) -> [Any] {
        guard depth <= JSONReader.maxDepth else { throw .notJSON }
        i += 1
        var out: [Any] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return out }
        while true {
            out.append(try value(depth: depth))
            skipSpace()
            guard i < b.count else { throw .notJSON }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            guard b[i] == UInt8(ascii: "]") else { throw .notJSON }
            i += 1
            return out
        }
    }

    /// The string at the opening quote `b[i]`; after it, `i` is past the closing quote.
    mutating func string() throws(WireError) -> String {
        i += 1
        let start = i
        // Fast path: no escape before the closing quote.
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                guard let s = String(validating: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self) else { throw .notJSON }
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            guard c >= 0x20 else { throw .notJSON }
            i += 1
        }
        var bytes = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                guard let s = String(validating: bytes, as: UTF8.self) else { throw .notJSON }
                return s
            case UInt8(ascii: "\\"):
                guard i + 1 < b.count else { throw .notJSON }
                i += 2
                switch b[i - 1] {
                case UInt8(ascii: "\""): bytes.append(0x22)
                case UInt8(ascii: "\\"): bytes.append(0x5C)
                case UInt8(ascii: "/"): bytes.append(0x2F)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { throw .notJSON }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw .notJSON }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw .notJSON
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw .notJSON }
                    bytes.append(contentsOf: UTF8.encode(u)!)
                default: throw .notJSON
                }
            default:
                guard c >= 0x20 else { throw .notJSON }
                bytes.append(c)
                i += 1
            }
        }
        throw .notJSON
    }

    mutating func hex4() throws(WireError) -> UInt32 {
        guard i + 4 <= b.count else { throw .notJSON }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw .notJSON
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    /// A number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func number() throws(WireError) -> Double {
        let start = i
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { throw .notJSON }
        if b[i] == UInt8(ascii: "0") { i += 1 } else { while i < b.count, isDigit(b[i]) { i += 1 } }
        var integral = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < b.count, isDigit(b[i]) else { throw .notJSON }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, isDigit(b[i]) else { throw .notJSON }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        // Whole numbers of up to 15 digits are exact in a Double: no text conversion.
        let negative = b[start] == UInt8(ascii: "-")
        let digits = i - start - (negative ? 1 : 0)
        if integral, digits <= 15 {
            var v: Int64 = 0
            for k in (start + (negative ? 1 : 0))..<i { v = v * 10 + Int64(b[k] - UInt8(ascii: "0")) }
            return Double(negative ? -v : v)
        }
        guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) else { throw .notJSON }
        return d
    }

    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
