/// A Thai national identification number (เลขประจำตัวประชาชน): 13 digits, the last a check digit.
///
/// Parse it with or without dashes or spaces; it is always stored as 13 ASCII digits and shown
/// as `x-xxxx-xxxxx-xx-x`.
public struct CitizenID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The 13 digits, no separators.
    public let digits: String

    /// Why a text is not a valid citizen ID.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case invalidCharacter(Character)
        case wrongLength(Int)
        /// The check digit does not match the first twelve. Which digit is wrong cannot be
        /// known, so the error never names the digit that would "fix" it: changing the last
        /// digit to match turns a typo into another person's valid ID.
        case checksum

        public var description: String {
            switch self {
            case .empty: return "no citizen ID given"
            case .invalidCharacter(let c): return "citizen ID may hold only digits and dashes, found \"\(c.isASCII && !c.isWhitespace ? String(c) : "?")\""
            case .wrongLength(let n): return "a citizen ID has 13 digits, this one has \(n)"
            case .checksum:
                return "these 13 digits are not a valid citizen ID (the check digit does not match): a digit is mistyped somewhere; compare every digit with the ID card"
            }
        }
    }

    /// Parses `text`, accepting dashes and spaces between digits, and checks the check digit.
    public init(_ text: String) throws(ParseError) {
        var digits: [UInt8] = []
        digits.reserveCapacity(13)
        for c in text {
            if c == "-" || c == " " { continue }
            guard let a = c.asciiValue, a >= 48, a <= 57 else { throw .invalidCharacter(c) }
            digits.append(a - 48)
        }
        if digits.isEmpty { throw .empty }
        guard digits.count == 13 else { throw .wrongLength(digits.count) }
        let expected = CitizenID.checkDigit(digits.prefix(12))
        guard expected == Int(digits[12]) else { throw .checksum }
        self.digits = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    /// Builds a valid ID from its first 12 digits by appending the check digit.
    public init(prefix12 digits: [UInt8]) {
        precondition(digits.count == 12 && digits.allSatisfy { $0 < 10 }, "need 12 digits")
        let all = digits + [UInt8(CitizenID.checkDigit(digits[...]))]
        self.digits = String(decoding: all.map { $0 + 48 }, as: UTF8.self)
    }

    /// The check digit: (11 − Σ dᵢ·(14−i) mod 11) mod 10 over the first 12 digits.
    public static func checkDigit(_ first12: ArraySlice<UInt8>) -> Int {
        var sum = 0
        for (i, d) in first12.enumerated() { sum += Int(d) * (13 - i) }
        return (11 - sum % 11) % 10
    }

    /// `x-xxxx-xxxxx-xx-x`, the way the card and the ministry print it.
    public var formatted: String {
        let d = Array(digits)
        return "\(d[0])-\(String(d[1...4]))-\(String(d[5...9]))-\(String(d[10...11]))-\(d[12])"
    }

    /// The formatted ID with the middle digits hidden (`1-2345-XXXXX-XX-1` style keeps only the
    /// first five and the last digit), for screens and printouts that others may see.
    public var masked: String {
        let d = Array(digits)
        return "\(d[0])-\(String(d[1...4]))-XXXXX-XX-\(d[12])"
    }

    /// ``masked``, unless `other` looks the same masked (two people registered at the same
    /// office can share the first five digits and the check digit); then the two digits before
    /// the check digit are shown too, and if that is not enough the whole ID, so that a message
    /// naming both tells them apart.
    public func masked(distinctFrom other: CitizenID) -> String {
        guard masked == other.masked, self != other else { return masked }
        let d = Array(digits), o = Array(other.digits)
        guard d[10...11] != o[10...11] else { return formatted }
        return "\(d[0])-\(String(d[1...4]))-XXXXX-\(String(d[10...11]))-\(d[12])"
    }

    public var description: String { formatted }

    public static func < (a: CitizenID, b: CitizenID) -> Bool { a.digits < b.digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try CitizenID(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(digits)
    }
}
