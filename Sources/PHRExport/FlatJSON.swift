import Foundation
import PHRModel
import PHRRender

/// The flat JSON export, schema `phr-export/3` (docs/export-json.md): one document with the
/// person, what the export covers, the safety facts of the whole record and, per kind, a list
/// of flat rows (the same columns as the CSV export).
public enum FlatJSON {
    public static let schema = "phr-export/3"

    /// The document for `record` under `scope` (its kinds, and the filter it was read with),
    /// exported at `now`. `safety` is the whole record's summary (allergies, chronic conditions,
    /// current medicines), which a filter never narrows.
    public static func document(_ record: HealthRecord, scope: RecordScope = .whole, safety: HealthRecord? = nil, now: Date) -> Data {
        var doc: [String: Any] = ["schema": schema, "exported_at": FlatRecord.iso(now), "generator": "phr",
                                  "filter": filter(scope), "shared": RecordKind.allCases.filter(scope.shared.contains).map(\.rawValue)]
        if let p = record.person { doc["person"] = person(p) }
        var records: [String: Any] = [:]
        for kind in scope.kinds where scope.shared.contains(kind) { records[kind.rawValue] = FlatRecord.rows(kind, record).map(\.jsonObject) }
        doc["records"] = records
        if let safety {
            var facts: [String: Any] = [:]
            if scope.shared.contains(.allergies) { facts["allergies"] = rows(.allergies, HealthRecord(allergies: safety.allergies)) }
            if scope.shared.contains(.conditions) {
                facts["chronic_conditions"] = rows(.conditions, HealthRecord(conditions: safety.conditions.filter(\.isChronic)))
            }
            if scope.shared.contains(.meds) {
                facts["current_meds"] = rows(.meds, HealthRecord(medications: CurrentMedicines(safety.medications).medications))
            }
            doc["safety"] = facts
        }
        // Keys in byte order: stable output for diffs and golden tests.
        return CanonicalJSON.data(doc)
    }

    static func rows(_ kind: RecordKind, _ record: HealthRecord) -> [Any] {
        FlatRecord.rows(kind, record).map(\.jsonObject)
    }

    /// The filter the records were read with, or null for the whole record.
    static func filter(_ scope: RecordScope) -> Any {
        guard scope.isFiltered else { return NSNull() }
        return ["since": scope.since.map { $0.iso as Any } ?? NSNull(), "unit": scope.unit.map { $0.value as Any } ?? NSNull(),
                "limit": scope.limit.map { $0 as Any } ?? NSNull(), "kinds": scope.kinds.map(\.rawValue),
                "test": scope.test.map { $0.id as Any } ?? NSNull()]
    }

    static func person(_ p: Person) -> [String: Any] {
        func name(_ n: PersonName?) -> Any {
            guard let n else { return NSNull() }
            return ["prefix": n.prefix, "first": n.first, "middle": n.middle, "last": n.last, "display": n.display]
        }
        return [
            "cid": p.cid.digits, "name_th": name(p.nameTH), "name_en": name(p.nameEN),
            "birth_date": p.birthDate.trusted?.iso ?? NSNull(), "birth_date_text": p.birthDate.original,
            "gender": p.gender ?? NSNull(), "blood_group": p.bloodGroup ?? NSNull(), "nationality": p.nationality ?? NSNull(),
            "address": p.address ?? NSNull(), "phone": p.phone ?? NSNull(), "allergy_summary": p.allergySummary ?? NSNull(),
            "flags": p.flags.map { ["kind": $0.kind.rawValue, "field": $0.field, "detail": $0.detail] },
        ]
    }

    /// `phr show flags --json`: every record with doubtful data (``FlaggedEntry``), with where
    /// it came from, the problems in English words and the next step.
    public static func flags(_ entries: [FlaggedEntry], now: Date) -> Data {
        CanonicalJSON.data([
            "schema": schema, "exported_at": FlatRecord.iso(now), "generator": "phr",
            "flagged": entries.map { e -> [String: Any] in
                [
                    "kind": e.kind?.rawValue ?? "person", "key": e.key, "what": e.what,
                    "date": e.date.trusted?.iso ?? NSNull(), "date_text": e.date.original, "sort_date": e.date.plausible?.iso ?? NSNull(),
                    "unit": e.provenance.unit?.value ?? NSNull(), "unit_name": e.provenance.unitName ?? NSNull(),
                    "visit": e.visit ?? NSNull(), "source_action": e.provenance.action,
                    "flags": e.flags.map { "\($0.kind.rawValue):\($0.field):\($0.detail)" },
                    "problems": e.problems, "next_step": e.nextStep,
                ]
            },
        ] as [String: Any])
    }
}
