/// A row type of one Action, declared with the ministry's field names as its `CodingKeys` (in
/// the order of SPEC.md's example) and Swift types that give SPEC's JSON types.
///
/// The client reads rows tolerantly through ``WireRow`` using these keys; phr-sandbox builds the
/// structs and writes them with ``WireJSON``; the contract tests decode SPEC's examples into them.
public protocol WireRowDeclaration: Codable, Sendable {
    associatedtype CodingKeys: CodingKey, CaseIterable, RawRepresentable where CodingKeys.RawValue == String
    /// Fields phr-sandbox adds to the ministry's row (listed in docs/sandbox.md's extension table).
    static var extensions: [CodingKeys] { get }
}

extension WireRowDeclaration {
    public static var extensions: [CodingKeys] { [] }

    /// Every field name, in declaration order.
    public static var fieldNames: [String] { CodingKeys.allCases.map(\.rawValue) }
}

/// A number that the real service sometimes sends as numeric text (`"138"`, phr-api.md §6).
/// phr-sandbox reproduces that fault in the fields declared with this type.
public enum LooseNumber: Codable, Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    case number(Double)
    case text(Double)

    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }

    /// The value, however it is sent.
    public var value: Double {
        switch self { case .number(let v), .text(let v): return v }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Double.self) { self = .number(v); return }
        let s = try c.decode(String.self)
        guard let v = Double(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(s.prefix(20))\" is not a number")
        }
        self = .text(v)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let v): try c.encode(v)
        case .text(let v): try c.encode(WireNumber.format(v))
        }
    }
}
