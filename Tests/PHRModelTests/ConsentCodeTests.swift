import Testing
@testable import PHRModel

@Suite struct ConsentCodeTests {
    /// A fixed generator, so a failure names the same codes every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D1_049B_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func codes(_ n: Int) -> [ConsentCode] {
        var rng = SplitMix(state: 42)
        return (0..<n).map { _ in ConsentCode.random(using: &rng) }
    }

    @Test func randomCodesAreGroupedAndParseBack() throws {
        for code in Self.codes(200) {
            #expect(code.symbols.count == 12)
            #expect(code.grouped.count == 14 && code.grouped.split(separator: "-").map(\.count) == [4, 4, 4])
            #expect(code.hint == String(code.symbols.prefix(4)) + "-…")
            #expect(try ConsentCode(code.grouped) == code)
            #expect(try ConsentCode(code.symbols.lowercased()) == code)
        }
    }

    @Test func everySingleWrongSymbolIsCaught() {
        let alphabet = ConsentCode.alphabet.map { Character(UnicodeScalar($0)) }
        for code in Self.codes(50) {
            let symbols = Array(code.symbols)
            for i in symbols.indices {
                for c in alphabet where c != symbols[i] {
                    var typo = symbols
                    typo[i] = c
                    #expect(throws: ConsentCode.ParseError.checkFailed) { try ConsentCode(String(typo)) }
                }
            }
        }
    }

    @Test func everySwapOfNeighboursIsCaught() throws {
        // Every pair of values at every position, including the check symbol: Luhn mod 32
        // would let "0Z" ↔ "Z0" through.
        let alphabet = ConsentCode.alphabet.map { Character(UnicodeScalar($0)) }
        for base in Self.codes(3) {
            for i in 0..<11 {
                for a in alphabet {
                    for b in alphabet where a != b {
                        var payload = Array(base.symbols.prefix(11))
                        if i < 10 { payload[i] = a; payload[i + 1] = b } else { payload[i] = a }
                        let valid = ConsentCode.valid(payload)
                        var swapped = Array(valid.symbols)
                        swapped.swapAt(i, i + 1)
                        guard swapped != Array(valid.symbols) else { continue }
                        #expect(throws: ConsentCode.ParseError.checkFailed, "swap at \(i) of \(valid.symbols)") {
                            try ConsentCode(String(swapped))
                        }
                    }
                }
            }
        }
    }

    @Test func lookAlikesSeparatorsAndCaseAreForgiven() throws {
        let code = ConsentCode.valid(Array("10000000000"))
        let typed = code.symbols.replacingOccurrences(of: "1", with: "l").replacingOccurrences(of: "0", with: "o")
        #expect(try ConsentCode(typed) == code)
        #expect(try ConsentCode(" " + code.grouped.replacingOccurrences(of: "-", with: " ")) == code)
    }

    @Test func badTextIsNamed() {
        #expect(throws: ConsentCode.ParseError.wrongLength(11)) { try ConsentCode("7KQ2-M9XD-4HT") }
        #expect(throws: ConsentCode.ParseError.invalidCharacter("U")) { try ConsentCode("7KQ2-M9XD-4HTU") }
        #expect(throws: ConsentCode.ParseError.invalidCharacter("\u{1B}")) { try ConsentCode("\u{1B}[2J7KQ2M9XD4H") }
        #expect(ConsentCode.ParseError.invalidCharacter("\u{1B}").description.contains("\"?\""), "no raw escape echoed back")
    }

    @Test func linkRoundTripsAndRejectsOtherText() throws {
        let citizen = try CitizenID("1101700230708")
        let code = Self.codes(1)[0]
        let link = ConsentLink(citizen: citizen, code: code)
        #expect(link.text == "PHR-CONSENT:1101700230708:" + code.symbols)
        #expect(ConsentLink(scanned: link.text.lowercased() + "\n") == link)
        #expect(ConsentLink(scanned: code.grouped) == nil)
        #expect(ConsentLink(scanned: "PHR-CONSENT:1101700230707:" + code.symbols) == nil, "CID checksum")
        #expect(ConsentLink(scanned: "PHR-CONSENT:1101700230708:" + code.symbols + ":x") == nil)
    }
}

extension ConsentCode {
    /// The code with these 11 payload symbols and its check symbol.
    static func valid(_ payload: [Character]) -> ConsentCode {
        let values = payload.map { ConsentCode.value(of: $0)! }
        let check = ConsentCode.alphabet[ConsentCode.checkValue(values[...])]
        return try! ConsentCode(String(payload) + String(UnicodeScalar(check)))
    }
}
