import Foundation
import PHRModel

/// What a Thai national ID card holds, decoded and checked.
public struct ThaiIDCard: Sendable, Equatable {
    public var cid: CitizenID
    public var nameTH: PersonName
    public var nameEN: PersonName
    public var birthDate: CardDate
    public var gender: Gender?
    /// The office that issued the card.
    public var issuer: String
    public var issueDate: CardDate
    /// Nil for a lifetime card ("ตลอดชีพ", `99999999`).
    public var expiryDate: CardDate?
    /// The address slots (house number, moo, trok, soi, road, sub-district, district,
    /// province), empty ones dropped.
    public var address: [String]
    /// The JPEG photo, when it was read.
    public var photo: Data?
    /// The card's answer to reset.
    public var atr: [UInt8]

    public enum Gender: String, Sendable, Equatable {
        case male, female
    }

    /// Whether the card has expired by `today` (a card is valid through its expiry date).
    public func isExpired(today: CivilDateTime) -> Bool {
        guard let expiry = expiryDate?.civil else { return false }
        return expiry.dayNumber < today.dayNumber
    }

    /// The address as one line.
    public var addressLine: String { address.joined(separator: " ") }
}

/// A date as the card stores it: Buddhist-Era `YYYYMMDD`, where month or day may be `00`
/// (unknown; common for birth dates of older citizens).
public struct CardDate: Sendable, Equatable, CustomStringConvertible {
    public var buddhistYear: Int
    /// 0 when unknown.
    public var month: Int
    /// 0 when unknown.
    public var day: Int

    /// The Gregorian date, when month and day are known.
    public var civil: CivilDateTime? {
        let date = CivilDateTime(year: buddhistYear - Era.offset, month: month, day: day)
        return date.isValidDay ? date : nil
    }

    /// `DD/MM/YYYY` in Buddhist Era, unknown parts as `--`.
    public var description: String {
        let two = { (v: Int) in v == 0 ? "--" : (v < 10 ? "0\(v)" : "\(v)") }
        return "\(two(day))/\(two(month))/\(buddhistYear)"
    }
}

/// Decoding of the card's raw fields. Every check that fails throws ``CardError/unreadable(_:)``
/// naming the field: a hostile or damaged card gets an error, never a crash or a guess.
public enum ThaiIDCardFields {
    public static func citizenID(_ bytes: [UInt8]) throws(CardError) -> CitizenID {
        let text = TIS620.decode(bytes)
        guard text.count == 13, text.allSatisfy(\.isASCII) else { throw .unreadable("citizen ID is not 13 digits") }
        do throws(CitizenID.ParseError) { return try CitizenID(text) } catch {
            throw .unreadable("citizen ID fails its check digit")
        }
    }

    /// `prefix#first#middle#last`.
    public static func name(_ bytes: [UInt8], field: String) throws(CardError) -> PersonName {
        let parts = TIS620.decode(bytes).split(separator: "#", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 4, !parts[1].isEmpty || !parts[3].isEmpty else { throw .unreadable("\(field) is not prefix#first#middle#last") }
        return PersonName(prefix: parts[0], first: parts[1], middle: parts[2], last: parts[3])
    }

    /// Buddhist-Era `YYYYMMDD`; `lifetime` accepts `99999999` as nil.
    public static func date(_ bytes: [UInt8], field: String, lifetime: Bool = false) throws(CardError) -> CardDate? {
        let text = TIS620.decode(bytes)
        if lifetime && text == "99999999" { return nil }
        guard text.count == 8, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)), let day = Int(text.suffix(2)),
              (2400...2700).contains(year), (0...12).contains(month), (0...31).contains(day), month != 0 || day == 0
        else { throw .unreadable("\(field) is not a Buddhist-Era date") }
        let date = CardDate(buddhistYear: year, month: month, day: day)
        if month != 0 && day != 0 && date.civil == nil { throw .unreadable("\(field) is not a calendar day") }
        return date
    }

    public static func gender(_ bytes: [UInt8]) -> ThaiIDCard.Gender? {
        switch TIS620.decode(bytes) {
        case "1": .male
        case "2": .female
        default: nil
        }
    }

    /// `#`-separated slots; empty ones dropped.
    public static func address(_ bytes: [UInt8]) -> [String] {
        TIS620.decode(bytes).split(separator: "#").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The photo chunks joined and cut after the JPEG end marker; nil when it is no JPEG.
    public static func photo(_ bytes: [UInt8]) -> Data? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var end = bytes.count
        var i = 2
        while i + 1 < bytes.count {
            if bytes[i] == 0xFF && bytes[i + 1] == 0xD9 { end = i + 2; break }
            i += 1
        }
        return Data(bytes[..<end])
    }
}
