import Foundation
import PHRFixtures
import PHRModel
import Testing
@testable import PHRWire

/// ``JSONReader`` reads the service's answers as `JSONSerialization` did (the same canonical
/// bytes, so row hashes and visit markers of existing stores stay valid; the same field values
/// through ``WireRow``) and refuses what is not JSON.
@Suite struct JSONReaderTests {
    static let samples: [String] = [
        #"{"a":1,"b":-2,"c":0,"d":-0,"e":3.25,"f":1e3,"g":-1.5E-3,"h":123456789012345678,"i":0.1}"#,
        #"{"s":"สวัสดี","t":"tab\there","q":"\"quoted\" \\ \/ slash","u":"\u0e01\u0E02 \ud83d\ude00","c":"\b\f\n\r"}"#,
        #"{"n":null,"t":true,"f":false,"e":"","list":[],"obj":{},"nested":[{"x":[1,[2,{"y":null}]]}]}"#,
        "  \n\t{\"k\" : [ 1 , 2 ] }\r\n",
        #"[1,"two",{"three":3}]"#,
        #""just text""#,
        "42",
    ]

    @Test(arguments: samples)
    func readsToTheSameCanonicalBytesAsJSONSerialization(text: String) throws {
        let data = Data(text.utf8)
        let foundation = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let ours = try JSONReader.value(data)
        #expect(String(decoding: CanonicalJSON.data(ours), as: UTF8.self) == String(decoding: CanonicalJSON.data(foundation), as: UTF8.self))
    }

    @Test(arguments: ["encounter.json", "vital-sign.json", "condition-encounter.json", "medication-encounter.json",
                      "observation-encounter.json", "observation.json", "coverage-detail.json", "address.json", "telecom.json"])
    func everyFieldOfTheMinistrysExamplesReadsAsBefore(file: String) throws {
        let data = try SpecFixtures.data(file)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let before = try #require(object["result"] as? [[String: Any]]).map(WireRow.init)
        let after = try Envelope(data: data).rows(of: ActionRequest(.encounter))
        #expect(after.count == before.count && !after.isEmpty)
        for (a, b) in zip(after, before) {
            #expect(canonical(a) == canonical(b))
            for key in b.fields.keys {
                #expect(a.text(key) == b.text(key), "\(file) \(key)")
                #expect(a.number(key) == b.number(key), "\(file) \(key)")
                #expect(a.bool(key) == b.bool(key), "\(file) \(key)")
            }
        }
    }

    @Test func aFoundationBooleanStaysABooleanAndANativeNumberANumber() {
        let foundation = WireRow(["t": NSNumber(value: true), "n": NSNumber(value: 7)])
        let native = WireRow(["t": true, "n": 7.0])
        for row in [foundation, native] {
            #expect(row.text("t") == "true" && row.bool("t") == true && row.number("t") == .garbage("true"))
            #expect(row.text("n") == "7" && row.int("n") == 7)
        }
    }

    @Test(arguments: [
        "", " ", "{", "}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{'a':1}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul",
        "{\"a\":1} x", "\"unterminated", "\"bad \\x escape\"", "\"lone \\ud800 surrogate\"", "\"\\udc00\"",
        "\"control \u{01} char\"", "NaN", "[1 2]",
    ])
    func refusesWhatIsNotJSON(text: String) {
        #expect(throws: WireError.notJSON) { try JSONReader.value(Data(text.utf8)) }
    }

    @Test func refusesInvalidUTF8AndTooDeepNesting() {
        #expect(throws: WireError.notJSON) { try JSONReader.value(Data([0x22, 0xC3, 0x28, 0x22])) }
        let deep = String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)
        #expect(throws: WireError.notJSON) { try JSONReader.value(Data(deep.utf8)) }
        let ok = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect((try? JSONReader.value(Data(ok.utf8))) != nil)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let value = try JSONReader.value(Data([0xEF, 0xBB, 0xBF]) + Data(#"{"a":"b"}"#.utf8))
        #expect((value as? [String: Any])?["a"] as? String == "b")
    }
}

/// The bytes a visit's row hash is taken of (Syncer.rowHash).
private func canonical(_ row: WireRow) -> Data { CanonicalJSON.data(row.fields) }
