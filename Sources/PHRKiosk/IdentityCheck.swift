import PHRCard
import PHRModel

/// Where the card and the record disagree about who the citizen is (same CID): shown to the
/// citizen and the staff before anything of the record is.
public enum IdentityMismatch: Equatable, Sendable {
    /// First or last name differ (the title, e.g. นาย/นาง, is not compared).
    case name(card: String, record: String)
    /// The birth dates differ in a part both know (the card may leave day or month unknown).
    case birthDate(card: String, record: String)
}

/// Compares the name and birth date read from the card with the record's PatientSummary.
public enum IdentityCheck {
    /// The differences; empty when they agree, or when the record has nothing to compare.
    public static func compare(card: ThaiIDCard, record person: Person?) -> [IdentityMismatch] {
        guard let person else { return [] }
        var found: [IdentityMismatch] = []
        if let recordName = person.nameTH ?? person.nameEN {
            let cardName = person.nameTH != nil ? card.nameTH : card.nameEN
            if key(cardName) != key(recordName) {
                found.append(.name(card: cardName.display, record: recordName.display))
            }
        }
        if let born = person.birthDate.value {
            let card = card.birthDate
            let yearDiffers = card.buddhistYear - Era.offset != born.year
            let monthDiffers = card.month != 0 && card.month != born.month
            let dayDiffers = card.day != 0 && card.day != born.day
            if yearDiffers || monthDiffers || dayDiffers {
                found.append(.birthDate(card: card.description, record: person.birthDate.original))
            }
        }
        return found
    }

    /// First and last name, case and spacing folded.
    private static func key(_ name: PersonName) -> String {
        [name.first, name.middle, name.last].map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
