import Foundation
import PHRModel

/// Something that carries APDUs to a card: a PC/SC connection (``PCSCCard``), or in the
/// fuzzer a card that answers whatever bytes it is given.
public protocol CardChannel {
    /// The card's answer to reset.
    var atr: [UInt8] { get }
    /// Sends a command APDU and returns the raw reply (data + status word).
    func transmit(_ apdu: [UInt8]) throws(CardError) -> [UInt8]
}

/// Reads a Thai national ID card over a ``CardChannel``: SELECT the applet, then each field
/// with the read command and GET RESPONSE (in the form the ATR asks for).
public struct ThaiIDCardReader {
    public let channel: any CardChannel
    /// The pause before a read interrupted by a reset is repeated.
    public let retryDelay: TimeInterval

    public init(_ channel: any CardChannel, retryDelay: TimeInterval = 0.3) {
        self.channel = channel
        self.retryDelay = retryDelay
    }

    /// Reads every field (and the photo when asked). Throws ``CardError/notThaiID(_:)`` when
    /// the applet is missing and ``CardError/unreadable(_:)`` for data no card should send.
    public func read(photo: Bool = false) throws(CardError) -> ThaiIDCard {
        try repeatingInterrupted { () throws(CardError) in try readOnce(photo: photo) }
    }

    /// Only the citizen ID (for `phr login --card`: two APDU exchanges after SELECT).
    public func readCitizenID() throws(CardError) -> CitizenID {
        try repeatingInterrupted { () throws(CardError) in
            try select()
            return try ThaiIDCardFields.citizenID(field(.citizenID))
        }
    }

    /// Runs a whole read again (from SELECT) when the card was reset under it, up to 3 times;
    /// fields of two reads are never mixed.
    func repeatingInterrupted<T>(_ body: () throws(CardError) -> T) throws(CardError) -> T {
        var attempt = 0
        while true {
            do throws(CardError) { return try body() } catch {
                attempt += 1
                guard error == .interrupted, attempt < 3 else { throw error }
                Thread.sleep(forTimeInterval: retryDelay)
            }
        }
    }

    func readOnce(photo: Bool) throws(CardError) -> ThaiIDCard {
        try select()
        let cid = try ThaiIDCardFields.citizenID(field(.citizenID))
        let nameTH = try ThaiIDCardFields.name(field(.nameTH), field: "Thai name")
        let nameEN = try ThaiIDCardFields.name(field(.nameEN), field: "English name")
        guard let birth = try ThaiIDCardFields.date(field(.birthDate), field: "birth date") else { throw .unreadable("birth date") }
        let gender = ThaiIDCardFields.gender(try field(.gender))
        let issuer = TIS620.decode(try field(.issuer))
        guard let issued = try ThaiIDCardFields.date(field(.issueDate), field: "issue date") else { throw .unreadable("issue date") }
        let expiry = try ThaiIDCardFields.date(field(.expiryDate), field: "expiry date", lifetime: true)
        let address = ThaiIDCardFields.address(try field(.address))
        var picture: Data?
        if photo {
            var bytes: [UInt8] = []
            for k in 0..<ThaiIDAPDU.photoChunks {
                bytes += try read(offset: ThaiIDAPDU.photoOffset(chunk: k), length: 0xFF)
            }
            picture = ThaiIDCardFields.photo(bytes)
        }
        return ThaiIDCard(cid: cid, nameTH: nameTH, nameEN: nameEN, birthDate: birth, gender: gender, issuer: issuer,
                          issueDate: issued, expiryDate: expiry, address: address, photo: picture, atr: channel.atr)
    }

    func select() throws(CardError) {
        let reply = try exchange(ThaiIDAPDU.select)
        guard reply.isOK || reply.sw1 == 0x61 else { throw .notThaiID(reply.statusWord) }
    }

    func field(_ f: ThaiIDAPDU.Field) throws(CardError) -> [UInt8] {
        try read(offset: f.offset, length: f.length)
    }

    /// One read: the command answers `61 LL` (or data with `90 00` on some readers), then
    /// GET RESPONSE fetches LL bytes; `6C LL` asks for the GET RESPONSE again with LL.
    func read(offset: UInt16, length: UInt8) throws(CardError) -> [UInt8] {
        var reply = try exchange(ThaiIDAPDU.read(offset: offset, length: length))
        if reply.isOK, reply.data.count == Int(length) { return reply.data }
        guard reply.sw1 == 0x61 else { throw .unreadable("read at \(offset) answered \(reply.statusWord)") }
        var want = reply.sw2 == 0 ? length : min(reply.sw2, length)
        for _ in 0..<2 {
            reply = try exchange(ThaiIDAPDU.getResponse(length: want, atr: channel.atr))
            if reply.sw1 == 0x6C, reply.sw2 != 0 { want = reply.sw2; continue }
            break
        }
        if reply.sw1 == 0x69 && reply.sw2 == 0x85 { throw .interrupted }   // no pending answer: the card was reset
        guard reply.isOK else { throw .unreadable("GET RESPONSE at \(offset) answered \(reply.statusWord)") }
        guard reply.data.count <= Int(length) else { throw .unreadable("the card sent more than asked at \(offset)") }
        return reply.data
    }

    func exchange(_ apdu: [UInt8]) throws(CardError) -> APDUResponse {
        guard let reply = APDUResponse(try channel.transmit(apdu)) else { throw .unreadable("a reply without a status word") }
        return reply
    }
}
