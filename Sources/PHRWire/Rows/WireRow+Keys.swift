/// Reads a ``WireRow`` by the declared keys of a row type (``WireRowDeclaration``), so a field
/// name is spelled once, in its declaration.
extension WireRow {
    public func text<K: CodingKey>(_ key: K) -> String? { text(key.stringValue) }
    public func nonEmpty<K: CodingKey>(_ key: K) -> String? { nonEmpty(key.stringValue) }
    public func number<K: CodingKey>(_ key: K) -> WireNumber { number(key.stringValue) }
    public func int<K: CodingKey>(_ key: K) -> Int? { int(key.stringValue) }
    public func bool<K: CodingKey>(_ key: K) -> Bool? { bool(key.stringValue) }
    public func object<K: CodingKey>(_ key: K) -> WireRow? { object(key.stringValue) }
    public func list<K: CodingKey>(_ key: K) -> [WireRow] { list(key.stringValue) }
}
