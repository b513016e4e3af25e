// libFuzzer entry point for what phr reads from a smart card: a hostile card's replies to every
// APDU of a full read (SELECT, each field, GET RESPONSE in both ATR forms, the photo), and the
// TIS-620 and field decoders on raw bytes. Built by fuzz/run.sh card together with the PHRModel
// and PHRCard sources (without the PC/SC layer) as one module.
import Foundation

/// A card that answers each APDU with the next slice of the fuzz input: a length byte, then
/// that many reply bytes; when the input runs out, the card is "removed".
final class FuzzCard: CardChannel {
    let atr: [UInt8]
    private var input: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) {
        atr = bytes.first.map { $0 & 1 == 0 ? [0x3B, 0x67, 0x00] : [0x3B, 0x68, 0x00] } ?? []
        input = bytes.dropFirst()
    }

    func transmit(_ apdu: [UInt8]) throws(CardError) -> [UInt8] {
        guard let n = input.first else { throw .removed }
        input = input.dropFirst()
        let reply = Array(input.prefix(Int(n)))
        input = input.dropFirst(Int(n))
        return reply
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCard(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: bytes, count: count))
    _ = TIS620.decode(input)
    _ = try? ThaiIDCardFields.citizenID(input)
    _ = try? ThaiIDCardFields.name(input, field: "fuzz")
    _ = try? ThaiIDCardFields.date(input, field: "fuzz", lifetime: true)
    _ = ThaiIDCardFields.address(input)
    _ = ThaiIDCardFields.photo(input)
    if let card = try? ThaiIDCardReader(FuzzCard(input), retryDelay: 0).read(photo: input.count > 600) {
        _ = card.isExpired(today: CivilDateTime(year: 2026, month: 12, day: 2))
        _ = card.addressLine
        _ = card.birthDate.description
    }
    return 0
}
