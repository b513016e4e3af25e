import Foundation

/// The envelope's own verdict on a reply: its top-level `MessageCode` and `Message`
/// (phr-api.md §3), read without decoding `result`.
///
/// The service may answer HTTP 200 with an envelope whose `MessageCode` says otherwise; a
/// public client branches on `MessageCode`, so success is HTTP 2xx **and** `MessageCode` 200.
/// Some of the ministry's own examples (GetPHROTP, the token replies) carry no `MessageCode`
/// at all: absent is not a failure.
///
/// Read answers can be megabytes; this scans the bytes once, skipping nested values, so it
/// costs a fraction of a parse and the rows are still decoded only once (by ``Envelope``).
public struct EnvelopeStatus: Sendable, Equatable {
    /// `MessageCode` as a number (or numeric text), when the body is a JSON object that has it.
    public var messageCode: Int?
    /// `Message`, when it is a string.
    public var message: String?

    public init(messageCode: Int?, message: String?) {
        self.messageCode = messageCode
        self.message = message
    }

    /// Whether the envelope reports success: no `MessageCode`, or `MessageCode` 200.
    public var isSuccess: Bool { messageCode == nil || messageCode == 200 }

    /// Reads `MessageCode` and `Message` from the top level of a JSON object. Anything that
    /// is not a JSON object (text, an array, broken JSON) has neither.
    public init(body: Data) {
        let scanner = TopLevelScanner(bytes: body)
        var code: Int?
        var message: String?
        scanner.forEachMember { key, value in
            switch key {
            case "MessageCode":
                code = value.number.flatMap { $0.isFinite && abs($0) < 1e9 ? Int($0) : nil }
            case "Message":
                message = value.string
            default:
                break
            }
        }
        self.init(messageCode: code, message: message)
    }
}

extension Envelope {
    /// The text of the envelope's `result` as it arrived, found without parsing (nil when the
    /// body is not an object with a `result`). A client compares it with the last answer's to
    /// tell an unchanged list from a changed one where the service sends no ETag; the
    /// envelope's other members (`RequestTime`, `processing_time_ms`) change on every answer.
    public static func resultText(of body: Data) -> Data? {
        var range: Range<Int>?
        TopLevelScanner(bytes: body).forEachMember { key, value in
            if key == "result" { range = value.range }
        }
        return range.map { body[body.startIndex + $0.lowerBound ..< body.startIndex + $0.upperBound] }
    }
}

/// Walks the members of a top-level JSON object, decoding only scalar values and skipping
/// nested objects and arrays by bracket counting (strings, escapes included, are respected).
private struct TopLevelScanner {
    let bytes: Data

    /// A member's value as far as the scanner decodes it, and where its text is in the body.
    struct Value {
        var string: String?
        var number: Double?
        var range: Range<Int> = 0..<0
    }

    func forEachMember(_ visit: (String, Value) -> Void) {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var i = skipSpace(b, 0)
            guard i < b.count, b[i] == UInt8(ascii: "{") else { return }
            i += 1
            while true {
                i = skipSpace(b, i)
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { return }
                guard let (key, afterKey) = string(b, i) else { return }
                i = skipSpace(b, afterKey)
                guard i < b.count, b[i] == UInt8(ascii: ":") else { return }
                i = skipSpace(b, i + 1)
                guard i < b.count else { return }
                var value = Value()
                let valueStart = i
                switch b[i] {
                case UInt8(ascii: "\""):
                    guard let (text, end) = string(b, i) else { return }
                    value.string = text
                    value.number = Double(text.trimmingCharacters(in: .whitespaces))
                    i = end
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard let end = skipNested(b, i) else { return }
                    i = end
                default:
                    var end = i
                    while end < b.count, !",} \t\r\n".utf8.contains(b[end]) { end += 1 }
                    value.number = Double(String(decoding: UnsafeBufferPointer(rebasing: b[i..<end]), as: UTF8.self))
                    i = end
                }
                value.range = valueStart..<i
                visit(key, value)
                i = skipSpace(b, i)
                guard i < b.count, b[i] == UInt8(ascii: ",") else { return }
                i += 1
            }
        }
    }

    private func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        return i
    }

    /// The string starting at the quote `start`, and the index after its closing quote.
    private func string(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> (String, Int)? {
        var i = start + 1
        var escaped = false
        while i < b.count {
            if escaped { escaped = false } else if b[i] == UInt8(ascii: "\\") { escaped = true } else if b[i] == UInt8(ascii: "\"") {
                // JSONReader, as the envelope's parser: one JSONSerialization call per member
                // of every answer was most of this scan's cost.
                let literal = Data(UnsafeBufferPointer(rebasing: b[start...i]))
                let text = (try? JSONReader.value(literal)) as? String
                return text.map { ($0, i + 1) }
            }
            i += 1
        }
        return nil
    }

    /// The index after the object or array starting at `start`.
    private func skipNested(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        var i = start
        while i < b.count {
            let c = b[i]
            if inString {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return nil
    }
}
