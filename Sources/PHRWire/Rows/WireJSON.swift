import Foundation
import PHRModel

/// Writes `Encodable` wire rows as the PHR service writes them: keys in declaration order (the
/// order of the ministry's examples), `nil` as `null` (never a missing key) and whole numbers
/// without a fraction (`65`, not `65.0`). Same value → same bytes.
///
/// The rows of this module are plain structs whose synthesized `Encodable` calls one container
/// per value, which this encoder writes straight into one byte buffer.
public enum WireJSON {
    /// The JSON text of `value`.
    public static func data<T: Encodable>(_ value: T) -> Data {
        let sink = Sink()
        sink.bytes.reserveCapacity(256)
        sink.write(value)
        return Data(sink.bytes)
    }
}

/// The shared output of one encoding, and the closing bracket of each open container.
private final class Sink {
    var bytes: [UInt8] = []

    /// Encodes one value with a fresh encoder and closes the container it opened.
    func write<T: Encodable>(_ value: T) {
        let encoder = ByteEncoder(sink: self)
        do { try value.encode(to: encoder) } catch { bytes += Array("null".utf8) }
        switch encoder.opened {
        case .object: bytes.append(UInt8(ascii: "}"))
        case .array: bytes.append(UInt8(ascii: "]"))
        case .value: break
        case .none: bytes += Array("null".utf8)
        }
    }

    func key(_ key: CodingKey, first: inout Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        CanonicalJSON.string(key.stringValue, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    func string(_ s: String) { CanonicalJSON.string(s, to: &bytes) }
    func number(_ d: Double) { CanonicalJSON.number(d, to: &bytes) }
    func integer<I: BinaryInteger>(_ i: I) { bytes += Array(String(i).utf8) }
    func bool(_ b: Bool) { bytes += Array((b ? "true" : "false").utf8) }
    func null() { bytes += Array("null".utf8) }
}

private final class ByteEncoder: Encoder {
    enum Opened { case object, array, value }
    let sink: Sink
    var opened: Opened?
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(sink: Sink) { self.sink = sink }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if opened == nil { opened = .object; sink.bytes.append(UInt8(ascii: "{")) }
        return KeyedEncodingContainer(ObjectWriter<Key>(sink: sink, encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if opened == nil { opened = .array; sink.bytes.append(UInt8(ascii: "[")) }
        return ArrayWriter(sink: sink, encoder: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        opened = .value
        return ValueWriter(sink: sink)
    }

    /// Whether the object or array of this encoder has had an entry yet.
    var first = true
}

private struct ObjectWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: Sink
    let encoder: ByteEncoder
    var codingPath: [CodingKey] { [] }

    private func key(_ key: Key) { sink.key(key, first: &encoder.first) }

    mutating func encodeNil(forKey key: Key) throws { self.key(key); sink.null() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { self.key(key); sink.bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { self.key(key); sink.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { self.key(key); sink.number(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { self.key(key); sink.number(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key); sink.integer(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { self.key(key); sink.write(value) }

    // A nil optional is written as `null`: the service never leaves a key out.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        fatalError("wire rows have no nested containers")
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        fatalError("wire rows have no nested containers")
    }
    mutating func superEncoder() -> Encoder { fatalError("wire rows have no super encoders") }
    mutating func superEncoder(forKey key: Key) -> Encoder { fatalError("wire rows have no super encoders") }
}

private struct ArrayWriter: UnkeyedEncodingContainer {
    let sink: Sink
    let encoder: ByteEncoder
    var codingPath: [CodingKey] { [] }
    var count = 0

    private mutating func next() {
        if count > 0 { sink.bytes.append(UInt8(ascii: ",")) }
        count += 1
    }

    mutating func encodeNil() throws { next(); sink.null() }
    mutating func encode(_ value: Bool) throws { next(); sink.bool(value) }
    mutating func encode(_ value: String) throws { next(); sink.string(value) }
    mutating func encode(_ value: Double) throws { next(); sink.number(value) }
    mutating func encode(_ value: Int) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Int8) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Int16) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Int32) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Int64) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt8) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt16) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt32) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt64) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Float) throws { next(); sink.number(Double(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { next(); sink.write(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        fatalError("wire rows have no nested containers")
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { fatalError("wire rows have no nested containers") }
    mutating func superEncoder() -> Encoder { fatalError("wire rows have no super encoders") }
}

private struct ValueWriter: SingleValueEncodingContainer {
    let sink: Sink
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { sink.null() }
    mutating func encode(_ value: Bool) throws { sink.bool(value) }
    mutating func encode(_ value: String) throws { sink.string(value) }
    mutating func encode(_ value: Double) throws { sink.number(value) }
    mutating func encode(_ value: Int) throws { sink.integer(value) }
    mutating func encode(_ value: Int8) throws { sink.integer(value) }
    mutating func encode(_ value: Int16) throws { sink.integer(value) }
    mutating func encode(_ value: Int32) throws { sink.integer(value) }
    mutating func encode(_ value: Int64) throws { sink.integer(value) }
    mutating func encode(_ value: UInt) throws { sink.integer(value) }
    mutating func encode(_ value: UInt8) throws { sink.integer(value) }
    mutating func encode(_ value: UInt16) throws { sink.integer(value) }
    mutating func encode(_ value: UInt32) throws { sink.integer(value) }
    mutating func encode(_ value: UInt64) throws { sink.integer(value) }
    mutating func encode(_ value: Float) throws { sink.number(Double(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { sink.write(value) }
}
