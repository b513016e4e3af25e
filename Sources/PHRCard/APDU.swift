import Foundation

/// The command APDUs of the Thai national ID card (docs/kiosk.md, "How the card is read").
///
/// The read command is proprietary (`CLA 80`, `INS B0`): P1P2 is an offset into one flat data
/// area and the body is a 2-byte length; the card answers `61 LL` and the data is fetched with
/// GET RESPONSE, whose P2 is `01` on cards whose ATR starts `3B 67`.
public enum ThaiIDAPDU {
    /// The Ministry of Interior applet.
    public static let applet: [UInt8] = [0xA0, 0x00, 0x00, 0x00, 0x54, 0x48, 0x00, 0x01]

    public static let select: [UInt8] = [0x00, 0xA4, 0x04, 0x00, UInt8(applet.count)] + applet

    /// Reads `length` (≤ 255) bytes at `offset`.
    public static func read(offset: UInt16, length: UInt8) -> [UInt8] {
        [0x80, 0xB0, UInt8(offset >> 8), UInt8(offset & 0xFF), 0x02, 0x00, length]
    }

    /// GET RESPONSE for `length` bytes, in the form the card's ATR asks for.
    public static func getResponse(length: UInt8, atr: [UInt8]) -> [UInt8] {
        [0x00, 0xC0, 0x00, usesAlternateGetResponse(atr) ? 0x01 : 0x00, length]
    }

    /// Older cards (ATR `3B 67 …`) want GET RESPONSE with P2 = 01.
    public static func usesAlternateGetResponse(_ atr: [UInt8]) -> Bool {
        atr.count >= 2 && atr[0] == 0x3B && atr[1] == 0x67
    }

    /// Where each field lies in the card's data area.
    public enum Field: CaseIterable, Sendable {
        case citizenID, nameTH, nameEN, birthDate, gender, issuer, issueDate, expiryDate, address

        public var offset: UInt16 {
            switch self {
            case .citizenID: 0x0004
            case .nameTH: 0x0011
            case .nameEN: 0x0075
            case .birthDate: 0x00D9
            case .gender: 0x00E1
            case .issuer: 0x00F6
            case .issueDate: 0x0167
            case .expiryDate: 0x016F
            case .address: 0x1579
            }
        }

        public var length: UInt8 {
            switch self {
            case .citizenID: 13
            case .nameTH, .nameEN, .issuer, .address: 100
            case .birthDate, .issueDate, .expiryDate: 8
            case .gender: 1
            }
        }
    }

    /// The photo: 20 chunks of 255 bytes from offset 0x017B.
    public static let photoChunks = 20
    public static func photoOffset(chunk k: Int) -> UInt16 { UInt16(0x017B + k * 0xFF) }
}

/// A response APDU: data and the status word.
public struct APDUResponse: Sendable, Equatable {
    public var data: [UInt8]
    public var sw1: UInt8
    public var sw2: UInt8

    /// Splits a raw reply; nil when it is shorter than a status word.
    public init?(_ raw: [UInt8]) {
        guard raw.count >= 2 else { return nil }
        data = Array(raw.dropLast(2)); sw1 = raw[raw.count - 2]; sw2 = raw[raw.count - 1]
    }

    public var isOK: Bool { sw1 == 0x90 && sw2 == 0x00 }
    public var statusWord: String { String(format: "%02X %02X", sw1, sw2) }
}
