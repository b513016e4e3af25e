import Foundation
import Testing
@testable import PHRModel

@Suite struct CanonicalJSONTests {
    static let expected = #"{"a":[1,2.5,"x\n\"q\"",{"k":false}],"b":true,"c":null,"ไทย":"ก"}"#

    @Test func swiftValuesInByteOrder() {
        let value: [String: Any] = ["ไทย": "ก", "b": true, "c": NSNull(), "a": [1, 2.5, "x\n\"q\"", ["k": false]] as [Any]]
        #expect(String(decoding: CanonicalJSON.data(value), as: UTF8.self) == Self.expected)
    }

    @Test func foundationValuesGiveTheSameBytes() throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(#"{"c":null,"ไทย":"ก","b":true,"a":[1,2.5,"x\n\"q\"",{"k":false}]}"#.utf8))
        #expect(String(decoding: CanonicalJSON.data(parsed), as: UTF8.self) == Self.expected,
                "true stays true (not 1), 1 stays 1 (not true)")
    }

    @Test func controlCharactersAreEscapedAndNonFiniteIsNull() {
        #expect(String(decoding: CanonicalJSON.data(["\u{1B}[2J", Double.nan] as [Any]), as: UTF8.self) == #"["\u001b[2J",null]"#)
    }
}
