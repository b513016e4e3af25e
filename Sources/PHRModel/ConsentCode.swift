import Foundation

/// A consent code a citizen gives a clinic: 11 random symbols and a check symbol, shown as
/// `7KQ2-M9XD-4HTB`.
///
/// The symbols are Crockford's Base32 (digits and capitals without I, L, O, U), so a code read
/// aloud or typed from paper has no look-alikes; when parsing, `O` is read as `0` and `I`/`L`
/// as `1`, case and separators are ignored. 11 random symbols carry 55 bits. The last symbol
/// is a Damm check over GF(32) (see ``checkValue(_:)``): every single wrong symbol and every
/// swap of two neighbours is caught before the code is sent, so a typo is named as a typo and
/// never counts as a failed try. (Luhn mod 32 would miss the swap 0Z ↔ Z0.)
public struct ConsentCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 12 symbols, upper case, no separators.
    public let symbols: String

    /// The alphabet, in value order.
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// Random symbols in a code (the 12th is the check).
    public static let randomLength = 11

    /// Why a text is not a consent code.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case wrongLength(Int)
        case invalidCharacter(Character)
        case checkFailed

        public var description: String {
            switch self {
            case .wrongLength(let n):
                return "a consent code has 12 letters and digits (like 7KQ2-M9XD-4HTB); this one has \(n)"
            case .invalidCharacter(let c):
                return "\"\((0x21...0x7E).contains(c.asciiValue ?? 0) ? String(c) : "?")\" is not used in consent codes (letters A–Z without U, digits 0–9)"
            case .checkFailed:
                return "the consent code has a typo (its last symbol does not match); read it again"
            }
        }
    }

    /// Parses a typed or scanned code.
    public init(_ text: String) throws(ParseError) {
        var values: [Int] = []
        for c in text.uppercased() {
            if c == "-" || c == " " { continue }
            guard let v = Self.value(of: c) else { throw .invalidCharacter(c) }
            values.append(v)
        }
        guard values.count == Self.randomLength + 1 else { throw .wrongLength(values.count) }
        guard Self.checkValue(values.dropLast()) == values.last else { throw .checkFailed }
        symbols = String(decoding: values.map { Self.alphabet[$0] }, as: UTF8.self)
    }

    /// A new random code.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> ConsentCode {
        let values = (0..<randomLength).map { _ in Int.random(in: 0..<32, using: &generator) }
        return ConsentCode(values: values)
    }

    private init(values: [Int]) {
        let all = values + [Self.checkValue(values[...])]
        symbols = String(decoding: all.map { Self.alphabet[$0] }, as: UTF8.self)
    }

    /// `7KQ2-M9XD-4HTB`: three groups of four, for reading aloud and typing.
    public var grouped: String {
        let s = Array(symbols)
        return String(s[0..<4]) + "-" + String(s[4..<8]) + "-" + String(s[8..<12])
    }

    /// The first group and an ellipsis: enough for the citizen to tell codes apart in a list,
    /// not enough to use one.
    public var hint: String { String(symbols.prefix(4)) + "-…" }

    public var description: String { grouped }

    /// The check value: with the quasigroup `x ∘ y = 2·x + y` over GF(32) (polynomial
    /// x⁵ + x² + 1; `+` is XOR), fold the values from an interim 0 and return the value that
    /// brings the fold back to 0. Each row and column of `∘` is a permutation (single errors
    /// change the result) and `(c∘x)∘y = (c∘y)∘x` only when `x = y` (neighbour swaps do too).
    static func checkValue(_ values: ArraySlice<Int>) -> Int {
        double(values.reduce(0) { double($0) ^ $1 })
    }

    /// Multiplication by 2 (the polynomial x) in GF(32).
    private static func double(_ v: Int) -> Int {
        let shifted = v << 1
        return shifted & 0b10_0000 == 0 ? shifted : shifted ^ 0b10_0101
    }

    static func value(of c: Character) -> Int? {
        switch c {
        case "O": return 0
        case "I", "L": return 1
        default:
            guard let a = c.asciiValue else { return nil }
            return alphabet.firstIndex(of: a)
        }
    }
}

/// What a consent QR code carries: the citizen and the code, as
/// `PHR-CONSENT:<13-digit CID>:<12 symbols>` (QR alphanumeric mode, so the symbol stays small).
///
/// A clinic's scanner types this text; `phr clinic fetch` accepts it as it is (at its prompt, `--code -`, `--code-file`).
public struct ConsentLink: Hashable, Sendable {
    public static let prefix = "PHR-CONSENT:"
    public var citizen: CitizenID
    public var code: ConsentCode

    public init(citizen: CitizenID, code: ConsentCode) {
        self.citizen = citizen; self.code = code
    }

    /// Reads a scanned link; nil when `text` does not start with ``prefix``.
    public init?(scanned text: String) {
        let upper = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard upper.hasPrefix(Self.prefix) else { return nil }
        let parts = upper.dropFirst(Self.prefix.count).split(separator: ":")
        guard parts.count == 2, let cid = try? CitizenID(String(parts[0])), let code = try? ConsentCode(String(parts[1])) else { return nil }
        citizen = cid; self.code = code
    }

    public var text: String { Self.prefix + citizen.digits + ":" + code.symbols }
}
