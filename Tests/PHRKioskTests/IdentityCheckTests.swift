import Foundation
import PHRModel
import Testing
@testable import PHRCard
@testable import PHRKiosk

@Suite struct IdentityCheckTests {
    static func card(first: String = "สมชาย", last: String = "ใจดี", born: CardDate = CardDate(buddhistYear: 2530, month: 1, day: 15)) -> ThaiIDCard {
        ThaiIDCard(cid: try! CitizenID("1101700230708"), nameTH: PersonName(prefix: "นาย", first: first, last: last),
                   nameEN: PersonName(first: "Somchai", last: "Jaidee"), birthDate: born, gender: .male, issuer: "",
                   issueDate: CardDate(buddhistYear: 2565, month: 3, day: 1), expiryDate: nil, address: [], photo: nil, atr: [])
    }

    static func person(prefix: String = "นาย", first: String = "สมชาย", last: String = "ใจดี", born: String = "1987-01-15",
                       value: CivilDateTime? = CivilDateTime(year: 1987, month: 1, day: 15)) -> Person {
        Person(cid: try! CitizenID("1101700230708"), nameTH: PersonName(prefix: prefix, first: first, last: last),
               birthDate: SourceDate(original: born, value: value), provenance: Provenance(action: "PatientSummary", fetchedAt: Date()))
    }

    @Test func theSamePersonPasses() {
        #expect(IdentityCheck.compare(card: Self.card(), record: Self.person()).isEmpty)
    }

    @Test func anotherNameUnderTheSameCIDIsAMismatch() {
        let found = IdentityCheck.compare(card: Self.card(), record: Self.person(prefix: "นาง", first: "กาญจนา"))
        #expect(found == [.name(card: "นายสมชาย ใจดี", record: "นางกาญจนา ใจดี")])
    }

    @Test func theTitleAloneIsNotAMismatch() {
        #expect(IdentityCheck.compare(card: Self.card(), record: Self.person(prefix: "")).isEmpty)
    }

    @Test func anotherBirthDateIsAMismatch() {
        let found = IdentityCheck.compare(card: Self.card(), record: Self.person(born: "1988-01-15", value: CivilDateTime(year: 1988, month: 1, day: 15)))
        #expect(found == [.birthDate(card: "15/01/2530", record: "1988-01-15")])
    }

    @Test func aPartOfTheBirthDateTheCardDoesNotKnowIsNotCompared() {
        let card = Self.card(born: CardDate(buddhistYear: 2530, month: 0, day: 0))
        #expect(IdentityCheck.compare(card: card, record: Self.person()).isEmpty)
    }

    @Test func aRecordWithoutAPersonHasNothingToCompare() {
        #expect(IdentityCheck.compare(card: Self.card(), record: nil).isEmpty)
    }
}
