import Foundation
import PHRModel

/// Everything that can be wrong with a body from the PHR service.
public enum WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not JSON at all (HTML error page, truncated body …).
    case notJSON
    /// JSON, but not the `{result, MessageCode, Message, …}` envelope.
    case notEnvelope
    /// The envelope's `result` is not the documented shape (`expected` says which).
    case unexpectedResult(action: String, expected: String)

    public var description: String {
        switch self {
        case .notJSON: return "the answer is not JSON"
        case .notEnvelope: return "the answer is not a PHR envelope"
        case .unexpectedResult(let action, let expected): return "\(action) did not return \(expected)"
        }
    }
}

/// The envelope every PHR answer comes in (phr-api.md §3):
/// `{"result", "MessageCode", "Message", "RequestTime", "EndpointIP", "EndpointPort", "processing_time_ms"}`.
///
/// Failures (silent in the ministry's spec; defined by `phr-sandbox`, docs/sandbox.md) use the
/// same envelope with `result: null`, `MessageCode` equal to the HTTP status and `Message`
/// saying what went wrong.
public struct Envelope {
    /// The decoded `result`: a ``WireRow`` object, an array of them, a string or a number
    /// (native Swift values, ``JSONReader``).
    public var result: Any?
    public var messageCode: Int?
    public var message: String?

    /// Parses a body (``JSONReader``). Deeply nested or non-object JSON is refused.
    public init(data: Data) throws(WireError) {
        let parsed = try JSONReader.value(data)
        guard let object = parsed as? [String: Any], object.keys.contains("result") else { throw .notEnvelope }
        result = object["result"]
        messageCode = WireRow(object).int("MessageCode")
        message = object["Message"] as? String
    }

    /// The rows of a list Action (a lone object counts as one row; `null` as none).
    public func rows(of request: ActionRequest) throws(WireError) -> [WireRow] {
        switch result {
        case let list as [Any]:
            var rows: [WireRow] = []
            rows.reserveCapacity(list.count)
            for item in list {
                guard let object = item as? [String: Any] else {
                    throw .unexpectedResult(action: request.label, expected: "a list of rows")
                }
                rows.append(WireRow(object))
            }
            return rows
        case let object as [String: Any]:
            return [WireRow(object)]
        case nil, is NSNull:
            return []
        default:
            throw .unexpectedResult(action: request.label, expected: "a list of rows")
        }
    }

    /// `result` as an integer (a write's count), when it is a number.
    public var resultInt: Int? { WireRow(["result": result ?? JSONReader.null]).int("result") }

    /// The object of an object Action (PatientSummary).
    public func object(of request: ActionRequest) throws(WireError) -> WireRow {
        guard let object = result as? [String: Any] else {
            throw .unexpectedResult(action: request.label, expected: "an object")
        }
        return WireRow(object)
    }

    /// Builds an envelope body (the sandbox's side). `result` must be JSON-serialisable.
    public static func encode(result: Any, messageCode: Int = 200, message: String = "OK",
                              requestTime: Date, endpointPort: Int = 15009, processingMs: Int = 0) -> Data {
        let object: [String: Any] = [
            "result": result,
            "MessageCode": messageCode,
            "Message": message,
            "RequestTime": isoMillis(requestTime),
            "EndpointIP": "127.0.0.1",
            "EndpointPort": endpointPort,
            "processing_time_ms": processingMs,
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// Builds an envelope around an already serialised `result` (the sandbox keeps results
    /// serialised, so large answers are not re-encoded per request). Keys are sorted as in
    /// ``encode(result:messageCode:message:requestTime:endpointPort:processingMs:)``.
    public static func encode(resultJSON: Data, requestTime: Date, endpointPort: Int = 15009, processingMs: Int = 0) -> Data {
        var out = Data()
        out.reserveCapacity(resultJSON.count + 200)
        out.append(contentsOf: Array(#"{"EndpointIP":"127.0.0.1","EndpointPort":\#(endpointPort),"Message":"OK","MessageCode":200,"RequestTime":"\#(isoMillis(requestTime))","processing_time_ms":\#(processingMs),"result":"#.utf8))
        out.append(resultJSON)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// An error envelope: `result` null, `MessageCode` = HTTP status.
    public static func failure(status: Int, message: String, requestTime: Date, extra: [String: Any] = [:]) -> Data {
        var object: [String: Any] = ["result": NSNull(), "MessageCode": status, "Message": message,
                                     "RequestTime": isoMillis(requestTime)]
        for (k, v) in extra { object[k] = v }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }

    /// `2024-12-19T10:09:36.388Z`.
    public static func isoMillis(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = Int(floor(Double(ms) / 1000))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let civil = CivilDay(dayNumber: day)
        let rest = seconds - day * 86_400
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", civil.year, civil.month, civil.day,
                      rest / 3600, rest / 60 % 60, rest % 60, Int(ms - Int64(seconds) * 1000))
    }
}

/// Days since 1970-01-01 → a proleptic Gregorian date (H. Hinnant's algorithm).
struct CivilDay {
    var year: Int, month: Int, day: Int
    init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
}

/// One row (JSON object) of a PHR answer, read tolerantly: the service sends numbers as
/// strings, `null` beside `0`, and `""` for unknown (phr-api.md §6).
public struct WireRow {
    public let fields: [String: Any]

    public init(_ fields: [String: Any]) {
        self.fields = fields
    }

    /// A field's scalar value, whether it came from ``JSONReader`` (native `Double`/`Bool`) or
    /// from `JSONSerialization` (`NSNumber`). Exact type tests: a cast would turn a Foundation
    /// boolean into 1.0, or bridge a native number to Foundation.
    private enum Scalar {
        case string(String), number(Double), bool(Bool), null, other
    }

    private func scalar(_ key: String) -> Scalar? {
        guard let value = fields[key] else { return nil }
        if let s = value as? String { return .string(s) }
        if type(of: value) == Double.self { return .number(value as! Double) }
        if type(of: value) == Bool.self { return .bool(value as! Bool) }
        if value is NSNull { return .null }
        if let n = value as? NSNumber { return n.isJSONBool ? .bool(n.boolValue) : .number(n.doubleValue) }
        return .other
    }

    /// Text of a field: strings as they are, numbers as their decimal text, `null`/missing → nil.
    public func text(_ key: String) -> String? {
        switch scalar(key) {
        case .string(let s)?: return s
        case .number(let d)?: return WireNumber.format(d)
        case .bool(let b)?: return b ? "true" : "false"
        default: return nil
        }
    }

    /// Non-empty, trimmed text, or nil.
    public func nonEmpty(_ key: String) -> String? {
        guard let raw = text(key) else { return nil }
        // Trim only when an end is white space (Foundation's trimming is slow on every field).
        let scalars = raw.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return nil }
        let t = first.properties.isWhitespace || last.properties.isWhitespace
            ? String(String.UnicodeScalarView(scalars.drop(while: \.properties.isWhitespace).reversed().drop(while: \.properties.isWhitespace).reversed()))
            : raw
        return t.isEmpty ? nil : t
    }

    /// A number that may arrive as a number, as numeric text, as `null` or be missing.
    public func number(_ key: String) -> WireNumber {
        switch scalar(key) {
        case nil: return .missing
        case .null?: return .null
        case .string(let s)?:
            let t = s.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { return .null }
            return Double(t).map { .text($0) } ?? .garbage(String(s.prefix(40)))
        case .number(let d)?: return .number(d)
        case .bool(let b)?: return .garbage(b ? "true" : "false")
        case .other?: return .garbage("not a number")
        }
    }

    /// An integer field (number or numeric text).
    public func int(_ key: String) -> Int? {
        number(key).value.flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil }
    }

    /// A boolean field (`true`/`false`, or `1`/`0`, `"Y"`/`"N"` as some units send).
    public func bool(_ key: String) -> Bool? {
        switch scalar(key) {
        case .bool(let b)?: return b
        case .number(let d)?: return d != 0
        case .string(let s)?:
            switch s.lowercased() { case "true", "1", "y": return true; case "false", "0", "n": return false; default: return nil }
        default: return nil
        }
    }

    /// A nested object.
    public func object(_ key: String) -> WireRow? {
        (fields[key] as? [String: Any]).map(WireRow.init)
    }

    /// A nested list of objects.
    public func list(_ key: String) -> [WireRow] {
        ((fields[key] as? [Any]) ?? []).compactMap { ($0 as? [String: Any]).map(WireRow.init) }
    }

    /// Every citizen ID the row names — its `cid` and the `cid` of nested objects and lists
    /// (PatientSummary's `patient`, `patient_names_th` …) — as sent, so that a reader can check
    /// that an answer is about the citizen it asked for. Rows without a `cid` (VitalSign) name none.
    public var citizenIDs: [String] {
        var out: [String] = []
        func walk(_ value: Any) {
            switch value {
            case let object as [String: Any]:
                if let cid = WireRow(object).nonEmpty("cid") { out.append(cid) }
                for (key, nested) in object where key != "cid" { walk(nested) }
            case let list as [Any]:
                list.forEach(walk)
            default:
                break
            }
        }
        walk(fields)
        return out
    }
}

/// A numeric field as it arrived.
public enum WireNumber: Equatable, Sendable {
    /// The field is absent.
    case missing
    /// `null` or `""`.
    case null
    /// A JSON number.
    case number(Double)
    /// Numeric text such as `"1"` (flagged as number-as-text by the mapping).
    case text(Double)
    /// Something that is not a number at all.
    case garbage(String)

    /// The numeric value, if there is one.
    public var value: Double? {
        switch self {
        case .number(let v), .text(let v): return v.isFinite ? v : nil
        default: return nil
        }
    }

    /// `161`, `42200.5`: no trailing `.0` for whole numbers.
    public static func format(_ v: Double) -> String { CanonicalJSON.format(v) }
}
