// libFuzzer entry point for what phr reads from the network: the envelope's verdict scanner
// (EnvelopeStatus, which walks raw bytes), the envelope parser, the tolerant
// row accessors, the row → record mapping (every kind) and the Thai date and CID parsers they
// call. Built by fuzz/run.sh together with the PHRModel and PHRWire sources as one module.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let mapper = WireMapper(fetchedAt: Date(timeIntervalSince1970: 0),
                            dates: ThaiDateParser(now: CivilDateTime.from(Date(timeIntervalSince1970: 1_700_000_000))))
    if let text = String(data: data.prefix(64), encoding: .utf8) {
        _ = mapper.dates.parse(text, field: "fuzz")
        _ = mapper.dates.parse(text, field: "fuzz", era: .buddhist)
        _ = try? CitizenID(text)
    }
    let verdict = EnvelopeStatus(body: data)
    guard let envelope = try? Envelope(data: data) else { return 0 }
    // Where both read it, the scanner and the parser agree on MessageCode.
    if let code = verdict.messageCode, envelope.messageCode != code { fatalError("MessageCode \(code) vs \(String(describing: envelope.messageCode))") }
    let request = ActionRequest(.encounter)
    if let summary = try? envelope.object(of: ActionRequest(.patientSummary)) {
        _ = try? mapper.person(summary: summary, addresses: summary.list("Address"), telecoms: summary.list("Telecom"))
    }
    guard let rows = try? envelope.rows(of: request) else { return 0 }
    _ = rows.compactMap(mapper.encounter)
    _ = mapper.vitals(rows, encounters: rows)
    for row in rows {
        _ = mapper.condition(row, encounter: "10699:1")
        _ = mapper.chronicCondition(row)
        _ = mapper.medication(row, encounter: "10699:1")
        _ = mapper.allergy(row)
        _ = mapper.immunization(row)
        _ = mapper.coverage(row)
        for key in ["a", "DATE_SERV", "SBP"] { _ = (row.text(key), row.number(key), row.bool(key), row.object(key)) }
    }
    return 0
}
