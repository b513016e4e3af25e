import Testing
@testable import PHRModel

@Suite struct CitizenIDTests {
    // Computed by hand with the DOPA rule:
    // 1101700230703: sum = 1*13+1*12+0*11+1*10+7*9+0*8+0*7+2*6+3*5+0*4+7*3+0*2 = 146, 146 % 11 = 3, (11-3)%10 = 8.
    @Test func checkDigitMatchesTheRule() {
        #expect(CitizenID.checkDigit([1, 1, 0, 1, 7, 0, 0, 2, 3, 0, 7, 0]) == 8)
        // sum = 0 → (11 - 0) % 10 = 1
        #expect(CitizenID.checkDigit([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) == 1)
        // sum = 1·2 = 2 → (11 - 2) % 10 = 9
        #expect(CitizenID.checkDigit([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]) == 9)
    }

    @Test func parsesWithAndWithoutDashes() throws {
        let a = try CitizenID("1101700230708")
        let b = try CitizenID("1-1017-00230-70-8")
        let c = try CitizenID(" 1 1017 00230 70 8 ")
        #expect(a == b && b == c)
        #expect(a.formatted == "1-1017-00230-70-8")
        #expect(a.masked == "1-1017-XXXXX-XX-8")
        #expect(a.digits == "1101700230708")
    }

    @Test func rejectsBadInput() {
        #expect(throws: CitizenID.ParseError.checksum) { try CitizenID("1101700230709") }
        // The message must not name the digit that would make it valid: that is someone else's ID.
        #expect(!CitizenID.ParseError.checksum.description.contains("8"), "8 would be the 'fix'")
        #expect(throws: CitizenID.ParseError.wrongLength(12)) { try CitizenID("110170023070") }
        #expect(throws: CitizenID.ParseError.invalidCharacter("x")) { try CitizenID("11017002307x8") }
        #expect(throws: CitizenID.ParseError.empty) { try CitizenID("  ") }
        #expect(throws: CitizenID.ParseError.invalidCharacter("๑")) { try CitizenID("๑101700230708") }
    }

    @Test func buildsFromPrefix() throws {
        let id = CitizenID(prefix12: [1, 1, 0, 1, 7, 0, 0, 2, 3, 0, 7, 0])
        #expect(id.digits == "1101700230708")
        #expect(try CitizenID(id.digits) == id)
    }

    @Test func codableRoundTripValidates() throws {
        let id = try CitizenID("1101700230708")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"1101700230708\"]")
        #expect(try JSONDecoder().decode([CitizenID].self, from: data) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CitizenID].self, from: Data("[\"1101700230709\"]".utf8)) }
    }

    @Test func hospitalCodePads() {
        #expect(HospitalCode("17")?.value == "00017")
        #expect(HospitalCode("10699")?.value == "10699")
        #expect(HospitalCode("106990") == nil)
        #expect(HospitalCode("1o699") == nil)
        #expect(HospitalCode("") == nil)
        #expect(HospitalCode.typed("00017")?.value == "00017")
        #expect(HospitalCode.typed("1069") == nil, "typed, 1069 is not padded to another unit's 01069")
        #expect(HospitalCode.typed("106990") == nil)
    }
}

import Foundation
