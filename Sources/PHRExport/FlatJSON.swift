import Foundation
import PHRModel

/// The flat JSON export, schema `phr-export/1` (docs/export-json.md): one document with the
/// person and, per kind, a list of flat rows (the same columns as the CSV export).
public enum FlatJSON {
    public static let schema = "phr-export/1"

    /// The document for `record` (only `kinds`), exported at `now`.
    public static func document(_ record: HealthRecord, kinds: [RecordKind], now: Date) -> Data {
        var doc: [String: Any] = ["schema": schema, "exported_at": FlatRecord.iso(now), "generator": "phr"]
        if let p = record.person { doc["person"] = person(p) }
        var records: [String: Any] = [:]
        for kind in kinds { records[kind.rawValue] = FlatRecord.rows(kind, record).map(\.jsonObject) }
        doc["records"] = records
        // Keys in byte order: stable output for diffs and golden tests.
        return CanonicalJSON.data(doc)
    }

    static func person(_ p: Person) -> [String: Any] {
        func name(_ n: PersonName?) -> Any {
            guard let n else { return NSNull() }
            return ["prefix": n.prefix, "first": n.first, "middle": n.middle, "last": n.last, "display": n.display]
        }
        return [
            "cid": p.cid.digits, "name_th": name(p.nameTH), "name_en": name(p.nameEN),
            "birth_date": p.birthDate.value?.iso ?? NSNull(), "birth_date_text": p.birthDate.original,
            "gender": p.gender ?? NSNull(), "blood_group": p.bloodGroup ?? NSNull(), "nationality": p.nationality ?? NSNull(),
            "address": p.address ?? NSNull(), "phone": p.phone ?? NSNull(),
            "flags": p.flags.map { ["kind": $0.kind.rawValue, "field": $0.field, "detail": $0.detail] },
        ]
    }
}
