/// A health unit's 5-digit code (hcode), e.g. `10699` = โรงพยาบาลสมเด็จพระยุพราชสระแก้ว.
public struct HospitalCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The five digits, zero-padded (`00017`).
    public let value: String

    /// Accepts 1 to 5 ASCII digits and pads to five; anything else is `nil`.
    public init?(_ text: String) {
        let t = text.trimmingSpaces
        guard (1...5).contains(t.utf8.count), t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        value = String(repeating: "0", count: 5 - t.utf8.count) + t
    }

    /// A code as a person types it: exactly five ASCII digits, leading zeros included. A
    /// shorter one is refused rather than padded — `1069` may be `10699` missing a digit, and
    /// padding would send it to another unit (`01069`).
    public static func typed(_ text: String) -> HospitalCode? {
        let t = text.trimmingSpaces
        return t.utf8.count == 5 ? HospitalCode(t) : nil
    }

    public var description: String { value }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = HospitalCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an hcode: \(text.prefix(20))"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    public var trimmingSpaces: String {
        let ws: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]
        guard let first = firstIndex(where: { !ws.contains($0) }) else { return "" }
        let last = lastIndex(where: { !ws.contains($0) })!
        return String(self[first...last])
    }
}
