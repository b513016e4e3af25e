import Foundation
import PHRModel
import Testing
@testable import PHRCard

@Suite struct TIS620Tests {
    @Test func thaiRoundTripsAndPaddingIsTrimmed() {
        let text = "นาง#กาญจนา##ใจดี"
        let bytes = TIS620.encode(text)!
        #expect(bytes.count == text.unicodeScalars.count, "one byte per character")
        #expect(TIS620.decode(bytes + [0x20, 0x20, 0x00, 0x00]) == text)
        #expect(TIS620.decode([0xA1, 0xFB]) == "ก๛")
    }

    @Test func controlsAndUnassignedBytesBecomeReplacementCharacters() {
        let decoded = TIS620.decode([0x1B, 0x5B, 0x32, 0x4A, 0x7F, 0xDB, 0xFF, 0x00, 0x41])
        #expect(decoded == "\u{FFFD}[2J\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}A")
        #expect(!decoded.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(TIS620.encode("ü") == nil)
    }
}

@Suite struct CardFieldTests {
    @Test func citizenIDNeedsThirteenDigitsAndItsCheckDigit() throws {
        #expect(try ThaiIDCardFields.citizenID(Array("1101700230708".utf8)).digits == "1101700230708")
        #expect(throws: CardError.unreadable("citizen ID fails its check digit")) { try ThaiIDCardFields.citizenID(Array("1101700230707".utf8)) }
        #expect(throws: CardError.unreadable("citizen ID is not 13 digits")) { try ThaiIDCardFields.citizenID(Array("110170023070".utf8)) }
    }

    @Test func namesAreFourHashSeparatedSlots() throws {
        let name = try ThaiIDCardFields.name(TIS620.encode("Mr.#Somchai##Jaidee    ")!, field: "name")
        #expect(name == PersonName(prefix: "Mr.", first: "Somchai", last: "Jaidee"))
        #expect(throws: CardError.self) { try ThaiIDCardFields.name(Array("Somchai Jaidee".utf8), field: "name") }
    }

    @Test func datesAreBuddhistEraWithUnknownPartsAndLifetime() throws {
        let birth = try #require(try ThaiIDCardFields.date(Array("25300115".utf8), field: "birth"))
        #expect(birth.civil == CivilDateTime(year: 1987, month: 1, day: 15) && birth.description == "15/01/2530")
        let partial = try #require(try ThaiIDCardFields.date(Array("24900000".utf8), field: "birth"))
        #expect(partial.civil == nil && partial.description == "--/--/2490")
        #expect(try ThaiIDCardFields.date(Array("99999999".utf8), field: "expiry", lifetime: true) == nil)
        for bad in ["25301332", "2530011", "20240115", "2530-1-1", "25300230"] {
            #expect(throws: CardError.self, "\(bad)") { try ThaiIDCardFields.date(Array(bad.utf8), field: "d") }
        }
    }

    @Test func expiryIsInclusive() {
        var card = ThaiIDCard(cid: try! CitizenID("1101700230708"), nameTH: PersonName(first: "ก", last: "ข"), nameEN: PersonName(first: "A", last: "B"),
                              birthDate: CardDate(buddhistYear: 2530, month: 1, day: 15), gender: .male, issuer: "", issueDate: CardDate(buddhistYear: 2565, month: 3, day: 1),
                              expiryDate: CardDate(buddhistYear: 2569, month: 12, day: 2), address: [], photo: nil, atr: [])
        #expect(!card.isExpired(today: CivilDateTime(year: 2026, month: 12, day: 2)))
        #expect(card.isExpired(today: CivilDateTime(year: 2026, month: 12, day: 3)))
        card.expiryDate = nil
        #expect(!card.isExpired(today: CivilDateTime(year: 2099, month: 1, day: 1)), "lifetime card")
    }

    @Test func addressAndPhoto() {
        #expect(ThaiIDCardFields.address(TIS620.encode("99/1#หมู่ที่ 5####ตำบลสระแก้ว#อำเภอเมือง#จังหวัดสระแก้ว   ")!)
                == ["99/1", "หมู่ที่ 5", "ตำบลสระแก้ว", "อำเภอเมือง", "จังหวัดสระแก้ว"])
        #expect(ThaiIDCardFields.photo([0xFF, 0xD8, 0x01, 0xFF, 0xD9, 0, 0, 0]) == Data([0xFF, 0xD8, 0x01, 0xFF, 0xD9]))
        #expect(ThaiIDCardFields.photo([0x00, 0xD8, 0xFF, 0xD9]) == nil)
    }
}

/// The APDU dialogue against a card that answers from a fixed table (the real PC/SC path is
/// Tests/Scripts/50-card.sh with pcscd and the virtual card).
@Suite struct CardDialogueTests {
    final class TableCard: CardChannel {
        let atr: [UInt8]
        /// Replies per command, used in turn (the last one repeats).
        var replies: [[UInt8]: [[UInt8]]]
        var sent: [[UInt8]] = []
        init(atr: [UInt8], replies: [[UInt8]: [[UInt8]]]) { self.atr = atr; self.replies = replies }
        func transmit(_ apdu: [UInt8]) throws(CardError) -> [UInt8] {
            sent.append(apdu)
            guard var queue = replies[apdu], let reply = queue.first else { throw .removed }
            if queue.count > 1 { queue.removeFirst(); replies[apdu] = queue }
            return reply
        }
    }

    @Test func oldCardsGetResponseWithP2One() throws {
        let cid = Array("1101700230708".utf8)
        let card = TableCard(atr: [0x3B, 0x67, 0x00], replies: [
            ThaiIDAPDU.select: [[0x61, 0x0A]],
            ThaiIDAPDU.read(offset: 0x0004, length: 13): [[0x61, 13]],
            [0x00, 0xC0, 0x00, 0x01, 13]: [cid + [0x90, 0x00]],
        ])
        #expect(try ThaiIDCardReader(card).readCitizenID().digits == "1101700230708")
        #expect(card.sent.last == [0x00, 0xC0, 0x00, 0x01, 13])
    }

    @Test func wrongLengthIsRetriedOnceAndTheAppletIsRequired() throws {
        let cid = Array("1101700230708".utf8)
        let card = TableCard(atr: [0x3B, 0x68], replies: [
            ThaiIDAPDU.select: [[0x90, 0x00]],
            ThaiIDAPDU.read(offset: 0x0004, length: 13): [[0x61, 20]],
            [0x00, 0xC0, 0x00, 0x00, 13]: [[0x6C, 13], cid + [0x90, 0x00]],
        ])
        #expect(try ThaiIDCardReader(card).readCitizenID().digits == "1101700230708", "61 LL larger than asked: ask for what we want")
        #expect(card.sent.count == 4, "6C LL: one more GET RESPONSE")
        let other = TableCard(atr: [0x3B, 0x68], replies: [ThaiIDAPDU.select: [[0x6A, 0x82]]])
        #expect(throws: CardError.notThaiID("6A 82")) { try ThaiIDCardReader(other).readCitizenID() }
        let short = TableCard(atr: [0x3B, 0x68], replies: [ThaiIDAPDU.select: [[0x90]]])
        #expect(throws: CardError.unreadable("a reply without a status word")) { try ThaiIDCardReader(short).readCitizenID() }
    }
}
